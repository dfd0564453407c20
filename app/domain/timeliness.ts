/**
 * The timeliness figures an SEN manager watches and a council publishes, as pure functions of plain rows.
 *
 * Every figure is defined once, in `membershipsOf`: for one review it says which figures the review
 * counts towards, on which date (the date that places it in a period and a month), and whether it was in
 * time. `computeTimeliness` adds them up in one pass; `listFigure` lists the reviews behind a figure, so a
 * number on the dashboard and the list it links to can never disagree.
 *
 * The periods are the statutory clock's (app/domain/statutory-clock.ts, `DEFAULT_PERIODS`), so a change
 * in the law changes the clocks and these figures together. "Within N days" includes day N: a decision
 * exactly 28 days after the meeting is within 4 weeks (statutory-clock.ts counts the same way).
 *
 * Decisions where the law leaves the question to us (docs/decisions/009-timeliness-figures.md):
 * - A review "due" is one whose 12-month date falls in the period. A plan whose review date has come with no
 *   review record yet (nobody started it) is due too: leaving it out would hide the worst delays.
 * - "Held" means the meeting date is on or before today; a booked meeting still to come is not held.
 * - Reports, decisions and final plans are counted by the date their clock started (the meeting, or the
 *   amendment notice), so a month's figure is final once its clocks have run out. Reports and decisions
 *   still awaited are not in the share (they are in "awaiting decision" and the expected breaches).
 * - A decision counts on the day the family was told of it (`decisionNotifiedOn`), which is what reg 20(10)
 *   times: for 'amend' that is the amendment notice, which comes with the decision (reg 22(2); R (L, M & P) v
 *   Devon CC [2022] EWHC 493 (Admin)), so an amend recorded on day 10 whose notice went on day 45 is late, and
 *   until the notice goes the family is still awaiting the decision. Maintain and cease count the day the decision
 *   letter was sent, whatever decision date was typed (the letter is the written notice the appeal time runs from:
 *   HESC Rules 2008 r.20, app/domain/appeal-deadline.ts); a decision recorded without a letter counts its date.
 * - The 8-week figure counts every final record issued after a notice: a final amended plan or a notice
 *   that the plan will not be amended after all, since reg 22(3)-(4) gives both the same 8 weeks.
 * - Decisions by outcome are counted by the decision date.
 * - Age group is the child's age on the review's due date; school and phase are the school that held
 *   the review (for a review not started, the child's current school); caseworker is the child's current one.
 *
 * The DfE's SEN2 return is not one of these figures: it asks, per child with a plan on its January census
 * date, for dates and a code (see "SEN2" at the end of this file), not whether a review was on time. The
 * council's own on-time measures per review are `onTimeLine`.
 */
import { addDays, daysBetween, daysInMonth, monthName, parseIsoDate, toIsoDate, type IsoDate } from './calendar-date.ts'
import { OPEN_REVIEW_STATUSES, type ReviewStatus } from './review-status.ts'
import { ageOn, DEFAULT_PERIODS, phaseTransferDueOn, phaseTransferFor, transferYearOn, type ClockPeriods, type PhaseTransfer } from './statutory-clock.ts'

// ---------------------------------------------------------------------------------------------------------------
// Input

export type DecisionOutcome = 'MAINTAIN' | 'AMEND' | 'CEASE'

/** One annual review, or a plan whose review is due and not started (`reviewId` null, `status` null). */
export interface TimelinessRow {
	reviewId: string | null
	childId: string
	status: ReviewStatus | null
	dateOfBirth: IsoDate
	schoolId: string | null
	phase: string | null
	caseworkerId: string | null
	/** The 12-month date the review answers (CFA 2014 s.44(1)). */
	dueOn: IsoDate
	meetingOn: IsoDate | null
	reportReceivedOn: IsoDate | null
	decisionOutcome: DecisionOutcome | null
	/** The date of the decision as recorded (it may be earlier than the day the family was told). */
	decidedOn: IsoDate | null
	/**
	 * The day the decision letter (maintain or cease) was sent: its generated document's date in England. null for a
	 * decision recorded without a letter (an amend, or one imported or seeded), which counts its decision date.
	 */
	decisionLetterSentOn: IsoDate | null
	noticeIssuedOn: IsoDate | null
	finalIssuedOn: IsoDate | null
}

/** The steps of a review, none taken yet: a plan whose review is due and not started has these. */
export const NO_STEPS_YET = {
	meetingOn: null,
	reportReceivedOn: null,
	decisionOutcome: null,
	decidedOn: null,
	decisionLetterSentOn: null,
	noticeIssuedOn: null,
	finalIssuedOn: null,
} as const satisfies Partial<TimelinessRow>

export const AGE_GROUPS = {
	under5: { label: 'Under 5', min: 0, max: 4 },
	'5to10': { label: '5 to 10', min: 5, max: 10 },
	'11to15': { label: '11 to 15', min: 11, max: 15 },
	'16to19': { label: '16 to 19', min: 16, max: 19 },
	'20to25': { label: '20 to 25', min: 20, max: 25 },
} as const
export type AgeGroup = keyof typeof AGE_GROUPS
export const AGE_GROUP_IDS = Object.keys(AGE_GROUPS) as AgeGroup[]

