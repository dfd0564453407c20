import fs, { type FileHandle } from 'node:fs/promises'
import zlib from 'node:zlib'
import { decodePDFRawStream, PDFArray, PDFDict, PDFName, PDFParser, PDFRawStream, PDFStream, type PDFContext, type PDFObject } from 'pdf-lib'

// What an uploaded file really is, from its content (never its name or the browser's Content-Type), and whether it
// opens: each type is read far enough to know that it is whole, that it holds nothing that runs, and that it does not
// open to far more than was uploaded. Every read is bounded and nothing is inflated without a limit.
// Why these checks and these bounds: docs/decisions/014-evidence-file-checks.md.

export type EvidenceContentType =
	'application/pdf' | 'application/vnd.openxmlformats-officedocument.wordprocessingml.document' | 'application/msword' | 'image/jpeg' | 'image/png'

/** Why a file is refused; each has its message in uploadMessages. */
export type EvidenceProblem = 'wrongType' | 'damaged' | 'passwordProtected' | 'activeContent' | 'tooLargeWhenOpened'

export type Inspection = { contentType: EvidenceContentType; problem: null } | { contentType: null; problem: EvidenceProblem }

const MIB = 1024 * 1024
const MAX_ZIP_DIRECTORY_BYTES = 4 * MIB
const MAX_ZIP_ENTRIES = 5000
// Above 1 MiB, an entry may not open to more than 100 times its size: Word's XML deflates 5 to 20 times, a bomb's
// zeros about 1,000 times. Smaller entries are bounded by the total.
const ZIP_RATIO_FROM_BYTES = MIB
const MAX_ZIP_RATIO = 100
const MAX_PDF_OBJECTS = 500_000
const STEP_BYTES = 64 * 1024 // how far a PDF stream is inflated between checks of its size
const MAX_PNG_PIXELS = 50_000_000 // the bundle decodes PNGs to 4 bytes a pixel; a 48-megapixel photo still fits
const MAX_JPEG_SEGMENTS = 10_000

/** What a file may open to (a Word file's entries, a PDF's object streams): 100MB, or 5 times the upload limit. */
export function maxOpenedBytes(maxUploadBytes: number) {
	return Math.max(100 * MIB, 5 * maxUploadBytes)
}

const accepted = (contentType: EvidenceContentType): Inspection => ({ contentType, problem: null })
const refused = (problem: EvidenceProblem): Inspection => ({ contentType: null, problem })
const checked = (contentType: EvidenceContentType, problem: EvidenceProblem | null) => (problem ? refused(problem) : accepted(contentType))
const startsWith = (head: Buffer, bytes: number[]) => head.length >= bytes.length && bytes.every((b, i) => head[i] === b)

