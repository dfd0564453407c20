/**
 * A small layout kit on pdf-lib for the portal's documents: A4 pages, DejaVu Sans embedded (so any
 * name a family writes prints, and no standard-14 font is relied on), headings, paragraphs that keep
 * the user's line breaks, summary lists, tables whose header repeats on each page, bullet lists and
 * the wording diff. Lines are placed whole: a page break never splits a line of text.
 *
 * The running header and the 'Page N of M' footer are drawn in `save()`, once the page count is known.
 */
import { readFile } from 'node:fs/promises'
import { createRequire } from 'node:module'
import fontkit from '@pdf-lib/fontkit'
import { PDFDocument, PDFHexString, PDFName, PDFNull, degrees, rgb, type PDFFont, type PDFPage } from 'pdf-lib'
import type { DiffPart } from '#app/domain/wording-diff.ts'

export const A4: [number, number] = [595.28, 841.89]
const MARGIN = { top: 72, bottom: 64, left: 56, right: 56 }
const BLACK = rgb(0, 0, 0)
const GREY = rgb(0.35, 0.35, 0.35)
const RULE = rgb(0.7, 0.7, 0.7)
const SHADE = rgb(0.93, 0.93, 0.93)

export const DIFF_LEGEND = 'Additions are in bold and underlined; deletions are struck through'

// ---------------------------------------------------------------------------------------------
// Fonts

export type FontKey = 'regular' | 'bold' | 'italic'
export interface Fonts {
	regular: PDFFont
	bold: PDFFont
	italic: PDFFont
}

const FONT_FILES: Record<FontKey, string> = { regular: 'DejaVuSans.ttf', bold: 'DejaVuSans-Bold.ttf', italic: 'DejaVuSans-Oblique.ttf' }
const require = createRequire(import.meta.url)
let fontBytes: Promise<Record<FontKey, Uint8Array>> | undefined

function loadFontBytes() {
	fontBytes ??= (async () => {
		const load = async (key: FontKey) => new Uint8Array(await readFile(require.resolve(`dejavu-fonts-ttf/ttf/${FONT_FILES[key]}`)))
		const [regular, bold, italic] = await Promise.all([load('regular'), load('bold'), load('italic')])
		return { regular, bold, italic }
	})()
	return fontBytes
}

// Per process: each face's character set (DejaVu's bold and oblique cover fewer characters than the
// regular face) and its advance widths, read once from a parsed copy of the font.
const charsets = new Map<FontKey, Set<number>>()
const metrics = new Map<FontKey, { font: ReturnType<typeof fontkit.create>; advances: Map<number, number> }>()

// pdf-lib writes glyph ids only: the PDF viewer places each glyph by its advance width, so kerning and
// mark positioning computed by fontkit's shaper are thrown away. Turning those features off saves most
// of the layout time; ligatures are off so that 'fi' is copied and searched as two letters.
const FEATURES_OFF = {
	ccmp: false,
	locl: false,
	rlig: false,
	mark: false,
	mkmk: false,
	calt: false,
	clig: false,
	liga: false,
	rclt: false,
	curs: false,
	kern: false,
}

/** Embeds DejaVu Sans (subset: only the glyphs used are written). */
export async function embedFonts(doc: PDFDocument): Promise<Fonts> {
	doc.registerFontkit(fontkit)
	const bytes = await loadFontBytes()
	const embed = (key: FontKey) => doc.embedFont(bytes[key], { subset: true, features: FEATURES_OFF })
	const fonts: Fonts = { regular: await embed('regular'), bold: await embed('bold'), italic: await embed('italic') }
	for (const key of Object.keys(fonts) as FontKey[]) {
		if (!charsets.has(key)) charsets.set(key, new Set(fonts[key].getCharacterSet()))
		if (!metrics.has(key)) metrics.set(key, { font: fontkit.create(bytes[key]), advances: new Map() })
	}
	return fonts
}

/**
 * The printed width of text: the sum of its glyphs' advance widths, which is exactly how pdf-lib
 * writes the text (see FEATURES_OFF), without running the shaper for every word.
 */
export function textWidth(text: string, font: FontKey, size: number): number {
	const face = metrics.get(font)
	if (!face) throw new Error('textWidth: call embedFonts first')
	let units = 0
	for (const char of text) {
		const code = char.codePointAt(0)!
		let advance = face.advances.get(code)
		if (advance === undefined) {
			advance = face.font.glyphForCodePoint(code).advanceWidth
			face.advances.set(code, advance)
		}
		units += advance
	}
	return (units * size) / face.font.unitsPerEm
}

