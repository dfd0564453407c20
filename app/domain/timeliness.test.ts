import { expect, test } from 'vitest'
import {
	activeOnCensusDate,
	ageGroupOn,
	computeTimeliness,
	decisionNotifiedOn,
	defaultPeriod,
	latestSen2CensusDate,
	listFigure,
	membershipsOf,
	monthsBetween,
	NO_STEPS_YET,
	nextCouncilDeadline,
	onTimeLine,
	phaseTransferOnCensusDate,
	sen2CensusDateOf,
	sen2MatchesFilters,
	sen2ReviewItems,
	type Sen2Child,
	type Sen2Review,
	type TimelinessRow,
} from './timeliness.ts'

const TODAY = '2026-11-23'
const PERIOD = { from: '2025-11-01', to: '2026-10-31', today: TODAY }

let n = 0
function row(overrides: Partial<TimelinessRow> = {}): TimelinessRow {
	n += 1
	return {
		reviewId: `r${n}`,
		childId: `c${n}`,
		status: 'CLOSED',
		dateOfBirth: '2015-06-01',
		schoolId: 's1',
		phase: 'PRIMARY',
		caseworkerId: 'cw1',
		dueOn: '2026-03-10',
		...NO_STEPS_YET,
		...overrides,
	}
}

const figure = (rows: TimelinessRow[], id: keyof ReturnType<typeof computeTimeliness>['figures'], options = {}) =>
	computeTimeliness(rows, { ...PERIOD, ...options }).figures[id]

test('the default period is the last 12 complete months', () => {
	expect(defaultPeriod('2026-11-23')).toEqual({ from: '2025-11', to: '2026-10' })
	expect(defaultPeriod('2026-01-01')).toEqual({ from: '2025-01', to: '2025-12' })
	expect(monthsBetween('2025-11', '2026-02')).toEqual(['2025-11', '2025-12', '2026-01', '2026-02'])
})

test('reviews due are placed by due date, including a review due but not started', () => {
	const rows = [
		row({ dueOn: '2025-11-01' }), // first day of the period
		row({ dueOn: '2026-10-31' }), // last day
		row({ dueOn: '2025-10-31' }), // the day before: out
		row({ dueOn: '2026-11-01' }), // the day after: out
		row({ reviewId: null, status: null, dueOn: '2026-05-05' }), // not started
	]
	expect(figure(rows, 'due')).toEqual({ kind: 'count', value: 3 })
	const report = computeTimeliness(rows, PERIOD)
	expect(report.months).toHaveLength(12)
	expect(report.months[0]!.figures.due).toEqual({ kind: 'count', value: 1 })
	expect(report.months[6]!.figures.due).toEqual({ kind: 'count', value: 1 }) // May 2026
	expect(report.months[11]!.figures.due).toEqual({ kind: 'count', value: 1 })
})

test('held means a meeting on or before today; not held means due date passed with no meeting held', () => {
	const rows = [
		row({ dueOn: '2026-03-10', meetingOn: '2026-03-01' }), // held on time
		row({ dueOn: '2026-03-10', meetingOn: '2026-03-10' }), // held on the due date: on time
		row({ dueOn: '2026-03-10', meetingOn: '2026-03-11' }), // held a day late
		row({ dueOn: '2026-03-10', status: 'DRAFT' }), // not held
		row({ dueOn: '2026-10-31', status: 'DRAFT', meetingOn: '2026-12-01' }), // booked after today: not held
		row({ reviewId: null, status: null, dueOn: '2026-06-01' }), // not started: not held
	]
	expect(figure(rows, 'held')).toEqual({ kind: 'count', value: 3 })
	expect(figure(rows, 'not_held')).toEqual({ kind: 'count', value: 3 })
	expect(figure(rows, 'held_on_time')).toEqual({ kind: 'share', within: 2, total: 6, percent: 33 })
})

