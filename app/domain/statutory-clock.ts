/**
 * The statutory clocks of an EHC plan annual review in England, as pure functions.
 *
 * Sources: Children and Families Act 2014 s.44; Special Educational Needs and Disability
 * Regulations 2014 (SI 2014/1530) regs 2, 18, 20 and 22; SEND Code of Practice 0-25 (2015) ch. 9.
 * Every period is configurable through `ClockPeriods` (the DfE consulted in 2022 on changing some
 * of them and the 2026 White Paper proposes reform); `DEFAULT_PERIODS` holds the law as it stands.
 *
 * How the clocks are counted
 * - All periods are calendar days, weeks or months on dates in England (Europe/London). Weekends
 *   and bank holidays count and never move a deadline: a meeting held on a Saturday starts the
 *   same clocks as one held on a weekday. Callers work out `today` with `todayInLondon`.
 * - "Within N weeks of the meeting" ends N x 7 days after it (meeting 1 March -> report by
 *   15 March); "at least 2 weeks before the meeting" ends 14 days before it (meeting 15 March ->
 *   invitations by 1 March). "Within 12 months of" ends on the corresponding date 12 months
 *   later, clamped to the end of a shorter month (29 February 2024 -> 28 February 2025).
 * - A recorded event counts once its date is on or before `today`; a date still in the future
 *   (for `meetingOn`, a meeting that is booked but not yet held) has not happened yet.
 *
 * Where the law leaves a choice, the reading taken (decided for issue 12, December 2026). Both times we take the
 * earlier of the two readings, so a council that meets the date shown is on time whichever reading a tribunal or
 * the DfE takes; a product that prints the later date could let a council be late by a day without knowing it.
 * - The 12-month review: CFA 2014 s.44(1) requires a review "in the period of 12 months starting with" the day
 *   the plan was first made, then "starting with" the day it was last reviewed. A period that starts with a day
 *   includes that day (Zoan v Rouamba [2000] 1 WLR 1509 (CA); the same counting as "beginning with the day" in
 *   reg 22(2)(c) below), so it ends on the day before the anniversary: plan made 10 March 2026 -> review by
 *   9 March 2027, not 10 March (CoP 9.169's "within 12 months of" would allow the anniversary itself). From 29
 *   February the anniversary is clamped to 28 February first, so the last day is 27 February.
 * - Phase transfer: reg 18(1) requires the plan to be reviewed and amended "before 15 February" (or "before
 *   31 March" for secondary to post-16) in the calendar year of the transfer. "Before" excludes the day itself, so
 *   the last day is 14 February (30 March); CoP 9.179's "by 15 February" is guidance and gives way to the
 *   regulation. `DEFAULT_PERIODS` keeps the dates as the regulation names them; the deadline is the day before.
 * - The under-5s review (CoP 9.178, advisory, "every 3 to 6 months") is not a statutory period: it is shown 6
 *   months after the date the review's 12 months started, on the anniversary of months.
 *
 * Whose dates the clocks read: a review's own. `reviewDueOn` is the 12-month date this review answers, stored on
 * the review when it started (AnnualReview.dueOn); a closed review keeps it, although the decision or final plan
 * that closed it moved the plan's own dates (EhcPlan.lastReviewOn, reviewDueOn) on to the next cycle. Without it
 * (a plan whose review has not started) the date is worked out from the plan's issue and last review.
 *
 * Which deadlines appear (decisions where the law leaves the question to us)
 * - A deadline that cannot be dated, or that does not apply to this review, is omitted:
 *   invitations, advice, report, decision and amendment notice need `meetingOn`;
 *   the amendment notice appears only with an 'amend' decision (or once a notice was sent);
 *   representations and the final plan appear only once the amendment notice was sent;
 *   the under-5s review only while the child is under 5 on `today`;
 *   phase transfer only in the academic year before a transfer (see `phaseTransferFor`).
 * - 'not_started' means the deadline is dated but its clock starts at the meeting, which is booked
 *   and not yet held (report, decision, amendment notice). Deadlines counted back from the meeting
 *   (invitations, advice) run as soon as the meeting is booked.
 * - The review is "held" on the date of the review meeting, which is what meets `review_due`
 *   (and the advisory under-5s review) and what the next 12 months run from. A review held after its due date
 *   is 'met' with `daysLate`, and shown red: the deadline was missed, whatever happened afterwards.
 * - Representations are the family's period, not the council's: it is never 'missed'. It is open
 *   (due / due_soon) until its last day, then 'met' with `metOn` = its last day ("Closed on").
 * - The phase transfer deadline is met by a final amended plan issued during the 12 months before
 *   the transfer (reg 18 applies "within 12 months of a transfer"); a decision not to amend does
 *   not meet it, because the plan has to name the new school.
 */
