import { PDFDict, PDFDocument, PDFName, PDFString, PDFHexString, StandardFonts, degrees } from 'pdf-lib'
import { expect, test } from 'vitest'
import { diffWording } from '#app/domain/wording-diff.ts'
import { jpegOrientation, renderEvidenceBundle, type EvidenceItem } from '#app/pdf/bundle.server.ts'
import {
	CHILD,
	LETTER,
	SALT_CURRENT,
	SALT_PROPOSED,
	TINY_PNG,
	amendmentNoticeFixture,
	decisionLetterFixture,
	evidenceFixture,
	finalPlanFixture,
	makeEvidencePdf,
	reviewRecordFixture,
} from '#app/pdf/fixtures.ts'
import { sanitise } from '#app/pdf/kit.server.ts'
import { renderAmendmentNotice, renderDecisionLetter, renderFinalPlan, renderNoAmendmentNotice } from '#app/pdf/letters.server.ts'
import { renderReviewRecord } from '#app/pdf/review-record.server.ts'
import { extractText, getDocumentProxy } from '#tests/unpdf.ts'

const LEGEND = 'Additions are in bold and underlined; deletions are struck through'

/** The text of each page, with runs of whitespace (line breaks from wrapping) made single spaces. */
async function pagesOf(bytes: Uint8Array): Promise<string[]> {
	const proxy = await getDocumentProxy(bytes.slice()) // pdf.js takes ownership of the buffer it is given
	const { text } = await extractText(proxy, { mergePages: false })
	return text.map((page) => page.replace(/\s+/g, ' '))
}
const textOf = async (bytes: Uint8Array) => (await pagesOf(bytes)).join(' ')
const squash = (s: string) => s.replace(/\s+/g, ' ').trim()

/** Kent's evidence bundle for the fixture child: the review record (drawn from its fixture unless given), then the evidence. */
async function bundleOf(evidence: EvidenceItem[], options: { record?: Uint8Array; onProgress?: (done: number, total: number) => void } = {}) {
	const record = options.record ?? (await renderReviewRecord(reviewRecordFixture()))
	return renderEvidenceBundle({
		title: 'Evidence bundle',
		councilName: 'Kent County Council',
		childName: CHILD.name,
		record,
		evidence,
		onProgress: options.onProgress,
	})
}

async function metadataOf(bytes: Uint8Array) {
	const doc = await PDFDocument.load(bytes, { updateMetadata: false })
	const lang = doc.catalog.lookup(PDFName.of('Lang'))
	return {
		doc,
		title: doc.getTitle(),
		author: doc.getAuthor(),
		creator: doc.getCreator(),
		language: lang instanceof PDFString || lang instanceof PDFHexString ? lang.decodeText() : undefined,
	}
}

/** The fonts a PDF uses: each font dictionary's subtype and whether its descriptor carries an embedded TrueType file. */
async function fontsOf(bytes: Uint8Array) {
	const doc = await PDFDocument.load(bytes, { updateMetadata: false })
	const fonts: Array<{ subtype: string; baseFont: string }> = []
	let fontFile2 = 0
	for (const [, object] of doc.context.enumerateIndirectObjects()) {
		if (!(object instanceof PDFDict)) continue
		const type = object.get(PDFName.of('Type'))
		if (type === PDFName.of('Font'))
			fonts.push({ subtype: String(object.get(PDFName.of('Subtype'))), baseFont: String(object.get(PDFName.of('BaseFont'))) })
		if (type === PDFName.of('FontDescriptor') && object.get(PDFName.of('FontFile2'))) fontFile2++
	}
	return { fonts, fontFile2 }
}

test('the review record shows the child, the old and new wording of a proposal, and the legend', async () => {
	const input = reviewRecordFixture()
	const text = await textOf(await renderReviewRecord(input))
	expect(text).toContain('Annual review record: Amara Okafor-Whitfield')
	expect(text).toContain('4 November 2013')
	expect(text).toContain(squash(SALT_CURRENT)) // the current wording, whole
	for (const part of diffWording(SALT_CURRENT, SALT_PROPOSED).filter((p) => p.kind !== 'removed')) expect(text).toContain(squash(part.text)) // every word of the proposed wording
	expect(text).toContain(LEGEND)
	// A deletion and the addition that replaces it are printed apart, not run together ("lessonsA speech").
	expect(text).toContain('vocabulary in lessons A speech and language therapist')
	expect(text).toContain('Supported conversation with a trusted adult') // the child's pathway
	expect(text).toContain('I want to work with animals when I am older')
	expect(text).toContain('Making progress')
	expect(text).toContain('Speech and language therapy report, February 2027')
	expect(text).toContain('Report submitted')
})

