import { audit } from '#app/auth/audit.server.ts'
import { forbidden, notFound } from '#app/auth/auth.server.ts'
import { requireFamily, requireFamilyReview } from '#app/auth/family.server.ts'
import { download } from '#app/http/download.server.ts'
import { findDocument, isFamilyDocumentKind } from '#app/queries/family-record.server.ts'
import { pdfResponse } from '#app/storage/documents.server.ts'
import type { Route } from './+types/family-document'

// A letter the portal generated, for the family of the child whose review it belongs to (issue 14, "Their record"):
// the review report (reg 20(7)-(8)), the decision letter (reg 20(10)), the amendment notice (reg 22(2)), the final
// plan or the letter saying the plan will not be changed (reg 22(3)-(4)). The evidence bundles are the council's
// working copies: a family member is refused them (403, audited) even for their own child.
export async function loader({ request, params }: Route.LoaderArgs) {
	const user = await requireFamily(request)
	const document = await findDocument(params.documentId)
	if (!document) throw notFound()
	// 403 (audited) when the review is another child's; the download itself is audited below.
	const review = await requireFamilyReview(request, user, document.reviewId, null)
	if (!isFamilyDocumentKind(document.kind)) {
		await audit(request, user.id, 'access.denied', {
			entityType: 'GeneratedDocument',
			entityId: document.id,
			reviewId: review.id,
			childId: review.childId,
			details: `not a letter sent to families: ${document.kind}`,
		})
		throw forbidden()
	}
	await audit(request, user.id, 'family.download', {
		entityType: 'GeneratedDocument',
		entityId: document.id,
		reviewId: review.id,
		childId: review.childId,
		details: document.kind,
	})
	return download(`/family/children/${review.childId}`, () => pdfResponse(document, document.title))
}
