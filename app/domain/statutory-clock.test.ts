import fc from 'fast-check'
import { expect, test } from 'vitest'
import { expectEachCall } from '#tests/expect-each.ts'
import { ISO_DATE_PATTERN, addDays, compareDates, daysBetween, weekday } from './calendar-date'
import {
	DEFAULT_PERIODS,
	ageOn,
	computeDeadlines,
	nextDeadline,
	nextReviewDueOn,
	phaseTransferDueOn,
	phaseTransferFor,
	ragStatus,
	reviewPeriodStartFor,
	transferYearOn,
	type ClockPeriods,
	type Deadline,
	type DeadlineId,
	type ReviewFacts,
} from './statutory-clock'

// Expected dates below are worked out by hand from the rules, not by calling the code under test.

function find(deadlines: Deadline[], id: DeadlineId): Deadline {
	const deadline = deadlines.find((d) => d.id === id)
	if (!deadline) throw new Error(`No ${id} deadline in [${deadlines.map((d) => d.id).join(', ')}]`)
	return deadline
}

function ids(deadlines: Deadline[]): DeadlineId[] {
	return deadlines.map((d) => d.id)
}

/** The deadlines of a review of a year 5 child born on 10 May 2016 (no under-5 review, no phase transfer due), with these facts. */
const year5 = (facts: Omit<ReviewFacts, 'dateOfBirth' | 'yearGroup'>) => computeDeadlines({ ...facts, dateOfBirth: '2016-05-10', yearGroup: 5 })

const ALL_IDS: DeadlineId[] = [
	'review_due',
	'under5_review',
	'invitations',
	'advice_circulated',
	'review_report',
	'la_decision',
	'amendment_notice',
	'representations',
	'final_plan',
	'phase_transfer',
]

test('DEFAULT_PERIODS are the periods in the law today', () => {
	expect(DEFAULT_PERIODS).toEqual({
		reviewMonths: 12,
		under5ReviewMonths: 6,
		noticeDaysBeforeMeeting: 14,
		adviceDaysBeforeMeeting: 14,
		reportDaysAfterMeeting: 14,
		decisionDaysAfterMeeting: 28,
		representationDays: 15,
		finalPlanDaysAfterNotice: 56,
		dueSoonDays: 7,
		phaseTransferSchool: { month: 2, day: 15 },
		phaseTransferPost16: { month: 3, day: 31 },
	})
	expect(Object.isFrozen(DEFAULT_PERIODS)).toBe(true)
})

test('the first review is due by the last day of the 12 months starting with the day the plan was issued', () => {
	const deadlines = year5({ today: '2026-06-01', planIssuedOn: '2026-03-10' })
	expect(deadlines).toEqual([
		{
			id: 'review_due',
			label: 'Annual review meeting',
			rule: 'The plan must be reviewed in the 12 months starting with the day it was issued, then in the 12 months starting with the previous review, so by the day before the anniversary; issuing an amended plan does not restart this clock.',
			citation: 'Children and Families Act 2014 s.44(1); SEND Code of Practice 9.169',
			dueOn: '2027-03-09',
			state: 'due',
			daysLeft: 281,
			metOn: null,
			daysLate: null,
		},
	])
})

test('later reviews are due by the day before the anniversary of the previous review meeting', () => {
	const deadlines = year5({ today: '2026-06-01', planIssuedOn: '2024-01-15', lastReviewMeetingOn: '2025-11-20' })
	expect(find(deadlines, 'review_due')).toMatchObject({ dueOn: '2026-11-19', state: 'due', daysLeft: 171 })
})

test('an amended plan does not restart the 12-month clock', () => {
	// Plan issued 15 January 2024, reviewed 20 November 2025, amended plan issued 30 January 2026.
	expect(nextReviewDueOn('2024-01-15', '2025-11-20')).toBe('2026-11-19')
	// Even if the amended plan's date is passed as the issue date, the previous review decides.
	expect(nextReviewDueOn('2026-01-30', '2025-11-20')).toBe('2026-11-19')
	// This review's own amended plan does not move its due date either.
	const deadlines = year5({
		today: '2027-01-20',
		planIssuedOn: '2024-01-15',
		lastReviewMeetingOn: '2025-11-20',
		meetingOn: '2026-11-10',
		decision: 'amend',
		decisionOn: '2026-11-24',
		amendmentNoticeSentOn: '2026-11-24',
		finalIssuedOn: '2027-01-12',
	})
	expect(find(deadlines, 'review_due')).toMatchObject({ dueOn: '2026-11-19', state: 'met', metOn: '2026-11-10' })
})

test('12 months from a month end or 29 February: the day before the (clamped) anniversary', () => {
	// s.44(1): "the period of 12 months starting with" the day: 1 March 2026 to 28 February 2027.
	expect(nextReviewDueOn('2026-03-01', null)).toBe('2027-02-28')
	expect(nextReviewDueOn('2024-02-29', null)).toBe('2025-02-27')
	expect(nextReviewDueOn('2027-02-28', null)).toBe('2028-02-27')
	expect(nextReviewDueOn('2027-03-01', null)).toBe('2028-02-29')
	expect(nextReviewDueOn('2026-01-31', undefined)).toBe('2027-01-30')
	expect(nextReviewDueOn('2020-01-01', '2028-02-29')).toBe('2029-02-27')
	expect(nextReviewDueOn('2022-05-01', '2026-08-31')).toBe('2027-08-30')
	expect(nextReviewDueOn('2026-01-01', null)).toBe('2026-12-31')
})

test('a review keeps its own due date: the plan moving on to the next cycle does not change it', () => {
	// Held 64 days late, then closed: the plan now says the last review was this meeting.
	const facts: ReviewFacts = {
		today: '2027-01-20',
		planIssuedOn: '2024-01-15',
		lastReviewMeetingOn: '2026-11-03',
		reviewDueOn: '2026-08-31',
		dateOfBirth: '2016-05-10',
		yearGroup: 5,
		meetingOn: '2026-11-03',
		decision: 'maintain',
		decisionOn: '2026-11-20',
	}
	const reviewDue = find(computeDeadlines(facts), 'review_due')
	expect(reviewDue).toMatchObject({ dueOn: '2026-08-31', state: 'met', metOn: '2026-11-03', daysLate: 64 })
	expect(ragStatus(reviewDue)).toEqual({ colour: 'red', words: 'Done on 3 November 2026, 64 days late' })
	// Without the review's own date the clock would read the plan's, the next cycle's.
	expect(find(computeDeadlines({ ...facts, reviewDueOn: undefined }), 'review_due').dueOn).toBe('2027-11-02')
	// The under-5s review counts from the day the review's 12 months started, not from the plan's last review.
	const under5 = find(computeDeadlines({ ...facts, dateOfBirth: '2022-10-01', yearGroup: 0 }), 'under5_review')
	expect(reviewPeriodStartFor('2026-08-31')).toBe('2025-09-01')
	expect(under5.dueOn).toBe('2026-03-01')
})

