// The statutory clock's facts (app/domain/statutory-clock.ts) from a review as stored: its dates, its
// decision, notice and final plan, and its child's plan. Pure, so the seed and the jobs use it too.
import { todayInLondon } from './calendar-date.ts'
import { computeDeadlines, nextDeadline, type Deadline, type ReviewFacts } from './statutory-clock.ts'

/** The facts the statutory clock needs, from a review and its child. */
export function reviewFacts(
	review: {
		meetingOn: string | null
		invitationsSentOn?: string | null
		adviceCirculatedOn?: string | null
		reportReceivedOn: string | null
		decision?: { outcome: string; decidedOn: string } | null
		notice?: { issuedOn: string } | null
		finalPlan?: { issuedOn: string } | null
		child: { dateOfBirth: string; yearGroup: number | null; phaseTransfer: string | null; plan: { firstIssuedOn: string; lastReviewOn: string | null } | null }
	},
	today: string = todayInLondon(new Date()),
): ReviewFacts {
	return {
		today,
		planIssuedOn: review.child.plan?.firstIssuedOn ?? today,
		lastReviewMeetingOn: review.child.plan?.lastReviewOn ?? null,
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
