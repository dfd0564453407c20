import { createHash } from 'node:crypto'
import fs from 'node:fs'
import net from 'node:net'
import os from 'node:os'
import path from 'node:path'
import { PDFName, PDFString } from 'pdf-lib'
import { afterAll, expect, test, vi } from 'vitest'
import { deflatedRepeats, deflatedZeros, jpegFile, openWithJavaScript, pdfFile, pngFile, text, wordParts, zipFile } from '#tests/evidence-files.ts'

// env is read when app/env.server.ts is first imported, so the evidence folder is set before importing the module.
const evidenceDir = fs.mkdtempSync(path.join(os.tmpdir(), 'evidence-test-'))
process.env.EVIDENCE_DIR = evidenceDir
afterAll(() => fs.rmSync(evidenceDir, { recursive: true, force: true }))
const { receiveEvidenceUpload, evidenceDownloadResponse, evidencePath, readEvidenceBytes, deleteEvidenceFile, safeFileName } =
	await import('#app/storage/evidence.server.ts')
const { scanStream } = await import('#app/storage/clamd.server.ts')

const MIB = 1024 * 1024
const uploadUrl = 'http://localhost/reviews/r1/evidence'
const typeMessage = 'The selected file must be a PDF, Word document (DOC or DOCX), JPEG or PNG'
// Built at run time so that no virus scanner quarantines this source file.
const EICAR = ['X5O!P%@AP[4\\PZX54(P^)7CC)7}$', 'EICAR-STANDARD-ANTIVIRUS-', 'TEST-FILE!$H+H*'].join('')

function uploadRequest(entries: Array<[string, string | File]>) {
	const form = new FormData()
	for (const [name, value] of entries) form.append(name, value)
	return new Request(uploadUrl, { method: 'POST', body: form })
}

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex')
const tmpFiles = () => (fs.existsSync(path.join(evidenceDir, 'tmp')) ? fs.readdirSync(path.join(evidenceDir, 'tmp')) : [])
const storedFiles = () =>
	fs
		.readdirSync(evidenceDir)
		.filter((name) => name !== 'tmp')
		.sort()

const windowsExe = Buffer.concat([Buffer.from('MZ\x90\0\x03\0\0\0\x04\0\0\0\xff\xff\0\0', 'latin1'), Buffer.from('This program cannot be run in DOS mode.')])
const linuxExe = Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0x02, 0x01, 0x01, 0x00]), Buffer.alloc(56)])

const docx = zipFile(wordParts)

/**
 * An OLE2 compound file ([MS-CFB], 512-byte sectors): sector 0 is the FAT, the directory takes sectors 1 and 2
 * (chained through the FAT), and the last stream named is in the second directory sector.
 */
function ole2(lastStream: string) {
	const file = Buffer.alloc(512 * 4)
	Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]).copy(file, 0)
	file.writeUInt16LE(0x3e, 0x18)
	file.writeUInt16LE(3, 0x1a)
	file.writeUInt16LE(0xfffe, 0x1c)
	file.writeUInt16LE(9, 0x1e)
	file.writeUInt16LE(6, 0x20)
	file.writeUInt32LE(1, 0x2c) // one FAT sector
	file.writeUInt32LE(1, 0x30) // the directory starts in sector 1
	file.writeUInt32LE(0x1000, 0x38)
	file.writeUInt32LE(0xfffffffe, 0x3c)
	file.writeUInt32LE(0xfffffffe, 0x44)
	for (let i = 0; i < 109; i++) file.writeUInt32LE(i === 0 ? 0 : 0xffffffff, 0x4c + 4 * i)
	const fat = 512
	for (let i = 0; i < 128; i++) file.writeUInt32LE(0xffffffff, fat + 4 * i)
	file.writeUInt32LE(0xfffffffd, fat) // sector 0: the FAT itself
	file.writeUInt32LE(2, fat + 4) // sector 1 continues in sector 2
	file.writeUInt32LE(0xfffffffe, fat + 8) // sector 2 ends the directory
	const names: Array<[string, number]> = [
		['Root Entry', 5],
		['\x05SummaryInformation', 2],
		['1Table', 2],
		['Data', 2],
		[lastStream, 2],
	]
	names.forEach(([name, type], index) => {
		const at = 1024 + 128 * index
		const nameBytes = Buffer.from(name, 'utf16le')
		nameBytes.copy(file, at)
		file.writeUInt16LE(nameBytes.length + 2, at + 0x40)
		file[at + 0x42] = type
	})
	return file
}

