/**
 * Calendar dates as ISO strings ('YYYY-MM-DD'), with no time of day and no time zone.
 *
 * Statutory periods are counted in calendar days and months in England, so every date in the
 * domain is a plain calendar date. Arithmetic is done on whole day numbers (days since
 * 1970-01-01, proleptic Gregorian calendar) rather than on Date objects, so neither the
 * process time zone nor a clock change can move a date. The only place a moment in time
 * becomes a date is `todayInLondon`, which asks Intl for the calendar date in Europe/London.
 */

/** A calendar date written 'YYYY-MM-DD' (years 0001-9999). */
export type IsoDate = string

export interface CalendarDate {
	year: number
	/** 1 = January ... 12 = December */
	month: number
	day: number
}

export const ISO_DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/

const MONTH_NAMES = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'] as const

const WEEKDAY_NAMES = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'] as const

export type Weekday = (typeof WEEKDAY_NAMES)[number]

export function isLeapYear(year: number): boolean {
	return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0
}

export function daysInMonth(year: number, month: number): number {
	if (month === 2) return isLeapYear(year) ? 29 : 28
	return [4, 6, 9, 11].includes(month) ? 30 : 31
}

function isValidParts(year: number, month: number, day: number): boolean {
	return (
		Number.isInteger(year) &&
		Number.isInteger(month) &&
		Number.isInteger(day) &&
		year >= 1 &&
		year <= 9999 &&
		month >= 1 &&
		month <= 12 &&
		day >= 1 &&
		day <= daysInMonth(year, month)
	)
}

/** True for a real calendar date written 'YYYY-MM-DD' ('2027-02-29' is false). */
export function isIsoDate(value: unknown): value is IsoDate {
	if (typeof value !== 'string') return false
	const match = ISO_DATE_PATTERN.exec(value)
	if (!match) return false
	return isValidParts(Number(match[1]), Number(match[2]), Number(match[3]))
}

/** Splits an ISO date into its parts; throws RangeError if it is not a real calendar date. */
export function parseIsoDate(value: IsoDate): CalendarDate {
	const match = ISO_DATE_PATTERN.exec(value)
	const parts = match ? { year: Number(match[1]), month: Number(match[2]), day: Number(match[3]) } : null
	if (!parts || !isValidParts(parts.year, parts.month, parts.day)) {
		throw new RangeError(`Not a calendar date (expected YYYY-MM-DD): ${JSON.stringify(value)}`)
	}
	return parts
}

