import { getFormProps } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod/v4'
import { data, Form, redirect, useActionData, useLoaderData } from 'react-router'
import { z } from 'zod'
import { requirePermission } from '#app/auth/auth.server.ts'
import { requireChildAccess } from '#app/auth/tenancy.server.ts'
import { Button, ErrorSummary, Select, summaryErrors, useGovukForm } from '#app/components/forms.tsx'
import { PageTitle } from '#app/components/page.tsx'
import { readForm } from '#app/http/request-limits.server.ts'
import { safeRedirect } from '#app/http/request.server.ts'
import { activeCaseworker, activeCaseworkers, childCaseworker } from '#app/queries/workload.server.ts'
import { assignCaseworker } from '#app/services/caseworker-assignment.server.ts'
import type { Route } from './+types/child-assign'

export const AssignSchema = z.object({
	caseworkerId: z.string({ error: 'Select a caseworker' }).min(1, 'Select a caseworker'),
	back: z.string().optional(),
})

function backTo(value: FormDataEntryValue | string | null | undefined) {
	// Only back to the caseload (with its filters), never anywhere else.
	const path = safeRedirect(value, '/caseload')
	return path.startsWith('/caseload') ? path : '/caseload'
}

export async function loader({ request, params }: Route.LoaderArgs) {
	const user = await requirePermission(request, 'caseload:assign')
	await requireChildAccess(request, user, params.childId, null)
	const [child, caseworkers] = await Promise.all([childCaseworker(params.childId), activeCaseworkers(user.laId ?? '')])
	return {
		child: { id: child.id, name: `${child.firstName} ${child.lastName}`, caseworkerId: child.caseworkerId, caseworker: child.caseworker?.name ?? null },
		caseworkers,
		back: backTo(new URL(request.url).searchParams.get('back')),
	}
}

export async function action({ request, params }: Route.ActionArgs) {
	const user = await requirePermission(request, 'caseload:assign')
	await requireChildAccess(request, user, params.childId, null)
	const submission = parseWithZod(await readForm(request), { schema: AssignSchema })
	if (submission.status !== 'success') return data({ result: submission.reply() }, { status: 400 })
	// Only an active caseworker of the child's own council (the user's: requireChildAccess checked the child is theirs).
	const caseworker = await activeCaseworker(user.laId ?? '', submission.value.caseworkerId)
	if (!caseworker) {
		return data({ result: submission.reply({ fieldErrors: { caseworkerId: ['Select a caseworker from the list'] } }) }, { status: 400 })
	}
	await assignCaseworker(request, user, params.childId, caseworker)
	const back = new URL(backTo(submission.value.back), 'http://localhost')
	back.searchParams.set('assigned', params.childId)
	throw redirect(back.pathname + back.search)
}

export default function AssignCaseworker() {
	const { child, caseworkers, back } = useLoaderData<typeof loader>()
	const actionData = useActionData<typeof action>()
	const [form, fields] = useGovukForm({
		id: 'assign',
		schema: AssignSchema,
		lastResult: actionData?.result,
		defaultValue: { caseworkerId: child.caseworkerId ?? '', back },
	})
	const title = child.caseworker ? `Change the caseworker for ${child.name}` : `Assign a caseworker to ${child.name}`
	return (
		<div className="govuk-grid-row">
			<div className="govuk-grid-column-two-thirds">
				<PageTitle title={title} error={!!actionData?.result.error} />
				<a href={back} className="govuk-back-link">
					Back to the caseload
				</a>
				<ErrorSummary errors={summaryErrors(form.id, form.allErrors)} />
				<span className="govuk-caption-l">{child.name}</span>
				<h1 className="govuk-heading-l">{child.caseworker ? 'Change the caseworker' : 'Assign a caseworker'}</h1>
				<p className="govuk-body">{child.caseworker ? `The caseworker now is ${child.caseworker}.` : 'No caseworker is assigned yet.'}</p>
				<Form method="post" {...getFormProps(form)}>
					<input type="hidden" name="back" value={back} />
					<Select
						field={fields.caseworkerId}
						label="Caseworker"
						placeholder="Choose a caseworker"
						options={caseworkers.map((c) => ({ value: c.id, label: c.name }))}
					/>
					<Button>{child.caseworker ? 'Change the caseworker' : 'Assign the caseworker'}</Button>
				</Form>
			</div>
		</div>
	)
}