test('the review is met on the day of its meeting', () => {
	const deadlines = year5({ today: '2027-03-20', planIssuedOn: '2026-03-10', meetingOn: '2027-03-01' })
	expect(find(deadlines, 'review_due')).toMatchObject({
		dueOn: '2027-03-09',
		state: 'met',
		metOn: '2027-03-01',
		daysLate: null,
		daysLeft: -11,
	})
	expect(ragStatus(find(deadlines, 'review_due'))).toEqual({ colour: 'green', words: 'Met on 1 March 2027' })
})

test('a review meeting held after the due date is met late, and shown red', () => {
	const deadlines = year5({ today: '2027-03-20', planIssuedOn: '2026-03-10', meetingOn: '2027-03-15' })
	expect(find(deadlines, 'review_due')).toMatchObject({ state: 'met', metOn: '2027-03-15', daysLate: 6 })
	expect(ragStatus(find(deadlines, 'review_due'))).toEqual({
		colour: 'red',
		words: 'Done on 15 March 2027, 6 days late',
	})
})

test('a review with no meeting by the due date is missed', () => {
	const deadlines = year5({ today: '2027-03-20', planIssuedOn: '2026-03-10' })
	expect(find(deadlines, 'review_due')).toMatchObject({
		state: 'missed',
		daysLeft: -11,
		daysLate: 11,
		metOn: null,
	})
	expect(ragStatus(find(deadlines, 'review_due'))).toEqual({ colour: 'red', words: 'Overdue by 11 days' })
})

test('a meeting booked after the due date does not meet it', () => {
	const deadlines = year5({ today: '2027-03-20', planIssuedOn: '2026-03-10', meetingOn: '2027-03-25' })
	expect(find(deadlines, 'review_due')).toMatchObject({ state: 'missed', metOn: null, daysLate: 11 })
	expect(find(deadlines, 'invitations')).toMatchObject({ dueOn: '2027-03-11', state: 'missed', daysLate: 9 })
})

test('due, due soon, due tomorrow, due today and overdue by one day', () => {
	const facts = { planIssuedOn: '2026-03-10', dateOfBirth: '2016-05-10', yearGroup: 5 }
	const on = (today: string) => find(computeDeadlines({ ...facts, today }), 'review_due')

	// Plan issued 10 March 2026: the last day is 9 March 2027.
	expect(on('2027-03-01')).toMatchObject({ state: 'due', daysLeft: 8 })
	expect(ragStatus(on('2027-03-01'))).toEqual({ colour: 'green', words: 'Due in 8 days' })
	expect(on('2027-03-02')).toMatchObject({ state: 'due_soon', daysLeft: 7 })
	expect(ragStatus(on('2027-03-02'))).toEqual({ colour: 'amber', words: 'Due in 7 days' })
	expect(ragStatus(on('2027-03-08'))).toEqual({ colour: 'amber', words: 'Due tomorrow' })
	expect(on('2027-03-09')).toMatchObject({ state: 'due_soon', daysLeft: 0, daysLate: null })
	expect(ragStatus(on('2027-03-09'))).toEqual({ colour: 'amber', words: 'Due today' })
	expect(on('2027-03-10')).toMatchObject({ state: 'missed', daysLeft: -1, daysLate: 1 })
	expect(ragStatus(on('2027-03-10'))).toEqual({ colour: 'red', words: 'Overdue by 1 day' })
})

test('with a meeting booked, the clocks before it run and those after it have not started', () => {
	const deadlines = year5({ today: '2027-03-01', planIssuedOn: '2026-04-01', meetingOn: '2027-03-20' })
	expect(ids(deadlines)).toEqual(['review_due', 'invitations', 'advice_circulated', 'review_report', 'la_decision'])
	expect(find(deadlines, 'review_due')).toMatchObject({ dueOn: '2027-03-31', state: 'due', daysLeft: 30 })
	expect(find(deadlines, 'invitations')).toMatchObject({ dueOn: '2027-03-06', state: 'due_soon', daysLeft: 5 })
	expect(find(deadlines, 'advice_circulated')).toMatchObject({ dueOn: '2027-03-06', state: 'due_soon' })
	expect(find(deadlines, 'review_report')).toMatchObject({
		dueOn: '2027-04-03',
		state: 'not_started',
		daysLeft: 33,
		metOn: null,
		daysLate: null,
	})
	expect(find(deadlines, 'la_decision')).toMatchObject({ dueOn: '2027-04-17', state: 'not_started', daysLeft: 47 })
	expect(ragStatus(find(deadlines, 'review_report'))).toEqual({
		colour: 'green',
		words: 'Starts at the meeting; due 3 April 2027',
	})
})

test('without a meeting date the meeting clocks are left out', () => {
	const deadlines = year5({ today: '2027-03-01', planIssuedOn: '2026-04-01', meetingOn: null, invitationsSentOn: '2027-02-01', decision: 'amend' })
	expect(ids(deadlines)).toEqual(['review_due'])
})

test('a recorded date still in the future has not happened yet', () => {
	const deadlines = year5({
		today: '2027-03-01',
		planIssuedOn: '2026-04-01',
		meetingOn: '2027-03-20',
		invitationsSentOn: '2027-03-02',
		adviceCirculatedOn: '2027-03-01',
	})
	expect(find(deadlines, 'invitations')).toMatchObject({ state: 'due_soon', metOn: null })
	expect(find(deadlines, 'advice_circulated')).toMatchObject({ state: 'met', metOn: '2027-03-01' })
	expect(find(deadlines, 'review_due')).toMatchObject({ state: 'due', metOn: null })
})