import {
	addDays,
	addMonths,
	compareDates,
	daysBetween,
	daysInMonth,
	formatDate,
	isAfter,
	monthName,
	parseIsoDate,
	toIsoDate,
	type IsoDate,
} from './calendar-date'

export type DeadlineId =
	| 'review_due'
	| 'under5_review'
	| 'invitations'
	| 'advice_circulated'
	| 'review_report'
	| 'la_decision'
	| 'amendment_notice'
	| 'representations'
	| 'final_plan'
	| 'phase_transfer'

export type DeadlineState = 'not_started' | 'due' | 'due_soon' | 'met' | 'missed'

export type PhaseTransfer = 'school' | 'post16'

export interface ReviewFacts {
	today: IsoDate
	/** The date the plan was first issued (an amended plan does not restart the 12-month clock). */
	planIssuedOn: IsoDate
	/** Meeting date of the previous annual review, if there has been one. */
	lastReviewMeetingOn?: IsoDate | null
	/**
	 * The 12-month date this review answers, as stored when it started (AnnualReview.dueOn). When given it is the
	 * review's due date, whatever the plan's dates say now (a later step moves them on to the next cycle).
	 */
	reviewDueOn?: IsoDate | null
	dateOfBirth: IsoDate
	/** National Curriculum year: -2 = nursery (2-year-olds), -1 = nursery, 0 = Reception, 1..13, 14 = post-19. */
	yearGroup: number | null
	/**
	 * The child moves phase next September: 'school' (15 February deadline) or 'post16' (31 March).
	 * null = not a transfer year; undefined = work it out from `yearGroup` (see `phaseTransferFor`).
	 */
	phaseTransfer?: PhaseTransfer | null
	/** This review's meeting: held if on or before `today`, booked if later. */
	meetingOn?: IsoDate | null
	invitationsSentOn?: IsoDate | null
	adviceCirculatedOn?: IsoDate | null
	reportReceivedOn?: IsoDate | null
	/** The LA's decision notified to the parent or young person and the head teacher. */
	decisionOn?: IsoDate | null
	decision?: 'maintain' | 'amend' | 'cease' | null
	/** The amendment notice (proposed amendments with the evidence) served on the family. */
	amendmentNoticeSentOn?: IsoDate | null
	/** Final amended plan issued, or decision not to amend after all notified. */
	finalIssuedOn?: IsoDate | null
}

export interface Deadline {
	id: DeadlineId
	/** Plain English, e.g. 'Council decision'. */
	label: string
	/** One sentence saying what the law requires, with the configured periods. */
	rule: string
	citation: string
	dueOn: IsoDate
	state: DeadlineState
	/** dueOn - today in calendar days; negative once the date has passed. */
	daysLeft: number
	metOn: IsoDate | null
	/** Days after dueOn that it was met, or has been missed by; null when on time or still open. */
	daysLate: number | null
}

export interface DayOfYear {
	month: number
	day: number
}

export interface ClockPeriods {
	reviewMonths: number
	under5ReviewMonths: number
	noticeDaysBeforeMeeting: number
	adviceDaysBeforeMeeting: number
	reportDaysAfterMeeting: number
	decisionDaysAfterMeeting: number
	representationDays: number
	finalPlanDaysAfterNotice: number
	/** A deadline this many days away or fewer is 'due_soon' (amber). */
	dueSoonDays: number
	/** The date in reg 18(1)(b): the plan naming the new school is finalised before it (so by the day before). */
	phaseTransferSchool: DayOfYear
	/** The date in reg 18(1)(a), secondary school to post-16: likewise, the day before is the last day. */
	phaseTransferPost16: DayOfYear
}