test('PDF, DOCX, DOC, JPEG and PNG are stored under a random key with their real type and sha256', async () => {
	const cases: Array<[string, Buffer<ArrayBuffer>, string]> = [
		['SALT report.pdf', await pdfFile(), 'application/pdf'],
		['EP advice.docx', docx, 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'],
		['OT report.doc', ole2('WordDocument'), 'application/msword'],
		['photo of work.jpg', jpegFile, 'image/jpeg'],
		['drawing.png', pngFile(), 'image/png'],
	]
	for (const [fileName, bytes, contentType] of cases) {
		const result = await receiveEvidenceUpload(
			uploadRequest([
				['title', 'Speech and language therapy report, May 2027'],
				['file', new File([bytes], fileName, { type: 'application/octet-stream' })],
				['proposalId', 'p1'],
			]),
			{ clamdSocket: null },
		)
		expect(result.error).toBeNull()
		expect(result.fields).toEqual({ title: 'Speech and language therapy report, May 2027', proposalId: 'p1' })
		expect(result.file).toMatchObject({ fileName, contentType, sizeBytes: bytes.length, sha256: sha256(bytes), scanStatus: 'NOT_SCANNED' })
		const key = result.file!.storageKey
		expect(key).toMatch(/^[a-f0-9]{32}$/)
		expect(fs.readFileSync(path.join(evidenceDir, key)).equals(bytes)).toBe(true)
	}
	expect(new Set(storedFiles()).size).toBe(cases.length)
	expect(tmpFiles()).toEqual([])
})

test('an upload with a PDF name but executable content is refused and the form keeps its other answers', async () => {
	const notes = 'Zoë’s SALT sessions stopped in March.\r\nThe "advice" is attached.'
	for (const executable of [windowsExe, linuxExe]) {
		const before = storedFiles()
		const result = await receiveEvidenceUpload(
			uploadRequest([
				['title', 'Educational psychologist report'],
				['notes', notes],
				['proposalIds', 'p1'],
				['proposalIds', 'p2'],
				['file', new File([executable], 'report.pdf', { type: 'application/pdf' })],
			]),
			{ clamdSocket: null },
		)
		expect(result.error).toBe(typeMessage)
		expect(result.file).toBeNull()
		expect(result.fields).toEqual({ title: 'Educational psychologist report', notes, proposalIds: 'p1' })
		expect(result.fieldLists.proposalIds).toEqual(['p1', 'p2'])
		expect(storedFiles()).toEqual(before)
		expect(tmpFiles()).toEqual([])
	}
})

test('a ZIP, workbook or text file is refused even with a Word name', async () => {
	const notWord = [
		zipFile([text('notes.txt', 'hello')]),
		zipFile([text('[Content_Types].xml', '<Types/>'), text('xl/workbook.xml', '<workbook/>')]),
		ole2('Workbook'),
		Buffer.from('just some text, named like a document'),
	]
	for (const bytes of notWord) {
		const result = await receiveEvidenceUpload(uploadRequest([['file', new File([bytes], 'advice.docx')]]), { clamdSocket: null })
		expect(result).toMatchObject({ error: typeMessage, file: null })
	}
	expect(tmpFiles()).toEqual([])
})

test('no file asks the user to select one; an empty file is called empty', async () => {
	const notChosen = await receiveEvidenceUpload(
		uploadRequest([
			['title', 'A report'],
			['file', new File([], '', { type: 'application/octet-stream' })],
		]),
		{
			clamdSocket: null,
		},
	)
	expect(notChosen).toMatchObject({ error: 'Select a file', file: null, fields: { title: 'A report' } })
	const empty = await receiveEvidenceUpload(
		uploadRequest([
			['title', 'A report'],
			['file', new File([], 'report.pdf')],
		]),
		{ clamdSocket: null },
	)
	expect(empty).toMatchObject({ error: 'The selected file is empty', file: null, fields: { title: 'A report' } })
	const missing = await receiveEvidenceUpload(uploadRequest([['title', 'A report']]), { clamdSocket: null })
	expect(missing).toMatchObject({ error: 'Select a file', fields: { title: 'A report' } })
	expect(tmpFiles()).toEqual([])
})

const damaged = 'The selected file is damaged or cannot be opened'
const activeContent = 'The selected PDF contains active content, such as JavaScript or embedded files. Print it to a new PDF and try again'
const tooLargeWhenOpened = 'The selected file is too large when opened'

/** Uploads each file with a title; each must be refused with `error`, the title kept, and nothing left on disk. */
async function expectRefused(error: string, files: Record<string, Buffer<ArrayBuffer>>) {
	for (const [fileName, bytes] of Object.entries(files)) {
		const before = storedFiles()
		const result = await receiveEvidenceUpload(
			uploadRequest([
				['title', 'Educational psychologist report'],
				['file', new File([bytes], fileName)],
			]),
			{ clamdSocket: null },
		)
		expect(result, fileName).toMatchObject({ error, file: null, fields: { title: 'Educational psychologist report' } })
		expect(storedFiles(), fileName).toEqual(before)
		expect(tmpFiles(), fileName).toEqual([])
	}
}

test('a PDF that is cut short, has no pages or does not end as a PDF does is refused as damaged', async () => {
	const whole = await pdfFile({ pages: 3 })
	const wrongStartxref = Buffer.from(whole.toString('latin1').replace(/startxref\s+\d+/, 'startxref\n7'), 'latin1')
	await expectRefused(damaged, {
		'cut in half.pdf': whole.subarray(0, Math.floor(whole.length / 2)),
		'last bytes lost.pdf': whole.subarray(0, whole.length - 8),
		'no pages.pdf': await pdfFile({ pages: 0 }),
		'wrong startxref.pdf': wrongStartxref,
		'only the magic.pdf': Buffer.from('%PDF-1.4\n'),
	})
})

test('a PDF with JavaScript, a launch action or an embedded file is refused, however the names are written', async () => {
	const inObjectStream = await pdfFile({ change: openWithJavaScript })
	expect(inObjectStream.includes('JavaScript')).toBe(false) // compressed: only a parser sees it
	// /J#61v#61Script and /#4aava#53cript both read as /JavaScript; pdf-lib itself decodes only the first. The action
	// has no /JS key, so only its type can give it away.
	const escaped = async (escapedName: string) => {
		const placeholder = 'X'.repeat(escapedName.length)
		const bytes = await pdfFile({
			objectStreams: false,
			change: (doc) => doc.catalog.set(PDFName.of('OpenAction'), doc.context.obj({ S: PDFName.of(placeholder) })),
		})
		return Buffer.from(bytes.toString('latin1').replace(`/${placeholder}`, `/${escapedName}`), 'latin1')
	}
	await expectRefused(activeContent, {
		'opens with javascript, no pages.pdf': await pdfFile({ pages: 0, change: openWithJavaScript }),
		'javascript in an object stream.pdf': inObjectStream,
		'escaped name.pdf': await escaped('J#61v#61Script'),
		'lower-case escapes.pdf': await escaped('#4aava#53cript'),
		'launches a program.pdf': await pdfFile({
			change: (doc) => doc.getPage(0).node.set(PDFName.of('AA'), doc.context.obj({ O: { S: 'Launch', F: PDFString.of('calc.exe') } })),
		}),
		'with an attachment.pdf': await pdfFile({
			pages: 2,
			change: (doc) => void doc.attach(Buffer.from('MZ not really'), 'setup.exe', { mimeType: 'application/octet-stream' }),
		}),
	})

	// Links and opening at a page are not active content.
	const withLinks = await pdfFile({
		change: (doc) => {
			const page = doc.getPage(0)
			doc.catalog.set(PDFName.of('OpenAction'), doc.context.obj([page.ref, 'Fit']))
			const link = doc.context.register(
				doc.context.obj({ Type: 'Annot', Subtype: 'Link', Rect: [50, 690, 300, 715], A: { S: 'URI', URI: PDFString.of('https://www.gov.uk') } }),
			)
			page.node.set(PDFName.of('Annots'), doc.context.obj([link]))
		},
	})
	const result = await receiveEvidenceUpload(uploadRequest([['file', new File([withLinks], 'links.pdf')]]), { clamdSocket: null })
	expect(result.error).toBeNull()
})

test('a password-protected PDF is refused', async () => {
	const encrypted = await pdfFile({
		objectStreams: false,
		change: (doc) => {
			doc.context.trailerInfo.Encrypt = doc.context.register(
				doc.context.obj({ Filter: 'Standard', V: 1, R: 2, O: PDFString.of('x'.repeat(32)), U: PDFString.of('y'.repeat(32)), P: -4 }),
			)
		},
	})
	await expectRefused('The selected file is password protected', { 'protected.pdf': encrypted })
})

test('a PDF whose object stream opens to more than the limit is refused before it is opened in full', async () => {
	// 24MB of spaces in an object stream, about 24KB to upload; the limit is lowered from 100MB to keep the test quick.
	const { data } = await deflatedRepeats(24 * MIB, { fill: 0x20, raw: false })
	const bomb = await pdfFile({
		objectStreams: false,
		change: (doc) => void doc.context.register(doc.context.stream(data, { Type: 'ObjStm', N: 1, First: 4, Filter: 'FlateDecode' })),
	})
	expect(bomb.length).toBeLessThan(MIB / 10)
	const result = await receiveEvidenceUpload(
		uploadRequest([
			['title', 'Report'],
			['file', new File([bomb], 'bomb.pdf')],
		]),
		{ clamdSocket: null, maxOpenedBytes: 8 * MIB },
	)
	expect(result).toMatchObject({ error: tooLargeWhenOpened, file: null, fields: { title: 'Report' } })
	expect(tmpFiles()).toEqual([])
})

test('a Word file that opens to far more than was uploaded is refused, read from its directory alone', async () => {
	const mebibyteOfZeros = await deflatedZeros('word/media/image.bin', MIB)
	const manySmall = Array.from({ length: 150 }, (_, i) => ({ ...mebibyteOfZeros, name: `word/media/image${i}.bin` }))
	const bomb = zipFile([...wordParts.slice(0, 2), await deflatedZeros('word/document.xml', 200 * MIB)])
	expect(bomb.length).toBeLessThan(MIB)
	await expectRefused(tooLargeWhenOpened, {
		'document of 200MB of zeros.docx': bomb,
		'one image 1000 times its size.docx': zipFile([...wordParts, await deflatedZeros('word/media/image.bin', 2 * MIB)]),
		'150 entries of 1MB.docx': zipFile([...wordParts, ...manySmall]),
		'5,001 entries.docx': zipFile([...wordParts, ...Array.from({ length: 5001 - wordParts.length }, (_, i) => text(`word/part${i}.xml`, '<p/>'))]),
	})
})

test('a Word file with a broken or Zip64 directory, or without its content types, is refused as damaged', async () => {
	const docx = zipFile(wordParts)
	const zip64 = Buffer.from(docx)
	zip64.writeUInt16LE(0xffff, zip64.length - 22 + 8)
	zip64.writeUInt16LE(0xffff, zip64.length - 22 + 10)
	const lying = zipFile([...wordParts, { ...text('word/styles.xml', '<styles/>'), uncompressedSize: 1 }])
	await expectRefused(damaged, {
		'cut short.docx': docx.subarray(0, docx.length - 30),
		'zip64.docx': zip64,
		'no content types.docx': zipFile(wordParts.slice(1)),
		'twice the same part.docx': zipFile([...wordParts, text('word/document.xml', '<w:document/>')]),
		'sizes that disagree.docx': lying,
	})
})

test('an image whose header does not decode is refused as damaged', async () => {
	const png = pngFile()
	const badCrc = Buffer.from(png)
	badCrc[29] ^= 0xff
	const zeroWidth = pngFile({ width: 0 })
	await expectRefused(damaged, {
		'bad crc.png': badCrc,
		'no width.png': zeroWidth,
		'signature only.png': png.subarray(0, 8),
		'junk after the marker.jpg': Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.from('this is not a JPEG at all')]),
		'image data before any frame.jpg': Buffer.from([0xff, 0xd8, 0xff, 0xda, 0x00, 0x08, 0x01, 0x01, 0x00, 0x00, 0x3f, 0x00, 0xff, 0xd9]),
		'frame cut short.jpg': jpegFile.subarray(0, 26),
	})
	await expectRefused(tooLargeWhenOpened, { '100 megapixels.png': pngFile({ width: 10_000, height: 10_000 }) })
})

