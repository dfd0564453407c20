// The child's record for their family (issue 14, "Their record"): the plan's dates, each review's statutory dates
// (what is due, who must do it, by when, and whether it was done in time: app/domain/family-timeline.ts), and every
// letter and email sent to the family member, to read or download at any time: the record of correspondence the
// parents' petition asks for. Plain words for parents and young people.
import { useLoaderData } from 'react-router'
import { requireFamily, requireFamilyChild } from '#app/auth/family.server.ts'
import { PageTitle } from '#app/components/page.tsx'
import { formatDate } from '#app/domain/calendar-date.ts'
import { STATE_LABELS, type TimelineStep } from '#app/domain/family-timeline.ts'
import { formatDateTime } from '#app/lib/format.ts'
import { familyChildRecord, type FamilyReview } from '#app/queries/family-record.server.ts'
import type { Route } from './+types/family-child'

export async function loader({ request, params }: Route.LoaderArgs) {
	const user = await requireFamily(request)
	await requireFamilyChild(request, user, params.childId)
	const record = await familyChildRecord(user, params.childId)
	return {
		...record,
		letters: record.letters.map((l) => ({ ...l, sentAt: l.sentAt.toISOString() })),
		emails: record.emails.map((m) => ({ ...m, sentAt: m.sentAt.toISOString() })),
	}
}

function Timeline({ steps, label, level }: { steps: TimelineStep[]; label: string; level: 'h3' | 'h4' }) {
	const Heading = level
	return (
		<ol className="govuk-list" aria-label={label}>
			{steps.map((step) => (
				<li key={step.id} className="govuk-!-margin-bottom-6">
					<Heading className="govuk-heading-s govuk-!-margin-bottom-2">{step.what}</Heading>
					<dl className="govuk-summary-list govuk-!-margin-bottom-2">
						<div className="govuk-summary-list__row">
							<dt className="govuk-summary-list__key">Who does it</dt>
							<dd className="govuk-summary-list__value">{step.whoWords}</dd>
						</div>
						<div className="govuk-summary-list__row">
							<dt className="govuk-summary-list__key">{step.who === 'family' ? 'Last day' : 'Due by'}</dt>
							<dd className="govuk-summary-list__value">{formatDate(step.dueOn)}</dd>
						</div>
						<div className="govuk-summary-list__row">
							<dt className="govuk-summary-list__key">Done?</dt>
							<dd className="govuk-summary-list__value">
								<strong className={step.tag}>{STATE_LABELS[step.state]}</strong>{' '}
								<span className="govuk-!-display-block govuk-!-margin-top-1">{step.status}</span>
							</dd>
						</div>
					</dl>
					<p className="govuk-body-s govuk-!-margin-bottom-0">The law: {step.law}</p>
				</li>
			))}
		</ol>
	)
}

function ReviewLinks({ review }: { review: FamilyReview }) {
	return (
		<ul className="govuk-list">
			<li>
				<a className="govuk-link" href={`/family/reviews/${review.id}`}>
					See this review
				</a>
			</li>
			<li>
				{review.reportReady ? (
					<a className="govuk-link" href={`/family/reviews/${review.id}/record.pdf`} download>
						Download the review report (PDF)
					</a>
				) : (
					<span className="govuk-body">The school has not sent the review report yet.</span>
				)}
			</li>
		</ul>
	)
}

function reviewHeading(review: FamilyReview) {
	return review.meetingOn ? `Review meeting on ${formatDate(review.meetingOn)}` : `Review due by ${formatDate(review.dueOn)}`
}

