// The annual review's lifecycle in one place: each step a person can take on a review, the statuses it may start
// from, the status it leaves, and what it needs besides. Routes ask it what to offer (mayTake), services put its
// statuses in their `where` clauses (fromStatuses) so a step taken twice at once moves the review only once, and
// the status after a step comes from here (statusAfter). The words of each status are in review-status.ts; the
// dates of each step are in statutory-clock.ts, never written here as day counts.
//
//   DRAFT ─submitReport─▶ SUBMITTED ─decide(maintain, cease)─▶ CLOSED
//                                   └decide(amend)─▶ DECISION_MADE ─issueNotice─▶ NOTICE_ISSUED
//   NOTICE_ISSUED ─recordRepresentation─▶ REPRESENTATIONS (again from REPRESENTATIONS)
//   NOTICE_ISSUED | REPRESENTATIONS ─issueFinalPlan─▶ FINAL_ISSUED ─closeReview─▶ CLOSED
//
// The law for each step:
// - The school's report: SEND Regulations 2014 reg 20(7)-(8), within 2 weeks of the meeting; the school changes
//   it only until it is sent (a submitted report is the record the council decides on).
// - Considering ceasing: reg 31(1), the family told and consulted and the head teacher consulted before the decision.
// - The decision: reg 20(10), within 4 weeks of the meeting: maintain, amend or cease. Maintain and cease end the
//   review (the letter with appeal rights goes with them); amend goes on to the notice.
// - The amendment notice: reg 22(2), with the 'amend' decision (R (L, M & P) v Devon CC [2022] EWHC 493 (Admin)).
// - Representations: reg 22(2)(c), at least 15 days from the day the notice is served; more may come later
//   and are still recorded until the final plan is issued.
// - The final plan, or the decision not to amend after all: reg 22(3)-(4), within 8 weeks of the notice and not
//   before the family's 15 days close unless they have said they have no more to say (final-plan-timing.ts).
import type { IsoDate } from './calendar-date.ts'
import { mayCease, type CeaseConsultationFacts } from './cease-consultation.ts'
import { mayIssueFinalPlan, type FinalPlanFacts } from './final-plan-timing.ts'
import type { ReviewStatus } from './review-status.ts'

export type ReviewStep =
	'editDraft' | 'submitReport' | 'considerCeasing' | 'decide' | 'issueNotice' | 'recordRepresentation' | 'prepareFinalPlan' | 'issueFinalPlan' | 'closeReview'

export type DecisionOutcome = 'MAINTAIN' | 'AMEND' | 'CEASE'

interface StepRule {
	/** The statuses the step may start from. */
	from: readonly ReviewStatus[]
	/** The status the step leaves (null: the status does not change). */
	to: ReviewStatus | null
	/** Why the step is refused from any other status, in the user's words. */
	refusal: string
}

export const REVIEW_STEPS = Object.freeze({
	// reg 20(7)-(8): the school's report, changed only while it is a draft.
	editDraft: { from: ['DRAFT'], to: null, refusal: 'This review has been submitted to the council and can no longer be changed.' },
	submitReport: { from: ['DRAFT'], to: 'SUBMITTED', refusal: 'This review has already been submitted to the council.' },
	// reg 31(1): recorded before the council's decision.
	considerCeasing: { from: ['SUBMITTED'], to: null, refusal: 'The consultation before ceasing is recorded before the council’s decision.' },
	// reg 20(10): AMEND leaves DECISION_MADE, MAINTAIN and CEASE close the review (statusAfterDecision).
	decide: { from: ['SUBMITTED'], to: 'DECISION_MADE', refusal: 'A decision can only be made on a submitted review report that has no decision yet.' },
	// reg 22(2): the notice follows a decision to amend.
	issueNotice: { from: ['DECISION_MADE'], to: 'NOTICE_ISSUED', refusal: 'An amendment notice follows a decision to amend the plan.' },
	// reg 22(2)(c): recorded from the notice until the final plan is issued.
	recordRepresentation: {
		from: ['NOTICE_ISSUED', 'REPRESENTATIONS'],
		to: 'REPRESENTATIONS',
		refusal: 'Representations are recorded after the amendment notice and before the final plan.',
	},
	// reg 22(3): the amendments changed, dropped or added after representations, the family's agreement recorded.
	prepareFinalPlan: { from: ['NOTICE_ISSUED', 'REPRESENTATIONS'], to: null, refusal: 'The final plan follows an amendment notice.' },
	// reg 22(3)-(4).
	issueFinalPlan: { from: ['NOTICE_ISSUED', 'REPRESENTATIONS'], to: 'FINAL_ISSUED', refusal: 'The final plan follows an amendment notice.' },
	closeReview: { from: ['FINAL_ISSUED'], to: 'CLOSED', refusal: 'A review is closed once its final plan has been issued.' },
} as const satisfies Record<ReviewStep, StepRule>)

