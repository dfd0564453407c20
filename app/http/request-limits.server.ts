// Every request that changes something is bounded before anything parses or validates it: one place for the
// limits on a form's size, its fields and their names, and for the Origin check (docs/decisions/014).
//
// Why: conform's parser builds an array as long as the largest index it sees, so the 27-byte body
// `invitees%5B100000%5D.name=x` made a worker allocate gigabytes and die (issue 10). A form here never has more
// than a few dozen rows, so an index above MAX_INDEX is refused with 400 before parsing; a body that is not form
// data is refused with 415; a body beyond the size or field limits with 413.
import type { MiddlewareFunction } from 'react-router'
import { env } from '#app/env.server.ts'
import { multipartBoundary, readMultipart } from '#app/http/multipart.server.ts'

export const FORM_LIMITS = {
	/** Largest form without a file (URL-encoded, or multipart with text fields only). */
	maxBytes: 1024 * 1024,
	/** Most fields in one form. */
	maxFields: 1000,
	/** Largest array index in a field name (`outcomes[42].progress`). */
	maxIndex: 199,
	/** Longest field name. */
	maxNameLength: 200,
}

const MIB = 1024 * 1024
const MUTATING = new Set(['POST', 'PUT', 'PATCH', 'DELETE'])

/** The pages whose forms carry files: only they take a multipart body larger than a text form (streamed, never buffered). */
export const UPLOAD_PATTERNS = new Set([
	'/reviews/:reviewId/evidence',
	'/admin/import',
	'/council/reviews/:reviewId/representations/new',
	// The family's own (issue 14): a drawing or photo with the child's views, a letter with a representation.
	'/family/reviews/:reviewId/views/:part',
	'/family/reviews/:reviewId/representation',
])

export function badRequest(message = 'The form could not be read. Go back and try again.'): Response {
	return new Response(message, { status: 400, statusText: 'Bad Request' })
}
export function tooLarge(message = 'The form is too large. Go back and try again with less.'): Response {
	return new Response(message, { status: 413, statusText: 'Payload Too Large' })
}
export function unsupportedType(): Response {
	return new Response('This page only accepts a form submitted from the service.', { status: 415, statusText: 'Unsupported Media Type' })
}

/**
 * conform's own control fields. It reads them as JSON before any schema sees the form, so a bad one threw (a 500),
 * and an "update" intent names a field by path, past the index limit: `outcomes[100000000]` built an array of a
 * hundred million entries. The service's forms work without JavaScript and send neither.
 */
const CONTROL_FIELDS = new Set(['__intent__', '__state__'])

/**
 * The names every object has (toString, valueOf, __proto__...). `reason.toString=x` made the parsed answer an
 * object, and React threw drawing it back in the field (a 500); no field of the service has one.
 */
const OBJECT_NAMES = new Set(Object.getOwnPropertyNames(Object.prototype))

/** Why a form field's name is refused, or null when it is acceptable. */
export function fieldNameProblem(name: string): string | null {
	if (name.length > FORM_LIMITS.maxNameLength) return 'a field name is too long'
	if (CONTROL_FIELDS.has(name)) return 'a field name is one no page sends'
	if (name.split(/[.[\]]/).some((part) => OBJECT_NAMES.has(part))) return 'a field name is one no page sends'
	for (const match of name.matchAll(/\[([^\]]*)\]/g)) {
		const index = match[1]!
		if (/^\d+$/.test(index) && (index.length > 3 || Number(index) > FORM_LIMITS.maxIndex)) return 'a field index is out of range'
	}
	return null
}

/** Throws a 400 Response when a field's name is out of bounds. */
export function assertFieldName(name: string) {
	if (fieldNameProblem(name)) throw badRequest()
}

/**
 * Throws a 400 Response for a NUL character in a field's value: no keyboard types one, and PostgreSQL cannot store
 * one in text (the query failed: a 500).
 */
export function assertFieldValue(value: string) {
	if (value.includes('\0')) throw badRequest()
}

type Kind = 'urlencoded' | 'multipart' | 'none' | 'other'

function bodyKind(request: Request): Kind {
	const type = (request.headers.get('content-type') ?? '').toLowerCase()
	if (!type) return hasBody(request) ? 'other' : 'none'
	if (/^application\/x-www-form-urlencoded\s*(;|$)/.test(type)) return 'urlencoded'
	if (/^multipart\/form-data\s*;/.test(type) && multipartBoundary(request)) return 'multipart'
	return hasBody(request) ? 'other' : 'none'
}

