import { getFormProps } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod/v4'
import { data, Form, redirect, useActionData, useLoaderData } from 'react-router'
import { z } from 'zod'
import { requirePermission } from '#app/auth/auth.server.ts'
import { requireReviewAccess } from '#app/auth/review-access.server.ts'
import { backToCase, ErrorPage } from '#app/components/error-page.tsx'
import { Button, DateField, ErrorSummary, Radios, summaryErrors, TextArea, useGovukForm } from '#app/components/forms.tsx'
import { PageTitle } from '#app/components/page.tsx'
import { prisma } from '#app/db/db.server.ts'
import { addDays, isAfter, todayInLondon, formatDate } from '#app/domain/calendar-date.ts'
import { dateInput, dateParts, RECOMMENDATION_LABELS, type Recommendation } from '#app/domain/review-parts.ts'
import { readForm } from '#app/http/request-limits.server.ts'
import { makeDecision, StepError } from '#app/services/council-review.server.ts'
import type { Route } from './+types/council-decision'

export const DecisionSchema = z.object({
	outcome: z.enum(['MAINTAIN', 'AMEND', 'CEASE'], { error: 'Select the council’s decision' }),
	reasons: z
		.string({ error: 'Enter the reasons for the decision' })
		.trim()
		.min(1, 'Enter the reasons for the decision')
		.max(10000, 'The reasons must be 10,000 characters or fewer'),
	decidedOn: dateInput('the date of the decision'),
})

async function load(request: Request, reviewId: string) {
	const user = await requirePermission(request, 'decision:make')
	const access = await requireReviewAccess(request, user, reviewId, null)
	const review = await prisma.annualReview.findUniqueOrThrow({
		where: { id: access.id },
		select: { id: true, status: true, meetingOn: true, recommendation: true, child: { select: { firstName: true, lastName: true } } },
	})
	if (review.status !== 'SUBMITTED') throw redirect(`/council/reviews/${review.id}`)
	return { user, review }
}

export async function loader({ request, params }: Route.LoaderArgs) {
	const { review } = await load(request, params.reviewId)
	return {
		reviewId: review.id,
		childName: `${review.child.firstName} ${review.child.lastName}`,
		recommendation: review.recommendation ? RECOMMENDATION_LABELS[review.recommendation as Recommendation].label : null,
		decisionDueOn: review.meetingOn ? addDays(review.meetingOn, 28) : null,
		defaults: { outcome: review.recommendation ?? undefined, decidedOn: dateParts(todayInLondon(new Date())) },
	}
}

export async function action({ request, params }: Route.ActionArgs) {
	const { user, review } = await load(request, params.reviewId)
	const submission = parseWithZod(await readForm(request), { schema: DecisionSchema })
	if (submission.status !== 'success') return data({ result: submission.reply() }, { status: 400 })
	const { outcome, reasons, decidedOn } = submission.value
	if (isAfter(decidedOn!, todayInLondon(new Date())))
		return data({ result: submission.reply({ fieldErrors: { decidedOn: ['The date of the decision must be today or in the past'] } }) }, { status: 400 })
	try {
		await makeDecision(request, user, review.id, { outcome, reasons, decidedOn: decidedOn! })
	} catch (error) {
		if (error instanceof StepError) return data({ result: submission.reply({ formErrors: [error.message] }) }, { status: 409 })
		throw error
	}
	throw redirect(outcome === 'AMEND' ? `/council/reviews/${review.id}/notice` : `/council/reviews/${review.id}`)
}

export default function Decision() {
	const { reviewId, childName, recommendation, decisionDueOn, defaults } = useLoaderData<typeof loader>()
	const actionData = useActionData<typeof action>()
	const [form, fields] = useGovukForm({ id: 'decision', schema: DecisionSchema, lastResult: actionData?.result, defaultValue: defaults })
	const errors = summaryErrors(form.id, form.allErrors, ['', 'outcome', 'reasons', 'decidedOn'])
	return (
		<div className="govuk-grid-row">
			<div className="govuk-grid-column-two-thirds">
				<PageTitle title={`Decide: ${childName}`} error={errors.length > 0} />
				<a href={`/council/reviews/${reviewId}`} className="govuk-back-link">
					Back to the review
				</a>
				<ErrorSummary errors={errors} />
				<span className="govuk-caption-l">{childName}</span>
				<h1 className="govuk-heading-l">The council’s decision</h1>
				<p className="govuk-body">
					{recommendation ? `The meeting recommended: ${recommendation}. ` : ''}
					{decisionDueOn ? `The family and the head teacher must be told by ${formatDate(decisionDueOn)} (SEND Regulations 2014 reg 20(10)).` : ''}
				</p>
				<Form method="post" {...getFormProps(form)} noValidate>
					<Radios
						field={fields.outcome}
						legend="What has the council decided?"
						legendClass="govuk-fieldset__legend--m"
						options={[
							{
								value: 'MAINTAIN',
								label: 'Maintain the plan as it is',
								hint: 'A decision letter with appeal rights goes to the family and the head teacher.',
							},
							{ value: 'AMEND', label: 'Amend the plan', hint: 'Next, build the amendment notice from the proposals.' },
							{
								value: 'CEASE',
								label: 'Cease the plan',
								hint: 'Only if it is no longer necessary; consult the family and school first (regs 29-32).',
							},
						]}
					/>
					<TextArea
						field={fields.reasons}
						label="Reasons for the decision"
						labelClass="govuk-label--s"
						rows={6}
						hint="These go in the letter to the family."
					/>
					<DateField field={fields.decidedOn} legend="Date of the decision" />
					<Button>Record the decision</Button>
				</Form>
			</div>
		</div>
	)
}

// A refused or failed step keeps the person's way back to where they were.
export function ErrorBoundary({ error, params }: Route.ErrorBoundaryProps) {
	return <ErrorPage error={error} back={backToCase(params.reviewId)} />
}