/**
 * Makes user text printable: strips control and invisible format characters (keeping line breaks),
 * turns tabs into spaces, and replaces characters the font has no glyph for (emoji, most scripts
 * DejaVu lacks) with one replacement character per run, rather than failing the whole document.
 */
export function sanitise(text: string, font: FontKey = 'regular'): string {
	if (/^[\x20-\x7e\n]*$/.test(text)) return text // printable ASCII: every DejaVu face has it
	const charset = charsets.get(font)
	const replacement = charset && !charset.has(0xfffd) ? '?' : '\uFFFD'
	let out = ''
	let replaced = false
	for (const char of text.normalize('NFC').replace(/\r\n?/g, '\n').replace(/\t/g, '    ')) {
		const code = char.codePointAt(0)!
		if (char === '\n') {
			out += char
			replaced = false
		} else if (/[\p{Cc}\p{Cf}]/u.test(char)) {
			continue
		} else if (charset && !charset.has(code)) {
			// A variation selector or combining mark on a replaced character adds nothing.
			if (!replaced && !/\p{M}/u.test(char)) out += replacement
			replaced = true
		} else {
			out += char
			replaced = false
		}
	}
	return out
}

// ---------------------------------------------------------------------------------------------
// Metadata, outline and page stamps (shared with the bundle)

export interface DocumentMeta {
	title: string
	subject: string
	councilName: string
	/** Shown in the running header beside the title. */
	childName: string
	createdAt: Date
	keywords?: string[]
}

export function setMetadata(doc: PDFDocument, meta: DocumentMeta) {
	doc.setTitle(sanitise(meta.title), { showInWindowTitleBar: true })
	doc.setLanguage('en-GB')
	doc.setAuthor(sanitise(meta.councilName))
	doc.setSubject(sanitise(meta.subject))
	doc.setCreator('EHC annual reviews')
	doc.setProducer('EHC annual reviews (pdf-lib)')
	doc.setCreationDate(meta.createdAt)
	doc.setModificationDate(meta.createdAt)
	if (meta.keywords) doc.setKeywords(meta.keywords.map((k) => sanitise(k)))
}

/** A flat list of bookmarks (the outline a PDF reader shows in its side panel). pdf-lib has no API for it. */
export function addOutline(doc: PDFDocument, entries: Array<{ title: string; page: PDFPage; top?: number }>) {
	if (entries.length === 0) return
	const context = doc.context
	const outlinesRef = context.nextRef()
	const refs = entries.map(() => context.nextRef())
	entries.forEach((entry, i) => {
		const top = entry.top ?? entry.page.getHeight()
		const dest = context.obj([entry.page.ref, PDFName.of('XYZ'), PDFNull, top, PDFNull])
		const item = context.obj({ Title: PDFHexString.fromText(sanitise(entry.title)), Parent: outlinesRef, Dest: dest })
		if (i > 0) item.set(PDFName.of('Prev'), refs[i - 1])
		if (i < refs.length - 1) item.set(PDFName.of('Next'), refs[i + 1])
		context.assign(refs[i], item)
	})
	context.assign(outlinesRef, context.obj({ Type: 'Outlines', First: refs[0], Last: refs[refs.length - 1], Count: refs.length }))
	doc.catalog.set(PDFName.of('Outlines'), outlinesRef)
}

/**
 * Draws a short label at the visual bottom of a page of any size, crop box and /Rotate (evidence
 * pages are often scanned landscape), with a white box behind it when the page is not ours.
 */
export function stampPage(page: PDFPage, font: PDFFont, text: string, options: { align: 'centre' | 'right'; box: boolean; size?: number }) {
	const size = options.size ?? 9
	const box = page.getCropBox()
	const rotation = ((page.getRotation().angle % 360) + 360) % 360
	const sideways = rotation === 90 || rotation === 270
	const visualWidth = sideways ? box.height : box.width
	const textWidth = font.widthOfTextAtSize(text, size)
	const u = options.align === 'centre' ? (visualWidth - textWidth) / 2 : visualWidth - 28 - textWidth
	const v = 24
	// Visual (u, v) from the visual bottom-left corner, to user space.
	const toUser = (x: number, y: number) => {
		if (rotation === 90) return { x: box.x + box.width - y, y: box.y + x }
		if (rotation === 180) return { x: box.x + box.width - x, y: box.y + box.height - y }
		if (rotation === 270) return { x: box.x + y, y: box.y + box.height - x }
		return { x: box.x + x, y: box.y + y }
	}
	const rotate = degrees(rotation)
	if (options.box) {
		const corner = toUser(u - 4, v - 4)
		page.drawRectangle({ ...corner, width: textWidth + 8, height: size + 6, color: rgb(1, 1, 1), borderColor: BLACK, borderWidth: 0.5, rotate })
	}
	page.drawText(text, { ...toUser(u, v), size, font, color: BLACK, rotate })
}

