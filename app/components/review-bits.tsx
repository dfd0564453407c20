import { TableHead } from '#app/components/table.tsx'
import { formatDate } from '#app/domain/calendar-date.ts'
import type { Deadline } from '#app/domain/statutory-clock.ts'
import { ragStatus } from '#app/domain/statutory-clock.ts'

const RAG_TAG = { red: 'govuk-tag--red', amber: 'govuk-tag--yellow', green: 'govuk-tag--green' } as const

/** The statutory deadlines of a review: date, state in words (colour is never the only signal), rule and citation. */
export function DeadlineTable({
	deadlines,
	caption,
}: {
	deadlines: Array<Deadline & { rag?: { colour: 'red' | 'amber' | 'green'; words: string } }>
	caption: string
}) {
	if (!deadlines.length) return null
	return (
		<table className="govuk-table">
			<caption className="govuk-table__caption govuk-table__caption--m">{caption}</caption>
			<TableHead columns={['Deadline', 'Date', 'State']} />
			<tbody className="govuk-table__body">
				{deadlines.map((d) => {
					const rag = d.rag ?? ragStatus(d)
					return (
						<tr className="govuk-table__row" key={d.id}>
							<th scope="row" className="govuk-table__header">
								{d.label}
								<span className="govuk-hint govuk-!-font-size-16 govuk-!-margin-bottom-0 govuk-!-display-block">
									{d.rule} ({d.citation})
								</span>
							</th>
							<td className="govuk-table__cell">{formatDate(d.dueOn)}</td>
							<td className="govuk-table__cell">
								<strong className={`govuk-tag ${RAG_TAG[rag.colour]}`}>{rag.words}</strong>
							</td>
						</tr>
					)
				})}
			</tbody>
		</table>
	)
}

export function WarningText({ children }: { children: React.ReactNode }) {
	return (
		<div className="govuk-warning-text">
			<span className="govuk-warning-text__icon" aria-hidden="true">
				!
			</span>
			<strong className="govuk-warning-text__text">
				<span className="govuk-visually-hidden">Warning</span>
				{children}
			</strong>
		</div>
	)
}

export function SummaryList({ rows }: { rows: Array<{ key: string; value: React.ReactNode; href?: string; hrefLabel?: string }> }) {
	return (
		<dl className="govuk-summary-list">
			{rows.map((row) => (
				<div className={`govuk-summary-list__row${row.href ? '' : ' govuk-summary-list__row--no-actions'}`} key={row.key}>
					<dt className="govuk-summary-list__key">{row.key}</dt>
					<dd className="govuk-summary-list__value">{row.value}</dd>
					{row.href ? (
						<dd className="govuk-summary-list__actions">
							<a className="govuk-link" href={row.href}>
								Change<span className="govuk-visually-hidden"> {row.hrefLabel ?? row.key.toLowerCase()}</span>
							</a>
						</dd>
					) : null}
				</div>
			))}
		</dl>
	)
}

/**
 * A summary list of keys and their values only. Unlike SummaryList its rows carry no `--no-actions` class: no
 * row of these lists ever has a change link.
 */
export function KeyValueList({ rows }: { rows: ReadonlyArray<readonly [key: string, value: React.ReactNode]> }) {
	return (
		<dl className="govuk-summary-list">
			{rows.map(([key, value]) => (
				<div className="govuk-summary-list__row" key={key}>
					<dt className="govuk-summary-list__key">{key}</dt>
					<dd className="govuk-summary-list__value">{value}</dd>
				</div>
			))}
		</dl>
	)
}

/** Text as the user typed it: paragraphs and line breaks kept, nothing interpreted as markup. */
export function UserText({ text, empty = 'Not given' }: { text: string | null | undefined; empty?: string }) {
	if (!text?.trim()) return <span className="govuk-hint">{empty}</span>
	return (
		<>
			{text
				.trim()
				.split(/\n{2,}/)
				.map((para, i) => (
					<p className="govuk-body app-pre-line" key={i}>
						{para}
					</p>
				))}
		</>
	)
}

/** The school's downloads of a submitted review: the record, and the record with all evidence. */
export function RecordDownloads({ reviewId, children }: { reviewId: string; children?: React.ReactNode }) {
	return (
		<ul className="govuk-list">
			<li>
				<a className="govuk-link" href={`/reviews/${reviewId}/record.pdf`} download>
					Download the review record (PDF)
				</a>
			</li>
			<li>
				<a className="govuk-link" href={`/reviews/${reviewId}/bundle`}>
					Download the review record with all evidence (PDF bundle)
				</a>
			</li>
			{children}
		</ul>
	)
}