test('every page of the review record is numbered "Page N of M"', async () => {
	const pages = await pagesOf(await renderReviewRecord(reviewRecordFixture()))
	expect(pages.length).toBeGreaterThan(1)
	pages.forEach((page, i) => expect(page).toContain(`Page ${i + 1} of ${pages.length}`))
	pages.forEach((page) => expect(page).toContain(CHILD.name)) // running header
})

test('the review record carries its title, language, author and creator as metadata', async () => {
	const meta = await metadataOf(await renderReviewRecord(reviewRecordFixture()))
	expect(meta.title).toBe('Annual review record: Amara Okafor-Whitfield')
	expect(meta.language).toBe('en-GB')
	expect(meta.author).toBe('Kent County Council')
	expect(meta.creator).toBe('EHC annual reviews')
	const prefs = meta.doc.catalog.lookup(PDFName.of('ViewerPreferences'), PDFDict)
	expect(String(prefs.get(PDFName.of('DisplayDocTitle')))).toBe('true')
})

test('documents embed their fonts and use none of the standard 14', async () => {
	for (const bytes of [await renderReviewRecord(reviewRecordFixture()), await renderDecisionLetter(decisionLetterFixture('MAINTAIN'))]) {
		const { fonts, fontFile2 } = await fontsOf(bytes)
		expect(fontFile2).toBeGreaterThanOrEqual(2)
		expect(fonts.length).toBeGreaterThan(0)
		expect(fonts.filter((f) => f.subtype === '/Type1')).toEqual([])
	}
	// The check can fail: a standard font is seen.
	const doc = await PDFDocument.create()
	doc.addPage().drawText('x', { font: await doc.embedFont(StandardFonts.Helvetica) })
	expect((await fontsOf(await doc.save())).fonts.map((f) => f.subtype)).toContain('/Type1')
})

test('a 3,000-word paragraph wraps over several pages without losing a word', async () => {
	const words = Array.from({ length: 3000 }, (_, i) => `w${i}q`)
	const input = { ...reviewRecordFixture(), parentViews: words.join(' ') }
	const bytes = await renderReviewRecord(input)
	const pages = await pagesOf(bytes)
	expect(pages.length).toBeGreaterThan(5)
	const found = new Set(pages.join(' ').split(' '))
	expect(words.filter((w) => !found.has(w))).toEqual([])
	// Wrapping measures words as printed: no text runs into the right margin (A4 is 595pt wide, margins 56pt).
	const proxy = await getDocumentProxy(bytes.slice())
	let rightmost = 0
	for (let n = 1; n <= proxy.numPages; n++) {
		for (const item of (await (await proxy.getPage(n)).getTextContent()).items)
			if ('str' in item) rightmost = Math.max(rightmost, item.transform[4] + item.width)
	}
	expect(rightmost).toBeGreaterThan(500)
	expect(rightmost).toBeLessThanOrEqual(595.28 - 56 + 0.5)
})

/** The printed lines of each page: text items grouped by their baseline, top to bottom. */
async function linesOf(bytes: Uint8Array): Promise<string[][]> {
	const proxy = await getDocumentProxy(bytes.slice())
	const pages: string[][] = []
	for (let n = 1; n <= proxy.numPages; n++) {
		const content = await (await proxy.getPage(n)).getTextContent()
		const byY = new Map<number, Array<{ x: number; s: string }>>()
		for (const item of content.items) {
			if (!('str' in item)) continue
			const y = Math.round(item.transform[5])
			byY.set(y, [...(byY.get(y) ?? []), { x: item.transform[4], s: item.str }])
		}
		pages.push(
			[...byY.entries()]
				.sort((a, b) => b[0] - a[0])
				.map(([, items]) =>
					squash(
						items
							.sort((a, b) => a.x - b.x)
							.map((i) => i.s)
							.join(''),
					),
				),
		)
	}
	return pages
}

