/**
 * Evidence bundles: a document followed by copies of its evidence, paginated as one file.
 *
 * Used for the evidence bundle (contents, the review record, then each evidence file) and by the
 * amendment notice, which must include copies of the evidence supporting each proposed amendment
 * (reg 22(2); R (L, M & P) v Devon CC [2022] EWHC 493 (Admin)).
 *
 * One unreadable evidence file must never stop a family getting the rest: an encrypted or damaged
 * PDF, a file that fails to load or an image that will not decode gets a page saying so instead.
 */
import { PDFDocument, PDFName, degrees, type PDFPage } from 'pdf-lib'
import { A4, addOutline, embedFonts, sanitise, setMetadata, stampPage, wrapPlain, PdfWriter, type DocumentMeta, type Fonts } from '#app/pdf/kit.server.ts'

export interface EvidenceItem {
	title: string
	fileName: string
	contentType: string
	/** Called once, when the item's turn comes, so that only one file is held in memory at a time. */
	load: () => Promise<Uint8Array>
	/** A file a PDF cannot hold that goes beside the PDF as itself (the amendment notice's email, reg 22(2)(b)). */
	sentAlongside?: boolean
}

/** pdf and image: in the PDF; attached: a separate file sent with it; separate: not sent, ask for it; not-included: unreadable. */
export type EvidenceOutcome = 'pdf' | 'image' | 'attached' | 'separate' | 'not-included'

/** Evidence a PDF cannot hold (a Word document): the amendment notice sends it beside its PDF, as the file itself (reg 22(2)(b)). */
export function cannotGoInPdf(contentType: string): boolean {
	return !['application/pdf', 'image/jpeg', 'image/png'].includes(contentType)
}

export interface PlacedEvidence {
	title: string
	fileName: string
	outcome: EvidenceOutcome
	/** 1-based page numbers in the finished document. */
	firstPage: number
	lastPage: number
}

// ---------------------------------------------------------------------------------------------
// Evidence pages

type Sniffed = 'pdf' | 'jpeg' | 'png' | 'other'

