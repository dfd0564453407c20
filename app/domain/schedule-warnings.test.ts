import { expect, test } from 'vitest'
import { scheduleWarnings } from './schedule-warnings.ts'
import { computeDeadlines, type ReviewFacts } from './statutory-clock.ts'

// Today 23 November 2026; the review is due by 31 January 2027 (its 12 months started on 1 February 2026).
const facts = { today: '2026-11-23', planIssuedOn: '2020-02-01', reviewDueOn: '2027-01-31', dateOfBirth: '2016-06-01', yearGroup: 5, phaseTransfer: null }
/** The warnings the review page shows for these recorded facts, through the statutory clock as the page draws them. */
const warn = (recorded: Partial<ReviewFacts> = {}) => {
	const f = { ...facts, ...recorded }
	return scheduleWarnings({ today: f.today, meetingOn: f.meetingOn ?? null, yearGroup: f.yearGroup, deadlines: computeDeadlines(f) })
}
const kinds = (recorded?: Partial<ReviewFacts>) => warn(recorded).map((w) => w.kind)

test('a meeting less than 2 weeks away with nothing recorded warns about notice; one 14 days away does not yet', () => {
	expect(kinds({ meetingOn: '2026-12-06' })).toEqual(['short_notice'])
	const [warning] = warn({ meetingOn: '2026-12-06' })
	expect(warning!.message).toMatch(/in 13 days/)
	expect(warning!.message).toContain('the invitations have not been recorded as sent, and the advice and information have not been recorded as sent')
	expect(kinds({ meetingOn: '2026-12-07' })).toEqual([])
	expect(warn({ meetingOn: '2026-11-23' })[0]!.message).toMatch(/The meeting is today/)
})

test('invitations and advice recorded at least 2 weeks before the meeting raise no warning, however close the meeting is', () => {
	// The finding of issue 13: scheduled 10 days ahead, both recorded as sent 3 weeks before it, and still warned.
	expect(kinds({ meetingOn: '2026-12-03', invitationsSentOn: '2026-11-12', adviceCirculatedOn: '2026-11-12' })).toEqual([])
	// Only one recorded: the warning names the other.
	const [warning] = warn({ meetingOn: '2026-12-03', invitationsSentOn: '2026-11-12' })
	expect(warning!.message).toContain('the advice and information have not been recorded as sent')
	expect(warning!.message).not.toContain('the invitations')
})

test('invitations recorded late say when they went out, and how close to the meeting', () => {
	const [warning] = warn({ meetingOn: '2026-12-03', invitationsSentOn: '2026-11-23', adviceCirculatedOn: '2026-11-12' })
	expect(warning!.kind).toBe('short_notice')
	expect(warning!.message).toContain('the invitations went out on 23 November 2026, only 10 days before it')
})

test('a meeting already held raises no notice warning, whatever was recorded', () => {
	expect(kinds({ meetingOn: '2026-11-01' })).toEqual([])
	expect(kinds({ meetingOn: '2026-11-22', invitationsSentOn: '2026-11-20' })).toEqual([])
})

test('a meeting booked after the 12-month date warns; on the date itself it does not', () => {
	const later = { invitationsSentOn: '2026-11-23', adviceCirculatedOn: '2026-11-23' }
	expect(kinds({ ...later, meetingOn: '2027-02-01' })).toEqual(['beyond_12_months'])
	expect(warn({ ...later, meetingOn: '2027-02-01' })[0]!.message).toContain('The meeting is booked for 1 February 2027, after 31 January 2027')
	expect(kinds({ ...later, meetingOn: '2027-01-31' })).toEqual([])
})

test('a review held late is not told to hold the meeting as soon as it can: that is history, in the deadline table', () => {
	// Held 37 days after the 12 months ended.
	expect(kinds({ today: '2027-03-20', meetingOn: '2027-03-09' })).toEqual([])
})

test('no meeting booked once the 12 months have passed: book one as soon as you can', () => {
	const [warning] = warn({ today: '2027-02-10' })
	expect(warning).toMatchObject({ kind: 'beyond_12_months' })
	expect(warning!.message).toContain('The review was due by 31 January 2027')
	expect(warning!.message).toContain('Book the meeting as soon as you can')
	expect(kinds({ today: '2027-01-31' })).toEqual([])
})

test('phase transfer (until the plan naming the new school is issued) and Year 9 are flagged', () => {
	const transfer = {
		yearGroup: 9,
		phaseTransfer: 'school' as const,
		meetingOn: '2027-01-10',
		invitationsSentOn: '2026-11-23',
		adviceCirculatedOn: '2026-11-23',
	}
	const warnings = warn(transfer)
	expect(warnings.map((w) => w.kind)).toEqual(['phase_transfer', 'preparation_for_adulthood'])
	expect(warnings[0]!.message).toContain('14 February 2027')
	// The final amended plan issued: the transfer deadline is met, so no longer a warning.
	const issued = { ...transfer, today: '2027-02-01', decision: 'amend' as const, amendmentNoticeSentOn: '2027-01-12', finalIssuedOn: '2027-01-30' }
	expect(kinds(issued)).toEqual(['preparation_for_adulthood'])
	expect(kinds({ meetingOn: '2027-01-10', invitationsSentOn: '2026-11-23', adviceCirculatedOn: '2026-11-23', yearGroup: 8 })).toEqual([])
})
