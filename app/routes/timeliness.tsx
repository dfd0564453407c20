import type { ComponentProps, ReactNode } from 'react'
import { useLoaderData } from 'react-router'
import { requirePermission } from '#app/auth/auth.server.ts'
import { BarChart, type ChartGroup } from '#app/components/charts.tsx'
import { ErrorSummary } from '#app/components/forms.tsx'
import { PageTitle } from '#app/components/page.tsx'
import { SchoolsMatched, summariseSchools } from '#app/components/schools-matched.tsx'
import { TableHead } from '#app/components/table.tsx'
import { periodFromFields, ReviewCells, TimelinessFilterForm, timingWords } from '#app/components/timeliness-bits.tsx'
import { formatDate } from '#app/domain/calendar-date.ts'
import {
	computeTimeliness,
	describeValue,
	FIGURE_TEXT,
	monthLabel,
	shortMonthLabel,
	type CurrentFigureId,
	type FigureValue,
	type ListedReview,
	type MonthFigures,
	type PeriodFigureId,
} from '#app/domain/timeliness.ts'
import { pluralise } from '#app/lib/format.ts'
import { filtersOf, periodOf, readTimelinessQuery, timelinessSearch, type TimelinessQuery } from '#app/queries/timeliness-query.ts'
import { filterOptions, loadTimelinessRows, namedListing, namesFor, resolveTimelinessQuery, schoolFieldText } from '#app/queries/timeliness.server.ts'
import type { Route } from './+types/timeliness'

export async function loader({ request }: Route.LoaderArgs) {
	const user = await requirePermission(request, 'timeliness:read')
	// The form sends each end of the period as a month and a year.
	const url = periodFromFields(new URL(request.url))
	const { query: read, errors, today } = readTimelinessQuery(url)
	const [options, query] = await Promise.all([filterOptions(user, today, monthLabel), resolveTimelinessQuery(user, read)])
	// The school field keeps what was typed, even when it was refused; a school linked by its id shows its name.
	const schoolText = errors.school ? (url.searchParams.get('school') ?? '') : schoolFieldText(query)
	if (Object.keys(errors).length) return { laName: user.laName, query: read, schoolText, schools: null, errors, today, options, report: null }
	const rows = await loadTimelinessRows(user, query, today)
	const report = computeTimeliness(rows, { ...periodOf(query), today, filters: filtersOf(query) })
	const names = await namesFor(
		user,
		Object.values(report.current).flatMap((list) => list.top.map((l) => l.row)),
	)
	const listed = (list: ListedReview) => ({ reviewId: list.row.reviewId, ...namedListing(names, list) })
	const current = Object.fromEntries(Object.entries(report.current).map(([id, list]) => [id, { total: list.total, top: list.top.map(listed) }])) as Record<
		CurrentFigureId,
		{ total: number; top: Array<ReturnType<typeof listed>> }
	>
	return {
		laName: user.laName,
		// Links keep the school filter as it came (a linked school's id stays that school).
		query: read,
		schoolText,
		// Which schools the school filter matched, named on the page.
		schools: query.schools && summariseSchools(query.schools),
		errors,
		today,
		options,
		report: { figures: report.figures, months: report.months, current },
	}
}

type LoaderData = ReturnType<typeof useLoaderData<typeof loader>>

const listHref = (query: TimelinessQuery, figure: string, extra: Record<string, string | undefined> = {}) =>
	`/timeliness/reviews${timelinessSearch(query, { figure, ...extra })}`
/** The same figure for one month: the period narrowed to that month. */
const monthQuery = (query: TimelinessQuery, month: string): TimelinessQuery => ({ ...query, from: month, to: month })

