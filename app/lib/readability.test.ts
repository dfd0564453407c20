import { expect, test } from 'vitest'
import { readability, syllables } from './readability.ts'

test('syllables are counted by vowel groups, a silent final e not counted', () => {
	const cases: Array<[string, number]> = [
		['cat', 1],
		['school', 1],
		['review', 2],
		['make', 1],
		['amendment', 3],
		['representations', 5],
		['education', 4],
		['you', 1],
		['', 0],
	]
	for (const [word, n] of cases) expect(syllables(word), word).toBe(n)
})

test('short sentences of short words read young; long sentences of long words read old', () => {
	const easy = readability('You can tell us what you think. We will read it. Then we will write to you.')
	expect(easy.sentences).toBe(3)
	expect(easy.words).toBe(17)
	expect(easy.readingAge).toBeLessThan(8)
	const hard = readability(
		'The local authority must, within the prescribed period following the annual review meeting, notify the parent or young person of its determination regarding amendments to the education, health and care plan, including representations received.',
	)
	expect(hard.sentences).toBe(1)
	expect(hard.readingAge).toBeGreaterThan(18)
})

test('lines and headings count as sentences; text without letters counts for nothing', () => {
	expect(readability('Your reviews\nGive your views\n12 3 4').sentences).toBe(2)
	expect(readability('')).toMatchObject({ sentences: 0, words: 0, grade: 0 })
})
