import { expect, test } from 'vitest'
import { expectEach } from '#tests/expect-each.ts'
import { accessLogEntry, redactUrl } from './access-log.server.js'

test('the access log hides calendar feed keys, set-password tokens and family sign-in links in paths', () => {
	expectEach(redactUrl, [
		['/family/sign-in/abcDEF123_-xyz', '/family/sign-in/[redacted]'],
		['/family/sign-in/abcDEF123.data', '/family/sign-in/[redacted]'],
		['/Family/Sign-In/abc', '/Family/Sign-In/[redacted]'],
		['/calendar/Zm9vYmFyYmF6cXV4.ics', '/calendar/[redacted]'],
		['/set-password/abcDEF123_-xyz', '/set-password/[redacted]'],
		['/set-password/abcDEF123.data?_routes=routes%2Fset-password', '/set-password/[redacted]?_routes=routes%2Fset-password'],
		['/Set-Password/abc/', '/Set-Password/[redacted]'],
		['//calendar/key.ics', '//calendar/[redacted]'],
	])
})

test('the access log hides token= query parameters wherever they are', () => {
	expectEach(redactUrl, [
		['/anything?token=s3cret', '/anything?token=[redacted]'],
		['/x?a=1&token=s3cret&b=2', '/x?a=1&token=[redacted]&b=2'],
		['/x?TOKEN=s3cret#frag', '/x?TOKEN=[redacted]#frag'],
		['/x?notoken=visible', '/x?notoken=visible'],
	])
})

test('the access log leaves every other address as it was', () => {
	for (const url of [
		'/',
		'/calendar',
		'/calendar/',
		'/family/sign-in',
		'/family/sign-in/',
		'/family/reviews/abc',
		'/caseload?q=smith&page=2',
		'/reviews/abc/evidence/def',
		'/sign-in?redirectTo=%2Fcaseload',
		'/assets/entry-ABC.js',
	]) {
		expect(redactUrl(url)).toBe(url)
	}
})

test('a request is logged as one record: its id, the redacted address, the status and the time', () => {
	const request = { requestId: 'r-1', method: 'GET', url: '/set-password/s3cret?token=x', status: 200, durationMs: 12.345, finished: true }
	expect(accessLogEntry({ ...request, bytes: '1024' })).toEqual({
		reqId: 'r-1',
		method: 'GET',
		url: '/set-password/[redacted]?token=[redacted]',
		status: 200,
		ms: 12.3,
		bytes: 1024,
	})
	expect(accessLogEntry(request)).not.toHaveProperty('bytes')
	expect(accessLogEntry({ ...request, finished: false })).toMatchObject({ aborted: true })
})
