// Pieces shared by the timeliness dashboard and the lists behind its figures.
import { SelectOptions } from '#app/components/forms.tsx'
import { daysBetween, formatDate } from '#app/domain/calendar-date.ts'
import { reviewStatusLabel, reviewStatusTag } from '#app/domain/review-status.ts'
import { AGE_GROUP_IDS, AGE_GROUPS, type CurrentFigureId } from '#app/domain/timeliness.ts'
import { pluralise } from '#app/lib/format.ts'

type Option = { value: string; label: string }

/** A GOV.UK form group of this plain GET form: the label, the hint and the error, then the control. */
function FilterGroup({ id, label, hint, error, children }: { id: string; label: string; hint?: string; error?: string; children: React.ReactNode }) {
	return (
		<div className={`govuk-form-group${error ? ' govuk-form-group--error' : ''}`}>
			<label className="govuk-label" htmlFor={id}>
				{label}
			</label>
			{hint ? (
				<div id={`${id}-hint`} className="govuk-hint">
					{hint}
				</div>
			) : null}
			{error ? (
				<p id={`${id}-error`} className="govuk-error-message">
					<span className="govuk-visually-hidden">Error:</span> {error}
				</p>
			) : null}
			{children}
		</div>
	)
}

function FilterSelect({
	id,
	name = id,
	label,
	options,
	value,
	error,
	placeholder,
}: {
	id: string
	name?: string
	label: string
	options: Option[]
	value?: string
	error?: string
	placeholder?: string
}) {
	return (
		<FilterGroup id={id} label={label} error={error}>
			<select
				className={`govuk-select${error ? ' govuk-select--error' : ''}`}
				id={id}
				name={name}
				defaultValue={value ?? ''}
				aria-describedby={error ? `${id}-error` : undefined}
				aria-invalid={error ? true : undefined}
			>
				<SelectOptions options={options} placeholder={placeholder} />
			</select>
		</FilterGroup>
	)
}

/** A text filter: the GOV.UK text input with its hint. */
function FilterText({ id, label, hint, value, error }: { id: string; label: string; hint: string; value?: string; error?: string }) {
	return (
		<FilterGroup id={id} label={label} hint={hint} error={error}>
			<input
				className={`govuk-input govuk-input--width-20${error ? ' govuk-input--error' : ''}`}
				id={id}
				name={id}
				type="text"
				defaultValue={value ?? ''}
				spellCheck={false}
				autoComplete="off"
				aria-describedby={[`${id}-hint`, ...(error ? [`${id}-error`] : [])].join(' ')}
				aria-invalid={error ? true : undefined}
			/>
		</FilterGroup>
	)
}

const MONTH_NAMES = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December']

/**
 * One end of the period as a month and a year (12 months and a few years), not one list of every month of six years:
 * the GOV.UK date input's grouping, with selects, so nothing typed can be out of range. The month's select has the
 * end's id ('from', 'to'), where the error summary links. The form sends fromMonth and fromYear (toMonth, toYear);
 * periodFromFields makes them the 'YYYY-MM' the query string has always held.
 */
function MonthAndYear({ end, legend, years, value, error }: { end: 'from' | 'to'; legend: string; years: string[]; value: string; error?: string }) {
	const [year, month] = value.split('-')
	return (
		<div className={`govuk-form-group${error ? ' govuk-form-group--error' : ''}`}>
			<fieldset className="govuk-fieldset" role="group" aria-describedby={error ? `${end}-error` : undefined}>
				<legend className="govuk-fieldset__legend">{legend}</legend>
				{error ? (
					<p id={`${end}-error`} className="govuk-error-message">
						<span className="govuk-visually-hidden">Error:</span> {error}
					</p>
				) : null}
				<div className="app-search">
					<FilterSelect
						id={end}
						name={`${end}Month`}
						label="Month"
						options={MONTH_NAMES.map((label, i) => ({ value: String(i + 1).padStart(2, '0'), label }))}
						value={month}
					/>
					<FilterSelect id={`${end}-year`} name={`${end}Year`} label="Year" options={years.map((y) => ({ value: y, label: y }))} value={year} />
				</div>
			</fieldset>
		</div>
	)
}

/**
 * The period's ends as the query string holds them ('from' and 'to', 'YYYY-MM'), from the form's month and year fields
 * when it sent them; a link's 'from' and 'to' are kept as they are. Anything else becomes a 'from' or 'to' the query
 * refuses with its own message.
 */