test('a file over the limit is refused with the limit in the message and the answers before it kept', async () => {
	const before = storedFiles()
	const big = Buffer.concat([await pdfFile(), Buffer.alloc(1.5 * MIB, 0x20)])
	const result = await receiveEvidenceUpload(
		uploadRequest([
			['title', 'Paediatrician report'],
			['file', new File([big], 'report.pdf')],
		]),
		{ maxBytes: MIB, clamdSocket: null },
	)
	expect(result).toMatchObject({ error: 'The selected file must be smaller than 1MB', file: null, fields: { title: 'Paediatrician report' } })
	expect(storedFiles()).toEqual(before)
	expect(tmpFiles()).toEqual([])
})

test('the form is read the same however the body is split into chunks', async () => {
	const bytes = await pdfFile({ body: `\r\n--not-the-boundary\r\n${'-'.repeat(3000)}` })
	const original = uploadRequest([
		['title', 'Report with "quotes" and a line\r\nbreak'],
		['file', new File([bytes], 'rép"ort\n.pdf')],
		['after', 'kept'],
	])
	const body = Buffer.from(await original.arrayBuffer())
	let seed = 42
	const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31
	const chunks: Buffer[] = []
	for (let at = 0; at < body.length;) {
		const size = 1 + Math.floor(random() * 13)
		chunks.push(body.subarray(at, at + size))
		at += size
	}
	const request = new Request(uploadUrl, {
		method: 'POST',
		headers: { 'Content-Type': original.headers.get('Content-Type')! },
		body: new ReadableStream({
			pull(controller) {
				const chunk = chunks.shift()
				if (chunk) controller.enqueue(chunk)
				else controller.close()
			},
		}),
		duplex: 'half',
	} as RequestInit & { duplex: 'half' })
	const result = await receiveEvidenceUpload(request, { clamdSocket: null })
	expect(result.error).toBeNull()
	expect(result.fields).toEqual({ title: 'Report with "quotes" and a line\r\nbreak', after: 'kept' })
	expect(result.file).toMatchObject({ fileName: 'rép"ort.pdf', sizeBytes: bytes.length, sha256: sha256(bytes) })
	expect(fs.readFileSync(path.join(evidenceDir, result.file!.storageKey)).equals(bytes)).toBe(true)
})