export function isAgeGroup(value: unknown): value is AgeGroup {
	return typeof value === 'string' && value in AGE_GROUPS
}

/** The age group on a date (the review's due date); null outside 0-25, the age range of EHC plans. */
export function ageGroupOn(dateOfBirth: IsoDate, on: IsoDate): AgeGroup | null {
	const age = ageOn(dateOfBirth, on)
	return AGE_GROUP_IDS.find((id) => age >= AGE_GROUPS[id].min && age <= AGE_GROUPS[id].max) ?? null
}

export interface TimelinessFilters {
	schoolId?: string | null
	/** A caseworker's id, or 'none' for children with no caseworker. */
	caseworkerId?: string | null
	phase?: string | null
	ageGroup?: AgeGroup | null
}

export function matchesFilters(row: TimelinessRow, filters: TimelinessFilters): boolean {
	if (filters.schoolId && row.schoolId !== filters.schoolId) return false
	if (filters.caseworkerId && row.caseworkerId !== (filters.caseworkerId === 'none' ? null : filters.caseworkerId)) return false
	if (filters.phase && row.phase !== filters.phase) return false
	if (filters.ageGroup && ageGroupOn(row.dateOfBirth, row.dueOn) !== filters.ageGroup) return false
	return true
}

// ---------------------------------------------------------------------------------------------------------------
// The figures, in words

/** Figures over a period: each review is placed in the period (and a month) by one of its dates. */
export const PERIOD_FIGURES = [
	'due',
	'held',
	'not_held',
	'held_on_time',
	'reports_2_weeks',
	'decisions_4_weeks',
	'final_plans_8_weeks',
	'outcome_maintain',
	'outcome_amend',
	'outcome_cease',
] as const
export type PeriodFigureId = (typeof PERIOD_FIGURES)[number]

/** Lists of cases as they stand today, whatever the period. */
export const CURRENT_FIGURES = ['open_by_due', 'awaiting_decision', 'breaches_2_weeks'] as const
export type CurrentFigureId = (typeof CURRENT_FIGURES)[number]

export type FigureId = PeriodFigureId | CurrentFigureId
export const FIGURE_IDS: readonly FigureId[] = [...PERIOD_FIGURES, ...CURRENT_FIGURES]

export function isFigureId(value: unknown): value is FigureId {
	return typeof value === 'string' && (FIGURE_IDS as readonly string[]).includes(value)
}

export interface FigureText {
	label: string
	kind: 'count' | 'share' | 'list'
	/** What is counted, in words, for the page and the CSV. */
	definition: string
	citation: string
	/** What the date that places a review in the period is ("Due date", "Meeting date"...). */
	dateLabel: string
}

/** '4 weeks' */
function weeksWords(days: number): string {
	if (days % 7 !== 0) return `${days} days`
	return days === 7 ? '1 week' : `${days / 7} weeks`
}
/** '4 weeks (28 days)' */
function weeks(days: number): string {
	return days % 7 === 0 ? `${weeksWords(days)} (${days} days)` : `${days} days`
}

