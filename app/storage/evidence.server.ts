import { createHash, randomBytes } from 'node:crypto'
import { createReadStream } from 'node:fs'
import fs, { type FileHandle } from 'node:fs/promises'
import path from 'node:path'
import { env } from '#app/env.server.ts'
import { multipartBoundary, readMultipart, type PartSink } from '#app/http/multipart.server.ts'
import { assertFieldValue } from '#app/http/request-limits.server.ts'
import { scanStream } from '#app/storage/clamd.server.ts'
import { inspectEvidenceFile, maxOpenedBytes, type EvidenceContentType } from '#app/storage/evidence-checks.server.ts'
import { readAll, storage } from '#app/storage/object-store.server.ts'

// Evidence files (reports and advice from professionals) live in EVIDENCE_DIR, outside the web root, or in the S3 store
// when STORAGE_URL is set (object-store.server.ts), under a random key with no extension; the database row
// (EvidenceFile) holds the name, type, size, sha256 and uploader. Uploads are received and checked in EVIDENCE_DIR/tmp
// either way, then moved or streamed into the store.
// Why a local folder, magic bytes and clamd: docs/decisions/005-evidence-storage.md; what is checked inside each type
// of file: docs/decisions/014-evidence-file-checks.md (app/storage/evidence-checks.server.ts).

export type { EvidenceContentType }

export type StoredEvidence = {
	storageKey: string
	fileName: string
	contentType: EvidenceContentType
	sizeBytes: number
	sha256: string
	scanStatus: 'NOT_SCANNED' | 'CLEAN'
}

export type UploadResult = {
	/** The form's text fields (the first value of each), returned even when the file is refused. */
	fields: Record<string, string>
	/** Every value of each text field, for checkboxes and repeated fields. */
	fieldLists: Record<string, string[]>
	file: StoredEvidence | null
	/** A GOV.UK-style message to show beside the file input, or null when the file was stored. */
	error: string | null
}

const MIB = 1024 * 1024
const SNIFF_BYTES = 8 * 1024
const MAX_PART_HEADER_BYTES = 16 * 1024
const MAX_TEXT_BYTES = 2 * MIB // all text fields together; long answers are fine, megabytes are not
const MAX_PARTS = 1000
const MAX_FILE_NAME_LENGTH = 200
const STORAGE_KEY = /^[a-f0-9]{32}$/

const EXTENSIONS: Record<EvidenceContentType, string[]> = {
	'application/pdf': ['.pdf'],
	'application/vnd.openxmlformats-officedocument.wordprocessingml.document': ['.docx'],
	'application/msword': ['.doc'],
	'image/jpeg': ['.jpg', '.jpeg'],
	'image/png': ['.png'],
}

// GOV.UK Design System, "File upload" component, error messages; damaged, activeContent, tooLargeWhenOpened and
// notScanned are ours, in the same style.
export const uploadMessages = {
	noFile: 'Select a file',
	empty: 'The selected file is empty',
	tooLarge: (maxBytes: number) => `The selected file must be smaller than ${formatLimit(maxBytes)}`,
	wrongType: 'The selected file must be a PDF, Word document (DOC or DOCX), JPEG or PNG',
	passwordProtected: 'The selected file is password protected',
	virus: 'The selected file contains a virus',
	damaged: 'The selected file is damaged or cannot be opened',
	activeContent: 'The selected PDF contains active content, such as JavaScript or embedded files. Print it to a new PDF and try again',
	tooLargeWhenOpened: 'The selected file is too large when opened',
	notScanned: 'The selected file could not be checked for viruses. Try again later',
}

function formatLimit(maxBytes: number) {
	if (maxBytes >= MIB) return `${Math.round((maxBytes / MIB) * 10) / 10}MB`
	return `${Math.max(1, Math.round(maxBytes / 1024))}KB`
}

function evidenceDir() {
	return path.resolve(env.EVIDENCE_DIR)
}

/** Refuses anything but a key we made, so a key can never walk out of EVIDENCE_DIR or the store's prefix. */
function checkedKey(storageKey: string) {
	if (!STORAGE_KEY.test(storageKey)) throw new Error('Not an evidence storage key')
	return storageKey
}

/** The file's path in the local folder (the embedded default; tests and tools that look at the folder). */
export function evidencePath(storageKey: string) {
	return path.join(evidenceDir(), checkedKey(storageKey))
}

/**
 * Reads a multipart form with one evidence file: streams the file to EVIDENCE_DIR/tmp (hashing as it goes, never
 * holding the file in memory), checks its size, its real type and what is inside it (evidence-checks.server.ts)
 * and, when CLAMD_SOCKET is set, viruses, then moves it into the store under a random key (a rename in the local
 * folder; streamed, one part at a time, to S3); the temporary file is always deleted. User mistakes
 * come back as `error`, with the text fields, so the action can re-render the form with what was typed. Only a
 * malformed or non-multipart request throws (a 400/413 Response).
 *
 * When the file is too large we stop reading at the limit, so fields that come AFTER the file in the body are lost:
 * put the file input last in the form (as the GOV.UK pattern does) and every answer survives a refused upload.
 */
