// What each child's annual review asks of the school now: the school's to-do list (app/routes/school.tsx). Pure,
// so the list's order and its "needs action" filter are the same rule wherever they are used.
//
// The review that is due now
// - The plan's next review date (EhcPlan.reviewDueOn, worked out by nextReviewDueOn in statutory-clock.ts) names the
//   12 months the school must review in now. A decision to maintain or cease, or a final amended plan, moves it on
//   to the next cycle, so last year's closed review, or one whose final plan has been issued, answers an earlier date:
//   the review due now is then not started, however recently the last one closed.
// - A review in draft is the one due now whatever its date (the school has started it; it is never two at once).
// - A review with the council (submitted, decided, amendment notice, representations) answers the plan's date until
//   the council's step moves it on: there is nothing for the school to do until then.
// - A ceased plan, or a child with no plan, has no review due.
//
// How urgent it is: the school's next statutory deadline in that review, from the clock (statutory-clock.ts):
// the meeting by the review's 12-month date (CFA 2014 s.44(1)); once it is booked, the invitations and the advice
// 2 weeks before it (SEND Regulations 2014 reg 20(3)-(4)); once it is held, the report within 2 weeks (reg 20(7)-(8)).
// A step already recorded is not the next one; the invitations and advice stop counting once the meeting is held
// (nextDeadline), and the report counts only from then. The tag says it in words ("Overdue by 3 days", "Due in 12 days"): colour is never the only signal.
//
// Which children need action: every review in draft, and every review not started that is due within
// REVIEW_DUE_WINDOW_DAYS (12 weeks, the caseload's window: time to book the meeting, invite everyone 2 weeks ahead and
// gather advice) or overdue. The list is sorted by the next deadline's date, overdue first, then soonest due; children
// with nothing to do (the council has the report, or the plan has ceased) come last.
import { compareDates, type IsoDate } from './calendar-date.ts'
import { REVIEW_DUE_WINDOW_DAYS } from './caseload.ts'
import { canTake, isOpen } from './review-lifecycle.ts'
import { isReviewStatus, type ReviewStatus } from './review-status.ts'
import { computeDeadlines, DEFAULT_PERIODS, nextDeadline, type Deadline, type DeadlineId, type ReviewFacts } from './statutory-clock.ts'

/** The deadlines the school meets; the council's come after the report. */
const SCHOOL_STEPS = {
	review_due: 'Hold the review meeting',
	invitations: 'Send the meeting invitations',
	advice_circulated: 'Send everyone the advice and information',
	review_report: 'Send the review report',
} as const satisfies Partial<Record<DeadlineId, string>>
type SchoolStep = keyof typeof SCHOOL_STEPS
const isSchoolStep = (id: DeadlineId): id is SchoolStep => id in SCHOOL_STEPS

export interface ChildReviewRecord {
	dateOfBirth: IsoDate
	yearGroup: number | null
	/** 'ACTIVE' or 'CEASED'; null: no plan. */
	plan: { status: string; reviewDueOn: IsoDate } | null
	/** The review started last, or null when there has never been one. */
	latestReview: {
		id: string
		status: string
		/** The 12-month date the review answers (AnnualReview.dueOn). */
		dueOn: IsoDate
		meetingOn: IsoDate | null
		invitationsSentOn: IsoDate | null
		adviceCirculatedOn: IsoDate | null
		reportReceivedOn: IsoDate | null
	} | null
}

export type DueNowState = 'not_started' | 'in_progress' | 'with_council' | 'no_review_due'

export type UrgencyColour = 'red' | 'orange' | 'blue' | 'grey'

export interface DueNow {
	state: DueNowState
	/** The review of the cycle due now, once started. */
	review: { id: string; status: ReviewStatus } | null
	/** The 12-month date of the cycle due now; null when no review is due (no plan, or it has ceased). */
	reviewDueOn: IsoDate | null
	/** The school's next deadline in it; null when the school has nothing to do. */
	next: { id: SchoolStep; step: string; dueOn: IsoDate; daysLeft: number } | null
	/** The next deadline in words, with a colour that repeats them. */
	urgency: { words: string; colour: UrgencyColour } | null
	needsAction: boolean
}