test('typed line breaks are kept', async () => {
	const bytes = await renderReviewRecord({ ...reviewRecordFixture(), parentViews: 'First line typed.\nSecond line typed.' })
	const lines = (await linesOf(bytes)).flat()
	expect(lines).toContain('First line typed.')
	expect(lines).toContain('Second line typed.')
})

test('a table that runs over a page repeats its header row', async () => {
	const base = reviewRecordFixture()
	const evidence = Array.from({ length: 90 }, (_, i) => ({ ...base.evidence[0], title: `Item ${i + 1} of the evidence`, fileName: `item-${i + 1}.pdf` }))
	const pages = await pagesOf(await renderReviewRecord({ ...base, evidence }))
	const withRows = pages.filter((page) => /item-\d+\.pdf/.test(page))
	expect(withRows.length).toBeGreaterThan(1)
	for (const page of withRows) expect(page).toMatch(/Title File Size Uploaded/)
	for (let i = 1; i <= 90; i++) expect(pages.join(' ')).toContain(`item-${i}.pdf`)
})

test('emoji and control characters are replaced or stripped rather than breaking the document', async () => {
	const input = reviewRecordFixture()
	input.child = { ...input.child, name: 'Zoë \u0007Smith 🦄' }
	input.parentViews = 'She loves 🐶 dogs\u0000 and \u200Bcats.'
	const text = await textOf(await renderReviewRecord(input))
	expect(text).toContain('Zoë Smith \uFFFD')
	expect(text).toContain('She loves \uFFFD dogs and cats.')
	expect(sanitise('a\u0007b\tc')).toBe('ab    c')
})

test('the evidence bundle contains each evidence PDF page, with a contents page and bundle page numbers', async () => {
	const record = await renderReviewRecord(reviewRecordFixture())
	const recordPages = (await PDFDocument.load(record)).getPageCount()
	const evidence: EvidenceItem[] = [
		{
			title: 'Occupational therapy report',
			fileName: 'OT.pdf',
			contentType: 'application/pdf',
			load: () => makeEvidencePdf('Fine motor: uses a pencil grip unaided', 3),
		},
	]
	const bytes = await bundleOf(evidence, { record })
	const pages = await pagesOf(bytes)
	expect(pages.length).toBe(1 + recordPages + 3)
	expect(pages[0]).toContain('Contents')
	expect(pages[0]).toContain(`Annual review record 2 to ${1 + recordPages}`)
	expect(pages[0]).toContain(`Occupational therapy report OT.pdf ${recordPages + 2} to ${recordPages + 4}`)
	for (let k = 1; k <= 3; k++) expect(pages[recordPages + k]).toContain(`Fine motor: uses a pencil grip unaided - page ${k}`)
	pages.forEach((page, i) => expect(page).toContain(`Bundle page ${i + 1} of ${pages.length}`))
	expect((await metadataOf(bytes)).language).toBe('en-GB')
})

test('when the contents run over more than one page, every page number in them is still right', async () => {
	const evidence: EvidenceItem[] = Array.from({ length: 50 }, (_, i) => ({
		title: `Observation note ${i + 1}`,
		fileName: `note-${i + 1}.pdf`,
		contentType: 'application/pdf',
		load: () => makeEvidencePdf(`Marker for note ${i + 1}`, 1 + (i % 2)),
	}))
	const pages = await pagesOf(await bundleOf(evidence))
	const contents = pages.slice(0, 3).join(' ')
	expect(pages[1]).toContain('Observation note') // the contents took a second page
	for (let k = 1; k <= 50; k++) {
		const first = pages.findIndex((page) => page.includes(`Marker for note ${k} - page 1`)) + 1
		const last = first + ((k - 1) % 2)
		expect(contents).toContain(`Observation note ${k} note-${k}.pdf ${first === last ? first : `${first} to ${last}`}`)
	}
})