export const DEFAULT_PERIODS: ClockPeriods = Object.freeze({
	// Review in the 12 months starting with the day the plan was made, then with each previous review: CFA 2014
	// s.44(1); CoP 9.169. The last day is the day before the anniversary (see the top of this file).
	reviewMonths: 12,
	// For children under 5 the LA should consider reviewing every 3 to 6 months: CoP 9.178.
	under5ReviewMonths: 6,
	// Invitations to the meeting at least 2 weeks before it: SEND Regs 2014 reg 20(3).
	noticeDaysBeforeMeeting: 14,
	// Advice and information circulated at least 2 weeks before the meeting: reg 20(4).
	adviceDaysBeforeMeeting: 14,
	// Review report within 2 weeks of the meeting: reg 20(7)-(8); CoP 9.176.
	reportDaysAfterMeeting: 14,
	// LA decision within 4 weeks of the meeting: reg 20(10); CoP 9.176. The amendment notice goes with
	// an 'amend' decision (reg 22(2); R (L, M & P) v Devon CC [2022] EWHC 493 (Admin)).
	decisionDaysAfterMeeting: 28,
	// At least 15 days, beginning with the day the draft was served, for representations: reg 22(2)(c).
	representationDays: 15,
	// Final amended plan, or notice of a decision not to amend, within 8 weeks of the amendment notice: reg 22(3)-(4).
	finalPlanDaysAfterNotice: 56,
	dueSoonDays: 7,
	// Phase transfer: plan finalised before 15 February in the calendar year of the transfer, or before 31 March
	// for secondary school to a post-16 institution: reg 18(1). The deadline is the day before each date.
	phaseTransferSchool: Object.freeze({ month: 2, day: 15 }),
	phaseTransferPost16: Object.freeze({ month: 3, day: 31 }),
})

function describeDays(days: number): string {
	if (days !== 0 && days % 7 === 0) return days === 7 ? '1 week' : `${days / 7} weeks`
	return days === 1 ? '1 day' : `${days} days`
}

function describeMonths(months: number): string {
	return months === 1 ? '1 month' : `${months} months`
}

function describeDayOfYear({ month, day }: DayOfYear): string {
	return `${day} ${monthName(month)}`
}

/** '14 February': the day before a date of the year, the last day of a deadline set as "before" it. */
function describeDayBefore({ month, day }: DayOfYear): string {
	if (day > 1) return `${day - 1} ${monthName(month)}`
	return `the last day of ${monthName(month === 1 ? 12 : month - 1)}`
}

interface DeadlineText {
	label: string
	rule: (periods: ClockPeriods, transfer: PhaseTransfer | null) => string
	citation: (transfer: PhaseTransfer | null) => string
}

