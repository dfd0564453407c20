import { useLoaderData } from 'react-router'
import { requireFamily, requireFamilyReview } from '#app/auth/family.server.ts'
import { SavedBanner } from '#app/components/admin.tsx'
import { ErrorPage } from '#app/components/error-page.tsx'
import { PageTitle } from '#app/components/page.tsx'
import { formatDate, formatDateWithWeekday, todayInLondon } from '#app/domain/calendar-date.ts'
import { canTake } from '#app/domain/review-lifecycle.ts'
import { type InviteeRole } from '#app/domain/review-parts.ts'
import { FAMILY_PART_SLUGS, familyReviewPage, type FamilyPart } from '#app/queries/family-review.server.ts'
import type { Route } from './+types/family-review'

// A family member's page for one review, before the meeting and after it (issue 14): when and where the meeting is
// and who is invited (SEND Regulations 2014 reg 20(3): the parent or young person is invited, with two weeks'
// notice), when the review is due (reg 2, reg 20(1)), and what they can do now: give their views while the school's
// report is a draft, read the report once the school has sent it (reg 20(7)-(8)) and the amendment notice once the
// council issues one (reg 22(2)). Names and roles of the people invited, never their email addresses.

/** Who is invited, in the family's words. */
const ROLE_WORDS: Record<InviteeRole, string> = {
	PARENT: 'parent or carer',
	YOUNG_PERSON: 'young person',
	SCHOOL_STAFF: 'school',
	LA_OFFICER: 'council',
	HEALTH: 'health',
	SOCIAL_CARE: 'social care',
	OTHER: 'other',
}

/** The review report can be read once the school has sent it to the council (reg 20(7)-(8)): every status after DRAFT. */
const reportSent = (status: string) => !canTake('editDraft', status)

export async function loader({ request, params }: Route.LoaderArgs) {
	const user = await requireFamily(request)
	const access = await requireFamilyReview(request, user, params.reviewId)
	const review = await familyReviewPage(access.id, user.id)
	const youngPerson = review.child.family[0]?.relationship === 'YOUNG_PERSON'
	const sentOf = (part: FamilyPart) => {
		const row = review.contributions.find((c) => c.part === part)
		return row ? formatDate(todayInLondon(row.submittedAt)) : null
	}
	const justSent = new URL(request.url).searchParams.get('sent')
	return {
		id: review.id,
		childId: review.child.id,
		childName: `${review.child.firstName} ${review.child.lastName}`,
		childFirstName: review.child.firstName,
		school: review.child.school?.name ?? null,
		youngPerson,
		dueOn: formatDate(review.dueOn),
		meeting: review.meetingOn
			? { on: formatDateWithWeekday(review.meetingOn), time: review.meetingTime ?? null, place: review.meetingPlace || null }
			: null,
		invitees: review.invitees.map((i) => ({ id: i.id, name: i.name, role: ROLE_WORDS[i.role as InviteeRole] ?? 'other' })),
		open: canTake('editDraft', review.status),
		reportSent: reportSent(review.status),
		notice: review.notice ? formatDate(review.notice.issuedOn) : null,
		// A young person gives their own views (the child's views part); a parent gives theirs and their child's.
		tasks: (youngPerson ? (['CHILD_VIEWS'] as const) : (['PARENT_VIEWS', 'CHILD_VIEWS'] as const)).map((part) => ({
			part,
			slug: FAMILY_PART_SLUGS[part],
			title: part === 'PARENT_VIEWS' || youngPerson ? 'Give your views' : `Give ${review.child.firstName}’s views`,
			sentOn: sentOf(part),
		})),
		justSent: justSent === 'parent-views' || justSent === 'child-views' ? justSent : null,
		files: review.evidence.map((f) => ({ id: f.id, title: f.title, uploadedOn: formatDate(todayInLondon(f.uploadedAt)) })),
	}
}

