import fc from 'fast-check'
import { expect, test } from 'vitest'
import { expectEach, expectEachCall } from '#tests/expect-each.ts'
import {
	ISO_DATE_PATTERN,
	addDays,
	addMonths,
	compareDates,
	daysBetween,
	daysInMonth,
	earliest,
	formatDate,
	formatDateWithWeekday,
	isAfter,
	isBefore,
	isIsoDate,
	isLeapYear,
	isWeekend,
	monthName,
	parseIsoDate,
	toIsoDate,
	todayInLondon,
	weekday,
} from './calendar-date'

// Dates between 1900 and 2199 written by the platform's own UTC formatter, an oracle independent
// of the day-number arithmetic under test.
const MS_PER_DAY = 86_400_000
const isoDates = fc
	.integer({ min: Date.UTC(1900, 0, 1) / MS_PER_DAY, max: Date.UTC(2199, 11, 31) / MS_PER_DAY })
	.map((day) => new Date(day * MS_PER_DAY).toISOString().slice(0, 10))
// Since 1972 London has been on GMT in winter and BST (UTC+1) in summer; before that came
// double summer time (UTC+2) and British Standard Time (UTC+1 all year, 1968-71).
const datesSince1972 = fc
	.integer({ min: Date.UTC(1972, 0, 1) / MS_PER_DAY, max: Date.UTC(2199, 11, 31) / MS_PER_DAY })
	.map((day) => new Date(day * MS_PER_DAY).toISOString().slice(0, 10))

test('isIsoDate accepts real calendar dates written YYYY-MM-DD', () => {
	expect(isIsoDate('2027-03-03')).toBe(true)
	expect(isIsoDate('2028-02-29')).toBe(true)
	expect(isIsoDate('2000-02-29')).toBe(true)
	expect(isIsoDate('0001-01-01')).toBe(true)
	expect(isIsoDate('9999-12-31')).toBe(true)
})

test('isIsoDate rejects impossible dates and other shapes', () => {
	expect(isIsoDate('2027-02-29')).toBe(false)
	expect(isIsoDate('1900-02-29')).toBe(false)
	expect(isIsoDate('2027-04-31')).toBe(false)
	expect(isIsoDate('2027-13-01')).toBe(false)
	expect(isIsoDate('2027-00-10')).toBe(false)
	expect(isIsoDate('2027-01-00')).toBe(false)
	expect(isIsoDate('0000-01-01')).toBe(false)
	expect(isIsoDate('2027-3-3')).toBe(false)
	expect(isIsoDate('03/03/2027')).toBe(false)
	expect(isIsoDate('2027-03-03T00:00:00Z')).toBe(false)
	expect(isIsoDate(' 2027-03-03')).toBe(false)
	expect(isIsoDate('')).toBe(false)
	expect(isIsoDate(20270303)).toBe(false)
	expect(isIsoDate(null)).toBe(false)
	expect(isIsoDate(new Date('2027-03-03'))).toBe(false)
})

test('parseIsoDate splits a date into year, month and day', () => {
	expect(parseIsoDate('2027-03-03')).toEqual({ year: 2027, month: 3, day: 3 })
	expect(parseIsoDate('2028-02-29')).toEqual({ year: 2028, month: 2, day: 29 })
})

test('parseIsoDate throws a RangeError naming the bad value', () => {
	expect(() => parseIsoDate('2027-02-29')).toThrow(RangeError)
	expect(() => parseIsoDate('2027-02-30')).toThrow('"2027-02-30"')
	expect(() => parseIsoDate('tomorrow')).toThrow(RangeError)
})

test('toIsoDate pads with zeros and refuses impossible dates', () => {
	expect(toIsoDate(2027, 3, 3)).toBe('2027-03-03')
	expect(toIsoDate(987, 1, 2)).toBe('0987-01-02')
	expect(() => toIsoDate(2027, 2, 29)).toThrow(RangeError)
	expect(() => toIsoDate(2027, 1, 1.5)).toThrow(RangeError)
	expect(() => toIsoDate(10000, 1, 1)).toThrow(RangeError)
})

