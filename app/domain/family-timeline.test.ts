import { expect, test } from 'vitest'
import { familyTimeline, STATE_LABELS, type TimelineStep } from './family-timeline'
import { computeDeadlines, type ReviewFacts } from './statutory-clock'

// Expected dates are worked out by hand from the law: meeting 1 March 2027 -> invitations and advice by 15 February,
// report by 15 March (2 weeks), decision by 29 March (4 weeks); notice served 20 March -> replies close 3 April
// (15 days counting the first), final plan by 15 May (8 weeks).
const year5 = (facts: Omit<ReviewFacts, 'dateOfBirth' | 'yearGroup' | 'planIssuedOn'>) =>
	computeDeadlines({ planIssuedOn: '2026-04-10', dateOfBirth: '2016-05-10', yearGroup: 5, phaseTransfer: null, ...facts })

const step = (steps: TimelineStep[], id: TimelineStep['id']) => {
	const found = steps.find((s) => s.id === id)
	if (!found) throw new Error(`no ${id} in ${steps.map((s) => s.id).join(', ')}`)
	return found
}

test('a review in full: each statutory date with who does it, by when, and whether it was met', () => {
	const steps = familyTimeline(
		year5({
			today: '2027-04-10',
			reviewDueOn: '2027-04-09',
			meetingOn: '2027-03-01',
			invitationsSentOn: '2027-02-10',
			adviceCirculatedOn: '2027-02-20',
			reportReceivedOn: '2027-03-12',
			decision: 'amend',
			decisionOn: '2027-03-20',
			amendmentNoticeSentOn: '2027-03-20',
		}),
	)
	expect(steps.map((s) => s.id)).toEqual([
		'review_due',
		'invitations',
		'advice_circulated',
		'review_report',
		'la_decision',
		'amendment_notice',
		'representations',
		'final_plan',
	])
	expect(step(steps, 'review_due')).toMatchObject({ who: 'school', dueOn: '2027-04-09', state: 'on_time', status: 'Done on 1 March 2027, on time' })
	expect(step(steps, 'invitations')).toMatchObject({ dueOn: '2027-02-15', state: 'on_time', law: 'SEND Regulations 2014, regulation 20(3)' })
	expect(step(steps, 'advice_circulated')).toMatchObject({ dueOn: '2027-02-15', state: 'late', status: 'Done on 20 February 2027, 5 days late' })
	expect(step(steps, 'advice_circulated').tag).toContain('govuk-tag--red')
	expect(step(steps, 'review_report')).toMatchObject({ whoWords: 'Your child’s school', dueOn: '2027-03-15', state: 'on_time' })
	expect(step(steps, 'la_decision')).toMatchObject({ who: 'council', whoWords: 'The council', dueOn: '2027-03-29', status: 'Done on 20 March 2027, on time' })
	expect(step(steps, 'la_decision').law).toBe('SEND Regulations 2014, regulation 20(10)')
	// The family's 15 days, counting the day the notice was served: closed by 10 April.
	expect(step(steps, 'representations')).toMatchObject({
		who: 'family',
		whoWords: 'You',
		dueOn: '2027-04-03',
		state: 'closed',
		status: 'Closed on 3 April 2027',
	})
	expect(step(steps, 'final_plan')).toMatchObject({ dueOn: '2027-05-15', state: 'to_do', status: 'Not done yet. It is due in 35 days' })
	expect(step(steps, 'final_plan').law).toBe('SEND Regulations 2014, regulation 22(3) and (4)')
})

test('a date not met is overdue by the days since it passed; one close is due soon, in words', () => {
	const steps = familyTimeline(year5({ today: '2027-03-24', reviewDueOn: '2027-04-09', meetingOn: '2027-03-01', reportReceivedOn: null }))
	expect(step(steps, 'review_report')).toMatchObject({ state: 'overdue', status: 'Not done yet. It is 9 days late' })
	expect(step(steps, 'la_decision')).toMatchObject({ state: 'due_soon', status: 'Not done yet. It is due in 5 days' })
	// Invitations that were never recorded, before a meeting already held, are overdue too: the record says so.
	expect(step(steps, 'invitations').state).toBe('overdue')
	expect(STATE_LABELS[step(steps, 'review_report').state]).toBe('Overdue')
	// No decision yet: no notice, no replies, no final plan.
	expect(steps.map((s) => s.id)).not.toContain('amendment_notice')
	const dueToday = familyTimeline(year5({ today: '2027-03-15', reviewDueOn: '2027-04-09', meetingOn: '2027-03-01' }))
	expect(step(dueToday, 'review_report').status).toBe('Not done yet. It is due today')
	const tomorrow = familyTimeline(year5({ today: '2027-03-14', reviewDueOn: '2027-04-09', meetingOn: '2027-03-01' }))
	expect(step(tomorrow, 'review_report').status).toBe('Not done yet. It is due tomorrow')
})

test('before the meeting, the dates after it wait for it; the family’s period is "open" while it runs', () => {
	const booked = familyTimeline(year5({ today: '2027-02-01', reviewDueOn: '2027-04-09', meetingOn: '2027-03-01' }))
	expect(step(booked, 'review_report')).toMatchObject({ state: 'after_meeting', status: 'Not started yet. This starts after the meeting' })
	expect(step(booked, 'invitations')).toMatchObject({ state: 'to_do', status: 'Not done yet. It is due in 14 days' })
	const replying = familyTimeline(
		year5({
			today: '2027-03-25',
			reviewDueOn: '2027-04-09',
			meetingOn: '2027-03-01',
			decision: 'amend',
			decisionOn: '2027-03-20',
			amendmentNoticeSentOn: '2027-03-20',
		}),
	)
	expect(step(replying, 'representations')).toMatchObject({ state: 'to_do', status: 'Open. It closes in 9 days' })
	// No meeting booked: only the 12-month date can be given.
	expect(familyTimeline(year5({ today: '2027-02-01', reviewDueOn: '2027-04-09' })).map((s) => s.id)).toEqual(['review_due'])
})

test('a young person reads about their own review; the advisory early-years review is not a statutory date', () => {
	const young = familyTimeline(year5({ today: '2027-02-01', reviewDueOn: '2027-04-09' }), { young: true })
	expect(step(young, 'review_due')).toMatchObject({ what: 'Hold your review meeting (at least once every 12 months)', whoWords: 'Your school or college' })
	const toddler = computeDeadlines({ today: '2027-02-01', planIssuedOn: '2026-04-10', dateOfBirth: '2024-05-10', yearGroup: -2, reviewDueOn: '2027-04-09' })
	expect(toddler.map((d) => d.id)).toContain('under5_review')
	expect(familyTimeline(toddler).map((s) => s.id)).toEqual(['review_due'])
})
