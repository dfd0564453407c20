import { data, redirect, useActionData, useLoaderData } from 'react-router'
import { requireEditableReview } from '#app/auth/review-access.server.ts'
import { backToReview, ErrorPage } from '#app/components/error-page.tsx'
import { ScheduleForm } from '#app/components/schedule-form.tsx'
import { dateParts } from '#app/domain/review-parts.ts'
import { loadMeeting } from '#app/queries/review.server.ts'
import { scheduleMeeting } from '#app/services/school-review.server.ts'
import type { Route } from './+types/review-meeting'
import { readScheduleForm } from './schedule-form.server.ts'

export async function loader({ request, params }: Route.LoaderArgs) {
	await requireEditableReview(request, params.reviewId)
	const review = await loadMeeting(params.reviewId)
	return {
		review: { id: review.id, childName: `${review.child.firstName} ${review.child.lastName}` },
		defaults: {
			meetingOn: dateParts(review.meetingOn),
			meetingTime: review.meetingTime ?? '',
			meetingPlace: review.meetingPlace,
			invitees: review.invitees,
			invitationsSentOn: dateParts(review.invitationsSentOn),
			adviceCirculatedOn: dateParts(review.adviceCirculatedOn),
		},
	}
}

export async function action({ request, params }: Route.ActionArgs) {
	const { user, review } = await requireEditableReview(request, params.reviewId)
	const form = await readScheduleForm(request)
	if (!('value' in form)) return data(form.page, { status: form.status })
	await scheduleMeeting(request, user, review, form.value)
	throw redirect(`/reviews/${review.id}`)
}

export default function ReviewMeeting() {
	const { review, defaults } = useLoaderData<typeof loader>()
	const actionData = useActionData<typeof action>()
	return (
		<div className="govuk-grid-row">
			<div className="govuk-grid-column-two-thirds">
				<a href={`/reviews/${review.id}`} className="govuk-back-link">
					Back to the review
				</a>
				<span className="govuk-caption-l">{review.childName}</span>
				<h1 className="govuk-heading-l">The review meeting</h1>
				<ScheduleForm
					title={`Change the meeting for ${review.childName}`}
					lastResult={actionData?.result}
					redraw={actionData?.redraw}
					defaults={defaults}
					submitLabel="Save the meeting"
				/>
			</div>
		</div>
	)
}

// A refused or failed step keeps the person's way back to where they were.
export function ErrorBoundary({ error, params }: Route.ErrorBoundaryProps) {
	return <ErrorPage error={error} back={backToReview(params.reviewId)} />
}