const DEADLINE_TEXT: Record<DeadlineId, DeadlineText> = {
	review_due: {
		label: 'Annual review meeting',
		rule: (p) =>
			`The plan must be reviewed in the ${describeMonths(p.reviewMonths)} starting with the day it was issued, then in the ${describeMonths(p.reviewMonths)} starting with the previous review, so by the day before the anniversary; issuing an amended plan does not restart this clock.`,
		citation: () => 'Children and Families Act 2014 s.44(1); SEND Code of Practice 9.169',
	},
	under5_review: {
		label: 'Early years review (advisory)',
		rule: (p) =>
			`For a child under 5 the council should consider reviewing the plan every 3 to 6 months; this portal uses ${describeMonths(p.under5ReviewMonths)}.`,
		citation: () => 'SEND Code of Practice 9.178',
	},
	invitations: {
		label: 'Meeting invitations sent',
		rule: (p) => `Everyone who must be invited to the review meeting must be invited at least ${describeDays(p.noticeDaysBeforeMeeting)} before it.`,
		citation: () => 'SEND Regulations 2014 reg 20(3)',
	},
	advice_circulated: {
		label: 'Advice circulated',
		rule: (p) =>
			`Advice and information from everyone invited must be sent to all of them at least ${describeDays(p.adviceDaysBeforeMeeting)} before the meeting.`,
		citation: () => 'SEND Regulations 2014 reg 20(4)',
	},
	review_report: {
		label: 'Review report sent',
		rule: (p) =>
			`The school must send the review report, with any recommended amendments and differences of view, to the council and everyone invited within ${describeDays(p.reportDaysAfterMeeting)} of the meeting.`,
		citation: () => 'SEND Regulations 2014 reg 20(7)-(8); SEND Code of Practice 9.176',
	},
	la_decision: {
		label: 'Council decision',
		rule: (p) =>
			`The council must decide to keep, amend or cease the plan and tell the parent or young person and the head teacher within ${describeDays(p.decisionDaysAfterMeeting)} of the meeting.`,
		citation: () => 'SEND Regulations 2014 reg 20(10); SEND Code of Practice 9.176',
	},
	amendment_notice: {
		label: 'Amendment notice sent',
		rule: (p) =>
			`A decision to amend must come with the amendment notice, setting out each proposed amendment with its evidence, so within ${describeDays(p.decisionDaysAfterMeeting)} of the meeting.`,
		citation: () => 'SEND Regulations 2014 reg 22(2); R (L, M & P) v Devon CC [2022] EWHC 493 (Admin)',
	},
	representations: {
		label: 'Family’s representations',
		rule: (p) =>
			`The parent or young person has at least ${describeDays(p.representationDays)}, counting the day the amendment notice was served as day 1, to comment, ask for a particular school or ask to meet an officer.`,
		citation: () => 'SEND Regulations 2014 reg 22(2)(c)',
	},
	final_plan: {
		label: 'Final amended plan issued',
		rule: (p) =>
			`The final amended plan, or a notice with reasons that the plan will not be amended after all, must be issued within ${describeDays(p.finalPlanDaysAfterNotice)} of the amendment notice.`,
		citation: () => 'SEND Regulations 2014 reg 22(3)-(4)',
	},
	phase_transfer: {
		label: 'Plan naming the new school',
		rule: (p, transfer) =>
			transfer === 'post16'
				? `For a move from secondary school to a post-16 institution, the amended plan naming it must be finalised before ${describeDayOfYear(p.phaseTransferPost16)} of the calendar year of the move, so by ${describeDayBefore(p.phaseTransferPost16)}.`
				: `For a move to the next phase of education (such as nursery to Reception or Year 6 to Year 7), the amended plan naming the new school must be finalised before ${describeDayOfYear(p.phaseTransferSchool)} of the calendar year of the move, so by ${describeDayBefore(p.phaseTransferSchool)}.`,
		citation: () => 'SEND Regulations 2014 reg 18(1)-(2); reg 2(1) (transfer between phases of education)',
	},
}

/** The date the event happened, or null if it is not recorded or still in the future. */
function happenedBy(date: IsoDate | null | undefined, today: IsoDate): IsoDate | null {
	return date != null && !isAfter(date, today) ? date : null
}

function buildDeadline(
	id: DeadlineId,
	dueOn: IsoDate,
	clock: { today: IsoDate; metOn: IsoDate | null; started: boolean; transfer?: PhaseTransfer | null },
	periods: ClockPeriods,
): Deadline {
	const { today, metOn, started } = clock
	const text = DEADLINE_TEXT[id]
	const daysLeft = daysBetween(today, dueOn)
	let state: DeadlineState
	let daysLate: number | null = null
	if (metOn !== null) {
		// Met late is still 'met' (nothing more can be done about it), with how late it was.
		state = 'met'
		const late = daysBetween(dueOn, metOn)
		daysLate = late > 0 ? late : null
	} else if (!started) {
		state = 'not_started'
	} else if (daysLeft < 0) {
		state = 'missed'
		daysLate = -daysLeft
	} else if (daysLeft <= periods.dueSoonDays) {
		state = 'due_soon'
	} else {
		state = 'due'
	}
	return {
		id,
		label: text.label,
		rule: text.rule(periods, clock.transfer ?? null),
		citation: text.citation(clock.transfer ?? null),
		dueOn,
		state,
		daysLeft,
		metOn,
		daysLate,
	}
}

/**
 * The last day of the period of `months` months starting with `start` (the start day is day 1): the day before
 * the corresponding date, which is clamped to the end of a shorter month first. 10 March, 12 months -> 9 March.
 */