export async function receiveEvidenceUpload(
	request: Request,
	options: {
		fileField?: string
		maxBytes?: number
		/** What the file may open to (a Word file's entries, a PDF's object streams); 100MB or 5 times maxBytes. */
		maxOpenedBytes?: number
		/** Overrides CLAMD_SOCKET; null turns scanning off. */
		clamdSocket?: string | null
		scanTimeoutMs?: number
	} = {},
): Promise<UploadResult> {
	const fileField = options.fileField ?? 'file'
	const maxBytes = options.maxBytes ?? env.MAX_UPLOAD_MB * MIB
	const maxOpened = options.maxOpenedBytes ?? maxOpenedBytes(maxBytes)
	const clamdSocket = options.clamdSocket === undefined ? env.CLAMD_SOCKET : options.clamdSocket

	const boundary = multipartBoundary(request)
	if (!boundary || !request.body) {
		throw new Response('Evidence uploads must be sent as multipart/form-data', { status: 415 })
	}

	const text = new Map<string, string[]>()
	let textBytes = 0
	const upload = new TempUpload(path.join(evidenceDir(), 'tmp'), maxBytes)
	let fileName: string | null = null
	let fileSeen = false
	const result = (file: StoredEvidence | null, error: string | null): UploadResult => ({
		fields: Object.fromEntries([...text].map(([name, values]) => [name, values[0]])),
		fieldLists: Object.fromEntries(text),
		file,
		error,
	})

	try {
		try {
			await readMultipart(
				request.body,
				boundary,
				(part) => {
					if (part.name === fileField || part.filename !== null) {
						if (part.name !== fileField || fileSeen) return discard(maxBytes) // one file per form
						fileSeen = true
						fileName = part.filename
						return upload
					}
					const chunks: Buffer[] = []
					return {
						write(chunk) {
							textBytes += chunk.length
							if (textBytes > MAX_TEXT_BYTES) throw new Response('The form is too large', { status: 413 })
							chunks.push(Buffer.from(chunk))
						},
						end() {
							if (part.name === null) return
							const value = Buffer.concat(chunks).toString('utf8')
							assertFieldValue(value) // as readForm does for every other form
							const values = text.get(part.name) ?? []
							values.push(value)
							text.set(part.name, values)
						},
					}
				},
				{ maxParts: MAX_PARTS, maxHeaderBytes: MAX_PART_HEADER_BYTES, maxSkippedBytes: MAX_PART_HEADER_BYTES },
			)
		} catch (error) {
			if (!(error instanceof FileTooLarge)) throw error
			return result(null, uploadMessages.tooLarge(maxBytes))
		}

		// A browser sends an empty part with no name when no file was chosen.
		if (upload.size === 0) return result(null, fileName ? uploadMessages.empty : uploadMessages.noFile)
		const tempPath = await upload.finish()

		const { contentType, problem } = await inspectEvidenceFile(tempPath, upload.head, upload.size, { maxOpenedBytes: maxOpened })
		if (problem) return result(null, uploadMessages[problem])

		let scanStatus: StoredEvidence['scanStatus'] = 'NOT_SCANNED'
		if (clamdSocket) {
			try {
				const verdict = await scanStream(clamdSocket, createReadStream(tempPath), { timeoutMs: options.scanTimeoutMs })
				if (!verdict.clean) {
					console.warn(`Evidence upload refused: clamd found ${verdict.signature}`)
					return result(null, uploadMessages.virus)
				}
				scanStatus = 'CLEAN'
			} catch (error) {
				// Never store an unscanned file when scanning is configured. Operators need to see this.
				console.warn(`Evidence upload refused: could not scan it: ${(error as Error).message}`)
				return result(null, uploadMessages.notScanned)
			}
		}

		const storageKey = randomBytes(16).toString('hex')
		await (await storage()).evidence.putFile(storageKey, tempPath, { contentType })
		return result(
			{
				storageKey,
				fileName: safeFileName(fileName ?? '', contentType),
				contentType,
				sizeBytes: upload.size,
				sha256: upload.sha256(),
				scanStatus,
			},
			null,
		)
	} finally {
		await upload.cleanUp()
	}
}