// ---------------------------------------------------------------------------------------------
// Rich text layout

export interface Style {
	font: FontKey
	underline?: boolean
	strike?: boolean
}
export interface Run {
	text: string
	style: Style
}
interface Piece {
	text: string
	style: Style
	width: number
}
type Line = Piece[]

const PLAIN: Style = { font: 'regular' }
const ADDED: Style = { font: 'bold', underline: true }
const REMOVED: Style = { font: 'regular', strike: true }

export function diffRuns(parts: DiffPart[]): Run[] {
	const runs: Run[] = []
	parts.forEach((part, i) => {
		const previous = parts[i - 1]
		// A deletion and the addition that replaces it sit in the same place: print a space between them
		// so "in lessons" + "for 20 minutes" does not read as "in lessonsfor 20 minutes".
		if (part.kind === 'added' && previous?.kind === 'removed' && !/\s$/.test(previous.text) && !/^\s/.test(part.text))
			runs.push({ text: ' ', style: PLAIN })
		runs.push({ text: part.text, style: part.kind === 'added' ? ADDED : part.kind === 'removed' ? REMOVED : PLAIN })
	})
	return runs
}

export interface BlockOptions {
	size?: number
	indent?: number
	/** A grey bar down the left, for quoted words (the child's own voice) and wording blocks. */
	bar?: boolean
	align?: 'left' | 'right'
	spaceAfter?: number
}

export class PdfWriter {
	readonly doc: PDFDocument
	readonly fonts: Fonts
	readonly meta: DocumentMeta
	private page!: PDFPage
	private y = 0
	private readonly bookmarks: Array<{ title: string; page: PDFPage; top: number }> = []

	private constructor(doc: PDFDocument, fonts: Fonts, meta: DocumentMeta) {
		this.doc = doc
		this.fonts = fonts
		this.meta = meta
		this.newPage()
	}

	static async create(meta: DocumentMeta): Promise<PdfWriter> {
		const doc = await PDFDocument.create({ updateMetadata: false })
		setMetadata(doc, meta)
		return new PdfWriter(doc, await embedFonts(doc), meta)
	}

	get width() {
		return A4[0] - MARGIN.left - MARGIN.right
	}

	newPage() {
		this.page = this.doc.addPage(A4)
		this.y = A4[1] - MARGIN.top
	}

	/** Moves to a new page unless `height` still fits above the bottom margin. */
	ensure(height: number) {
		if (this.y - height < MARGIN.bottom && this.y < A4[1] - MARGIN.top) this.newPage()
	}

	space(points: number) {
		this.y -= points
	}

	private measure(text: string, style: Style, size: number): number {
		return textWidth(text, style.font, size)
	}

	/** Breaks runs into lines no wider than `maxWidth`, at spaces, keeping hard line breaks; over-long words are split. */
	private layout(runs: Run[], maxWidth: number, size: number): Line[] {
		const lines: Line[] = []
		let line: Line = []
		let lineWidth = 0
		let word: Piece[] = []
		let spaces: Piece[] = []
		let hardStart = true // typed indentation at the start of a typed line is kept
		const piece = (text: string, style: Style): Piece => ({ text, style, width: this.measure(text, style, size) })
		const endLine = () => {
			lines.push(line)
			line = []
			lineWidth = 0
			spaces = []
		}
		const place = (pieces: Piece[]) => {
			for (const p of pieces) line.push(p)
			lineWidth += pieces.reduce((sum, p) => sum + p.width, 0)
		}
		const flushWord = () => {
			if (word.length === 0) return
			const wordWidth = word.reduce((sum, p) => sum + p.width, 0)
			const gap = line.length || hardStart ? spaces.reduce((sum, p) => sum + p.width, 0) : 0
			if (lineWidth + gap + wordWidth <= maxWidth) {
				if (line.length || hardStart) place(spaces)
			} else {
				if (line.length) endLine()
				if (wordWidth > maxWidth) {
					// A word longer than the line (a URL, a reference number): split between characters.
					for (const p of word) {
						for (const char of p.text) {
							const c = piece(char, p.style)
							if (lineWidth + c.width > maxWidth && line.length) endLine()
							place([c])
						}
					}
					word = []
					spaces = []
					hardStart = false
					return
				}
			}
			place(word)
			word = []
			spaces = []
			hardStart = false
		}
		for (const run of runs) {
			const text = sanitise(run.text, run.style.font)
			for (const token of text.match(/\n|[ ]+|[^ \n]+/g) ?? []) {
				if (token === '\n') {
					flushWord()
					endLine()
					hardStart = true
				} else if (token[0] === ' ') {
					flushWord()
					spaces.push(piece(token, run.style))
				} else {
					word.push(piece(token, run.style))
				}
			}
		}
		flushWord()
		if (line.length || lines.length === 0) lines.push(line)
		return lines
	}

