import { redirect, useLoaderData } from 'react-router'
import { requirePermission } from '#app/auth/auth.server.ts'
import { requireReviewAccess } from '#app/auth/review-access.server.ts'
import { PageTitle } from '#app/components/page.tsx'
import { DeadlineTable, RecordDownloads, SummaryList, WarningText } from '#app/components/review-bits.tsx'
import { prisma } from '#app/db/db.server.ts'
import { todayInLondon, formatDate } from '#app/domain/calendar-date.ts'
import { hasPermission } from '#app/domain/permissions.ts'
import { clocksFor } from '#app/domain/review-facts.ts'
import { canTake } from '#app/domain/review-lifecycle.ts'
import {
	INVITEE_ROLE_LABELS,
	needsPreparationForAdulthood,
	PART_KEYS,
	PART_SLUGS,
	PART_TITLES,
	type InviteeRole,
	type PartStatus,
} from '#app/domain/review-parts.ts'
import { reviewStatusLabel, reviewStatusTag } from '#app/domain/review-status.ts'
import { scheduleWarnings } from '#app/domain/schedule-warnings.ts'
import { formatDateTime } from '#app/lib/format.ts'
import { familyContributions } from '#app/queries/family-review.server.ts'
import { submissionProblems } from '#app/queries/review-record.server.ts'
import { loadReview, partStates } from '#app/queries/review.server.ts'
import type { Route } from './+types/review'

const MEETING_CLOCKS = [
	'invitations',
	'advice_circulated',
	'review_report',
	'la_decision',
	'amendment_notice',
	'representations',
	'final_plan',
	'phase_transfer',
	'review_due',
]

export async function loader({ request, params }: Route.LoaderArgs) {
	const user = await requirePermission(request, 'review:read')
	// Council staff work a review from the council's page (clocks, decision, chronology).
	if (hasPermission(user.roles, 'caseload:read')) {
		await requireReviewAccess(request, user, params.reviewId, null)
		throw redirect(`/council/reviews/${params.reviewId}`)
	}
	await requireReviewAccess(request, user, params.reviewId)
	const review = await loadReview(params.reviewId)
	const [proposals, evidence, family] = await Promise.all([
		prisma.amendmentProposal.count({ where: { reviewId: review.id, origin: 'SCHOOL' } }),
		prisma.evidenceFile.count({ where: { reviewId: review.id } }),
		familyContributions(review.id),
	])
	const today = todayInLondon(new Date())
	const { deadlines } = clocksFor(review, today)
	const states = partStates(review)
	const pfaNeeded = needsPreparationForAdulthood(review.child.yearGroup)
	// A part marked completed whose answers no longer complete it (an invitee added since attendance was recorded) is
	// not shown as completed: the task list, its count and the check before submitting say the same (submissionProblems).
	const editable = canTake('editDraft', review.status)
	const unfinished = new Set(editable ? submissionProblems(review).map((p) => p.part) : [])
	return {
		review: {
			id: review.id,
			status: review.status,
			meetingOn: review.meetingOn,
			meetingTime: review.meetingTime,
			meetingPlace: review.meetingPlace,
			dueOn: review.dueOn,
			submittedAt: review.submittedAt,
			invitees: review.invitees.map((i) => ({ id: i.id, role: INVITEE_ROLE_LABELS[i.role as InviteeRole] ?? i.role, name: i.name, email: i.email })),
		},
		child: { id: review.child.id, name: `${review.child.firstName} ${review.child.lastName}`, school: review.child.school?.name ?? '' },
		canEdit: hasPermission(user.roles, 'review:edit') && canTake('editDraft', review.status),
		deadlines: deadlines.filter((d) => MEETING_CLOCKS.includes(d.id)),
		warnings: editable ? scheduleWarnings({ today, meetingOn: review.meetingOn, yearGroup: review.child.yearGroup, deadlines }) : [],
		parts: PART_KEYS.map((key) => ({
			key,
			slug: PART_SLUGS[key],
			title: PART_TITLES[key],
			status:
				key === 'PFA' && !pfaNeeded
					? ('NOT_NEEDED' as const)
					: states[key].status === 'COMPLETED' && unfinished.has(key)
						? ('IN_PROGRESS' as const)
						: states[key].status,
		})),
		// The meeting recommends amending: the amendments it proposes are expected, not optional (reg 20(8)).
		amending: review.recommendation === 'AMEND',
		proposals,
		evidence,
		// What the family sent online (issue 14), one line each: the part pages show their words.
		family: family.map((c) => ({
			id: c.id,
			text: `${c.who} sent ${c.part === 'PARENT_VIEWS' || c.relationship === 'young person' ? 'their views' : 'their child’s views'} online on ${c.sentOn}.`,
			href: `/reviews/${review.id}/parts/${PART_SLUGS[c.part]}`,
			part: PART_TITLES[c.part],
		})),
	}
}

const STATUS_TEXT: Record<PartStatus | 'NOT_NEEDED', { text: string; tag?: string }> = {
	COMPLETED: { text: 'Completed' },
	IN_PROGRESS: { text: 'In progress', tag: 'govuk-tag--light-blue' },
	NOT_STARTED: { text: 'Not yet started', tag: 'govuk-tag--blue' },
	NOT_NEEDED: { text: 'Not needed before Year 9' },
}