export function figureText(periods: ClockPeriods = DEFAULT_PERIODS): Record<FigureId, FigureText> {
	const report = weeks(periods.reportDaysAfterMeeting)
	const decision = weeks(periods.decisionDaysAfterMeeting)
	const final = weeks(periods.finalPlanDaysAfterNotice)
	const reviewCitation = 'Children and Families Act 2014 s.44(1); SEND Code of Practice 9.169'
	return {
		due: {
			label: 'Reviews due',
			kind: 'count',
			definition:
				'Annual reviews whose due date (12 months after the plan was issued or the previous review) falls in the period, including reviews that are due but have not been started.',
			citation: reviewCitation,
			dateLabel: 'Review due',
		},
		held: {
			label: 'Reviews held',
			kind: 'count',
			definition:
				'Of the reviews due in the period, those whose review meeting has taken place (a meeting date on or before today), whenever it was held.',
			citation: reviewCitation,
			dateLabel: 'Review due',
		},
		not_held: {
			label: 'Reviews not held',
			kind: 'count',
			definition: 'Of the reviews due in the period, those whose due date has passed with no review meeting held.',
			citation: reviewCitation,
			dateLabel: 'Review due',
		},
		held_on_time: {
			label: 'Reviews held by their due date',
			kind: 'share',
			definition:
				'Of the reviews due in the period that have been held or whose due date has passed, the share whose meeting was held on or before the due date.',
			citation: reviewCitation,
			dateLabel: 'Review due',
		},
		reports_2_weeks: {
			label: `Review reports within ${weeksWords(periods.reportDaysAfterMeeting)} of the meeting`,
			kind: 'share',
			definition: `Of the reviews whose meeting was held in the period and whose review report has been received, the share received within ${report} of the meeting (on day ${periods.reportDaysAfterMeeting} counts as in time). Reports not yet received are not counted.`,
			citation: 'SEND Regulations 2014 reg 20(7)-(8); SEND Code of Practice 9.176',
			dateLabel: 'Meeting',
		},
		decisions_4_weeks: {
			label: `Decisions within ${weeksWords(periods.decisionDaysAfterMeeting)} of the meeting`,
			kind: 'share',
			definition: `Of the council's decisions (maintain, amend or cease) after review meetings held in the period, the share the family was told of within ${decision} of the meeting (on day ${periods.decisionDaysAfterMeeting} counts as in time): the decision date to maintain or cease, and for a decision to amend the day the amendment notice was sent, since the notice comes with the decision. This is the figure councils publish. Meetings whose family has not yet been told are not counted.`,
			citation: 'SEND Regulations 2014 reg 20(10), reg 22(2); R (L, M & P) v Devon CC [2022] EWHC 493 (Admin)',
			dateLabel: 'Meeting',
		},
		final_plans_8_weeks: {
			label: `Final plans within ${weeksWords(periods.finalPlanDaysAfterNotice)} of the amendment notice`,
			kind: 'share',
			definition: `Of the final amended plans (or notices that the plan will not be amended after all) for amendment notices issued in the period, the share issued within ${final} of the notice (on day ${periods.finalPlanDaysAfterNotice} counts as in time). Plans not yet issued are not counted.`,
			citation: 'SEND Regulations 2014 reg 22(3)-(4)',
			dateLabel: 'Amendment notice',
		},
		outcome_maintain: {
			label: 'Decisions to maintain the plan',
			kind: 'count',
			definition: 'Decisions made in the period (by decision date) to keep the plan as it is.',
			citation: 'SEND Regulations 2014 reg 20(10)',
			dateLabel: 'Decision',
		},
		outcome_amend: {
			label: 'Decisions to amend the plan',
			kind: 'count',
			definition: 'Decisions made in the period (by decision date) to amend the plan.',
			citation: 'SEND Regulations 2014 reg 20(10), reg 22',
			dateLabel: 'Decision',
		},
		outcome_cease: {
			label: 'Decisions to cease the plan',
			kind: 'count',
			definition: 'Decisions made in the period (by decision date) to cease to maintain the plan.',
			citation: 'SEND Regulations 2014 reg 20(10), regs 29-32',
			dateLabel: 'Decision',
		},
		open_by_due: {
			label: 'Oldest open reviews',
			kind: 'list',
			definition: 'Reviews not yet closed, and reviews due by today that have not been started, oldest due date first.',
			citation: reviewCitation,
			dateLabel: 'Review due',
		},
		awaiting_decision: {
			label: 'Longest waiting for a decision',
			kind: 'list',
			definition: `Open reviews whose meeting has been held and whose family has not yet been told of the council's decision (no decision yet, or a decision to amend whose amendment notice has not been sent), oldest meeting first. The decision is due ${decision} after the meeting.`,
			citation: 'SEND Regulations 2014 reg 20(10), reg 22(2)',
			dateLabel: 'Meeting',
		},
		breaches_2_weeks: {
			label: 'Deadlines at risk in the next 2 weeks',
			kind: 'list',
			definition: `Open reviews whose next council deadline falls between today and 14 days from today and has not been met: the decision (${decision} after the meeting), the amendment notice that goes with a decision to amend (also ${decision} after the meeting), or the final amended plan (${final} after the notice).`,
			citation: 'SEND Regulations 2014 reg 20(10), reg 22(2)-(4)',
			dateLabel: 'Deadline',
		},
	}
}

export const FIGURE_TEXT = figureText()

// ---------------------------------------------------------------------------------------------------------------
// Membership: which figures one review counts towards

export interface Membership {
	figure: FigureId
	/** The date that places the review in a period and a month (or, for the lists, sorts it). */
	on: IsoDate
	/** In time (true), late (false), or not a question for this figure (null). */
	within: boolean | null
	/** For the expected breaches: which deadline. */
	deadline?: CouncilDeadline
	/** For the expected breaches and those awaiting a decision: the date the council's deadline falls. */
	deadlineOn?: IsoDate
}

export type CouncilDeadline = 'la_decision' | 'amendment_notice' | 'final_plan'
export const COUNCIL_DEADLINE_LABELS: Record<CouncilDeadline, string> = {
	la_decision: 'Council decision',
	amendment_notice: 'Amendment notice',
	final_plan: 'Final amended plan',
}

/** Deadlines this many days ahead or fewer (today included) are "at risk in the next 2 weeks". */
export const BREACH_WINDOW_DAYS = 14

// 'YYYY-MM-DD' strings sort as the dates do, so comparing them as strings is exact (and, over 25,000 rows, quick).
const onOrBefore = (a: IsoDate, b: IsoDate) => a <= b
const before = (a: IsoDate, b: IsoDate) => a < b
const OPEN: ReadonlySet<string> = new Set(OPEN_REVIEW_STATUSES)