function hasBody(request: Request) {
	const length = request.headers.get('content-length')
	if (length !== null) return length.trim() !== '0'
	return request.headers.has('transfer-encoding')
}

function declaredLength(request: Request): number | null {
	const length = request.headers.get('content-length')
	if (length === null) return null
	const n = Number(length)
	return Number.isSafeInteger(n) && n >= 0 ? n : Number.POSITIVE_INFINITY
}

/** Reads a body up to `max` bytes; more is a 413, whatever Content-Length said. */
async function readBounded(body: ReadableStream<Uint8Array> | null, max: number): Promise<Buffer> {
	if (!body) return Buffer.alloc(0)
	const chunks: Buffer[] = []
	let size = 0
	const reader = body.getReader()
	try {
		for (;;) {
			const { done, value } = await reader.read()
			if (done) break
			size += value.byteLength
			// Stop reading but do not cancel: cancelling destroys the socket, and the browser would show a
			// connection reset instead of our answer (as readMultipart does).
			if (size > max) throw tooLarge()
			chunks.push(Buffer.from(value.buffer, value.byteOffset, value.byteLength))
		}
	} finally {
		reader.releaseLock()
	}
	return Buffer.concat(chunks)
}

/**
 * The form of a request, bounded: URL-encoded (as every page's form sends it) or a multipart form of text fields.
 * Every action reads its form through this (never `request.formData()`), so the limits hold wherever a form
 * arrives; forms with files stream through `readMultipart`, which applies the same name and count limits.
 */
export async function readForm(request: Request): Promise<FormData> {
	const kind = bodyKind(request)
	const form = new FormData()
	if (kind === 'none') return form
	if (kind === 'other') throw unsupportedType()
	if ((declaredLength(request) ?? 0) > FORM_LIMITS.maxBytes) throw tooLarge()
	if (kind === 'multipart') {
		let fields = 0
		let bytes = 0
		await readMultipart(
			request.body ?? new ReadableStream(),
			multipartBoundary(request)!,
			({ name, filename }) => {
				if (++fields > FORM_LIMITS.maxFields) throw tooLarge()
				const chunks: Buffer[] = []
				return {
					write(chunk) {
						if ((bytes += chunk.length) > FORM_LIMITS.maxBytes) throw tooLarge()
						if (filename === null) chunks.push(Buffer.from(chunk))
					},
					end() {
						// A file sent to a page without an upload is ignored; its field stays empty.
						if (name === null || filename !== null) return
						const value = Buffer.concat(chunks).toString('utf8')
						assertFieldValue(value)
						form.append(name, value)
					},
				}
			},
			{ maxParts: FORM_LIMITS.maxFields, maxSkippedBytes: FORM_LIMITS.maxBytes },
		)
		return form
	}
	const text = (await readBounded(request.body, FORM_LIMITS.maxBytes)).toString('utf8')
	let count = 0
	for (const [name, value] of new URLSearchParams(text)) {
		if (++count > FORM_LIMITS.maxFields) throw tooLarge()
		assertFieldName(name)
		assertFieldValue(value)
		form.append(name, value)
	}
	return form
}

/** The origins a form may be posted from: the address people use (APP_URL) and the one this request came to. */
function sameOrigin(request: Request): boolean {
	const origin = request.headers.get('origin')
	// Browsers send Origin with every POST; a request without one did not come from another site's page.
	if (origin === null) return true
	return origin === new URL(request.url).origin || origin === new URL(env.APP_URL).origin
}

/**
 * The root route's middleware, so it runs for every route, pages and resource routes alike (React Router checks
 * Origin for pages' actions only; POST /sign-out is a resource route): state-changing requests must come from the
 * service's own pages and carry a form of bounded size.
 */
export const requestLimits: MiddlewareFunction<Response> = async ({ request, pattern }, next) => {
	if (MUTATING.has(request.method)) {
		if (!sameOrigin(request)) throw new Response('This form was not sent from this service.', { status: 403, statusText: 'Forbidden' })
		const kind = bodyKind(request)
		if (kind === 'other') throw unsupportedType()
		const length = declaredLength(request)
		const max = kind === 'multipart' && UPLOAD_PATTERNS.has(pattern) ? env.MAX_UPLOAD_MB * MIB + MIB : FORM_LIMITS.maxBytes
		if (length !== null && length > max) throw tooLarge()
	}
	return next()
}
