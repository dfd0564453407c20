/**
 * What the final amended plan carries in its tables (Sections E and F) and whether it must carry preparation for
 * adulthood: pure rules, used by the council's final plan step (app/services/council-review.server.ts).
 *
 * Sections E and F are rows, but an amendment to them is proposed as wording, one row per line, as the plan's own
 * wording of the section reads (app/queries/review.server.ts `planWording`): "1. what. Delivered by: who. How often:
 * frequency. How long: duration" for provision, "1. outcome" for outcomes. Turning an amended line back into a row
 * keeps the columns the line gives, and takes what a line cannot say (the need a provision meets, an outcome's area)
 * from the row it amends, so an amended plan's tables stay specified and quantified (SEND Code of Practice 9.69; the
 * columns a tribunal reads first). The row a line amends is the one with the same provision or outcome, else the one
 * in the same place.
 */
import { parseIsoDate, type IsoDate } from './calendar-date.ts'

export type ProvisionRow = { need: string; what: string; who: string; frequency: string; duration: string }
export type OutcomeRow = { area: string; text: string }

const LABELS = { need: /^need:\s*/i, who: /^delivered by:\s*/i, frequency: /^how often:\s*/i, duration: /^how long:\s*/i } as const

/** The lines of an amendment's wording, "1. " or "1) " numbering dropped, blank lines left out. */
export function wordingLines(wording: string): string[] {
	return wording
		.split(/\r?\n/)
		.map((line) => line.replace(/^\s*\d+[.)]\s*/, '').trim())
		.filter(Boolean)
}

const same = (a: string, b: string) => a.trim().replace(/\s+/g, ' ').toLowerCase() === b.trim().replace(/\s+/g, ' ').toLowerCase()

/** For each line, the current row it amends (same text first, else the same place), each row used once. */
function matchRows<Row>(keys: string[], current: Row[], keyOf: (row: Row) => string): Array<{ row: Row; exact: boolean } | null> {
	const used = new Set<number>()
	const found: Array<{ row: Row; exact: boolean } | null> = keys.map((key) => {
		const i = current.findIndex((row, j) => !used.has(j) && same(keyOf(row), key))
		if (i < 0) return null
		used.add(i)
		return { row: current[i]!, exact: true }
	})
	return found.map((match, i) => {
		if (match || i >= current.length || used.has(i)) return match
		used.add(i)
		return { row: current[i]!, exact: false }
	})
}

/** One provision line in its parts: the provision, then the labelled columns ("Delivered by: ..."). */
function parseProvisionLine(line: string): Partial<ProvisionRow> & { what: string } {
	const parts = line.split(/\.\s+(?=(?:need|delivered by|how often|how long):)/i)
	const row: Partial<ProvisionRow> & { what: string } = { what: '' }
	const loose: string[] = []
	for (const part of parts) {
		const label = (Object.keys(LABELS) as Array<keyof typeof LABELS>).find((key) => LABELS[key].test(part))
		if (label) row[label] = part.replace(LABELS[label], '').replace(/\.$/, '').trim()
		else loose.push(part)
	}
	row.what = loose.join('. ').trim()
	return row
}

/**
 * Section F's rows from an amendment's wording: each line's provision and the columns it names; a column the line
 * does not name is kept from the row it amends when it amends the same provision, and the need always is.
 */
export function provisionRowsFrom(wording: string, current: ProvisionRow[]): ProvisionRow[] {
	const lines = wordingLines(wording).map(parseProvisionLine)
	const matches = matchRows(
		lines.map((l) => l.what),
		current,
		(row) => row.what,
	)
	return lines.map((line, i) => {
		const match = matches[i]
		const kept = (key: 'who' | 'frequency' | 'duration') => line[key] ?? (match?.exact ? match.row[key] : '') ?? ''
		return { need: line.need ?? match?.row.need ?? '', what: line.what, who: kept('who'), frequency: kept('frequency'), duration: kept('duration') }
	})
}

/** Section E's rows from an amendment's wording: each line an outcome, with the area of the row it amends. */
export function outcomeRowsFrom(wording: string, current: OutcomeRow[]): OutcomeRow[] {
	const lines = wordingLines(wording)
	const matches = matchRows(lines, current, (row) => row.text)
	return lines.map((text, i) => ({ area: matches[i]?.row.area ?? '', text }))
}

/** The national curriculum year from which the plan must include preparation for adulthood (SEND Regulations 2014 reg 12(3)). */
export const PREPARATION_FOR_ADULTHOOD_FROM_YEAR = 9

/**
 * Whether a plan issued on `on` must include provision to assist in preparing for adulthood and independent living
 * (reg 12(3): "from year 9"). The child's recorded year group decides; without one (a young person past school, or
 * none recorded), the year their age puts them in: in England a child's year is their age on the 31 August before the
 * academic year begins, less 4, so Year 9 begins on the 1 September on or before which they were 13.
 */
export function mustIncludePreparationForAdulthood(child: { yearGroup: number | null; dateOfBirth: IsoDate }, on: IsoDate): boolean {
	if (child.yearGroup !== null) return child.yearGroup >= PREPARATION_FOR_ADULTHOOD_FROM_YEAR
	const born = parseIsoDate(child.dateOfBirth)
	const today = parseIsoDate(on)
	// The academic year (1 September to 31 August) `on` falls in, by the calendar year it starts in.
	const yearStarted = today.month >= 9 ? today.year : today.year - 1
	// Age on 31 August of the calendar year the academic year starts in.
	const ageOn31August = yearStarted - born.year - (born.month > 8 ? 1 : 0)
	return ageOn31August - 4 >= PREPARATION_FOR_ADULTHOOD_FROM_YEAR
}
