// A streaming multipart/form-data reader (RFC 7578) for uploads: evidence (app/storage/evidence.server.ts) and
// the caseload import (app/services/import/index.server.ts). It pulls one chunk at a time and waits for each part's sink,
// so memory holds at most a chunk plus a boundary, whatever the file's size. (@remix-run/form-data-parser 0.17
// collects each part's bytes in memory before handing it over, so it cannot give us that.)

import { assertFieldName } from '#app/http/request-limits.server.ts'

/** Where one part's bytes go, as they arrive; `end` when the part is complete. */
export interface PartSink {
	write(chunk: Buffer): void | Promise<void>
	end?(): void | Promise<void>
}

export interface MultipartLimits {
	/** Most parts in one form (413 beyond). */
	maxParts?: number
	/** Largest header block of one part (400 beyond). */
	maxHeaderBytes?: number
	/** Most bytes outside any sink: the preamble and parts no one wanted (400 beyond). */
	maxSkippedBytes?: number
}

const MIB = 1024 * 1024
const malformed = () => new Response('The upload could not be read', { status: 400 })

/** The boundary of a multipart/form-data request, or null when it is not one. */
export function multipartBoundary(request: Request): string | null {
	const contentType = request.headers.get('Content-Type') ?? ''
	if (!/^multipart\/form-data\s*;/i.test(contentType)) return null
	const match = /;\s*boundary=(?:"([^"]{1,70})"|([^;\s]{1,70}))/i.exec(contentType)
	return match ? (match[1] ?? match[2] ?? null) : null
}

/**
 * Reads the body part by part: `openPart` is given each part's field name and file name and returns the sink for
 * its bytes, or null to skip them. Stops at the closing boundary, or when a sink throws (the error propagates).
 * It releases the body rather than cancel it: cancelling destroys the socket, and the browser would show a
 * connection reset instead of our answer.
 */
export async function readMultipart(
	body: ReadableStream<Uint8Array>,
	boundary: string,
	openPart: (part: { name: string | null; filename: string | null }) => PartSink | null,
	{ maxParts = 1000, maxHeaderBytes = 16 * 1024, maxSkippedBytes = 4 * MIB }: MultipartLimits = {},
): Promise<void> {
	const delimiter = Buffer.from(`\r\n--${boundary}`)
	const reader = body.getReader()
	// The first boundary has no CRLF before it; adding one lets a single search find every boundary.
	let buffer: Buffer = Buffer.from('\r\n')
	let state: 'preamble' | 'boundary' | 'headers' | 'body' = 'preamble'
	let sink: PartSink | null = null
	let parts = 0
	let skipped = 0

	const readMore = async () => {
		const { done, value } = await reader.read()
		if (done) throw malformed() // the body ended before the closing boundary
		const chunk = Buffer.from(value.buffer, value.byteOffset, value.byteLength)
		buffer = buffer.length ? Buffer.concat([buffer, chunk]) : chunk
	}

	try {
		for (;;) {
			if (state === 'preamble' || state === 'body') {
				const at = buffer.indexOf(delimiter)
				// Without a boundary, everything but a possible partial boundary at the end belongs to the part.
				const end = at === -1 ? Math.max(0, buffer.length - (delimiter.length - 1)) : at
				if (end > 0) {
					if (sink) await sink.write(buffer.subarray(0, end))
					else if ((skipped += end) > maxSkippedBytes) throw malformed()
				}
				if (at === -1) {
					buffer = buffer.subarray(end)
					await readMore()
					continue
				}
				await sink?.end?.()
				sink = null
				buffer = buffer.subarray(at + delimiter.length)
				state = 'boundary'
			}
			if (state === 'boundary') {
				while (buffer.length < 2) await readMore()
				if (buffer[0] === 0x2d && buffer[1] === 0x2d) return // "--": the closing boundary
				state = 'headers'
			}
			if (state === 'headers') {
				// The buffer starts with the CRLF ending the boundary line, so a part without headers is CRLF CRLF.
				const end = buffer.indexOf('\r\n\r\n')
				if (end === -1) {
					if (buffer.length > maxHeaderBytes) throw malformed()
					await readMore()
					continue
				}
				if (++parts > maxParts) throw new Response('The form is too large', { status: 413 })
				const part = partDisposition(buffer.subarray(0, end).toString('utf8'))
				// The same bounds on field names as every other form (app/http/request-limits.server.ts).
				if (part.name !== null) assertFieldName(part.name)
				sink = openPart(part)
				buffer = buffer.subarray(end + 4)
				state = 'body'
			}
		}
	} finally {
		reader.releaseLock()
	}
}

/** The field name and file name from a part's Content-Disposition (browsers percent-encode `"`, CR and LF). */
export function partDisposition(headers: string): { name: string | null; filename: string | null } {
	const line = headers.split('\r\n').find((h) => /^content-disposition\s*:/i.test(h)) ?? ''
	const params = new Map<string, string>()
	for (const m of line.matchAll(/;\s*([^\s=;]+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^;]*))/g)) {
		const key = m[1]!.toLowerCase()
		if (!params.has(key)) params.set(key, m[2] !== undefined ? m[2].replace(/\\(.)/g, '$1') : m[3]!.trim())
	}
	const unescape = (s: string) => s.replace(/%22/g, '"').replace(/%0D/gi, '\r').replace(/%0A/gi, '\n')
	let filename = params.has('filename') ? unescape(params.get('filename')!) : null
	const extended = /^utf-8'[^']*'(.*)$/i.exec(params.get('filename*') ?? '')
	if (extended) {
		try {
			filename = decodeURIComponent(extended[1]!)
		} catch {
			// keep the plain filename
		}
	}
	return { name: params.has('name') ? unescape(params.get('name')!) : null, filename }
}
