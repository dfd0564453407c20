// Where a request came from, as server.js tells the app (plain JavaScript: server.js runs in Node without tsx).
//
// X-Forwarded-For is written by whoever sends the request, so it is believed only when TRUST_PROXY names the
// proxy in front of the portal; otherwise the address is the socket's. server.js gives express this setting
// ('trust proxy'), takes express's answer (req.ip) and writes it into CLIENT_ADDRESS_HEADER on every request,
// replacing whatever the client sent in that header. React Router's express adapter builds the app's Request
// from req.headers (@react-router/express 7.18 createRemixHeaders), so the app sees only server.js's value.

import { isIP } from 'node:net'

export const CLIENT_ADDRESS_HEADER = 'x-client-address'

// proxy-addr's names for address ranges (express's 'trust proxy' accepts them).
const RANGE_NAMES = new Set(['loopback', 'linklocal', 'uniquelocal'])

/**
 * TRUST_PROXY as express's 'trust proxy' setting: unset, empty, `false` or `0` trusts no proxy (false);
 * a whole number is how many proxies stand in front (hops); otherwise comma-separated addresses, CIDR ranges
 * or range names (`127.0.0.1,10.0.0.0/8`, `loopback`). `true` (trust every hop) is refused: it would let any
 * client choose its own address by sending X-Forwarded-For. Throws with a message saying what is wrong.
 * @param {string | undefined} value
 * @returns {false | number | string[]}
 */
export function trustProxySetting(value) {
	const text = (value ?? '').trim()
	if (text === '' || text === 'false' || text === '0') return false
	if (text === 'true') throw new Error('true would trust every client’s X-Forwarded-For: give the number of proxies or their addresses')
	if (/^\d+$/.test(text)) {
		const hops = Number(text)
		if (hops > 10) throw new Error('a number of proxies from 0 to 10, or their addresses')
		return hops
	}
	const entries = text.split(',').map((entry) => entry.trim())
	for (const entry of entries) {
		if (RANGE_NAMES.has(entry)) continue
		const [address = '', prefix, extra] = entry.split('/')
		const version = isIP(address)
		const prefixOk = prefix === undefined || (/^\d+$/.test(prefix) && Number(prefix) <= (version === 6 ? 128 : 32))
		if (!version || !prefixOk || extra !== undefined) {
			throw new Error(`"${entry}" is not an address, a CIDR range or one of ${[...RANGE_NAMES].join(', ')}`)
		}
	}
	return entries
}

/**
 * Express middleware: CLIENT_ADDRESS_HEADER := express's req.ip (the socket's address, or the one the trusted
 * proxies forwarded), overwriting anything the client sent under that name.
 * @param {{ ip?: string, headers: Record<string, string | string[] | undefined> }} req
 * @param {unknown} _res
 * @param {() => void} next
 */
export function setClientAddress(req, _res, next) {
	delete req.headers[CLIENT_ADDRESS_HEADER]
	if (req.ip) req.headers[CLIENT_ADDRESS_HEADER] = req.ip
	next()
}
