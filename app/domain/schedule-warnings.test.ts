import { expect, test } from 'vitest'
import { scheduleWarnings } from './schedule-warnings.ts'
import type { Deadline } from './statutory-clock.ts'

const base = { today: '2026-11-23', reviewDueOn: '2027-01-31', yearGroup: 5, deadlines: [] as Deadline[] }

test('a meeting less than 2 weeks away warns about notice, one 14 days away does not', () => {
	expect(scheduleWarnings({ ...base, meetingOn: '2026-12-06' }).map((w) => w.kind)).toEqual(['short_notice'])
	expect(scheduleWarnings({ ...base, meetingOn: '2026-12-06' })[0]!.message).toMatch(/in 13 days/)
	expect(scheduleWarnings({ ...base, meetingOn: '2026-12-07' })).toEqual([])
	expect(scheduleWarnings({ ...base, meetingOn: '2026-11-23' })[0]!.message).toMatch(/today/)
})

test('a meeting held in the past raises no notice warning', () => {
	expect(scheduleWarnings({ ...base, meetingOn: '2026-11-01' })).toEqual([])
})

test('a meeting after the 12-month date warns, on the date itself does not', () => {
	expect(scheduleWarnings({ ...base, meetingOn: '2027-02-01' }).map((w) => w.kind)).toEqual(['beyond_12_months'])
	expect(scheduleWarnings({ ...base, meetingOn: '2027-01-31' })).toEqual([])
})

test('phase transfer and Year 9 are flagged', () => {
	const transfer = { id: 'phase_transfer', dueOn: '2027-02-15' } as Deadline
	const warnings = scheduleWarnings({ ...base, meetingOn: '2027-01-10', yearGroup: 9, deadlines: [transfer] })
	expect(warnings.map((w) => w.kind)).toEqual(['phase_transfer', 'preparation_for_adulthood'])
	expect(warnings[0]!.message).toContain('15 February 2027')
	expect(scheduleWarnings({ ...base, meetingOn: '2027-01-10', yearGroup: 8 })).toEqual([])
})
