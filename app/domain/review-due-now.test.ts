import fc from 'fast-check'
import { expect, test } from 'vitest'
import { addDays } from './calendar-date.ts'
import { byUrgency, reviewDueNow, urgencyCounts, urgencyOf, type ChildReviewRecord } from './review-due-now.ts'

const TODAY = '2026-12-07'
const child = (plan: ChildReviewRecord['plan'], latestReview: Partial<NonNullable<ChildReviewRecord['latestReview']>> | null = null): ChildReviewRecord => ({
	dateOfBirth: '2017-05-01',
	yearGroup: 4,
	plan,
	latestReview: latestReview && {
		id: 'r1',
		status: 'DRAFT',
		dueOn: '2026-12-20',
		meetingOn: null,
		invitationsSentOn: null,
		adviceCirculatedOn: null,
		reportReceivedOn: null,
		...latestReview,
	},
})
const active = (reviewDueOn: string) => ({ status: 'ACTIVE', reviewDueOn })

test('last year’s closed review does not stand for this year’s: the review due now is not started, and overdue', () => {
	// Reviewed 19 November 2025: this year's was due by 18 November 2026, and nobody has started it.
	const due = reviewDueNow(child(active('2026-11-18'), { status: 'CLOSED', dueOn: '2025-11-27', meetingOn: '2025-11-19' }), TODAY)
	expect(due).toMatchObject({
		state: 'not_started',
		review: null,
		reviewDueOn: '2026-11-18',
		next: { id: 'review_due', step: 'Hold the review meeting', dueOn: '2026-11-18', daysLeft: -19 },
		urgency: { words: 'Overdue by 19 days', colour: 'red' },
		needsAction: true,
	})
})

test('a review whose final plan has been issued is done for the school: the next cycle is not started', () => {
	const due = reviewDueNow(child(active('2027-09-24'), { status: 'FINAL_ISSUED', dueOn: '2026-09-24', meetingOn: '2026-09-25' }), TODAY)
	expect(due).toMatchObject({ state: 'not_started', review: null, reviewDueOn: '2027-09-24', needsAction: false })
	expect(due.urgency).toEqual({ words: 'Due in 291 days', colour: 'grey' })
})

test('a child never reviewed is due by the plan’s date; needing action from 12 weeks before it', () => {
	const inWindow = reviewDueNow(child(active(addDays(TODAY, 84))), TODAY)
	expect(inWindow).toMatchObject({ state: 'not_started', needsAction: true, urgency: { words: 'Due in 84 days', colour: 'blue' } })
	const beyond = reviewDueNow(child(active(addDays(TODAY, 85))), TODAY)
	expect(beyond).toMatchObject({ state: 'not_started', needsAction: false, urgency: { words: 'Due in 85 days', colour: 'grey' } })
})

test('a draft is the review due now, and always needs action; its next step follows what is recorded', () => {
	// Nothing booked: the meeting, by the review's own date.
	expect(reviewDueNow(child(active('2026-12-20'), {}), TODAY)).toMatchObject({
		state: 'in_progress',
		review: { id: 'r1', status: 'DRAFT' },
		next: { id: 'review_due', dueOn: '2026-12-20', daysLeft: 13 },
		urgency: { words: 'Due in 13 days', colour: 'blue' },
		needsAction: true,
	})
	// Booked for 29 December: invitations and advice by 15 December.
	const booked = { meetingOn: '2026-12-29' }
	expect(reviewDueNow(child(active('2027-01-29'), { ...booked, dueOn: '2027-01-29' }), TODAY).next).toMatchObject({
		id: 'invitations',
		step: 'Send the meeting invitations',
		dueOn: '2026-12-15',
	})
	// Both recorded: the meeting itself is next.
	const recorded = { ...booked, dueOn: '2027-01-29', invitationsSentOn: '2026-11-28', adviceCirculatedOn: '2026-11-28' }
	expect(reviewDueNow(child(active('2027-01-29'), recorded), TODAY).next).toMatchObject({ id: 'review_due', dueOn: '2027-01-29', daysLeft: 53 })
	// Held on 22 November: the report was due by 6 December, whatever was recorded before the meeting.
	expect(reviewDueNow(child(active('2026-12-10'), { meetingOn: '2026-11-22', dueOn: '2026-12-10' }), TODAY)).toMatchObject({
		next: { id: 'review_report', step: 'Send the review report', dueOn: '2026-12-06', daysLeft: -1 },
		urgency: { words: 'Overdue by 1 day', colour: 'red' },
	})
})

