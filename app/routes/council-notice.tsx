import { getFormProps } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod/v4'
import { data, Form, redirect, useActionData, useLoaderData } from 'react-router'
import { z } from 'zod'
import { requirePermission } from '#app/auth/auth.server.ts'
import { requireReviewAccess } from '#app/auth/review-access.server.ts'
import { CheckBeforeSending } from '#app/components/check-before-sending.tsx'
import { backToCase, ErrorPage } from '#app/components/error-page.tsx'
import { ErrorSummary, Radios, Select, summaryErrors, TextArea, useGovukForm } from '#app/components/forms.tsx'
import { PageTitle } from '#app/components/page.tsx'
import { UserText } from '#app/components/review-bits.tsx'
import { DiffLegend, WordingDiff } from '#app/components/wording-diff.tsx'
import { prisma } from '#app/db/db.server.ts'
import { checkStep } from '#app/domain/review-lifecycle.ts'
import { PLAN_SECTIONS, sectionLabel, type PlanSection } from '#app/domain/review-parts.ts'
import { FORM_MISMATCH, withinRows } from '#app/http/forms.server.ts'
import { readForm } from '#app/http/request-limits.server.ts'
import { loadReview, planWording } from '#app/queries/review.server.ts'
import {
	checkOf,
	issueAmendmentNotice,
	LETTER_CHANGED,
	letterToSend,
	removeCouncilAmendment,
	saveNoticeDraft,
	StepError,
} from '#app/services/council-review.server.ts'
import type { Route } from './+types/council-notice'

const text = (max: number, what: string) =>
	z
		.string()
		.trim()
		.max(max, `${what} must be ${max.toLocaleString('en-GB')} characters or fewer`)
		.optional()

export const NoticeSchema = z
	.object({
		choices: z
			.array(
				z.object({
					proposalId: z.string(),
					decision: z.enum(['ACCEPTED', 'EDITED', 'REJECTED']).optional(),
					wording: text(20000, 'The wording'),
					reason: text(5000, 'The reason'),
				}),
			)
			.default([]),
		newSection: z.enum(PLAN_SECTIONS).optional(),
		newWording: text(20000, 'The council’s wording'),
		newReason: text(5000, 'The council’s reason'),
		// start: take the chosen section's current wording into the council's own amendment (a round trip, so it works without JavaScript).
		intent: z.enum(['save', 'issue', 'start']).default('save'),
	})
	.superRefine((v, ctx) => {
		v.choices.forEach((c, i) => {
			if (v.intent === 'issue' && !c.decision)
				ctx.addIssue({ code: 'custom', path: ['choices', i, 'decision'], message: `Select whether to accept, edit or reject proposal ${i + 1}` })
			if (c.decision === 'EDITED' && !c.wording)
				ctx.addIssue({ code: 'custom', path: ['choices', i, 'wording'], message: `Enter the council’s wording for proposal ${i + 1}` })
			if (c.decision === 'REJECTED' && !c.reason)
				ctx.addIssue({ code: 'custom', path: ['choices', i, 'reason'], message: `Enter why proposal ${i + 1} is rejected` })
		})
		if (v.intent === 'start') {
			if (!v.newSection) ctx.addIssue({ code: 'custom', path: ['newSection'], message: 'Select the section for the council’s amendment' })
		} else if (v.newSection || v.newWording || v.newReason) {
			if (!v.newSection) ctx.addIssue({ code: 'custom', path: ['newSection'], message: 'Select the section for the council’s amendment' })
			if (!v.newWording) ctx.addIssue({ code: 'custom', path: ['newWording'], message: 'Enter the wording of the council’s amendment' })
			if (!v.newReason) ctx.addIssue({ code: 'custom', path: ['newReason'], message: 'Enter the reason for the council’s amendment' })
		}
	})

async function load(request: Request, reviewId: string) {
	const user = await requirePermission(request, 'decision:make')
	const access = await requireReviewAccess(request, user, reviewId, null)
	const review = await loadReview(access.id)
	if (!checkStep('issueNotice', review).ok) throw redirect(`/council/reviews/${review.id}`)
	const proposals = await prisma.amendmentProposal.findMany({
		where: { reviewId: review.id },
		orderBy: [{ origin: 'desc' }, { section: 'asc' }, { position: 'asc' }, { createdAt: 'asc' }],
		select: {
			id: true,
			origin: true,
			section: true,
			currentWording: true,
			proposedWording: true,
			reason: true,
			laDecision: true,
			laWording: true,
			laReason: true,
			evidence: { select: { evidence: { select: { title: true } } } },
		},
	})
	return { user, access, review, proposals }
}

const isSection = (s: string | null): s is PlanSection => !!s && (PLAN_SECTIONS as readonly string[]).includes(s)

