// The timeliness dashboard's period and filters, read from and written to the query string. Not server-only:
// the pages build their links with `timelinessSearch`.
import { z } from 'zod'
import { todayInLondon, type IsoDate } from '#app/domain/calendar-date.ts'
import { SCHOOL_PHASES } from '#app/domain/review-status.ts'
import {
	AGE_GROUP_IDS,
	addMonthsTo,
	defaultPeriod,
	firstDayOf,
	lastDayOf,
	monthOf,
	MONTH_PATTERN,
	type AgeGroup,
	type Month,
	type TimelinessFilters,
} from '#app/domain/timeliness.ts'

/** The longest period the dashboard shows at once. */
export const MAX_PERIOD_MONTHS = 36
/** The longest school filter: a school's whole name fits with room to spare. */
export const MAX_SCHOOL_TEXT = 100

const blankToUndefined = (value: unknown) => (value === '' || value === null ? undefined : value)
const month = z.preprocess(blankToUndefined, z.string().regex(MONTH_PATTERN, 'Select a month from the list').optional())
const id = z.preprocess(
	blankToUndefined,
	z
		.string()
		.max(64)
		.regex(/^[A-Za-z0-9_-]+$/, 'Select an option from the list')
		.optional(),
)
const trimmedOrUndefined = (value: unknown) => (typeof value === 'string' ? value.trim() || undefined : blankToUndefined(value))
/** Text the server resolves to schools (see TimelinessQuery.school). */
const schoolText = z.preprocess(
	trimmedOrUndefined,
	z.string().max(MAX_SCHOOL_TEXT, `The school’s name or URN must be ${MAX_SCHOOL_TEXT} characters or fewer`).optional(),
)

/** The dashboard's GET form: period (months 'YYYY-MM') and filters. Blank means "all". */
export const TimelinessQuerySchema = z.object({
	from: month,
	to: month,
	school: schoolText,
	caseworker: id,
	phase: z.preprocess(blankToUndefined, z.enum(SCHOOL_PHASES, { error: 'Select a phase from the list' }).optional()),
	age: z.preprocess(blankToUndefined, z.enum(AGE_GROUP_IDS as [AgeGroup, ...AgeGroup[]], { error: 'Select an age group from the list' }).optional()),
})

export interface TimelinessQuery {
	from: Month
	to: Month
	/**
	 * The school filter as typed: part of a school's name or its URN, or a school's id (from a link). The server
	 * resolves it to the council's matching schools (resolveTimelinessQuery in app/queries/timeliness.server.ts).
	 */
	school?: string
	caseworker?: string
	phase?: string
	age?: AgeGroup
}

export interface ParsedQuery {
	query: TimelinessQuery
	/** Field name -> message, for the error summary; the default period is used while there are errors. */
	errors: Record<string, string>
	today: IsoDate
}

export function readTimelinessQuery(url: URL, today: IsoDate = todayInLondon(new Date())): ParsedQuery {
	const raw = Object.fromEntries(['from', 'to', 'school', 'caseworker', 'phase', 'age'].map((k) => [k, url.searchParams.get(k) ?? undefined]))
	const parsed = TimelinessQuerySchema.safeParse(raw)
	const errors: Record<string, string> = {}
	const fallback = defaultPeriod(today)
	if (!parsed.success) {
		for (const issue of parsed.error.issues) errors[String(issue.path[0])] ??= issue.message
		return { query: { ...fallback }, errors, today }
	}
	const value = parsed.data
	const from = value.from ?? fallback.from
	const to = value.to ?? fallback.to
	const current = monthOf(today)
	if (to > current) errors.to = 'The end month must be this month or earlier'
	else if (from > to) errors.from = 'The start month must be the same as or before the end month'
	else if (addMonthsTo(from, MAX_PERIOD_MONTHS) <= to) errors.from = `Choose a period of ${MAX_PERIOD_MONTHS} months or less`
	const filters = { school: value.school, caseworker: value.caseworker, phase: value.phase, age: value.age }
	return { query: Object.keys(errors).length ? { ...fallback, ...filters } : { from, to, ...filters }, errors, today }
}

/** The query string for links that keep the period and filters (blank ones left out). */
export function timelinessSearch(query: TimelinessQuery, extra: Record<string, string | undefined> = {}): string {
	const params = new URLSearchParams()
	for (const [key, value] of Object.entries({
		...extra,
		from: query.from,
		to: query.to,
		school: query.school,
		caseworker: query.caseworker,
		phase: query.phase,
		age: query.age,
	})) {
		if (value) params.set(key, value)
	}
	return `?${params}`
}

/**
 * The filters the figures apply to the rows. The school is not among them: its text matches any number of
 * schools, and loadTimelinessRows reads only the rows of those schools.
 */
export function filtersOf(query: TimelinessQuery): TimelinessFilters {
	return { caseworkerId: query.caseworker, phase: query.phase, ageGroup: query.age }
}

export function periodOf(query: TimelinessQuery): { from: IsoDate; to: IsoDate } {
	return { from: firstDayOf(query.from), to: lastDayOf(query.to) }
}
