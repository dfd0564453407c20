import { data, useLoaderData } from 'react-router'
import { requirePermission } from '#app/auth/auth.server.ts'
import { PageTitle, Pagination } from '#app/components/page.tsx'
import { SchoolsMatched, summariseSchools } from '#app/components/schools-matched.tsx'
import { TableHead } from '#app/components/table.tsx'
import { ReviewCells, timingWords } from '#app/components/timeliness-bits.tsx'
import { formatDate } from '#app/domain/calendar-date.ts'
import {
	CURRENT_FIGURES,
	decisionNotifiedOn,
	FIGURE_TEXT,
	isFigureId,
	listFigure,
	monthLabel,
	type CurrentFigureId,
	type FigureId,
} from '#app/domain/timeliness.ts'
import { pluralise } from '#app/lib/format.ts'
import { filtersOf, periodOf, readTimelinessQuery, timelinessSearch } from '#app/queries/timeliness-query.ts'
import { loadTimelinessRows, namedListing, namesFor, resolveTimelinessQuery } from '#app/queries/timeliness.server.ts'
import type { Route } from './+types/timeliness-reviews'

const PAGE_SIZE = 50

const isCurrent = (figure: FigureId): figure is CurrentFigureId => (CURRENT_FIGURES as readonly string[]).includes(figure)

// The reviews behind one figure on the dashboard, worked out by the same definitions (app/domain/timeliness.ts).
export async function loader({ request }: Route.LoaderArgs) {
	const user = await requirePermission(request, 'timeliness:read')
	const url = new URL(request.url)
	const figure = url.searchParams.get('figure')
	if (!isFigureId(figure)) throw data('Choose a figure from the timeliness page.', { status: 400 })
	const { query: read, errors, today } = readTimelinessQuery(url)
	if (Object.keys(errors).length) throw data(Object.values(errors).join('. '), { status: 400 })
	const query = await resolveTimelinessQuery(user, read)
	const withinParam = url.searchParams.get('within')
	const within = withinParam === 'yes' ? true : withinParam === 'no' ? false : null
	const page = Math.max(1, Number.parseInt(url.searchParams.get('page') ?? '1', 10) || 1)

	const rows = await loadTimelinessRows(user, query, today)
	const options = { ...periodOf(query), today, filters: filtersOf(query) }
	const all = listFigure(rows, figure, options)
	const chosen = within === null ? all : all.filter((l) => l.within === within)
	const pages = Math.max(1, Math.ceil(chosen.length / PAGE_SIZE))
	const slice = chosen.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE)
	const names = await namesFor(
		user,
		slice.map((l) => l.row),
	)
	return {
		laName: user.laName,
		figure,
		// Links keep the school filter as it came (a linked school's id stays that school).
		query: read,
		schools: query.schools && summariseSchools(query.schools),
		today,
		within: withinParam === 'yes' || withinParam === 'no' ? withinParam : null,
		page,
		pages,
		total: chosen.length,
		counts: { all: all.length, yes: all.filter((l) => l.within === true).length, no: all.filter((l) => l.within === false).length },
		rows: slice.map((l) => ({
			key: `${l.row.reviewId ?? l.row.childId}-${l.on}`,
			...namedListing(names, l),
			reportReceivedOn: l.row.reportReceivedOn,
			decidedOn: l.row.decidedOn,
			decisionOutcome: l.row.decisionOutcome,
			// The day the family was told: for an amend, the amendment notice (reg 22(2); Devon [2022]).
			notifiedOn: decisionNotifiedOn(l.row),
			noticeIssuedOn: l.row.noticeIssuedOn,
			finalIssuedOn: l.row.finalIssuedOn,
		})),
	}
}

type Row = ReturnType<typeof useLoaderData<typeof loader>>['rows'][number]
type Column = { header: string; cell: (row: Row) => React.ReactNode }

const date = (value: string | null) => (value ? formatDate(value) : '—')
const outcome = (value: string | null) => (value ? value.charAt(0) + value.slice(1).toLowerCase() : '—')
function inTime(row: Row) {
	if (row.within === null) return '—'
	return <strong className={`govuk-tag ${row.within ? 'govuk-tag--green' : 'govuk-tag--red'}`}>{row.within ? 'In time' : 'Late'}</strong>
}

const MEETING: Column = { header: 'Meeting', cell: (r) => date(r.meetingOn) }
const REPORT_RECEIVED: Column = { header: 'Report received', cell: (r) => date(r.reportReceivedOn) }
const within = (weeks: number): Column => ({ header: `Within ${weeks} weeks`, cell: inTime })