export function periodFromFields(url: URL): URL {
	const read = new URL(url)
	for (const end of ['from', 'to'] as const) {
		const month = read.searchParams.get(`${end}Month`)
		const year = read.searchParams.get(`${end}Year`)
		if (month === null && year === null) continue
		read.searchParams.delete(`${end}Month`)
		read.searchParams.delete(`${end}Year`)
		read.searchParams.set(end, `${(year ?? '').trim()}-${(month ?? '').trim().padStart(2, '0')}`)
	}
	return read
}

/**
 * The period and filters: a GET form, so the figures have an address to share and bookmark, and it works
 * without JavaScript. Months rather than days: the figures and their series are monthly. The school is typed
 * (part of its name, or its URN) rather than chosen from a select of every school; the server finds the schools.
 */
export function TimelinessFilterForm({
	action,
	query,
	errors,
	options,
	hidden = {},
}: {
	action: string
	query: { from: string; to: string; school?: string; caseworker?: string; phase?: string; age?: string }
	errors: Record<string, string>
	options: { months: Option[]; caseworkers: Option[]; phases: Option[] }
	hidden?: Record<string, string>
}) {
	// The years the offered months span, most recent first: a short list beside the 12 months.
	const years = [...new Set(options.months.map((m) => m.value.slice(0, 4)))].sort().reverse()
	return (
		<form method="get" action={action} noValidate className="app-filters govuk-!-margin-bottom-6" aria-label="Period and filters">
			{Object.entries(hidden).map(([name, value]) => (
				<input key={name} type="hidden" name={name} value={value} />
			))}
			<fieldset className="govuk-fieldset">
				<legend className="govuk-fieldset__legend govuk-fieldset__legend--s">Period</legend>
				<div className="app-search">
					<MonthAndYear end="from" legend="From the start of" years={years} value={query.from} error={errors.from} />
					<MonthAndYear end="to" legend="To the end of" years={years} value={query.to} error={errors.to} />
				</div>
			</fieldset>
			<fieldset className="govuk-fieldset govuk-!-margin-top-4">
				<legend className="govuk-fieldset__legend govuk-fieldset__legend--s">Filters</legend>
				<div className="app-search">
					<FilterText id="school" label="School" hint="Part of the school’s name, or its URN" value={query.school} error={errors.school} />
					{(
						[
							['caseworker', 'Caseworker', options.caseworkers, 'All caseworkers'],
							['phase', 'Phase of school', options.phases, 'All phases'],
							['age', 'Age on the review’s due date', AGE_GROUP_IDS.map((id) => ({ value: id, label: AGE_GROUPS[id].label })), 'All ages'],
						] as const
					).map(([id, label, choices, placeholder]) => (
						<FilterSelect key={id} id={id} label={label} options={choices} value={query[id]} error={errors[id]} placeholder={placeholder} />
					))}
				</div>
			</fieldset>
			<button type="submit" className="govuk-button govuk-!-margin-top-4 govuk-!-margin-bottom-0" data-module="govuk-button">
				Show figures
			</button>
		</form>
	)
}

/** Days left, or how late: the last column of today's lists. */
/** A listed review's first cells: the child (a link to their page, with the UPN), the school and the review's status. */
export function ReviewCells({ review }: { review: { childId: string; childName: string; upn: string; school: string | null; status: string | null } }) {
	return (
		<>
			<th scope="row" className="govuk-table__header">
				<a className="govuk-link" href={`/children/${review.childId}`}>
					{review.childName}
				</a>
				<span className="govuk-hint govuk-!-font-size-16 govuk-!-margin-bottom-0 govuk-!-display-block">UPN {review.upn}</span>
			</th>
			<td className="govuk-table__cell">{review.school || 'No school'}</td>
			<td className="govuk-table__cell">
				<strong className={reviewStatusTag(review.status)}>{reviewStatusLabel(review.status)}</strong>
			</td>
		</>
	)
}

export function timingWords(id: CurrentFigureId, l: { on: string; dueOn: string; deadlineOn: string | null }, today: string): string {
	if (id === 'breaches_2_weeks' && l.deadlineOn) {
		const left = daysBetween(today, l.deadlineOn)
		return left === 0 ? 'Due today' : pluralise(left, 'day')
	}
	if (id === 'awaiting_decision' && l.deadlineOn) {
		const late = daysBetween(l.deadlineOn, today)
		return late > 0 ? `${formatDate(l.deadlineOn)}, overdue by ${pluralise(late, 'day')}` : formatDate(l.deadlineOn)
	}
	const late = daysBetween(l.dueOn, today)
	return late > 0 ? pluralise(late, 'day') : 'Not overdue'
}