/** The type of the stored temporary file at `filePath`, or why it is refused. `head` is its first bytes. */
export async function inspectEvidenceFile(filePath: string, head: Buffer, size: number, options: { maxOpenedBytes: number }): Promise<Inspection> {
	const file = await fs.open(filePath, 'r')
	try {
		// The whole PDF is read: it is at most MAX_UPLOAD_MB, and pdf-lib parses from memory.
		if (head.subarray(0, 5).toString('latin1') === '%PDF-') return checked('application/pdf', await checkPdf(await file.readFile(), options.maxOpenedBytes))
		if (startsWith(head, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return checked('image/png', checkPng(head))
		if (startsWith(head, [0xff, 0xd8, 0xff])) return checked('image/jpeg', await checkJpeg(file, size))
		if (startsWith(head, [0x50, 0x4b, 0x03, 0x04])) return await inspectZip(file, size, options.maxOpenedBytes)
		if (startsWith(head, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) {
			return (await ole2HasStream(file, size, 'WordDocument')) ? accepted('application/msword') : refused('wrongType')
		}
		return refused('wrongType')
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

// ---------------------------------------------------------------------------------------------------------------
// PDF (ISO 32000-1)

// Active content is refused, not removed: removing it means rewriting the file, and the council must keep the report
// exactly as the professional sent it (its sha256 is recorded). The uploader prints it to a new PDF instead.
// Keys that only active content uses: JavaScript (actions and the name tree), attached files, XFA forms (which carry
// scripts and are deprecated in PDF 2.0) and Flash-era rich media.
const ACTIVE_KEYS = new Set(['JS', 'JavaScript', 'EmbeddedFiles', 'EF', 'XFA', 'RichMediaContent'])
// ... and values of /S (an action's type), /Type and /Subtype that mark it: links (/URI) and page jumps stay allowed.
const TYPE_KEYS = new Set(['S', 'Type', 'Subtype'])
const ACTIVE_TYPES = new Set(['JavaScript', 'Launch', 'GoToE', 'EmbeddedFile', 'FileAttachment', 'RichMedia', 'RichMediaExecute'])

/**
 * A PDF must end as one does (7.5.5: startxref, then %%EOF within the last 1024 bytes, as Acrobat reads it) with its
 * startxref pointing at a cross-reference table or stream, parse with pdf-lib, reach at least one page, and hold no
 * active content. pdf-lib forgives a truncated file, which is why the end is checked first.
 */
async function checkPdf(bytes: Buffer, maxOpened: number): Promise<EvidenceProblem | null> {
	if (!endsLikeAPdf(bytes)) return 'damaged'
	const parser = new CheckedPdfParser(bytes, maxOpened)
	let context: PDFContext
	try {
		context = await parser.parseDocument()
	} catch {
		// An encrypted file's object streams cannot be read: say why rather than "damaged".
		return parser.problem ?? (bytes.includes('/Encrypt') ? 'passwordProtected' : 'damaged')
	}
	if (parser.problem) return parser.problem
	if (context.trailerInfo.Encrypt) return 'passwordProtected' // pdf-lib cannot decrypt it, so nor can the bundle
	return hasAPage(context) ? null : 'damaged'
}

function endsLikeAPdf(bytes: Buffer) {
	const tail = bytes.toString('latin1', Math.max(0, bytes.length - 1024))
	const end = tail.lastIndexOf('%%EOF')
	const startxref = end < 0 ? null : /startxref\s+(\d+)\s*$/.exec(tail.slice(0, end))
	if (!startxref) return false
	const offset = Number(startxref[1])
	return offset < bytes.length && /^\s*(xref|\d+\s+\d+\s+obj)/.test(bytes.toString('latin1', offset, offset + 64))
}

/**
 * pdf-lib's parser, watched: every object is checked for active content as it is read (in object streams too, and
 * before a later revision can replace it), and an object or cross-reference stream, which pdf-lib inflates while
 * parsing, is inflated here first, no further than what is left of `maxOpened`.
 */
class CheckedPdfParser extends PDFParser {
	problem: EvidenceProblem | null = null
	#objects = 0
	#opened = 0

	constructor(
		bytes: Uint8Array,
		readonly maxOpened: number,
	) {
		// 100 objects per tick, pdf-lib's "slow" speed, so a large file does not hold up other requests; a broken object throws.
		super(bytes, 100, true)
		const assign = this.context.assign.bind(this.context)
		this.context.assign = (ref, object) => {
			if (++this.#objects > MAX_PDF_OBJECTS) this.#refuse('tooLargeWhenOpened')
			if (isActive(object)) this.#refuse('activeContent')
			assign(ref, object)
		}
	}

	override parseObject(): PDFObject {
		const object = super.parseObject()
		if (!(object instanceof PDFRawStream)) return object
		const type = object.dict.lookup(PDFName.of('Type'))
		if (type !== PDFName.of('ObjStm') && type !== PDFName.of('XRef')) return object
		// pdf-lib would inflate it whole; a stream of zeros opens 1,000 times over. Hand pdf-lib the opened bytes instead.
		const decoder = decodePDFRawStream(object)
		let length = 0
		for (let chunk = decoder.getBytes(STEP_BYTES); chunk.length > 0; chunk = decoder.getBytes(STEP_BYTES)) {
			length += chunk.length
			this.#opened += chunk.length
			if (this.#opened > this.maxOpened) this.#refuse('tooLargeWhenOpened')
		}
		decoder.reset()
		const opened = decoder.getBytes(length) // the decoder kept what it opened: no second inflation
		const dict = object.dict.clone()
		dict.delete(PDFName.of('Filter'))
		dict.delete(PDFName.of('DecodeParms'))
		return PDFRawStream.of(dict, new Uint8Array(opened.buffer, opened.byteOffset, opened.byteLength))
	}

	#refuse(problem: EvidenceProblem): never {
		this.problem = problem
		throw new Error(`PDF refused: ${problem}`) // pdf-lib wraps it; parseDocument rejects and checkPdf reads `problem`
	}
}

/** Whether an object, or anything written inside it, is active content. */
function isActive(object: PDFObject) {
	const stack = [object]
	for (let item = stack.pop(); item; item = stack.pop()) {
		if (item instanceof PDFStream) stack.push(item.dict)
		else if (item instanceof PDFArray) for (const element of item.asArray()) stack.push(element)
		else if (item instanceof PDFDict) {
			for (const [key, value] of item.entries()) {
				const name = readerName(key)
				if (ACTIVE_KEYS.has(name)) return true
				if (TYPE_KEYS.has(name) && value instanceof PDFName && ACTIVE_TYPES.has(readerName(value))) return true
				stack.push(value)
			}
		}
	}
	return false
}

/** A name as a PDF reader sees it: pdf-lib decodes #xx escapes only in capitals (/J#61vaScript), readers in both (/#4aS). */
const readerName = (name: PDFName) => name.decodeText().replace(/#([0-9a-fA-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)))

/** Whether the page tree (7.7.3) reaches a page; a loop in the tree ends the walk. */
function hasAPage(context: PDFContext) {
	const catalog = context.lookup(context.trailerInfo.Root)
	if (!(catalog instanceof PDFDict)) return false
	const seen = new Set<PDFObject>()
	const stack = [catalog.get(PDFName.of('Pages'))]
	for (let ref = stack.pop(); ref; ref = stack.pop()) {
		const node = context.lookup(ref)
		if (!(node instanceof PDFDict) || seen.has(node)) continue
		seen.add(node)
		const type = node.lookup(PDFName.of('Type'))
		if (type === PDFName.of('Page')) return true
		const kids = node.lookup(PDFName.of('Kids'))
		if (type === PDFName.of('Pages') && kids instanceof PDFArray) for (const kid of kids.asArray()) stack.push(kid)
	}
	return false
}

// ---------------------------------------------------------------------------------------------------------------
// Images: their headers must decode

const PNG_BIT_DEPTHS: Record<number, number[]> = { 0: [1, 2, 4, 8, 16], 2: [8, 16], 3: [1, 2, 4, 8], 4: [8, 16], 6: [8, 16] }

/** PNG (ISO/IEC 15948, 11.2.2): the signature, then IHDR first, 13 bytes, with a size, a valid format and its CRC. */
function checkPng(head: Buffer): EvidenceProblem | null {
	if (head.length < 33 || head.readUInt32BE(8) !== 13 || head.toString('latin1', 12, 16) !== 'IHDR') return 'damaged'
	if (zlib.crc32(head.subarray(12, 29)) !== head.readUInt32BE(29)) return 'damaged'
	const width = head.readUInt32BE(16)
	const height = head.readUInt32BE(20)
	const [bitDepth, colourType, compression, filter, interlace] = head.subarray(24, 29)
	if (width === 0 || height === 0 || width > 0x7fffffff || height > 0x7fffffff) return 'damaged'
	if (!PNG_BIT_DEPTHS[colourType]?.includes(bitDepth) || compression !== 0 || filter !== 0 || interlace > 1) return 'damaged'
	return width * height > MAX_PNG_PIXELS ? 'tooLargeWhenOpened' : null
}

const JPEG_FRAME_MARKERS = new Set([0xc0, 0xc1, 0xc2, 0xc3, 0xc5, 0xc6, 0xc7, 0xc9, 0xca, 0xcb, 0xcd, 0xce, 0xcf])

/** JPEG (ITU-T T.81, B.1.1): after SOI, marker segments up to a start of frame with a height, width and components. */
async function checkJpeg(file: FileHandle, size: number): Promise<EvidenceProblem | null> {
	let at = 2
	for (let segments = 0; segments < MAX_JPEG_SEGMENTS; segments++) {
		const header = await readAt(file, size, at, 4)
		if (!header || header[0] !== 0xff) return 'damaged'
		const marker = header[1]
		if (marker === 0xff) {
			at += 1 // a fill byte
			continue
		}
		if (marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
			at += 2 // markers without a length
			continue
		}
		if (marker === 0x00 || marker === 0xd8 || marker === 0xd9 || marker === 0xda) return 'damaged' // image data or its end before any frame
		const length = header.readUInt16BE(2)
		if (JPEG_FRAME_MARKERS.has(marker)) {
			const frame = length >= 8 ? await readAt(file, size, at + 4, length - 2) : null
			if (!frame) return 'damaged'
			const height = frame.readUInt16BE(1)
			const width = frame.readUInt16BE(3)
			const components = frame[5]
			return height > 0 && width > 0 && components > 0 && length === 8 + 3 * components ? null : 'damaged'
		}
		if (length < 2) return 'damaged'
		at += 2 + length
	}
	return 'damaged'
}

// ---------------------------------------------------------------------------------------------------------------
// Word: DOCX (a ZIP package) and DOC (an OLE2 compound file)

type ZipEntry = { name: string; compressedSize: number; uncompressedSize: number; localHeaderOffset: number }

/**
 * A DOCX is a ZIP whose directory lists word/document.xml (without it, it is some other ZIP) and [Content_Types].xml
 * (ECMA-376 Part 2, 10.1.2.2), and which does not open to more than `maxOpened` bytes in all, nor any entry over
 * 1 MiB to more than 100 times its size. Read from the directory's declared sizes: nothing is inflated.
 */
async function inspectZip(file: FileHandle, size: number, maxOpened: number): Promise<Inspection> {
	const entries = await readZipDirectory(file, size)
	if (typeof entries === 'string') return refused(entries)
	const names = new Set(entries.map((entry) => entry.name))
	if (!names.has('word/document.xml')) return refused('wrongType')
	if (!names.has('[Content_Types].xml')) return refused('damaged')
	let opened = 0
	for (const entry of entries) {
		opened += entry.uncompressedSize
		const ratio = entry.uncompressedSize / Math.max(1, entry.compressedSize)
		if (opened > maxOpened || (entry.uncompressedSize > ZIP_RATIO_FROM_BYTES && ratio > MAX_ZIP_RATIO)) return refused('tooLargeWhenOpened')
	}
	return accepted('application/vnd.openxmlformats-officedocument.wordprocessingml.document')
}

/**
 * A ZIP's central directory (APPNOTE.TXT 4.3.12-4.3.16), read from the end of the file: the end record, then every
 * entry, which must agree with it. Split archives, Zip64 (which no Word document needs), encrypted or unusual
 * entries, duplicate names and entries whose data overlap or run into the directory are all "damaged".
 */
async function readZipDirectory(file: FileHandle, size: number): Promise<ZipEntry[] | 'damaged' | 'tooLargeWhenOpened'> {
	const tailLength = Math.min(size, 22 + 0xffff)
	const tail = await readAt(file, size, size - tailLength, tailLength)
	if (!tail) return 'damaged'
	// The end record is the last signature whose comment runs exactly to the end of the file.
	let end = tailLength - 22
	while (end >= 0 && (tail.readUInt32LE(end) !== 0x06054b50 || end + 22 + tail.readUInt16LE(end + 20) !== tailLength)) end--
	if (end < 0) return 'damaged'
	const disk = tail.readUInt16LE(end + 4)
	const directoryDisk = tail.readUInt16LE(end + 6)
	const entriesHere = tail.readUInt16LE(end + 8)
	const entryCount = tail.readUInt16LE(end + 10)
	const directorySize = tail.readUInt32LE(end + 12)
	const directoryOffset = tail.readUInt32LE(end + 16)
	const zip64 =
		entryCount === 0xffff || directorySize === 0xffffffff || directoryOffset === 0xffffffff || (end >= 20 && tail.readUInt32LE(end - 20) === 0x07064b50)
	if (zip64 || disk !== 0 || directoryDisk !== 0 || entriesHere !== entryCount) return 'damaged'
	if (entryCount > MAX_ZIP_ENTRIES || directorySize > MAX_ZIP_DIRECTORY_BYTES) return 'tooLargeWhenOpened'
	if (directoryOffset + directorySize !== size - tailLength + end) return 'damaged' // the directory sits just before its end record
	const directory = await readAt(file, size, directoryOffset, directorySize)
	if (!directory) return 'damaged'

	const entries: ZipEntry[] = []
	const names = new Set<string>()
	let p = 0
	for (let i = 0; i < entryCount; i++) {
		if (p + 46 > directory.length || directory.readUInt32LE(p) !== 0x02014b50) return 'damaged'
		const flags = directory.readUInt16LE(p + 8)
		const method = directory.readUInt16LE(p + 10)
		const compressedSize = directory.readUInt32LE(p + 20)
		const uncompressedSize = directory.readUInt32LE(p + 24)
		const nameLength = directory.readUInt16LE(p + 28)
		const next = p + 46 + nameLength + directory.readUInt16LE(p + 30) + directory.readUInt16LE(p + 32)
		const startDisk = directory.readUInt16LE(p + 34)
		const localHeaderOffset = directory.readUInt32LE(p + 42)
		const name = directory.toString('utf8', p + 46, p + 46 + nameLength)
		if (next > directory.length || startDisk !== 0 || names.has(name)) return 'damaged'
		if (compressedSize === 0xffffffff || uncompressedSize === 0xffffffff || localHeaderOffset === 0xffffffff) return 'damaged' // Zip64
		// Word writes only stored and deflated entries, never encrypted ones (a protected DOCX is an OLE2 file).
		if (flags & 0x1 || (method !== 0 && method !== 8)) return 'damaged'
		// Stored data is its own size; deflate never grows data by more than a few bytes a block, so more is a lie.
		if (method === 0 ? compressedSize !== uncompressedSize : compressedSize > uncompressedSize + (uncompressedSize >> 10) + 64) return 'damaged'
		names.add(name)
		entries.push({ name, compressedSize, uncompressedSize, localHeaderOffset })
		p = next
	}
	if (p !== directory.length) return 'damaged'
	// Each entry's local header (at least 30 bytes and its name) and data end before the next entry starts: overlapping
	// entries are how a small ZIP opens to gigabytes without any one entry looking large.
	const byOffset = [...entries].sort((a, b) => a.localHeaderOffset - b.localHeaderOffset)
	for (const [i, entry] of byOffset.entries()) {
		const nextStart = byOffset[i + 1]?.localHeaderOffset ?? directoryOffset
		if (entry.localHeaderOffset + 30 + Buffer.byteLength(entry.name) + entry.compressedSize > nextStart) return 'damaged'
	}
	return entries
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