export function lastDayOfMonthsStartingWith(start: IsoDate, months: number): IsoDate {
	return addDays(addMonths(start, months), -1)
}

/**
 * When the next annual review is due: the last day of the 12 months starting with the previous review meeting,
 * or with the day the plan was issued if there has been no review yet (CFA 2014 s.44(1); CoP 9.169; the reading
 * is at the top of this file). Issuing an amended plan does not restart the clock, so pass the original issue
 * date, not the amended plan's.
 */
export function nextReviewDueOn(planIssuedOn: IsoDate, lastReviewMeetingOn: IsoDate | null | undefined, periods: ClockPeriods = DEFAULT_PERIODS): IsoDate {
	return lastDayOfMonthsStartingWith(lastReviewMeetingOn ?? planIssuedOn, periods.reviewMonths)
}

/**
 * The day a review's 12 months started (the plan's issue or the previous review), from its due date: the inverse
 * of `nextReviewDueOn`, exact except from 29 February (which comes back as 28 February). For a review whose plan
 * has since moved on, so that the plan no longer says when the previous review was.
 */
export function reviewPeriodStartFor(reviewDueOn: IsoDate, periods: ClockPeriods = DEFAULT_PERIODS): IsoDate {
	return addMonths(addDays(reviewDueOn, 1), -periods.reviewMonths)
}

/**
 * The last day for the plan naming the new school in a transfer year (reg 18(1)): the day before 15 February
 * (31 March for secondary school to post-16) of the calendar year of the transfer.
 */
export function phaseTransferDueOn(transferYear: number, transfer: PhaseTransfer, periods: ClockPeriods = DEFAULT_PERIODS): IsoDate {
	const { month, day } = transfer === 'post16' ? periods.phaseTransferPost16 : periods.phaseTransferSchool
	// A configured day past the end of a shorter month (30 February) stands for the end of that month.
	if (day > 1) return toIsoDate(transferYear, month, Math.min(day - 1, daysInMonth(transferYear, month)))
	return addDays(toIsoDate(transferYear, month, 1), -1)
}

/**
 * Age in whole years on a date. Someone born on 29 February turns a year older on 1 March in
 * other years (Family Law Reform Act 1969 s.9: the age is attained at the start of the anniversary).
 */
export function ageOn(dateOfBirth: IsoDate, on: IsoDate): number {
	const birth = parseIsoDate(dateOfBirth)
	const day = parseIsoDate(on)
	const birthdayNotYetReached = day.month < birth.month || (day.month === birth.month && day.day < birth.day)
	return day.year - birth.year - (birthdayNotYetReached ? 1 : 0)
}

/**
 * The calendar year in which a child in the current academic year (1 September - 31 August)
 * moves on: in Year 6 during 2026/27 the move is in September 2027.
 */
export function transferYearOn(today: IsoDate): number {
	const { year, month } = parseIsoDate(today)
	return month >= 9 ? year + 1 : year
}

/**
 * Whether the child moves phase next September. An explicit `phaseTransfer` wins (null = no);
 * otherwise it is worked out from the year group for the transfers every child makes (reg 2(1)):
 * nursery (-1) to Reception and Year 6 to Year 7 ('school'), Year 11 to Year 12 ('post16').
 * Infant to junior (Year 2) and middle school moves depend on the school, so the caller says.
 */
export function phaseTransferFor(facts: Pick<ReviewFacts, 'phaseTransfer' | 'yearGroup'>): PhaseTransfer | null {
	if (facts.phaseTransfer !== undefined) return facts.phaseTransfer
	switch (facts.yearGroup) {
		case -1:
		case 6:
			return 'school'
		case 11:
			return 'post16'
		default:
			return null
	}
}

/**
 * Every deadline that applies to this review, in the order the review runs (see the top of this
 * file for which are omitted and which are 'not_started').
 */