/**
 * A multipart body generated as it is read: a title field, then a file of `fileBytes` bytes, as a browser sends it,
 * starting with `firstBytes` and the rest filler.
 */
function streamedUpload(fileBytes: number, firstBytes = Buffer.from('%PDF-1.7\n')) {
	const boundary = '----ehc-test-7MA4YWxkTrZu0gW'
	const head = Buffer.from(
		`--${boundary}\r\nContent-Disposition: form-data; name="title"\r\n\r\nSALT report\r\n` +
			`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="huge.pdf"\r\nContent-Type: application/pdf\r\n\r\n`,
	)
	const hash = createHash('sha256')
	let fileSent = 0
	let stage: 'head' | 'file' | 'done' = 'head'
	const body = new ReadableStream<Uint8Array>({
		pull(controller) {
			if (stage === 'head') {
				stage = 'file'
				controller.enqueue(Buffer.concat([head, firstBytes]))
				hash.update(firstBytes)
				fileSent = firstBytes.length
			} else if (stage === 'file' && fileSent < fileBytes) {
				const chunk = Buffer.alloc(Math.min(64 * 1024, fileBytes - fileSent), 0x41)
				hash.update(chunk)
				fileSent += chunk.length
				controller.enqueue(chunk)
			} else if (stage === 'file') {
				stage = 'done'
				controller.enqueue(Buffer.from(`\r\n--${boundary}--\r\n`))
				controller.close()
			}
		},
	})
	const request = new Request(uploadUrl, {
		method: 'POST',
		headers: { 'Content-Type': `multipart/form-data; boundary=${boundary}` },
		body,
		duplex: 'half',
	} as RequestInit & { duplex: 'half' })
	return { request, sent: () => fileSent, sha256: () => hash.digest('hex') }
}

