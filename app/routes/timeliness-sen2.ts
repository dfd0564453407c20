import type { Route } from './+types/timeliness-sen2'
import { prisma } from '#app/db.server.ts'
import { sen2Line, sen2Rows, type DecisionOutcome } from '#app/domain/timeliness.ts'
import { audit } from '#app/auth/audit.server.ts'
import { requirePermission } from '#app/auth/auth.server.ts'
import { councilIdOf } from '#app/auth/tenancy.server.ts'
import { csvResponse, type CsvCell } from '#app/http/csv.server.ts'
import { loadTimelinessRows, resolveTimelinessQuery } from '#app/queries/timeliness.server.ts'
import { filtersOf, periodOf, readTimelinessQuery } from '#app/queries/timeliness-query.ts'

const HEADER = [
	'UPN',
	'Surname',
	'Forename',
	'Date of birth',
	'Review due date',
	'Review meeting held date',
	'Decision date',
	'Decision outcome',
	'Decision within 4 weeks of the meeting (Y/N)',
	'Review held on time (Y/N)',
] as const

const OUTCOME_WORDS: Record<DecisionOutcome, string> = { MAINTAIN: 'Maintain', AMEND: 'Amend', CEASE: 'Cease' }

// One line per annual review due in the period, in the shape of the DfE's SEN2 return (annual reviews part):
// the child's identifiers, the due date, whether and when the review was held, and the decision and its timing.
export async function loader({ request }: Route.LoaderArgs) {
	const user = await requirePermission(request, 'timeliness:read')
	const { query, errors, today } = readTimelinessQuery(new URL(request.url))
	if (Object.keys(errors).length) throw new Response(Object.values(errors).join('. '), { status: 400 })
	const rows = sen2Rows(await loadTimelinessRows(user, await resolveTimelinessQuery(user, query), today), { ...periodOf(query), today, filters: filtersOf(query) })
	const children = new Map(
		(await prisma.child.findMany({ where: { laId: councilIdOf(user) }, select: { id: true, upn: true, firstName: true, lastName: true } })).map((c) => [c.id, c]),
	)
	await audit(request, user.id, 'export.download', { details: `SEN2 annual review lines ${query.from} to ${query.to} (${rows.length})` })

	function* lines(): Generator<CsvCell[]> {
		for (const row of rows) {
			const child = children.get(row.childId)
			const line = sen2Line(row, today)
			yield [
				child?.upn,
				child?.lastName,
				child?.firstName,
				row.dateOfBirth,
				line.dueOn,
				line.meetingHeldOn,
				line.decidedOn,
				line.decisionOutcome ? OUTCOME_WORDS[line.decisionOutcome] : null,
				line.decisionWithin4Weeks,
				line.heldOnTime,
			]
		}
	}
	return csvResponse(`sen2-annual-reviews-${query.from}-to-${query.to}.csv`, HEADER, lines())
}