export async function loader({ request, params }: Route.LoaderArgs) {
	const { review, proposals } = await load(request, params.reviewId)
	const school = proposals.filter((p) => p.origin === 'SCHOOL')
	// The council's own amendment starts from the plan's current wording of the section chosen, as the school's proposals do.
	const requested = new URL(request.url).searchParams.get('section')
	const ownSection = isSection(requested) ? requested : null
	return {
		reviewId: review.id,
		childName: `${review.child.firstName} ${review.child.lastName}`,
		school: school.map((p) => ({ ...p, title: sectionLabel(p.section as PlanSection), evidence: p.evidence.map((e) => e.evidence.title) })),
		council: proposals
			.filter((p) => p.origin === 'LA')
			.map((p) => ({
				id: p.id,
				title: sectionLabel(p.section as PlanSection),
				currentWording: p.currentWording,
				proposedWording: p.proposedWording,
				reason: p.reason,
			})),
		sections: PLAN_SECTIONS.map((s) => ({ value: s, label: sectionLabel(s) })),
		ownSection,
		ownCurrentWording: ownSection ? planWording(review.planVersion, ownSection) : null,
		defaults: {
			newSection: ownSection ?? undefined,
			newWording: ownSection ? planWording(review.planVersion, ownSection) : undefined,
			choices: school.map((p) => ({
				proposalId: p.id,
				decision: p.laDecision ?? undefined,
				wording: p.laWording ?? p.proposedWording,
				reason: p.laReason,
			})),
		},
	}
}

export async function action({ request, params }: Route.ActionArgs) {
	const { user, review, proposals } = await load(request, params.reviewId)
	const form = await readForm(request)
	const removeId = form.get('remove')
	const base = `/council/reviews/${review.id}`
	const checkAgain = async (problem?: string) => ({ result: null, check: checkOf((await letterToSend(user, review.id, { step: 'notice' }))!), problem })
	if (form.get('intent') === 'send') {
		// The notice goes only as it was checked (issue 12 §1); its choices were saved when it was checked.
		const previewed = form.get('previewed')
		try {
			await issueAmendmentNotice(request, user, review.id, typeof previewed === 'string' ? previewed : null)
		} catch (error) {
			if (error instanceof StepError && error.message === LETTER_CHANGED) return data(await checkAgain(error.message), { status: 409 })
			if (error instanceof StepError) return data({ result: null, formError: error.message }, { status: 409 })
			throw error
		}
		throw redirect(base)
	}
	if (typeof removeId === 'string') {
		await removeCouncilAmendment(review.id, removeId)
		throw redirect(`${base}/notice`)
	}
	// The page draws one row of choices per school proposal: no other rows can come back.
	const { formData, mismatch } = withinRows(form, 'choices', proposals.filter((p) => p.origin === 'SCHOOL').length)
	const submission = parseWithZod(formData, { schema: NoticeSchema })
	if (mismatch) return data({ result: submission.reply({ formErrors: [FORM_MISMATCH] }) }, { status: 400 })
	if (submission.status !== 'success') return data({ result: submission.reply() }, { status: 400 })
	const v = submission.value
	if (v.newSection && v.newWording && v.newWording === planWording(review.planVersion, v.newSection).trim())
		return data(
			{ result: submission.reply({ fieldErrors: { newWording: ['Change the wording of the council’s amendment: it is the same as the plan’s'] } }) },
			{ status: 400 },
		)
	const schoolIds = new Set(proposals.filter((p) => p.origin === 'SCHOOL').map((p) => p.id))
	await saveNoticeDraft(request, user, review, {
		choices: v.choices
			.filter((c) => schoolIds.has(c.proposalId) && c.decision)
			.map((c) => ({ proposalId: c.proposalId, decision: c.decision!, wording: c.wording, reason: c.reason })),
		councilAmendment:
			v.intent !== 'start' && v.newSection && v.newWording && v.newReason ? { section: v.newSection, wording: v.newWording, reason: v.newReason } : null,
	})
	if (v.intent === 'start') throw redirect(`${base}/notice?section=${v.newSection}#own-amendment`)
	if (v.intent !== 'issue') throw redirect(`${base}/notice`)
	// Check before sending: the notice and who it goes to, then one deliberate Send.
	try {
		return data({ ...(await checkAgain()), result: submission.reply() })
	} catch (error) {
		if (error instanceof StepError) return data({ result: submission.reply({ formErrors: [error.message] }) }, { status: 400 })
		throw error
	}
}