/** The meeting date if the meeting has taken place by `today`. */
function heldOn(row: Pick<TimelinessRow, 'meetingOn'>, today: IsoDate): IsoDate | null {
	return row.meetingOn !== null && onOrBefore(row.meetingOn, today) ? row.meetingOn : null
}

/**
 * The day the family was told of the council's decision, which reg 20(10) requires within 4 weeks of the meeting:
 * for a decision to amend, the day the amendment notice was sent (reg 22(2): the notice comes with the decision,
 * R (L, M & P) v Devon CC [2022] EWHC 493 (Admin)); for maintain or cease, the day the decision letter was sent
 * (the written notice, HESC Rules 2008 r.20; a decision date typed earlier is not the day the family was told), or
 * the decision date for a decision recorded without a letter. null while the family has not been told (no
 * decision, or an amend whose notice has not gone). The one definition of "told" for every figure, list and export,
 * SEN2's included.
 */
export function decisionNotifiedOn(row: Pick<TimelinessRow, 'decisionOutcome' | 'decidedOn' | 'decisionLetterSentOn' | 'noticeIssuedOn'>): IsoDate | null {
	if (row.decidedOn === null || row.decisionOutcome === null) return null
	return row.decisionOutcome === 'AMEND' ? row.noticeIssuedOn : (row.decisionLetterSentOn ?? row.decidedOn)
}

/** Whether the family was told of the decision within 4 weeks of the meeting (day 28 counts); null while not told. */
export function notifiedWithinDecisionPeriod(
	row: Pick<TimelinessRow, 'meetingOn' | 'decisionOutcome' | 'decidedOn' | 'decisionLetterSentOn' | 'noticeIssuedOn'>,
	periods: ClockPeriods = DEFAULT_PERIODS,
): boolean | null {
	const told = decisionNotifiedOn(row)
	if (told === null || row.meetingOn === null) return null
	return onOrBefore(told, addDays(row.meetingOn, periods.decisionDaysAfterMeeting))
}

/** The council's next statutory deadline on an open review, if one is running and not met. */
export function nextCouncilDeadline(
	row: TimelinessRow,
	today: IsoDate,
	periods: ClockPeriods = DEFAULT_PERIODS,
): { id: CouncilDeadline; dueOn: IsoDate } | null {
	if (row.status === null || !OPEN.has(row.status)) return null
	const meeting = heldOn(row, today)
	if (meeting === null) return null
	// reg 20(10): the decision within 4 weeks of the meeting.
	if (row.decidedOn === null) return { id: 'la_decision', dueOn: addDays(meeting, periods.decisionDaysAfterMeeting) }
	// reg 22(2); R (L, M & P) v Devon CC [2022]: the amendment notice goes with the decision to amend.
	if (row.decisionOutcome === 'AMEND' && row.noticeIssuedOn === null)
		return { id: 'amendment_notice', dueOn: addDays(meeting, periods.decisionDaysAfterMeeting) }
	// reg 22(3)-(4): the final plan within 8 weeks of the notice.
	if (row.noticeIssuedOn !== null && row.finalIssuedOn === null)
		return { id: 'final_plan', dueOn: addDays(row.noticeIssuedOn, periods.finalPlanDaysAfterNotice) }
	return null
}

/** Every figure one review counts towards: the single definition of each figure. */
export function membershipsOf(row: TimelinessRow, today: IsoDate, periods: ClockPeriods = DEFAULT_PERIODS): Membership[] {
	const out: Membership[] = []
	const meeting = heldOn(row, today)
	const duePassed = before(row.dueOn, today)

	// s.44(1): the cohort of reviews due, placed by the due date.
	out.push({ figure: 'due', on: row.dueOn, within: null })
	if (meeting !== null) out.push({ figure: 'held', on: row.dueOn, within: onOrBefore(meeting, row.dueOn) })
	else if (duePassed) out.push({ figure: 'not_held', on: row.dueOn, within: false })
	if (meeting !== null || duePassed) out.push({ figure: 'held_on_time', on: row.dueOn, within: meeting !== null && onOrBefore(meeting, row.dueOn) })

	if (meeting !== null) {
		// reg 20(7)-(8): the report within 2 weeks of the meeting, among reports received.
		if (row.reportReceivedOn !== null) {
			out.push({ figure: 'reports_2_weeks', on: meeting, within: onOrBefore(row.reportReceivedOn, addDays(meeting, periods.reportDaysAfterMeeting)) })
		}
		// reg 20(10): the family told of the decision within 4 weeks of the meeting, among decisions told; for an
		// amend, by the amendment notice (reg 22(2); Devon [2022]).
		const within = notifiedWithinDecisionPeriod(row, periods)
		if (within !== null) out.push({ figure: 'decisions_4_weeks', on: meeting, within })
	}
	// reg 22(3)-(4): the final plan within 8 weeks of the amendment notice, among final plans issued.
	if (row.noticeIssuedOn !== null && row.finalIssuedOn !== null) {
		out.push({
			figure: 'final_plans_8_weeks',
			on: row.noticeIssuedOn,
			within: onOrBefore(row.finalIssuedOn, addDays(row.noticeIssuedOn, periods.finalPlanDaysAfterNotice)),
		})
	}
	if (row.decidedOn !== null && row.decisionOutcome !== null) {
		const figure = ({ MAINTAIN: 'outcome_maintain', AMEND: 'outcome_amend', CEASE: 'outcome_cease' } as const)[row.decisionOutcome]
		out.push({ figure, on: row.decidedOn, within: null })
	}

	// Cases as they stand today.
	const open = row.status === null ? onOrBefore(row.dueOn, today) : OPEN.has(row.status)
	if (open) out.push({ figure: 'open_by_due', on: row.dueOn, within: null })
	if (row.status !== null && OPEN.has(row.status) && meeting !== null && decisionNotifiedOn(row) === null) {
		// Not yet told: no decision, or an amend whose notice has not gone (the notice is then what is due).
		const decisionDueOn = addDays(meeting, periods.decisionDaysAfterMeeting)
		const deadline: CouncilDeadline = row.decidedOn === null ? 'la_decision' : 'amendment_notice'
		out.push({ figure: 'awaiting_decision', on: meeting, within: onOrBefore(today, decisionDueOn), deadline, deadlineOn: decisionDueOn })
	}
	const next = nextCouncilDeadline(row, today, periods)
	if (next && onOrBefore(today, next.dueOn) && daysBetween(today, next.dueOn) <= BREACH_WINDOW_DAYS) {
		out.push({ figure: 'breaches_2_weeks', on: next.dueOn, within: null, deadline: next.id, deadlineOn: next.dueOn })
	}
	return out
}

