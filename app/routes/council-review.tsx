import { getFormProps } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod/v4'
import { data as respond, Form, redirect, useActionData, useLoaderData } from 'react-router'
import { z } from 'zod'
import { requirePermission } from '#app/auth/auth.server.ts'
import { requireReviewAccess } from '#app/auth/review-access.server.ts'
import { Button, Checkboxes, DateField, ErrorSummary, summaryErrors, TextArea, useGovukForm } from '#app/components/forms.tsx'
import { PageTitle } from '#app/components/page.tsx'
import { DeadlineTable, SummaryList, UserText } from '#app/components/review-bits.tsx'
import { TableHead } from '#app/components/table.tsx'
import { DiffLegend, WordingDiff } from '#app/components/wording-diff.tsx'
import { prisma } from '#app/db/db.server.ts'
import { isAfter, todayInLondon, formatDate } from '#app/domain/calendar-date.ts'
import { mayCease } from '#app/domain/cease-consultation.ts'
import { hasPermission } from '#app/domain/permissions.ts'
import { clocksFor } from '#app/domain/review-facts.ts'
import { canTake, checkStep } from '#app/domain/review-lifecycle.ts'
import { dateInput, dateParts, RECOMMENDATION_LABELS, sectionLabel, type PlanSection, type Recommendation } from '#app/domain/review-parts.ts'
import { reviewStatusLabel, reviewStatusTag, yearGroupLabel } from '#app/domain/review-status.ts'
import { readForm } from '#app/http/request-limits.server.ts'
import { formatDateTime } from '#app/lib/format.ts'
import { chronology } from '#app/queries/chronology.server.ts'
import { buildReviewRecord } from '#app/queries/review-record.server.ts'
import { closeReview, recordCeaseConsultation, StepError } from '#app/services/council-review.server.ts'
import type { Route } from './+types/council-review'

/** Before a cease decision: the family told the council is considering it, and the family and head teacher consulted (reg 31(1)). */
export const CeaseConsultationSchema = z.object({
	informedOn: dateInput('the date the family was told'),
	consulted: z.array(z.enum(['FAMILY', 'HEAD_TEACHER'])).optional(),
	summary: z.string({ error: 'Enter what was said' }).trim().min(1, 'Enter what was said').max(5000, 'What was said must be 5,000 characters or fewer'),
})

export async function loader({ request, params }: Route.LoaderArgs) {
	const user = await requirePermission(request, 'caseload:read')
	await requireReviewAccess(request, user, params.reviewId)
	const built = await buildReviewRecord(params.reviewId)
	const { review } = built
	const extra = await prisma.annualReview.findUniqueOrThrow({
		where: { id: review.id },
		select: {
			child: { select: { caseworker: { select: { name: true } } } },
			decision: { select: { outcome: true, reasons: true, decidedOn: true, decidedBy: { select: { name: true } } } },
			notice: { select: { issuedOn: true, representationsCloseOn: true } },
			finalPlan: { select: { issuedOn: true, amended: true, reasons: true } },
			representations: {
				orderBy: { receivedOn: 'asc' },
				select: {
					id: true,
					receivedOn: true,
					fromName: true,
					summary: true,
					requestedSchool: true,
					meetingRequested: true,
					response: true,
					online: true,
					evidence: { select: { id: true, title: true } },
					// The family's comments on the notice's amendments, made online with it.
					comments: {
						orderBy: [{ proposal: { section: 'asc' } }, { proposal: { position: 'asc' } }, { id: 'asc' }],
						select: { id: true, comment: true, proposal: { select: { section: true } } },
					},
				},
			},
			documents: { orderBy: { createdAt: 'asc' }, select: { id: true, title: true, kind: true, createdAt: true } },
			ceaseConsultation: { select: { informedOn: true, familyConsulted: true, headTeacherConsulted: true, summary: true } },
		},
	})
	const today = todayInLondon(new Date())
	const consultation = extra.ceaseConsultation
	const { deadlines } = clocksFor({ ...review, decision: extra.decision, notice: extra.notice, finalPlan: extra.finalPlan }, todayInLondon(new Date()))
	return {
		review: { id: review.id, status: review.status, meetingOn: review.meetingOn, submittedAt: review.submittedAt, recommendation: review.recommendation },
		child: {
			id: review.child.id,
			name: `${review.child.firstName} ${review.child.lastName}`,
			upn: review.child.upn,
			yearGroup: yearGroupLabel(review.child.yearGroup),
			school: review.child.school?.name ?? '',
			caseworker: extra.child.caseworker?.name ?? 'Unassigned',
		},
		canDecide: hasPermission(user.roles, 'decision:make'),
		deadlines,
		decision: extra.decision,
		notice: extra.notice,
		finalPlan: extra.finalPlan,
		representations: extra.representations,
		documents: extra.documents,
		proposals: built.proposals.map((p) => ({
			id: p.id,
			title: sectionLabel(p.section as PlanSection),
			currentWording: p.currentWording,
			proposedWording: p.proposedWording,
			reason: p.reason,
			evidence: p.evidence.map((e) => e.evidence),
		})),
		evidence: built.evidence.map((e) => ({ id: e.id, title: e.title, fileName: e.fileName })),
		findings: built.findings.map((f) => ({ section: f.section, message: f.message })),
		chronology: await chronology(review.id),
		ceaseConsultation: consultation,
		// What a cease decision today would still need (reg 31(1)); null when it may be made.
		ceaseBlocked: (() => {
			const check = mayCease(consultation, today)
			return check.ok ? null : check.reason
		})(),
		ceaseDefaults: {
			informedOn: dateParts(consultation?.informedOn ?? today),
			consulted: consultation
				? [consultation.familyConsulted && 'FAMILY', consultation.headTeacherConsulted && 'HEAD_TEACHER'].filter((x): x is string => Boolean(x))
				: [],
			summary: consultation?.summary ?? '',
		},
	}
}

