import { expect, test } from 'vitest'
import { expectEach } from '#tests/expect-each.ts'
import { addressNetwork, clientAddress, safeRedirect, UNKNOWN_ADDRESS } from './request.server.ts'

const withHeaders = (headers: Record<string, string>) => new Request('http://localhost/', { headers })

test('safeRedirect keeps paths on this site, with their query and fragment', () => {
	expect(safeRedirect('/school?page=2')).toBe('/school?page=2')
	expect(safeRedirect('/reviews/abc#part-3')).toBe('/reviews/abc#part-3')
	expect(safeRedirect('/caseload?q=a%20b')).toBe('/caseload?q=a%20b')
	expect(safeRedirect('/timeliness/reviews', '/caseload')).toBe('/timeliness/reviews')
})

test('safeRedirect refuses other sites, however they are written', () => {
	for (const to of [
		'//evil.example',
		'https://evil.example/',
		'evil.example',
		'',
		'javascript:alert(1)',
		'/\\evil.example',
		'/\\/evil.example',
		'/x\\y',
		'\\\\evil.example',
	]) {
		expect(safeRedirect(to), JSON.stringify(to)).toBe('/')
	}
	expect(safeRedirect(null)).toBe('/')
	expect(safeRedirect(undefined, '/caseload')).toBe('/caseload')
	expect(safeRedirect(new File([], 'x'))).toBe('/')
})

test('safeRedirect refuses control characters, which URL parsers drop or headers cannot carry', () => {
	// '/\t/evil.example' is '//evil.example' to a browser; CR and LF made the Location header throw after the session was created.
	for (const to of ['/\t/evil.example', '/\n/evil.example', '/\r\n/evil.example', '/school\r\nSet-Cookie: x=1', '/\u0000', '/a\u007fb', '/\u001f']) {
		expect(safeRedirect(to), JSON.stringify(to)).toBe('/')
	}
	// Nor anything else outside printable ASCII (a Headers value cannot hold it): the app's own paths are percent-encoded.
	expect(safeRedirect('/caf\u00e9')).toBe('/')
	expect(safeRedirect('/\u2028//evil.example')).toBe('/')
	expect(() => new Headers({ location: safeRedirect('/\u4e2d') })).not.toThrow()
})

test('clientAddress reads only the address server.js wrote, never X-Forwarded-For, and is "unknown" without it', () => {
	expect(clientAddress(withHeaders({ 'x-client-address': '203.0.113.9', 'x-forwarded-for': '198.51.100.1' }))).toBe('203.0.113.9')
	expect(clientAddress(withHeaders({ 'x-forwarded-for': '198.51.100.1' }))).toBe(UNKNOWN_ADDRESS)
	expect(clientAddress(withHeaders({}))).toBe('unknown')
	// Node's dual-stack sockets report IPv4 clients as IPv4-mapped IPv6.
	expect(clientAddress(withHeaders({ 'x-client-address': '::ffff:203.0.113.9' }))).toBe('203.0.113.9')
	expect(clientAddress(withHeaders({ 'x-client-address': '2001:db8::1' }))).toBe('2001:db8::1')
	// Anything that is not an address (only possible where server.js is not in front) counts as unknown.
	expect(clientAddress(withHeaders({ 'x-client-address': 'evil, 1.2.3.4' }))).toBe('unknown')
})

test('addressNetwork counts an IPv6 address by its /64 and an IPv4 address as it is', () => {
	expectEach(addressNetwork, [
		['203.0.113.9', '203.0.113.9'],
		['unknown', 'unknown'],
		['2001:db8:1:2:aaaa:bbbb:cccc:dddd', '2001:db8:1:2::/64'],
		['2001:DB8:1:2::1', '2001:db8:1:2::/64'],
		['2001:0db8:0001:0002:0:0:0:ffff', '2001:db8:1:2::/64'],
		['2001:db8::1', '2001:db8:0:0::/64'],
		['::1', '0:0:0:0::/64'],
		['fe80::1%eth0', 'fe80:0:0:0::/64'],
		['64:ff9b::192.0.2.1', '64:ff9b:0:0::/64'],
		['2001:db8:1:2:3:4:192.0.2.1', '2001:db8:1:2::/64'],
	])
})