test('bundle page numbers are upright at the bottom right of rotated evidence pages', async () => {
	const scan = await PDFDocument.create()
	const helvetica = await scan.embedFont(StandardFonts.Helvetica)
	for (const angle of [0, 90, 180, 270]) {
		const page = scan.addPage([612, 792])
		page.setRotation(degrees(angle))
		page.drawText(`Scanned at ${angle}`, { x: 72, y: 700, size: 14, font: helvetica })
	}
	const scanBytes = await scan.save()
	const bytes = await bundleOf([{ title: 'Scans', fileName: 'scans.pdf', contentType: 'application/pdf', load: async () => scanBytes }])
	const proxy = await getDocumentProxy(bytes.slice())
	for (let n = proxy.numPages - 3; n <= proxy.numPages; n++) {
		const page = await proxy.getPage(n)
		const viewport = page.getViewport({ scale: 1 })
		const stamp = (await page.getTextContent()).items.find((item) => 'str' in item && item.str.startsWith('Bundle page'))
		if (!stamp || !('str' in stamp)) throw new Error(`no page number on page ${n}`)
		const [a, b, c, d, e, f] = viewport.transform
		const [ta, tb, , , tx, ty] = stamp.transform
		// The text's baseline direction and origin as the reader sees the page (y grows downwards).
		const direction = [a * ta + c * tb, b * ta + d * tb]
		const origin = [a * tx + c * ty + e, b * tx + d * ty + f]
		expect(direction[0]).toBeGreaterThan(0)
		expect(Math.abs(direction[1])).toBeLessThan(1e-6)
		expect(origin[0]).toBeGreaterThan(viewport.width / 2)
		expect(origin[1]).toBeGreaterThan(viewport.height * 0.9)
	}
})

test('a broken or encrypted evidence file gets a page saying it could not be included, and the rest still goes in', async () => {
	// pdf-lib cannot write encrypted files; a trailer naming an /Encrypt dictionary is what it refuses.
	const plain = new TextDecoder('latin1').decode(await (await PDFDocument.create()).save({ useObjectStreams: false }))
	const encrypted = Uint8Array.from(plain.replace('trailer\n<<', 'trailer\n<<\n/Encrypt 1 0 R'), (c) => c.charCodeAt(0))
	const progress: Array<[number, number]> = []
	const damaged = async () => new TextEncoder().encode('%PDF-1.7\n1 0 obj << /Type /Catalog')
	const bytes = await bundleOf(
		[
			{ title: 'Damaged scan', fileName: 'scan.pdf', contentType: 'application/pdf', load: damaged },
			{ title: 'Locked report', fileName: 'locked.pdf', contentType: 'application/pdf', load: async () => encrypted },
			{ title: 'Missing file', fileName: 'gone.pdf', contentType: 'application/pdf', load: async () => Promise.reject(new Error('ENOENT')) },
			...evidenceFixture(),
		],
		{ onProgress: (done, total) => progress.push([done, total]) },
	)
	const text = await textOf(bytes)
	expect(text).toContain('Damaged scan File: scan.pdf This document could not be included in the bundle because the file is damaged')
	expect(text).toContain('Locked report File: locked.pdf This document could not be included in the bundle because it is protected with a password')
	expect(text).toContain('Missing file File: gone.pdf This document could not be included in the bundle because the file could not be found')
	expect(text).toContain('Damaged scan (could not be included)')
	expect(text).toContain('Expressive language: standard score 72 - page 2')
	expect(text).toContain('Maths book sample maths-book.png')
	// Nothing is attached beside the bundle: the wording says so (it said "attached separately", which was never true).
	expect(text).toContain('not in this PDF: ask us for a copy')
	expect(text).not.toContain('attached separately')
	expect(progress).toEqual([1, 2, 3, 4, 5, 6].map((n) => [n, 6]))
})

test('image evidence is drawn on its own page with its caption', async () => {
	const bytes = await bundleOf([{ title: 'Drawing', fileName: 'drawing.png', contentType: 'image/png', load: async () => TINY_PNG }])
	const doc = await PDFDocument.load(bytes)
	const last = doc.getPages()[doc.getPageCount() - 1]
	expect(last.getWidth()).toBeGreaterThan(last.getHeight()) // a landscape image gets a landscape page
	const pages = await pagesOf(bytes)
	expect(pages[pages.length - 1]).toContain('Drawing drawing.png')
})