test('a review due in the future and not yet held is due, but neither held nor not held', () => {
	const rows = [row({ dueOn: '2026-12-10', status: 'DRAFT' })]
	const options = { from: '2026-12-01', to: '2026-12-31' }
	expect(figure(rows, 'due', options)).toEqual({ kind: 'count', value: 1 })
	expect(figure(rows, 'held', options)).toEqual({ kind: 'count', value: 0 })
	expect(figure(rows, 'not_held', options)).toEqual({ kind: 'count', value: 0 })
	expect(figure(rows, 'held_on_time', options)).toEqual({ kind: 'share', within: 0, total: 0, percent: null })
	// Due today is not yet passed.
	expect(figure([row({ dueOn: TODAY, status: 'DRAFT' })], 'not_held', { from: '2026-11-01', to: '2026-11-30' })).toEqual({ kind: 'count', value: 0 })
})

test('reports within 2 weeks: exactly 14 days after the meeting counts, 15 does not; reports awaited are not counted', () => {
	const meetingOn = '2026-03-01'
	const rows = [
		row({ meetingOn, reportReceivedOn: '2026-03-15' }), // day 14
		row({ meetingOn, reportReceivedOn: '2026-03-16' }), // day 15
		row({ meetingOn, reportReceivedOn: '2026-03-01' }), // same day
		row({ meetingOn, reportReceivedOn: null, status: 'DRAFT' }), // awaited
		row({ meetingOn: '2025-10-31', reportReceivedOn: '2025-11-02' }), // meeting before the period
	]
	expect(figure(rows, 'reports_2_weeks')).toEqual({ kind: 'share', within: 2, total: 3, percent: 67 })
})

test('decisions within 4 weeks: exactly 28 days counts, 29 does not; placed by the meeting date', () => {
	const rows = [
		row({ meetingOn: '2026-01-10', decidedOn: '2026-02-07', decisionOutcome: 'MAINTAIN' }), // day 28
		row({ meetingOn: '2026-01-10', decidedOn: '2026-02-08', decisionOutcome: 'AMEND', noticeIssuedOn: '2026-02-08' }), // day 29
		row({ meetingOn: '2026-10-30', decidedOn: '2026-11-20', decisionOutcome: 'MAINTAIN' }), // decided after the period: still counts
		row({ meetingOn: '2025-10-25', decidedOn: '2025-11-05', decisionOutcome: 'MAINTAIN' }), // meeting before the period: out
		row({ meetingOn: '2026-09-01', status: 'SUBMITTED' }), // awaiting a decision: not counted
	]
	expect(figure(rows, 'decisions_4_weeks')).toEqual({ kind: 'share', within: 2, total: 3, percent: 67 })
	const months = computeTimeliness(rows, PERIOD).months
	expect(months.find((m) => m.month === '2026-01')!.figures.decisions_4_weeks).toEqual({ kind: 'share', within: 1, total: 2, percent: 50 })
	expect(months.find((m) => m.month === '2026-10')!.figures.decisions_4_weeks).toEqual({ kind: 'share', within: 1, total: 1, percent: 100 })
})

test('an amend decision is told by its amendment notice: recorded on day 10, notice on day 45, it is late; no notice yet, not counted', () => {
	// reg 20(10), reg 22(2); R (L, M & P) v Devon CC [2022] EWHC 493 (Admin).
	const amend = { meetingOn: '2026-01-10', decidedOn: '2026-01-20', decisionOutcome: 'AMEND' as const }
	const late = row({ ...amend, noticeIssuedOn: '2026-02-24' }) // day 45
	const onTime = row({ ...amend, noticeIssuedOn: '2026-02-07' }) // day 28
	const notYet = row({ ...amend, status: 'DECISION_MADE' })
	expect(decisionNotifiedOn(late)).toBe('2026-02-24')
	expect(decisionNotifiedOn(notYet)).toBeNull()
	expect(decisionNotifiedOn(row({ meetingOn: '2026-01-10', decidedOn: '2026-01-20', decisionOutcome: 'MAINTAIN' }))).toBe('2026-01-20')
	expect(figure([late, onTime, notYet], 'decisions_4_weeks')).toEqual({ kind: 'share', within: 1, total: 2, percent: 50 })
	expect(listFigure([late, onTime, notYet], 'decisions_4_weeks', { ...PERIOD, within: false }).map((l) => l.row)).toEqual([late])
	// Decided but not told, and past the 4 weeks: still awaiting, the notice being what is due.
	const awaiting = computeTimeliness([row({ ...amend, meetingOn: '2026-10-01', decidedOn: '2026-10-10', status: 'DECISION_MADE' })], PERIOD).current
		.awaiting_decision
	expect(awaiting.total).toBe(1)
	expect(awaiting.top[0]).toMatchObject({ on: '2026-10-01', within: false, deadline: 'amendment_notice', deadlineOn: '2026-10-29' })
})

