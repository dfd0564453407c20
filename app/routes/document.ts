import { audit } from '#app/auth/audit.server.ts'
import { notFound, requirePermission } from '#app/auth/auth.server.ts'
import { requireReviewAccess } from '#app/auth/review-access.server.ts'
import { prisma } from '#app/db/db.server.ts'
import { download } from '#app/http/download.server.ts'
import { pdfResponse } from '#app/storage/documents.server.ts'
import type { Route } from './+types/document'

// A document the portal generated (bundle, letter, notice, final plan), for whoever may see its review.
export async function loader({ request, params }: Route.LoaderArgs) {
	const user = await requirePermission(request, 'review:read')
	const document = await prisma.generatedDocument.findUnique({
		where: { id: params.documentId },
		select: { id: true, reviewId: true, title: true, storageKey: true, sizeBytes: true, kind: true },
	})
	if (!document) throw notFound()
	const review = await requireReviewAccess(request, user, document.reviewId, null)
	await audit(request, user.id, 'review.download', {
		entityType: 'GeneratedDocument',
		entityId: document.id,
		reviewId: review.id,
		childId: review.childId,
		details: document.kind,
	})
	return download(`/reviews/${review.id}`, () => pdfResponse(document, document.title))
}
