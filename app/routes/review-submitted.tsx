import { redirect, useLoaderData } from 'react-router'
import { requirePermission } from '#app/auth/auth.server.ts'
import { requireReviewAccess } from '#app/auth/review-access.server.ts'
import { backToReview, ErrorPage } from '#app/components/error-page.tsx'
import { PageTitle } from '#app/components/page.tsx'
import { RecordDownloads } from '#app/components/review-bits.tsx'
import { prisma } from '#app/db/db.server.ts'
import { formatDate } from '#app/domain/calendar-date.ts'
import * as clock from '#app/domain/statutory-clock.ts'
import { formatDateTime } from '#app/lib/format.ts'
import type { Route } from './+types/review-submitted'

export async function loader({ request, params }: Route.LoaderArgs) {
	const user = await requirePermission(request, 'review:read')
	await requireReviewAccess(request, user, params.reviewId, null)
	const review = await prisma.annualReview.findUniqueOrThrow({
		where: { id: params.reviewId },
		select: { id: true, status: true, submittedAt: true, meetingOn: true, reportReceivedOn: true, child: { select: { firstName: true, lastName: true } } },
	})
	if (!review.submittedAt || !review.meetingOn) throw redirect(`/reviews/${review.id}`)
	const reportDueOn = clock.reportDueOn(review.meetingOn)
	return {
		review: { id: review.id, childName: `${review.child.firstName} ${review.child.lastName}`, submittedAt: review.submittedAt },
		onTime: review.reportReceivedOn! <= reportDueOn,
		reportDueOn,
		decisionDueOn: clock.decisionDueOn(review.meetingOn),
	}
}

export default function Submitted() {
	const { review, onTime, reportDueOn, decisionDueOn } = useLoaderData<typeof loader>()
	return (
		<div className="govuk-grid-row">
			<div className="govuk-grid-column-two-thirds">
				<PageTitle title={`Review submitted: ${review.childName}`} />
				<div className="govuk-panel govuk-panel--confirmation">
					<h1 className="govuk-panel__title">Review submitted</h1>
					<div className="govuk-panel__body">
						{review.childName}’s annual review report was sent to the council on {formatDateTime(review.submittedAt)}
					</div>
				</div>
				<p className="govuk-body">
					{onTime
						? `The report was submitted within 2 weeks of the meeting (by ${formatDate(reportDueOn)}).`
						: `The report was due by ${formatDate(reportDueOn)}, 2 weeks after the meeting.`}{' '}
					We have emailed you a receipt and told the council’s caseworker.
				</p>
				<h2 className="govuk-heading-m">What happens next</h2>
				<p className="govuk-body">
					The council must decide whether to keep, amend or cease the plan, and tell the family and the head teacher, by {formatDate(decisionDueOn)}.
				</p>
				<RecordDownloads reviewId={review.id}>
					<li>
						<a className="govuk-link" href="/school">
							Back to your school’s children
						</a>
					</li>
				</RecordDownloads>
			</div>
		</div>
	)
}

// A refused or failed step keeps the person's way back to where they were.
export function ErrorBoundary({ error, params }: Route.ErrorBoundaryProps) {
	return <ErrorPage error={error} back={backToReview(params.reviewId)} />
}
