import { audit } from '#app/auth/audit.server.ts'
import { requirePermission } from '#app/auth/auth.server.ts'
import { councilIdOf } from '#app/auth/tenancy.server.ts'
import { prisma } from '#app/db/db.server.ts'
import { SCHOOL_PHASE_LABELS } from '#app/domain/review-status.ts'
import {
	AGE_GROUPS,
	computeTimeliness,
	FIGURE_TEXT,
	firstDayOf,
	lastDayOf,
	onTimeLine,
	PERIOD_FIGURES,
	reviewsDueIn,
	type DecisionOutcome,
	type FigureValue,
	type PeriodFigureId,
	type TimelinessRow,
} from '#app/domain/timeliness.ts'
import { csvResponse, type CsvCell } from '#app/http/csv.server.ts'
import { filtersOf, periodOf, readTimelinessQuery } from '#app/queries/timeliness-query.ts'
import { loadTimelinessRows, namesFor, resolveTimelinessQuery, type ResolvedTimelinessQuery } from '#app/queries/timeliness.server.ts'
import type { Route } from './+types/timeliness-export'

type FigureLine = {
	period: { label: string; from: string; to: string }
	filters: Awaited<ReturnType<typeof filterLabels>>
	id: PeriodFigureId
	value: FigureValue
}

/** The figures export's columns: each heading with what it holds, so the two never drift apart. */
const FIGURE_COLUMNS: Array<[heading: string, cell: (line: FigureLine) => CsvCell]> = [
	['Period', (l) => l.period.label],
	['From', (l) => l.period.from],
	['To', (l) => l.period.to],
	['School', (l) => l.filters.school],
	['Caseworker', (l) => l.filters.caseworker],
	['Phase of school', (l) => l.filters.phase],
	['Age group', (l) => l.filters.age],
	['Figure', (l) => FIGURE_TEXT[l.id].label],
	['Figure id', (l) => l.id],
	['Count or total', (l) => (l.value.kind === 'count' ? l.value.value : l.value.total)],
	['In time', (l) => (l.value.kind === 'share' ? l.value.within : null)],
	['Per cent in time', (l) => (l.value.kind === 'share' ? l.value.percent : null)],
	['Definition', (l) => FIGURE_TEXT[l.id].definition],
	['Regulation', (l) => FIGURE_TEXT[l.id].citation],
]

type ReviewLine = { row: TimelinessRow; child: { upn: string; firstName: string; lastName: string } | undefined; line: ReturnType<typeof onTimeLine> }

/** The council's own on-time measures, one line per review due in the period (?lines=reviews). */
const REVIEW_COLUMNS: Array<[heading: string, cell: (line: ReviewLine) => CsvCell]> = [
	['UPN', (l) => l.child?.upn],
	['Surname', (l) => l.child?.lastName],
	['Forename', (l) => l.child?.firstName],
	['Date of birth', (l) => l.row.dateOfBirth],
	['Review due date', (l) => l.line.dueOn],
	['Review meeting held date', (l) => l.line.meetingHeldOn],
	['Review held by its due date (Y/N)', (l) => l.line.heldOnTime],
	['Decision', (l) => (l.line.decisionOutcome ? OUTCOME_WORDS[l.line.decisionOutcome] : null)],
	['Decision date', (l) => l.line.decidedOn],
	['Decision notified to the family date', (l) => l.line.notifiedOn],
	['Decision notified within 4 weeks of the meeting (Y/N)', (l) => l.line.notifiedWithin4Weeks],
]

const headings = <L>(columns: Array<[string, (line: L) => CsvCell]>) => columns.map(([heading]) => heading)
const cells = <L>(columns: Array<[string, (line: L) => CsvCell]>, line: L) => columns.map(([, cell]) => cell(line))

const OUTCOME_WORDS: Record<DecisionOutcome, string> = { MAINTAIN: 'Maintain', AMEND: 'Amend', CEASE: 'Cease' }