/** Builds an ISO date from its parts; throws RangeError if they do not make a real date. */
export function toIsoDate(year: number, month: number, day: number): IsoDate {
	if (!isValidParts(year, month, day)) {
		throw new RangeError(`Not a calendar date: year ${year}, month ${month}, day ${day}`)
	}
	return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`
}

// Day numbers: days since 1970-01-01 in the proleptic Gregorian calendar.
// Algorithms from Howard Hinnant, "chrono-Compatible Low-Level Date Algorithms"
// (days_from_civil / civil_from_days); integer-only, valid far beyond years 1-9999.
function dayNumber({ year, month, day }: CalendarDate): number {
	const y = month <= 2 ? year - 1 : year
	const era = Math.floor(y / 400)
	const yearOfEra = y - era * 400
	const dayOfYear = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1
	const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear
	return era * 146097 + dayOfEra - 719468
}

function fromDayNumber(days: number): IsoDate {
	const z = days + 719468
	const era = Math.floor(z / 146097)
	const dayOfEra = z - era * 146097
	const yearOfEra = Math.floor((dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36524) - Math.floor(dayOfEra / 146096)) / 365)
	const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100))
	const mp = Math.floor((5 * dayOfYear + 2) / 153)
	const day = dayOfYear - Math.floor((153 * mp + 2) / 5) + 1
	const month = mp < 10 ? mp + 3 : mp - 9
	const year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
	return toIsoDate(year, month, day)
}

/** The date `days` calendar days after `date` (before it when negative). */
export function addDays(date: IsoDate, days: number): IsoDate {
	if (!Number.isInteger(days)) throw new RangeError(`addDays needs a whole number of days, got ${days}`)
	return fromDayNumber(dayNumber(parseIsoDate(date)) + days)
}

/**
 * The date `months` calendar months after `date`, keeping the day of the month and clamping it
 * to the end of a shorter month: 31 January + 1 month = 28 (or 29) February;
 * 29 February 2024 + 12 months = 28 February 2025.
 */
export function addMonths(date: IsoDate, months: number): IsoDate {
	if (!Number.isInteger(months)) throw new RangeError(`addMonths needs a whole number of months, got ${months}`)
	const { year, month, day } = parseIsoDate(date)
	const monthIndex = year * 12 + (month - 1) + months
	const newYear = Math.floor(monthIndex / 12)
	const newMonth = monthIndex - newYear * 12 + 1
	return toIsoDate(newYear, newMonth, Math.min(day, daysInMonth(newYear, newMonth)))
}

/** Whole calendar days from `from` to `to`: positive when `to` is later. */
export function daysBetween(from: IsoDate, to: IsoDate): number {
	return dayNumber(parseIsoDate(to)) - dayNumber(parseIsoDate(from))
}

/** -1 if `a` is earlier than `b`, 0 if the same day, 1 if later (usable with Array.prototype.sort). */
export function compareDates(a: IsoDate, b: IsoDate): -1 | 0 | 1 {
	const difference = daysBetween(b, a)
	return difference < 0 ? -1 : difference > 0 ? 1 : 0
}

export function isBefore(a: IsoDate, b: IsoDate): boolean {
	return compareDates(a, b) < 0
}

export function isAfter(a: IsoDate, b: IsoDate): boolean {
	return compareDates(a, b) > 0
}

export function earliest(first: IsoDate, ...rest: IsoDate[]): IsoDate {
	return rest.reduce((soFar, date) => (isBefore(date, soFar) ? date : soFar), first)
}

const londonDateFormat = new Intl.DateTimeFormat('en-GB', {
	timeZone: 'Europe/London',
	year: 'numeric',
	month: '2-digit',
	day: '2-digit',
})

/**
 * The calendar date in England at the moment `now`. Statutory clocks run on local dates,
 * so 23:30 UTC on 31 March during British Summer Time is already 1 April.
 */
export function todayInLondon(now: Date): IsoDate {
	if (Number.isNaN(now.getTime())) throw new RangeError('todayInLondon needs a valid Date')
	const parts = londonDateFormat.formatToParts(now)
	const part = (type: 'year' | 'month' | 'day') => Number(parts.find((p) => p.type === type)?.value)
	return toIsoDate(part('year'), part('month'), part('day'))
}

/** The day of the week, e.g. 'Wednesday'. */
export function weekday(date: IsoDate): Weekday {
	// Day 0 (1 January 1970) was a Thursday.
	const index = (((dayNumber(parseIsoDate(date)) + 4) % 7) + 7) % 7
	return WEEKDAY_NAMES[index]!
}

export function isWeekend(date: IsoDate): boolean {
	const day = weekday(date)
	return day === 'Saturday' || day === 'Sunday'
}

/** The month's name in English: 1 -> 'January'. */
export function monthName(month: number): string {
	const name = MONTH_NAMES[month - 1]
	if (!Number.isInteger(month) || name === undefined) throw new RangeError(`Not a month: ${month}`)
	return name
}

/**
 * UK style for people, as GOV.UK writes dates: '3 March 2027'; nothing for no date. The one date formatter of the
 * service: pages, letters, emails and PDFs all use it. A stored instant's date part ('2027-03-03T10:00:00Z') is
 * written as it is, never shifted by a time zone; anything that is not a real date throws.
 */
export function formatDate(date: IsoDate | string | null | undefined): string {
	if (!date) return ''
	const { year, month, day } = parseIsoDate(date.slice(0, 10))
	return `${day} ${monthName(month)} ${year}`
}

/** UK style with the day of the week: 'Wednesday 3 March 2027'. */
export function formatDateWithWeekday(date: IsoDate): string {
	return `${weekday(date)} ${formatDate(date)}`
}
