import { audit } from '#app/auth/audit.server.ts'
import { notFound, requirePermission } from '#app/auth/auth.server.ts'
import { requireReviewAccess } from '#app/auth/review-access.server.ts'
import { prisma } from '#app/db/db.server.ts'
import { evidenceDownloadResponse } from '#app/storage/evidence.server.ts'
import type { Route } from './+types/review-evidence-file'

// A download of one evidence file: permission-checked, audited, always as an attachment.
export async function loader({ request, params }: Route.LoaderArgs) {
	const user = await requirePermission(request, 'review:read')
	const review = await requireReviewAccess(request, user, params.reviewId, null)
	const file = await prisma.evidenceFile.findFirst({
		where: { id: params.evidenceId, reviewId: review.id },
		select: { id: true, storageKey: true, fileName: true, contentType: true, sizeBytes: true },
	})
	if (!file) throw notFound()
	await audit(request, user.id, 'evidence.download', { entityType: 'EvidenceFile', entityId: file.id, reviewId: review.id, childId: review.childId })
	return evidenceDownloadResponse(file)
}