// The dashboard's figures for the chosen period and filters: the whole period first, then month by month. With
// ?lines=reviews, the council's own on-time measures for each review due in the period instead (the DfE's SEN2
// return asks something else: /timeliness/sen2.csv).
export async function loader({ request }: Route.LoaderArgs) {
	const user = await requirePermission(request, 'timeliness:read')
	const url = new URL(request.url)
	const { query: read, errors, today } = readTimelinessQuery(url)
	if (Object.keys(errors).length) throw new Response(Object.values(errors).join('. '), { status: 400 })
	const query = await resolveTimelinessQuery(user, read)
	const rows = await loadTimelinessRows(user, query, today)
	const period = periodOf(query)
	if (url.searchParams.get('lines') === 'reviews') {
		const due = reviewsDueIn(rows, { ...period, today, filters: filtersOf(query) })
		await audit(request, user.id, 'export.download', { details: `on-time measures per review due ${query.from} to ${query.to} (${due.length})` })
		return csvResponse(`timeliness-reviews-${query.from}-to-${query.to}.csv`, headings(REVIEW_COLUMNS), reviewLines(user, due, today))
	}
	const report = computeTimeliness(rows, { ...period, today, filters: filtersOf(query) })
	const filters = await filterLabels(councilIdOf(user), query)
	await audit(request, user.id, 'export.download', { details: `timeliness figures ${query.from} to ${query.to}; ${describeFilters(filters)}` })

	function* lines(): Generator<CsvCell[]> {
		const periods = [
			{ label: 'Whole period', from: period.from, to: period.to, figures: report.figures },
			...report.months.map((m) => ({ label: m.label, from: firstDayOf(m.month), to: lastDayOf(m.month), figures: m.figures })),
		]
		for (const p of periods) for (const id of PERIOD_FIGURES) yield cells(FIGURE_COLUMNS, { period: p, filters, id, value: p.figures[id] })
	}
	return csvResponse(`timeliness-${query.from}-to-${query.to}.csv`, headings(FIGURE_COLUMNS), lines())
}

async function* reviewLines(user: Parameters<typeof namesFor>[0], rows: TimelinessRow[], today: string): AsyncGenerator<CsvCell[]> {
	// Names a page at a time: a period can hold thousands of reviews.
	for (let i = 0; i < rows.length; i += 500) {
		const page = rows.slice(i, i + 500)
		const names = await namesFor(user, page)
		for (const row of page) yield cells(REVIEW_COLUMNS, { row, child: names.children.get(row.childId), line: onTimeLine(row, today) })
	}
}

/** The school filter in words: the one school, the schools a text matched (the first 10 named), or none. */
function schoolLabel(query: ResolvedTimelinessQuery) {
	const schools = query.schools
	if (!schools) return 'All schools'
	if (!schools.length) return `No school matches “${query.school}”`
	if (schools.length === 1) return schools[0]!.name
	const named = schools.slice(0, 10).map((s) => s.name)
	return `${schools.length} schools matching “${query.school}”: ${named.join('; ')}${schools.length > named.length ? ` and ${schools.length - named.length} more` : ''}`
}

async function filterLabels(laId: string, query: ResolvedTimelinessQuery) {
	const caseworker =
		query.caseworker && query.caseworker !== 'none' ? await prisma.user.findFirst({ where: { id: query.caseworker, laId }, select: { name: true } }) : null
	return {
		school: schoolLabel(query),
		caseworker: query.caseworker === 'none' ? 'No caseworker' : query.caseworker ? (caseworker?.name ?? 'Unknown caseworker') : 'All caseworkers',
		phase: query.phase ? (SCHOOL_PHASE_LABELS[query.phase as keyof typeof SCHOOL_PHASE_LABELS] ?? query.phase) : 'All phases',
		age: query.age ? AGE_GROUPS[query.age].label : 'All ages',
	}
}

function describeFilters(f: Awaited<ReturnType<typeof filterLabels>>) {
	return [f.school, f.caseworker, f.phase, f.age].join(', ')
}