test('a meeting on a Saturday starts the same calendar-day clocks, landing on Saturdays', () => {
	const deadlines = year5({
		today: '2027-03-06',
		planIssuedOn: '2026-04-01',
		meetingOn: '2027-03-06',
		invitationsSentOn: '2027-02-19',
		adviceCirculatedOn: '2027-02-22',
	})
	expect(weekday('2027-03-06')).toBe('Saturday')
	expect(find(deadlines, 'review_due')).toMatchObject({ state: 'met', metOn: '2027-03-06' })
	expect(find(deadlines, 'invitations')).toMatchObject({ dueOn: '2027-02-20', state: 'met', daysLate: null })
	expect(find(deadlines, 'advice_circulated')).toMatchObject({ dueOn: '2027-02-20', state: 'met', daysLate: 2 })
	expect(find(deadlines, 'review_report')).toMatchObject({ dueOn: '2027-03-20', state: 'due', daysLeft: 14 })
	expect(find(deadlines, 'la_decision')).toMatchObject({ dueOn: '2027-04-03', state: 'due', daysLeft: 28 })
	expect(weekday('2027-03-20')).toBe('Saturday')
	expect(weekday('2027-04-03')).toBe('Saturday')
})

test('clocks running over the change to British Summer Time (29 March 2026)', () => {
	const deadlines = computeDeadlines({
		today: '2026-03-28',
		planIssuedOn: '2025-04-01',
		dateOfBirth: '2016-05-10',
		yearGroup: 4,
		meetingOn: '2026-03-20',
		invitationsSentOn: '2026-03-05',
		adviceCirculatedOn: '2026-03-06',
	})
	expect(find(deadlines, 'review_due')).toMatchObject({ dueOn: '2026-03-31', state: 'met', metOn: '2026-03-20' })
	expect(find(deadlines, 'invitations')).toMatchObject({ dueOn: '2026-03-06', state: 'met', daysLate: null })
	expect(find(deadlines, 'advice_circulated')).toMatchObject({ dueOn: '2026-03-06', state: 'met', daysLate: null })
	expect(find(deadlines, 'review_report')).toMatchObject({ dueOn: '2026-04-03', state: 'due_soon', daysLeft: 6 })
	expect(find(deadlines, 'la_decision')).toMatchObject({ dueOn: '2026-04-17', state: 'due', daysLeft: 20 })
})

test('clocks running over the change back to GMT (25 October 2026)', () => {
	const deadlines = year5({ today: '2026-10-30', planIssuedOn: '2025-11-01', meetingOn: '2026-10-14' })
	expect(find(deadlines, 'invitations')).toMatchObject({ dueOn: '2026-09-30', state: 'missed', daysLate: 30 })
	expect(find(deadlines, 'review_report')).toMatchObject({ dueOn: '2026-10-28', state: 'missed', daysLate: 2 })
	expect(find(deadlines, 'la_decision')).toMatchObject({ dueOn: '2026-11-11', state: 'due', daysLeft: 12 })
	// The invitations can no longer be sent, so the report is what needs doing next.
	expect(nextDeadline(deadlines)?.id).toBe('review_report')
})

test('the report is met when it arrives; a decision after 4 weeks is missed', () => {
	const deadlines = year5({ today: '2027-04-05', planIssuedOn: '2026-03-15', meetingOn: '2027-03-01', reportReceivedOn: '2027-03-12' })
	expect(find(deadlines, 'review_report')).toMatchObject({ dueOn: '2027-03-15', state: 'met', metOn: '2027-03-12' })
	expect(find(deadlines, 'la_decision')).toMatchObject({
		label: 'Council decision',
		citation: 'SEND Regulations 2014 reg 20(10); SEND Code of Practice 9.176',
		dueOn: '2027-03-29',
		state: 'missed',
		daysLate: 7,
	})
	expect(ragStatus(find(deadlines, 'la_decision'))).toEqual({ colour: 'red', words: 'Overdue by 7 days' })
	expect(nextDeadline(deadlines)?.id).toBe('la_decision')
})

test('a decision to maintain has no amendment notice, representations or final plan', () => {
	const deadlines = year5({ today: '2027-04-05', planIssuedOn: '2026-03-15', meetingOn: '2027-03-01', decision: 'maintain', decisionOn: '2027-03-26' })
	expect(find(deadlines, 'la_decision')).toMatchObject({ state: 'met', metOn: '2027-03-26', daysLate: null })
	expect(ids(deadlines)).toEqual(['review_due', 'invitations', 'advice_circulated', 'review_report', 'la_decision'])
})

test('an amend decision brings the amendment notice, due 4 weeks after the meeting', () => {
	const deadlines = year5({ today: '2027-03-25', planIssuedOn: '2026-03-15', meetingOn: '2027-03-01', decision: 'amend', decisionOn: '2027-03-20' })
	expect(find(deadlines, 'amendment_notice')).toMatchObject({
		dueOn: '2027-03-29',
		state: 'due_soon',
		daysLeft: 4,
		citation: 'SEND Regulations 2014 reg 22(2); R (L, M & P) v Devon CC [2022] EWHC 493 (Admin)',
	})
	expect(ids(deadlines)).not.toContain('representations')
	expect(ids(deadlines)).not.toContain('final_plan')
})

test('an amendment notice sent after 4 weeks is met late', () => {
	const deadlines = year5({
		today: '2027-04-05',
		planIssuedOn: '2026-03-15',
		meetingOn: '2027-03-01',
		decision: 'amend',
		decisionOn: '2027-03-20',
		amendmentNoticeSentOn: '2027-04-02',
	})
	expect(find(deadlines, 'amendment_notice')).toMatchObject({ state: 'met', metOn: '2027-04-02', daysLate: 4 })
})