test('maintain and cease are told by the decision letter: the day it was sent, not a decision date typed earlier', () => {
	// HESC Rules 2008 r.20: the written notice is what the family is told by; reg 20(10) times it from the meeting.
	const maintain = { meetingOn: '2026-01-10', decidedOn: '2026-01-20', decisionOutcome: 'MAINTAIN' as const }
	const sentLate = row({ ...maintain, decisionLetterSentOn: '2026-02-24' }) // typed day 10, sent day 45
	const sentOnDay28 = row({ ...maintain, decisionOutcome: 'CEASE', decisionLetterSentOn: '2026-02-07' })
	const noLetter = row(maintain) // recorded without a letter (imported): its decision date
	expect(decisionNotifiedOn(sentLate)).toBe('2026-02-24')
	expect(decisionNotifiedOn(sentOnDay28)).toBe('2026-02-07')
	expect(decisionNotifiedOn(noLetter)).toBe('2026-01-20')
	expect(figure([sentLate, sentOnDay28, noLetter], 'decisions_4_weeks')).toEqual({ kind: 'share', within: 2, total: 3, percent: 67 })
	expect(listFigure([sentLate, sentOnDay28, noLetter], 'decisions_4_weeks', { ...PERIOD, within: false }).map((l) => l.row)).toEqual([sentLate])
})

test('final plans within 8 weeks of the notice: exactly 56 days counts, 57 does not; a decision not to amend after all counts too', () => {
	const noticeIssuedOn = '2026-02-01'
	const common = { meetingOn: '2026-01-05', decidedOn: '2026-01-30', decisionOutcome: 'AMEND' as const, noticeIssuedOn }
	const rows = [
		row({ ...common, finalIssuedOn: '2026-03-29' }), // day 56
		row({ ...common, finalIssuedOn: '2026-03-30' }), // day 57
		row({ ...common, finalIssuedOn: '2026-02-20' }),
		row({ ...common, status: 'REPRESENTATIONS' }), // not yet issued: not counted
	]
	expect(figure(rows, 'final_plans_8_weeks')).toEqual({ kind: 'share', within: 2, total: 3, percent: 67 })
})

test('decisions by outcome are placed by the decision date', () => {
	const rows = [
		row({ meetingOn: '2025-10-20', decidedOn: '2025-11-03', decisionOutcome: 'MAINTAIN' }),
		row({ meetingOn: '2026-01-05', decidedOn: '2026-01-20', decisionOutcome: 'AMEND' }),
		row({ meetingOn: '2026-01-05', decidedOn: '2026-01-21', decisionOutcome: 'AMEND' }),
		row({ meetingOn: '2026-05-05', decidedOn: '2026-05-21', decisionOutcome: 'CEASE' }),
		row({ meetingOn: '2026-10-20', decidedOn: '2026-11-03', decisionOutcome: 'MAINTAIN' }), // decided after the period
	]
	const { figures } = computeTimeliness(rows, PERIOD)
	expect(figures.outcome_maintain).toEqual({ kind: 'count', value: 1 })
	expect(figures.outcome_amend).toEqual({ kind: 'count', value: 2 })
	expect(figures.outcome_cease).toEqual({ kind: 'count', value: 1 })
})