// ---------------------------------------------------------------------------------------------------------------
// Periods and months

export type Month = string // 'YYYY-MM'

export const MONTH_PATTERN = /^(\d{4})-(0[1-9]|1[0-2])$/

export function monthOf(date: IsoDate): Month {
	return date.slice(0, 7)
}
export function firstDayOf(month: Month): IsoDate {
	return `${month}-01`
}
export function lastDayOf(month: Month): IsoDate {
	const { year, month: m } = parseIsoDate(firstDayOf(month))
	return toIsoDate(year, m, daysInMonth(year, m))
}
export function addMonthsTo(month: Month, n: number): Month {
	const { year, month: m } = parseIsoDate(firstDayOf(month))
	const index = year * 12 + (m - 1) + n
	return toIsoDate(Math.floor(index / 12), (index % 12) + 1, 1).slice(0, 7)
}
/** 'November 2025' */
export function monthLabel(month: Month): string {
	const { year, month: m } = parseIsoDate(firstDayOf(month))
	return `${monthName(m)} ${year}`
}
/** 'Nov 2025', for chart axes. */
export function shortMonthLabel(month: Month): string {
	const { year, month: m } = parseIsoDate(firstDayOf(month))
	return `${monthName(m).slice(0, 3)} ${year}`
}
export function monthsBetween(from: Month, to: Month): Month[] {
	const months: Month[] = []
	for (let m = from; m <= to && months.length < 600; m = addMonthsTo(m, 1)) months.push(m)
	return months
}

/** The default period: the last 12 complete calendar months before today's month. */
export function defaultPeriod(today: IsoDate): { from: Month; to: Month } {
	const current = monthOf(today)
	return { from: addMonthsTo(current, -12), to: addMonthsTo(current, -1) }
}

// ---------------------------------------------------------------------------------------------------------------
// Adding up

export type FigureValue = { kind: 'count'; value: number } | { kind: 'share'; within: number; total: number; percent: number | null }

export interface MonthFigures {
	month: Month
	label: string
	figures: Record<PeriodFigureId, FigureValue>
}

export interface ListedReview {
	row: TimelinessRow
	on: IsoDate
	within: boolean | null
	deadline?: CouncilDeadline
	deadlineOn?: IsoDate
}

export interface TimelinessReport {
	from: IsoDate
	to: IsoDate
	today: IsoDate
	figures: Record<PeriodFigureId, FigureValue>
	months: MonthFigures[]
	/** Today's cases: the first 10 of each list and how many there are in all. */
	current: Record<CurrentFigureId, { total: number; top: ListedReview[] }>
}

export interface TimelinessOptions {
	/** First and last day of the period, inclusive. */
	from: IsoDate
	to: IsoDate
	today: IsoDate
	filters?: TimelinessFilters
	periods?: ClockPeriods
}

/** Whole per cent, rounded half up; null when there is nothing to divide. */
export function percent(within: number, total: number): number | null {
	return total === 0 ? null : Math.round((within * 100) / total)
}

function emptyFigures(): Record<PeriodFigureId, FigureValue> {
	const text = FIGURE_TEXT
	return Object.fromEntries(
		PERIOD_FIGURES.map((id) => [id, text[id].kind === 'share' ? { kind: 'share', within: 0, total: 0, percent: null } : { kind: 'count', value: 0 }]),
	) as Record<PeriodFigureId, FigureValue>
}

function add(value: FigureValue, within: boolean | null) {
	if (value.kind === 'count') value.value += 1
	else {
		value.total += 1
		if (within) value.within += 1
	}
}

