import { getFormProps } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod/v4'
import { data, Form, redirect, useActionData, useLoaderData } from 'react-router'
import { z } from 'zod'
import { requirePermission } from '#app/auth/auth.server.ts'
import { requireReviewAccess } from '#app/auth/review-access.server.ts'
import { backToCase, ErrorPage } from '#app/components/error-page.tsx'
import { ErrorSummary, Select, summaryErrors, TextArea, useGovukForm } from '#app/components/forms.tsx'
import { PageTitle } from '#app/components/page.tsx'
import { UserText } from '#app/components/review-bits.tsx'
import { canTake } from '#app/domain/review-lifecycle.ts'
import { PLAN_SECTIONS, sectionLabel, type PlanSection } from '#app/domain/review-parts.ts'
import { readForm } from '#app/http/request-limits.server.ts'
import { loadReview, planWording } from '#app/queries/review.server.ts'
import { addAmendmentAfterNotice, StepError } from '#app/services/council-review.server.ts'
import type { Route } from './+types/council-final-amendment'

// An amendment the council makes after the family's representations, beyond what the notice proposed (SEND
// Regulations 2014 reg 22(3)): it starts from the plan's current wording of the section, as the notice's own do.
export const AddAmendmentSchema = z
	.object({
		section: z.enum(PLAN_SECTIONS, { error: 'Select the section of the plan' }),
		wording: z.string().trim().max(20000, 'The wording must be 20,000 characters or fewer').optional(),
		reason: z.string().trim().max(5000, 'The reason must be 5,000 characters or fewer').optional(),
		// start: take the chosen section's current wording into the form (a round trip, so it works without JavaScript).
		intent: z.enum(['add', 'start']).default('add'),
	})
	.superRefine((v, ctx) => {
		if (v.intent === 'start') return
		if (!v.wording) ctx.addIssue({ code: 'custom', path: ['wording'], message: 'Enter the wording the final plan will carry' })
		if (!v.reason) ctx.addIssue({ code: 'custom', path: ['reason'], message: 'Enter why the council is making this change after representations' })
	})

async function load(request: Request, reviewId: string) {
	const user = await requirePermission(request, 'decision:make')
	const access = await requireReviewAccess(request, user, reviewId, null)
	// Once the notice is issued, until the final plan is: the same steps as the final plan page.
	if (!canTake('prepareFinalPlan', access.status)) throw redirect(`/council/reviews/${access.id}`)
	const review = await loadReview(access.id)
	return { user, access, review }
}

const isSection = (s: string | null): s is PlanSection => !!s && (PLAN_SECTIONS as readonly string[]).includes(s)

export async function loader({ request, params }: Route.LoaderArgs) {
	const { review } = await load(request, params.reviewId)
	const requested = new URL(request.url).searchParams.get('section')
	const section = isSection(requested) ? requested : null
	const currentWording = section ? planWording(review.planVersion, section) : null
	return {
		reviewId: review.id,
		childName: `${review.child.firstName} ${review.child.lastName}`,
		sections: PLAN_SECTIONS.map((s) => ({ value: s, label: sectionLabel(s) })),
		section,
		currentWording,
		defaults: { section: section ?? undefined, wording: currentWording ?? undefined },
	}
}

export async function action({ request, params }: Route.ActionArgs) {
	const { user, access, review } = await load(request, params.reviewId)
	const submission = parseWithZod(await readForm(request), { schema: AddAmendmentSchema })
	if (submission.status !== 'success') return data({ result: submission.reply() }, { status: 400 })
	const v = submission.value
	const base = `/council/reviews/${access.id}/final`
	if (v.intent === 'start') throw redirect(`${base}/amendments/new?section=${v.section}`)
	if (v.wording === planWording(review.planVersion, v.section).trim())
		return data({ result: submission.reply({ fieldErrors: { wording: ['Change the wording: it is the same as the plan’s'] } }) }, { status: 400 })
	try {
		await addAmendmentAfterNotice(request, user, access.id, { section: v.section, wording: v.wording!, reason: v.reason! })
	} catch (error) {
		if (error instanceof StepError) return data({ result: submission.reply({ formErrors: [error.message] }) }, { status: 409 })
		throw error
	}
	throw redirect(`${base}#added`)
}

export default function AddAmendment() {
	const { section } = useLoaderData<typeof loader>()
	// A new section starts a new form, so its wording is the one taken from the plan.
	return <AddAmendmentForm key={section ?? ''} />
}

function AddAmendmentForm() {
	const { reviewId, childName, sections, section, currentWording, defaults } = useLoaderData<typeof loader>()
	const actionData = useActionData<typeof action>()
	const [form, fields] = useGovukForm({ id: 'add-amendment', schema: AddAmendmentSchema, lastResult: actionData?.result, defaultValue: defaults })
	const errors = summaryErrors(form.id, form.allErrors, ['', 'section', 'wording', 'reason'])
	return (
		<div className="govuk-grid-row">
			<div className="govuk-grid-column-two-thirds">
				<PageTitle title={`Add an amendment after representations: ${childName}`} error={errors.length > 0} />
				<a href={`/council/reviews/${reviewId}/final`} className="govuk-back-link">
					Back to the final plan
				</a>
				<ErrorSummary errors={errors} />
				<span className="govuk-caption-l">{childName}</span>
				<h1 className="govuk-heading-l">Add an amendment after representations</h1>
				<p className="govuk-body">
					After the family’s representations the council can change the plan beyond what the amendment notice proposed (reg 22(3)). The change is not
					in the notice: the final plan shows it as added after representations.
				</p>
				<Form method="post" {...getFormProps(form)} noValidate>
					<Select field={fields.section} label="Section of the plan" options={sections} placeholder="Select a section" />
					<button type="submit" name="intent" value="start" className="govuk-button govuk-button--secondary">
						Start from this section’s wording
					</button>
					{section ? (
						<>
							<h2 className="govuk-heading-s">The plan’s current wording of {sectionLabel(section)}</h2>
							<div className="govuk-inset-text">
								<UserText text={currentWording ?? ''} empty="This section of the plan is empty." />
							</div>
						</>
					) : null}
					<TextArea
						field={fields.wording}
						label="The wording the final plan will carry"
						rows={8}
						hint="Choose the section and start from its wording, then change it: the final plan shows exactly what you added and removed."
					/>
					<TextArea
						field={fields.reason}
						label="Why the council is making this change"
						hint="For example, what the family said in their representations"
						rows={3}
					/>
					<div className="govuk-button-group">
						<button type="submit" name="intent" value="add" className="govuk-button">
							Add the amendment
						</button>
						<a className="govuk-link" href={`/council/reviews/${reviewId}/final`}>
							Cancel
						</a>
					</div>
				</Form>
			</div>
		</div>
	)
}

// A refused or failed step keeps the person's way back to where they were.
export function ErrorBoundary({ error, params }: Route.ErrorBoundaryProps) {
	return <ErrorPage error={error} back={backToCase(params.reviewId)} />
}