test('age group is the age on the due date; filters narrow every figure', () => {
	expect(ageGroupOn('2021-11-24', '2026-11-23')).toBe('under5') // 4, turns 5 tomorrow
	expect(ageGroupOn('2021-11-23', '2026-11-23')).toBe('5to10')
	expect(ageGroupOn('2015-11-23', '2026-11-23')).toBe('11to15')
	expect(ageGroupOn('2010-11-23', '2026-11-23')).toBe('16to19')
	expect(ageGroupOn('2001-11-24', '2026-11-23')).toBe('20to25')
	expect(ageGroupOn('2000-11-23', '2026-11-23')).toBeNull() // 26
	const rows = [
		row({ dateOfBirth: '2022-01-01', schoolId: 's1', caseworkerId: 'cw1', phase: 'PRIMARY' }),
		row({ dateOfBirth: '2012-01-01', schoolId: 's2', caseworkerId: null, phase: 'SECONDARY' }),
		row({ dateOfBirth: '2012-01-01', schoolId: 's3', caseworkerId: 'cw2', phase: 'SECONDARY' }),
	]
	expect(figure(rows, 'due', { filters: { ageGroup: 'under5' } })).toEqual({ kind: 'count', value: 1 })
	expect(figure(rows, 'due', { filters: { ageGroup: '11to15' } })).toEqual({ kind: 'count', value: 2 })
	expect(figure(rows, 'due', { filters: { schoolId: 's2' } })).toEqual({ kind: 'count', value: 1 })
	expect(figure(rows, 'due', { filters: { caseworkerId: 'none' } })).toEqual({ kind: 'count', value: 1 })
	expect(figure(rows, 'due', { filters: { caseworkerId: 'cw2' } })).toEqual({ kind: 'count', value: 1 })
	expect(figure(rows, 'due', { filters: { phase: 'SECONDARY', caseworkerId: 'cw2' } })).toEqual({ kind: 'count', value: 1 })
})

test('the next council deadline: decision, then the amendment notice with an amend decision, then the final plan', () => {
	const base = { status: 'SUBMITTED' as const, meetingOn: '2026-11-01' }
	expect(nextCouncilDeadline(row(base), TODAY)).toEqual({ id: 'la_decision', dueOn: '2026-11-29' })
	expect(nextCouncilDeadline(row({ ...base, status: 'DECISION_MADE', decidedOn: '2026-11-20', decisionOutcome: 'AMEND' }), TODAY)).toEqual({
		id: 'amendment_notice',
		dueOn: '2026-11-29',
	})
	expect(nextCouncilDeadline(row({ ...base, status: 'DECISION_MADE', decidedOn: '2026-11-20', decisionOutcome: 'MAINTAIN' }), TODAY)).toBeNull()
	expect(
		nextCouncilDeadline(row({ ...base, status: 'NOTICE_ISSUED', decidedOn: '2026-11-20', decisionOutcome: 'AMEND', noticeIssuedOn: '2026-11-20' }), TODAY),
	).toEqual({ id: 'final_plan', dueOn: '2027-01-15' })
	expect(nextCouncilDeadline(row({ ...base, status: 'CLOSED' }), TODAY)).toBeNull()
	expect(nextCouncilDeadline(row({ status: 'DRAFT', meetingOn: '2026-12-01' }), TODAY)).toBeNull() // meeting still to come
})

test('deadlines at risk: from today to 14 days ahead, not met, not already missed', () => {
	const at = (meetingOn: string) => row({ status: 'SUBMITTED', meetingOn })
	const rows = [
		at('2026-10-26'), // decision due today (2026-11-23)
		at('2026-11-09'), // due 2026-12-07: exactly 14 days ahead
		at('2026-11-10'), // due 2026-12-08: 15 days ahead
		at('2026-10-25'), // due yesterday: already missed
		row({ status: 'NOTICE_ISSUED', meetingOn: '2026-09-01', decidedOn: '2026-09-20', decisionOutcome: 'AMEND', noticeIssuedOn: '2026-10-10' }), // final due 2026-12-05
	]
	const report = computeTimeliness(rows, PERIOD)
	expect(report.current.breaches_2_weeks.total).toBe(3)
	expect(report.current.breaches_2_weeks.top.map((l) => [l.on, l.deadline])).toEqual([
		['2026-11-23', 'la_decision'],
		['2026-12-05', 'final_plan'],
		['2026-12-07', 'la_decision'],
	])
})

