// Evidence files made by the tests, good and bad: real PDFs from pdf-lib, ZIPs written byte by byte, image headers.
import { once } from 'node:events'
import zlib from 'node:zlib'
import { PDFDocument, PDFName, PDFString, StandardFonts } from 'pdf-lib'

/**
 * A PDF made with pdf-lib: `pages` pages of text, `body` written uncompressed (so a fake virus scanner can find it),
 * and `change` to add what evidence must not carry before it is saved. Object streams by default, as most
 * producers write them: everything but the streams is compressed.
 */
export async function pdfFile({
	pages = 1,
	body,
	change,
	objectStreams = true,
}: { pages?: number; body?: string; change?: (doc: PDFDocument) => void; objectStreams?: boolean } = {}) {
	const doc = await PDFDocument.create()
	const font = await doc.embedFont(StandardFonts.Helvetica)
	for (let i = 1; i <= pages; i++) doc.addPage().drawText(`Speech and language therapy report, page ${i}`, { x: 50, y: 700, size: 14, font })
	if (body !== undefined) doc.context.register(doc.context.stream(body))
	change?.(doc)
	return Buffer.from(await doc.save({ useObjectStreams: objectStreams, addDefaultPage: false }))
}

/** Opens the document with JavaScript (ISO 32000-1 12.6.4.16). */
export function openWithJavaScript(doc: PDFDocument) {
	doc.catalog.set(PDFName.of('OpenAction'), doc.context.obj({ S: 'JavaScript', JS: PDFString.of('app.alert("hello")') }))
}

type ZipEntry = { name: string; data: Buffer; method?: 0 | 8; crc?: number; uncompressedSize?: number }

/** A ZIP (APPNOTE.TXT): local headers and data, the central directory, the end record. Stored unless `method` is 8. */
export function zipFile(entries: ZipEntry[]) {
	const parts: Buffer[] = []
	const directory: Buffer[] = []
	let offset = 0
	for (const { name, data, method = 0, crc = zlib.crc32(data), uncompressedSize = data.length } of entries) {
		const nameBytes = Buffer.from(name)
		const shared = { method, crc, size: data.length, uncompressedSize, nameLength: nameBytes.length }
		const local = Buffer.alloc(30)
		local.writeUInt32LE(0x04034b50, 0)
		writeSharedFields(local, 4, shared)
		parts.push(local, nameBytes, data)
		const central = Buffer.alloc(46)
		central.writeUInt32LE(0x02014b50, 0)
		central.writeUInt16LE(20, 4) // version made by
		writeSharedFields(central, 6, shared)
		central.writeUInt32LE(offset, 42)
		directory.push(central, nameBytes)
		offset += local.length + nameBytes.length + data.length
	}
	const centralDirectory = Buffer.concat(directory)
	const end = Buffer.alloc(22)
	end.writeUInt32LE(0x06054b50, 0)
	end.writeUInt16LE(entries.length, 8)
	end.writeUInt16LE(entries.length, 10)
	end.writeUInt32LE(centralDirectory.length, 12)
	end.writeUInt32LE(offset, 16)
	return Buffer.concat([...parts, centralDirectory, end])
}

/**
 * The fields a local header and its central directory entry share, from "version needed to extract" (at `at`) to
 * the file name's length; flags, time and date stay 0.
 */
function writeSharedFields(header: Buffer, at: number, f: { method: number; crc: number; size: number; uncompressedSize: number; nameLength: number }) {
	header.writeUInt16LE(20, at)
	header.writeUInt16LE(f.method, at + 4)
	header.writeUInt32LE(f.crc, at + 10)
	header.writeUInt32LE(f.size, at + 14)
	header.writeUInt32LE(f.uncompressedSize, at + 18)
	header.writeUInt16LE(f.nameLength, at + 22)
}

export const text = (name: string, content: string): ZipEntry => ({ name, data: Buffer.from(content) })

/** The parts every Word document has. */
export const wordParts = [
	text('[Content_Types].xml', '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>'),
	text('_rels/.rels', '<?xml version="1.0"?><Relationships/>'),
	text('word/document.xml', '<?xml version="1.0"?><w:document><w:body><w:p/></w:body></w:document>'),
]

/**
 * `bytes` copies of `fill`, deflated a mebibyte at a time (raw, as in a ZIP, or with the zlib wrapper a PDF's
 * FlateDecode uses): 200MB of zeros deflate to about 200KB without ever being in memory.
 */
export async function deflatedRepeats(bytes: number, { fill = 0, raw = true } = {}) {
	const mebibyte = Buffer.alloc(1024 * 1024, fill)
	const deflate = raw ? zlib.createDeflateRaw({ level: 9 }) : zlib.createDeflate({ level: 9 })
	const chunks: Buffer[] = []
	deflate.on('data', (chunk: Buffer) => chunks.push(chunk))
	let crc = 0
	for (let written = 0; written < bytes; written += mebibyte.length) {
		const chunk = mebibyte.subarray(0, Math.min(mebibyte.length, bytes - written))
		crc = zlib.crc32(chunk, crc)
		if (!deflate.write(chunk)) await once(deflate, 'drain')
	}
	deflate.end()
	await once(deflate, 'end')
	return { data: Buffer.concat(chunks), crc }
}

/** A ZIP entry of `bytes` zeros, deflated. */
export async function deflatedZeros(name: string, bytes: number): Promise<ZipEntry> {
	return { name, ...(await deflatedRepeats(bytes)), method: 8, uncompressedSize: bytes }
}

/** A PNG (ISO/IEC 15948): the signature, IHDR with its CRC, one row of one RGB pixel, IEND. */
export function pngFile({ width = 1, height = 1 } = {}) {
	const chunk = (type: string, data: Buffer) => {
		const body = Buffer.concat([Buffer.from(type, 'latin1'), data])
		const length = Buffer.alloc(4)
		length.writeUInt32BE(data.length)
		const crc = Buffer.alloc(4)
		crc.writeUInt32BE(zlib.crc32(body))
		return Buffer.concat([length, body, crc])
	}
	const header = Buffer.alloc(13)
	header.writeUInt32BE(width, 0)
	header.writeUInt32BE(height, 4)
	header[8] = 8 // bit depth
	header[9] = 2 // truecolour
	return Buffer.concat([
		Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
		chunk('IHDR', header),
		chunk('IDAT', zlib.deflateSync(Buffer.from([0, 0x1d, 0x70, 0xb8]))),
		chunk('IEND', Buffer.alloc(0)),
	])
}

/** The start of a JPEG (ITU-T T.81): SOI, a JFIF APP0 segment, a baseline frame of 1 by 1 pixels, one component. */
export const jpegFile = Buffer.from([
	...[0xff, 0xd8],
	...[0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01, 0x01, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00],
	...[0xff, 0xc0, 0x00, 0x0b, 0x08, 0x00, 0x01, 0x00, 0x01, 0x01, 0x01, 0x11, 0x00],
	...[0xff, 0xd9],
])