	/** Draws one laid-out line with its left edge at x and baseline at y; same-styled pieces are drawn as one string. */
	private drawLine(page: PDFPage, line: Line, x: number, y: number, size: number) {
		// Trailing spaces are neither drawn nor underlined.
		let end = line.length
		while (end > 0 && line[end - 1].text.trim() === '') end--
		let cursor = x
		for (let i = 0; i < end;) {
			let j = i
			let text = ''
			const style = line[i].style
			while (j < end && line[j].style === style) text += line[j++].text
			const width = this.measure(text, style, size)
			page.drawText(text, { x: cursor, y, size, font: this.fonts[style.font], color: BLACK })
			// Decorations are drawn over the words only, not over spaces at either end of the segment.
			const lead = this.measure(text.slice(0, text.length - text.trimStart().length), style, size)
			const inner = this.measure(text.trim(), style, size)
			if (style.underline && inner) {
				page.drawLine({
					start: { x: cursor + lead, y: y - size * 0.15 },
					end: { x: cursor + lead + inner, y: y - size * 0.15 },
					thickness: size * 0.07,
					color: BLACK,
				})
			}
			if (style.strike && inner) {
				page.drawLine({
					start: { x: cursor + lead, y: y + size * 0.3 },
					end: { x: cursor + lead + inner, y: y + size * 0.3 },
					thickness: size * 0.07,
					color: BLACK,
				})
			}
			cursor += width
			i = j
		}
	}

	/** Lays out and draws runs as a block; each line goes on whichever page it fits, never split. */
	runs(runs: Run[], options: BlockOptions = {}) {
		const size = options.size ?? 11
		const indent = (options.indent ?? 0) + (options.bar ? 12 : 0)
		const lineHeight = size * 1.45
		const maxWidth = this.width - indent
		for (const line of this.layout(runs, maxWidth, size)) {
			this.ensure(lineHeight)
			const lineWidth = line.reduce((sum, p) => sum + p.width, 0)
			const x = MARGIN.left + (options.align === 'right' ? this.width - lineWidth : indent)
			const baseline = this.y - size
			this.drawLine(this.page, line, x, baseline, size)
			if (options.bar)
				this.page.drawRectangle({ x: MARGIN.left + (options.indent ?? 0), y: this.y - lineHeight, width: 3, height: lineHeight, color: RULE })
			this.y -= lineHeight
		}
		this.y -= options.spaceAfter ?? size * 0.6
	}

	paragraph(text: string, options: BlockOptions & { font?: FontKey } = {}) {
		this.runs([{ text, style: { font: options.font ?? 'regular' } }], options)
	}

	private heading(text: string, size: number, before: number, bookmark: boolean, keepLines: number) {
		if (this.y < A4[1] - MARGIN.top) this.y -= before
		// Keep a heading with the start of what follows it (for a section, its first sub-heading too).
		this.ensure(size * 1.3 + 11 * 1.45 * keepLines)
		if (bookmark) this.bookmarks.push({ title: text, page: this.page, top: this.y + 4 })
		this.runs([{ text, style: { font: 'bold' } }], { size, spaceAfter: size * 0.5 })
	}

	h1(text: string) {
		this.heading(text, 20, 0, false, 3)
	}
	h2(text: string) {
		this.heading(text, 15, 12, true, 6)
	}
	h3(text: string) {
		this.heading(text, 12, 6, false, 3)
	}