function finish(figures: Record<PeriodFigureId, FigureValue>) {
	for (const value of Object.values(figures)) if (value.kind === 'share') value.percent = percent(value.within, value.total)
}

const isPeriodFigure = (figure: FigureId): figure is PeriodFigureId => (PERIOD_FIGURES as readonly string[]).includes(figure)

/** The figures for a period and each of its months, and today's lists, in one pass over the rows. */
export function computeTimeliness(rows: Iterable<TimelinessRow>, options: TimelinessOptions): TimelinessReport {
	const { from, to, today, filters = {}, periods = DEFAULT_PERIODS } = options
	const figures = emptyFigures()
	const months: MonthFigures[] = monthsBetween(monthOf(from), monthOf(to)).map((month) => ({ month, label: monthLabel(month), figures: emptyFigures() }))
	const monthIndex = new Map(months.map((m, i) => [m.month, i]))
	const lists: Record<CurrentFigureId, ListedReview[]> = { open_by_due: [], awaiting_decision: [], breaches_2_weeks: [] }

	for (const row of rows) {
		if (!matchesFilters(row, filters)) continue
		for (const m of membershipsOf(row, today, periods)) {
			if (isPeriodFigure(m.figure)) {
				if (m.on < from || m.on > to) continue // ISO dates compare as strings
				add(figures[m.figure], m.within)
				const i = monthIndex.get(monthOf(m.on))
				if (i !== undefined) add(months[i]!.figures[m.figure], m.within)
			} else {
				lists[m.figure].push({ row, on: m.on, within: m.within, deadline: m.deadline, deadlineOn: m.deadlineOn })
			}
		}
	}
	finish(figures)
	for (const month of months) finish(month.figures)
	const current = Object.fromEntries(
		CURRENT_FIGURES.map((id) => {
			const list = lists[id].sort(byDate)
			return [id, { total: list.length, top: list.slice(0, 10) }]
		}),
	) as TimelinessReport['current']
	return { from, to, today, figures, months, current }
}

function byDate(a: ListedReview, b: ListedReview): number {
	return a.on < b.on ? -1 : a.on > b.on ? 1 : (a.row.reviewId ?? a.row.childId) < (b.row.reviewId ?? b.row.childId) ? -1 : 1
}

/**
 * The reviews behind one figure, oldest date first: for a period figure those placed in the period,
 * for today's lists all of them. `within` narrows a share to the reviews in time (true) or late (false).
 */
export function listFigure(rows: Iterable<TimelinessRow>, figure: FigureId, options: TimelinessOptions & { within?: boolean | null }): ListedReview[] {
	const { from, to, today, filters = {}, periods = DEFAULT_PERIODS, within = null } = options
	const out: ListedReview[] = []
	for (const row of rows) {
		if (!matchesFilters(row, filters)) continue
		for (const m of membershipsOf(row, today, periods)) {
			if (m.figure !== figure) continue
			if (isPeriodFigure(figure) && (m.on < from || m.on > to)) continue
			if (within !== null && m.within !== within) continue
			out.push({ row, on: m.on, within: m.within, deadline: m.deadline, deadlineOn: m.deadlineOn })
		}
	}
	return out.sort(byDate)
}

// ---------------------------------------------------------------------------------------------------------------
// The council's own on-time measures, one line per review due in the period (not the DfE's SEN2 return)

export interface OnTimeLine {
	dueOn: IsoDate
	meetingHeldOn: IsoDate | null
	/** 'Y' held on or before the due date; 'N' held later, or not held and the due date has passed; '' not yet due. */
	heldOnTime: 'Y' | 'N' | ''
	decidedOn: IsoDate | null
	decisionOutcome: DecisionOutcome | null
	/** The day the family was told (`decisionNotifiedOn`). */
	notifiedOn: IsoDate | null
	/** 'Y' told within 4 weeks of the meeting; 'N' told later, or not told and the 4 weeks are over; '' otherwise. */
	notifiedWithin4Weeks: 'Y' | 'N' | ''
}

export function onTimeLine(row: TimelinessRow, today: IsoDate, periods: ClockPeriods = DEFAULT_PERIODS): OnTimeLine {
	const meeting = heldOn(row, today)
	const notifiedOn = decisionNotifiedOn(row)
	let notifiedWithin4Weeks: OnTimeLine['notifiedWithin4Weeks'] = ''
	if (meeting !== null) {
		const decisionDue = addDays(meeting, periods.decisionDaysAfterMeeting)
		if (notifiedOn !== null) notifiedWithin4Weeks = onOrBefore(notifiedOn, decisionDue) ? 'Y' : 'N'
		else if (before(decisionDue, today)) notifiedWithin4Weeks = 'N'
	}
	let heldOnTime: OnTimeLine['heldOnTime'] = ''
	if (meeting !== null) heldOnTime = onOrBefore(meeting, row.dueOn) ? 'Y' : 'N'
	else if (before(row.dueOn, today)) heldOnTime = 'N'
	return {
		dueOn: row.dueOn,
		meetingHeldOn: meeting,
		heldOnTime,
		decidedOn: row.decidedOn,
		decisionOutcome: row.decisionOutcome,
		notifiedOn,
		notifiedWithin4Weeks,
	}
}

