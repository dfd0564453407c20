import { getFormProps } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod/v4'
import { data, Form, redirect, useActionData, useLoaderData } from 'react-router'
import { requirePermission } from '#app/auth/auth.server.ts'
import { councilIdOf } from '#app/auth/tenancy.server.ts'
import { SavedBanner } from '#app/components/admin.tsx'
import { Button, Checkboxes, ErrorSummary, Select, summaryErrors, useGovukForm, type SummaryError } from '#app/components/forms.tsx'
import { PageTitle } from '#app/components/page.tsx'
import { TableHead } from '#app/components/table.tsx'
import { todayInLondon, formatDate } from '#app/domain/calendar-date.ts'
import { hasPermission } from '#app/domain/permissions.ts'
import { ReassignSchema } from '#app/domain/workload.ts'
import { readForm } from '#app/http/request-limits.server.ts'
import { pluralise } from '#app/lib/format.ts'
import { activeCaseworker, childrenHeldBy, councilStaffMember, NO_CASEWORKER, workloadTable } from '#app/queries/workload.server.ts'
import { moveChildren } from '#app/services/caseworker-assignment.server.ts'
import type { Route } from './+types/workload'

export async function loader({ request }: Route.LoaderArgs) {
	const user = await requirePermission(request, 'caseload:assign')
	const laId = councilIdOf(user)
	const canMove = hasPermission(user.roles, 'workload:manage')
	const today = todayInLondon(new Date())
	const url = new URL(request.url)
	const { caseworkers, rows } = await workloadTable(laId, today)

	const selectedParam = url.searchParams.get('caseworker')
	const selected = canMove && selectedParam ? (rows.find((r) => r.id === selectedParam) ?? null) : null
	const children = selected ? await childrenHeldBy(laId, selected.id === NO_CASEWORKER ? null : selected.id) : []
	const movedTo = url.searchParams.get('to')
	const moved = Number.parseInt(url.searchParams.get('moved') ?? '', 10)
	const movedName = movedTo ? caseworkers.find((c) => c.id === movedTo)?.name : undefined
	return {
		laName: user.laName,
		canMove,
		rows,
		selected: selected && { id: selected.id, name: selected.name },
		children,
		targets: caseworkers.filter((c) => c.active && c.id !== selected?.id).map((c) => ({ value: c.id, label: c.name })),
		banner: movedName && moved > 0 ? `${pluralise(moved, 'child', 'children')} moved to ${movedName}` : null,
	}
}

export async function action({ request }: Route.ActionArgs) {
	const user = await requirePermission(request, 'caseload:assign')
	await requirePermission(request, 'workload:manage')
	const laId = councilIdOf(user)
	const submission = parseWithZod(await readForm(request), { schema: ReassignSchema })
	if (submission.status !== 'success') return data({ result: submission.reply() }, { status: 400 })
	const { from, childIds, to } = submission.value
	const fromId = from === NO_CASEWORKER ? null : from
	const [target, source] = await Promise.all([activeCaseworker(laId, to), fromId ? councilStaffMember(laId, fromId) : null])
	if (!target || to === fromId) return data({ result: submission.reply({ fieldErrors: { to: ['Select the caseworker to move them to'] } }) }, { status: 400 })
	if (fromId && !source) return data({ result: submission.reply({ formErrors: ['Choose whose children to move'] }) }, { status: 400 })

	// All or none: if any child has been moved by someone else meanwhile, nothing is moved and the list is shown again.
	const moved = await moveChildren(request, user, laId, { childIds: [...new Set(childIds)], from: source, to: target })
	if (moved === null) {
		return data(
			{
				result: submission.reply({
					formErrors: ['Some of the children you selected are no longer with this caseworker. Check the list and try again.'],
				}),
			},
			{ status: 400 },
		)
	}
	throw redirect(`/workload?${new URLSearchParams({ caseworker: from, moved: String(moved), to: target.id })}#children`)
}

/** Each caseworker's counts, in the table's order, with their column headings. */
const COUNTS = [
	['children', 'Children'],
	['open', 'Open reviews'],
	['dueThisWeek', 'Due within 7 days'],
	['overdue', 'Overdue'],
] as const
type CountKey = (typeof COUNTS)[number][0]

/** A row's counts, in the table's order; the totals' in bold. */
function CountCells({ counts, bold }: { counts: Record<CountKey, number>; bold?: boolean }) {
	const className = `govuk-table__cell govuk-table__cell--numeric${bold ? ' govuk-!-font-weight-bold' : ''}`
	return COUNTS.map(([key]) => (
		<td key={key} className={className}>
			{counts[key]}
		</td>
	))
}