export async function action({ request, params }: Route.ActionArgs) {
	const user = await requirePermission(request, 'decision:make')
	const review = await requireReviewAccess(request, user, params.reviewId, null)
	const form = await readForm(request)
	if (form.get('intent') === 'cease-consultation') {
		const submission = parseWithZod(form, { schema: CeaseConsultationSchema })
		if (submission.status !== 'success') return respond({ consultation: submission.reply() }, { status: 400 })
		const { informedOn, consulted = [], summary } = submission.value
		if (isAfter(informedOn!, todayInLondon(new Date())))
			return respond(
				{ consultation: submission.reply({ fieldErrors: { informedOn: ['The date the family was told must be today or in the past'] } }) },
				{ status: 400 },
			)
		try {
			await recordCeaseConsultation(request, user, review.id, {
				informedOn: informedOn!,
				familyConsulted: consulted.includes('FAMILY'),
				headTeacherConsulted: consulted.includes('HEAD_TEACHER'),
				summary,
			})
		} catch (error) {
			if (error instanceof StepError) return respond({ consultation: submission.reply({ formErrors: [error.message] }) }, { status: 409 })
			throw error
		}
		throw redirect(`/council/reviews/${review.id}#cease-consultation`)
	}
	try {
		await closeReview(request, user, review.id)
	} catch (error) {
		if (error instanceof StepError) return { error: error.message }
		throw error
	}
	throw redirect(`/council/reviews/${review.id}`)
}

