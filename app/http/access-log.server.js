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