/** The reviews of the on-time lines: those due in the period, by due date. */
export function reviewsDueIn(rows: Iterable<TimelinessRow>, options: TimelinessOptions): TimelinessRow[] {
	return listFigure(rows, 'due', options).map((l) => l.row)
}

// ---------------------------------------------------------------------------------------------------------------
// SEN2: the annual review items of the DfE's SEN2 person-level return, as the DfE defines them
//
// SEN2 is a census of the plans active on its census date in January, one record per child. For each it asks,
// among other things, for these annual review items (module 5, "active plans"; XML element names as the DfE's
// SEN2 technical specification and the SEN2 Blade CSV spell them):
//   ReviewMeeting          annual review meeting date: the latest review meeting on or before the census date
//   ReviewOutcome          annual review decision after that meeting: A amend, C cease, M maintain; blank if
//                          none was recorded by the census date
//   LastReview             annual review decision date: the date the council notified the parent or young
//                          person of that decision (for amend, the amendment notice: `decisionNotifiedOn`)
//   ReviewDraft            the date the draft amended plan (the amendment notice) was issued
//   PhaseTransferDueDate   for a child within 12 months of a transfer between phases: the date by which the
//                          amended plan naming the new setting was due (reg 18(1), as the clock reads it)
//   PhaseTransferFinalDate the date that final amended plan was issued
// Dates after the census date are not reported. SEN2 does not ask whether a review was held on time: that is the
// council's own measure (`onTimeLine`, and the figures above).
//
// Sources, read December 2026: the item names and labels from the SEN2 2025 person-level return as read by
// MastodonC/witan.sen2 (src/witan/sen2/return/person_level/blade/pre_submission.clj, which cites the DfE's
// "Special educational needs person level survey 2025: guide" v1.4); the codes A / C / M, the latest meeting on or
// before the census date and the notification date from Capita One's SEN2 tool notes (onepublications.com,
// SEN2_Tool items 5.4 ReviewMeeting, 5.5 ReviewOutcome, 5.6 LastReview). The DfE guide itself could not be read
// here: check the codes and the census date against it before a submission.

export const SEN2_OUTCOME_CODES = { AMEND: 'A', CEASE: 'C', MAINTAIN: 'M' } as const satisfies Record<DecisionOutcome, string>
export type Sen2OutcomeCode = (typeof SEN2_OUTCOME_CODES)[DecisionOutcome]

/** The SEN2 items of one child, in the return's order, with the return's element names. */
export const SEN2_REVIEW_ITEMS = ['ReviewMeeting', 'ReviewOutcome', 'LastReview', 'ReviewDraft', 'PhaseTransferDueDate', 'PhaseTransferFinalDate'] as const
export type Sen2ReviewItems = {
	ReviewMeeting: IsoDate | null
	ReviewOutcome: Sen2OutcomeCode | null
	LastReview: IsoDate | null
	ReviewDraft: IsoDate | null
	PhaseTransferDueDate: IsoDate | null
	PhaseTransferFinalDate: IsoDate | null
}

/**
 * The SEN2 census date of a year: the third Thursday of January (16 January 2025, 15 January 2026). Taken from the
 * dates of recent returns, not from the guide itself: the export lets the census date be chosen.
 */
export function sen2CensusDateOf(year: number): IsoDate {
	const weekdayOfFirst = new Date(Date.UTC(year, 0, 1)).getUTCDay() // 0 Sunday ... 4 Thursday
	const firstThursday = 1 + ((4 - weekdayOfFirst + 7) % 7)
	return toIsoDate(year, 1, firstThursday + 14)
}

/** The latest census date on or before today. */
export function latestSen2CensusDate(today: IsoDate): IsoDate {
	const year = parseIsoDate(today).year
	const census = sen2CensusDateOf(year)
	return onOrBefore(census, today) ? census : sen2CensusDateOf(year - 1)
}

/** One annual review of a child, as SEN2 needs it. */
export interface Sen2Review {
	meetingOn: IsoDate | null
	decisionOutcome: DecisionOutcome | null
	decidedOn: IsoDate | null
	/** The day the decision letter was sent (TimelinessRow.decisionLetterSentOn). */
	decisionLetterSentOn: IsoDate | null
	noticeIssuedOn: IsoDate | null
	finalIssuedOn: IsoDate | null
	/** The final record was an amended plan (false: a decision not to amend after all). */
	finalAmended: boolean | null
}

/** A child with a plan, and every review of it the census could need. */
export interface Sen2Child {
	childId: string
	dateOfBirth: IsoDate
	yearGroup: number | null
	/** Child.phaseTransfer as stored: 'SCHOOL' | 'POST16' | null, which speaks for the current academic year. */
	phaseTransfer: string | null
	schoolId: string | null
	phase: string | null
	caseworkerId: string | null
	planIssuedOn: IsoDate
	/** The plan's last review meeting as stored; it may be a review held before the portal. */
	planLastReviewOn: IsoDate | null
	/** 'ACTIVE' | 'CEASED' */
	planStatus: string
	reviews: Sen2Review[]
}