export function computeDeadlines(facts: ReviewFacts, periods: ClockPeriods = DEFAULT_PERIODS): Deadline[] {
	const { today } = facts
	parseIsoDate(today) // throws RangeError early on a malformed date
	const meetingOn = facts.meetingOn ?? null
	const meetingHeldOn = happenedBy(meetingOn, today)
	const meetingHeld = meetingHeldOn !== null
	const noticeSentOn = happenedBy(facts.amendmentNoticeSentOn, today)
	const finalIssuedOn = happenedBy(facts.finalIssuedOn, today)
	const amending = facts.decision === 'amend' || noticeSentOn !== null
	const deadlines: Deadline[] = []

	// s.44(1); CoP 9.169: within 12 months of the plan, then of the previous review. The review is
	// held on the day of its meeting, whatever day of the week that is.
	// This review's own due date when it is known: the plan's dates move on when a review closes.
	deadlines.push(
		buildDeadline(
			'review_due',
			facts.reviewDueOn ?? nextReviewDueOn(facts.planIssuedOn, facts.lastReviewMeetingOn, periods),
			{ today, metOn: meetingHeldOn, started: true },
			periods,
		),
	)

	// CoP 9.178: for under-5s the LA should consider reviewing every 3-6 months (advisory), counted from the day
	// this review's 12 months started.
	if (ageOn(facts.dateOfBirth, today) < 5) {
		const periodStart = facts.reviewDueOn ? reviewPeriodStartFor(facts.reviewDueOn, periods) : (facts.lastReviewMeetingOn ?? facts.planIssuedOn)
		deadlines.push(
			buildDeadline('under5_review', addMonths(periodStart, periods.under5ReviewMonths), { today, metOn: meetingHeldOn, started: true }, periods),
		)
	}

	if (meetingOn !== null) {
		// reg 20(3): invitations at least 2 weeks before the meeting.
		deadlines.push(
			buildDeadline(
				'invitations',
				addDays(meetingOn, -periods.noticeDaysBeforeMeeting),
				{ today, metOn: happenedBy(facts.invitationsSentOn, today), started: true },
				periods,
			),
		)
		// reg 20(4): advice and information circulated at least 2 weeks before the meeting.
		deadlines.push(
			buildDeadline(
				'advice_circulated',
				addDays(meetingOn, -periods.adviceDaysBeforeMeeting),
				{ today, metOn: happenedBy(facts.adviceCirculatedOn, today), started: true },
				periods,
			),
		)
		// reg 20(7)-(8); CoP 9.176: review report within 2 weeks of the meeting.
		deadlines.push(
			buildDeadline(
				'review_report',
				reportDueOn(meetingOn, periods),
				{ today, metOn: happenedBy(facts.reportReceivedOn, today), started: meetingHeld },
				periods,
			),
		)
		// reg 20(10); CoP 9.176: decision notified within 4 weeks of the meeting.
		const decisionDue = decisionDueOn(meetingOn, periods)
		deadlines.push(buildDeadline('la_decision', decisionDue, { today, metOn: happenedBy(facts.decisionOn, today), started: meetingHeld }, periods))
		// reg 22(2); Devon [2022] EWHC 493: the amendment notice goes with the 'amend' decision.
		if (amending) {
			deadlines.push(buildDeadline('amendment_notice', decisionDue, { today, metOn: noticeSentOn, started: meetingHeld }, periods))
		}
	}

	if (noticeSentOn !== null) {
		// reg 22(2)(c): "at least 15 days beginning with the day on which the draft plan was served",
		// so the day of service is day 1: served 1 March, last day 15 March.
		const representationsEndOn = representationsCloseOn(noticeSentOn, periods)
		const closedOn = isAfter(today, representationsEndOn) ? representationsEndOn : null
		deadlines.push(buildDeadline('representations', representationsEndOn, { today, metOn: closedOn, started: true }, periods))
		// reg 22(3)-(4): final amended plan, or notice not to amend, within 8 weeks of the amendment notice.
		deadlines.push(buildDeadline('final_plan', finalPlanDueOn(noticeSentOn, periods), { today, metOn: finalIssuedOn, started: true }, periods))
	}

	// reg 18(1): in the 12 months before a transfer between phases, the plan naming the new school is finalised
	// before 15 February (31 March for post-16) of the calendar year of the transfer, so by the day before.
	const transfer = phaseTransferFor(facts)
	if (transfer !== null) {
		const transferYear = transferYearOn(today)
		const dueOn = phaseTransferDueOn(transferYear, transfer, periods)
		const academicYearStart = toIsoDate(transferYear - 1, 9, 1)
		const metOn = amending && finalIssuedOn !== null && compareDates(finalIssuedOn, academicYearStart) >= 0 ? finalIssuedOn : null
		deadlines.push(buildDeadline('phase_transfer', dueOn, { today, metOn, started: true, transfer }, periods))
	}

	return deadlines
}