test('the EXIF orientation of a JPEG is read so that sideways photos are turned', () => {
	const jpeg = (orientation: number, little: boolean) => {
		const u16 = (n: number) => (little ? [n & 0xff, n >> 8] : [n >> 8, n & 0xff])
		const u32 = (n: number) => (little ? [n & 0xff, (n >> 8) & 0xff, (n >> 16) & 0xff, n >>> 24] : [n >>> 24, (n >> 16) & 0xff, (n >> 8) & 0xff, n & 0xff])
		const tiff = [
			...(little ? [0x49, 0x49] : [0x4d, 0x4d]),
			...u16(42),
			...u32(8),
			...u16(1),
			...u16(0x0112),
			...u16(3),
			...u32(1),
			...u16(orientation),
			0,
			0,
			...u32(0),
		]
		const app1 = [0x45, 0x78, 0x69, 0x66, 0, 0, ...tiff]
		return Uint8Array.from([0xff, 0xd8, 0xff, 0xe1, (app1.length + 2) >> 8, (app1.length + 2) & 0xff, ...app1, 0xff, 0xda, 0, 2])
	}
	expect(jpegOrientation(jpeg(6, true))).toBe(6)
	expect(jpegOrientation(jpeg(8, false))).toBe(8)
	expect(jpegOrientation(Uint8Array.from([0xff, 0xd8, 0xff, 0xda, 0, 2]))).toBe(1)
})

test('the amendment notice gives 15 days to the closing date, each change with its wording, and the evidence', async () => {
	const input = amendmentNoticeFixture([
		{
			title: 'Speech and language therapy report',
			fileName: 'SALT.pdf',
			contentType: 'application/pdf',
			load: () => makeEvidencePdf('Receptive vocabulary below the 5th centile', 2),
		},
	])
	const bytes = await renderAmendmentNotice(input)
	const pages = await pagesOf(bytes)
	const text = pages.join(' ')
	expect(text).toContain(
		'You have 15 days, until 7 April 2027, to make representations about the proposed amendments, to ask for a particular school or other institution to be named, or to ask to meet an officer of the council',
	)
	expect(text).toContain(squash(LETTER.councilContact))
	expect(text).toContain('Asking for a particular school or college')
	expect(text).toContain(squash(SALT_CURRENT))
	expect(text).toContain('A speech and language therapist')
	expect(text).toContain(LEGEND)
	expect(text).toContain('Proposed by the council.')
	expect(text).toContain('within 8 weeks of the date of this notice (by 19 May 2027)')
	// The evidence follows the notice, and the notice says on which pages.
	expect(pages[pages.length - 2]).toContain('Receptive vocabulary below the 5th centile - page 1')
	expect(pages[pages.length - 1]).toContain('Receptive vocabulary below the 5th centile - page 2')
	expect(text).toContain(`Speech and language therapy report ${pages.length - 1} to ${pages.length}`)
	pages.forEach((page, i) => expect(page).toContain(`Page ${i + 1} of ${pages.length}`))
	expect((await metadataOf(bytes)).title).toBe('Proposed amendments to the EHC plan: Amara Okafor-Whitfield')
})

test('the decision to maintain states the decision, reasons, appeal rights, time limit and mediation', async () => {
	const text = await textOf(await renderDecisionLetter(decisionLetterFixture('MAINTAIN')))
	expect(text).toContain('We have decided to maintain Amara Okafor-Whitfield\u2019s education, health and care (EHC) plan as it is'.replace('\u2019', "'"))
	expect(text).toContain('The plan still describes')
	expect(text).toContain('First-tier Tribunal (Special Educational Needs and Disability)')
	expect(text).toContain(
		'You must appeal within 2 months of the date this letter was sent (that is, by 24 May 2027), or within 1 month of the date on your mediation certificate, whichever is later',
	)
	expect(text).toContain('you must contact a mediation adviser')
	expect(text).toContain('only about the school or other institution named in the plan')
	expect(text).toContain(squash(LETTER.mediationText))
	expect(text).toContain(squash(LETTER.iassText))
	expect(text).toContain('Dear Grace Okafor and Mr Daniel Hughes,')
	expect(text).not.toContain('cease')
})