test('representations: 15 days counting the day of service as day 1', () => {
	const facts = {
		planIssuedOn: '2026-03-15',
		dateOfBirth: '2016-05-10',
		yearGroup: 5,
		meetingOn: '2027-02-15',
		decision: 'amend' as const,
		decisionOn: '2027-03-01',
		amendmentNoticeSentOn: '2027-03-01',
	}
	const open = find(computeDeadlines({ ...facts, today: '2027-03-10' }), 'representations')
	expect(open).toMatchObject({
		dueOn: '2027-03-15',
		state: 'due_soon',
		daysLeft: 5,
		citation: 'SEND Regulations 2014 reg 22(2)(c)',
	})
	expect(ragStatus(open)).toEqual({ colour: 'amber', words: 'Closes in 5 days' })

	const lastDay = find(computeDeadlines({ ...facts, today: '2027-03-15' }), 'representations')
	expect(lastDay).toMatchObject({ state: 'due_soon', daysLeft: 0, metOn: null })
	expect(ragStatus(lastDay)).toEqual({ colour: 'amber', words: 'Closes today' })

	const closed = find(computeDeadlines({ ...facts, today: '2027-03-16' }), 'representations')
	expect(closed).toMatchObject({ state: 'met', metOn: '2027-03-15', daysLate: null })
	expect(ragStatus(closed)).toEqual({ colour: 'green', words: 'Closed on 15 March 2027' })
})

test('representations over the end of February, leap and common years', () => {
	const facts = { planIssuedOn: '2026-03-15', dateOfBirth: '2016-05-10', yearGroup: 5 }
	const common = computeDeadlines({ ...facts, today: '2027-02-20', amendmentNoticeSentOn: '2027-02-20' })
	expect(find(common, 'representations')).toMatchObject({ dueOn: '2027-03-06', daysLeft: 14, state: 'due' })
	const leap = computeDeadlines({ ...facts, today: '2028-02-20', amendmentNoticeSentOn: '2028-02-20' })
	expect(find(leap, 'representations')).toMatchObject({ dueOn: '2028-03-05', daysLeft: 14 })
	const overClockChange = computeDeadlines({ ...facts, today: '2026-10-20', amendmentNoticeSentOn: '2026-10-20' })
	expect(find(overClockChange, 'representations').dueOn).toBe('2026-11-03')
})

test('the final amended plan is due 8 weeks after the amendment notice', () => {
	const facts = {
		planIssuedOn: '2026-03-15',
		dateOfBirth: '2016-05-10',
		yearGroup: 5,
		meetingOn: '2027-02-15',
		decision: 'amend' as const,
		amendmentNoticeSentOn: '2027-03-01',
	}
	expect(find(computeDeadlines({ ...facts, today: '2027-03-10' }), 'final_plan')).toMatchObject({
		dueOn: '2027-04-26',
		state: 'due',
		daysLeft: 47,
		citation: 'SEND Regulations 2014 reg 22(3)-(4)',
	})
	expect(find(computeDeadlines({ ...facts, today: '2027-04-21', finalIssuedOn: '2027-04-20' }), 'final_plan')).toMatchObject({
		state: 'met',
		metOn: '2027-04-20',
		daysLate: null,
	})

	const late = find(computeDeadlines({ ...facts, today: '2027-05-04', finalIssuedOn: '2027-05-03' }), 'final_plan')
	expect(late).toMatchObject({ state: 'met', metOn: '2027-05-03', daysLate: 7 })
	expect(ragStatus(late)).toEqual({ colour: 'red', words: 'Done on 3 May 2027, 7 days late' })

	expect(find(computeDeadlines({ ...facts, today: '2027-05-03' }), 'final_plan')).toMatchObject({
		state: 'missed',
		daysLate: 7,
	})
})

test('a notice sent on the last day of the 4 weeks puts the final plan 12 weeks after the meeting', () => {
	const deadlines = year5({
		today: '2027-04-01',
		planIssuedOn: '2026-03-15',
		meetingOn: '2027-03-01',
		decision: 'amend',
		decisionOn: '2027-03-29',
		amendmentNoticeSentOn: '2027-03-29',
	})
	expect(find(deadlines, 'amendment_notice')).toMatchObject({ dueOn: '2027-03-29', state: 'met', daysLate: null })
	expect(find(deadlines, 'final_plan').dueOn).toBe('2027-05-24')
	expect(daysBetween('2027-03-01', '2027-05-24')).toBe(84)
})

test('phase transfer, Year 6 to Year 7: plan finalised before 15 February of the year of the move, so by 14 February', () => {
	const facts = { planIssuedOn: '2026-03-15', dateOfBirth: '2015-12-01', yearGroup: 6 }
	const autumn = find(computeDeadlines({ ...facts, today: '2026-10-01' }), 'phase_transfer')
	expect(autumn).toMatchObject({
		label: 'Plan naming the new school',
		citation: 'SEND Regulations 2014 reg 18(1)-(2); reg 2(1) (transfer between phases of education)',
		dueOn: '2027-02-14',
		state: 'due',
		daysLeft: 136,
	})
	expect(autumn.rule).toContain('before 15 February of the calendar year of the move, so by 14 February')
	// The academic year starts on 1 September and ends on 31 August.
	expect(find(computeDeadlines({ ...facts, today: '2026-09-01' }), 'phase_transfer').dueOn).toBe('2027-02-14')
	expect(find(computeDeadlines({ ...facts, today: '2027-08-31' }), 'phase_transfer')).toMatchObject({
		dueOn: '2027-02-14',
		state: 'missed',
		daysLate: 198,
	})
	expect(find(computeDeadlines({ ...facts, today: '2026-08-31' }), 'phase_transfer').dueOn).toBe('2026-02-14')
	expect(phaseTransferDueOn(2028, 'school')).toBe('2028-02-14')
	expect(phaseTransferDueOn(2028, 'post16')).toBe('2028-03-30')
})

test('phase transfer, Year 11 to post-16: plan finalised before 31 March, so by 30 March', () => {
	const deadlines = computeDeadlines({
		today: '2026-11-15',
		planIssuedOn: '2026-03-15',
		dateOfBirth: '2011-01-20',
		yearGroup: 11,
	})
	const transfer = find(deadlines, 'phase_transfer')
	expect(transfer).toMatchObject({ dueOn: '2027-03-30', state: 'due', daysLeft: 135 })
	expect(transfer.rule).toContain('post-16 institution')
	expect(transfer.rule).toContain('before 31 March of the calendar year of the move, so by 30 March')
})