test('leap years follow the Gregorian rule', () => {
	expect(isLeapYear(2024)).toBe(true)
	expect(isLeapYear(2027)).toBe(false)
	expect(isLeapYear(1900)).toBe(false)
	expect(isLeapYear(2000)).toBe(true)
	expectEachCall(daysInMonth, [
		[[2027, 2], 28],
		[[2028, 2], 29],
		[[2027, 4], 30],
		[[2027, 12], 31],
	])
})

test('addDays crosses month and year ends', () => {
	expectEachCall(addDays, [
		[['2027-01-31', 1], '2027-02-01'],
		[['2027-04-30', 1], '2027-05-01'],
		[['2026-12-31', 1], '2027-01-01'],
		[['2027-01-01', -1], '2026-12-31'],
		[['2027-03-03', 0], '2027-03-03'],
	])
})

test('addDays knows 29 February in leap years only', () => {
	expectEachCall(addDays, [
		[['2027-02-28', 1], '2027-03-01'],
		[['2028-02-28', 1], '2028-02-29'],
		[['2028-02-29', 1], '2028-03-01'],
		[['2024-03-01', -1], '2024-02-29'],
		[['2027-03-01', -1], '2027-02-28'],
		[['1900-02-28', 1], '1900-03-01'],
		[['2000-02-28', 1], '2000-02-29'],
		[['2027-01-01', 365], '2028-01-01'],
		[['2028-01-01', 365], '2028-12-31'],
	])
})

test('addDays is not moved by the clocks going forward or back', () => {
	// British Summer Time began on Sunday 29 March 2026 and ends on Sunday 25 October 2026.
	expectEachCall(addDays, [
		[['2026-03-28', 1], '2026-03-29'],
		[['2026-03-28', 2], '2026-03-30'],
		[['2026-03-22', 14], '2026-04-05'],
		[['2026-04-05', -14], '2026-03-22'],
		[['2026-10-24', 1], '2026-10-25'],
		[['2026-10-25', 1], '2026-10-26'],
		[['2026-10-14', 28], '2026-11-11'],
	])
})

test('addDays needs a whole number of days', () => {
	expect(() => addDays('2027-03-03', 1.5)).toThrow(RangeError)
	expect(() => addDays('2027-03-03', Number.NaN)).toThrow(RangeError)
	expect(() => addDays('2027-02-31', 1)).toThrow(RangeError)
})

test('addMonths clamps to the end of a shorter month', () => {
	expectEachCall(addMonths, [
		[['2027-01-31', 1], '2027-02-28'],
		[['2028-01-31', 1], '2028-02-29'],
		[['2027-03-31', 1], '2027-04-30'],
		[['2027-03-31', -1], '2027-02-28'],
		[['2027-05-31', -3], '2027-02-28'],
		[['2027-08-31', 6], '2028-02-29'],
		[['2026-08-31', 6], '2027-02-28'],
	])
})

test('addMonths from 29 February lands on 28 February in a common year', () => {
	expectEachCall(addMonths, [
		[['2024-02-29', 12], '2025-02-28'],
		[['2024-02-29', 48], '2028-02-29'],
		[['2024-02-29', -12], '2023-02-28'],
		[['2024-02-29', 1], '2024-03-29'],
	])
})

test('addMonths crosses year ends and keeps the day when it exists', () => {
	expectEachCall(addMonths, [
		[['2027-12-15', 1], '2028-01-15'],
		[['2027-01-15', -1], '2026-12-15'],
		[['2026-03-10', 12], '2027-03-10'],
		[['2026-03-10', 0], '2026-03-10'],
		[['2026-11-30', 3], '2027-02-28'],
	])
	expect(() => addMonths('2026-11-30', 0.5)).toThrow(RangeError)
})

