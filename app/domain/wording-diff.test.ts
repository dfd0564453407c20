import fc from 'fast-check'
import { expect, test } from 'vitest'
import { currentFromParts, diffWording, proposedFromParts, type DiffPart } from './wording-diff.ts'

const added = (parts: DiffPart[]) => parts.filter((p) => p.kind === 'added').map((p) => p.text)
const removed = (parts: DiffPart[]) => parts.filter((p) => p.kind === 'removed').map((p) => p.text)

test('identical wording is one unchanged part', () => {
	expect(diffWording('Amara will travel on her own.', 'Amara will travel on her own.')).toEqual([{ kind: 'same', text: 'Amara will travel on her own.' }])
})

test('both empty gives no parts', () => {
	expect(diffWording('', '')).toEqual([])
})

test('empty current wording is all added', () => {
	expect(diffWording('', 'Amara wants to work with animals.')).toEqual([{ kind: 'added', text: 'Amara wants to work with animals.' }])
})

test('empty proposed wording is all removed', () => {
	expect(diffWording('Amara needs a quiet room.', '')).toEqual([{ kind: 'removed', text: 'Amara needs a quiet room.' }])
})

test('a changed number is a deletion followed by an addition, the rest unchanged', () => {
	expect(diffWording('Amara will read 20 words by July.', 'Amara will read 50 words by July.')).toEqual([
		{ kind: 'same', text: 'Amara will read ' },
		{ kind: 'removed', text: '20' },
		{ kind: 'added', text: '50' },
		{ kind: 'same', text: ' words by July.' },
	])
})

test('an inserted phrase is one addition', () => {
	const parts = diffWording('One session each week.', 'One 30-minute session each week.')
	expect(added(parts)).toEqual(['30-minute '])
	expect(removed(parts)).toEqual([])
})

test('words replaced one for one read as one replacement, not alternating fragments', () => {
	expect(diffWording('read 20 words today', 'write 50 letters today')).toEqual([
		{ kind: 'removed', text: 'read 20 words' },
		{ kind: 'added', text: 'write 50 letters' },
		{ kind: 'same', text: ' today' },
	])
})

test('a short kept word between two long changes is folded into one replacement', () => {
	const parts = diffWording(
		'Staff will provide support as required.',
		'A trained teaching assistant will deliver 20 minutes of pre-teaching three times a week.',
	)
	// 'will' is in both, but the reader sees one change rather than two broken either side of it.
	expect(parts).toEqual([
		{ kind: 'removed', text: 'Staff will provide support as required' },
		{ kind: 'added', text: 'A trained teaching assistant will deliver 20 minutes of pre-teaching three times a week' },
		{ kind: 'same', text: '.' },
	])
})

test('a line break between changes is kept as unchanged text', () => {
	const parts = diffWording('Needs support.\nAs required.', 'Needs daily support.\nWeekly.')
	expect(parts.some((p) => p.kind === 'same' && p.text.includes('\n'))).toBe(true)
})

test('Windows line endings are not a change', () => {
	expect(diffWording('First line.\r\nSecond line.', 'First line.\nSecond line.')).toEqual([{ kind: 'same', text: 'First line.\nSecond line.' }])
})

test('adjacent parts never share a kind and no part is empty', () => {
	const parts = diffWording('a b c d e f g', 'a x c y e z g q')
	for (let i = 0; i < parts.length; i++) {
		expect(parts[i].text).not.toBe('')
		if (i > 0) expect(parts[i].kind).not.toBe(parts[i - 1].kind)
	}
})

test('the parts always rebuild both wordings exactly (property)', () => {
	const word = fc.constantFrom('Amara', 'will', 'read', '20', '50', 'words', 'a', 'week', 'session', '.', ',', '1:1')
	const text = fc
		.array(fc.tuple(word, fc.constantFrom(' ', ' ', '  ', '\n', '\n\n')), { maxLength: 30 })
		.map((pairs) => pairs.map(([w, s]) => w + s).join(''))
	fc.assert(
		fc.property(text, text, (current, proposed) => {
			const parts = diffWording(current, proposed)
			expect(currentFromParts(parts)).toBe(current)
			expect(proposedFromParts(parts)).toBe(proposed)
			for (let i = 1; i < parts.length; i++) expect(parts[i].kind).not.toBe(parts[i - 1].kind)
		}),
		{ numRuns: 300 },
	)
})
