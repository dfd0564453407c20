// Documents the portal generates (review records, bundles, letters, notices): kept as issued under a
// random key in DOCUMENTS_DIR, outside the web root, and served only through permission-checked routes.
import { randomBytes } from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import { Readable } from 'node:stream'
import { env } from '#app/env.server.ts'

const KEY = /^[a-f0-9]{32}$/

export function documentPath(storageKey: string) {
	if (!KEY.test(storageKey)) throw new Error('Invalid document key')
	return path.resolve(env.DOCUMENTS_DIR, storageKey)
}

/** Writes the bytes atomically (temporary file, then rename) and returns the new key. */
export async function saveDocument(bytes: Uint8Array): Promise<string> {
	const storageKey = randomBytes(16).toString('hex')
	const target = documentPath(storageKey)
	await fs.promises.mkdir(path.dirname(target), { recursive: true })
	const temporary = `${target}.tmp`
	await fs.promises.writeFile(temporary, bytes)
	await fs.promises.rename(temporary, target)
	return storageKey
}

export async function readDocument(storageKey: string): Promise<Uint8Array> {
	return fs.promises.readFile(documentPath(storageKey))
}

export function asciiFileName(name: string) {
	return name.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_')
}

/**
 * A PDF response, as a download with a readable file name. A stored document is checked before the headers go: a
 * file that is missing or not the size recorded (a restore without DOCUMENTS_DIR) throws here rather than sending
 * a download that breaks off.
 */
export function pdfResponse(bytes: Uint8Array | { storageKey: string; sizeBytes: number }, fileName: string) {
	if (!(bytes instanceof Uint8Array)) {
		const size = fs.statSync(documentPath(bytes.storageKey)).size
		if (size !== bytes.sizeBytes) throw new Error(`Document ${bytes.storageKey} is ${size} bytes, not the ${bytes.sizeBytes} recorded`)
	}
	const body = bytes instanceof Uint8Array ? bytes : (Readable.toWeb(fs.createReadStream(documentPath(bytes.storageKey))) as ReadableStream)
	return new Response(body as BodyInit, {
		headers: {
			'Content-Type': 'application/pdf',
			'Content-Length': String(bytes instanceof Uint8Array ? bytes.byteLength : bytes.sizeBytes),
			'Content-Disposition': `attachment; filename="${asciiFileName(fileName)}"; filename*=UTF-8''${encodeURIComponent(fileName)}`,
			'X-Content-Type-Options': 'nosniff',
			'Cache-Control': 'private, no-store',
		},
	})
}