/** What a file is, from its bytes first (a renamed file is common) and its declared type second. */
function sniff(bytes: Uint8Array, contentType: string): Sniffed {
	if (bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'jpeg'
	if (bytes[0] === 0x89 && bytes[1] === 0x50 && bytes[2] === 0x4e && bytes[3] === 0x47) return 'png'
	// The PDF header may follow up to 1,024 bytes of junk (ISO 32000-1, annex H).
	const head = new TextDecoder('latin1').decode(bytes.subarray(0, 1024))
	if (head.includes('%PDF-')) return 'pdf'
	return contentType === 'application/pdf' ? 'pdf' : 'other'
}

/**
 * The EXIF orientation of a JPEG (1 when absent): phone photos of a child's work are stored sideways
 * with a tag saying how to turn them, and pdf-lib draws the stored pixels as they are.
 */
export function jpegOrientation(bytes: Uint8Array): number {
	const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
	let offset = 2
	while (offset + 4 <= bytes.length && bytes[offset] === 0xff) {
		const marker = bytes[offset + 1]
		const length = view.getUint16(offset + 2)
		if (marker === 0xda || length < 2) break // start of scan: no more metadata
		const exif = offset + 4
		if (marker === 0xe1 && exif + 14 <= bytes.length && view.getUint32(exif) === 0x45786966 /* 'Exif' */) {
			const tiff = exif + 6
			const little = view.getUint16(tiff) === 0x4949
			const ifd = tiff + view.getUint32(tiff + 4, little)
			if (ifd + 2 > bytes.length) return 1
			const entries = view.getUint16(ifd, little)
			for (let i = 0; i < entries; i++) {
				const entry = ifd + 2 + i * 12
				if (entry + 12 > bytes.length) return 1
				if (view.getUint16(entry, little) === 0x0112) {
					const value = view.getUint16(entry + 8, little)
					return value >= 1 && value <= 8 ? value : 1
				}
			}
			return 1
		}
		offset += 2 + length
	}
	return 1
}

function textPage(doc: PDFDocument, fonts: Fonts, heading: string, body: string[]): PDFPage {
	const page = doc.addPage(A4)
	const width = A4[0] - 112
	let y = A4[1] - 96
	for (const line of wrapPlain(sanitise(heading, 'bold'), fonts.bold, 16, width)) {
		page.drawText(line, { x: 56, y, size: 16, font: fonts.bold })
		y -= 22
	}
	y -= 8
	for (const paragraph of body) {
		for (const line of wrapPlain(sanitise(paragraph), fonts.regular, 11, width)) {
			page.drawText(line, { x: 56, y, size: 11, font: fonts.regular })
			y -= 16
		}
		y -= 8
	}
	return page
}

async function imagePage(doc: PDFDocument, fonts: Fonts, item: EvidenceItem, bytes: Uint8Array, kind: 'jpeg' | 'png') {
	const image = kind === 'jpeg' ? await doc.embedJpg(bytes) : await doc.embedPng(bytes)
	const orientation = kind === 'jpeg' ? jpegOrientation(bytes) : 1
	const turned = orientation >= 5 // 5-8 are a quarter turn (the mirrored ones are drawn unmirrored)
	const shownWidth = turned ? image.height : image.width
	const shownHeight = turned ? image.width : image.height
	const landscape = shownWidth > shownHeight
	const page = doc.addPage(landscape ? [A4[1], A4[0]] : A4)
	const { width: pageWidth, height: pageHeight } = page.getSize()

	let y = pageHeight - 56
	const caption = [
		{ text: sanitise(item.title, 'bold'), font: fonts.bold, size: 12 },
		{ text: sanitise(item.fileName), font: fonts.regular, size: 10 },
	]
	for (const part of caption) {
		for (const line of wrapPlain(part.text, part.font, part.size, pageWidth - 112)) {
			page.drawText(line, { x: 56, y, size: part.size, font: part.font })
			y -= part.size * 1.4
		}
	}
	const boxWidth = pageWidth - 112
	const boxHeight = y - 8 - 64 // above the page number
	// Fit the box; small images are enlarged at most 2 times so they do not turn into blocks.
	const scale = Math.min(boxWidth / shownWidth, boxHeight / shownHeight, 2)
	const w = shownWidth * scale
	const h = shownHeight * scale
	const x = 56 + (boxWidth - w) / 2
	const bottom = y - 8 - h
	// Drawn with its unrotated size and turned about its origin, so the turned image fills (x, bottom, w, h).
	const drawWidth = turned ? h : w
	const drawHeight = turned ? w : h
	if (orientation === 3 || orientation === 4) page.drawImage(image, { x: x + w, y: bottom + h, width: drawWidth, height: drawHeight, rotate: degrees(180) })
	else if (orientation === 6 || orientation === 5) page.drawImage(image, { x, y: bottom + h, width: drawWidth, height: drawHeight, rotate: degrees(-90) })
	else if (orientation === 8 || orientation === 7) page.drawImage(image, { x: x + w, y: bottom, width: drawWidth, height: drawHeight, rotate: degrees(90) })
	else page.drawImage(image, { x, y: bottom, width: w, height: h })
}

function notIncluded(doc: PDFDocument, fonts: Fonts, item: EvidenceItem, why: string) {
	textPage(doc, fonts, item.title, [
		`File: ${item.fileName}`,
		`This document could not be included in the bundle because ${why}.`,
		'Please ask the council for a copy of the original file.',
	])
}

/** Appends each evidence item's pages to `doc`, loading one file at a time. Page numbers returned are 0-based indexes into `doc`. */
async function appendEvidence(doc: PDFDocument, fonts: Fonts, evidence: EvidenceItem[], onProgress?: (done: number, total: number) => void) {
	const placed: Array<{ item: EvidenceItem; outcome: EvidenceOutcome; first: number; count: number }> = []
	for (const [i, item] of evidence.entries()) {
		const first = doc.getPageCount()
		let outcome: EvidenceOutcome
		let bytes: Uint8Array | undefined
		try {
			bytes = await item.load()
		} catch {
			bytes = undefined
		}
		if (!bytes) {
			notIncluded(doc, fonts, item, 'the file could not be found')
			outcome = 'not-included'
		} else {
			const kind = sniff(bytes, item.contentType)
			outcome = kind === 'pdf' ? 'pdf' : kind === 'other' ? (item.sentAlongside ? 'attached' : 'separate') : 'image'
			try {
				if (kind === 'pdf') {
					// pdf-lib cannot decrypt: an encrypted file loads only as garbage, so it is refused here.
					const source = await PDFDocument.load(bytes, { updateMetadata: false })
					const indices = source.getPageIndices()
					if (indices.length === 0) throw new Error('no pages')
					for (const page of await doc.copyPages(source, indices)) doc.addPage(page)
				} else if (kind === 'other') {
					textPage(doc, fonts, item.title, [
						`File: ${item.fileName}`,
						// The page says where the file is: beside this PDF when it was sent with it, otherwise how to get it (reg 22(2)(b)).
						item.sentAlongside
							? 'This file cannot be shown in a PDF (for example, a Word document), so it is sent with this document as a separate file with the name above. If you did not receive it, ask the council for a copy.'
							: 'This file cannot be shown in a PDF (for example, a Word document), so it is not in this document. Ask the council for a copy, giving the file name above.',
					])
				} else {
					await imagePage(doc, fonts, item, bytes, kind)
				}
			} catch (error) {
				// Take back any pages added before the failure, then say why.
				while (doc.getPageCount() > first) doc.removePage(doc.getPageCount() - 1)
				const encrypted = error instanceof Error && /encrypt/i.test(error.name + error.message)
				notIncluded(
					doc,
					fonts,
					item,
					encrypted
						? 'it is protected with a password'
						: kind === 'pdf'
							? 'the file is damaged or is not a readable PDF'
							: 'the image could not be read',
				)
				outcome = 'not-included'
			}
		}
		placed.push({ item, outcome, first, count: doc.getPageCount() - first })
		bytes = undefined
		onProgress?.(i + 1, evidence.length)
	}
	return placed
}

// ---------------------------------------------------------------------------------------------
// Assembly

export interface FrontPart {
	bytes: Uint8Array
	/** A bookmark at the part's first page. */
	bookmark: string
}

/**
 * Evidence first, then the front matter (which may list the evidence with its page numbers, so is
 * laid out last and asked again until its own page count is stable), then page numbers on every page.
 */
export async function assembleWithEvidence(options: {
	meta: DocumentMeta
	evidence: EvidenceItem[]
	onProgress?: (done: number, total: number) => void
	front: (placed: PlacedEvidence[], frontPageCount: number) => Promise<FrontPart[]>
	/** A first guess at the front matter's page count; a right guess saves laying it out twice. */
	frontPagesGuess?: number
	pageLabel: (n: number, total: number) => string
	align: 'centre' | 'right'
}): Promise<Uint8Array> {
	const doc = await PDFDocument.create({ updateMetadata: false })
	setMetadata(doc, options.meta)
	const fonts = await embedFonts(doc)
	const appended = await appendEvidence(doc, fonts, options.evidence, options.onProgress)

	let guess = options.frontPagesGuess ?? 1
	let parts: FrontPart[] = []
	let sources: PDFDocument[] = []
	for (let attempt = 0; attempt < 5; attempt++) {
		const placed = appended.map((a) => ({
			title: a.item.title,
			fileName: a.item.fileName,
			outcome: a.outcome,
			firstPage: guess + a.first + 1,
			lastPage: guess + a.first + a.count,
		}))
		parts = await options.front(placed, guess)
		sources = await Promise.all(parts.map((part) => PDFDocument.load(part.bytes, { updateMetadata: false })))
		const count = sources.reduce((sum, source) => sum + source.getPageCount(), 0)
		if (count === guess) break
		guess = count
	}

	const bookmarks: Array<{ title: string; page: PDFPage }> = []
	let at = 0
	for (const [i, source] of sources.entries()) {
		const pages = await doc.copyPages(source, source.getPageIndices())
		pages.forEach((page, k) => doc.insertPage(at + k, page))
		bookmarks.push({ title: parts[i].bookmark, page: pages[0] })
		at += pages.length
	}
	const all = doc.getPages()
	for (const a of appended) bookmarks.push({ title: a.item.title, page: all[at + a.first] })
	addOutline(doc, bookmarks)
	doc.catalog.set(PDFName.of('PageMode'), PDFName.of('UseOutlines'))

	all.forEach((page, i) => stampPage(page, fonts.regular, options.pageLabel(i + 1, all.length), { align: options.align, box: i >= at }))
	return doc.save()
}

export function pageRange(first: number, last: number) {
	return first === last ? `${first}` : `${first} to ${last}`
}

const OUTCOME_NOTES: Record<EvidenceOutcome, string> = {
	pdf: '',
	image: '',
	attached: ' (a separate file, sent with this notice)',
	separate: ' (not in this PDF: ask us for a copy)',
	'not-included': ' (could not be included)',
}

export function describePlaced(p: PlacedEvidence): string {
	return `${p.title}${OUTCOME_NOTES[p.outcome]}`
}

export async function renderEvidenceBundle(input: {
	title: string
	councilName: string
	childName: string
	record: Uint8Array
	evidence: EvidenceItem[]
	onProgress?: (done: number, total: number) => void
}): Promise<Uint8Array> {
	const recordPages = (await PDFDocument.load(input.record, { updateMetadata: false })).getPageCount()
	const meta: DocumentMeta = {
		title: input.title,
		subject: `Evidence bundle for ${input.childName}`,
		councilName: input.councilName,
		childName: input.childName,
		createdAt: new Date(),
	}
	return assembleWithEvidence({
		meta,
		evidence: input.evidence,
		onProgress: input.onProgress,
		frontPagesGuess: recordPages + 1,
		pageLabel: (n, total) => `Bundle page ${n} of ${total}`,
		align: 'right',
		front: async (placed, frontPages) => {
			const contentsPages = frontPages - recordPages
			const pdf = await PdfWriter.create(meta)
			pdf.h1(input.title)
			pdf.paragraph(
				`This bundle holds ${placed.length === 1 ? '1 evidence document' : `${placed.length} evidence documents`} after the annual review record. ` +
					'Page numbers are the bundle page numbers printed at the bottom right of each page.',
			)
			pdf.h2('Contents')
			pdf.table(
				[
					{ header: 'Document', width: 4 },
					{ header: 'File', width: 2.4 },
					{ header: 'Bundle pages', width: 1.4 },
				],
				[
					['Annual review record', '', pageRange(Math.max(contentsPages, 1) + 1, Math.max(contentsPages, 1) + recordPages)],
					...placed.map((p) => [describePlaced(p), p.fileName, pageRange(p.firstPage, p.lastPage)]),
				],
			)
			const contents = await pdf.save({ footer: false })
			return [
				{ bytes: contents, bookmark: 'Contents' },
				{ bytes: input.record, bookmark: 'Annual review record' },
			]
		},
	})
}