test('oldest open cases by due date, and those awaiting a decision by meeting date, ten of each', () => {
	const rows = [
		...Array.from({ length: 12 }, (_, i) => row({ status: 'DRAFT', dueOn: `2026-0${(i % 9) + 1}-1${i % 10}` })),
		row({ reviewId: null, status: null, dueOn: '2025-12-01' }), // not started, overdue: the oldest
		row({ reviewId: null, status: null, dueOn: '2027-01-01' }), // not started, not yet due: not a case
		row({ status: 'CLOSED', dueOn: '2025-01-01' }), // closed: not open
		row({ status: 'SUBMITTED', dueOn: '2026-10-01', meetingOn: '2026-10-05' }),
		row({ status: 'SUBMITTED', dueOn: '2026-10-01', meetingOn: '2026-09-05' }),
		row({ status: 'DECISION_MADE', dueOn: '2026-10-01', meetingOn: '2026-08-05', decidedOn: '2026-09-01', decisionOutcome: 'MAINTAIN' }),
	]
	const report = computeTimeliness(rows, PERIOD)
	expect(report.current.open_by_due.total).toBe(16)
	expect(report.current.open_by_due.top).toHaveLength(10)
	expect(report.current.open_by_due.top[0]!.row.dueOn).toBe('2025-12-01')
	expect(report.current.awaiting_decision.total).toBe(2)
	expect(report.current.awaiting_decision.top.map((l) => l.on)).toEqual(['2026-09-05', '2026-10-05'])
	// Both decisions were due 4 weeks after the meeting (2026-10-03 and 2026-11-02): both are late.
	expect(report.current.awaiting_decision.top.map((l) => l.within)).toEqual([false, false])
})

test('a figure’s list holds exactly the reviews it counts, and can be narrowed to the late ones', () => {
	const rows = [
		row({ meetingOn: '2026-01-10', decidedOn: '2026-02-07', decisionOutcome: 'MAINTAIN' }),
		row({ meetingOn: '2026-01-10', decidedOn: '2026-02-08', decisionOutcome: 'MAINTAIN' }),
		row({ meetingOn: '2026-03-10', decidedOn: '2026-03-20', decisionOutcome: 'MAINTAIN' }),
	]
	const all = listFigure(rows, 'decisions_4_weeks', PERIOD)
	expect(all).toHaveLength(3)
	expect(computeTimeliness(rows, PERIOD).figures.decisions_4_weeks).toMatchObject({ within: 2, total: 3 })
	const late = listFigure(rows, 'decisions_4_weeks', { ...PERIOD, within: false })
	expect(late.map((l) => l.row.decidedOn)).toEqual(['2026-02-08'])
})

test('every membership of a closed review on time: the figures it touches', () => {
	const r = row({ dueOn: '2026-03-10', meetingOn: '2026-03-01', reportReceivedOn: '2026-03-10', decidedOn: '2026-03-20', decisionOutcome: 'MAINTAIN' })
	expect(membershipsOf(r, TODAY).map((m) => [m.figure, m.on, m.within])).toEqual([
		['due', '2026-03-10', null],
		['held', '2026-03-10', true],
		['held_on_time', '2026-03-10', true],
		['reports_2_weeks', '2026-03-01', true],
		['decisions_4_weeks', '2026-03-01', true],
		['outcome_maintain', '2026-03-20', null],
	])
})

