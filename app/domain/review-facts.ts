// The statutory clock's facts (app/domain/statutory-clock.ts) from a review as stored: its dates, its
// decision, notice and final plan, and its child's plan. Pure, so the seed and the jobs use it too.
import { todayInLondon } from './calendar-date.ts'
import { computeDeadlines, nextDeadline, type Deadline, type ReviewFacts } from './statutory-clock.ts'

/**
 * The stored fields reviewFacts reads, as a Prisma `select` on AnnualReview: spread it into a query's select so
 * the clock gets every fact it needs (a fact left out would make a deadline look unmet).
 */
export const CLOCK_FACTS_SELECT = {
	// The 12-month date this review answers: its own, kept when a later step moves the plan's dates on.
	dueOn: true,
	meetingOn: true,
	invitationsSentOn: true,
	adviceCirculatedOn: true,
	reportReceivedOn: true,
	decision: { select: { outcome: true, decidedOn: true } },
	notice: { select: { issuedOn: true } },
	finalPlan: { select: { issuedOn: true } },
	child: { select: { dateOfBirth: true, yearGroup: true, phaseTransfer: true, plan: { select: { firstIssuedOn: true, lastReviewOn: true } } } },
} as const

/** The facts the statutory clock needs, from a review and its child. */
export function reviewFacts(
	review: {
		/** AnnualReview.dueOn; left out only for a plan whose review has not started (the plan's date is used). */
		dueOn?: string | null
		meetingOn: string | null
		invitationsSentOn?: string | null
		adviceCirculatedOn?: string | null
		reportReceivedOn: string | null
		decision?: { outcome: string; decidedOn: string } | null
		notice?: { issuedOn: string } | null
		finalPlan?: { issuedOn: string } | null
		child: {
			dateOfBirth: string
			yearGroup: number | null
			phaseTransfer: string | null
			plan: { firstIssuedOn: string; lastReviewOn: string | null } | null
		}
	},
	today: string = todayInLondon(new Date()),
): ReviewFacts {
	return {
		today,
		planIssuedOn: review.child.plan?.firstIssuedOn ?? today,
		lastReviewMeetingOn: review.child.plan?.lastReviewOn ?? null,
		// Never the plan's reviewDueOn: once this review closes, that is the next cycle's.
		reviewDueOn: review.dueOn ?? null,
		dateOfBirth: review.child.dateOfBirth,
		yearGroup: review.child.yearGroup,
		phaseTransfer: review.child.phaseTransfer === 'POST16' ? 'post16' : review.child.phaseTransfer === 'SCHOOL' ? 'school' : undefined,
		meetingOn: review.meetingOn,
		invitationsSentOn: review.invitationsSentOn ?? null,
		adviceCirculatedOn: review.adviceCirculatedOn ?? null,
		reportReceivedOn: review.reportReceivedOn,
		decisionOn: review.decision?.decidedOn ?? null,
		decision: (review.decision?.outcome.toLowerCase() as 'maintain' | 'amend' | 'cease' | undefined) ?? null,
		amendmentNoticeSentOn: review.notice?.issuedOn ?? null,
		finalIssuedOn: review.finalPlan?.issuedOn ?? null,
	}
}

export function clocksFor(review: Parameters<typeof reviewFacts>[0], today?: string): { deadlines: Deadline[]; next: Deadline | null } {
	const deadlines = computeDeadlines(reviewFacts(review, today))
	return { deadlines, next: nextDeadline(deadlines) }
}