/** The stored file as a download: never shown inline, never sniffed, never cached by shared caches. */
export async function evidenceDownloadResponse(file: { storageKey: string; fileName: string; contentType: string; sizeBytes: number }) {
	const stored = await (await storage()).evidence.get(checkedKey(file.storageKey))
	if (!stored) return new Response('Not found', { status: 404 })
	const contentType = Object.hasOwn(EXTENSIONS, file.contentType) ? file.contentType : 'application/octet-stream'
	return new Response(stored.body, {
		headers: {
			'Content-Type': contentType,
			'Content-Length': String(stored.size), // what is stored is what we send
			'Content-Disposition': contentDisposition(file.fileName),
			'X-Content-Type-Options': 'nosniff',
			'Cache-Control': 'private, no-store',
			'Content-Security-Policy': "default-src 'none'; sandbox",
		},
	})
}

/** The whole file, for building PDF bundles (files are at most MAX_UPLOAD_MB). */
export async function readEvidenceBytes(storageKey: string): Promise<Uint8Array> {
	const stored = await (await storage()).evidence.get(checkedKey(storageKey))
	if (!stored) throw new Error(`Evidence file ${storageKey} is missing from ${(await storage()).evidence.location}`)
	return readAll(stored)
}

/** Removes a stored file; removing one that is already gone is not an error. */
export async function deleteEvidenceFile(storageKey: string) {
	await (await storage()).evidence.delete([checkedKey(storageKey)])
}

// ---------------------------------------------------------------------------------------------------------------
// Receiving the file

class FileTooLarge extends Error {}

/** Bytes of other file inputs are read and dropped, within the same limit. */
function discard(maxBytes: number): PartSink {
	let size = 0
	return {
		write(chunk) {
			size += chunk.length
			if (size > maxBytes) throw new FileTooLarge()
		},
		end() {},
	}
}

/** The uploaded file on its way to disk: hashed as it streams, with its first bytes kept for sniffing. */
class TempUpload implements PartSink {
	size = 0
	head = Buffer.alloc(0)
	readonly path: string
	#hash = createHash('sha256')
	#handle: FileHandle | null = null
	#created = false

	constructor(
		readonly dir: string,
		readonly maxBytes: number,
	) {
		this.path = path.join(dir, `${randomBytes(16).toString('hex')}.part`)
	}

	async write(chunk: Buffer) {
		this.size += chunk.length
		if (this.size > this.maxBytes) throw new FileTooLarge() // cleanUp() deletes what was written
		if (!this.#handle) {
			await fs.mkdir(this.dir, { recursive: true, mode: 0o700 })
			this.#handle = await fs.open(this.path, 'wx', 0o600)
			this.#created = true
		}
		this.#hash.update(chunk)
		if (this.head.length < SNIFF_BYTES) {
			this.head = Buffer.concat([this.head, chunk.subarray(0, SNIFF_BYTES - this.head.length)])
		}
		await this.#handle.write(chunk) // awaited: we read the next chunk only once this one is on disk
	}

	async end() {
		await this.#close()
	}

	async finish() {
		await this.#close()
		return this.path
	}

	sha256() {
		return this.#hash.digest('hex')
	}

	async #close() {
		const handle = this.#handle
		this.#handle = null
		await handle?.close()
	}

	async cleanUp() {
		await this.#close().catch(() => {})
		// Gone already when the local store moved it in; still here when it was streamed to S3 or refused.
		if (this.#created) await fs.rm(this.path, { force: true })
	}
}

// ---------------------------------------------------------------------------------------------------------------
// File names

/**
 * The uploaded name made safe to store and to offer back: no folders, control or bidirectional-override characters
 * (which can disguise "cod.exe" as "exe.doc"), at most 200 characters, and always ending in an extension of the type
 * we detected, so a downloaded "setup.msi" that is really a Word file is saved as "setup.msi.doc".
 */
export function safeFileName(original: string, contentType: EvidenceContentType) {
	const name = (original.split(/[/\\]/).pop() ?? '')
		.normalize('NFC')
		.replace(/[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, '') // eslint-disable-line no-control-regex -- control and direction characters are what this removes
		.trim()
		.replace(/^\.+|\.+$/g, '')
	const kept = EXTENSIONS[contentType].find((ext) => name.length > ext.length && name.toLowerCase().endsWith(ext))
	const extension = kept ? name.slice(-kept.length) : EXTENSIONS[contentType][0]
	const stem = (kept ? name.slice(0, -kept.length) : name).trim() || 'evidence'
	return (
		Array.from(stem)
			.slice(0, MAX_FILE_NAME_LENGTH - extension.length)
			.join('') + extension
	)
}

// ---------------------------------------------------------------------------------------------------------------
// Downloads

/** RFC 6266: an ASCII fallback for old clients and the exact name in RFC 8187 UTF-8 form. */
function contentDisposition(fileName: string) {
	const fallback =
		fileName
			.normalize('NFKD')
			.replace(/[\u0300-\u036f]/g, '')
			.replace(/[^\x20-\x7e]|["\\%]/g, '_') || 'evidence'
	const encoded = encodeURIComponent(fileName).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)
	return `attachment; filename="${fallback}"; filename*=UTF-8''${encoded}`
}
