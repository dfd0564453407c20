import { Form, redirect, useLoaderData } from 'react-router'
import type { Route } from './+types/review-bundle'
import { PageTitle } from '#app/components/page.tsx'
import { prisma } from '#app/db.server.ts'
import { startJob } from '#app/jobs/jobs.server.ts'
import { renderEvidenceBundle } from '#app/pdf/bundle.server.ts'
import { renderReviewRecord } from '#app/pdf/review-record.server.ts'
import { saveDocument } from '#app/storage/documents.server.ts'
import { readEvidenceBytes } from '#app/storage/evidence.server.ts'
import { requirePermission } from '#app/auth/auth.server.ts'
import { buildReviewRecord } from '#app/queries/review-record.server.ts'
import { requireReviewAccess } from '#app/auth/review-access.server.ts'

export async function loader({ request, params }: Route.LoaderArgs) {
	const user = await requirePermission(request, 'review:read')
	const access = await requireReviewAccess(request, user, params.reviewId, null)
	const review = await prisma.annualReview.findUniqueOrThrow({
		where: { id: access.id },
		select: { id: true, child: { select: { firstName: true, lastName: true } }, _count: { select: { evidence: true } } },
	})
	return { reviewId: review.id, childName: `${review.child.firstName} ${review.child.lastName}`, evidenceCount: review._count.evidence }
}

export async function action({ request, params }: Route.ActionArgs) {
	const user = await requirePermission(request, 'review:read')
	const access = await requireReviewAccess(request, user, params.reviewId, null)
	const job = await startJob({ kind: 'BUNDLE', laId: access.laId, createdById: user.id, input: { reviewId: access.id }, message: 'Putting the review record and the evidence together' }, async (progress) => {
		const { record, evidence } = await buildReviewRecord(access.id)
		const recordBytes = await renderReviewRecord(record)
		const bytes = await renderEvidenceBundle({
			title: `Annual review record and evidence: ${record.child.name}`,
			councilName: record.councilName,
			childName: record.child.name,
			record: recordBytes,
			evidence: evidence.map((e) => ({ title: e.title, fileName: e.fileName, contentType: e.contentType, load: () => readEvidenceBytes(e.storageKey) })),
			onProgress: (done, total) => void progress(done, total, `Added ${done} of ${total} evidence files`),
		})
		const storageKey = await saveDocument(bytes)
		const document = await prisma.generatedDocument.create({
			data: { reviewId: access.id, kind: 'EVIDENCE_BUNDLE', title: `Annual review record and evidence - ${record.child.name}.pdf`, storageKey, sizeBytes: bytes.byteLength },
			select: { id: true },
		})
		await progress(evidence.length, evidence.length, 'The bundle is ready')
		return { documentId: document.id, reviewId: access.id }
	})
	throw redirect(`/jobs/${job.id}`)
}

export default function Bundle() {
	const { reviewId, childName, evidenceCount } = useLoaderData<typeof loader>()
	return (
		<div className="govuk-grid-row">
			<div className="govuk-grid-column-two-thirds">
				<PageTitle title={`Evidence bundle: ${childName}`} />
				<a href={`/reviews/${reviewId}`} className="govuk-back-link">
					Back to the review
				</a>
				<span className="govuk-caption-l">{childName}</span>
				<h1 className="govuk-heading-l">Review record with all evidence</h1>
				<p className="govuk-body">
					One PDF with a contents page, the review record, then every piece of evidence ({evidenceCount} file{evidenceCount === 1 ? '' : 's'}). Word documents are listed
					but not included: download them separately.
				</p>
				<Form method="post">
					<button type="submit" className="govuk-button">
						Create the bundle
					</button>
				</Form>
			</div>
		</div>
	)
}