function columnsFor(figure: FigureId, today: string): Column[] {
	switch (figure) {
		case 'due':
		case 'held':
		case 'not_held':
		case 'held_on_time':
			return [
				{ header: 'Review due', cell: (r) => date(r.dueOn) },
				{
					header: 'Meeting',
					cell: (r) => (r.meetingOn && r.meetingOn <= today ? date(r.meetingOn) : r.meetingOn ? `Booked for ${formatDate(r.meetingOn)}` : 'Not held'),
				},
				{
					header: 'Held by the due date',
					cell: (r) =>
						r.meetingOn && r.meetingOn <= today
							? inTime({ ...r, within: r.meetingOn <= r.dueOn })
							: r.dueOn < today
								? inTime({ ...r, within: false })
								: 'Not yet due',
				},
			]
		case 'reports_2_weeks':
			return [MEETING, REPORT_RECEIVED, within(2)]
		case 'decisions_4_weeks':
			return [
				MEETING,
				{ header: 'Decision', cell: (r) => `${date(r.decidedOn)} (${outcome(r.decisionOutcome).toLowerCase()})` },
				{ header: 'Family told', cell: (r) => (r.decisionOutcome === 'AMEND' ? `${date(r.notifiedOn)} (amendment notice)` : date(r.notifiedOn)) },
				within(4),
			]
		case 'final_plans_8_weeks':
			return [
				{ header: 'Amendment notice', cell: (r) => date(r.noticeIssuedOn) },
				{ header: 'Final plan', cell: (r) => date(r.finalIssuedOn) },
				within(8),
			]
		case 'outcome_maintain':
		case 'outcome_amend':
		case 'outcome_cease':
			return [MEETING, { header: 'Decision', cell: (r) => date(r.decidedOn) }, { header: 'Outcome', cell: (r) => outcome(r.decisionOutcome) }]
		case 'open_by_due':
			return [{ header: 'Review due', cell: (r) => date(r.dueOn) }, MEETING, { header: 'Overdue by', cell: (r) => timingWords('open_by_due', r, today) }]
		case 'awaiting_decision':
			return [
				MEETING,
				{ header: 'Decision due', cell: (r) => timingWords('awaiting_decision', r, today) },
				REPORT_RECEIVED,
				{
					header: 'Decision',
					cell: (r) => (r.decidedOn ? `${outcome(r.decisionOutcome)} on ${formatDate(r.decidedOn)}; amendment notice not sent` : 'None yet'),
				},
			]
		case 'breaches_2_weeks':
			return [
				{ header: 'Deadline', cell: (r) => r.deadline ?? '' },
				{ header: 'Date', cell: (r) => date(r.deadlineOn) },
				{ header: 'Days left', cell: (r) => timingWords('breaches_2_weeks', r, today) },
			]
	}
}

export default function TimelinessReviews() {
	const { laName, figure, query, schools, today, within, page, pages, total, counts, rows } = useLoaderData<typeof loader>()
	const text = FIGURE_TEXT[figure]
	const periodWords = query.from === query.to ? monthLabel(query.from) : `${monthLabel(query.from)} to ${monthLabel(query.to)}`
	const heading = isCurrent(figure) ? text.label : `${text.label}, ${periodWords}`
	const hrefFor = (p: number, w: string | null = within) =>
		`/timeliness/reviews${timelinessSearch(query, { figure, within: w ?? undefined, page: p > 1 ? String(p) : undefined })}`
	const columns = columnsFor(figure, today)
	return (
		<>
			<PageTitle title={heading} />
			<a href={`/timeliness${timelinessSearch(query)}`} className="govuk-back-link">
				Back to the timeliness figures
			</a>
			<span className="govuk-caption-l">{laName}</span>
			<h1 className="govuk-heading-l">{heading}</h1>
			<p className="govuk-body">
				{text.definition} <span className="app-citation">({text.citation})</span>
			</p>
			{isCurrent(figure) ? <p className="govuk-body">As of {formatDate(today)}.</p> : null}
			{schools ? <SchoolsMatched text={query.school ?? ''} schools={schools} subject="Reviews" /> : null}
			{text.kind === 'share' ? (
				<nav aria-label="Show reviews" className="govuk-!-margin-bottom-4">
					<ul className="govuk-list app-search">
						{(
							[
								[null, `All (${counts.all})`],
								['yes', `In time (${counts.yes})`],
								['no', `Late (${counts.no})`],
							] as const
						).map(([w, label]) => (
							<li key={label}>
								<a className="govuk-link" href={hrefFor(1, w)} aria-current={w === within ? 'page' : undefined}>
									{w === within ? <strong>{label}</strong> : label}
								</a>
							</li>
						))}
					</ul>
				</nav>
			) : null}
			{rows.length ? (
				<div className="app-table-wrap">
					<table className="govuk-table">
						<caption className="govuk-table__caption govuk-table__caption--m">
							{pluralise(total, 'review')}
							{pages > 1 ? `, page ${page} of ${pages}` : ''}
						</caption>
						<TableHead columns={['Child or young person', 'School', 'Status', ...columns.map((c) => c.header)]} />
						<tbody className="govuk-table__body">
							{rows.map((r) => (
								<tr className="govuk-table__row" key={r.key}>
									<ReviewCells review={r} />
									{columns.map((c) => (
										<td className="govuk-table__cell" key={c.header}>
											{c.cell(r)}
										</td>
									))}
								</tr>
							))}
						</tbody>
					</table>
				</div>
			) : (
				<p className="govuk-body">No reviews.</p>
			)}
			<Pagination page={page} pages={pages} hrefFor={(p) => hrefFor(p)} />
		</>
	)
}
