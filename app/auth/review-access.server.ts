// Who may open a review: its child's school or council (tenancy), and who may change it: the school's SENCo while
// it is a draft. Every loader and action that takes a review id starts here.
import { data } from 'react-router'
import { audit, type AuditAction } from '#app/auth/audit.server.ts'
import { forbidden, notFound, requirePermission, type SessionUser } from '#app/auth/auth.server.ts'
import { reviewScope } from '#app/auth/tenancy.server.ts'
import { prisma } from '#app/db/db.server.ts'
import { checkStep } from '#app/domain/review-lifecycle.ts'

/**
 * Loads a review only if the user may see it (their school's or council's child): 404 when there is no
 * such review, 403 (audited) when it belongs to someone else. `audit` names the view to record.
 */
export async function requireReviewAccess(request: Request, user: SessionUser, reviewId: string, action: AuditAction | null = 'review.view') {
	const review = await prisma.annualReview.findFirst({
		where: { AND: [{ id: reviewId }, reviewScope(user)] },
		select: { id: true, childId: true, status: true, schoolId: true, laId: true },
	})
	if (!review) {
		const exists = await prisma.annualReview.findUnique({ where: { id: reviewId }, select: { childId: true } })
		if (!exists) throw notFound()
		await audit(request, user.id, 'access.denied', {
			entityType: 'AnnualReview',
			entityId: reviewId,
			reviewId,
			childId: exists.childId,
			details: new URL(request.url).pathname,
		})
		throw forbidden()
	}
	if (action) await audit(request, user.id, action, { entityType: 'AnnualReview', entityId: reviewId, reviewId, childId: review.childId })
	return review
}

/** A SENCo of the child's school, on a review still in draft: the only one who may change it. */
export async function requireEditableReview(request: Request, reviewId: string) {
	const user = await requirePermission(request, 'review:edit')
	const review = await requireReviewAccess(request, user, reviewId, null)
	const editable = checkStep('editDraft', review)
	if (!editable.ok) throw data(editable.reason, { status: 409, statusText: 'Conflict' })
	return { user, review }
}
