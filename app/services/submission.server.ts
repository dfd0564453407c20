// Submitting the review report (reg 20(7)-(8)): everything in one transaction, so a failure at any
// step (a bad email address, a crash, a concurrent edit) leaves the review as it was, still editable,
// with nothing half-written and no email queued.
import { prisma } from '#app/db.server.ts'
import { addDays, todayInLondon } from '#app/domain/calendar-date.ts'
import { audit } from '#app/auth/audit.server.ts'
import { enqueueEmail } from '#app/email/enqueue.server.ts'
import { submissionProblems, type PartProblem } from '#app/queries/review-record.server.ts'
import { loadReview } from '#app/queries/review.server.ts'
import { refreshNextDeadline } from '#app/jobs/deadlines.server.ts'

export type SubmitResult = { ok: true } | { ok: false; status: 400 | 409; problems: Array<Pick<PartProblem, 'href' | 'message'>> }

export async function submitReview(request: Request | null, args: { reviewId: string; userId: string; openedLockVersion: number; now?: Date }): Promise<SubmitResult> {
	const review = await loadReview(args.reviewId)
	const problems = submissionProblems(review)
	if (!review.meetingOn) problems.unshift({ part: 'ATTENDANCE', href: `/reviews/${review.id}/meeting`, message: 'Enter the date of the review meeting' })
	if (problems.length) return { ok: false, status: 400, problems }
	const now = args.now ?? new Date()
	const today = todayInLondon(now)
	const meetingOn = review.meetingOn!
	const outcome = await prisma.$transaction(async (tx) => {
		// Only a draft, unchanged since the user checked it, moves on: a second click or a concurrent
		// edit finds nothing to update.
		const moved = await tx.annualReview.updateMany({
			where: { id: review.id, status: 'DRAFT', lockVersion: args.openedLockVersion },
			data: { status: 'SUBMITTED', submittedAt: now, submittedById: args.userId, reportReceivedOn: today, lockVersion: { increment: 1 } },
		})
		if (moved.count !== 1) return 'changed' as const
		await refreshNextDeadline(tx, review.id)
		const facts = await tx.annualReview.findUniqueOrThrow({
			where: { id: review.id },
			select: {
				recommendation: true,
				laId: true,
				child: { select: { id: true, firstName: true, lastName: true, school: { select: { name: true } }, caseworker: { select: { email: true, name: true, active: true } } } },
				submittedBy: { select: { email: true, name: true } },
				_count: { select: { proposals: { where: { origin: 'SCHOOL' } } } },
			},
		})
		const child = { firstName: facts.child.firstName, lastName: facts.child.lastName }
		const schoolName = facts.child.school?.name ?? 'The school'
		const reportDueOn = addDays(meetingOn, 14)
		const decisionDueOn = addDays(meetingOn, 28)
		await enqueueEmail(tx, {
			to: facts.submittedBy!.email,
			toName: facts.submittedBy!.name,
			template: 'review-submitted-receipt',
			reviewId: review.id,
			dedupeKey: `submitted:${review.id}:receipt`,
			payload: { reviewId: review.id, child, schoolName, meetingOn, submittedAt: now, reportDueOn, decisionDueOn },
		})
		// The assigned caseworker; with none (or one who has left), the council's SEN managers.
		const caseworker = facts.child.caseworker?.active ? facts.child.caseworker : null
		const recipients = caseworker
			? [{ ...caseworker, audience: 'CASEWORKER' as const }]
			: (await tx.user.findMany({ where: { laId: facts.laId, active: true, roles: { some: { role: 'MANAGER' } } }, select: { email: true, name: true } })).map((m) => ({ ...m, audience: 'MANAGER' as const }))
		for (const person of recipients) {
			await enqueueEmail(tx, {
				to: person.email,
				toName: person.name,
				template: 'review-submitted-caseworker',
				reviewId: review.id,
				dedupeKey: `submitted:${review.id}:council:${person.email}`,
				payload: {
					reviewId: review.id,
					child,
					schoolName,
					meetingOn,
					submittedAt: now,
					decisionDueOn,
					recommendation: (facts.recommendation as 'MAINTAIN' | 'AMEND' | 'CEASE' | null) ?? null,
					proposedAmendments: facts._count.proposals,
					audience: person.audience,
				},
			})
		}
		await audit(request, args.userId, 'review.submit', { entityType: 'AnnualReview', entityId: review.id, reviewId: review.id, childId: facts.child.id, details: `report received ${today}` }, tx)
		return 'submitted' as const
	})
	if (outcome === 'changed') {
		return {
			ok: false,
			status: 409,
			problems: [{ href: `/reviews/${review.id}/check`, message: 'The review changed after you opened this page, or has already been submitted. Check the answers again before submitting' }],
		}
	}
	return { ok: true }
}