test('phase transfer is worked out from the year group unless the caller says', () => {
	const facts = { today: '2026-10-01', planIssuedOn: '2026-03-15', dateOfBirth: '2016-05-10' }
	const transferOn = (extra: Pick<ReviewFacts, 'yearGroup' | 'phaseTransfer'>) =>
		computeDeadlines({ ...facts, ...extra }).find((d) => d.id === 'phase_transfer')?.dueOn ?? null

	expect(transferOn({ yearGroup: -1 })).toBe('2027-02-14') // nursery to Reception
	expect(transferOn({ yearGroup: 6 })).toBe('2027-02-14')
	expect(transferOn({ yearGroup: 11 })).toBe('2027-03-30')
	expect(transferOn({ yearGroup: -2 })).toBeNull()
	expect(transferOn({ yearGroup: 0 })).toBeNull()
	expect(transferOn({ yearGroup: 2 })).toBeNull() // infant to junior depends on the school
	expect(transferOn({ yearGroup: 5 })).toBeNull()
	expect(transferOn({ yearGroup: 7 })).toBeNull()
	expect(transferOn({ yearGroup: 10 })).toBeNull()
	expect(transferOn({ yearGroup: 12 })).toBeNull()
	expect(transferOn({ yearGroup: null })).toBeNull()
	expect(transferOn({ yearGroup: 2, phaseTransfer: 'school' })).toBe('2027-02-14')
	expect(transferOn({ yearGroup: 6, phaseTransfer: null })).toBeNull()
	expect(transferOn({ yearGroup: 6, phaseTransfer: 'post16' })).toBe('2027-03-30')
	expect(phaseTransferFor({ yearGroup: 11 })).toBe('post16')
	expect(transferYearOn('2026-08-31')).toBe(2026)
	expect(transferYearOn('2026-09-01')).toBe(2027)
})

test('phase transfer is met by a final amended plan issued in the year before the move', () => {
	const facts = {
		planIssuedOn: '2025-11-01',
		dateOfBirth: '2015-12-01',
		yearGroup: 6,
		meetingOn: '2026-10-05',
		decision: 'amend' as const,
		decisionOn: '2026-10-30',
		amendmentNoticeSentOn: '2026-10-30',
	}
	expect(find(computeDeadlines({ ...facts, today: '2027-02-01', finalIssuedOn: '2027-01-29' }), 'phase_transfer')).toMatchObject({
		state: 'met',
		metOn: '2027-01-29',
		daysLate: null,
	})
	expect(find(computeDeadlines({ ...facts, today: '2027-03-01', finalIssuedOn: '2027-02-20' }), 'phase_transfer')).toMatchObject({
		state: 'met',
		metOn: '2027-02-20',
		daysLate: 6,
	})
	// Issued on 15 February itself: a day late under reg 18(1)'s "before 15 February".
	expect(find(computeDeadlines({ ...facts, today: '2027-03-01', finalIssuedOn: '2027-02-15' }), 'phase_transfer')).toMatchObject({
		state: 'met',
		metOn: '2027-02-15',
		daysLate: 1,
	})
	expect(find(computeDeadlines({ ...facts, today: '2027-03-01', finalIssuedOn: '2027-02-14' }), 'phase_transfer')).toMatchObject({
		state: 'met',
		metOn: '2027-02-14',
		daysLate: null,
	})
})

test('phase transfer is not met by a decision not to amend, nor by a plan from before the transfer year', () => {
	const notAmended = computeDeadlines({
		today: '2026-12-01',
		planIssuedOn: '2025-11-01',
		dateOfBirth: '2015-12-01',
		yearGroup: 6,
		meetingOn: '2026-10-05',
		decision: 'maintain',
		decisionOn: '2026-10-30',
		finalIssuedOn: '2026-11-10',
	})
	expect(find(notAmended, 'phase_transfer')).toMatchObject({ state: 'due', metOn: null })

	const lastYearsPlan = computeDeadlines({
		today: '2026-10-01',
		planIssuedOn: '2025-07-01',
		dateOfBirth: '2015-12-01',
		yearGroup: 6,
		meetingOn: '2026-06-10',
		decision: 'amend',
		decisionOn: '2026-07-01',
		amendmentNoticeSentOn: '2026-07-01',
		finalIssuedOn: '2026-08-20',
	})
	expect(find(lastYearsPlan, 'phase_transfer')).toMatchObject({ dueOn: '2027-02-14', state: 'due', metOn: null })
	expect(find(lastYearsPlan, 'final_plan')).toMatchObject({ state: 'met', metOn: '2026-08-20' })
})

test('under-5s: an advisory review 6 months after the plan', () => {
	const deadlines = computeDeadlines({
		today: '2026-09-01',
		planIssuedOn: '2026-05-20',
		dateOfBirth: '2023-04-10',
		yearGroup: null,
	})
	expect(ids(deadlines)).toEqual(['review_due', 'under5_review'])
	expect(find(deadlines, 'under5_review')).toMatchObject({
		label: 'Early years review (advisory)',
		citation: 'SEND Code of Practice 9.178',
		dueOn: '2026-11-20',
		state: 'due',
		daysLeft: 80,
	})
	expect(find(deadlines, 'under5_review').rule).toContain('should consider')
	expect(find(deadlines, 'review_due').dueOn).toBe('2027-05-19')
})

test('under-5s: 6 months after the last review, clamped at the end of February', () => {
	const deadlines = computeDeadlines({
		today: '2026-09-01',
		planIssuedOn: '2025-05-20',
		lastReviewMeetingOn: '2026-08-31',
		dateOfBirth: '2023-04-10',
		yearGroup: null,
	})
	expect(find(deadlines, 'under5_review').dueOn).toBe('2027-02-28')
	expect(find(deadlines, 'review_due').dueOn).toBe('2027-08-30')
})

test('under-5s: met by an early meeting, missed while the annual review is still due', () => {
	const facts = { planIssuedOn: '2026-05-20', dateOfBirth: '2023-04-10', yearGroup: null }
	const met = computeDeadlines({ ...facts, today: '2026-10-01', meetingOn: '2026-09-15' })
	expect(find(met, 'under5_review')).toMatchObject({ state: 'met', metOn: '2026-09-15' })
	expect(find(met, 'review_due')).toMatchObject({ state: 'met', metOn: '2026-09-15' })

	const missed = computeDeadlines({ ...facts, today: '2026-12-01' })
	expect(find(missed, 'under5_review')).toMatchObject({ state: 'missed', daysLate: 11 })
	expect(find(missed, 'review_due')).toMatchObject({ state: 'due' })
	expect(nextDeadline(missed)?.id).toBe('under5_review')
})

