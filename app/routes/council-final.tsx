import { getFormProps } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod/v4'
import { data, Form, redirect, useActionData, useLoaderData } from 'react-router'
import { z } from 'zod'
import { requirePermission } from '#app/auth/auth.server.ts'
import { requireReviewAccess } from '#app/auth/review-access.server.ts'
import { backToCase, ErrorPage } from '#app/components/error-page.tsx'
import { Button, ErrorSummary, Radios, summaryErrors, TextArea, useGovukForm } from '#app/components/forms.tsx'
import { PageTitle } from '#app/components/page.tsx'
import { DiffLegend, WordingDiff } from '#app/components/wording-diff.tsx'
import { prisma } from '#app/db/db.server.ts'
import { addDays, formatDate } from '#app/domain/calendar-date.ts'
import { readForm } from '#app/http/request-limits.server.ts'
import { issueFinalPlan, noticeAmendments, StepError } from '#app/services/council-review.server.ts'
import type { Route } from './+types/council-final'

export const FinalSchema = z
	.object({
		amend: z.enum(['yes', 'no'], { error: 'Select whether to issue the amended plan or not to amend after all' }),
		reasons: z.string().trim().max(10000, 'The reasons must be 10,000 characters or fewer').optional(),
	})
	.superRefine((v, ctx) => {
		if (v.amend === 'no' && !v.reasons)
			ctx.addIssue({ code: 'custom', path: ['reasons'], message: 'Enter the reasons for not amending the plan (reg 22(4))' })
	})

async function load(request: Request, reviewId: string) {
	const user = await requirePermission(request, 'decision:make')
	const access = await requireReviewAccess(request, user, reviewId, null)
	const review = await prisma.annualReview.findUniqueOrThrow({
		where: { id: access.id },
		select: {
			id: true,
			status: true,
			notice: { select: { issuedOn: true, representationsCloseOn: true } },
			_count: { select: { representations: true } },
			child: { select: { firstName: true, lastName: true } },
		},
	})
	if (review.status !== 'NOTICE_ISSUED' && review.status !== 'REPRESENTATIONS') throw redirect(`/council/reviews/${review.id}`)
	return { user, review }
}

export async function loader({ request, params }: Route.LoaderArgs) {
	const { review } = await load(request, params.reviewId)
	return {
		reviewId: review.id,
		childName: `${review.child.firstName} ${review.child.lastName}`,
		closesOn: review.notice?.representationsCloseOn ?? null,
		finalDueOn: review.notice ? addDays(review.notice.issuedOn, 56) : null,
		representations: review._count.representations,
		amendments: await noticeAmendments(review.id),
	}
}

export async function action({ request, params }: Route.ActionArgs) {
	const { user, review } = await load(request, params.reviewId)
	const submission = parseWithZod(await readForm(request), { schema: FinalSchema })
	if (submission.status !== 'success') return data({ result: submission.reply() }, { status: 400 })
	try {
		await issueFinalPlan(request, user, review.id, { amend: submission.value.amend === 'yes', reasons: submission.value.reasons ?? '' })
	} catch (error) {
		if (error instanceof StepError) return data({ result: submission.reply({ formErrors: [error.message] }) }, { status: 409 })
		throw error
	}
	throw redirect(`/council/reviews/${review.id}`)
}

export default function FinalPlan() {
	const { reviewId, childName, closesOn, finalDueOn, representations, amendments } = useLoaderData<typeof loader>()
	const actionData = useActionData<typeof action>()
	const [form, fields] = useGovukForm({ id: 'final', schema: FinalSchema, lastResult: actionData?.result })
	const errors = summaryErrors(form.id, form.allErrors, ['', 'amend', 'reasons'])
	return (
		<div className="govuk-grid-row">
			<div className="govuk-grid-column-two-thirds">
				<PageTitle title={`Final plan: ${childName}`} error={errors.length > 0} />
				<a href={`/council/reviews/${reviewId}`} className="govuk-back-link">
					Back to the review
				</a>
				<ErrorSummary errors={errors} />
				<span className="govuk-caption-l">{childName}</span>
				<h1 className="govuk-heading-l">Issue the final plan</h1>
				<p className="govuk-body">
					{closesOn ? `Representations closed (or close) on ${formatDate(closesOn)}; ${representations} recorded. ` : ''}
					{finalDueOn ? `The final plan, or a decision not to amend, is due by ${formatDate(finalDueOn)} (8 weeks from the notice, reg 22(3)).` : ''}
				</p>
				<h2 className="govuk-heading-m">The amendments</h2>
				<DiffLegend />
				{amendments.map((a) => (
					<div key={a.id} className="govuk-!-margin-bottom-6">
						<h3 className="govuk-heading-s">
							Section {a.section}: {a.title}
						</h3>
						<WordingDiff current={a.currentWording} proposed={a.proposedWording} />
					</div>
				))}
				<Form method="post" {...getFormProps(form)} noValidate>
					<Radios
						field={fields.amend}
						legend="What will the council issue?"
						legendClass="govuk-fieldset__legend--m"
						options={[
							{
								value: 'yes',
								label: 'The final amended plan',
								hint: 'A new version of the plan with these amendments; the previous version is kept.',
							},
							{ value: 'no', label: 'A decision not to amend the plan after all', hint: 'With the reasons and the right of appeal (reg 22(4)).' },
						]}
					/>
					<TextArea field={fields.reasons} label="Reasons (needed if the plan is not amended)" rows={5} />
					<Button>Issue and send</Button>
				</Form>
			</div>
		</div>
	)
}

// A refused or failed step keeps the person's way back to where they were.
export function ErrorBoundary({ error, params }: Route.ErrorBoundaryProps) {
	return <ErrorPage error={error} back={backToCase(params.reviewId)} />
}