export default function FamilyReview() {
	const r = useLoaderData<typeof loader>()
	const base = `/family/reviews/${r.id}`
	const title = r.youngPerson ? 'Your annual review' : `${r.childFirstName}’s annual review`
	return (
		<div className="govuk-grid-row">
			<div className="govuk-grid-column-two-thirds">
				<PageTitle title={`${title}: ${r.childName}`} />
				<a href={`/family/children/${r.childId}`} className="govuk-back-link">
					Back
				</a>
				{r.justSent ? <SavedBanner>Thank you. We have sent your views to the school.</SavedBanner> : null}
				<span className="govuk-caption-l">{r.childName}</span>
				<h1 className="govuk-heading-l">{title}</h1>
				<p className="govuk-body">
					Once a year, the school and the council check that the EHC plan still gives {r.youngPerson ? 'you' : r.childFirstName} the right help. This
					is called the annual review. It must be done by <strong>{r.dueOn}</strong>.
				</p>

				<h2 className="govuk-heading-m">The meeting</h2>
				{r.meeting ? (
					<dl className="govuk-summary-list">
						<div className="govuk-summary-list__row">
							<dt className="govuk-summary-list__key">Date</dt>
							<dd className="govuk-summary-list__value">{r.meeting.on}</dd>
						</div>
						<div className="govuk-summary-list__row">
							<dt className="govuk-summary-list__key">Time</dt>
							<dd className="govuk-summary-list__value">{r.meeting.time ?? 'The school will tell you'}</dd>
						</div>
						<div className="govuk-summary-list__row">
							<dt className="govuk-summary-list__key">Place</dt>
							<dd className="govuk-summary-list__value">{r.meeting.place ?? 'The school will tell you'}</dd>
						</div>
					</dl>
				) : (
					<p className="govuk-body">The school has not set a date for the meeting yet. We will show it here when they do.</p>
				)}
				<h3 className="govuk-heading-s">Who is invited</h3>
				{r.invitees.length ? (
					<ul className="govuk-list govuk-list--bullet">
						{r.invitees.map((i) => (
							<li key={i.id}>
								{i.name} ({i.role})
							</li>
						))}
					</ul>
				) : (
					<p className="govuk-body">The school has not invited anyone yet.</p>
				)}

				<h2 className="govuk-heading-m">What you can do</h2>
				{r.open ? (
					<p className="govuk-body">
						You can tell the school what you think before the meeting. Your words go into the review as you write them. You can change them until
						the school sends the review to the council.
					</p>
				) : (
					<p className="govuk-body">The school has sent the review to the council. You can no longer send or change your views here.</p>
				)}
				<ul className="govuk-task-list">
					{r.tasks.map((t) => (
						<li className="govuk-task-list__item govuk-task-list__item--with-link" key={t.part}>
							<div className="govuk-task-list__name-and-hint">
								<a className="govuk-link govuk-task-list__link" href={`${base}/views/${t.slug}`} aria-describedby={`task-${t.slug}-status`}>
									{r.open ? t.title : t.part === 'PARENT_VIEWS' || r.youngPerson ? 'What you sent' : `What you sent for ${r.childFirstName}`}
								</a>
							</div>
							<div className="govuk-task-list__status" id={`task-${t.slug}-status`}>
								{t.sentOn ? `Sent on ${t.sentOn}` : <strong className="govuk-tag govuk-tag--blue">Not sent yet</strong>}
							</div>
						</li>
					))}
				</ul>
				{r.files.length ? (
					<>
						<h3 className="govuk-heading-s">Files you have sent</h3>
						<ul className="govuk-list govuk-list--bullet">
							{r.files.map((f) => (
								<li key={f.id}>
									{f.title}, sent on {f.uploadedOn}
								</li>
							))}
						</ul>
					</>
				) : null}

				{r.reportSent || r.notice ? (
					<>
						<h2 className="govuk-heading-m">Letters and reports</h2>
						<ul className="govuk-list">
							{r.reportSent ? (
								<li>
									<a className="govuk-link" href={`${base}/record.pdf`}>
										Read the review report (PDF)
									</a>
								</li>
							) : null}
							{r.notice ? (
								<li>
									<a className="govuk-link" href={`${base}/notice`}>
										Read the changes the council wants to make to the plan
									</a>{' '}
									(sent on {r.notice})
								</li>
							) : null}
						</ul>
					</>
				) : null}
			</div>
		</div>
	)
}

// A page that cannot be shown keeps the family's way back to their reviews.
export function ErrorBoundary({ error }: Route.ErrorBoundaryProps) {
	return <ErrorPage error={error} back={{ href: '/family', text: 'Go to your reviews' }} />
}
