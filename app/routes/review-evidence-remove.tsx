import { Form, useLoaderData } from 'react-router'
import { notFound } from '#app/auth/auth.server.ts'
import { requireEditableReview } from '#app/auth/review-access.server.ts'
import { backToReview, ErrorPage } from '#app/components/error-page.tsx'
import { PageTitle } from '#app/components/page.tsx'
import { loadEvidencePage } from '#app/queries/review.server.ts'
import type { Route } from './+types/review-evidence-remove'

// Removing a piece of evidence asks first (a page of its own, so it works without JavaScript): the file goes, and
// so do its links to amendment proposals. "Yes" posts to the evidence page's action, which removes it.

async function evidenceOf(reviewId: string, evidenceId: string) {
	const review = await loadEvidencePage(reviewId)
	const file = review.evidence.find((e) => e.id === evidenceId)
	if (!file) throw notFound()
	return { review, file }
}

export async function loader({ request, params }: Route.LoaderArgs) {
	await requireEditableReview(request, params.reviewId)
	const { review, file } = await evidenceOf(params.reviewId, params.evidenceId)
	return {
		reviewId: review.id,
		evidenceId: file.id,
		childName: `${review.child.firstName} ${review.child.lastName}`,
		file: { title: file.title, fileName: file.fileName },
	}
}

export default function RemoveEvidence() {
	const { reviewId, evidenceId, childName, file } = useLoaderData<typeof loader>()
	const back = `/reviews/${reviewId}/evidence`
	return (
		<div className="govuk-grid-row">
			<div className="govuk-grid-column-two-thirds">
				<PageTitle title={`Remove ‘${file.title}’: ${childName}`} />
				<a href={back} className="govuk-back-link">
					Back to the evidence
				</a>
				<span className="govuk-caption-l">{childName}</span>
				<h1 className="govuk-heading-l">Are you sure you want to remove ‘{file.title}’?</h1>
				<p className="govuk-body">
					The file {file.fileName} will be deleted from the review, and from any amendment proposal it supports. You cannot undo this.
				</p>
				<Form method="post" action={back} noValidate>
					<input type="hidden" name="evidenceId" value={evidenceId} />
					<div className="govuk-button-group">
						<button type="submit" name="intent" value="delete" className="govuk-button govuk-button--warning" data-module="govuk-button">
							Yes, remove it
						</button>
						<a className="govuk-link" href={back}>
							No, keep it
						</a>
					</div>
				</Form>
			</div>
		</div>
	)
}

// A refused or failed step keeps the person's way back to where they were.
export function ErrorBoundary({ error, params }: Route.ErrorBoundaryProps) {
	return <ErrorPage error={error} back={backToReview(params.reviewId)} />
}