/**
 * Whether the plan was in force on the census date: issued on or before it and not ceased by then. A ceased plan
 * counts until its cease decision; one ceased with no decision in the portal cannot be dated and is left out.
 */
export function activeOnCensusDate(child: Sen2Child, census: IsoDate): boolean {
	if (!onOrBefore(child.planIssuedOn, census)) return false
	if (child.planStatus === 'ACTIVE') return true
	const ceasedOn = child.reviews
		.filter((r) => r.decisionOutcome === 'CEASE' && r.decidedOn !== null)
		.map((r) => r.decidedOn!)
		.sort()
		.at(-1)
	return ceasedOn !== undefined && before(census, ceasedOn)
}

/**
 * The transfer between phases the child was within 12 months of on the census date. The stored flag speaks for
 * the current academic year only; for an earlier census the year group is moved back by the years between.
 */
export function phaseTransferOnCensusDate(child: Pick<Sen2Child, 'yearGroup' | 'phaseTransfer'>, census: IsoDate, today: IsoDate): PhaseTransfer | null {
	const yearsBack = transferYearOn(today) - transferYearOn(census)
	if (yearsBack === 0) {
		const flag = child.phaseTransfer === 'POST16' ? 'post16' : child.phaseTransfer === 'SCHOOL' ? 'school' : undefined
		return phaseTransferFor({ yearGroup: child.yearGroup, phaseTransfer: flag })
	}
	if (child.yearGroup === null) return null
	return phaseTransferFor({ yearGroup: child.yearGroup - yearsBack })
}

/** The annual review items of one child's SEN2 record, as on the census date. */
export function sen2ReviewItems(child: Sen2Child, census: IsoDate, today: IsoDate, periods: ClockPeriods = DEFAULT_PERIODS): Sen2ReviewItems {
	const by = (date: IsoDate | null): IsoDate | null => (date !== null && onOrBefore(date, census) ? date : null)
	// The latest review meeting on or before the census date: the portal's reviews, or the plan's record of one
	// held before the portal.
	const held = child.reviews.filter((r) => by(r.meetingOn) !== null).sort((a, b) => (a.meetingOn! < b.meetingOn! ? -1 : 1))
	const latest = held.at(-1) ?? null
	const planMeeting = by(child.planLastReviewOn)
	const fromPlanOnly = planMeeting !== null && (latest === null || before(latest.meetingOn!, planMeeting))
	const review = fromPlanOnly ? null : latest
	const decided = review !== null && by(review.decidedOn) !== null && review.decisionOutcome !== null
	const items: Sen2ReviewItems = {
		ReviewMeeting: fromPlanOnly ? planMeeting : (review?.meetingOn ?? null),
		ReviewOutcome: decided ? SEN2_OUTCOME_CODES[review!.decisionOutcome!] : null,
		LastReview: review ? by(decisionNotifiedOn(review)) : null,
		ReviewDraft: review ? by(review.noticeIssuedOn) : null,
		PhaseTransferDueDate: null,
		PhaseTransferFinalDate: null,
	}
	// reg 18(1): within 12 months of a transfer, the plan naming the new setting is due before 15 February (31 March).
	const transfer = phaseTransferOnCensusDate(child, census, today)
	if (transfer !== null) {
		const transferYear = transferYearOn(census)
		items.PhaseTransferDueDate = phaseTransferDueOn(transferYear, transfer, periods)
		const yearStart = toIsoDate(transferYear - 1, 9, 1)
		items.PhaseTransferFinalDate =
			child.reviews
				.filter((r) => r.finalAmended === true && by(r.finalIssuedOn) !== null && onOrBefore(yearStart, r.finalIssuedOn!))
				.map((r) => r.finalIssuedOn!)
				.sort()
				.at(-1) ?? null
	}
	return items
}

/** The dashboard's filters for SEN2: the child's current school, phase and caseworker; the age on the census date. */
export function sen2MatchesFilters(child: Sen2Child, census: IsoDate, filters: TimelinessFilters): boolean {
	if (filters.schoolId && child.schoolId !== filters.schoolId) return false
	if (filters.caseworkerId && child.caseworkerId !== (filters.caseworkerId === 'none' ? null : filters.caseworkerId)) return false
	if (filters.phase && child.phase !== filters.phase) return false
	if (filters.ageGroup && ageGroupOn(child.dateOfBirth, census) !== filters.ageGroup) return false
	return true
}

/** '47% (23 of 49)', or 'No reviews' when there is nothing to count. */
export function describeValue(value: FigureValue): string {
	if (value.kind === 'count') return value.value.toLocaleString('en-GB')
	if (value.percent === null) return 'None to count'
	return `${value.percent}% (${value.within.toLocaleString('en-GB')} of ${value.total.toLocaleString('en-GB')})`
}