test('under-5s: shown until the fifth birthday, and a 29 February birthday counts from 1 March', () => {
	const facts = { planIssuedOn: '2027-05-20', yearGroup: null }
	expect(ids(computeDeadlines({ ...facts, dateOfBirth: '2023-04-10', today: '2028-04-09' }))).toContain('under5_review')
	expect(ids(computeDeadlines({ ...facts, dateOfBirth: '2023-04-10', today: '2028-04-10' }))).not.toContain('under5_review')
	expect(ids(computeDeadlines({ ...facts, dateOfBirth: '2024-02-29', today: '2029-02-28' }))).toContain('under5_review')
	expect(ids(computeDeadlines({ ...facts, dateOfBirth: '2024-02-29', today: '2029-03-01' }))).not.toContain('under5_review')
})

test('ageOn counts whole years', () => {
	expectEachCall(ageOn, [
		[['2015-12-01', '2026-11-30'], 10],
		[['2015-12-01', '2026-12-01'], 11],
		[['2020-01-01', '2020-01-01'], 0],
		[['2024-02-29', '2028-02-28'], 3],
		[['2024-02-29', '2028-02-29'], 4],
		[['2024-02-29', '2029-02-28'], 4],
		[['2024-02-29', '2029-03-01'], 5],
	])
})

test('every deadline of a full review, in the order the review runs, with its citation', () => {
	const deadlines = computeDeadlines({
		today: '2026-12-01',
		planIssuedOn: '2025-12-10',
		dateOfBirth: '2022-10-01',
		yearGroup: -1,
		meetingOn: '2026-10-20',
		invitationsSentOn: '2026-10-01',
		adviceCirculatedOn: '2026-10-06',
		reportReceivedOn: '2026-10-30',
		decision: 'amend',
		decisionOn: '2026-11-10',
		amendmentNoticeSentOn: '2026-11-10',
	})
	expect(ids(deadlines)).toEqual(ALL_IDS)
	expect(Object.fromEntries(deadlines.map((d) => [d.id, d.citation]))).toEqual({
		review_due: 'Children and Families Act 2014 s.44(1); SEND Code of Practice 9.169',
		under5_review: 'SEND Code of Practice 9.178',
		invitations: 'SEND Regulations 2014 reg 20(3)',
		advice_circulated: 'SEND Regulations 2014 reg 20(4)',
		review_report: 'SEND Regulations 2014 reg 20(7)-(8); SEND Code of Practice 9.176',
		la_decision: 'SEND Regulations 2014 reg 20(10); SEND Code of Practice 9.176',
		amendment_notice: 'SEND Regulations 2014 reg 22(2); R (L, M & P) v Devon CC [2022] EWHC 493 (Admin)',
		representations: 'SEND Regulations 2014 reg 22(2)(c)',
		final_plan: 'SEND Regulations 2014 reg 22(3)-(4)',
		phase_transfer: 'SEND Regulations 2014 reg 18(1)-(2); reg 2(1) (transfer between phases of education)',
	})
	expect(Object.fromEntries(deadlines.map((d) => [d.id, [d.dueOn, d.state]]))).toEqual({
		review_due: ['2026-12-09', 'met'],
		under5_review: ['2026-06-10', 'met'],
		invitations: ['2026-10-06', 'met'],
		advice_circulated: ['2026-10-06', 'met'],
		review_report: ['2026-11-03', 'met'],
		la_decision: ['2026-11-17', 'met'],
		amendment_notice: ['2026-11-17', 'met'],
		representations: ['2026-11-24', 'met'],
		final_plan: ['2027-01-05', 'due'],
		phase_transfer: ['2027-02-14', 'due'],
	})
	expect(find(deadlines, 'under5_review').daysLate).toBe(132)
	for (const deadline of deadlines) {
		expect(deadline.label).not.toBe('')
		expect(deadline.rule).toMatch(/^[A-Z].*\.$/)
	}
	expect(nextDeadline(deadlines)?.id).toBe('final_plan')
})

test('periods can be configured, and the rules say the configured periods', () => {
	const periods: ClockPeriods = {
		...DEFAULT_PERIODS,
		reviewMonths: 6,
		noticeDaysBeforeMeeting: 21,
		reportDaysAfterMeeting: 10,
		decisionDaysAfterMeeting: 20,
		representationDays: 10,
		finalPlanDaysAfterNotice: 42,
		dueSoonDays: 3,
		phaseTransferSchool: { month: 1, day: 31 },
	}
	const facts: ReviewFacts = {
		today: '2026-09-16',
		planIssuedOn: '2026-03-10',
		dateOfBirth: '2015-12-01',
		yearGroup: 6,
		meetingOn: '2026-09-01',
		decision: 'amend',
		amendmentNoticeSentOn: '2026-09-15',
	}
	const deadlines = computeDeadlines(facts, periods)
	expect(Object.fromEntries(deadlines.map((d) => [d.id, [d.dueOn, d.state]]))).toEqual({
		review_due: ['2026-09-09', 'met'],
		invitations: ['2026-08-11', 'missed'],
		advice_circulated: ['2026-08-18', 'missed'],
		review_report: ['2026-09-11', 'missed'],
		la_decision: ['2026-09-21', 'due'],
		amendment_notice: ['2026-09-21', 'met'],
		representations: ['2026-09-24', 'due'],
		final_plan: ['2026-10-27', 'due'],
		phase_transfer: ['2027-01-30', 'due'],
	})
	expect(find(deadlines, 'la_decision').rule).toContain('within 20 days of the meeting')
	expect(find(deadlines, 'final_plan').rule).toContain('within 6 weeks of the amendment notice')
	expect(find(deadlines, 'representations').rule).toContain('at least 10 days')
	expect(find(deadlines, 'phase_transfer').rule).toContain('before 31 January of the calendar year of the move, so by 30 January')
	// The same review on the default periods.
	const byDefault = computeDeadlines(facts)
	expect(find(byDefault, 'review_due')).toMatchObject({ dueOn: '2027-03-09', state: 'met' })
	expect(find(byDefault, 'la_decision')).toMatchObject({ dueOn: '2026-09-29', state: 'due' })
	expect(find(byDefault, 'la_decision').rule).toContain('within 4 weeks of the meeting')
	expect(find(byDefault, 'representations').dueOn).toBe('2026-09-29')
	expect(find(byDefault, 'final_plan').dueOn).toBe('2026-11-10')
	expect(find(byDefault, 'phase_transfer').dueOn).toBe('2027-02-14')
})

