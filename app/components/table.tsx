import type { ReactNode } from 'react'

/** A column heading: its text, or the text with how it is shown. */
export type TableColumn =
	| string
	| {
			label: ReactNode
			/** Right-aligned, for a column of figures (GOV.UK numeric header). */
			numeric?: boolean
			/** Further classes on the header cell. */
			className?: string
			/** Read out by screen readers but not shown, for a column whose cells need no visible heading (e.g. actions). */
			visuallyHidden?: boolean
	  }

/**
 * The head of a GOV.UK table: one row of column headings. A column given as `false`, `null` or `undefined` is
 * left out, so a conditional column reads `showSchool && 'School'`.
 */
export function TableHead({ columns }: { columns: Array<TableColumn | false | null | undefined> }) {
	return (
		<thead className="govuk-table__head">
			<tr className="govuk-table__row">
				{columns.map((column, i) => {
					if (column === false || column == null) return null
					const { label, numeric, className, visuallyHidden } = typeof column === 'string' ? { label: column } : column
					return (
						<th
							scope="col"
							className={`govuk-table__header${numeric ? ' govuk-table__header--numeric' : ''}${className ? ` ${className}` : ''}`}
							key={i}
						>
							{visuallyHidden ? <span className="govuk-visually-hidden">{label}</span> : label}
						</th>
					)
				})}
			</tr>
		</thead>
	)
}