test('the decision to cease says the plan continues until any appeal is decided', async () => {
	const text = await textOf(await renderDecisionLetter(decisionLetterFixture('CEASE')))
	expect(text).toContain('We have decided to cease to maintain')
	expect(text).toContain('If you appeal, we will continue to maintain the plan until the Tribunal has decided your appeal')
	expect(text).toContain('regulations 29 to 32')
	expect(text).toContain('2 months')
	expect(text).toContain('mediation certificate')
	expect(text).toContain('disagreement resolution')
})

test('the notice of a decision not to amend gives reasons and appeal rights', async () => {
	const bytes = await renderNoAmendmentNotice({
		...LETTER,
		meetingOn: '2027-03-03',
		noticeIssuedOn: '2027-03-24',
		reasons: 'Having read your comments we agree the wording is right.',
	})
	const text = await textOf(bytes)
	expect(text).toContain('we have decided not to make those amendments')
	expect(text).toContain('Having read your comments we agree the wording is right.')
	expect(text).toContain('within 2 months')
	expect(text).toContain('mediation')
	expect((await metadataOf(bytes)).title).toBe('Decision not to amend the EHC plan: Amara Okafor-Whitfield')
})

test('the final plan has sections A to K, outcomes and provision as tables, what changed and the appeal rights', async () => {
	const input = finalPlanFixture()
	const text = await textOf(await renderFinalPlan(input))
	for (const key of ['A', 'B', 'C', 'D', 'E', 'F', 'G', 'H1', 'H2', 'I', 'J', 'K']) expect(text).toContain(`Section ${key}: `)
	expect(text).toContain('Need Provision Who How often How long')
	expect(text).toContain('One 30-minute session each week')
	expect(text).toContain('Area Outcome')
	expect(text).toContain('What has changed in this version')
	expect(text).toContain(LEGEND)
	expect(text).toContain('Plan version 3')
	expect(text).toContain('within 2 months of the date this plan was sent (that is, by 12 July 2027)')
	expect(text).toContain('mediation')
	expect(text.indexOf('Section A: ')).toBeLessThan(text.indexOf('Section K: '))
})

test('the amendment notice carries reg 22(2) (a)-(d): the current plan, the evidence (naming what is not in the PDF), the s.38(3) list and the Local Offer', async () => {
	const input = amendmentNoticeFixture([
		{
			title: 'Teacher assessment',
			fileName: 'assessment.docx',
			contentType: 'application/msword',
			load: async () => new TextEncoder().encode('PK not a pdf'),
		},
	])
	const text = (await pagesOf(await renderAmendmentNotice(input))).join(' ')
	expect(text).toContain("A copy of Amara Okafor-Whitfield's current EHC plan, as it is before these amendments, is enclosed") // (a)
	expect(text).toContain('after the proposed amendments. Section A: Views, interests and aspirations') // (a): the copy itself
	expect(text).toContain('could not be put into this PDF: Teacher assessment (assessment.docx)') // (b)
	expect(text).not.toContain('attached separately')
	expect(text).toContain('a maintained nursery school') // (c)
	expect(text).toContain('a non-maintained special school') // (c)
	expect(text).toContain(input.statutory.localOfferUrl) // (d)
})

// Young people in their own right (app/domain/young-person.ts): the same letters in the young person's voice, and to
// the person acting for a young person who lacks capacity (reg 64).
const YOUNG_PERSON_LETTER = {
	voice: 'YOUNG_PERSON' as const,
	to: [{ name: 'Amara Okafor-Whitfield', role: 'Young person' }],
	copies: [{ name: 'Mr Daniel Hughes', role: 'Head teacher' }],
}

