import { data, redirect, useActionData, useLoaderData } from 'react-router'
import { requirePermission } from '#app/auth/auth.server.ts'
import { requireChildAccess } from '#app/auth/tenancy.server.ts'
import { ScheduleForm } from '#app/components/schedule-form.tsx'
import { loadChildToReview } from '#app/queries/review.server.ts'
import { startReview } from '#app/services/school-review.server.ts'
import type { Route } from './+types/review-new'
import { readScheduleForm } from './schedule-form.server.ts'

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
			// The people every review invites, ready to change: the parent, the child's caseworker at the council, and the SENCo.
			invitees: [
				{ role: 'PARENT', name: child.parentName, email: child.parentEmail },
				...(child.caseworker?.active ? [{ role: 'LA_OFFICER', name: child.caseworker.name, email: child.caseworker.email }] : []),
				{ role: 'SCHOOL_STAFF', name: user.name, email: user.email },
			],
		},
	}
}

export async function action({ request, params }: Route.ActionArgs) {
	const { user, child, plan } = await loadChild(request, params.childId)
	const form = await readScheduleForm(request)
	if (!('value' in form)) return data(form.page, { status: form.status })
	const review = await startReview(request, user, { ...child, plan }, form.value)
	throw redirect(`/reviews/${review.id}`)
}

export default function NewReview() {
	const { child, defaults } = useLoaderData<typeof loader>()
	const actionData = useActionData<typeof action>()
	return (
		<div className="govuk-grid-row">
			<div className="govuk-grid-column-two-thirds">
				<span className="govuk-caption-l">{child.name}</span>
				<h1 className="govuk-heading-l">Schedule the annual review</h1>
				<ScheduleForm
					title={`Schedule the annual review for ${child.name}`}
					lastResult={actionData?.result}
					redraw={actionData?.redraw}
					defaults={defaults}
					submitLabel="Schedule the review"
				/>
			</div>
		</div>
	)
}