/** The statuses a step may start from, for a service's `where` clause: `{ status: { in: fromStatuses(step) } }`. */
export function fromStatuses(step: ReviewStep): ReviewStatus[] {
	return [...REVIEW_STEPS[step].from]
}

/** Whether a review in `status` is at a point where `step` can be taken (what a route shows). */
export function canTake(step: ReviewStep, status: string): boolean {
	const from: readonly string[] = REVIEW_STEPS[step].from
	return from.includes(status)
}

/** The steps that move a review on to another status. */
export type MovingStep = { [K in ReviewStep]: (typeof REVIEW_STEPS)[K]['to'] extends null ? never : K }[ReviewStep]

/** The status a step leaves. A decision to maintain or cease closes the review; to amend, it waits for the notice. */
export function statusAfter(step: Exclude<MovingStep, 'decide'>): ReviewStatus
export function statusAfter(step: 'decide', outcome: DecisionOutcome): ReviewStatus
export function statusAfter(step: MovingStep, outcome?: DecisionOutcome): ReviewStatus {
	if (step === 'decide') return outcome === 'AMEND' ? 'DECISION_MADE' : 'CLOSED'
	return REVIEW_STEPS[step].to
}

/** Whether a review is still open: on a caseload, in the daily jobs, counted as in progress. */
export function isOpen(status: string): boolean {
	return status !== 'CLOSED'
}

/** The `where` clause of the reviews still open (the daily jobs). */
export const OPEN_REVIEW_WHERE = Object.freeze({ status: { not: 'CLOSED' } })

export type StepCheck = { ok: true } | { ok: false; reason: string }

/** What the step needs besides the status, from the facts a service has loaded. */
export interface StepFacts {
	status: string
	decision?: { outcome: string } | null
	/** decide with CEASE: the consultation (reg 31(1)) and the decision's date. */
	ceasing?: { consultation: CeaseConsultationFacts | null; decidedOn: IsoDate }
	/** issueFinalPlan: the notice, the representations and the family's agreement (reg 22(2)(c)), on `today`. */
	representationPeriod?: { facts: FinalPlanFacts; today: IsoDate }
}

/**
 * Whether `step` may be taken now, and if not why: the status first, then what the step requires (a decision to
 * amend before the notice; the consultation before a cease, reg 31(1); the family's 15 days before the final plan,
 * reg 22(2)(c)). Services call it before drawing a letter and again inside the transaction with fresh facts.
 */
export function checkStep(step: ReviewStep, facts: StepFacts): StepCheck {
	const rule: StepRule = REVIEW_STEPS[step]
	if (!canTake(step, facts.status)) return { ok: false, reason: rule.refusal }
	if (step === 'issueNotice' && facts.decision?.outcome !== 'AMEND') return { ok: false, reason: rule.refusal }
	if (step === 'decide' && facts.ceasing) {
		const consulted = mayCease(facts.ceasing.consultation, facts.ceasing.decidedOn)
		if (!consulted.ok) return consulted
	}
	if (step === 'issueFinalPlan' && facts.representationPeriod) {
		const timing = mayIssueFinalPlan(facts.representationPeriod.facts, facts.representationPeriod.today)
		if (!timing.ok) return { ok: false, reason: timing.reason }
	}
	return { ok: true }
}