	bullets(items: string[], options: { size?: number } = {}) {
		const size = options.size ?? 11
		for (const item of items) {
			const lines = this.layout([{ text: item, style: PLAIN }], this.width - 16, size)
			lines.forEach((line, i) => {
				this.ensure(size * 1.45)
				if (i === 0) this.page.drawText('•', { x: MARGIN.left + 3, y: this.y - size, size, font: this.fonts.regular })
				this.drawLine(this.page, line, MARGIN.left + 16, this.y - size, size)
				this.y -= size * 1.45
			})
			this.y -= size * 0.25
		}
		this.y -= size * 0.4
	}

	/** Key-value rows (GOV.UK summary list): the key in bold on the left, the value wrapped on the right. */
	summaryList(rows: Array<[string, string]>) {
		this.table(
			[
				{ header: '', width: 0.36, font: 'bold' },
				{ header: '', width: 0.64 },
			],
			rows.map(([key, value]) => [key, value]),
			{ header: false },
		)
	}

	/** A table of the rows, or the sentence `empty` when there are none. */
	tableOr(empty: string, columns: Array<{ header: string; width: number; font?: FontKey }>, rows: string[][]) {
		if (rows.length === 0) this.paragraph(empty)
		else this.table(columns, rows)
	}

	/**
	 * A table with wrapped cells. A row that does not fit moves to the next page whole, with the header
	 * repeated; a row taller than a page is split between lines. No row is left alone at the foot of a page.
	 */
	table(columns: Array<{ header: string; width: number; font?: FontKey }>, rows: string[][], options: { header?: boolean; size?: number } = {}) {
		const size = options.size ?? 10
		const lineHeight = size * 1.4
		const pad = 4
		const total = columns.reduce((sum, c) => sum + c.width, 0)
		const widths = columns.map((c) => (c.width / total) * this.width)
		const showHeader = options.header !== false
		const layoutRow = (cells: string[], fontFor: (i: number) => FontKey) =>
			widths.map((w, i) => this.layout([{ text: cells[i] ?? '', style: { font: fontFor(i) } }], w - pad * 2, size))
		const headerLines = showHeader
			? layoutRow(
					columns.map((c) => c.header),
					() => 'bold',
				)
			: []
		const headerHeight = showHeader ? Math.max(...headerLines.map((l) => l.length)) * lineHeight + pad * 2 : 0

		const drawCells = (cells: Line[][], from: number, count: number, shaded: boolean) => {
			const height = count * lineHeight + pad * 2
			const top = this.y
			if (shaded) this.page.drawRectangle({ x: MARGIN.left, y: top - height, width: this.width, height, color: SHADE })
			let x = MARGIN.left
			cells.forEach((lines, i) => {
				lines.slice(from, from + count).forEach((line, k) => this.drawLine(this.page, line, x + pad, top - pad - k * lineHeight - size, size))
				x += widths[i]
			})
			this.page.drawLine({
				start: { x: MARGIN.left, y: top - height },
				end: { x: MARGIN.left + this.width, y: top - height },
				thickness: shaded ? 1 : 0.5,
				color: shaded ? BLACK : RULE,
			})
			this.y -= height
		}
		const drawHeader = () => {
			if (showHeader) drawCells(headerLines, 0, Math.max(...headerLines.map((l) => l.length)), true)
		}
		const room = () => this.y - MARGIN.bottom
		const freshRoom = A4[1] - MARGIN.top - MARGIN.bottom - headerHeight

		const laid = rows.map((row) => {
			const cells = layoutRow(row, (i) => columns[i].font ?? 'regular')
			const lineCount = Math.max(...cells.map((l) => l.length))
			return { cells, lineCount, height: lineCount * lineHeight + pad * 2 }
		})
		// No row is left alone at the foot of a page: the header starts a page only with the first row and the one after
		// it (or moves to the next page with them), and the last row ends the table with the one before it.
		const opening = headerHeight + laid.slice(0, 2).reduce((sum, r) => sum + r.height, 0)
		this.ensure(laid.length && opening <= freshRoom + headerHeight ? opening : headerHeight + lineHeight * 2 + pad * 2)
		drawHeader()
		let onPage = 0 // rows of this table on the current page
		for (const [index, { cells, lineCount, height }] of laid.entries()) {
			const last = laid[index + 1]
			const keepWithLast =
				last !== undefined && index === laid.length - 2 && onPage >= 2 && height + last.height > room() && height + last.height <= freshRoom
			if ((height > room() && height <= freshRoom) || keepWithLast) {
				this.newPage()
				drawHeader()
				onPage = 0
			}
			onPage++
			let from = 0
			while (from < lineCount) {
				const fit = Math.floor((room() - pad * 2) / lineHeight)
				if (fit < 1) {
					this.newPage()
					drawHeader()
					continue
				}
				const count = Math.min(fit, lineCount - from)
				if (from > 0) onPage = 1 // a row taller than a page goes on over the next
				drawCells(cells, from, count, false)
				from += count
			}
		}
		this.y -= 10
	}