test('daysBetween counts calendar days, later minus earlier', () => {
	expectEachCall(daysBetween, [
		[['2027-03-01', '2027-03-15'], 14],
		[['2027-03-15', '2027-03-01'], -14],
		[['2027-03-03', '2027-03-03'], 0],
		[['2027-02-01', '2027-03-01'], 28],
		[['2028-02-01', '2028-03-01'], 29],
		[['2024-02-29', '2025-02-28'], 365],
		[['2027-01-01', '2028-01-01'], 365],
		[['2028-01-01', '2029-01-01'], 366],
		[['1970-01-01', '2000-01-01'], 10957],
	])
})

test('daysBetween is whole days across the clock changes', () => {
	expectEachCall(daysBetween, [
		[['2026-03-28', '2026-03-30'], 2],
		[['2026-10-24', '2026-10-26'], 2],
		[['2026-03-01', '2026-11-01'], 245],
	])
})

test('compareDates orders dates and sorts a list', () => {
	expect(compareDates('2027-03-03', '2027-03-04')).toBe(-1)
	expect(compareDates('2027-03-04', '2027-03-03')).toBe(1)
	expect(compareDates('2027-03-03', '2027-03-03')).toBe(0)
	expect(['2027-03-03', '2026-12-31', '2027-01-01'].sort(compareDates)).toEqual(['2026-12-31', '2027-01-01', '2027-03-03'])
	expect(isBefore('2026-12-31', '2027-01-01')).toBe(true)
	expect(isBefore('2027-01-01', '2027-01-01')).toBe(false)
	expect(isAfter('2027-01-02', '2027-01-01')).toBe(true)
	expect(isAfter('2027-01-01', '2027-01-01')).toBe(false)
	expect(earliest('2027-03-03', '2026-12-31', '2027-01-01')).toBe('2026-12-31')
	expect(earliest('2027-03-03')).toBe('2027-03-03')
})

/** The day in England at an instant written in UTC. */
const londonDayOf = (instant: string) => todayInLondon(new Date(instant))

test('todayInLondon in British Summer Time: 23:30 UTC on 31 March is 1 April', () => {
	expectEach(londonDayOf, [
		['2027-03-31T23:30:00Z', '2027-04-01'],
		['2027-03-31T22:59:59.999Z', '2027-03-31'],
		['2027-03-31T23:00:00Z', '2027-04-01'],
		['2026-06-30T23:00:00Z', '2026-07-01'],
	])
})

test('todayInLondon in Greenwich Mean Time: the date changes at midnight UTC', () => {
	expectEach(londonDayOf, [
		['2027-01-31T23:30:00Z', '2027-01-31'],
		['2027-01-31T23:59:59.999Z', '2027-01-31'],
		['2027-02-01T00:00:00Z', '2027-02-01'],
		['2026-12-31T23:59:59Z', '2026-12-31'],
		['2027-01-01T00:00:00Z', '2027-01-01'],
	])
})

test('todayInLondon on the days the clocks change', () => {
	// Clocks go forward at 01:00 UTC on 29 March 2026: the evening before is still GMT.
	expectEach(londonDayOf, [
		['2026-03-28T23:59:59Z', '2026-03-28'],
		['2026-03-29T23:00:00Z', '2026-03-30'],
		['2026-03-29T22:59:59Z', '2026-03-29'],
		// Clocks go back at 01:00 UTC on 25 October 2026: the evening before is still BST.
		['2026-10-24T22:59:59Z', '2026-10-24'],
		['2026-10-24T23:00:00Z', '2026-10-25'],
		['2026-10-25T23:30:00Z', '2026-10-25'],
		['2026-10-26T00:00:00Z', '2026-10-26'],
	])
})

test('todayInLondon on 29 February', () => {
	expectEach(londonDayOf, [
		['2028-02-29T00:00:00Z', '2028-02-29'],
		['2028-02-28T23:59:59Z', '2028-02-28'],
	])
})

test('todayInLondon refuses an invalid Date', () => {
	expect(() => todayInLondon(new Date('not a date'))).toThrow(RangeError)
})

