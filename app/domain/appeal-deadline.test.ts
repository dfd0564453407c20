import fc from 'fast-check'
import { expect, test } from 'vitest'
import { expectEach } from '#tests/expect-each.ts'
import { appealDeadline, appealDeadlineWithCertificate, letterDates, mediationAdviserDeadline } from './appeal-deadline.ts'
import { addDays, daysInMonth, isAfter, parseIsoDate, toIsoDate } from './calendar-date.ts'

test('2 months after the day the notice is sent ends on the corresponding date', () => {
	expect(appealDeadline('2026-03-10')).toBe('2026-05-10')
	expect(appealDeadline('2026-11-15')).toBe('2027-01-15')
	expect(mediationAdviserDeadline('2026-03-10')).toBe('2026-05-10')
})

test('a month with no corresponding date ends on its last day: 31 December + 2 months is the end of February', () => {
	expectEach(appealDeadline, [
		['2026-12-31', '2027-02-28'],
		['2027-12-31', '2028-02-29'], // 2028 is a leap year
		['2026-12-30', '2027-02-28'],
		['2027-12-29', '2028-02-29'],
		['2026-08-31', '2026-10-31'],
		['2026-07-31', '2026-09-30'],
	])
	expect(mediationAdviserDeadline('2026-12-31')).toBe('2027-02-28')
})

test('a mediation certificate gives 1 month from its issue when that is later (r.20(1)(a))', () => {
	expect(appealDeadlineWithCertificate('2026-03-10', '2026-04-01')).toBe('2026-05-10')
	expect(appealDeadlineWithCertificate('2026-03-10', '2026-04-20')).toBe('2026-05-20')
	expect(appealDeadlineWithCertificate('2026-12-31', '2027-01-31')).toBe('2027-02-28')
})

test('the letter is dated the day it is sent in England, whatever the time in UTC', () => {
	// 23:30 UTC on 31 December 2026 is still 31 December in London (GMT); 23:30 UTC on 30 June is 1 July (BST).
	expect(letterDates(new Date('2026-12-31T23:30:00Z'))).toEqual({ sentOn: '2026-12-31', appealBy: '2027-02-28', mediationBy: '2027-02-28' })
	expect(letterDates(new Date('2026-06-30T23:30:00Z'))).toEqual({ sentOn: '2026-07-01', appealBy: '2026-09-01', mediationBy: '2026-09-01' })
})

test('the deadline is always later than the day sent, in the second month after it, and never moves backwards', () => {
	const date = fc
		.record({ year: fc.integer({ min: 2000, max: 2100 }), month: fc.integer({ min: 1, max: 12 }), day: fc.integer({ min: 1, max: 31 }) })
		.map(({ year, month, day }) => toIsoDate(year, month, Math.min(day, daysInMonth(year, month))))
	fc.assert(
		fc.property(date, (sent) => {
			const by = appealDeadline(sent)
			expect(isAfter(by, sent)).toBe(true)
			const s = parseIsoDate(sent)
			const b = parseIsoDate(by)
			expect((b.year * 12 + b.month - (s.year * 12 + s.month) + 12 * 100) % 12).toBe(2)
			expect(isAfter(by, appealDeadline(addDays(sent, 1)))).toBe(false)
		}),
	)
})
