import { parseWithZod } from '@conform-to/zod/v4'
import { data, redirect, useActionData, useLoaderData } from 'react-router'
import { requireEditableReview } from '#app/auth/review-access.server.ts'
import { backToReview, ErrorPage } from '#app/components/error-page.tsx'
import { PageTitle } from '#app/components/page.tsx'
import { ScheduleForm } from '#app/components/schedule-form.tsx'
import { dateParts, INVITEE_ROWS, ScheduleSchema } from '#app/domain/review-parts.ts'
import { FORM_MISMATCH, withinRows } from '#app/http/forms.server.ts'
import { readForm } from '#app/http/request-limits.server.ts'
import { loadMeeting } from '#app/queries/review.server.ts'
import { scheduleMeeting } from '#app/services/school-review.server.ts'
import type { Route } from './+types/review-meeting'

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
	// The page has INVITEE_ROWS rows of invitees: no other rows can come back.
	const { formData, mismatch } = withinRows(await readForm(request), 'invitees', INVITEE_ROWS)
	const submission = parseWithZod(formData, { schema: ScheduleSchema })
	if (mismatch) return data({ result: submission.reply({ formErrors: [FORM_MISMATCH] }) }, { status: 400 })
	if (submission.status !== 'success') return data({ result: submission.reply() }, { status: 400 })
	await scheduleMeeting(request, user, review, submission.value)
	throw redirect(`/reviews/${review.id}`)
}

export default function ReviewMeeting() {
	const { review, defaults } = useLoaderData<typeof loader>()
	const actionData = useActionData<typeof action>()
	return (
		<div className="govuk-grid-row">
			<div className="govuk-grid-column-two-thirds">
				<PageTitle title={`Change the meeting for ${review.childName}`} error={!!actionData?.result.error} />
				<a href={`/reviews/${review.id}`} className="govuk-back-link">
					Back to the review
				</a>
				<span className="govuk-caption-l">{review.childName}</span>
				<h1 className="govuk-heading-l">The review meeting</h1>
				<ScheduleForm lastResult={actionData?.result} defaults={defaults} submitLabel="Save the meeting" />
			</div>
		</div>
	)
}

// A refused or failed step keeps the person's way back to where they were.
export function ErrorBoundary({ error, params }: Route.ErrorBoundaryProps) {
	return <ErrorPage error={error} back={backToReview(params.reviewId)} />
}
