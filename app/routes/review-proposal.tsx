import { getFormProps } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod/v4'
import { data, Form, redirect, useActionData, useLoaderData } from 'react-router'
import { notFound } from '#app/auth/auth.server.ts'
import { requireEditableReview } from '#app/auth/review-access.server.ts'
import { backToReview, ErrorPage } from '#app/components/error-page.tsx'
import { Button, Checkboxes, ErrorSummary, summaryErrors, TextArea, useGovukForm } from '#app/components/forms.tsx'
import { PageTitle } from '#app/components/page.tsx'
import { UserText } from '#app/components/review-bits.tsx'
import { PLAN_SECTIONS, ProposalSchema, sectionLabel, type PlanSection } from '#app/domain/review-parts.ts'
import { readForm } from '#app/http/request-limits.server.ts'
import { listEvidenceTitles, loadReview, loadSchoolProposal, planWording } from '#app/queries/review.server.ts'
import { deleteProposal, saveProposal } from '#app/services/school-review.server.ts'
import type { Route } from './+types/review-proposal'

const isSection = (s: string | null): s is PlanSection => !!s && (PLAN_SECTIONS as readonly string[]).includes(s)

/** "Fix this" on check your answers comes back there once saved (returnTo=check); any other value is ignored. */
const returnsToCheck = (value: FormDataEntryValue | null) => value === 'check'

async function load(request: Request, params: { reviewId: string; proposalId?: string }) {
	const { user, review: access } = await requireEditableReview(request, params.reviewId)
	const review = await loadReview(params.reviewId)
	const proposal = params.proposalId ? await loadSchoolProposal(review.id, params.proposalId) : null
	if (params.proposalId && !proposal) throw notFound()
	return { user, access, review, proposal }
}

export async function loader({ request, params }: Route.LoaderArgs) {
	const { review, proposal } = await load(request, params)
	const requested = new URL(request.url).searchParams.get('section')
	const section = (proposal?.section as PlanSection | undefined) ?? (isSection(requested) ? requested : null)
	const evidence = await listEvidenceTitles(review.id)
	const currentWording = proposal?.currentWording ?? (section ? planWording(review.planVersion, section) : '')
	return {
		reviewId: review.id,
		childName: `${review.child.firstName} ${review.child.lastName}`,
		proposalId: proposal?.id ?? null,
		returnToCheck: returnsToCheck(new URL(request.url).searchParams.get('returnTo')),
		section,
		sections: PLAN_SECTIONS.map((s) => ({ value: s, label: sectionLabel(s) })),
		currentWording,
		evidence,
		initial: {
			section: section ?? undefined,
			proposedWording: proposal?.proposedWording ?? currentWording,
			reason: proposal?.reason ?? '',
			evidenceIds: proposal?.evidence.map((e) => e.evidenceId) ?? [],
		},
	}
}

export async function action({ request, params }: Route.ActionArgs) {
	const { user, access, review, proposal } = await load(request, params)
	const formData = await readForm(request)
	const base = `/reviews/${review.id}`
	if (formData.get('intent') === 'delete' && proposal) {
		await deleteProposal(request, user, access, proposal.id)
		throw redirect(`${base}/proposals`)
	}
	const section = formData.get('section')
	const currentWording = proposal?.currentWording ?? (isSection(String(section)) ? planWording(review.planVersion, String(section)) : '')
	formData.set('currentWording', currentWording)
	const submission = parseWithZod(formData, { schema: ProposalSchema })
	if (submission.status !== 'success') return data({ result: submission.reply() }, { status: 400 })
	await saveProposal(request, user, access, proposal?.id ?? null, { ...submission.value, currentWording })
	throw redirect(returnsToCheck(formData.get('returnTo')) ? `${base}/check` : `${base}/proposals`)
}

export default function Proposal() {
	const { reviewId, childName, proposalId, returnToCheck, section, sections, currentWording, evidence, initial } = useLoaderData<typeof loader>()
	const actionData = useActionData<typeof action>()
	const [form, fields] = useGovukForm({ id: 'proposal', schema: ProposalSchema, lastResult: actionData?.result, defaultValue: initial })
	const errors = summaryErrors(form.id, form.allErrors, ['section', 'proposedWording', 'reason'])
	const base = `/reviews/${reviewId}`
	const title = proposalId ? 'Change the amendment proposal' : 'Propose an amendment'
	return (
		<div className="govuk-grid-row">
			<div className="govuk-grid-column-two-thirds">
				<PageTitle title={`${title}: ${childName}`} error={errors.length > 0} />
				<a href={returnToCheck ? `${base}/check` : `${base}/proposals`} className="govuk-back-link">
					{returnToCheck ? 'Back to check your answers' : 'Back to the proposals'}
				</a>
				<ErrorSummary errors={errors} />
				<span className="govuk-caption-l">{childName}</span>
				<h1 className="govuk-heading-l">{title}</h1>
				{!section ? (
					// Step 1: which section (a plain GET form, so it works without JavaScript).
					<form method="get" noValidate>
						{returnToCheck ? <input type="hidden" name="returnTo" value="check" /> : null}
						<div className="govuk-form-group">
							<label className="govuk-label govuk-label--m" htmlFor="section">
								Which section of the plan?
							</label>
							<select className="govuk-select" id="section" name="section">
								{sections.map((s) => (
									<option key={s.value} value={s.value}>
										{s.label}
									</option>
								))}
							</select>
						</div>
						<button type="submit" className="govuk-button">
							Continue
						</button>
					</form>
				) : (
					<Form method="post" {...getFormProps(form)} noValidate>
						<input type="hidden" name="section" value={section} />
						{returnToCheck ? <input type="hidden" name="returnTo" value="check" /> : null}
						<h2 className="govuk-heading-m">{sections.find((s) => s.value === section)?.label}</h2>
						<h3 className="govuk-heading-s">The plan’s current wording</h3>
						<div className="govuk-inset-text">
							<UserText text={currentWording} empty="This section of the plan is empty." />
						</div>
						<TextArea
							field={fields.proposedWording}
							label="The wording you propose"
							labelClass="govuk-label--s"
							rows={10}
							hint="Edit the current wording: the council sees exactly what you added and removed."
						/>
						<TextArea
							field={fields.reason}
							label="Why the plan should change"
							labelClass="govuk-label--s"
							rows={5}
							hint="What has changed for the child, and what the evidence shows"
						/>
						{evidence.length ? (
							<Checkboxes
								field={fields.evidenceIds}
								legend="Which evidence supports it?"
								options={evidence.map((e) => ({ value: e.id, label: `${e.title} (${e.fileName})` }))}
							/>
						) : (
							<p className="govuk-body">
								No evidence has been uploaded yet.{' '}
								<a className="govuk-link" href={`${base}/evidence`}>
									Upload evidence
								</a>{' '}
								first to link it here.
							</p>
						)}
						<div className="govuk-button-group">
							<Button>Save the proposal</Button>
							{proposalId ? (
								<button type="submit" name="intent" value="delete" className="govuk-button govuk-button--warning" formNoValidate>
									Delete the proposal
								</button>
							) : null}
						</div>
					</Form>
				)}
			</div>
		</div>
	)
}

// A refused or failed step keeps the person's way back to where they were.
export function ErrorBoundary({ error, params }: Route.ErrorBoundaryProps) {
	return <ErrorPage error={error} back={backToReview(params.reviewId)} />
}
