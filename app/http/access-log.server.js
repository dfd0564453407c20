// The access log's view of a request's address (plain JavaScript: server.js runs in Node without tsx).
// Some addresses carry a credential: a calendar feed's key (/calendar/<key>.ics) and an invitation or
// password-reset token (/set-password/<token>, and any token= query parameter), and a family member's sign-in link
// (/family/sign-in/<token>, docs/decisions/017). Anyone who can read the
// logs could use them, so the log shows [redacted] in their place. Routes match case-insensitively.

const SECRET_PATH = /(^|\/)(calendar|set-password|family\/sign-in)\/[^?#]+/gi
const SECRET_PARAMETER = /([?&;]token=)[^&;#]*/gi

/**
 * The URL with secret path segments and token parameters replaced by [redacted].
 * @param {string} url a request target such as `/set-password/abc?x=1`
 * @returns {string}
 */
export function redactUrl(url) {
	const queryAt = url.indexOf('?')
	const path = queryAt === -1 ? url : url.slice(0, queryAt)
	const query = queryAt === -1 ? '' : url.slice(queryAt)
	return path.replace(SECRET_PATH, '$1$2/[redacted]') + query.replace(SECRET_PARAMETER, '$1[redacted]')
}

/**
 * The access log's record of one request (a pino JSON line): the address redacted, the time in milliseconds to a
 * tenth, and whether the client went away before the response was finished.
 * @param {{ requestId: string, method: string, url: string, status: number, durationMs: number, bytes?: number | string | undefined, finished: boolean }} request
 */
export function accessLogEntry({ requestId, method, url, status, durationMs, bytes, finished }) {
	const length = Number(bytes)
	return {
		reqId: requestId,
		method,
		url: redactUrl(url),
		status,
		ms: Math.round(durationMs * 10) / 10,
		...(Number.isFinite(length) && bytes !== undefined && bytes !== '' ? { bytes: length } : {}),
		...(finished ? {} : { aborted: true }),
	}
}

/**
 * Express middleware: one line a request on `logger` (pino), written when the response is done (or the connection
 * closed under it). Needs the request id set first (request-id.server.js).
 * @param {{ info: (entry: object, message: string) => void }} logger
 */
export function accessLog(logger) {
	return (req, res, next) => {
		const started = process.hrtime.bigint()
		res.once('close', () => {
			const entry = accessLogEntry({
				requestId: req.id ?? String(req.headers['x-request-id'] ?? ''),
				method: req.method,
				url: req.originalUrl || req.url,
				status: res.statusCode,
				durationMs: Number(process.hrtime.bigint() - started) / 1e6,
				bytes: res.getHeader('content-length'),
				finished: res.writableFinished,
			})
			logger.info(entry, 'request')
		})
		next()
	}
}
