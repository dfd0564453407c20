// Documents the portal generates (review records, bundles, letters, notices): kept as issued under a
// random key in DOCUMENTS_DIR, outside the web root, or in the S3 store when STORAGE_URL is set
// (object-store.server.ts), and served only through permission-checked routes.
import { randomBytes } from 'node:crypto'
import path from 'node:path'
import { env } from '#app/env.server.ts'
import { readAll, storage } from '#app/storage/object-store.server.ts'

const KEY = /^[a-f0-9]{32}$/

function checkedKey(storageKey: string) {
	if (!KEY.test(storageKey)) throw new Error('Invalid document key')
	return storageKey
}

/** The document's path in the local folder (the embedded default; tests and tools that look at the folder). */
export function documentPath(storageKey: string) {
	return path.resolve(env.DOCUMENTS_DIR, checkedKey(storageKey))
}

/** Stores the bytes whole (a temporary file then a rename, or one S3 upload) and returns the new key. */
export async function saveDocument(bytes: Uint8Array): Promise<string> {
	const storageKey = randomBytes(16).toString('hex')
	await (await storage()).documents.put(storageKey, bytes, { contentType: 'application/pdf' })
	return storageKey
}

export async function readDocument(storageKey: string): Promise<Uint8Array> {
	const stored = await (await storage()).documents.get(checkedKey(storageKey))
	if (!stored) throw new Error(`Document ${storageKey} is missing from ${(await storage()).documents.location}`)
	return readAll(stored)
}

/** Removes a stored document (one whose step did not go through); one already gone is not an error. */
export async function deleteDocument(storageKey: string) {
	await (await storage()).documents.delete([checkedKey(storageKey)])
}

export function asciiFileName(name: string) {
	return name.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_')
}

/**
 * A PDF response, as a download with a readable file name: a PDF just drawn, or a stored document streamed from the
 * store. A stored document is checked before the headers go: a file that is missing or not the size recorded (a
 * restore without DOCUMENTS_DIR or the bucket) throws here rather than sending a download that breaks off.
 */
export function pdfResponse(bytes: Uint8Array, fileName: string): Response
export function pdfResponse(stored: { storageKey: string; sizeBytes: number }, fileName: string): Promise<Response>
export function pdfResponse(bytes: Uint8Array | { storageKey: string; sizeBytes: number }, fileName: string): Response | Promise<Response> {
	if (bytes instanceof Uint8Array) return pdfDownload(bytes, bytes.byteLength, fileName)
	return storedPdfResponse(bytes, fileName)
}

async function storedPdfResponse(document: { storageKey: string; sizeBytes: number }, fileName: string) {
	const stored = await (await storage()).documents.get(checkedKey(document.storageKey))
	if (!stored) throw new Error(`Document ${document.storageKey} is missing from ${(await storage()).documents.location}`)
	if (stored.size !== document.sizeBytes) {
		await stored.body.cancel()
		throw new Error(`Document ${document.storageKey} is ${stored.size} bytes, not the ${document.sizeBytes} recorded`)
	}
	return pdfDownload(stored.body, stored.size, fileName)
}

function pdfDownload(body: Uint8Array | ReadableStream<Uint8Array>, size: number, fileName: string) {
	return new Response(body as BodyInit, {
		headers: {
			'Content-Type': 'application/pdf',
			'Content-Length': String(size),
			'Content-Disposition': `attachment; filename="${asciiFileName(fileName)}"; filename*=UTF-8''${encodeURIComponent(fileName)}`,
			'X-Content-Type-Options': 'nosniff',
			'Cache-Control': 'private, no-store',
		},
	})
}
