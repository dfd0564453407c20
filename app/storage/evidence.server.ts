import { createHash, randomBytes } from 'node:crypto'
import { closeSync, createReadStream, fstatSync, openSync, read } from 'node:fs'
import fs, { type FileHandle } from 'node:fs/promises'
import path from 'node:path'
import { env } from '#app/env.server.ts'
import { scanStream } from '#app/storage/clamd.server.ts'
import { multipartBoundary, readMultipart, type PartSink } from '#app/utils/multipart.server.ts'

// Evidence files (reports and advice from professionals) live in EVIDENCE_DIR, outside the web root, under a random
// key with no extension; the database row (EvidenceFile) holds the name, type, size, sha256 and uploader.
// Why a local folder, magic bytes and clamd: docs/decisions/005-evidence-storage.md.

export type EvidenceContentType =
	| 'application/pdf'
	| 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'
	| 'application/msword'
	| 'image/jpeg'
	| 'image/png'

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
const MAX_ZIP_DIRECTORY_BYTES = 4 * MIB
const MAX_FILE_NAME_LENGTH = 200
const STORAGE_KEY = /^[a-f0-9]{32}$/

const EXTENSIONS: Record<EvidenceContentType, string[]> = {
	'application/pdf': ['.pdf'],
	'application/vnd.openxmlformats-officedocument.wordprocessingml.document': ['.docx'],
	'application/msword': ['.doc'],
	'image/jpeg': ['.jpg', '.jpeg'],
	'image/png': ['.png'],
}

// GOV.UK Design System, "File upload" component, error messages.
export const uploadMessages = {
	noFile: 'Select a file',
	tooLarge: (maxBytes: number) => `The selected file must be smaller than ${formatLimit(maxBytes)}`,
	wrongType: 'The selected file must be a PDF, Word document (DOC or DOCX), JPEG or PNG',
	virus: 'The selected file contains a virus',
	notScanned: 'The selected file could not be checked for viruses. Try again later',
}

function formatLimit(maxBytes: number) {
	if (maxBytes >= MIB) return `${Math.round((maxBytes / MIB) * 10) / 10}MB`
	return `${Math.max(1, Math.round(maxBytes / 1024))}KB`
}

function evidenceDir() {
	return path.resolve(env.EVIDENCE_DIR)
}

/** The file's path on disk. Refuses anything but a key we made, so a key can never walk out of EVIDENCE_DIR. */
export function evidencePath(storageKey: string) {
	if (!STORAGE_KEY.test(storageKey)) throw new Error('Not an evidence storage key')
	return path.join(evidenceDir(), storageKey)
}

/**
 * Reads a multipart form with one evidence file: streams the file to EVIDENCE_DIR/tmp (hashing as it goes, never
 * holding the file in memory), checks its size, its real type (magic bytes) and, when CLAMD_SOCKET is set, viruses,
 * then moves it under a random key. User mistakes come back as `error`, with the text fields, so the action can
 * re-render the form with what was typed. Only a malformed or non-multipart request throws (a 400/413 Response).
 *
 * When the file is too large we stop reading at the limit, so fields that come AFTER the file in the body are lost:
 * put the file input last in the form (as the GOV.UK pattern does) and every answer survives a refused upload.
 */