export default function CouncilReview() {
	const data = useLoaderData<typeof loader>()
	const actionData = useActionData<typeof action>()
	const { review, child, canDecide } = data
	const base = `/council/reviews/${review.id}`
	const next = canTake('decide', review.status)
		? { href: `${base}/decision`, label: 'Make the decision' }
		: checkStep('issueNotice', { status: review.status, decision: data.decision }).ok
			? { href: `${base}/notice`, label: 'Build the amendment notice' }
			: canTake('issueFinalPlan', review.status)
				? { href: `${base}/final`, label: 'Issue the final plan' }
				: null
	return (
		<>
			<PageTitle title={`Annual review: ${child.name}`} />
			<ErrorSummary errors={actionData && 'error' in actionData ? [{ href: '#actions', message: actionData.error }] : []} />
			<span className="govuk-caption-l">
				{child.name}, {child.school}
			</span>
			<h1 className="govuk-heading-l">Annual review</h1>
			<p className="govuk-body">
				<strong className={reviewStatusTag(review.status)}>{reviewStatusLabel(review.status)}</strong>
			</p>
			<SummaryList
				rows={[
					{ key: 'Child or young person', value: `${child.name} (UPN ${child.upn}), ${child.yearGroup}` },
					{ key: 'School or setting', value: child.school },
					{ key: 'Caseworker', value: child.caseworker },
					{ key: 'Meeting', value: review.meetingOn ? formatDate(review.meetingOn) : 'Not held yet' },
					{ key: 'Report received', value: review.submittedAt ? formatDateTime(review.submittedAt) : 'Not yet' },
					{
						key: 'The meeting recommended',
						value: review.recommendation ? RECOMMENDATION_LABELS[review.recommendation as Recommendation].label : 'Not yet',
					},
				]}
			/>
			<div id="actions">
				{canDecide && next ? (
					<a className="govuk-button" href={next.href}>
						{next.label}
					</a>
				) : null}
				{canDecide && canTake('recordRepresentation', review.status) ? (
					<a className="govuk-button govuk-button--secondary govuk-!-margin-left-2" href={`${base}/representations/new`}>
						Record a representation
					</a>
				) : null}
				{canDecide && canTake('closeReview', review.status) ? (
					<Form method="post">
						<button type="submit" className="govuk-button govuk-button--secondary">
							Close the review
						</button>
					</Form>
				) : null}
			</div>
			{canDecide && canTake('considerCeasing', review.status) ? <CeaseConsultationForm /> : null}
			<DeadlineTable deadlines={data.deadlines} caption="Statutory clocks" />

			{data.decision ? (
				<>
					<h2 className="govuk-heading-m">The council’s decision</h2>
					<SummaryList
						rows={[
							{ key: 'Decision', value: `${data.decision.outcome.charAt(0)}${data.decision.outcome.slice(1).toLowerCase()} the plan` },
							{ key: 'Decided on', value: `${formatDate(data.decision.decidedOn)} by ${data.decision.decidedBy.name}` },
							{ key: 'Reasons', value: <UserText text={data.decision.reasons} /> },
							...(data.notice
								? [
										{
											key: 'Amendment notice issued',
											value: `${formatDate(data.notice.issuedOn)}; representations close on ${formatDate(data.notice.representationsCloseOn)}`,
										},
									]
								: []),
							...(data.finalPlan
								? [
										{
											key: data.finalPlan.amended ? 'Final amended plan issued' : 'Decision not to amend',
											value: formatDate(data.finalPlan.issuedOn),
										},
									]
								: []),
						]}
					/>
				</>
			) : null}

			<h2 className="govuk-heading-m">The school’s review report</h2>
			<p className="govuk-body">
				<a className="govuk-link" href={`/reviews/${review.id}/check`}>
					Read the whole review report
				</a>{' '}
				or{' '}
				<a className="govuk-link" href={`/reviews/${review.id}/record.pdf`} download>
					download it as a PDF
				</a>
				.
			</p>
			<h3 className="govuk-heading-s">Proposed amendments</h3>
			{data.proposals.length ? <DiffLegend /> : <p className="govuk-body">The school proposed no amendments.</p>}
			{data.proposals.map((p) => (
				<div key={p.id} className="govuk-!-margin-bottom-6">
					<h4 className="govuk-heading-s">{p.title}</h4>
					<WordingDiff current={p.currentWording} proposed={p.proposedWording} />
					<p className="govuk-body">
						<strong>Reason:</strong> {p.reason}
					</p>
					<p className="govuk-body">
						<strong>Evidence:</strong> {p.evidence.length ? p.evidence.map((e) => e.title).join('; ') : 'none linked'}
					</p>
				</div>
			))}
			<h3 className="govuk-heading-s">Evidence</h3>
			{data.evidence.length ? (
				<ul className="govuk-list govuk-list--bullet">
					{data.evidence.map((e) => (
						<li key={e.id}>
							<a className="govuk-link" href={`/reviews/${review.id}/evidence/${e.id}`}>
								{e.title}
							</a>{' '}
							({e.fileName})
						</li>
					))}
				</ul>
			) : (
				<p className="govuk-body">No evidence uploaded.</p>
			)}
			<h3 className="govuk-heading-s">Quality check</h3>
			{data.findings.length ? (
				<ul className="govuk-list govuk-list--bullet">
					{data.findings.map((f, i) => (
						<li key={i}>
							{f.section === 'PfA' ? 'Preparation for adulthood' : `Section ${f.section}`}: {f.message}
						</li>
					))}
				</ul>
			) : (
				<p className="govuk-body">Nothing flagged.</p>
			)}

			{data.representations.length ? (
				<>
					<h2 className="govuk-heading-m">Representations</h2>
					{data.representations.map((r) => (
						<SummaryList
							key={r.id}
							rows={[
								{ key: 'Received', value: `${formatDate(r.receivedOn)} from ${r.fromName}${r.online ? ', made online by the family' : ''}` },
								{ key: 'Summary', value: <UserText text={r.summary} /> },
								...r.comments.map((c, i) => ({
									key: `Family’s comment ${i + 1}, on ${sectionLabel(c.proposal.section as PlanSection)}`,
									value: <UserText text={c.comment} />,
								})),
								...(r.requestedSchool ? [{ key: 'School requested', value: r.requestedSchool }] : []),
								{ key: 'Meeting requested', value: r.meetingRequested ? 'Yes' : 'No' },
								...r.evidence.map((e) => ({
									key: 'Attached',
									value: (
										<a className="govuk-link" href={`/reviews/${review.id}/evidence/${e.id}`}>
											{e.title}
										</a>
									),
								})),
								{ key: 'Council’s response', value: <UserText text={r.response} empty="Not yet" /> },
							]}
						/>
					))}
				</>
			) : null}

			{data.documents.length ? (
				<>
					<h2 className="govuk-heading-m">Letters and documents</h2>
					<ul className="govuk-list">
						{data.documents.map((d) => (
							<li key={d.id}>
								<a className="govuk-link" href={`/documents/${d.id}`} download>
									{d.title}
								</a>{' '}
								({formatDateTime(d.createdAt)})
							</li>
						))}
					</ul>
				</>
			) : null}

			<h2 className="govuk-heading-m">Chronology</h2>
			{data.chronology.length ? (
				<table className="govuk-table">
					<caption className="govuk-visually-hidden">Everything that happened in this review, oldest first</caption>
					<TableHead columns={['When', 'What happened', 'Who']} />
					<tbody className="govuk-table__body">
						{data.chronology.map((e, i) => (
							<tr className="govuk-table__row" key={i}>
								<td className="govuk-table__cell">{formatDateTime(e.at)}</td>
								<td className="govuk-table__cell">
									{e.title}
									{e.detail ? <span className="govuk-hint govuk-!-display-block govuk-!-margin-bottom-0">{e.detail}</span> : null}
								</td>
								<td className="govuk-table__cell">{e.by}</td>
							</tr>
						))}
					</tbody>
				</table>
			) : (
				<p className="govuk-body">Nothing recorded yet.</p>
			)}
		</>
	)
}