test('a draft due in a year still needs action, with a blue tag rather than grey', () => {
	const due = reviewDueNow(child(active('2027-11-01'), { dueOn: '2027-11-01' }), TODAY)
	expect(due).toMatchObject({ state: 'in_progress', needsAction: true, urgency: { colour: 'blue' } })
})

test('a report with the council leaves the school nothing to do until the council’s step moves the plan on', () => {
	for (const status of ['SUBMITTED', 'DECISION_MADE', 'NOTICE_ISSUED', 'REPRESENTATIONS']) {
		const due = reviewDueNow(child(active('2026-11-23'), { status, dueOn: '2026-11-23', meetingOn: '2026-11-17' }), TODAY)
		expect(due, status).toEqual({
			state: 'with_council',
			review: { id: 'r1', status },
			reviewDueOn: '2026-11-23',
			next: null,
			urgency: null,
			needsAction: false,
		})
	}
})

test('a ceased plan, or no plan, has no review due; a draft on a ceased plan is still the school’s to finish', () => {
	const ceased = { status: 'CEASED', reviewDueOn: '2026-11-01' }
	expect(reviewDueNow(child(ceased, { status: 'CLOSED', dueOn: '2025-11-01' }), TODAY)).toMatchObject({
		state: 'no_review_due',
		needsAction: false,
		next: null,
	})
	expect(reviewDueNow(child(null), TODAY)).toMatchObject({ state: 'no_review_due', reviewDueOn: null })
	expect(reviewDueNow(child(ceased, {}), TODAY)).toMatchObject({ state: 'in_progress', needsAction: true })
})

test('urgency in words: overdue, today, tomorrow, days; orange in the last week, red once passed', () => {
	const cases: Array<[number, string, string]> = [
		[-1000, 'Overdue by 1,000 days', 'red'],
		[-1, 'Overdue by 1 day', 'red'],
		[0, 'Due today', 'orange'],
		[1, 'Due tomorrow', 'orange'],
		[7, 'Due in 7 days', 'orange'],
		[8, 'Due in 8 days', 'blue'],
	]
	for (const [daysLeft, words, colour] of cases) expect(urgencyOf(daysLeft), String(daysLeft)).toEqual({ words, colour })
	expect(urgencyOf(200, false)).toEqual({ words: 'Due in 200 days', colour: 'grey' })
})

test('the to-do list: overdue first, then soonest due, then those with nothing to do; equal dates keep their order', () => {
	const rows = [
		{ name: 'with the council', due: reviewDueNow(child(active('2026-11-23'), { status: 'SUBMITTED', dueOn: '2026-11-23' }), TODAY) },
		{ name: 'due in 40 days', due: reviewDueNow(child(active(addDays(TODAY, 40))), TODAY) },
		{ name: 'report overdue', due: reviewDueNow(child(active('2026-12-10'), { meetingOn: '2026-11-22', dueOn: '2026-12-10' }), TODAY) },
		{ name: 'overdue 19 days', due: reviewDueNow(child(active('2026-11-18'), { status: 'CLOSED', dueOn: '2025-11-27' }), TODAY) },
		{ name: 'ceased', due: reviewDueNow(child({ status: 'CEASED', reviewDueOn: '2026-01-01' }), TODAY) },
		{ name: 'also due in 40 days', due: reviewDueNow(child(active(addDays(TODAY, 40))), TODAY) },
	]
	expect(rows.sort((a, b) => byUrgency(a.due, b.due)).map((r) => r.name)).toEqual([
		'overdue 19 days',
		'report overdue',
		'due in 40 days',
		'also due in 40 days',
		'with the council',
		'ceased',
	])
	expect(urgencyCounts(rows.map((r) => r.due))).toEqual({ needsAction: 4, overdue: 2, dueSoon: 0 })
})

test('whatever the dates, a child needing action has a dated next step, and overdue is always red', () => {
	const date = fc.integer({ min: -400, max: 400 }).map((n) => addDays(TODAY, n))
	const status = fc.constantFrom('DRAFT', 'SUBMITTED', 'DECISION_MADE', 'NOTICE_ISSUED', 'REPRESENTATIONS', 'FINAL_ISSUED', 'CLOSED')
	fc.assert(
		fc.property(date, fc.option(fc.record({ status, dueOn: date, meetingOn: fc.option(date) })), (planDue, latest) => {
			const due = reviewDueNow(child(active(planDue), latest), TODAY)
			if (due.needsAction) expect(due.next).not.toBeNull()
			if (due.next && due.next.daysLeft < 0) expect(due.urgency).toEqual({ words: expect.stringMatching(/^Overdue by /), colour: 'red' })
			if (!due.next) expect(due.urgency).toBeNull()
		}),
	)
})