	/** The proposed wording with its changes marked, in a barred block, preceded by the legend when asked. */
	diffBlock(parts: DiffPart[], options: { legend?: boolean } = {}) {
		if (options.legend) this.legend()
		if (parts.length === 0) {
			this.paragraph('(No wording.)', { font: 'italic', bar: true })
			return
		}
		this.runs(diffRuns(parts), { bar: true })
	}

	/** The key to the diff marks, in words, with an example of each mark (never colour alone). */
	legend() {
		this.paragraph(DIFF_LEGEND + '.', { size: 10, spaceAfter: 2 })
		this.runs(
			[
				{ text: 'For example: ', style: PLAIN },
				{ text: 'added words', style: ADDED },
				{ text: ' and ', style: PLAIN },
				{ text: 'deleted words', style: REMOVED },
				{ text: '.', style: PLAIN },
			],
			{ size: 10 },
		)
	}

	/** Draws the running header and 'Page N of M' on every page, adds the bookmarks, and returns the file. */
	async save(options: { footer?: boolean } = {}): Promise<Uint8Array> {
		const pages = this.doc.getPages()
		// One line each: pdf-lib's drawText would break a typed line break onto a second line.
		const title = sanitise(this.meta.title).replace(/\n/g, ' ')
		const child = sanitise(this.meta.childName, 'bold').replace(/\n/g, ' ')
		pages.forEach((page, i) => {
			const size = 9
			const childWidth = this.fonts.bold.widthOfTextAtSize(child, size)
			page.drawText(child, { x: A4[0] - MARGIN.right - childWidth, y: A4[1] - 40, size, font: this.fonts.bold, color: GREY })
			page.drawText(
				truncate(title, this.width - childWidth - 16, (t) => this.fonts.regular.widthOfTextAtSize(t, size)),
				{
					x: MARGIN.left,
					y: A4[1] - 40,
					size,
					font: this.fonts.regular,
					color: GREY,
				},
			)
			page.drawLine({ start: { x: MARGIN.left, y: A4[1] - 46 }, end: { x: A4[0] - MARGIN.right, y: A4[1] - 46 }, thickness: 0.5, color: RULE })
			if (options.footer !== false) stampPage(page, this.fonts.regular, `Page ${i + 1} of ${pages.length}`, { align: 'centre', box: false })
		})
		addOutline(this.doc, this.bookmarks)
		return this.doc.save()
	}
}

/** Plain greedy word wrap for the few lines drawn outside a PdfWriter (bundle placeholder pages, captions). */
export function wrapPlain(text: string, font: PDFFont, size: number, maxWidth: number): string[] {
	const lines: string[] = []
	for (const typed of text.split('\n')) {
		let line = ''
		for (let word of typed.split(/ +/)) {
			// A word wider than the line (a long file name) is cut between characters.
			while (font.widthOfTextAtSize(word, size) > maxWidth && word.length > 1) {
				let cut = word.length - 1
				while (cut > 1 && font.widthOfTextAtSize(word.slice(0, cut), size) > maxWidth) cut--
				if (line) lines.push(line)
				lines.push(word.slice(0, cut))
				line = ''
				word = word.slice(cut)
			}
			const next = line ? `${line} ${word}` : word
			if (font.widthOfTextAtSize(next, size) <= maxWidth || !line) line = next
			else {
				lines.push(line)
				line = word
			}
		}
		lines.push(line)
	}
	return lines
}

function truncate(text: string, width: number, measure: (t: string) => number): string {
	if (measure(text) <= width) return text
	let cut = text
	while (cut.length > 1 && measure(cut + '…') > width) cut = cut.slice(0, -1)
	return cut.trimEnd() + '…'
}

/** A number of bytes as people read it: '850 KB', '2.4 MB'. */
export function formatBytes(bytes: number): string {
	if (bytes < 1000) return `${bytes} bytes`
	if (bytes < 1_000_000) return `${Math.round(bytes / 1000)} KB`
	return `${(bytes / 1_000_000).toFixed(1)} MB`
}
