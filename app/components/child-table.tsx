import { useClientLinks } from '#app/components/client-links.tsx'
import { TableHead } from '#app/components/table.tsx'
import { formatDate } from '#app/domain/calendar-date.ts'
import { reviewStatusLabel, reviewStatusTag, yearGroupLabel } from '#app/domain/review-status.ts'
import { pluralise } from '#app/lib/format.ts'

export type ChildRow = {
	id: string
	firstName: string
	lastName: string
	upn: string
	yearGroup: number | null
	school: { name: string } | null
	caseworker: { name: string } | null
	plan: { firstIssuedOn: string; reviewDueOn: string } | null
	latestReview: { status: string; meetingOn: string | null } | null
}

export function ChildSearch({ q, hidden = {} }: { q: string; hidden?: Record<string, string> }) {
	return (
		<form method="get" className="app-search govuk-!-margin-bottom-6" role="search" aria-label="Children">
			{Object.entries(hidden).map(([name, value]) => (
				<input key={name} type="hidden" name={name} value={value} />
			))}
			<div className="govuk-form-group">
				<label className="govuk-label" htmlFor="q">
					Search by name or UPN
				</label>
				<input className="govuk-input govuk-input--width-20" id="q" name="q" type="search" defaultValue={q} spellCheck={false} />
			</div>
			<button type="submit" className="govuk-button govuk-button--secondary">
				Search
			</button>
		</form>
	)
}

export function ChildTable({
	rows,
	total,
	caption,
	showSchool,
	showCaseworker,
}: {
	rows: ChildRow[]
	total: number
	caption: string
	showSchool?: boolean
	showCaseworker?: boolean
}) {
	const onClick = useClientLinks()
	if (!rows.length) return <p className="govuk-body">No children match.</p>
	return (
		// The rows' links are plain <a>: one handler here navigates in the app (see useClientLinks).
		// eslint-disable-next-line jsx-a11y/click-events-have-key-events, jsx-a11y/no-static-element-interactions -- delegation only: the links inside are what keyboard users press, and work without it
		<div className="app-table-wrap" onClick={onClick}>
			<table className="govuk-table">
				<caption className="govuk-table__caption govuk-table__caption--m">
					{caption} ({pluralise(total, 'child', 'children')})
				</caption>
				<TableHead
					columns={[
						'Child or young person',
						'UPN',
						'Year',
						showSchool && 'School',
						'Plan issued',
						'Next review due',
						'Review status',
						showCaseworker && 'Caseworker',
					]}
				/>
				<tbody className="govuk-table__body">
					{rows.map((child) => (
						<tr className="govuk-table__row" key={child.id}>
							<th scope="row" className="govuk-table__header">
								<a className="govuk-link" href={`/children/${child.id}`}>
									{child.firstName} {child.lastName}
								</a>
							</th>
							<td className="govuk-table__cell">{child.upn}</td>
							<td className="govuk-table__cell">{yearGroupLabel(child.yearGroup)}</td>
							{showSchool ? <td className="govuk-table__cell">{child.school?.name ?? 'No school'}</td> : null}
							<td className="govuk-table__cell">{formatDate(child.plan?.firstIssuedOn)}</td>
							<td className="govuk-table__cell">{formatDate(child.plan?.reviewDueOn)}</td>
							<td className="govuk-table__cell">
								<strong className={reviewStatusTag(child.latestReview?.status)}>{reviewStatusLabel(child.latestReview?.status)}</strong>
							</td>
							{showCaseworker ? <td className="govuk-table__cell">{child.caseworker?.name ?? 'Unassigned'}</td> : null}
						</tr>
					))}
				</tbody>
			</table>
		</div>
	)
}