test('a young person’s decision letter is written to them: "your EHC plan", "your special educational needs", and says their parent has no copy', async () => {
	const text = await textOf(await renderDecisionLetter({ ...decisionLetterFixture('MAINTAIN'), ...YOUNG_PERSON_LETTER }))
	expect(text).toContain('Dear Amara Okafor-Whitfield,')
	expect(text).toContain('Copy to: Mr Daniel Hughes (Head teacher)')
	expect(text).toContain('Our decision after your annual review')
	expect(text).toContain('We have decided to maintain your education, health and care (EHC) plan as it is')
	expect(text).toContain('You can appeal about what the plan says about your special educational needs (section B)')
	expect(text).toContain('because you are over compulsory school age: the decisions about your education, health and care (EHC) plan are now yours')
	expect(text).toContain('We have not sent a copy to your parents.')
	expect(text).not.toContain("Amara Okafor-Whitfield's")
	const cease = await textOf(await renderDecisionLetter({ ...decisionLetterFixture('CEASE'), ...YOUNG_PERSON_LETTER, parentCopiedTo: 'Grace Okafor' }))
	expect(cease).toContain('We have decided to cease to maintain your education, health and care (EHC) plan')
	expect(cease).toContain('We will continue to maintain your EHC plan')
	expect(cease).toContain('As you agreed, we have sent a copy of this letter to Grace Okafor.')
})

test('a young person’s amendment notice, decision not to amend and final plan speak to them too', async () => {
	const notice = (await pagesOf(await renderAmendmentNotice({ ...amendmentNoticeFixture([]), ...YOUNG_PERSON_LETTER }))).join(' ')
	expect(notice).toContain('Proposed amendments to your EHC plan')
	expect(notice).toContain('After your annual review we have decided to amend your education, health and care (EHC) plan')
	expect(notice).toContain('A copy of your current EHC plan, as it is before these amendments, is enclosed') // reg 22(2)(a)
	expect(notice).toContain('Please give your name and date of birth')
	expect(notice).toContain('unsuitable for your age, ability, aptitude or special educational needs, or your attending it') // s.39(4)
	expect(notice).toContain('Your current EHC plan')
	expect(notice).not.toContain("Amara Okafor-Whitfield's")
	const none = await textOf(
		await renderNoAmendmentNotice({ ...LETTER, ...YOUNG_PERSON_LETTER, meetingOn: '2027-03-03', noticeIssuedOn: '2027-03-24', reasons: 'As discussed.' }),
	)
	expect(none).toContain('We have decided not to amend your plan')
	expect(none).toContain('proposing amendments to your education, health and care (EHC) plan')
	const plan = await textOf(await renderFinalPlan({ ...finalPlanFixture(), voice: 'YOUNG_PERSON' }))
	expect(plan).toContain('This is your amended plan, issued by Kent County Council')
	expect(plan).toContain('what this plan says about your special educational needs (section B)')
})

test('to the person acting for a young person who lacks capacity: written to them as the deputy, about the young person by name (reg 64)', async () => {
	const text = await textOf(
		await renderDecisionLetter({
			...decisionLetterFixture('MAINTAIN'),
			voice: 'REPRESENTATIVE',
			representativeRole: 'DEPUTY',
			to: [{ name: 'Alan Price', role: 'Deputy for Amara Okafor-Whitfield' }],
			copies: [{ name: 'Mr Daniel Hughes', role: 'Head teacher' }],
		}),
	)
	expect(text).toContain('Dear Alan Price,')
	expect(text).toContain('Alan Price (Deputy for Amara Okafor-Whitfield)')
	expect(text).toContain(
		'We are writing to you as Amara Okafor-Whitfield’s deputy, appointed by the Court of Protection, because Amara Okafor-Whitfield does not have the capacity',
	)
	expect(text).toContain('regulation 64 of the Special Educational Needs and Disability Regulations 2014 you act for them')
	expect(text).toContain("We have decided to maintain Amara Okafor-Whitfield's education, health and care (EHC) plan")
	expect(text).toContain('You must appeal within 2 months')
})

test('a parent’s letter is unchanged: the child by name, no young person’s lines', async () => {
	const text = await textOf(await renderDecisionLetter(decisionLetterFixture('MAINTAIN')))
	expect(text).toContain("Our decision after Amara Okafor-Whitfield's annual review")
	expect(text).not.toContain('compulsory school age')
	expect(text).not.toContain('regulation 64')
	expect(text).not.toContain('Copy to:')
})
