import { data, Form, redirect, useActionData, useLoaderData } from 'react-router'
import { z } from 'zod'
import { requirePermission } from '#app/auth/auth.server.ts'
import { requireEditableReview, requireReviewAccess } from '#app/auth/review-access.server.ts'
import { backToReview, ErrorPage } from '#app/components/error-page.tsx'
import { ErrorSummary } from '#app/components/forms.tsx'
import { PageTitle } from '#app/components/page.tsx'
import { SummaryList, UserText } from '#app/components/review-bits.tsx'
import { DiffLegend, WordingDiff } from '#app/components/wording-diff.tsx'
import { formatDate } from '#app/domain/calendar-date.ts'
import { hasPermission } from '#app/domain/permissions.ts'
import { canTake } from '#app/domain/review-lifecycle.ts'
import { PART_SLUGS, PART_TITLES, PFA_LABELS, type PartKey } from '#app/domain/review-parts.ts'
import { FORM_MISMATCH } from '#app/http/forms.server.ts'
import { readForm } from '#app/http/request-limits.server.ts'
import { formatDateTime } from '#app/lib/format.ts'
import { buildReviewRecord, submissionProblems } from '#app/queries/review-record.server.ts'
import { submitReview } from '#app/services/school-review.server.ts'
import type { Route } from './+types/review-check'

/** The form is one hidden field: the review's lockVersion when the page was drawn, so a changed review is checked again. */
const SubmitSchema = z.object({
	lockVersion: z
		.string()
		.regex(/^\d{1,9}$/)
		.transform(Number),
})

export async function loader({ request, params }: Route.LoaderArgs) {
	const user = await requirePermission(request, 'review:read')
	await requireReviewAccess(request, user, params.reviewId)
	const built = await buildReviewRecord(params.reviewId)
	const { review, record, findings } = built
	const canEdit = hasPermission(user.roles, 'review:edit') && canTake('editDraft', review.status)
	const partHref = (key: PartKey) => `/reviews/${review.id}/parts/${PART_SLUGS[key]}`
	// "Fix this" comes back here once the part is saved (review-part.tsx reads returnTo).
	const fixHref = (key: PartKey) => `${partHref(key)}?returnTo=check`
	const proposalHref = (id: string) => `/reviews/${review.id}/proposals/${id}`
	return {
		reviewId: review.id,
		status: review.status,
		lockVersion: review.lockVersion,
		canEdit,
		record: { ...record, generatedAt: null },
		outcomes: review.planVersion.outcomes,
		proposalIds: built.proposals.map((p) => p.id),
		evidence: built.evidence.map((e) => ({ id: e.id, title: e.title, fileName: e.fileName })),
		problems: canEdit ? submissionProblems(review) : [],
		findings: findings.map((f) => ({
			section: f.section === 'PfA' ? 'Preparation for adulthood' : `Section ${f.section}`,
			message: f.message,
			example: f.example,
			severity: f.severity,
			href: !canEdit
				? null
				: f.subject.kind === 'proposal' && f.subject.id
					? `${proposalHref(f.subject.id)}?returnTo=check`
					: f.subject.kind === 'voice'
						? fixHref('CHILD_VIEWS')
						: f.subject.kind === 'pfa'
							? fixHref('PFA')
							: `/reviews/${review.id}/proposals/new?section=${f.section === 'PfA' ? 'A' : f.section}&returnTo=check`,
		})),
		partHrefs: canEdit ? Object.fromEntries((Object.keys(PART_SLUGS) as PartKey[]).map((k) => [k, partHref(k)])) : null,
	}
}

export async function action({ request, params }: Route.ActionArgs) {
	const { user, review } = await requireEditableReview(request, params.reviewId)
	const opened = SubmitSchema.safeParse({ lockVersion: (await readForm(request)).get('lockVersion') })
	if (!opened.success) return data({ problems: [{ href: `/reviews/${review.id}/check`, message: FORM_MISMATCH }] }, { status: 400 })
	const result = await submitReview(request, user, review, { openedLockVersion: opened.data.lockVersion })
	if (!result.ok) return data({ problems: result.problems }, { status: result.status })
	throw redirect(`/reviews/${review.id}/submitted`)
}

