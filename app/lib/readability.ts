// How hard a page's words are to read: the Flesch-Kincaid grade of a text, and the UK reading age it suggests (a US
// grade is read at the age of grade + 5). GOV.UK writes for a reading age of 9; the family's pages aim for it
// (issue 14). A formula counts long sentences and long words only: it is a warning light, not a judge of plain English.

const VOWEL_GROUPS = /[aeiouy]+/g

/** Syllables in an English word, by vowel groups (a silent final "e" not counted): close enough for a reading grade. */
export function syllables(word: string): number {
	const w = word.toLowerCase().replace(/[^a-z]/g, '')
	if (!w) return 0
	if (w.length <= 3) return 1
	const trimmed = w.replace(/(?:[^laeiouy]es|ed|[^laeiouy]e)$/, '').replace(/^y/, '')
	return Math.max(1, (trimmed.match(VOWEL_GROUPS) ?? []).length)
}

export interface Readability {
	sentences: number
	words: number
	/** Words per sentence. */
	sentenceLength: number
	/** Syllables per word. */
	wordLength: number
	/** Flesch-Kincaid grade: 0.39 × words per sentence + 11.8 × syllables per word − 15.59. */
	grade: number
	/** The UK reading age the grade suggests: grade + 5. */
	readingAge: number
}

/** The text's sentences are its lines and the parts of lines ending in . ! ? or : (headings and list items count as sentences). */
export function readability(text: string): Readability {
	const sentences = text
		.split(/\n+|(?<=[.!?:])\s+/)
		.map((s) => s.trim())
		.filter((s) => /[a-z]/i.test(s))
	const words = sentences.flatMap((s) => s.split(/\s+/).filter((w) => /[a-z]/i.test(w)))
	const syllableCount = words.reduce((sum, w) => sum + syllables(w), 0)
	const sentenceLength = sentences.length ? words.length / sentences.length : 0
	const wordLength = words.length ? syllableCount / words.length : 0
	const grade = words.length ? 0.39 * sentenceLength + 11.8 * wordLength - 15.59 : 0
	const round = (n: number) => Math.round(n * 10) / 10
	return {
		sentences: sentences.length,
		words: words.length,
		sentenceLength: round(sentenceLength),
		wordLength: round(wordLength),
		grade: round(grade),
		readingAge: round(grade + 5),
	}
}
