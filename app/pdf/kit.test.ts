import { expect, test } from 'vitest'
import { PdfWriter } from '#app/pdf/kit.server.ts'
import { extractText, getDocumentProxy } from '#tests/unpdf.ts'

const META = {
	title: 'Table test',
	subject: 'Tables',
	councilName: 'Kent County Council',
	childName: 'Amira Khan',
	createdAt: new Date('2027-03-01T12:00:00Z'),
}
const COLUMNS = [
	{ header: 'Provision', width: 2 },
	{ header: 'How often', width: 1 },
]

async function pagesOf(bytes: Uint8Array) {
	const { text } = await extractText(await getDocumentProxy(bytes.slice()), { mergePages: false })
	return text.map((page) => page.replace(/\s+/g, ' '))
}

/** A table of one-line rows (22 points each, the header too) starting with `room` points left above the bottom margin. */
async function tableWithRoom(room: number, rows: number) {
	const pdf = await PdfWriter.create(META)
	pdf.space(841.89 - 72 - 64 - room) // A4 less the top and bottom margins
	pdf.table(
		COLUMNS,
		Array.from({ length: rows }, (_, i) => [`Row ${i + 1} provision`, 'Weekly']),
	)
	return pagesOf(await pdf.save())
}

test('a table does not start with its first row alone at the foot of a page: the header moves on with the first two rows', async () => {
	// Room for the header and one row (44 points) but not a second (66).
	const pages = await tableWithRoom(60, 3)
	expect(pages[0]).not.toContain('Row 1 provision')
	expect(pages[0]).not.toContain('How often')
	expect(pages[1]).toContain('Provision How often Row 1 provision Weekly Row 2 provision Weekly Row 3 provision Weekly')
})

test('with room for the header and two rows the table starts where it is', async () => {
	const pages = await tableWithRoom(70, 3)
	expect(pages[0]).toContain('Row 1 provision Weekly Row 2 provision Weekly')
	expect(pages[1]).toContain('Provision How often Row 3 provision Weekly')
})

test('the last row is not left alone on a page: the one before it goes over with it', async () => {
	// Room for the header and three rows (88 points) of a table of four.
	const pages = await tableWithRoom(95, 4)
	expect(pages[0]).toContain('Row 1 provision Weekly Row 2 provision Weekly')
	expect(pages[0]).not.toContain('Row 3 provision')
	expect(pages[1]).toContain('Provision How often Row 3 provision Weekly Row 4 provision Weekly')
})