/** What the child's review asks of the school on `today`. */
export function reviewDueNow(child: ChildReviewRecord, today: IsoDate): DueNow {
	const { plan, latestReview: latest } = child
	const none: DueNow = { state: 'no_review_due', review: null, reviewDueOn: null, next: null, urgency: null, needsAction: false }
	const status = latest && isReviewStatus(latest.status) ? latest.status : null
	const drafting = latest !== null && status !== null && canTake('editDraft', status)
	// The ceased plan's last review is kept, and so is the child's; nothing more is due from the school.
	if (!plan || (plan.status !== 'ACTIVE' && !drafting)) return none
	// The review's own 12-month date is always given below, so the plan's issue date is never read; the phase
	// transfer is the council's deadline, not the school's.
	const facts: ReviewFacts = { today, planIssuedOn: plan.reviewDueOn, dateOfBirth: child.dateOfBirth, yearGroup: child.yearGroup, phaseTransfer: null }

	if (latest && status && drafting) {
		const deadlines = computeDeadlines({
			...facts,
			reviewDueOn: latest.dueOn,
			meetingOn: latest.meetingOn,
			invitationsSentOn: latest.invitationsSentOn,
			adviceCirculatedOn: latest.adviceCirculatedOn,
			reportReceivedOn: latest.reportReceivedOn,
		})
		// The report's clock starts at the meeting: until it is held, the meeting (or what comes before it) is next.
		const next = nextDeadline(deadlines.filter((d) => isSchoolStep(d.id) && d.state !== 'not_started'))
		return withNext({ state: 'in_progress', review: { id: latest.id, status }, reviewDueOn: latest.dueOn, needsAction: true }, next)
	}
	// A review still with the council answers the plan's date until the council's step moves the plan on.
	if (latest && status && isOpen(status) && compareDates(latest.dueOn, plan.reviewDueOn) >= 0) {
		return { state: 'with_council', review: { id: latest.id, status }, reviewDueOn: latest.dueOn, next: null, urgency: null, needsAction: false }
	}
	// No review yet for the plan's date: last year's is closed (or its final plan issued), or there has been none.
	const reviewDue = computeDeadlines({ ...facts, reviewDueOn: plan.reviewDueOn }).find((d) => d.id === 'review_due')!
	const due = withNext({ state: 'not_started', review: null, reviewDueOn: plan.reviewDueOn, needsAction: false }, reviewDue)
	return { ...due, needsAction: reviewDue.daysLeft <= REVIEW_DUE_WINDOW_DAYS }
}

function withNext(due: Omit<DueNow, 'next' | 'urgency'>, deadline: Deadline | null): DueNow {
	if (!deadline || !isSchoolStep(deadline.id)) return { ...due, next: null, urgency: null }
	const next = { id: deadline.id, step: SCHOOL_STEPS[deadline.id], dueOn: deadline.dueOn, daysLeft: deadline.daysLeft }
	return { ...due, next, urgency: urgencyOf(next.daysLeft, due.needsAction || next.daysLeft <= REVIEW_DUE_WINDOW_DAYS) }
}

const days = (n: number) => (n === 1 ? '1 day' : `${n.toLocaleString('en-GB')} days`)

/**
 * A deadline's days left in words, with its colour: red once it has passed, orange in the clock's last week
 * (DEFAULT_PERIODS.dueSoonDays), blue while the school should be working on it, grey further off.
 */
export function urgencyOf(daysLeft: number, actionable = true): { words: string; colour: UrgencyColour } {
	if (daysLeft < 0) return { words: `Overdue by ${days(-daysLeft)}`, colour: 'red' }
	const colour: UrgencyColour = daysLeft <= DEFAULT_PERIODS.dueSoonDays ? 'orange' : actionable ? 'blue' : 'grey'
	if (daysLeft === 0) return { words: 'Due today', colour }
	if (daysLeft === 1) return { words: 'Due tomorrow', colour }
	return { words: `Due in ${days(daysLeft)}`, colour }
}

/**
 * The to-do list's order: the next deadline's date, overdue first, then soonest due; children with nothing for the
 * school to do last. Equal dates compare equal, so a stable sort keeps the order they came in (by name).
 */
export function byUrgency(a: DueNow, b: DueNow): number {
	if (a.next && b.next) return compareDates(a.next.dueOn, b.next.dueOn)
	return a.next ? -1 : b.next ? 1 : 0
}

/** How many of a list need action, how many of them are overdue and how many are due within the clock's last week. */
export function urgencyCounts(list: readonly DueNow[]): { needsAction: number; overdue: number; dueSoon: number } {
	const acting = list.filter((d) => d.needsAction)
	return {
		needsAction: acting.length,
		overdue: acting.filter((d) => d.next && d.next.daysLeft < 0).length,
		dueSoon: acting.filter((d) => d.next && d.next.daysLeft >= 0 && d.next.daysLeft <= DEFAULT_PERIODS.dueSoonDays).length,
	}
}