test('an oversized upload is refused without exhausting memory', async () => {
	const before = storedFiles()
	const upload = streamedUpload(200 * MIB)
	const rssBefore = process.memoryUsage().rss
	const result = await receiveEvidenceUpload(upload.request, { maxBytes: MIB, clamdSocket: null })
	const rssGrowth = process.memoryUsage().rss - rssBefore
	expect(result).toMatchObject({ error: 'The selected file must be smaller than 1MB', file: null, fields: { title: 'SALT report' } })
	expect(upload.sent()).toBeLessThan(2 * MIB) // it stopped reading at the limit
	expect(rssGrowth).toBeLessThan(100 * MIB)
	expect(storedFiles()).toEqual(before)
	expect(tmpFiles()).toEqual([])
})

test('a large accepted upload streams to disk rather than into memory', async () => {
	const upload = streamedUpload(150 * MIB, pngFile()) // an image's header is all that is read back
	const rssBefore = process.memoryUsage().rss
	const result = await receiveEvidenceUpload(upload.request, { maxBytes: 200 * MIB, clamdSocket: null })
	const rssGrowth = process.memoryUsage().rss - rssBefore
	expect(result.error).toBeNull()
	expect(result.file).toMatchObject({ contentType: 'image/png', sizeBytes: 150 * MIB, sha256: upload.sha256() })
	expect(rssGrowth).toBeLessThan(100 * MIB)
	await deleteEvidenceFile(result.file!.storageKey)
	expect(tmpFiles()).toEqual([])
})