/** The step before a cease decision (SEND Regulations 2014 reg 31(1)), recorded on the review page. */
function CeaseConsultationForm() {
	const data = useLoaderData<typeof loader>()
	const actionData = useActionData<typeof action>()
	const lastResult = actionData && 'consultation' in actionData ? actionData.consultation : undefined
	const [form, fields] = useGovukForm({ id: 'cease-consultation', schema: CeaseConsultationSchema, lastResult, defaultValue: data.ceaseDefaults })
	const errors = summaryErrors(form.id, form.allErrors, ['', 'informedOn', 'consulted', 'summary'])
	return (
		<details className="govuk-details" id="cease-consultation" open={Boolean(lastResult) || data.review.recommendation === 'CEASE'}>
			<summary className="govuk-details__summary">
				<span className="govuk-details__summary-text">Considering ceasing the plan</span>
			</summary>
			<div className="govuk-details__text">
				<p className="govuk-body">
					Before deciding to cease the plan, tell the family the council is considering it, and consult them and the head teacher (SEND Regulations
					2014 regulation 31(1)). A decision to cease cannot be made until this is recorded.
				</p>
				{data.ceaseConsultation ? (
					<p className="govuk-body">
						Recorded: the family was told on {formatDate(data.ceaseConsultation.informedOn)}.{' '}
						{data.ceaseBlocked ? data.ceaseBlocked : 'A decision to cease can now be made.'}
					</p>
				) : null}
				<ErrorSummary errors={errors} />
				<Form method="post" {...getFormProps(form)} noValidate>
					<input type="hidden" name="intent" value="cease-consultation" />
					<DateField field={fields.informedOn} legend="When was the family told the council is considering ceasing the plan?" />
					<Checkboxes
						field={fields.consulted}
						legend="Who has been consulted?"
						options={[
							{ value: 'FAMILY', label: 'The parent or young person' },
							{ value: 'HEAD_TEACHER', label: 'The head teacher or principal' },
						]}
					/>
					<TextArea field={fields.summary} label="What was said" hint="What the council told them, and what they said back" rows={5} />
					<Button>Record the consultation</Button>
				</Form>
			</div>
		</details>
	)
}
