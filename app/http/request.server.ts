import { isIP } from 'node:net'
import { CLIENT_ADDRESS_HEADER } from '#app/http/client-address.server.js'

/** The address key of requests that did not come through server.js: see clientAddress. */
export const UNKNOWN_ADDRESS = 'unknown'

/**
 * Where a request came from, for the audit log and the sign-in limits: the address server.js worked out (the
 * socket's, or a trusted proxy's X-Forwarded-For: app/http/client-address.server.js) and wrote into
 * x-client-address over anything the client sent. X-Forwarded-For itself is never read here: any client can
 * write it, and a new address on every guess would escape a per-address limit.
 *
 * Without that header (the Vite dev server, tests that build a Request by hand, any server but server.js) the
 * answer is the fixed key 'unknown' rather than '': such requests then share one address's limit, so a
 * per-address limit always applies instead of silently applying to none.
 */
export function clientAddress(request: Request): string {
	const value = request.headers.get(CLIENT_ADDRESS_HEADER)?.trim() ?? ''
	// Node reports IPv4 clients of a dual-stack socket as ::ffff:a.b.c.d.
	const address = value.replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/i, '')
	return isIP(address) ? address : UNKNOWN_ADDRESS
}

export function userAgent(request: Request): string {
	return (request.headers.get('user-agent') ?? '').slice(0, 300)
}

/**
 * A path on this site to go to after sign-in; anything else falls back. Refused: other hosts ('//evil',
 * 'https://evil'), backslashes anywhere (browsers read '/\evil' as '//evil'), control characters (URL parsers
 * drop a tab or newline, so '/\t/evil' becomes '//evil'; CR or LF cannot go in the Location header at all) and
 * anything else outside printable ASCII (the header cannot carry it either; the app's own paths are always
 * percent-encoded).
 */
export function safeRedirect(to: FormDataEntryValue | string | null | undefined, fallback = '/'): string {
	if (typeof to !== 'string' || !to.startsWith('/') || to.startsWith('//')) return fallback
	if (/[^\u0020-\u007e]|\\/.test(to)) return fallback
	try {
		if (new URL(to, 'http://x').origin !== 'http://x') return fallback
	} catch {
		return fallback
	}
	return to
}

/**
 * The network a per-address limit counts: an IPv4 address as it is, an IPv6 address by its /64 (a home or an
 * office is given a whole /64, so counting single IPv6 addresses would hand out 2^64 fresh ones).
 */
export function addressNetwork(address: string): string {
	if (isIP(address) !== 6) return address
	const [head = '', tail] = address.split('%')[0]!.toLowerCase().split('::')
	const groups = (part: string | undefined) => (part ? part.split(':') : [])
	// An IPv4 tail (64:ff9b::192.0.2.1) fills two groups.
	const size = (parts: string[]) => parts.reduce((n, part) => n + (part.includes('.') ? 2 : 1), 0)
	const left = groups(head)
	const right = groups(tail)
	const all = [...left, ...Array<string>(Math.max(0, 8 - size(left) - size(right))).fill('0'), ...right]
	return `${all
		.slice(0, 4)
		.map((group) => Number.parseInt(group, 16).toString(16))
		.join(':')}::/64`
}
