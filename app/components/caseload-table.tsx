import { useClientLinks } from '#app/components/client-links.tsx'
import { TableHead } from '#app/components/table.tsx'
import { formatDate } from '#app/domain/calendar-date.ts'
import { reviewStatusLabel, reviewStatusTag } from '#app/domain/review-status.ts'
import { pluralise } from '#app/lib/format.ts'
import type { CaseloadRow } from '#app/queries/caseload.server.ts'

// Red, amber, green: the words in the tag say the state (colour is never the only signal).
const RAG_TAG = { red: 'govuk-tag--red', amber: 'govuk-tag--yellow', green: 'govuk-tag--green' } as const

function daysLeft(days: number) {
	// A real minus sign, so screen readers say "minus".
	return days < 0 ? `\u2212${-days}` : String(days)
}

/**
 * The caseload: one row per open review or review due, with the next statutory deadline, days left, its
 * state in words, the review's status and the caseworker. With `assignHref`, the caseworker links to the
 * page that changes it.
 */
export function CaseloadTable({
	rows,
	total,
	capped,
	caption,
	assignHref,
}: {
	rows: CaseloadRow[]
	total: number
	/** More rows match than the list shows (`total`). */
	capped?: boolean
	caption: string
	assignHref?: (row: CaseloadRow) => string
}) {
	const onClick = useClientLinks()
	if (!rows.length) return <p className="govuk-body">No reviews or children match these filters.</p>
	return (
		// The rows' links are plain <a>: one handler here navigates in the app (see useClientLinks).
		// eslint-disable-next-line jsx-a11y/click-events-have-key-events, jsx-a11y/no-static-element-interactions -- delegation only: the links inside are what keyboard users press, and work without it
		<div className="app-table-wrap" onClick={onClick}>
			<table className="govuk-table govuk-!-font-size-16">
				<caption className="govuk-table__caption govuk-table__caption--m">
					{caption} ({capped ? `more than ${pluralise(total, 'row')}` : pluralise(total, 'row')})
				</caption>
				<TableHead
					columns={['Child or young person', 'School', 'Next deadline', { label: 'Days left', numeric: true }, 'State', 'Review', 'Caseworker']}
				/>
				<tbody className="govuk-table__body">
					{rows.map((row) => (
						<tr className="govuk-table__row" key={`${row.kind}-${row.key}`}>
							<th scope="row" className="govuk-table__header">
								<a className="govuk-link" href={row.href}>
									{row.childName}
								</a>
								<span className="govuk-hint govuk-!-font-size-16 govuk-!-margin-bottom-0 govuk-!-display-block">UPN {row.upn}</span>
							</th>
							<td className="govuk-table__cell">{row.school ?? 'No school'}</td>
							<td className="govuk-table__cell">
								{row.deadline ? (
									<>
										{row.deadline.label}
										<span className="govuk-!-display-block">{formatDate(row.deadline.dueOn)}</span>
									</>
								) : (
									'None open'
								)}
							</td>
							<td className="govuk-table__cell govuk-table__cell--numeric">
								{row.deadline ? (
									daysLeft(row.deadline.daysLeft)
								) : (
									<>
										<span aria-hidden="true">–</span>
										<span className="govuk-visually-hidden">None</span>
									</>
								)}
							</td>
							<td className="govuk-table__cell">
								{row.deadline ? (
									<strong className={`govuk-tag ${RAG_TAG[row.deadline.colour]}`}>{row.deadline.words}</strong>
								) : (
									<strong className="govuk-tag govuk-tag--grey">Nothing due</strong>
								)}
							</td>
							<td className="govuk-table__cell">
								<strong className={reviewStatusTag(row.status)}>{reviewStatusLabel(row.status)}</strong>
							</td>
							<td className="govuk-table__cell">
								<Caseworker row={row} href={assignHref?.(row)} />
							</td>
						</tr>
					))}
				</tbody>
			</table>
		</div>
	)
}

function Caseworker({ row, href }: { row: CaseloadRow; href?: string }) {
	if (!href) return <>{row.caseworker ?? 'Unassigned'}</>
	if (!row.caseworker) {
		return (
			<>
				Unassigned
				<a className="govuk-link govuk-!-display-block" href={href}>
					Assign<span className="govuk-visually-hidden"> a caseworker to {row.childName}</span>
				</a>
			</>
		)
	}
	// The link's text is the caseworker's name, and its accessible name starts with it (WCAG 2.5.3).
	return (
		<a className="govuk-link" href={href} aria-label={`${row.caseworker}: change the caseworker for ${row.childName}`}>
			{row.caseworker}
		</a>
	)
}