/** A stand-in for clamd speaking INSTREAM; it "finds" the EICAR test string. */
async function startFakeClamd(listenOn: { path: string } | { host: string; port: 0 }, { answer = true } = {}) {
	const server = net.createServer((socket) => {
		let buffer = Buffer.alloc(0)
		let command: string | null = null
		const content: Buffer[] = []
		socket.on('error', () => {})
		socket.on('data', (data) => {
			buffer = Buffer.concat([buffer, data])
			if (command === null) {
				if (buffer.length < 10) return
				command = buffer.subarray(0, 10).toString('latin1')
				buffer = buffer.subarray(10)
				if (command !== 'zINSTREAM\0') return void socket.end('UNKNOWN COMMAND\0')
			}
			while (buffer.length >= 4) {
				const length = buffer.readUInt32BE(0)
				if (length === 0) {
					if (answer) socket.end(Buffer.concat(content).includes(EICAR) ? 'stream: Eicar-Test-Signature FOUND\0' : 'stream: OK\0')
					return
				}
				if (buffer.length < 4 + length) return
				content.push(buffer.subarray(4, 4 + length))
				buffer = buffer.subarray(4 + length)
			}
		})
	})
	await new Promise<void>((resolve) => server.listen(listenOn, resolve))
	const address = server.address()
	return {
		address: typeof address === 'string' ? address : `${address!.address}:${address!.port}`,
		close: () => new Promise((resolve) => server.close(resolve)),
	}
}

test('with clamd configured, an infected file is refused, a clean one is stored as CLEAN, and no answer means no upload', async () => {
	const socketDir = fs.mkdtempSync(path.join(os.tmpdir(), 'clamd-'))
	const clamd = await startFakeClamd({ path: path.join(socketDir, 'clamd.ctl') })
	const warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
	try {
		const before = storedFiles()
		const infected = await receiveEvidenceUpload(
			uploadRequest([
				['title', 'Report'],
				['file', new File([await pdfFile({ body: EICAR })], 'report.pdf')],
			]),
			{ clamdSocket: clamd.address },
		)
		expect(infected).toMatchObject({ error: 'The selected file contains a virus', file: null, fields: { title: 'Report' } })
		expect(storedFiles()).toEqual(before)

		const clean = await receiveEvidenceUpload(uploadRequest([['file', new File([await pdfFile()], 'report.pdf')]]), { clamdSocket: clamd.address })
		expect(clean.error).toBeNull()
		expect(clean.file?.scanStatus).toBe('CLEAN')

		const unreachable = await receiveEvidenceUpload(
			uploadRequest([
				['title', 'Report'],
				['file', new File([await pdfFile()], 'report.pdf')],
			]),
			{ clamdSocket: path.join(socketDir, 'no-such.sock') },
		)
		expect(unreachable).toMatchObject({
			error: 'The selected file could not be checked for viruses. Try again later',
			file: null,
			fields: { title: 'Report' },
		})
		expect(storedFiles()).toEqual([...before, clean.file!.storageKey].sort())
		expect(tmpFiles()).toEqual([])
		expect(warn).toHaveBeenCalled() // operators are told that clamd is down
	} finally {
		warn.mockRestore()
		await clamd.close()
		fs.rmSync(socketDir, { recursive: true, force: true })
	}
})