export default function Timeliness() {
	const { laName, query, schoolText, schools, errors, today, options, report } = useLoaderData<typeof loader>()
	const periodWords = query.from === query.to ? monthLabel(query.from) : `${monthLabel(query.from)} to ${monthLabel(query.to)}`
	const errorList = Object.entries(errors).map(([name, message]) => ({ href: `#${name}`, message }))
	return (
		<>
			<PageTitle title="Timeliness of annual reviews" error={errorList.length > 0} />
			<span className="govuk-caption-l">{laName}</span>
			<h1 className="govuk-heading-l">Timeliness of annual reviews</h1>
			<ErrorSummary errors={errorList} />
			<p className="govuk-body">
				How quickly reviews are held, reports come in, decisions are made and amended plans are issued, against the statutory time limits. Every figure
				links to the reviews behind it. Figures are worked out as of {formatDate(today)}.
			</p>
			<TimelinessFilterForm action="/timeliness" query={{ ...query, school: schoolText }} errors={errors} options={options} />
			{schools ? <SchoolsMatched text={query.school ?? ''} schools={schools} subject="Figures for reviews" /> : null}
			{report ? (
				<>
					<h2 className="govuk-heading-l">{periodWords}</h2>
					<p className="govuk-body">
						<a className="govuk-link" href={`/timeliness/export.csv${timelinessSearch(query)}`} download>
							Download these figures, month by month (CSV)
						</a>
						<br />
						<a className="govuk-link" href={`/timeliness/export.csv${timelinessSearch(query, { lines: 'reviews' })}`} download>
							Download each review due in the period, with whether it was held and decided on time (CSV)
						</a>
						<br />
						<a className="govuk-link" href={`/timeliness/sen2.csv${timelinessSearch(query)}`} download>
							Download the annual review items of the SEN2 return, for each child with a plan on the latest January census date (CSV)
						</a>
					</p>
					<Headline query={query} figures={report.figures} />
					{FIGURE_GROUPS.map((group) => (
						<FigureGroup key={group.heading} query={query} figures={report.figures} {...group} />
					))}
					<h2 className="govuk-heading-l">Month by month</h2>
					{SHARE_TRENDS.map((trend) => (
						<ShareTrend key={trend.id} query={query} months={report.months} {...trend} />
					))}
					<HeldTrend query={query} months={report.months} />
					<h2 className="govuk-heading-l">Cases today</h2>
					<p className="govuk-body">These lists are as of {formatDate(today)}, whatever the period; the filters above apply to them.</p>
					<p className="govuk-body">
						<a className="govuk-link" href="/caseload/export.csv?view=all" download>
							Download the caseload (CSV)
						</a>
					</p>
					<CaseList query={query} id="breaches_2_weeks" list={report.current.breaches_2_weeks} today={today} />
					<CaseList query={query} id="open_by_due" list={report.current.open_by_due} today={today} />
					<CaseList query={query} id="awaiting_decision" list={report.current.awaiting_decision} today={today} />
				</>
			) : null}
		</>
	)
}

function Headline({ query, figures }: { query: TimelinessQuery; figures: Record<PeriodFigureId, FigureValue> }) {
	const headline: PeriodFigureId[] = ['decisions_4_weeks', 'held_on_time', 'reports_2_weeks', 'final_plans_8_weeks']
	return (
		<ul className="govuk-list app-figures" aria-label="Key figures">
			{headline.map((id) => {
				const value = figures[id]
				return (
					<li key={id} className="app-figures__item">
						<a className="govuk-link app-figures__link" href={listHref(query, id)}>
							<span className="app-figures__value">
								{value.kind === 'share' ? (value.percent === null ? '–' : `${value.percent}%`) : value.value.toLocaleString('en-GB')}
							</span>
							<span className="app-figures__label">{FIGURE_TEXT[id].label}</span>
						</a>
						<span className="govuk-body-s app-figures__detail">
							{value.kind === 'share'
								? value.total
									? `${value.within.toLocaleString('en-GB')} of ${value.total.toLocaleString('en-GB')}`
									: 'None to count'
								: ''}
						</span>
					</li>
				)
			})}
		</ul>
	)
}

/** The period's figures under the headline, in groups. */
const FIGURE_GROUPS: Array<{ heading: string; ids: PeriodFigureId[] }> = [
	{ heading: 'Reviews due in the period', ids: ['due', 'held', 'not_held', 'held_on_time'] },
	{ heading: 'Reports, decisions and final plans', ids: ['reports_2_weeks', 'decisions_4_weeks', 'final_plans_8_weeks'] },
	{ heading: 'Decisions made in the period, by outcome', ids: ['outcome_maintain', 'outcome_amend', 'outcome_cease'] },
]

/** The month-by-month charts of a share in time. */
const SHARE_TRENDS: Array<{ id: string; figure: PeriodFigureId; title: string; noun: string }> = [
	{ id: 'chart-decisions', figure: 'decisions_4_weeks', title: 'Decisions within 4 weeks of the meeting, by month of the meeting', noun: 'decisions' },
	{ id: 'chart-reports', figure: 'reports_2_weeks', title: 'Review reports within 2 weeks of the meeting, by month of the meeting', noun: 'reports' },
]