test('the council’s on-time line: held on time and the family told within 4 weeks, as Y, N or blank', () => {
	expect(
		onTimeLine(
			row({ dueOn: '2026-03-10', meetingOn: '2026-03-10', decidedOn: '2026-04-07', decisionOutcome: 'AMEND', noticeIssuedOn: '2026-04-07' }),
			TODAY,
		),
	).toEqual({
		dueOn: '2026-03-10',
		meetingHeldOn: '2026-03-10',
		heldOnTime: 'Y',
		decidedOn: '2026-04-07',
		decisionOutcome: 'AMEND',
		notifiedOn: '2026-04-07',
		notifiedWithin4Weeks: 'Y',
	})
	expect(onTimeLine(row({ dueOn: '2026-03-10', meetingOn: '2026-03-11', decidedOn: '2026-04-09', decisionOutcome: 'MAINTAIN' }), TODAY)).toMatchObject({
		notifiedWithin4Weeks: 'N',
		heldOnTime: 'N',
	})
	// An amend decided in time whose notice went on day 45: not within 4 weeks.
	expect(
		onTimeLine(
			row({ dueOn: '2026-03-10', meetingOn: '2026-03-10', decidedOn: '2026-03-20', decisionOutcome: 'AMEND', noticeIssuedOn: '2026-04-24' }),
			TODAY,
		),
	).toMatchObject({
		notifiedOn: '2026-04-24',
		notifiedWithin4Weeks: 'N',
	})
	// Not held and overdue; held with no decision after 4 weeks; held recently with no decision yet; not yet due.
	expect(onTimeLine(row({ status: 'DRAFT', dueOn: '2026-03-10' }), TODAY)).toMatchObject({ meetingHeldOn: null, notifiedWithin4Weeks: '', heldOnTime: 'N' })
	expect(onTimeLine(row({ status: 'SUBMITTED', dueOn: '2026-10-10', meetingOn: '2026-10-01' }), TODAY)).toMatchObject({
		notifiedWithin4Weeks: 'N',
		heldOnTime: 'Y',
	})
	expect(onTimeLine(row({ status: 'SUBMITTED', dueOn: '2026-12-10', meetingOn: '2026-11-20' }), TODAY)).toMatchObject({
		notifiedWithin4Weeks: '',
		heldOnTime: 'Y',
	})
	expect(onTimeLine(row({ status: 'DRAFT', dueOn: '2026-12-10', meetingOn: '2026-12-01' }), TODAY)).toMatchObject({ meetingHeldOn: null, heldOnTime: '' })
})

// SEN2: the annual review items of one child's record, as on the census date.
function child(overrides: Partial<Sen2Child> = {}): Sen2Child {
	return {
		childId: 'c',
		dateOfBirth: '2015-06-01',
		yearGroup: 5,
		phaseTransfer: null,
		schoolId: 's1',
		phase: 'PRIMARY',
		caseworkerId: 'cw1',
		planIssuedOn: '2022-05-01',
		planLastReviewOn: null,
		planStatus: 'ACTIVE',
		reviews: [],
		...overrides,
	}
}
const review = (overrides: Partial<Sen2Review>): Sen2Review => ({
	meetingOn: null,
	decisionOutcome: null,
	decidedOn: null,
	decisionLetterSentOn: null,
	noticeIssuedOn: null,
	finalIssuedOn: null,
	finalAmended: null,
	...overrides,
})

test('SEN2 census date: the third Thursday of January; the latest one on or before today', () => {
	expect(sen2CensusDateOf(2025)).toBe('2025-01-16')
	expect(sen2CensusDateOf(2026)).toBe('2026-01-15')
	expect(sen2CensusDateOf(2027)).toBe('2027-01-21')
	expect(sen2CensusDateOf(2032)).toBe('2032-01-15') // 1 January 2032 is a Thursday
	expect(latestSen2CensusDate('2026-11-23')).toBe('2026-01-15')
	expect(latestSen2CensusDate('2027-01-20')).toBe('2026-01-15')
	expect(latestSen2CensusDate('2027-01-21')).toBe('2027-01-21')
})

