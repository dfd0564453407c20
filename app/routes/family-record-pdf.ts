import { audit } from '#app/auth/audit.server.ts'
import { requireFamily, requireFamilyReview } from '#app/auth/family.server.ts'
import { prisma } from '#app/db/db.server.ts'
import { download } from '#app/http/download.server.ts'
import { renderReviewRecord } from '#app/pdf/review-record.server.ts'
import { reportSent } from '#app/queries/family-record.server.ts'
import { buildReviewRecord } from '#app/queries/review-record.server.ts'
import { pdfResponse } from '#app/storage/documents.server.ts'
import type { Route } from './+types/family-record-pdf'

// The review report for the family (issue 14, "After the meeting"): the school sends it to everyone invited within
// 2 weeks of the meeting (SEND Regulations 2014 reg 20(7)-(8)), so the family can read it once the school has sent it,
// drawn from what is stored by the same builder as the staff's record (app/routes/review-record-pdf.ts). Before the
// school sends it there is nothing to read: a page that says so, with a 404.
const NOT_READY = `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>The review report is not ready yet – EHC annual reviews</title></head>
<body><main><h1>The review report is not ready yet</h1>
<p>The school has not sent the review report yet. It must send it within 2 weeks of the review meeting.</p>
<p><a href="/family">Go back to your EHC plan reviews</a></p></main></body></html>`

export async function loader({ request, params }: Route.LoaderArgs) {
	const user = await requireFamily(request)
	const review = await requireFamilyReview(request, user, params.reviewId, null)
	const { status } = await prisma.annualReview.findUniqueOrThrow({ where: { id: review.id }, select: { status: true } })
	if (!reportSent(status)) {
		return new Response(NOT_READY, { status: 404, headers: { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'private, no-store' } })
	}
	return download(`/family/children/${review.childId}`, async () => {
		const { record } = await buildReviewRecord(review.id)
		const bytes = await renderReviewRecord(record)
		await audit(request, user.id, 'family.download', {
			entityType: 'AnnualReview',
			entityId: review.id,
			reviewId: review.id,
			childId: review.childId,
			details: 'review report PDF',
		})
		return pdfResponse(bytes, `Annual review report - ${record.child.name}.pdf`)
	})
}