export default function NoticeBuilder() {
	const { reviewId, childName, school, council, sections, ownSection, ownCurrentWording, defaults } = useLoaderData<typeof loader>()
	const actionData = useActionData<typeof action>()
	const [form, fields] = useGovukForm({ id: 'notice', schema: NoticeSchema, lastResult: actionData?.result, defaultValue: defaults })
	// A send refused after the check (the step can no longer be taken) comes back as a message for the whole form.
	const formError = actionData && 'formError' in actionData ? actionData.formError : undefined
	const errors = [...summaryErrors(form.id, form.allErrors), ...(formError ? [{ href: `#${form.id}`, message: formError }] : [])]
	const choices = fields.choices.getFieldList()
	if (actionData && 'check' in actionData && actionData.check)
		return (
			<CheckBeforeSending
				childName={childName}
				reviewId={reviewId}
				summary={[
					{ key: 'Letter', value: actionData.check.title },
					{ key: 'Amendments', value: `${school.filter((p) => p.laDecision === 'ACCEPTED' || p.laDecision === 'EDITED').length + council.length}` },
				]}
				check={actionData.check}
				fields={[]}
				previewAction={`/council/reviews/${reviewId}/letters/notice/preview`}
				sendLabel="Send the amendment notice"
				problem={actionData.problem}
				change={{ kind: 'link', href: `/council/reviews/${reviewId}/notice` }}
			/>
		)
	return (
		<>
			<PageTitle title={`Amendment notice: ${childName}`} error={errors.length > 0} />
			<a href={`/council/reviews/${reviewId}`} className="govuk-back-link">
				Back to the review
			</a>
			<ErrorSummary errors={errors} />
			<span className="govuk-caption-l">{childName}</span>
			<h1 className="govuk-heading-l">Build the amendment notice</h1>
			<p className="govuk-body">
				For each of the school’s proposals, accept it, edit the wording, or reject it with a reason. Add any amendments of the council’s own. The notice
				sets out every change as current and proposed wording, with the reasons and the supporting evidence, and gives the family 15 days to respond
				(reg 22(2)).
			</p>
			<DiffLegend />
			<Form method="post" {...getFormProps(form)} noValidate>
				{choices.map((row, i) => {
					const f = row.getFieldset()
					const p = school[i]!
					return (
						<div className="govuk-summary-card" key={row.key}>
							<div className="govuk-summary-card__title-wrapper">
								<h2 className="govuk-summary-card__title">
									Proposal {i + 1}: {p.title}
								</h2>
							</div>
							<div className="govuk-summary-card__content">
								<input type="hidden" name={f.proposalId.name} value={p.id} />
								<WordingDiff current={p.currentWording} proposed={p.proposedWording} />
								<p className="govuk-body">
									<strong>The school’s reason:</strong> {p.reason}
								</p>
								<p className="govuk-body">
									<strong>Evidence:</strong> {p.evidence.length ? p.evidence.join('; ') : 'none linked'}
								</p>
								<Radios
									field={f.decision}
									legend={`What will the council do with proposal ${i + 1}?`}
									inline
									options={[
										{ value: 'ACCEPTED', label: 'Accept' },
										{ value: 'EDITED', label: 'Edit' },
										{ value: 'REJECTED', label: 'Reject' },
									]}
								/>
								<TextArea field={f.wording} label={`The council’s wording for proposal ${i + 1} (if you edit it)`} rows={5} />
								<TextArea field={f.reason} label={`Reason for editing or rejecting proposal ${i + 1}`} rows={3} />
							</div>
						</div>
					)
				})}
				{!school.length ? <p className="govuk-body">The school proposed no amendments. Add the council’s own below.</p> : null}
				<h2 className="govuk-heading-m">The council’s own amendments</h2>
				{council.map((p) => (
					<div key={p.id} className="govuk-!-margin-bottom-6">
						<h3 className="govuk-heading-s">{p.title}</h3>
						<WordingDiff current={p.currentWording} proposed={p.proposedWording} />
						<UserText text={p.reason} />
						<button type="submit" name="remove" value={p.id} className="govuk-button govuk-button--secondary" formNoValidate>
							Remove<span className="govuk-visually-hidden"> the council’s amendment to {p.title}</span>
						</button>
					</div>
				))}
				<details
					className="govuk-details"
					id="own-amendment"
					open={!!ownSection || !!(fields.newSection.errors || fields.newWording.errors || fields.newReason.errors)}
				>
					<summary className="govuk-details__summary">
						<span className="govuk-details__summary-text">Add an amendment of the council’s own</span>
					</summary>
					<div className="govuk-details__text">
						<Select field={fields.newSection} label="Section of the plan" options={sections} placeholder="Select a section" />
						<button type="submit" name="intent" value="start" className="govuk-button govuk-button--secondary">
							Start from this section’s wording
						</button>
						{ownSection ? (
							<>
								<h3 className="govuk-heading-s">The plan’s current wording</h3>
								<div className="govuk-inset-text">
									<UserText text={ownCurrentWording ?? ''} empty="This section of the plan is empty." />
								</div>
							</>
						) : null}
						<TextArea
							field={fields.newWording}
							label="The council’s proposed wording"
							rows={8}
							hint="Choose the section and start from its wording, then change it: the notice shows exactly what you added and removed."
						/>
						<TextArea field={fields.newReason} label="The reason" rows={3} />
					</div>
				</details>
				<div className="govuk-button-group">
					<button type="submit" name="intent" value="issue" className="govuk-button">
						Check the amendment notice before sending
					</button>
					<button type="submit" name="intent" value="save" className="govuk-button govuk-button--secondary">
						Save and come back later
					</button>
				</div>
			</Form>
		</>
	)
}

// A refused or failed step keeps the person's way back to where they were.
export function ErrorBoundary({ error, params }: Route.ErrorBoundaryProps) {
	return <ErrorPage error={error} back={backToCase(params.reviewId)} />
}