test('SEN2: the plans in force on the census date', () => {
	const census = '2026-01-15'
	expect(activeOnCensusDate(child(), census)).toBe(true)
	expect(activeOnCensusDate(child({ planIssuedOn: '2026-01-15' }), census)).toBe(true)
	expect(activeOnCensusDate(child({ planIssuedOn: '2026-01-16' }), census)).toBe(false)
	const ceased = (decidedOn: string) => child({ planStatus: 'CEASED', reviews: [review({ meetingOn: '2025-10-01', decisionOutcome: 'CEASE', decidedOn })] })
	expect(activeOnCensusDate(ceased('2026-01-16'), census)).toBe(true) // ceased after the census date
	expect(activeOnCensusDate(ceased('2026-01-15'), census)).toBe(false)
	expect(activeOnCensusDate(child({ planStatus: 'CEASED' }), census)).toBe(false) // no date to go on
})

test('SEN2 items: the latest meeting by the census date, its outcome code, the day the family was told, the draft amended plan', () => {
	const census = '2026-01-15'
	const today = '2026-11-23'
	const previous = review({ meetingOn: '2025-01-10', decisionOutcome: 'MAINTAIN', decidedOn: '2025-01-30' })
	const amend = review({ meetingOn: '2025-11-20', decisionOutcome: 'AMEND', decidedOn: '2025-12-01', noticeIssuedOn: '2026-01-05' })
	const after = review({ meetingOn: '2026-01-16', decisionOutcome: 'CEASE', decidedOn: '2026-01-20' }) // after the census date
	expect(sen2ReviewItems(child({ reviews: [after, amend, previous] }), census, today)).toEqual({
		ReviewMeeting: '2025-11-20',
		ReviewOutcome: 'A',
		LastReview: '2026-01-05', // the amendment notice told the family
		ReviewDraft: '2026-01-05',
		PhaseTransferDueDate: null,
		PhaseTransferFinalDate: null,
	})
	// Decided to amend, but the notice went after the census date: the code, but not yet told.
	expect(sen2ReviewItems(child({ reviews: [{ ...amend, noticeIssuedOn: '2026-01-16' }] }), census, today)).toMatchObject({
		ReviewOutcome: 'A',
		LastReview: null,
		ReviewDraft: null,
	})
	// Decided after the census date: the meeting only.
	expect(sen2ReviewItems(child({ reviews: [{ ...amend, decidedOn: '2026-01-16', noticeIssuedOn: '2026-01-16' }] }), census, today)).toMatchObject({
		ReviewMeeting: '2025-11-20',
		ReviewOutcome: null,
		LastReview: null,
	})
	expect(sen2ReviewItems(child({ reviews: [previous] }), census, today)).toMatchObject({ ReviewOutcome: 'M', LastReview: '2025-01-30' })
	expect(
		sen2ReviewItems(child({ reviews: [review({ meetingOn: '2025-06-01', decisionOutcome: 'CEASE', decidedOn: '2025-06-20' })] }), census, today),
	).toMatchObject({ ReviewOutcome: 'C', LastReview: '2025-06-20' })
	// A review held before the portal, known only from the plan: its date, nothing else.
	expect(sen2ReviewItems(child({ planLastReviewOn: '2025-03-01', reviews: [previous] }), census, today)).toEqual({
		ReviewMeeting: '2025-03-01',
		ReviewOutcome: null,
		LastReview: null,
		ReviewDraft: null,
		PhaseTransferDueDate: null,
		PhaseTransferFinalDate: null,
	})
	// No review yet: all blank.
	expect(Object.values(sen2ReviewItems(child(), census, today)).every((v) => v === null)).toBe(true)
})