export default function Review() {
	const { review, child, canEdit, deadlines, warnings, parts, amending, proposals, evidence, family } = useLoaderData<typeof loader>()
	const base = `/reviews/${review.id}`
	// Counted as the tags below say: a part not needed is neither completed nor one of the parts to complete.
	const needed = parts.filter((p) => p.status !== 'NOT_NEEDED')
	const completed = needed.filter((p) => p.status === 'COMPLETED').length
	return (
		<>
			<PageTitle title={`Annual review for ${child.name}`} />
			<span className="govuk-caption-l">
				{child.name}, {child.school}
			</span>
			<h1 className="govuk-heading-l">Annual review</h1>
			<p className="govuk-body">
				<strong className={reviewStatusTag(review.status)}>{reviewStatusLabel(review.status)}</strong>
				{review.submittedAt ? ` Submitted to the council on ${formatDateTime(review.submittedAt)}.` : null}
			</p>
			{warnings.map((w) => (
				<WarningText key={w.kind}>{w.message}</WarningText>
			))}
			{!canTake('editDraft', review.status) ? (
				<div className="govuk-inset-text">
					<p className="govuk-body">The review report has been submitted and can no longer be changed. You can download the record at any time.</p>
					<RecordDownloads reviewId={review.id}>
						<li>
							<a className="govuk-link" href={`${base}/check`}>
								View the submitted answers
							</a>
						</li>
					</RecordDownloads>
				</div>
			) : null}

			<h2 className="govuk-heading-m">The meeting</h2>
			<SummaryList
				rows={[
					{ key: 'Review due by', value: formatDate(review.dueOn) },
					{
						key: 'Meeting',
						value: review.meetingOn
							? `${formatDate(review.meetingOn)} at ${review.meetingTime}${review.meetingPlace ? `, ${review.meetingPlace}` : ''}`
							: 'Not scheduled',
						href: canEdit ? `${base}/meeting` : undefined,
						hrefLabel: 'the meeting',
					},
					{
						key: 'Invited',
						value: (
							<ul className="govuk-list">
								{review.invitees.map((i) => (
									<li key={i.id}>
										{i.name} ({i.role}){i.email ? `, ${i.email}` : ''}
									</li>
								))}
							</ul>
						),
						href: canEdit ? `${base}/meeting` : undefined,
						hrefLabel: 'who is invited',
					},
				]}
			/>
			<DeadlineTable deadlines={deadlines} caption="Dates the law sets" />

			{family.length ? (
				<>
					<h2 className="govuk-heading-m">The family’s views</h2>
					<ul className="govuk-list">
						{family.map((f) => (
							<li key={f.id}>
								{f.text}{' '}
								{canEdit ? (
									<a className="govuk-link" href={f.href}>
										Read their words<span className="govuk-visually-hidden"> ({f.part})</span>
									</a>
								) : null}
							</li>
						))}
					</ul>
				</>
			) : null}

			{canEdit ? (
				<>
					<h2 className="govuk-heading-m">Complete the review</h2>
					<p className="govuk-body">
						You have completed {completed} of {needed.length} parts. Each part is saved when you press ‘Save and continue’: you can leave and come
						back at any time.
					</p>
					<ul className="govuk-task-list">
						{parts.map((part) => (
							<TaskItem
								key={part.key}
								href={part.status === 'NOT_NEEDED' ? undefined : `${base}/parts/${part.slug}`}
								title={part.title}
								status={STATUS_TEXT[part.status]}
								id={`task-${part.slug}`}
							/>
						))}
						<TaskItem
							href={`${base}/proposals`}
							title="Amendment proposals"
							hint={amending ? 'The meeting recommends amending the plan: propose each amendment, with the evidence for it.' : undefined}
							status={proposals ? { text: `${proposals} proposed` } : amending ? STATUS_TEXT.NOT_STARTED : { text: 'Optional' }}
							id="task-proposals"
						/>
						<TaskItem
							href={`${base}/evidence`}
							title="Evidence and advice"
							status={{ text: evidence ? `${evidence} file${evidence === 1 ? '' : 's'}` : 'Optional' }}
							id="task-evidence"
						/>
					</ul>
					<h2 className="govuk-heading-m">Submit the review</h2>
					<p className="govuk-body">Check your answers and the quality check, then send the review report to the council.</p>
					<a className="govuk-button" href={`${base}/check`}>
						Check answers and submit
					</a>
				</>
			) : null}
		</>
	)
}

function TaskItem({ href, title, hint, status, id }: { href?: string; title: string; hint?: string; status: { text: string; tag?: string }; id: string }) {
	return (
		<li className={`govuk-task-list__item${href ? ' govuk-task-list__item--with-link' : ''}`}>
			<div className="govuk-task-list__name-and-hint">
				{href ? (
					<a className="govuk-link govuk-task-list__link" href={href} aria-describedby={hint ? `${id}-hint ${id}-status` : `${id}-status`}>
						{title}
					</a>
				) : (
					<div>{title}</div>
				)}
				{hint ? (
					<div className="govuk-task-list__hint" id={`${id}-hint`}>
						{hint}
					</div>
				) : null}
			</div>
			<div className="govuk-task-list__status app-task-list-status" id={`${id}-status`}>
				{status.tag ? <strong className={`govuk-tag ${status.tag}`}>{status.text}</strong> : status.text}
			</div>
		</li>
	)
}