test('the clamd client speaks TCP too and gives up when clamd does not answer', async () => {
	const clamd = await startFakeClamd({ host: '127.0.0.1', port: 0 })
	const silent = await startFakeClamd({ host: '127.0.0.1', port: 0 }, { answer: false })
	try {
		expect(await scanStream(clamd.address, [Buffer.from('hello')])).toEqual({ clean: true })
		expect(await scanStream(clamd.address, [Buffer.from(EICAR.slice(0, 20)), Buffer.from(EICAR.slice(20))])).toEqual({
			clean: false,
			signature: 'Eicar-Test-Signature',
		})
		await expect(scanStream(silent.address, [Buffer.from('hello')], { timeoutMs: 200 })).rejects.toThrow(/did not answer/)
	} finally {
		await clamd.close()
		await silent.close()
	}
})

test('downloads are attachments with the stored type, the exact name and no sniffing', async () => {
	const bytes = await pdfFile()
	const fileName = 'Zoë’s SALT report – May.pdf'
	const { file } = await receiveEvidenceUpload(uploadRequest([['file', new File([bytes], fileName)]]), { clamdSocket: null })
	const response = await evidenceDownloadResponse(file!)
	expect(response.status).toBe(200)
	expect(response.headers.get('Content-Type')).toBe('application/pdf')
	expect(response.headers.get('Content-Length')).toBe(String(bytes.length))
	expect(response.headers.get('Content-Disposition')).toBe(
		`attachment; filename="Zoe_s SALT report _ May.pdf"; filename*=UTF-8''Zo%C3%AB%E2%80%99s%20SALT%20report%20%E2%80%93%20May.pdf`,
	)
	expect(response.headers.get('X-Content-Type-Options')).toBe('nosniff')
	expect(response.headers.get('Cache-Control')).toBe('private, no-store')
	expect(Buffer.from(await response.arrayBuffer()).equals(bytes)).toBe(true)
	expect(Buffer.from(await readEvidenceBytes(file!.storageKey)).equals(bytes)).toBe(true)

	await deleteEvidenceFile(file!.storageKey)
	expect((await evidenceDownloadResponse(file!)).status).toBe(404)
	await deleteEvidenceFile(file!.storageKey) // already gone: not an error
})

test('storage keys cannot walk out of the evidence folder', async () => {
	expect(evidencePath('0123456789abcdef0123456789abcdef')).toBe(path.join(evidenceDir, '0123456789abcdef0123456789abcdef'))
	for (const key of ['../../etc/passwd', '0123456789abcdef0123456789abcde/', '0123456789ABCDEF0123456789ABCDEF', 'tmp', '']) {
		expect(() => evidencePath(key)).toThrow()
		await expect(readEvidenceBytes(key)).rejects.toThrow()
		await expect(deleteEvidenceFile(key)).rejects.toThrow()
	}
	await expect(evidenceDownloadResponse({ storageKey: '../portal.db', fileName: 'x.pdf', contentType: 'application/pdf', sizeBytes: 1 })).rejects.toThrow()
})

test('file names lose folders and disguises and always end in the detected type', () => {
	expect(safeFileName('C:\\fakepath\\report.PDF', 'application/pdf')).toBe('report.PDF')
	expect(safeFileName('../../etc/passwd', 'application/pdf')).toBe('passwd.pdf')
	expect(safeFileName('setup.msi', 'application/msword')).toBe('setup.msi.doc')
	expect(safeFileName('photo.jpeg', 'image/jpeg')).toBe('photo.jpeg')
	expect(safeFileName('report\u202Efdp.exe', 'application/pdf')).toBe('reportfdp.exe.pdf')
	expect(safeFileName('bad\u0000\r\nname.png', 'image/png')).toBe('badname.png')
	expect(safeFileName('', 'image/png')).toBe('evidence.png')
	const long = safeFileName(`${'a'.repeat(300)}.docx`, 'application/vnd.openxmlformats-officedocument.wordprocessingml.document')
	expect(long).toHaveLength(200)
	expect(long.endsWith('.docx')).toBe(true)
})

test('a form posted without multipart encoding is a 415, not a silent loss', async () => {
	const request = new Request(uploadUrl, { method: 'POST', body: new URLSearchParams({ title: 'Report' }) })
	await expect(receiveEvidenceUpload(request)).rejects.toMatchObject({ status: 415 })
})