test('SEN2 phase transfer: due before 15 February (31 March post-16), and the amended final plan issued in the transfer year', () => {
	const census = '2026-01-15'
	// Today is in the next academic year: Year 7 now was Year 6 on the census date.
	const today = '2026-11-23'
	expect(phaseTransferOnCensusDate({ yearGroup: 7, phaseTransfer: null }, census, today)).toBe('school')
	expect(phaseTransferOnCensusDate({ yearGroup: 12, phaseTransfer: null }, census, today)).toBe('post16')
	expect(phaseTransferOnCensusDate({ yearGroup: 6, phaseTransfer: 'SCHOOL' }, census, today)).toBeNull() // this year's flag, not the census year's
	expect(phaseTransferOnCensusDate({ yearGroup: 6, phaseTransfer: 'SCHOOL' }, census, '2026-05-01')).toBe('school')
	expect(phaseTransferOnCensusDate({ yearGroup: 2, phaseTransfer: 'SCHOOL' }, census, '2026-05-01')).toBe('school')
	const final = review({
		meetingOn: '2025-10-01',
		decisionOutcome: 'AMEND',
		decidedOn: '2025-10-20',
		noticeIssuedOn: '2025-10-20',
		finalIssuedOn: '2025-12-10',
		finalAmended: true,
	})
	expect(sen2ReviewItems(child({ yearGroup: 7, reviews: [final] }), census, today)).toMatchObject({
		PhaseTransferDueDate: '2026-02-14',
		PhaseTransferFinalDate: '2025-12-10',
	})
	expect(sen2ReviewItems(child({ yearGroup: 12, reviews: [final] }), census, today)).toMatchObject({
		PhaseTransferDueDate: '2026-03-30',
		PhaseTransferFinalDate: '2025-12-10',
	})
	// Not an amended plan, or one from before the transfer year, or after the census date: no final date.
	expect(sen2ReviewItems(child({ yearGroup: 7, reviews: [{ ...final, finalAmended: false }] }), census, today).PhaseTransferFinalDate).toBeNull()
	expect(sen2ReviewItems(child({ yearGroup: 7, reviews: [{ ...final, finalIssuedOn: '2025-08-31' }] }), census, today).PhaseTransferFinalDate).toBeNull()
	expect(sen2ReviewItems(child({ yearGroup: 7, reviews: [{ ...final, finalIssuedOn: '2026-01-16' }] }), census, today).PhaseTransferFinalDate).toBeNull()
	// Not a transfer year: blank.
	expect(sen2ReviewItems(child({ yearGroup: 4, reviews: [final] }), census, today)).toMatchObject({
		PhaseTransferDueDate: null,
		PhaseTransferFinalDate: null,
	})
})

test('SEN2 filters: the child’s current school, phase and caseworker; the age on the census date', () => {
	const census = '2026-01-15'
	expect(sen2MatchesFilters(child(), census, { schoolId: 's1', phase: 'PRIMARY', caseworkerId: 'cw1' })).toBe(true)
	expect(sen2MatchesFilters(child(), census, { schoolId: 's2' })).toBe(false)
	expect(sen2MatchesFilters(child({ caseworkerId: null }), census, { caseworkerId: 'none' })).toBe(true)
	expect(sen2MatchesFilters(child({ dateOfBirth: '2015-01-16' }), census, { ageGroup: '5to10' })).toBe(true) // 10 on the census date
	expect(sen2MatchesFilters(child({ dateOfBirth: '2015-01-15' }), census, { ageGroup: '5to10' })).toBe(false) // 11
})

test('SEN2 LastReview for maintain or cease is the day the decision letter was sent', () => {
	const maintain = { meetingOn: '2025-11-10', decidedOn: '2025-11-20', decisionOutcome: 'MAINTAIN' as const }
	expect(sen2ReviewItems(child({ reviews: [review({ ...maintain, decisionLetterSentOn: '2025-12-24' })] }), '2026-01-15', TODAY).LastReview).toBe(
		'2025-12-24',
	)
	expect(sen2ReviewItems(child({ reviews: [review(maintain)] }), '2026-01-15', TODAY).LastReview).toBe('2025-11-20')
	// A letter sent after the census date is not reported (the family was not yet told by then).
	expect(sen2ReviewItems(child({ reviews: [review({ ...maintain, decisionLetterSentOn: '2026-01-16' })] }), '2026-01-15', TODAY).LastReview).toBeNull()
})