test('weekday names the day of the week', () => {
	expectEach(weekday, [
		['2027-03-03', 'Wednesday'],
		['1970-01-01', 'Thursday'],
		['2000-01-01', 'Saturday'],
		['2024-02-29', 'Thursday'],
		['2026-03-29', 'Sunday'],
		['1969-12-31', 'Wednesday'],
	])
	expectEach(isWeekend, [
		['2026-03-28', true],
		['2026-03-29', true],
		['2026-03-30', false],
	])
})

test('formatDate writes dates the UK way', () => {
	expect(formatDate('2027-03-03')).toBe('3 March 2027')
	expect(formatDate('2026-12-25')).toBe('25 December 2026')
	expect(formatDate('2028-02-29')).toBe('29 February 2028')
	expect(formatDateWithWeekday('2027-03-03')).toBe('Wednesday 3 March 2027')
	expect(monthName(1)).toBe('January')
	expect(() => monthName(13)).toThrow(RangeError)
	expect(() => formatDate('2027-02-29')).toThrow(RangeError)
})

test('property: addDays then subtracting the same days returns the date', () => {
	fc.assert(
		fc.property(isoDates, fc.integer({ min: -100_000, max: 100_000 }), (date, days) => {
			expect(addDays(addDays(date, days), -days)).toBe(date)
		}),
	)
})

test('property: addDays and daysBetween agree with UTC milliseconds', () => {
	fc.assert(
		fc.property(isoDates, fc.integer({ min: -40_000, max: 40_000 }), (date, days) => {
			const later = addDays(date, days)
			expect(later).toMatch(ISO_DATE_PATTERN)
			expect(later).toBe(new Date(Date.parse(date) + days * MS_PER_DAY).toISOString().slice(0, 10))
			expect(daysBetween(date, later)).toBe(days)
		}),
	)
})

test('property: weekday agrees with the UTC day of the week', () => {
	const names = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday']
	fc.assert(
		fc.property(isoDates, (date) => {
			expect(weekday(date)).toBe(names[new Date(date).getUTCDay()])
		}),
	)
})

test('property: addMonths lands in the right month, never past the original day', () => {
	fc.assert(
		fc.property(isoDates, fc.integer({ min: -1200, max: 1200 }), (date, months) => {
			const from = parseIsoDate(date)
			const to = parseIsoDate(addMonths(date, months))
			expect(to.year * 12 + to.month - (from.year * 12 + from.month)).toBe(months)
			expect(to.day).toBe(Math.min(from.day, daysInMonth(to.year, to.month)))
			expect(Math.sign(daysBetween(date, addMonths(date, months)))).toBe(Math.sign(months))
		}),
	)
})

test('property: compareDates matches the order of the ISO strings', () => {
	fc.assert(
		fc.property(isoDates, isoDates, (a, b) => {
			const expected = a < b ? -1 : a > b ? 1 : 0
			expect(compareDates(a, b)).toBe(expected)
			expect(compareDates(b, a)).toBe(b < a ? -1 : b > a ? 1 : 0)
			expect(Math.sign(daysBetween(b, a))).toBe(expected)
		}),
	)
})

test('property: todayInLondon is the UTC date until 23:00 UTC, whatever the season', () => {
	// London is UTC+0 or UTC+1, so from 00:00 to 22:59:59 UTC the date is the same as in UTC.
	fc.assert(
		fc.property(datesSince1972, fc.integer({ min: 0, max: 23 * 3_600_000 - 1 }), (date, ms) => {
			expect(todayInLondon(new Date(Date.parse(date) + ms))).toBe(date)
		}),
	)
})

test('property: todayInLondon after 23:00 UTC is the same day in winter and the next in summer', () => {
	fc.assert(
		fc.property(datesSince1972, fc.integer({ min: 23 * 3_600_000, max: MS_PER_DAY - 1 }), (date, ms) => {
			const { month } = parseIsoDate(date)
			const today = todayInLondon(new Date(Date.parse(date) + ms))
			expect([date, addDays(date, 1)]).toContain(today)
			// Mid-winter is always GMT and mid-summer always BST.
			if (month === 12 || month === 1) expect(today).toBe(date)
			if (month >= 5 && month <= 8) expect(today).toBe(addDays(date, 1))
		}),
	)
})