export default function FamilyChild() {
	const { child, plan, reviews, letters, emails } = useLoaderData<typeof loader>()
	const title = child.young ? 'Your EHC plan' : `${child.name}’s EHC plan`
	const [current, ...earlier] = reviews
	return (
		<>
			<PageTitle title={title} />
			<a className="govuk-back-link" href="/family">
				Back to your EHC plan reviews
			</a>
			<h1 className="govuk-heading-l">{title}</h1>
			<dl className="govuk-summary-list">
				<div className="govuk-summary-list__row">
					<dt className="govuk-summary-list__key">Name</dt>
					<dd className="govuk-summary-list__value">{child.name}</dd>
				</div>
				<div className="govuk-summary-list__row">
					<dt className="govuk-summary-list__key">School or college</dt>
					<dd className="govuk-summary-list__value">{child.school ?? 'Not recorded'}</dd>
				</div>
				{plan ? (
					<>
						<div className="govuk-summary-list__row">
							<dt className="govuk-summary-list__key">Plan first issued</dt>
							<dd className="govuk-summary-list__value">{formatDate(plan.firstIssuedOn)}</dd>
						</div>
						{plan.lastReviewOn ? (
							<div className="govuk-summary-list__row">
								<dt className="govuk-summary-list__key">Last review meeting</dt>
								<dd className="govuk-summary-list__value">{formatDate(plan.lastReviewOn)}</dd>
							</div>
						) : null}
						<div className="govuk-summary-list__row">
							<dt className="govuk-summary-list__key">Next review due by</dt>
							<dd className="govuk-summary-list__value">{formatDate(plan.reviewDueOn)}</dd>
						</div>
					</>
				) : null}
			</dl>

			<h2 className="govuk-heading-m">{child.young ? 'Your review' : 'The review'}</h2>
			{current ? (
				<section aria-labelledby="current-review">
					<h3 className="govuk-heading-s" id="current-review">
						{reviewHeading(current)}
					</h3>
					<p className="govuk-body">Where it is now: {current.statusLabel}.</p>
					<ReviewLinks review={current} />
					<p className="govuk-body">The law sets dates for each step. This list shows who must do each step, by when, and if it was done on time.</p>
					<Timeline steps={current.timeline} label="Dates for this review" level="h4" />
				</section>
			) : (
				<p className="govuk-body">No review has started yet.</p>
			)}
			{earlier.length > 0 ? (
				<>
					<h2 className="govuk-heading-m">Earlier reviews</h2>
					{earlier.map((review) => (
						<details className="govuk-details" key={review.id}>
							<summary className="govuk-details__summary">
								<span className="govuk-details__summary-text">{reviewHeading(review)}</span>
							</summary>
							<div className="govuk-details__text">
								<p className="govuk-body">Where it is now: {review.statusLabel}.</p>
								<ReviewLinks review={review} />
								<Timeline steps={review.timeline} label={`Dates for the ${reviewHeading(review).toLowerCase()}`} level="h3" />
							</div>
						</details>
					))}
				</>
			) : null}

			<h2 className="govuk-heading-m" id="letters">
				Letters sent to you
			</h2>
			{letters.length ? (
				<ul className="govuk-list govuk-list--spaced" aria-labelledby="letters">
					{letters.map((letter) => (
						<li key={letter.id}>
							<a className="govuk-link" href={`/family/documents/${letter.id}`} download>
								{letter.name} (PDF)
							</a>
							<span className="govuk-body-s govuk-!-display-block">Sent on {formatDateTime(letter.sentAt)}</span>
						</li>
					))}
				</ul>
			) : (
				<p className="govuk-body">No letters have been sent to you yet.</p>
			)}

			<h2 className="govuk-heading-m" id="emails">
				Emails sent to you
			</h2>
			{emails.length ? (
				<ul className="govuk-list govuk-list--spaced" aria-labelledby="emails">
					{emails.map((email) => (
						<li key={email.id}>
							<a className="govuk-link govuk-!-text-break-word" href={`/family/messages/${email.id}`}>
								{email.subject}
							</a>
							<span className="govuk-body-s govuk-!-display-block">Sent on {formatDateTime(email.sentAt)}</span>
						</li>
					))}
				</ul>
			) : (
				<p className="govuk-body">No emails have been sent to you yet.</p>
			)}
		</>
	)
}
