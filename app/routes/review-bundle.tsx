import { Form, redirect, useLoaderData } from 'react-router'
import { requirePermission } from '#app/auth/auth.server.ts'
import { requireReviewAccess } from '#app/auth/review-access.server.ts'
import { backToReview, ErrorPage } from '#app/components/error-page.tsx'
import { PageTitle } from '#app/components/page.tsx'
import { loadBundlePage } from '#app/queries/review.server.ts'
import { startEvidenceBundle } from '#app/services/school-review.server.ts'
import type { Route } from './+types/review-bundle'

export async function loader({ request, params }: Route.LoaderArgs) {
	const user = await requirePermission(request, 'review:read')
	const access = await requireReviewAccess(request, user, params.reviewId, null)
	const review = await loadBundlePage(access.id)
	return { reviewId: review.id, childName: `${review.child.firstName} ${review.child.lastName}`, evidenceCount: review._count.evidence }
}

export async function action({ request, params }: Route.ActionArgs) {
	const user = await requirePermission(request, 'review:read')
	const access = await requireReviewAccess(request, user, params.reviewId, null)
	const job = await startEvidenceBundle(user, access)
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
					One PDF with a contents page, the review record, then every piece of evidence ({evidenceCount} file{evidenceCount === 1 ? '' : 's'}). Word
					documents are listed but not included: download them separately.
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

// A refused or failed step keeps the person's way back to where they were.
export function ErrorBoundary({ error, params }: Route.ErrorBoundaryProps) {
	return <ErrorPage error={error} back={backToReview(params.reviewId)} />
}
