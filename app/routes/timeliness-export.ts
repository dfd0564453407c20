import type { Route } from './+types/timeliness-export'
import { prisma } from '#app/db.server.ts'
import { SCHOOL_PHASE_LABELS } from '#app/domain/review-status.ts'
import { AGE_GROUPS, computeTimeliness, FIGURE_TEXT, firstDayOf, lastDayOf, PERIOD_FIGURES, type FigureValue } from '#app/domain/timeliness.ts'
import { audit } from '#app/auth/audit.server.ts'
import { requirePermission } from '#app/auth/auth.server.ts'
import { councilIdOf } from '#app/auth/tenancy.server.ts'
import { csvResponse, type CsvCell } from '#app/http/csv.server.ts'
import { loadTimelinessRows, resolveTimelinessQuery, type ResolvedTimelinessQuery } from '#app/queries/timeliness.server.ts'
import { filtersOf, periodOf, readTimelinessQuery } from '#app/queries/timeliness-query.ts'

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
	const { query: read, errors, today } = readTimelinessQuery(new URL(request.url))
	if (Object.keys(errors).length) throw new Response(Object.values(errors).join('. '), { status: 400 })
	const query = await resolveTimelinessQuery(user, read)
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
	const caseworker = query.caseworker && query.caseworker !== 'none' ? await prisma.user.findFirst({ where: { id: query.caseworker, laId }, select: { name: true } }) : null
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
