import { Link, useLoaderData } from 'react-router'
import { requirePermission } from '#app/auth/auth.server.ts'
import { requireChildAccess } from '#app/auth/tenancy.server.ts'
import { PageTitle } from '#app/components/page.tsx'
import { KeyValueList } from '#app/components/review-bits.tsx'
import { TableHead } from '#app/components/table.tsx'
import { prisma } from '#app/db/db.server.ts'
import { formatDate, todayInLondon } from '#app/domain/calendar-date.ts'
import { hasPermission } from '#app/domain/permissions.ts'
import { canTake } from '#app/domain/review-lifecycle.ts'
import { reviewStatusLabel, reviewStatusTag, yearGroupLabel } from '#app/domain/review-status.ts'
import { endOfCompulsorySchoolAge, FAMILY_CONTACTS, familyLetter, isYoungPerson, youngPersonFrom, type FamilyRecipient } from '#app/domain/young-person.ts'
import { selectOf } from '#app/lib/prisma-select.ts'
import { childIdentitySelect } from '#app/queries/review.server.ts'
import type { Route } from './+types/child'

export async function loader({ request, params }: Route.LoaderArgs) {
	const user = await requirePermission(request, 'review:read')
	await requireChildAccess(request, user, params.childId)
	const child = await prisma.child.findUniqueOrThrow({
		where: { id: params.childId },
		select: {
			...childIdentitySelect,
			yearGroup: true,
			parentName: true,
			school: { select: { name: true } },
			caseworker: { select: { name: true } },
			plan: {
				select: {
					firstIssuedOn: true,
					lastReviewOn: true,
					reviewDueOn: true,
					currentVersionNo: true,
					versions: { orderBy: { versionNo: 'desc' }, select: { versionNo: true, issuedOn: true } },
				},
			},
			reviews: { orderBy: { createdAt: 'desc' }, select: { id: true, status: true, meetingOn: true, dueOn: true, submittedAt: true } },
		},
	})
	// A young person in their own right from the end of compulsory school age, derived from the date of birth
	// (app/domain/young-person.ts); who the council's letters go to is shown to the staff who send them.
	const today = todayInLondon(new Date())
	const age = {
		youngPerson: isYoungPerson(child.dateOfBirth, today),
		from: youngPersonFrom(child.dateOfBirth),
		endsOn: endOfCompulsorySchoolAge(child.dateOfBirth),
	}
	const canRecord = hasPermission(user.roles, 'decision:make')
	const letters = canRecord ? await lettersTo(params.childId, `${child.firstName} ${child.lastName}`, child.dateOfBirth, today) : null
	return {
		child,
		age,
		letters,
		canStartReview: hasPermission(user.roles, 'review:edit') && !!child.plan,
		canInviteFamily: hasPermission(user.roles, 'review:edit') || canRecord,
	}
}

/** Who a letter sent today would be addressed to, who copied, and what the caseworker must know (app/domain/young-person.ts). */
async function lettersTo(childId: string, name: string, dateOfBirth: string, today: string) {
	const c = await prisma.child.findUniqueOrThrow({
		where: { id: childId },
		select: selectOf(FAMILY_CONTACTS),
	})
	const letter = familyLetter({ name, dateOfBirth, ...c }, today)
	return { to: letter.to, copies: letter.copies, notes: letter.notes }
}

const describe = (p: FamilyRecipient) => `${p.name} (${p.role}), ${p.email || 'no email address: posted'}`

export default function ChildRecord() {
	const { child, age, letters, canStartReview, canInviteFamily } = useLoaderData<typeof loader>()
	const draft = child.reviews.find((r) => canTake('editDraft', r.status))
	const name = `${child.firstName} ${child.lastName}`
	const rows: Array<[string, string]> = [
		['Date of birth', formatDate(child.dateOfBirth)],
		['UPN', child.upn],
		['Year group', yearGroupLabel(child.yearGroup)],
		['School or setting', child.school?.name ?? 'No school named'],
		['Parent or carer', child.parentName || 'Not recorded'],
		[
			'Young person',
			age.youngPerson
				? `Yes, since ${formatDate(age.from)} (compulsory school age ended on ${formatDate(age.endsOn)})`
				: `Not yet: from ${formatDate(age.from)}, the day after compulsory school age ends`,
		],
		['Council caseworker', child.caseworker?.name ?? 'Unassigned'],
		['EHC plan first issued', formatDate(child.plan?.firstIssuedOn)],
		['Last annual review meeting', child.plan?.lastReviewOn ? formatDate(child.plan.lastReviewOn) : 'None yet'],
		['Next annual review due by', formatDate(child.plan?.reviewDueOn)],
		['Current plan version', child.plan ? `Version ${child.plan.currentVersionNo}` : 'No plan'],
	]
	return (
		<>
			<PageTitle title={name} />
			<span className="govuk-caption-l">Child or young person</span>
			<h1 className="govuk-heading-l">{name}</h1>
			<KeyValueList rows={rows} />
			{letters ? (
				<section id="young-person" aria-labelledby="letters-heading">
					<h2 className="govuk-heading-m" id="letters-heading">
						Who the council’s letters go to
					</h2>
					<KeyValueList
						rows={[
							['Letters go to', describe(letters.to)],
							[
								'Copied to',
								letters.copies.length ? (
									<ul className="govuk-list">
										{letters.copies.map((p) => (
											<li key={p.name}>{describe(p)}</li>
										))}
									</ul>
								) : (
									'No one in the family'
								),
							],
						]}
					/>
					{letters.notes.map((note) => (
						<div className="govuk-inset-text" key={note}>
							{note}
						</div>
					))}
					<p className="govuk-body">
						<Link className="govuk-link" to={`/children/${child.id}/young-person`}>
							Change the young person’s email, agreement or who acts for them<span className="govuk-visually-hidden"> for {name}</span>
						</Link>
					</p>
				</section>
			) : null}
			{canInviteFamily ? (
				<p className="govuk-body">
					<Link className="govuk-link" to={`/children/${child.id}/family`}>
						Family access online<span className="govuk-visually-hidden"> for {name}</span>
					</Link>
				</p>
			) : null}
			<h2 className="govuk-heading-m">Annual reviews</h2>
			{canStartReview ? (
				draft ? (
					<Link className="govuk-button" to={`/reviews/${draft.id}`}>
						Continue the annual review
					</Link>
				) : (
					<Link className="govuk-button" to={`/children/${child.id}/reviews/new`}>
						Start the annual review
					</Link>
				)
			) : null}
			{child.reviews.length ? (
				<table className="govuk-table">
					<caption className="govuk-visually-hidden">Annual reviews of {name}</caption>
					<TableHead columns={['Due by', 'Meeting', 'Status']} />
					<tbody className="govuk-table__body">
						{child.reviews.map((review) => (
							<tr className="govuk-table__row" key={review.id}>
								<td className="govuk-table__cell">
									<Link className="govuk-link" to={`/reviews/${review.id}`}>
										{formatDate(review.dueOn)}
										<span className="govuk-visually-hidden"> review</span>
									</Link>
								</td>
								<td className="govuk-table__cell">{review.meetingOn ? formatDate(review.meetingOn) : 'Not scheduled'}</td>
								<td className="govuk-table__cell">
									<strong className={reviewStatusTag(review.status)}>{reviewStatusLabel(review.status)}</strong>
								</td>
							</tr>
						))}
					</tbody>
				</table>
			) : (
				<p className="govuk-body">No annual review has been started yet.</p>
			)}
		</>
	)
}