test('a configured phase transfer day is the day the plan must come before; past the end of February it stands for the end', () => {
	const periods: ClockPeriods = { ...DEFAULT_PERIODS, phaseTransferSchool: { month: 2, day: 30 } }
	const facts = { planIssuedOn: '2026-03-15', dateOfBirth: '2015-12-01', yearGroup: 6 }
	expect(find(computeDeadlines({ ...facts, today: '2026-10-01' }, periods), 'phase_transfer').dueOn).toBe('2027-02-28')
	expect(find(computeDeadlines({ ...facts, today: '2027-10-01' }, periods), 'phase_transfer').dueOn).toBe('2028-02-29')
	const firstOfMarch: ClockPeriods = { ...DEFAULT_PERIODS, phaseTransferSchool: { month: 3, day: 1 } }
	const before1March = find(computeDeadlines({ ...facts, today: '2027-10-01' }, firstOfMarch), 'phase_transfer')
	expect(before1March.dueOn).toBe('2028-02-29')
	expect(before1March.rule).toContain('before 1 March of the calendar year of the move, so by the last day of February')
})

test('malformed dates are refused', () => {
	const facts = { planIssuedOn: '2026-03-15', dateOfBirth: '2015-12-01', yearGroup: 5 }
	expect(() => computeDeadlines({ ...facts, today: '2027-02-29' })).toThrow(RangeError)
	expect(() => computeDeadlines({ ...facts, today: '2027-02-01', meetingOn: '2027-13-01' })).toThrow(RangeError)
	expect(() => computeDeadlines({ ...facts, today: '2027-02-01', planIssuedOn: '1/3/2026' })).toThrow(RangeError)
})

test('nextDeadline: nothing open gives null', () => {
	expect(nextDeadline([])).toBeNull()
	const allMet = year5({
		today: '2027-04-10',
		planIssuedOn: '2026-03-10',
		meetingOn: '2027-03-01',
		invitationsSentOn: '2027-02-10',
		adviceCirculatedOn: '2027-02-12',
		reportReceivedOn: '2027-03-10',
		decision: 'maintain',
		decisionOn: '2027-03-20',
	})
	expect(allMet.map((d) => d.state)).toEqual(['met', 'met', 'met', 'met', 'met'])
	expect(nextDeadline(allMet)).toBeNull()
})

test('nextDeadline: the earliest open deadline, ties in the order the review runs', () => {
	const beforeTheMeeting = year5({ today: '2027-03-01', planIssuedOn: '2026-04-01', meetingOn: '2027-03-20' })
	expect(nextDeadline(beforeTheMeeting)).toMatchObject({ id: 'invitations', dueOn: '2027-03-06' })

	const waitingForTheMeeting = year5({
		today: '2027-03-10',
		planIssuedOn: '2026-12-01',
		meetingOn: '2027-03-20',
		invitationsSentOn: '2027-03-01',
		adviceCirculatedOn: '2027-03-05',
	})
	expect(nextDeadline(waitingForTheMeeting)).toMatchObject({ id: 'review_report', state: 'not_started' })
})

test('nextDeadline: missed invitations still count until the meeting is held', () => {
	const facts = {
		planIssuedOn: '2026-04-01',
		dateOfBirth: '2016-05-10',
		yearGroup: 5,
		meetingOn: '2027-03-20',
		adviceCirculatedOn: '2027-03-01',
	}
	expect(nextDeadline(computeDeadlines({ ...facts, today: '2027-03-10' }))).toMatchObject({
		id: 'invitations',
		state: 'missed',
		daysLate: 4,
	})
	expect(nextDeadline(computeDeadlines({ ...facts, today: '2027-03-21' }))).toMatchObject({
		id: 'review_report',
		dueOn: '2027-04-03',
	})
})

test('ragStatus words for each state', () => {
	const base: Deadline = {
		id: 'la_decision',
		label: 'Council decision',
		rule: 'Rule.',
		citation: 'Citation',
		dueOn: '2027-03-03',
		state: 'due',
		daysLeft: 20,
		metOn: null,
		daysLate: null,
	}
	expect(ragStatus(base)).toEqual({ colour: 'green', words: 'Due in 20 days' })
	expect(ragStatus({ ...base, state: 'due_soon', daysLeft: 5 })).toEqual({ colour: 'amber', words: 'Due in 5 days' })
	expect(ragStatus({ ...base, state: 'due_soon', daysLeft: 0 })).toEqual({ colour: 'amber', words: 'Due today' })
	expect(ragStatus({ ...base, state: 'missed', daysLeft: -3, daysLate: 3 })).toEqual({
		colour: 'red',
		words: 'Overdue by 3 days',
	})
	expect(ragStatus({ ...base, state: 'met', metOn: '2027-03-03' })).toEqual({
		colour: 'green',
		words: 'Met on 3 March 2027',
	})
	// Met after the date: the deadline was missed, so red.
	expect(ragStatus({ ...base, state: 'met', metOn: '2027-03-04', daysLate: 1 })).toEqual({
		colour: 'red',
		words: 'Done on 4 March 2027, 1 day late',
	})
	expect(ragStatus({ ...base, state: 'not_started' })).toEqual({
		colour: 'green',
		words: 'Starts at the meeting; due 3 March 2027',
	})
})

