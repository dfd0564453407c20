import type { Route } from './+types/timeliness-export'
import { prisma } from '#app/db.server.ts'
import { SCHOOL_PHASE_LABELS } from '#app/domain/review-status.ts'
import { AGE_GROUPS, computeTimeliness, FIGURE_TEXT, firstDayOf, lastDayOf, PERIOD_FIGURES, type FigureValue } from '#app/domain/timeliness.ts'
import { audit } from '#app/utils/audit.server.ts'
import { requirePermission } from '#app/utils/auth.server.ts'
import { csvResponse, type CsvCell } from '#app/utils/csv.server.ts'
import { councilIdOf, loadTimelinessRows } from '#app/utils/timeliness.server.ts'
import { filtersOf, periodOf, readTimelinessQuery, type TimelinessQuery } from '#app/utils/timeliness-query.ts'

const HEADER = [
	'Period',
	'From',
	'To',
	'School',
	'Caseworker',
	'Phase of school',
	'Age group',
	'Figure',
	'Figure id',
	'Count or total',
	'In time',
	'Per cent in time',
	'Definition',
	'Regulation',
] as const

// The dashboard's figures for the chosen period and filters: the whole period first, then month by month.
export async function loader({ request }: Route.LoaderArgs) {
	const user = await requirePermission(request, 'timeliness:read')
	const { query, errors, today } = readTimelinessQuery(new URL(request.url))
	if (Object.keys(errors).length) throw new Response(Object.values(errors).join('. '), { status: 400 })
	const rows = await loadTimelinessRows(user, query, today)
	const period = periodOf(query)
	const report = computeTimeliness(rows, { ...period, today, filters: filtersOf(query) })
	const filters = await filterLabels(councilIdOf(user), query)
	await audit(request, user.id, 'export.download', { details: `timeliness figures ${query.from} to ${query.to}; ${describeFilters(filters)}` })

	function* lines(): Generator<CsvCell[]> {
		const periods = [
			{ label: 'Whole period', from: period.from, to: period.to, figures: report.figures },
			...report.months.map((m) => ({ label: m.label, from: firstDayOf(m.month), to: lastDayOf(m.month), figures: m.figures })),
		]
		for (const p of periods) {
			for (const id of PERIOD_FIGURES) {
				const value: FigureValue = p.figures[id]
				const text = FIGURE_TEXT[id]
				yield [
					p.label,
					p.from,
					p.to,
					filters.school,
					filters.caseworker,
					filters.phase,
					filters.age,
					text.label,
					id,
					value.kind === 'count' ? value.value : value.total,
					value.kind === 'share' ? value.within : null,
					value.kind === 'share' ? value.percent : null,
					text.definition,
					text.citation,
				]
			}
		}
	}
	return csvResponse(`timeliness-${query.from}-to-${query.to}.csv`, HEADER, lines())
}

async function filterLabels(laId: string, query: TimelinessQuery) {
	const [school, caseworker] = await Promise.all([
		query.school ? prisma.school.findFirst({ where: { id: query.school, laId }, select: { name: true } }) : null,
		query.caseworker && query.caseworker !== 'none' ? prisma.user.findFirst({ where: { id: query.caseworker, laId }, select: { name: true } }) : null,
	])
	return {
		school: query.school ? (school?.name ?? 'Unknown school') : 'All schools',
		caseworker: query.caseworker === 'none' ? 'No caseworker' : query.caseworker ? (caseworker?.name ?? 'Unknown caseworker') : 'All caseworkers',
		phase: query.phase ? (SCHOOL_PHASE_LABELS[query.phase as keyof typeof SCHOOL_PHASE_LABELS] ?? query.phase) : 'All phases',
		age: query.age ? AGE_GROUPS[query.age].label : 'All ages',
	}
}

function describeFilters(f: Awaited<ReturnType<typeof filterLabels>>) {
	return [f.school, f.caseworker, f.phase, f.age].join(', ')
}