function FigureGroup({
	query,
	figures,
	heading,
	ids,
}: {
	query: TimelinessQuery
	figures: Record<PeriodFigureId, FigureValue>
	heading: string
	ids: PeriodFigureId[]
}) {
	return (
		<>
			<h3 className="govuk-heading-m">{heading}</h3>
			<dl className="govuk-summary-list">
				{ids.map((id) => (
					<div className="govuk-summary-list__row govuk-summary-list__row--no-actions" key={id} id={`figure-${id}`}>
						<dt className="govuk-summary-list__key">{FIGURE_TEXT[id].label}</dt>
						<dd className="govuk-summary-list__value">
							<a className="govuk-link govuk-!-font-weight-bold govuk-!-font-size-24" href={listHref(query, id)}>
								{describeValue(figures[id])}
								<span className="govuk-visually-hidden">: see the reviews behind {FIGURE_TEXT[id].label.toLowerCase()}</span>
							</a>
							<p className="govuk-body-s govuk-!-margin-top-1 govuk-!-margin-bottom-0">
								{FIGURE_TEXT[id].definition} <span className="app-citation">({FIGURE_TEXT[id].citation})</span>
							</p>
						</dd>
					</div>
				))}
			</dl>
		</>
	)
}

function shareOf(month: MonthFigures, figure: PeriodFigureId) {
	const value = month.figures[figure]
	return value.kind === 'share' ? value : { kind: 'share' as const, within: 0, total: 0, percent: null }
}
function countOf(month: MonthFigures, figure: PeriodFigureId) {
	const value = month.figures[figure]
	return value.kind === 'count' ? value.value : 0
}

function ShareTrend({
	id,
	query,
	months,
	figure,
	title,
	noun,
}: {
	id: string
	query: TimelinessQuery
	months: MonthFigures[]
	figure: PeriodFigureId
	title: string
	noun: string
}) {
	const groups: ChartGroup[] = months.map((m) => {
		const share = shareOf(m, figure)
		return { label: shortMonthLabel(m.month), values: [share.percent], printed: [share.percent === null ? 'none' : `${share.percent}%`] }
	})
	const description = `Bar chart, per cent in time for each month. ${months
		.map((m) => {
			const share = shareOf(m, figure)
			return `${m.label}: ${share.percent === null ? `no ${noun}` : `${share.percent}% (${share.within} of ${share.total})`}`
		})
		.join('; ')}.`
	return (
		<TrendSection
			id={id}
			title={title}
			figure={figure}
			months={months}
			chart={{ description, yAxisLabel: 'Per cent in time', series: [{ name: 'In time', pattern: 'solid' }], groups, percent: true }}
			monthHeading="Month of the meeting"
			columns={[<>All {noun}</>, 'In time', 'Per cent in time']}
			cells={(m) => {
				const share = shareOf(m, figure)
				return (
					<>
						<td className="govuk-table__cell govuk-table__cell--numeric">
							<a className="govuk-link" href={listHref(monthQuery(query, m.month), figure)}>
								{share.total}
								<span className="govuk-visually-hidden">
									{' '}
									{noun} in {m.label}
								</span>
							</a>
						</td>
						<td className="govuk-table__cell govuk-table__cell--numeric">{share.within}</td>
						<td className="govuk-table__cell govuk-table__cell--numeric">{share.percent === null ? 'None' : `${share.percent}%`}</td>
					</>
				)
			}}
		/>
	)
}

function HeldTrend({ query, months }: { query: TimelinessQuery; months: MonthFigures[] }) {
	const title = 'Reviews held and reviews due, by month the review was due'
	const groups: ChartGroup[] = months.map((m) => {
		const due = countOf(m, 'due')
		const held = countOf(m, 'held')
		return { label: shortMonthLabel(m.month), values: [due, held], printed: [String(due), String(held)] }
	})
	const description = `Bar chart with two bars per month: reviews due (solid) and reviews held (hatched). ${months
		.map((m) => `${m.label}: ${countOf(m, 'due')} due, ${countOf(m, 'held')} held`)
		.join('; ')}.`
	return (
		<TrendSection
			id="chart-held"
			title={title}
			figure="held"
			months={months}
			chart={{
				description,
				yAxisLabel: 'Reviews',
				series: [
					{ name: 'Due', pattern: 'solid' },
					{ name: 'Held', pattern: 'hatched' },
				],
				groups,
			}}
			monthHeading="Month the review was due"
			columns={['Due', 'Held', 'Not held']}
			cells={(m) =>
				(['due', 'held', 'not_held'] as const).map((figure) => (
					<td className="govuk-table__cell govuk-table__cell--numeric" key={figure}>
						<a className="govuk-link" href={listHref(monthQuery(query, m.month), figure)}>
							{countOf(m, figure)}
							<span className="govuk-visually-hidden">
								{' '}
								{FIGURE_TEXT[figure].label.toLowerCase()} in {m.label}
							</span>
						</a>
					</td>
				))
			}
		/>
	)
}

