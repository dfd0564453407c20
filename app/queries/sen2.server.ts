// Loading what the SEN2 annual review items are worked out from (app/domain/timeliness.ts, "SEN2"): every child of
// the council with a plan issued by the census date, and each review of theirs that the census can need.
import type { SessionUser } from '#app/auth/auth.server.ts'
import { councilIdOf } from '#app/auth/tenancy.server.ts'
import { prisma } from '#app/db/db.server.ts'
import type { IsoDate } from '#app/domain/calendar-date.ts'
import type { DecisionOutcome, Sen2Child, Sen2Review } from '#app/domain/timeliness.ts'
import { Prisma } from '#app/generated/sqlite/client.ts'
import { DECISION_LETTER_AT, londonDateOf, type ResolvedTimelinessQuery } from '#app/queries/timeliness.server.ts'

type ChildSqlRow = {
	childId: string
	upn: string
	firstName: string
	lastName: string
	dateOfBirth: string
	yearGroup: number | bigint | null
	phaseTransfer: string | null
	schoolId: string | null
	phase: string | null
	caseworkerId: string | null
	planIssuedOn: string
	planLastReviewOn: string | null
	planStatus: string
}
type ReviewSqlRow = {
	childId: string
	meetingOn: string | null
	decisionOutcome: string | null
	decidedOn: string | null
	decisionLetterAt: unknown
	noticeIssuedOn: string | null
	finalIssuedOn: string | null
	finalAmended: boolean | number | bigint | null
}

export type Sen2Person = Sen2Child & { upn: string; forename: string; surname: string }

const OUTCOMES: readonly string[] = ['MAINTAIN', 'AMEND', 'CEASE']

/**
 * The council's children whose plan was issued on or before the census date (whether it was still in force then
 * is the domain's question, `activeOnCensusDate`), with their reviews held by the census date and any cease
 * decision (which dates the end of a ceased plan). The school filter is the child's current school.
 *
 * Plain SQL that SQLite and PostgreSQL share, every value bound, as app/queries/timeliness.server.ts: at Kent scale
 * (about 21,000 plans) two statements rather than nested Prisma selects.
 */
export async function loadSen2Children(user: SessionUser, query: Pick<ResolvedTimelinessQuery, 'schools'>, census: IsoDate): Promise<Sen2Person[]> {
	const laId = councilIdOf(user)
	if (query.schools && !query.schools.length) return []
	const bySchool = query.schools ? Prisma.sql`AND c."schoolId" IN (${Prisma.join(query.schools.map((s) => s.id))})` : Prisma.empty
	const [children, reviews] = await Promise.all([
		prisma.$queryRaw<ChildSqlRow[]>`
			SELECT c.id AS "childId", c.upn AS upn, c."firstName" AS "firstName", c."lastName" AS "lastName", c."dateOfBirth" AS "dateOfBirth",
				c."yearGroup" AS "yearGroup", c."phaseTransfer" AS "phaseTransfer", c."schoolId" AS "schoolId", s.phase AS phase,
				c."caseworkerId" AS "caseworkerId", p."firstIssuedOn" AS "planIssuedOn", p."lastReviewOn" AS "planLastReviewOn", p.status AS "planStatus"
			FROM "Child" c
			JOIN "EhcPlan" p ON p."childId" = c.id
			LEFT JOIN "School" s ON s.id = c."schoolId"
			WHERE c."laId" = ${laId} AND p."firstIssuedOn" <= ${census}
				${bySchool}
			ORDER BY c."lastName", c."firstName", c.upn`,
		prisma.$queryRaw<ReviewSqlRow[]>`
			SELECT r."childId" AS "childId", r."meetingOn" AS "meetingOn", d.outcome AS "decisionOutcome", d."decidedOn" AS "decidedOn",
				${DECISION_LETTER_AT} AS "decisionLetterAt", n."issuedOn" AS "noticeIssuedOn", f."issuedOn" AS "finalIssuedOn", f.amended AS "finalAmended"
			FROM "AnnualReview" r
			JOIN "Child" c ON c.id = r."childId"
			LEFT JOIN "Decision" d ON d."reviewId" = r.id
			LEFT JOIN "AmendmentNotice" n ON n."reviewId" = r.id
			LEFT JOIN "FinalPlan" f ON f."reviewId" = r.id
			WHERE c."laId" = ${laId} AND (r."meetingOn" <= ${census} OR d.outcome = 'CEASE')
				${bySchool}`,
	])
	const byChild = new Map<string, Sen2Review[]>()
	for (const r of reviews) {
		const list = byChild.get(r.childId) ?? []
		list.push({
			meetingOn: r.meetingOn,
			decisionOutcome: r.decisionOutcome && OUTCOMES.includes(r.decisionOutcome) ? (r.decisionOutcome as DecisionOutcome) : null,
			decidedOn: r.decidedOn,
			decisionLetterSentOn: londonDateOf(r.decisionLetterAt),
			noticeIssuedOn: r.noticeIssuedOn,
			finalIssuedOn: r.finalIssuedOn,
			// SQLite answers a boolean column as 0 or 1, PostgreSQL as false or true.
			finalAmended: r.finalAmended === null ? null : Number(r.finalAmended) === 1 || r.finalAmended === true,
		})
		byChild.set(r.childId, list)
	}
	return children.map((c) => ({
		childId: c.childId,
		upn: c.upn,
		forename: c.firstName,
		surname: c.lastName,
		dateOfBirth: c.dateOfBirth,
		yearGroup: c.yearGroup === null ? null : Number(c.yearGroup),
		phaseTransfer: c.phaseTransfer,
		schoolId: c.schoolId,
		phase: c.phase,
		caseworkerId: c.caseworkerId,
		planIssuedOn: c.planIssuedOn,
		planLastReviewOn: c.planLastReviewOn,
		planStatus: c.planStatus,
		reviews: byChild.get(c.childId) ?? [],
	}))
}
