import { parseWithZod } from '@conform-to/zod/v4'
import { data, redirect, useActionData, useLoaderData } from 'react-router'
import { requirePermission } from '#app/auth/auth.server.ts'
import { requireChildAccess } from '#app/auth/tenancy.server.ts'
import { PageTitle } from '#app/components/page.tsx'
import { ScheduleForm } from '#app/components/schedule-form.tsx'
import { INVITEE_ROWS, ScheduleSchema } from '#app/domain/review-parts.ts'
import { FORM_MISMATCH, withinRows } from '#app/http/forms.server.ts'
import { readForm } from '#app/http/request-limits.server.ts'
import { loadChildToReview } from '#app/queries/review.server.ts'
import { startReview } from '#app/services/school-review.server.ts'
import type { Route } from './+types/review-new'

async function loadChild(request: Request, childId: string) {
	const user = await requirePermission(request, 'review:edit')
	await requireChildAccess(request, user, childId, null)
	const child = await loadChildToReview(childId)
	if (!child.plan) throw data('This child has no EHC plan to review.', { status: 400 })
	// One review in draft at a time: go back to it rather than start a second.
	if (child.reviews[0]) throw redirect(`/reviews/${child.reviews[0].id}`)
	return { user, child, plan: child.plan }
}

export async function loader({ request, params }: Route.LoaderArgs) {
	const { user, child } = await loadChild(request, params.childId)
	return {
		child: { id: child.id, name: `${child.firstName} ${child.lastName}`, reviewDueOn: child.plan!.reviewDueOn },
		defaults: {
			invitees: [
				{ role: 'PARENT', name: child.parentName, email: child.parentEmail },
				{ role: 'SCHOOL_STAFF', name: user.name, email: user.email },
			],
		},
	}
}

export async function action({ request, params }: Route.ActionArgs) {
	const { user, child, plan } = await loadChild(request, params.childId)
	// The page has INVITEE_ROWS rows of invitees: no other rows can come back.
	const { formData, mismatch } = withinRows(await readForm(request), 'invitees', INVITEE_ROWS)
	const submission = parseWithZod(formData, { schema: ScheduleSchema })
	if (mismatch) return data({ result: submission.reply({ formErrors: [FORM_MISMATCH] }) }, { status: 400 })
	if (submission.status !== 'success') return data({ result: submission.reply() }, { status: 400 })
	const review = await startReview(request, user, { ...child, plan }, submission.value)
	throw redirect(`/reviews/${review.id}`)
}

export default function NewReview() {
	const { child, defaults } = useLoaderData<typeof loader>()
	const actionData = useActionData<typeof action>()
	return (
		<div className="govuk-grid-row">
			<div className="govuk-grid-column-two-thirds">
				<PageTitle title={`Schedule the annual review for ${child.name}`} error={!!actionData?.result.error} />
				<span className="govuk-caption-l">{child.name}</span>
				<h1 className="govuk-heading-l">Schedule the annual review</h1>
				<ScheduleForm lastResult={actionData?.result} defaults={defaults} submitLabel="Schedule the review" />
			</div>
		</div>
	)
}
