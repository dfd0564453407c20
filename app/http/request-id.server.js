// Every request's id (plain JavaScript: server.js runs in Node without tsx). A proxy or load balancer in front
// often names each request (X-Request-Id); keeping its id lets one request be followed from the proxy's log to ours.
// The header comes from outside, though, so it is kept only when it is a short, plain token (a UUID, a proxy's
// trace id): anything longer or with other characters could forge or break log lines, and is replaced. server.js
// puts the id on the request (the app reads `request.headers.get('x-request-id')`) and in the response's header.
import { randomUUID } from 'node:crypto'

const SAFE_REQUEST_ID = /^[A-Za-z0-9][A-Za-z0-9._:=+/-]{0,63}$/

/**
 * The incoming X-Request-Id when it is a safe token (1-64 characters: letters, digits and . _ : = + / -, starting
 * with a letter or digit), otherwise a new random UUID.
 * @param {string | string[] | undefined | null} header the X-Request-Id header as received (node gives an array when repeated)
 * @returns {string}
 */
export function requestIdFrom(header) {
	const value = Array.isArray(header) ? undefined : header
	return typeof value === 'string' && SAFE_REQUEST_ID.test(value) ? value : randomUUID()
}

/**
 * Express middleware: decides the request's id, overwrites the request's X-Request-Id header with it (so the app
 * sees the id that was logged, never an unsafe one) and echoes it in the response.
 * @param {import('node:http').IncomingMessage & { id?: string }} req
 * @param {import('node:http').ServerResponse} res
 * @param {() => void} next
 */
export function assignRequestId(req, res, next) {
	const id = requestIdFrom(req.headers['x-request-id'])
	req.id = id
	req.headers['x-request-id'] = id
	res.setHeader('X-Request-Id', id)
	next()
}
