import { getFormProps } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod/v4'
import { data, Form, redirect, useActionData, useLoaderData } from 'react-router'
import { z } from 'zod'
import { requirePermission } from '#app/auth/auth.server.ts'
import { requireReviewAccess } from '#app/auth/review-access.server.ts'
import { CheckBeforeSending } from '#app/components/check-before-sending.tsx'
import { backToCase, ErrorPage } from '#app/components/error-page.tsx'
import { Button, DateField, ErrorSummary, Radios, summaryErrors, TextArea, useGovukForm } from '#app/components/forms.tsx'
import { PageTitle } from '#app/components/page.tsx'
import { prisma } from '#app/db/db.server.ts'
import { isAfter, todayInLondon, formatDate } from '#app/domain/calendar-date.ts'
import { mayCease } from '#app/domain/cease-consultation.ts'
import { canTake } from '#app/domain/review-lifecycle.ts'
import { dateInput, dateParts, RECOMMENDATION_LABELS, type Recommendation } from '#app/domain/review-parts.ts'
import { decisionDueOn } from '#app/domain/statutory-clock.ts'
import { readForm } from '#app/http/request-limits.server.ts'
import { checkOf, LETTER_CHANGED, letterToSend, makeDecision, StepError } from '#app/services/council-review.server.ts'
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
		select: {
			id: true,
			status: true,
			meetingOn: true,
			recommendation: true,
			child: { select: { firstName: true, lastName: true } },
			ceaseConsultation: { select: { informedOn: true, familyConsulted: true, headTeacherConsulted: true } },
		},
	})
	if (!canTake('decide', review.status)) throw redirect(`/council/reviews/${review.id}`)
	return { user, review }
}

export async function loader({ request, params }: Route.LoaderArgs) {
	const { review } = await load(request, params.reviewId)
	return {
		reviewId: review.id,
		childName: `${review.child.firstName} ${review.child.lastName}`,
		recommendation: review.recommendation ? RECOMMENDATION_LABELS[review.recommendation as Recommendation].label : null,
		decisionDueOn: review.meetingOn ? decisionDueOn(review.meetingOn) : null,
		defaults: { outcome: review.recommendation ?? undefined, decidedOn: dateParts(todayInLondon(new Date())) },
		// What a cease decision today still needs (reg 31(1)), or null (app/domain/cease-consultation.ts).
		ceaseBlocked: (() => {
			const check = mayCease(review.ceaseConsultation, todayInLondon(new Date()))
			return check.ok ? null : check.reason
		})(),
	}
}

/** The form's fields as typed, sent again with the preview and with Send (not the intent or what was checked). */
const typedFields = (form: FormData) => [...form].filter((e): e is [string, string] => typeof e[1] === 'string' && e[0] !== 'intent' && e[0] !== 'previewed')

export async function action({ request, params }: Route.ActionArgs) {
	const { user, review } = await load(request, params.reviewId)
	const form = await readForm(request)
	const intent = form.get('intent')
	const submission = parseWithZod(form, { schema: DecisionSchema })
	if (submission.status !== 'success') return data({ result: submission.reply() }, { status: 400 })
	const { outcome, reasons, decidedOn } = submission.value
	if (isAfter(decidedOn!, todayInLondon(new Date())))
		return data({ result: submission.reply({ fieldErrors: { decidedOn: ['The date of the decision must be today or in the past'] } }) }, { status: 400 })
	// Change: back to the form as typed.
	if (intent === 'change') return data({ result: submission.reply() })
	const input = { outcome, reasons, decidedOn: decidedOn! }
	const checkAgain = async (problem?: string) => {
		// Maintain or cease: check the decision letter and who it goes to before it is sent (issue 12 §1).
		const letter = await letterToSend(user, review.id, { step: 'decision', input })
		return letter ? { result: submission.reply(), check: checkOf(letter), fields: typedFields(form), problem } : null
	}
	try {
		if (intent === 'send' || outcome === 'AMEND') {
			// An amend sends no letter (the amendment notice follows); a letter goes only as it was checked.
			const previewed = form.get('previewed')
			await makeDecision(request, user, review.id, input, typeof previewed === 'string' ? previewed : null)
		} else {
			return data(await checkAgain())
		}
	} catch (error) {
		if (error instanceof StepError && error.message === LETTER_CHANGED) return data(await checkAgain(error.message), { status: 409 })
		if (error instanceof StepError) return data({ result: submission.reply({ formErrors: [error.message] }) }, { status: 409 })
		throw error
	}
	throw redirect(outcome === 'AMEND' ? `/council/reviews/${review.id}/notice` : `/council/reviews/${review.id}`)
}

const OUTCOME_LABELS = { MAINTAIN: 'Maintain the plan as it is', AMEND: 'Amend the plan', CEASE: 'Cease the plan' } as const

export default function Decision() {
	const { reviewId, childName, recommendation, decisionDueOn, defaults, ceaseBlocked } = useLoaderData<typeof loader>()
	const actionData = useActionData<typeof action>()
	const [form, fields] = useGovukForm({ id: 'decision', schema: DecisionSchema, lastResult: actionData?.result, defaultValue: defaults })
	const errors = summaryErrors(form.id, form.allErrors, ['', 'outcome', 'reasons', 'decidedOn'])
	if (actionData && 'check' in actionData && actionData.check) {
		const typed = Object.fromEntries(actionData.fields)
		const decidedOn = `${typed['decidedOn.year']}-${String(typed['decidedOn.month']).padStart(2, '0')}-${String(typed['decidedOn.day']).padStart(2, '0')}`
		return (
			<CheckBeforeSending
				childName={childName}
				reviewId={reviewId}
				summary={[
					{ key: 'Decision', value: OUTCOME_LABELS[typed.outcome as keyof typeof OUTCOME_LABELS] ?? '' },
					{ key: 'Reasons', value: typed.reasons ?? '' },
					{ key: 'Date of the decision', value: formatDate(decidedOn) },
					{ key: 'Letter', value: actionData.check.title },
				]}
				check={actionData.check}
				fields={actionData.fields}
				previewAction={`/council/reviews/${reviewId}/letters/decision/preview`}
				sendLabel="Send the decision letter"
				problem={actionData.problem}
				change={{ kind: 'button' }}
			/>
		)
	}
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
								hint: ceaseBlocked
									? `Only if it is no longer necessary. ${ceaseBlocked}.`
									: 'Only if it is no longer necessary. The family was told and the family and head teacher consulted (reg 31(1)).',
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
					<Button>Continue</Button>
				</Form>
			</div>
		</div>
	)
}

// A refused or failed step keeps the person's way back to where they were.
export function ErrorBoundary({ error, params }: Route.ErrorBoundaryProps) {
	return <ErrorPage error={error} back={backToCase(params.reviewId)} />
}
