import { audit } from '#app/auth/audit.server.ts'
import { requirePermission } from '#app/auth/auth.server.ts'
import { requireReviewAccess } from '#app/auth/review-access.server.ts'
import { download } from '#app/http/download.server.ts'
import { renderReviewRecord } from '#app/pdf/review-record.server.ts'
import { buildReviewRecord } from '#app/queries/review-record.server.ts'
import { pdfResponse } from '#app/storage/documents.server.ts'
import type { Route } from './+types/review-record-pdf'

// The review record as a PDF, made from what is stored, so any review (past ones too) can be downloaded at any time.
export async function loader({ request, params }: Route.LoaderArgs) {
	const user = await requirePermission(request, 'review:read')
	const review = await requireReviewAccess(request, user, params.reviewId, null)
	return download(`/reviews/${review.id}`, async () => {
		const { record } = await buildReviewRecord(review.id)
		const bytes = await renderReviewRecord(record)
		await audit(request, user.id, 'review.download', {
			entityType: 'AnnualReview',
			entityId: review.id,
			reviewId: review.id,
			childId: review.childId,
			details: 'review record PDF',
		})
		return pdfResponse(bytes, `Annual review record - ${record.child.name}.pdf`)
	})
}
