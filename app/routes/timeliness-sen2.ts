import { audit } from '#app/auth/audit.server.ts'
import { requirePermission } from '#app/auth/auth.server.ts'
import { isIsoDate } from '#app/domain/calendar-date.ts'
import { activeOnCensusDate, latestSen2CensusDate, SEN2_REVIEW_ITEMS, sen2MatchesFilters, sen2ReviewItems } from '#app/domain/timeliness.ts'
import { csvResponse, type CsvCell } from '#app/http/csv.server.ts'
import { loadSen2Children } from '#app/queries/sen2.server.ts'
import { filtersOf, readTimelinessQuery } from '#app/queries/timeliness-query.ts'
import { resolveTimelinessQuery } from '#app/queries/timeliness.server.ts'
import type { Route } from './+types/timeliness-sen2'

// The child's identifiers and the annual review items, in the SEN2 return's own element names (app/domain/timeliness.ts).
const HEADER = ['UPN', 'Surname', 'Forename', 'PersonBirthDate', ...SEN2_REVIEW_ITEMS] as const

// The annual review items of the DfE's SEN2 return: one line per child whose plan was in force on the census date
// (the latest January census by default, or ?census=YYYY-MM-DD), as on that date. The council's own on-time
// measures are another download (/timeliness/export.csv?lines=reviews).
export async function loader({ request }: Route.LoaderArgs) {
	const user = await requirePermission(request, 'timeliness:read')
	const url = new URL(request.url)
	const { query, errors, today } = readTimelinessQuery(url)
	const censusParam = url.searchParams.get('census')
	if (censusParam && (!isIsoDate(censusParam) || censusParam > today)) errors.census = 'The census date must be a date written YYYY-MM-DD, today or earlier'
	if (Object.keys(errors).length) throw new Response(Object.values(errors).join('. '), { status: 400 })
	const census = censusParam || latestSen2CensusDate(today)
	const filters = filtersOf(query)
	const children = (await loadSen2Children(user, await resolveTimelinessQuery(user, query), census)).filter(
		(c) => activeOnCensusDate(c, census) && sen2MatchesFilters(c, census, filters),
	)
	await audit(request, user.id, 'export.download', { details: `SEN2 annual review items, census date ${census} (${children.length})` })

	function* lines(): Generator<CsvCell[]> {
		for (const child of children) {
			const items = sen2ReviewItems(child, census, today)
			yield [child.upn, child.surname, child.forename, child.dateOfBirth, ...SEN2_REVIEW_ITEMS.map((item) => items[item])]
		}
	}
	return csvResponse(`sen2-annual-review-items-census-${census}.csv`, HEADER, lines())
}