export async function receiveEvidenceUpload(
	request: Request,
	options: {
		fileField?: string
		maxBytes?: number
		/** Overrides CLAMD_SOCKET; null turns scanning off. */
		clamdSocket?: string | null
		scanTimeoutMs?: number
	} = {},
): Promise<UploadResult> {
	const fileField = options.fileField ?? 'file'
	const maxBytes = options.maxBytes ?? env.MAX_UPLOAD_MB * MIB
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
							const values = text.get(part.name) ?? []
							values.push(Buffer.concat(chunks).toString('utf8'))
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

		if (upload.size === 0) return result(null, uploadMessages.noFile)
		const tempPath = await upload.finish()

		const contentType = await detectContentType(tempPath, upload.head, upload.size)
		if (!contentType) return result(null, uploadMessages.wrongType)

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
		await fs.rename(tempPath, evidencePath(storageKey))
		upload.stored = true
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
export function evidenceDownloadResponse(file: { storageKey: string; fileName: string; contentType: string; sizeBytes: number }) {
	let fd: number
	try {
		fd = openSync(evidencePath(file.storageKey), 'r')
	} catch (error) {
		if ((error as NodeJS.ErrnoException).code === 'ENOENT') return new Response('Not found', { status: 404 })
		throw error
	}
	const size = fstatSync(fd).size // what is on disk is what we send
	const contentType = Object.hasOwn(EXTENSIONS, file.contentType) ? file.contentType : 'application/octet-stream'
	return new Response(fileStream(fd), {
		headers: {
			'Content-Type': contentType,
			'Content-Length': String(size),
			'Content-Disposition': contentDisposition(file.fileName),
			'X-Content-Type-Options': 'nosniff',
			'Cache-Control': 'private, no-store',
			'Content-Security-Policy': "default-src 'none'; sandbox",
		},
	})
}

/** The whole file, for building PDF bundles (files are at most MAX_UPLOAD_MB). */
export async function readEvidenceBytes(storageKey: string): Promise<Uint8Array> {
	return fs.readFile(evidencePath(storageKey))
}

/** Removes a stored file; removing one that is already gone is not an error. */
export async function deleteEvidenceFile(storageKey: string) {
	await fs.rm(evidencePath(storageKey), { force: true })
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
	stored = false
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
		if (this.#created && !this.stored) await fs.rm(this.path, { force: true })
	}
}

// ---------------------------------------------------------------------------------------------------------------
// What the file really is, from its content (never its name or the browser's Content-Type)

const startsWith = (head: Buffer, bytes: number[]) => head.length >= bytes.length && bytes.every((b, i) => head[i] === b)

async function detectContentType(filePath: string, head: Buffer, size: number): Promise<EvidenceContentType | null> {
	if (head.subarray(0, 5).toString('latin1') === '%PDF-') return 'application/pdf'
	if (startsWith(head, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png'
	if (startsWith(head, [0xff, 0xd8, 0xff])) return 'image/jpeg'
	const isZip = startsWith(head, [0x50, 0x4b, 0x03, 0x04])
	const isOle2 = startsWith(head, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])
	if (!isZip && !isOle2) return null
	const file = await fs.open(filePath, 'r')
	try {
		if (isZip) return (await zipHasEntry(file, size, 'word/document.xml')) ? 'application/vnd.openxmlformats-officedocument.wordprocessingml.document' : null
		return (await ole2HasStream(file, size, 'WordDocument')) ? 'application/msword' : null
	} finally {
		await file.close()
	}
}

/** `length` bytes at `position`, or null when the file is shorter: every read here is bounded. */
async function readAt(file: FileHandle, size: number, position: number, length: number) {
	if (position < 0 || length < 0 || position + length > size) return null
	const buffer = Buffer.alloc(length)
	const { bytesRead } = await file.read(buffer, 0, length, position)
	return bytesRead === length ? buffer : null
}

/**
 * Whether a ZIP's central directory (APPNOTE.TXT 4.3.12-4.3.16) lists `entryName`: a Word DOCX always has
 * word/document.xml. Reads only the end-of-central-directory record and the directory itself.
 */
async function zipHasEntry(file: FileHandle, size: number, entryName: string) {
	const tailLength = Math.min(size, 22 + 0xffff)
	const tail = await readAt(file, size, size - tailLength, tailLength)
	if (!tail) return false
	for (let eocd = tailLength - 22; eocd >= 0; eocd--) {
		if (tail.readUInt32LE(eocd) !== 0x06054b50) continue
		const directorySize = tail.readUInt32LE(eocd + 12)
		const directoryOffset = tail.readUInt32LE(eocd + 16)
		if (directorySize > MAX_ZIP_DIRECTORY_BYTES) return false // Zip64 or absurd: not a Word document we accept
		const directory = await readAt(file, size, directoryOffset, directorySize)
		if (!directory) continue // a false signature inside the comment, perhaps
		for (let p = 0; p + 46 <= directory.length && directory.readUInt32LE(p) === 0x02014b50; ) {
			const nameLength = directory.readUInt16LE(p + 28)
			const name = directory.subarray(p + 46, p + 46 + nameLength).toString('utf8')
			if (name === entryName) return true
			p += 46 + nameLength + directory.readUInt16LE(p + 30) + directory.readUInt16LE(p + 32)
		}
		return false
	}
	return false
}

/**
 * Whether an OLE2 compound file ([MS-CFB]) has a stream called `streamName`: a Word 97-2003 .doc always has a
 * "WordDocument" stream, which Excel, PowerPoint and Windows Installer files (also OLE2) do not. Follows the
 * directory's sector chain through the FAT with small positional reads.
 */
async function ole2HasStream(file: FileHandle, size: number, streamName: string) {
	const header = await readAt(file, size, 0, 512)
	if (!header) return false
	const sectorShift = header.readUInt16LE(0x1e)
	if (sectorShift !== 9 && sectorShift !== 12) return false
	const sectorSize = 1 << sectorShift
	const entriesPerSector = sectorSize / 4
	const isSector = (n: number) => n < 0xfffffffa // above that: free, end of chain and other markers
	const sectorOffset = (n: number) => (n + 1) * sectorSize

	// Where the FAT lives: the first 109 sectors are listed in the header, the rest in the DIFAT chain.
	const fatSectors: number[] = []
	for (let i = 0; i < 109; i++) {
		const n = header.readUInt32LE(0x4c + 4 * i)
		if (isSector(n)) fatSectors.push(n)
	}
	let difat = header.readUInt32LE(0x44)
	for (let hops = 0; isSector(difat) && hops < 1024; hops++) {
		const sector = await readAt(file, size, sectorOffset(difat), sectorSize)
		if (!sector) break
		for (let i = 0; i < entriesPerSector - 1; i++) {
			const n = sector.readUInt32LE(4 * i)
			if (isSector(n)) fatSectors.push(n)
		}
		difat = sector.readUInt32LE(sectorSize - 4)
	}

	const wanted = Buffer.from(streamName, 'utf16le')
	let sector = header.readUInt32LE(0x30) // the directory's first sector
	for (let hops = 0; isSector(sector) && hops < 1024; hops++) {
		const entries = await readAt(file, size, sectorOffset(sector), sectorSize)
		if (!entries) return false
		for (let e = 0; e + 128 <= sectorSize; e += 128) {
			const nameBytes = entries.readUInt16LE(e + 0x40) // including the terminating NUL
			const type = entries[e + 0x42] // 2 = stream
			if (type === 2 && nameBytes === wanted.length + 2 && entries.subarray(e, e + wanted.length).equals(wanted)) return true
		}
		const fatSector = fatSectors[Math.floor(sector / entriesPerSector)]
		if (fatSector === undefined) return false
		const next = await readAt(file, size, sectorOffset(fatSector) + (sector % entriesPerSector) * 4, 4)
		if (!next) return false
		sector = next.readUInt32LE(0)
	}
	return false
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
		.replace(/[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, '')
		.trim()
		.replace(/^\.+|\.+$/g, '')
	const kept = EXTENSIONS[contentType].find((ext) => name.length > ext.length && name.toLowerCase().endsWith(ext))
	const extension = kept ? name.slice(-kept.length) : EXTENSIONS[contentType][0]
	const stem = (kept ? name.slice(0, -kept.length) : name).trim() || 'evidence'
	return Array.from(stem).slice(0, MAX_FILE_NAME_LENGTH - extension.length).join('') + extension
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

/** A pull-based stream over an open file: the next 64 KiB is read only when the client has taken the last. */
function fileStream(fd: number) {
	let closed = false
	const close = () => {
		if (!closed) {
			closed = true
			closeSync(fd)
		}
	}
	return new ReadableStream<Uint8Array>({
		pull(controller) {
			return new Promise<void>((resolve) => {
				const buffer = Buffer.allocUnsafe(64 * 1024)
				read(fd, buffer, 0, buffer.length, null, (error, bytesRead) => {
					if (error) {
						close()
						controller.error(error)
					} else if (bytesRead === 0) {
						close()
						controller.close()
					} else {
						controller.enqueue(buffer.subarray(0, bytesRead))
					}
					resolve()
				})
			})
		},
		cancel: close,
	})
}