/**
 * A month-by-month chart under its heading and the definition of its figure, then the same numbers as a table, a
 * row a month (`cells` draws a month's numbers after its name).
 */
function TrendSection({
	id,
	title,
	figure,
	months,
	chart,
	monthHeading,
	columns,
	cells,
}: {
	id: string
	title: string
	figure: PeriodFigureId
	months: MonthFigures[]
	chart: Omit<ComponentProps<typeof BarChart>, 'id' | 'title' | 'xAxisLabel'>
	monthHeading: string
	columns: ReactNode[]
	cells: (month: MonthFigures) => ReactNode
}) {
	return (
		<section aria-labelledby={`${id}-heading`}>
			<h3 className="govuk-heading-m" id={`${id}-heading`}>
				{title}
			</h3>
			<p className="govuk-body-s">
				{FIGURE_TEXT[figure].definition} <span className="app-citation">({FIGURE_TEXT[figure].citation})</span>
			</p>
			<BarChart id={id} title={title} xAxisLabel={monthHeading} {...chart} />
			<div className="app-table-wrap">
				<table className="govuk-table">
					<caption className="govuk-table__caption govuk-table__caption--s">{title}: the numbers</caption>
					<TableHead columns={[monthHeading, ...columns.map((label) => ({ label, numeric: true }))]} />
					<tbody className="govuk-table__body">
						{months.map((m) => (
							<tr className="govuk-table__row" key={m.month}>
								<th scope="row" className="govuk-table__header">
									{m.label}
								</th>
								{cells(m)}
							</tr>
						))}
					</tbody>
				</table>
			</div>
		</section>
	)
}

type Listed = NonNullable<LoaderData['report']>['current'][CurrentFigureId]['top'][number]

function CaseList({ query, id, list, today }: { query: TimelinessQuery; id: CurrentFigureId; list: { total: number; top: Listed[] }; today: string }) {
	const text = FIGURE_TEXT[id]
	return (
		<section aria-labelledby={`list-${id}`}>
			<h3 className="govuk-heading-m" id={`list-${id}`}>
				{text.label} ({list.total.toLocaleString('en-GB')})
			</h3>
			<p className="govuk-body-s">
				{text.definition} <span className="app-citation">({text.citation})</span>
			</p>
			{list.top.length ? (
				<div className="app-table-wrap">
					<table className="govuk-table">
						<caption className="govuk-table__caption govuk-table__caption--s govuk-visually-hidden">
							{text.label}, first {list.top.length}
						</caption>
						<TableHead
							columns={[
								'Child or young person',
								'School',
								'Status',
								id === 'breaches_2_weeks' ? 'Deadline' : text.dateLabel,
								id === 'breaches_2_weeks' ? 'Days left' : id === 'awaiting_decision' ? 'Decision due' : 'Overdue by',
							]}
						/>
						<tbody className="govuk-table__body">
							{list.top.map((l) => (
								<tr className="govuk-table__row" key={`${l.reviewId ?? l.childId}-${l.on}`}>
									<ReviewCells review={l} />
									<td className="govuk-table__cell">
										{id === 'breaches_2_weeks' ? `${l.deadline}: ` : ''}
										{formatDate(l.on)}
									</td>
									<td className="govuk-table__cell">{timingWords(id, l, today)}</td>
								</tr>
							))}
						</tbody>
					</table>
				</div>
			) : (
				<p className="govuk-body">None.</p>
			)}
			{list.total > list.top.length ? (
				<p className="govuk-body">
					<a className="govuk-link" href={listHref(query, id)}>
						See all {pluralise(list.total, 'review')}
						<span className="govuk-visually-hidden"> in {text.label.toLowerCase()}</span>
					</a>
				</p>
			) : null}
		</section>
	)
}
