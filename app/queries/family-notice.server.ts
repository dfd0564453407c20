// The amendment notice as a family member reads it online (issue 14, "What they can do" 3), and whether they may
// still reply to it: SEND Regulations 2014 reg 22(2) (the notice: (b) each proposed amendment, (c) at least 15 days,
// the day of service counting as day 1, to make representations, ask for a particular school or type of
// institution (Children and Families Act 2014 s.38(2)(b)(ii), s.38(3)) and ask to meet an officer of the council).
// The page shows what the notice carried when it was issued: the wording the council proposed, not any change it
// made afterwards on its final plan page (that reaches the family with the final plan, reg 22(3)).
// Callers check access first (requireFamily, requireFamilyReview in app/auth/family.server.ts).
import { prisma } from '#app/db/db.server.ts'
import { isAfter, todayInLondon, type IsoDate } from '#app/domain/calendar-date.ts'
import { canTake } from '#app/domain/review-lifecycle.ts'
import { finalPlanDueOn } from '#app/domain/statutory-clock.ts'
import { noticeAmendments } from '#app/services/council-review.server.ts'

export type ReplyWindow = { open: true } | { open: false; reason: 'no-notice' | 'closed' | 'final-issued' }

/**
 * Whether the family can still reply online: from the day the notice is issued to the last day of the period
 * (AmendmentNotice.representationsCloseOn, inclusive, in London), and never once the final plan (or the decision not to
 * amend) has been issued. Staff can still record a representation that reaches them later (council-representation.tsx).
 */
export function replyWindow(
	review: { status: string; notice: { representationsCloseOn: IsoDate } | null; finalPlan: unknown | null },
	today: IsoDate,
): ReplyWindow {
	if (!review.notice) return { open: false, reason: 'no-notice' }
	if (review.finalPlan || !canTake('recordRepresentation', review.status)) return { open: false, reason: 'final-issued' }
	if (isAfter(today, review.notice.representationsCloseOn)) return { open: false, reason: 'closed' }
	return { open: true }
}

/** Who the family contacts about the review: the child's caseworker, or else the council's SEN team. */
function contactOf(child: {
	caseworker: { name: string; email: string; active: boolean } | null
	la: { name: string; contactEmail: string; contactPhone: string }
}) {
	const caseworker = child.caseworker?.active ? child.caseworker : null
	return caseworker
		? { name: caseworker.name, email: caseworker.email, phone: child.la.contactPhone, team: false }
		: { name: `The SEN team at ${child.la.name}`, email: child.la.contactEmail, phone: child.la.contactPhone, team: true }
}

/** The review's notice, its amendments, the family's earlier online replies and who to contact. */
export async function loadFamilyNotice(reviewId: string, now = new Date()) {
	const review = await prisma.annualReview.findUniqueOrThrow({
		where: { id: reviewId },
		select: {
			id: true,
			status: true,
			child: {
				select: {
					id: true,
					firstName: true,
					lastName: true,
					caseworker: { select: { name: true, email: true, active: true } },
					la: { select: { name: true, contactEmail: true, contactPhone: true } },
				},
			},
			notice: { select: { issuedOn: true, representationsCloseOn: true } },
			finalPlan: { select: { issuedOn: true } },
			schoolRequest: { select: { schoolName: true, school: { select: { name: true } } } },
			// The notice's letter, the newest if it was ever drawn again.
			documents: { where: { kind: 'AMENDMENT_NOTICE' }, orderBy: [{ createdAt: 'desc' }, { id: 'desc' }], take: 1, select: { id: true, title: true } },
			representations: {
				where: { online: true },
				orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
				select: {
					id: true,
					receivedOn: true,
					fromName: true,
					summary: true,
					requestedSchool: true,
					meetingRequested: true,
					createdAt: true,
					comments: { select: { proposalId: true, comment: true } },
					evidence: { select: { fileName: true } },
				},
			},
		},
	})
	const today = todayInLondon(now)
	const amendments = review.notice ? await noticeAmendments(review.id) : []
	const order = new Map(amendments.map((a, i) => [a.id, i]))
	return {
		id: review.id,
		today,
		child: { id: review.child.id, firstName: review.child.firstName, name: `${review.child.firstName} ${review.child.lastName}` },
		notice: review.notice ? { ...review.notice, finalPlanDueOn: finalPlanDueOn(review.notice.issuedOn) } : null,
		window: replyWindow(review, today),
		finalIssuedOn: review.finalPlan?.issuedOn ?? null,
		document: review.documents[0] ?? null,
		contact: contactOf(review.child),
		schoolRequest: review.schoolRequest ? (review.schoolRequest.school?.name ?? review.schoolRequest.schoolName) : null,
		// The notice's wording as sent (what the council proposed), each with its reason.
		amendments: amendments.map((a, i) => ({
			id: a.id,
			number: i + 1,
			section: a.section,
			title: a.title,
			currentWording: a.currentWording,
			proposedWording: a.proposedWording,
			reason: a.reason,
		})),
		replies: review.representations.map((r) => ({
			id: r.id,
			receivedOn: r.receivedOn,
			fromName: r.fromName,
			summary: r.summary,
			requestedSchool: r.requestedSchool,
			meetingRequested: r.meetingRequested,
			files: r.evidence.map((e) => e.fileName),
			comments: r.comments
				.filter((c) => order.has(c.proposalId))
				.sort((a, b) => order.get(a.proposalId)! - order.get(b.proposalId)!)
				.map((c) => {
					const a = amendments[order.get(c.proposalId)!]!
					return { number: order.get(c.proposalId)! + 1, section: a.section, title: a.title, comment: c.comment }
				}),
		})),
	}
}

export type FamilyNotice = Awaited<ReturnType<typeof loadFamilyNotice>>