export default function CheckAnswers() {
	const {
		reviewId,
		status,
		lockVersion,
		canEdit,
		record,
		proposalIds,
		evidence,
		problems: loaderProblems,
		findings,
		partHrefs,
	} = useLoaderData<typeof loader>()
	const actionData = useActionData<typeof action>()
	const problems = actionData?.problems ?? []
	const base = `/reviews/${reviewId}`
	const change = (key: PartKey) => partHrefs?.[key]
	return (
		<>
			<PageTitle title={`${canEdit ? 'Check your answers' : 'The review report'}: ${record.child.name}`} error={problems.length > 0} />
			<a href={base} className="govuk-back-link">
				Back to the review
			</a>
			<ErrorSummary errors={problems.map((p) => ({ href: p.href, message: p.message }))} />
			<span className="govuk-caption-l">{record.child.name}</span>
			<h1 className="govuk-heading-l">{canEdit ? 'Check your answers before submitting the review' : 'The review report'}</h1>

			<h2 className="govuk-heading-m" id="quality">
				Quality check
			</h2>
			{findings.length ? (
				<>
					<p className="govuk-body">
						A council’s quality audit would flag {findings.length === 1 ? 'this' : `these ${findings.length} things`}. They do not stop you
						submitting, but fixing them makes the plan clearer and easier to deliver.
					</p>
					<ul className="govuk-list app-quality-list">
						{findings.map((f, i) => (
							<li key={i} className="govuk-!-margin-bottom-4">
								<strong className={`govuk-tag ${f.severity === 'important' ? 'govuk-tag--orange' : 'govuk-tag--grey'}`}>
									{f.severity === 'important' ? 'Important' : 'Advice'}
								</strong>{' '}
								<strong>{f.section}:</strong> {f.message}
								<div className="govuk-hint govuk-!-margin-bottom-1">For example: {f.example}</div>
								{f.href ? (
									<a className="govuk-link" href={f.href}>
										Fix this<span className="govuk-visually-hidden">: {f.message}</span>
									</a>
								) : null}
							</li>
						))}
					</ul>
				</>
			) : (
				<p className="govuk-body">The quality check found nothing to improve.</p>
			)}

			<h2 className="govuk-heading-m">The meeting</h2>
			<SummaryList
				rows={[
					{
						key: 'Date and time',
						value: record.review.meetingOn ? `${formatDate(record.review.meetingOn)} at ${record.review.meetingTime}` : 'Not scheduled',
						href: canEdit ? `${base}/meeting` : undefined,
						hrefLabel: 'the meeting',
					},
					{ key: 'Review report due by', value: formatDate(record.review.reportDueOn) },
					{ key: 'Council decision due by', value: formatDate(record.review.decisionDueOn) },
				]}
			/>

			<Card title={PART_TITLES.CHILD_VIEWS} href={change('CHILD_VIEWS')}>
				{record.childVoice ? (
					<SummaryList
						rows={[
							{ key: 'How they gave their views', value: record.childVoice.pathway },
							{ key: 'Their views', value: <UserText text={record.childVoice.words} /> },
							...(record.childVoice.recordedBy ? [{ key: 'Recorded by', value: <UserText text={record.childVoice.recordedBy} /> }] : []),
						]}
					/>
				) : (
					<p className="govuk-body">Not given yet.</p>
				)}
			</Card>
			<Card title={PART_TITLES.PARENT_VIEWS} href={change('PARENT_VIEWS')}>
				<UserText text={record.parentViews} empty="Not given yet." />
			</Card>
			<Card title={PART_TITLES.OUTCOMES} href={change('OUTCOMES')}>
				<SummaryList
					rows={record.outcomes.map((o, i) => ({
						key: `Outcome ${i + 1}`,
						value: (
							<>
								<UserText text={o.text} />
								<p className="govuk-body">
									<strong>Progress:</strong> {o.progress}. <strong>Next:</strong> {o.next}.
								</p>
								<UserText text={o.evidence} empty="No evidence of progress recorded." />
							</>
						),
					}))}
				/>
			</Card>
			<Card title={PART_TITLES.NEEDS_PROVISION} href={change('NEEDS_PROVISION')}>
				<SummaryList
					rows={record.sectionChanges.map((s) => ({
						key: `Section ${s.section}: ${s.title}`,
						value: <UserText text={s.changes} empty="Not recorded yet." />,
					}))}
				/>
			</Card>
			{record.preparationForAdulthood ? (
				<Card title={PART_TITLES.PFA} href={change('PFA')}>
					<SummaryList
						rows={(Object.keys(PFA_LABELS) as Array<keyof typeof PFA_LABELS>).map((a) => ({
							key: PFA_LABELS[a],
							value: <UserText text={record.preparationForAdulthood![a]} empty="Not recorded yet." />,
						}))}
					/>
				</Card>
			) : null}
			<Card title={PART_TITLES.RECOMMENDATION} href={change('RECOMMENDATION')}>
				{record.recommendation ? (
					<SummaryList
						rows={[
							{ key: 'Recommendation', value: record.recommendation.decision },
							{ key: 'Reasons', value: <UserText text={record.recommendation.reasons} /> },
							{ key: 'Differences of view', value: <UserText text={record.recommendation.disagreements} empty="None recorded." /> },
						]}
					/>
				) : (
					<p className="govuk-body">Not given yet.</p>
				)}
			</Card>
			<Card title={PART_TITLES.ATTENDANCE} href={change('ATTENDANCE')}>
				<SummaryList
					rows={record.attendees.map((a) => ({
						key: `${a.name} (${a.role})`,
						value: `${a.attended === null ? 'Attendance not recorded' : a.attended ? 'Attended' : 'Did not attend'}; ${a.contributedAdvice ? 'gave advice' : 'no advice recorded'}`,
					}))}
				/>
			</Card>
			<Card title="Amendment proposals" href={canEdit ? `${base}/proposals` : undefined}>
				{record.proposals.length ? (
					<>
						<DiffLegend />
						{record.proposals.map((p, i) => (
							<div key={proposalIds[i]} className="govuk-!-margin-bottom-6">
								<h3 className="govuk-heading-s">{p.title}</h3>
								<WordingDiff current={p.currentWording} proposed={p.proposedWording} />
								<p className="govuk-body">
									<strong>Reason:</strong> {p.reason}
								</p>
								<p className="govuk-body">
									<strong>Evidence:</strong> {p.evidence.length ? p.evidence.join('; ') : 'none linked'}
								</p>
							</div>
						))}
					</>
				) : (
					<p className="govuk-body">No amendments proposed.</p>
				)}
			</Card>
			<Card title="Evidence and advice" href={canEdit ? `${base}/evidence` : undefined}>
				{evidence.length ? (
					<ul className="govuk-list govuk-list--bullet">
						{evidence.map((e) => (
							<li key={e.id}>
								<a className="govuk-link" href={`${base}/evidence/${e.id}`}>
									{e.title}
								</a>{' '}
								({e.fileName})
							</li>
						))}
					</ul>
				) : (
					<p className="govuk-body">No evidence uploaded.</p>
				)}
			</Card>

			{canEdit ? (
				<>
					<h2 className="govuk-heading-m">Now send the review report</h2>
					{loaderProblems.length ? (
						<div className="govuk-inset-text">
							<p className="govuk-body">Before you can submit:</p>
							<ul className="govuk-list govuk-list--bullet">
								{loaderProblems.map((p) => (
									<li key={p.message}>
										<a className="govuk-link" href={p.href}>
											{p.message}
										</a>
									</li>
								))}
							</ul>
						</div>
					) : null}
					<p className="govuk-body">
						By submitting you confirm the report reflects the meeting, including any differences of view. It goes to the council and can no longer
						be changed. The council must decide within 4 weeks of the meeting.
					</p>
					<Form method="post" noValidate>
						<input type="hidden" name="lockVersion" value={lockVersion} />
						<button type="submit" className="govuk-button" data-module="govuk-button">
							Submit the review
						</button>
					</Form>
				</>
			) : (
				<p className="govuk-body">
					Status: {canTake('editDraft', status) ? 'draft' : 'submitted'}
					{record.review.submittedAt ? `, on ${formatDateTime(record.review.submittedAt)}` : ''}.
				</p>
			)}
		</>
	)
}

function Card({ title, href, children }: { title: string; href?: string; children: React.ReactNode }) {
	return (
		<div className="govuk-summary-card">
			<div className="govuk-summary-card__title-wrapper">
				<h2 className="govuk-summary-card__title">{title}</h2>
				{href ? (
					<ul className="govuk-summary-card__actions">
						<li className="govuk-summary-card__action">
							<a className="govuk-link" href={href}>
								Change<span className="govuk-visually-hidden"> {title.toLowerCase()}</span>
							</a>
						</li>
					</ul>
				) : null}
			</div>
			<div className="govuk-summary-card__content">{children}</div>
		</div>
	)
}

// A refused or failed step keeps the person's way back to where they were.
export function ErrorBoundary({ error, params }: Route.ErrorBoundaryProps) {
	return <ErrorPage error={error} back={backToReview(params.reviewId)} />
}