export default function Workload() {
	const { laName, canMove, rows, selected, children, targets, banner } = useLoaderData<typeof loader>()
	const actionData = useActionData<typeof action>()
	const [form, fields] = useGovukForm({ id: 'reassign', schema: ReassignSchema, lastResult: actionData?.result, defaultValue: { from: selected?.id ?? '' } })
	const errors = summaryErrors(form.id, form.allErrors, ['childIds', 'to'])
	const totals = Object.fromEntries(COUNTS.map(([key]) => [key, rows.reduce((sum, r) => sum + r[key], 0)])) as Record<CountKey, number>
	return (
		<>
			<PageTitle title={selected ? `Workload: move ${selected.name}’s children` : 'Workload'} error={errors.length > 0} />
			{banner ? <SavedBanner>{banner}</SavedBanner> : null}
			<span className="govuk-caption-l">{laName}</span>
			<h1 className="govuk-heading-l">Workload</h1>
			<div className="app-table-wrap">
				<table className="govuk-table">
					<caption className="govuk-table__caption govuk-table__caption--m">Caseload of each caseworker</caption>
					<TableHead columns={['Caseworker', ...COUNTS.map(([, label]) => ({ label, numeric: true }))]} />
					<tbody className="govuk-table__body">
						{rows.map((r) => (
							<tr className="govuk-table__row" key={r.id}>
								<th scope="row" className="govuk-table__header">
									{canMove ? (
										<a className="govuk-link" href={`/workload?caseworker=${r.id}#children`}>
											{r.name}
										</a>
									) : (
										r.name
									)}
								</th>
								<CountCells counts={r} />
							</tr>
						))}
					</tbody>
					<tfoot>
						<tr className="govuk-table__row">
							<th scope="row" className="govuk-table__header">
								Total
							</th>
							<CountCells counts={totals} bold />
						</tr>
					</tfoot>
				</table>
			</div>
			<details className="govuk-details">
				<summary className="govuk-details__summary">
					<span className="govuk-details__summary-text">What these numbers count</span>
				</summary>
				<div className="govuk-details__text">
					<p className="govuk-body">Children: children whose caseworker this is. Open reviews: their annual reviews not yet closed.</p>
					<p className="govuk-body">
						Due within 7 days: open reviews whose next statutory deadline (the one the caseload is sorted by) falls today or in the next 7 days, as
						the caseload’s “Due within 7 days” filter counts them (and the statutory clock shows in amber).
					</p>
					<p className="govuk-body">
						Overdue: open reviews whose next statutory deadline has passed, and children whose annual review date has passed with no review started.
					</p>
				</div>
			</details>
			{canMove ? (
				<MoveChildren form={form} fields={fields} errors={errors} selected={selected} rows={rows} children={children} targets={targets} />
			) : null}
		</>
	)
}

type ReassignForm = ReturnType<typeof useGovukForm<typeof ReassignSchema>>

function MoveChildren({
	form,
	fields,
	errors,
	selected,
	rows,
	children,
	targets,
}: {
	form: ReassignForm[0]
	fields: ReassignForm[1]
	errors: SummaryError[]
	selected: { id: string; name: string } | null
	rows: Array<{ id: string; name: string; children: number }>
	children: Array<{ id: string; name: string; upn: string; school: string; reviewDueOn: string | null }>
	targets: Array<{ value: string; label: string }>
}) {
	return (
		<section aria-labelledby="children">
			<h2 className="govuk-heading-l" id="children" tabIndex={-1}>
				Move children to another caseworker
			</h2>
			<form method="get" action="/workload#children" className="app-search govuk-!-margin-bottom-6" aria-label="Choose a caseworker">
				<div className="govuk-form-group">
					<label className="govuk-label" htmlFor="caseworker">
						Whose children
					</label>
					<select className="govuk-select" id="caseworker" name="caseworker" defaultValue={selected?.id ?? ''}>
						<option value="">Choose a caseworker</option>
						{rows.map((r) => (
							<option key={r.id} value={r.id}>
								{r.name} ({pluralise(r.children, 'child', 'children')})
							</option>
						))}
					</select>
				</div>
				<button type="submit" className="govuk-button govuk-button--secondary" data-module="govuk-button">
					Show their children
				</button>
			</form>
			{selected ? (
				children.length ? (
					<Form method="post" {...getFormProps(form)} noValidate>
						<ErrorSummary errors={errors} />
						<input type="hidden" name={fields.from.name} value={selected.id} />
						<Checkboxes
							field={fields.childIds}
							legend={`${selected.name}: select the children to move`}
							legendClass="govuk-fieldset__legend--m"
							hint={`${pluralise(children.length, 'child', 'children')}, by surname.`}
							options={children.map((c) => ({
								value: c.id,
								label: `${c.name}, UPN ${c.upn}, ${c.school}${c.reviewDueOn ? `, review due ${formatDate(c.reviewDueOn)}` : ''}`,
							}))}
						/>
						<Select field={fields.to} label="Move them to" labelClass="govuk-label--m" options={targets} placeholder="Choose a caseworker" />
						<Button>Move the selected children</Button>
					</Form>
				) : (
					<p className="govuk-body">{selected.name} has no children on their caseload.</p>
				)
			) : null}
		</section>
	)
}
