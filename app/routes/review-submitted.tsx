import { redirect, useLoaderData } from 'react-router'
import { requirePermission } from '#app/auth/auth.server.ts'
import { requireReviewAccess } from '#app/auth/review-access.server.ts'
import { backToReview, ErrorPage } from '#app/components/error-page.tsx'
import { PageTitle } from '#app/components/page.tsx'
import { RecordDownloads } from '#app/components/review-bits.tsx'
import { prisma } from '#app/db/db.server.ts'
import { formatDate } from '#app/domain/calendar-date.ts'
import { INVITEE_ROLE_LABELS, type InviteeRole } from '#app/domain/review-parts.ts'
import * as clock from '#app/domain/statutory-clock.ts'
import { formatDateTime } from '#app/lib/format.ts'
import type { Route } from './+types/review-submitted'

// The emails submitting the report queues (submitReview in app/services/school-review.server.ts): the report to each
// invitee with an email address (reg 20(8)), and the council's caseworker (or its SEN managers) told it has arrived.
const TO_INVITEE = 'review-report-invitee'
const TO_COUNCIL = 'review-submitted-caseworker'

export async function loader({ request, params }: Route.LoaderArgs) {
	const user = await requirePermission(request, 'review:read')
	await requireReviewAccess(request, user, params.reviewId, null)
	const review = await prisma.annualReview.findUniqueOrThrow({
		where: { id: params.reviewId },
		select: {
			id: true,
			status: true,
			submittedAt: true,
			meetingOn: true,
			reportReceivedOn: true,
			child: { select: { firstName: true, lastName: true } },
			la: { select: { name: true } },
			invitees: { orderBy: { id: 'asc' }, select: { id: true, role: true, name: true, email: true } },
			messages: { where: { template: { in: [TO_INVITEE, TO_COUNCIL] } }, select: { template: true, toAddress: true, toName: true, status: true } },
		},
	})
	if (!review.submittedAt || !review.meetingOn) throw redirect(`/reviews/${review.id}`)
	const reportDueOn = clock.reportDueOn(review.meetingOn)
	// Each invitee as the report reached them: by email (one email an address, however many invitees share it), or
	// not by this service: no address was given, or the review was submitted before the service emailed invitees.
	const emailed = new Map(review.messages.filter((m) => m.template === TO_INVITEE).map((m) => [m.toAddress.trim().toLowerCase(), m.status]))
	const invitees = review.invitees.map((i) => {
		const email = i.email.trim()
		const status = email ? emailed.get(email.toLowerCase()) : undefined
		return {
			id: i.id,
			name: i.name,
			role: INVITEE_ROLE_LABELS[i.role as InviteeRole] ?? i.role,
			email: status ? email : null,
			failed: status === 'FAILED',
			why: email ? 'not emailed by this service' : 'no email address',
		}
	})
	return {
		review: { id: review.id, childName: `${review.child.firstName} ${review.child.lastName}`, submittedAt: review.submittedAt },
		council: { name: review.la.name, told: review.messages.filter((m) => m.template === TO_COUNCIL).map((m) => m.toName || m.toAddress) },
		sentTo: invitees.filter((i) => i.email),
		notSentTo: invitees.filter((i) => !i.email),
		onTime: review.reportReceivedOn! <= reportDueOn,
		reportDueOn,
		decisionDueOn: clock.decisionDueOn(review.meetingOn),
	}
}

export default function Submitted() {
	const { review, council, sentTo, notSentTo, onTime, reportDueOn, decisionDueOn } = useLoaderData<typeof loader>()
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
					We have emailed you a receipt.
				</p>

				<h2 className="govuk-heading-m">Who has been sent the report</h2>
				<p className="govuk-body">
					The law says the report goes to the council and to everyone invited to the meeting (SEND Regulations 2014 reg 20(8)).
				</p>
				<ul className="govuk-list govuk-list--bullet" aria-label="Sent the report">
					<li>
						{council.name}, in this service
						{council.told.length ? `: we have emailed ${listed(council.told)} to tell them it has arrived` : ''}
					</li>
					{sentTo.map((i) => (
						<li key={i.id}>
							{i.name} ({i.role}), by email to {i.email}
							{i.failed ? ': the email could not be delivered, so send them a copy yourself' : ''}
						</li>
					))}
				</ul>
				{notSentTo.length ? (
					<div className="govuk-warning-text">
						<span className="govuk-warning-text__icon" aria-hidden="true">
							!
						</span>
						<div className="govuk-warning-text__text">
							<span className="govuk-visually-hidden">Warning</span>
							<p className="govuk-body govuk-!-font-weight-bold govuk-!-margin-bottom-2">
								We have not emailed the report to {notSentTo.length === 1 ? 'this person' : 'these people'}: send them a copy of the review
								record yourself.
							</p>
							<ul className="govuk-list govuk-list--bullet govuk-!-margin-bottom-0" aria-label="Send a copy yourself to">
								{notSentTo.map((i) => (
									<li key={i.id}>
										{i.name} ({i.role}): {i.why}
									</li>
								))}
							</ul>
						</div>
					</div>
				) : null}

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

/** 'A', 'A and B', 'A, B and C'. */
function listed(names: string[]): string {
	return names.length < 2 ? (names[0] ?? '') : `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`
}

// A refused or failed step keeps the person's way back to where they were.
export function ErrorBoundary({ error, params }: Route.ErrorBoundaryProps) {
	return <ErrorPage error={error} back={backToReview(params.reviewId)} />
}