// Random but well-formed reviews for the properties below.
const MS_PER_DAY = 86_400_000
const reviewFacts = fc
	.record({
		todayNumber: fc.integer({ min: Date.UTC(2000, 0, 1) / MS_PER_DAY, max: Date.UTC(2099, 11, 31) / MS_PER_DAY }),
		planAgo: fc.integer({ min: 0, max: 900 }),
		lastReviewAgo: fc.option(fc.integer({ min: 0, max: 500 })),
		ageInDays: fc.integer({ min: 200, max: 9000 }),
		yearGroup: fc.option(fc.integer({ min: -2, max: 14 })),
		phaseTransfer: fc.constantFrom<ReviewFacts['phaseTransfer']>(undefined, null, 'school', 'post16'),
		meetingOffset: fc.option(fc.integer({ min: -120, max: 60 })),
		invitations: fc.option(fc.integer({ min: -40, max: 5 })),
		advice: fc.option(fc.integer({ min: -40, max: 5 })),
		report: fc.option(fc.integer({ min: 0, max: 40 })),
		decisionAfter: fc.option(fc.integer({ min: 0, max: 60 })),
		decision: fc.constantFrom<ReviewFacts['decision']>(undefined, null, 'maintain', 'amend', 'cease'),
		noticeAfter: fc.option(fc.integer({ min: 0, max: 60 })),
		finalAfter: fc.option(fc.integer({ min: 0, max: 90 })),
	})
	.map((r): ReviewFacts => {
		const today = new Date(r.todayNumber * MS_PER_DAY).toISOString().slice(0, 10)
		const meetingOn = r.meetingOffset === null ? null : addDays(today, r.meetingOffset)
		const after = (date: string | null, days: number | null) => (date === null || days === null ? null : addDays(date, days))
		const noticeOn = after(meetingOn, r.noticeAfter)
		return {
			today,
			planIssuedOn: addDays(today, -r.planAgo),
			lastReviewMeetingOn: r.lastReviewAgo === null ? null : addDays(today, -r.lastReviewAgo),
			dateOfBirth: addDays(today, -r.ageInDays),
			yearGroup: r.yearGroup,
			phaseTransfer: r.phaseTransfer,
			meetingOn,
			invitationsSentOn: after(meetingOn, r.invitations),
			adviceCirculatedOn: after(meetingOn, r.advice),
			reportReceivedOn: after(meetingOn, r.report),
			decisionOn: after(meetingOn, r.decisionAfter),
			decision: r.decision,
			amendmentNoticeSentOn: noticeOn,
			finalIssuedOn: after(noticeOn, r.finalAfter),
		}
	})

test('property: every deadline is a well-formed, self-consistent date', () => {
	fc.assert(
		fc.property(reviewFacts, (facts) => {
			const deadlines = computeDeadlines(facts)
			expect(ids(deadlines)).toEqual(ALL_IDS.filter((id) => ids(deadlines).includes(id)))
			for (const d of deadlines) {
				expect(d.dueOn).toMatch(ISO_DATE_PATTERN)
				expect(d.daysLeft).toBe(daysBetween(facts.today, d.dueOn))
				if (d.metOn !== null) {
					expect(d.metOn).toMatch(ISO_DATE_PATTERN)
					expect(compareDates(d.metOn, facts.today)).toBeLessThanOrEqual(0)
				}
				expect(d.state === 'met').toBe(d.metOn !== null)
				if (d.state === 'missed') expect(d.daysLate).toBe(-d.daysLeft)
				if (d.state === 'due_soon') expect(d.daysLeft >= 0 && d.daysLeft <= 7).toBe(true)
				if (d.state === 'due') expect(d.daysLeft).toBeGreaterThan(7)
				if (d.state === 'met') expect(d.daysLate).toBe(Math.max(0, daysBetween(d.dueOn, d.metOn!)) || null)
				const colour = ragStatus(d).colour
				const late = d.state === 'missed' || (d.state === 'met' && d.daysLate !== null)
				expect(colour).toBe(late ? 'red' : d.state === 'due_soon' ? 'amber' : 'green')
			}
		}),
	)
})

test('property: the clocks keep their distances from the events that start them', () => {
	fc.assert(
		fc.property(reviewFacts, (facts) => {
			const deadlines = computeDeadlines(facts)
			const dueOn = (id: DeadlineId) => deadlines.find((d) => d.id === id)?.dueOn
			// The last day of the 12 months starting with the previous review (or the plan): 364 or 365 days on.
			const anchor = facts.lastReviewMeetingOn ?? facts.planIssuedOn
			expect([364, 365]).toContain(daysBetween(anchor, dueOn('review_due')!))
			if (facts.meetingOn) {
				expect(daysBetween(dueOn('invitations')!, facts.meetingOn)).toBe(14)
				expect(daysBetween(facts.meetingOn, dueOn('review_report')!)).toBe(14)
				expect(daysBetween(facts.meetingOn, dueOn('la_decision')!)).toBe(28)
			}
			const notice = facts.amendmentNoticeSentOn
			if (notice && compareDates(notice, facts.today) <= 0) {
				expect(daysBetween(notice, dueOn('representations')!) + 1).toBe(15)
				expect(daysBetween(notice, dueOn('final_plan')!)).toBe(56)
			} else {
				expect(dueOn('representations')).toBeUndefined()
			}
		}),
	)
})

test('property: nextDeadline is an open deadline with the earliest due date', () => {
	fc.assert(
		fc.property(reviewFacts, (facts) => {
			const deadlines = computeDeadlines(facts)
			const next = nextDeadline(deadlines)
			const meetingHeld = deadlines.some((d) => d.id === 'review_due' && d.state === 'met')
			const open = deadlines.filter((d) => d.state !== 'met' && !(meetingHeld && (d.id === 'invitations' || d.id === 'advice_circulated')))
			if (open.length === 0) {
				expect(next).toBeNull()
				return
			}
			expect(next).not.toBeNull()
			expect(open).toContain(next)
			for (const d of open) expect(compareDates(next!.dueOn, d.dueOn)).toBeLessThanOrEqual(0)
		}),
	)
})

test('property: the deadlines do not depend on the time zone of the server', () => {
	const originalZone = process.env.TZ
	const zones = ['Pacific/Kiritimati', 'America/Los_Angeles', 'Australia/Lord_Howe', 'UTC']
	try {
		fc.assert(
			fc.property(reviewFacts, (facts) => {
				process.env.TZ = 'Europe/London'
				const inLondon = computeDeadlines(facts)
				for (const zone of zones) {
					process.env.TZ = zone
					expect(computeDeadlines(facts)).toEqual(inLondon)
				}
			}),
			{ numRuns: 50 },
		)
		// Prove the zone really changed inside this process (UTC+14 and UTC-8 in January).
		process.env.TZ = 'Pacific/Kiritimati'
		expect(new Date(2027, 0, 1).getTimezoneOffset()).toBe(-840)
		process.env.TZ = 'America/Los_Angeles'
		expect(new Date(2027, 0, 1).getTimezoneOffset()).toBe(480)
	} finally {
		if (originalZone === undefined) delete process.env.TZ
		else process.env.TZ = originalZone
	}
})