/** The last day for the school's review report: 2 weeks after the meeting (reg 20(7)-(8)). */
export function reportDueOn(meetingOn: IsoDate, periods: ClockPeriods = DEFAULT_PERIODS): IsoDate {
	return addDays(meetingOn, periods.reportDaysAfterMeeting)
}

/** The last day for the council's decision, and the amendment notice with an 'amend': 4 weeks after the meeting (reg 20(10)). */
export function decisionDueOn(meetingOn: IsoDate, periods: ClockPeriods = DEFAULT_PERIODS): IsoDate {
	return addDays(meetingOn, periods.decisionDaysAfterMeeting)
}

/** The last of the family's 15 days, "beginning with the day on which the draft plan was served" (reg 22(2)(c)): day 1 is that day. */
export function representationsCloseOn(noticeServedOn: IsoDate, periods: ClockPeriods = DEFAULT_PERIODS): IsoDate {
	return addDays(noticeServedOn, periods.representationDays - 1)
}

/** The last day for the final amended plan, or the notice not to amend: 8 weeks after the notice (reg 22(3)-(4)). */
export function finalPlanDueOn(noticeServedOn: IsoDate, periods: ClockPeriods = DEFAULT_PERIODS): IsoDate {
	return addDays(noticeServedOn, periods.finalPlanDaysAfterNotice)
}

// Deadlines counted back from the meeting: once it has been held they can no longer be acted on.
const BEFORE_THE_MEETING: ReadonlySet<DeadlineId> = new Set(['invitations', 'advice_circulated'])

/**
 * The most urgent deadline still open: the one not met with the earliest due date (an overdue one
 * first), ties in the order the review runs. Invitations and advice are skipped once the meeting
 * has been held (review_due met), because nothing can be done about them any more.
 */
export function nextDeadline(deadlines: Deadline[]): Deadline | null {
	const meetingHeld = deadlines.some((d) => d.id === 'review_due' && d.state === 'met')
	let next: Deadline | null = null
	for (const deadline of deadlines) {
		if (deadline.state === 'met') continue
		if (meetingHeld && BEFORE_THE_MEETING.has(deadline.id)) continue
		if (next === null || compareDates(deadline.dueOn, next.dueOn) < 0) next = deadline
	}
	return next
}

function days(count: number): string {
	return count === 1 ? '1 day' : `${count} days`
}

/** Red, amber or green, with the words to show beside the colour. */
export function ragStatus(deadline: Deadline): { colour: 'red' | 'amber' | 'green'; words: string } {
	// The representations period belongs to the family: it opens and closes rather than falls due.
	const verb = deadline.id === 'representations' ? 'Closes' : 'Due'
	const { daysLeft } = deadline
	switch (deadline.state) {
		case 'met': {
			const metOn = formatDate(deadline.metOn ?? deadline.dueOn)
			if (deadline.id === 'representations') return { colour: 'green', words: `Closed on ${metOn}` }
			// Done after the date is a missed deadline: red, and never called "met", so a late step never looks on time.
			if (deadline.daysLate) return { colour: 'red', words: `Done on ${metOn}, ${days(deadline.daysLate)} late` }
			return { colour: 'green', words: `Met on ${metOn}` }
		}
		case 'missed':
			return { colour: 'red', words: `Overdue by ${days(deadline.daysLate ?? -daysLeft)}` }
		case 'due_soon':
			if (daysLeft <= 0) return { colour: 'amber', words: `${verb} today` }
			if (daysLeft === 1) return { colour: 'amber', words: `${verb} tomorrow` }
			return { colour: 'amber', words: `${verb} in ${days(daysLeft)}` }
		case 'due':
			return { colour: 'green', words: `${verb} in ${days(daysLeft)}` }
		case 'not_started':
			return { colour: 'green', words: `Starts at the meeting; due ${formatDate(deadline.dueOn)}` }
	}
}
