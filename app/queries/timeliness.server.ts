// Loading the rows the timeliness figures are computed from (app/domain/timeliness.ts), for the dashboard,
// its lists and its exports. The period and filters are read by app/queries/timeliness-query.ts.
import type { SessionUser } from '#app/auth/auth.server.ts'
import { councilIdOf } from '#app/auth/tenancy.server.ts'
import { prisma } from '#app/db/db.server.ts'
import { todayInLondon, type IsoDate } from '#app/domain/calendar-date.ts'
import { OPEN_REVIEW_STATUSES, SCHOOL_PHASES, SCHOOL_PHASE_LABELS, isReviewStatus } from '#app/domain/review-status.ts'
import {
	addMonthsTo,
	COUNCIL_DEADLINE_LABELS,
	monthOf,
	NO_STEPS_YET,
	type DecisionOutcome,
	type ListedReview,
	type Month,
	type TimelinessRow,
} from '#app/domain/timeliness.ts'
import { Prisma } from '#app/generated/sqlite/client.ts'
import { matchSchools, type SchoolMatch } from '#app/queries/schools.server.ts'
import { periodOf, type TimelinessQuery } from '#app/queries/timeliness-query.ts'

/** How far back the period selects go. */
const MONTHS_OFFERED = 72

type ReviewSqlRow = {
	reviewId: string
	childId: string
	status: string
	dueOn: string
	meetingOn: string | null
	reportReceivedOn: string | null
	schoolId: string | null
	phase: string | null
	dateOfBirth: string
	caseworkerId: string | null
	decisionOutcome: string | null
	decidedOn: string | null
	decisionLetterAt: unknown
	noticeIssuedOn: string | null
	finalIssuedOn: string | null
}
type PlanSqlRow = { childId: string; dueOn: string; dateOfBirth: string; schoolId: string | null; phase: string | null; caseworkerId: string | null }

const OUTCOMES: readonly string[] = ['MAINTAIN', 'AMEND', 'CEASE']

/** The period and filters with the school filter resolved to the council's matching schools (null: any school). */
export type ResolvedTimelinessQuery = TimelinessQuery & { schools: SchoolMatch[] | null }

/**
 * Finds the schools the school filter names: part of a name or a URN, or a school's id from an older link, and
 * only this council's (closed schools too: their past reviews count in the figures).
 */
export async function resolveTimelinessQuery(user: SessionUser, query: TimelinessQuery): Promise<ResolvedTimelinessQuery> {
	return { ...query, schools: query.school ? await matchSchools({ laId: councilIdOf(user) }, query.school) : null }
}

/** What the school field shows: the text as typed, or a linked school's name rather than its id. */
export function schoolFieldText(query: ResolvedTimelinessQuery): string {
	const [only, ...others] = query.schools ?? []
	return only && !others.length && only.id === query.school ? only.name : (query.school ?? '')
}

/**
 * The day in England of a timestamp read by plain SQL: PostgreSQL answers a Date, SQLite the stored text (ISO 8601,
 * or a number of milliseconds).
 */
export function londonDateOf(value: unknown): IsoDate | null {
	if (value === null || value === undefined) return null
	const at =
		value instanceof Date
			? value
			: typeof value === 'number' || typeof value === 'bigint' || /^\d+$/.test(String(value))
				? new Date(Number(value))
				: new Date(/[zZ]|[+-]\d\d:?\d\d$/.test(String(value)) ? String(value) : `${String(value).replace(' ', 'T')}Z`)
	return Number.isNaN(at.getTime()) ? null : todayInLondon(at)
}

/**
 * When the decision letter of a review was sent (its generated document, written in the transaction that sent it):
 * the day the family was told of a decision to maintain or cease (app/domain/timeliness.ts `decisionNotifiedOn`).
 */
export const DECISION_LETTER_AT = Prisma.sql`(SELECT MIN(g."createdAt") FROM "GeneratedDocument" g WHERE g."reviewId" = r.id AND g.kind = 'DECISION_LETTER')`

/** Optional `AND ...` clauses ("join" refuses an empty list). */
const and = (clauses: Prisma.Sql[]) => (clauses.length ? Prisma.join(clauses, ' ') : Prisma.empty)

/**
 * Every row the figures for this period and today's lists need, for one council: the reviews due, met or
 * decided in the period or with a notice in it, every open review, and plans whose review is due (in the
 * period, or by today) with no review started.
 *
 * Plain SQL with joins rather than nested Prisma selects: at Kent scale (about 25,000 reviews) it is one
 * statement, about half the time (docs/decisions/009-timeliness-figures.md). It uses only SQL that SQLite
 * and PostgreSQL share, and every value is a bound parameter.
 */
export async function loadTimelinessRows(user: SessionUser, query: ResolvedTimelinessQuery, today: IsoDate): Promise<TimelinessRow[]> {
	const laId = councilIdOf(user)
	// A school filter that matched no school: no rows (not every school's).
	if (query.schools && !query.schools.length) return []
	const { from, to } = periodOf(query)
	const open = Prisma.join([...OPEN_REVIEW_STATUSES])
	const reviewFilters: Prisma.Sql[] = []
	const planFilters: Prisma.Sql[] = []
	if (query.schools) {
		// One bound parameter per school: even every school of the largest council (about 600) stays well under
		// the 999 a SQLite statement allows.
		const ids = Prisma.join(query.schools.map((s) => s.id))
		reviewFilters.push(Prisma.sql`AND r."schoolId" IN (${ids})`)
		planFilters.push(Prisma.sql`AND c."schoolId" IN (${ids})`)
	}
	if (query.phase) {
		reviewFilters.push(Prisma.sql`AND s.phase = ${query.phase}`)
		planFilters.push(Prisma.sql`AND s.phase = ${query.phase}`)
	}
	if (query.caseworker) {
		const byCaseworker = query.caseworker === 'none' ? Prisma.sql`AND c."caseworkerId" IS NULL` : Prisma.sql`AND c."caseworkerId" = ${query.caseworker}`
		reviewFilters.push(byCaseworker)
		planFilters.push(byCaseworker)
	}
	const [reviews, plans] = await Promise.all([
		prisma.$queryRaw<ReviewSqlRow[]>`
			SELECT r.id AS "reviewId", r."childId" AS "childId", r.status AS status, r."dueOn" AS "dueOn", r."meetingOn" AS "meetingOn",
				r."reportReceivedOn" AS "reportReceivedOn", r."schoolId" AS "schoolId", s.phase AS phase,
				c."dateOfBirth" AS "dateOfBirth", c."caseworkerId" AS "caseworkerId",
				d.outcome AS "decisionOutcome", d."decidedOn" AS "decidedOn", ${DECISION_LETTER_AT} AS "decisionLetterAt",
				n."issuedOn" AS "noticeIssuedOn", f."issuedOn" AS "finalIssuedOn"
			FROM "AnnualReview" r
			JOIN "Child" c ON c.id = r."childId"
			LEFT JOIN "School" s ON s.id = r."schoolId"
			LEFT JOIN "Decision" d ON d."reviewId" = r.id
			LEFT JOIN "AmendmentNotice" n ON n."reviewId" = r.id
			LEFT JOIN "FinalPlan" f ON f."reviewId" = r.id
			WHERE c."laId" = ${laId}
				AND (r.status IN (${open})
					OR r."dueOn" BETWEEN ${from} AND ${to}
					OR r."meetingOn" BETWEEN ${from} AND ${to}
					OR d."decidedOn" BETWEEN ${from} AND ${to}
					OR n."issuedOn" BETWEEN ${from} AND ${to})
				${and(reviewFilters)}`,
		// A plan's review date with no review started for it: no open review, and none answering that date or a later one.
		prisma.$queryRaw<PlanSqlRow[]>`
			SELECT c.id AS "childId", p."reviewDueOn" AS "dueOn", c."dateOfBirth" AS "dateOfBirth", c."schoolId" AS "schoolId",
				s.phase AS phase, c."caseworkerId" AS "caseworkerId"
			FROM "EhcPlan" p
			JOIN "Child" c ON c.id = p."childId"
			LEFT JOIN "School" s ON s.id = c."schoolId"
			WHERE c."laId" = ${laId}
				AND p.status = 'ACTIVE'
				AND (p."reviewDueOn" BETWEEN ${from} AND ${to} OR p."reviewDueOn" <= ${today})
				AND NOT EXISTS (
					SELECT 1 FROM "AnnualReview" r
					WHERE r."childId" = c.id AND (r.status IN (${open}) OR r."dueOn" >= p."reviewDueOn"))
				${and(planFilters)}`,
	])
	const rows: TimelinessRow[] = []
	for (const r of reviews) {
		rows.push({
			reviewId: r.reviewId,
			childId: r.childId,
			status: isReviewStatus(r.status) ? r.status : null,
			dateOfBirth: r.dateOfBirth,
			schoolId: r.schoolId,
			phase: r.phase,
			caseworkerId: r.caseworkerId,
			dueOn: r.dueOn,
			meetingOn: r.meetingOn,
			reportReceivedOn: r.reportReceivedOn,
			decisionOutcome: r.decisionOutcome && OUTCOMES.includes(r.decisionOutcome) ? (r.decisionOutcome as DecisionOutcome) : null,
			decidedOn: r.decidedOn,
			decisionLetterSentOn: londonDateOf(r.decisionLetterAt),
			noticeIssuedOn: r.noticeIssuedOn,
			finalIssuedOn: r.finalIssuedOn,
		})
	}
	for (const p of plans) {
		rows.push({
			reviewId: null,
			childId: p.childId,
			status: null,
			dateOfBirth: p.dateOfBirth,
			schoolId: p.schoolId,
			phase: p.phase,
			caseworkerId: p.caseworkerId,
			dueOn: p.dueOn,
			...NO_STEPS_YET,
		})
	}
	return rows
}

export interface FilterOptions {
	months: Array<{ value: Month; label: string }>
	caseworkers: Array<{ value: string; label: string }>
	phases: Array<{ value: string; label: string }>
}

/**
 * The choices in the dashboard's selects: months and this council's caseworkers. Not its schools: a council
 * may have 600, too many for a select, so the school filter is a text field (resolveTimelinessQuery).
 */
export async function filterOptions(user: SessionUser, today: IsoDate, monthLabel: (m: Month) => string): Promise<FilterOptions> {
	const laId = councilIdOf(user)
	const caseworkers = await prisma.user.findMany({
		where: { laId, roles: { some: { role: 'CASEWORKER' } } },
		orderBy: { name: 'asc' },
		select: { id: true, name: true, active: true },
	})
	const current = monthOf(today)
	const months = Array.from({ length: MONTHS_OFFERED }, (_, i) => addMonthsTo(current, -i)).map((m) => ({ value: m, label: monthLabel(m) }))
	return {
		months,
		caseworkers: [
			...caseworkers.map((c) => ({ value: c.id, label: c.active ? c.name : `${c.name} (no longer active)` })),
			{ value: 'none', label: 'No caseworker' },
		],
		phases: SCHOOL_PHASES.map((p) => ({ value: p, label: SCHOOL_PHASE_LABELS[p] })),
	}
}

/** Names for a page of listed rows: the child, and the school that held the review. */
export async function namesFor(user: SessionUser, rows: Array<{ childId: string; schoolId: string | null }>) {
	const laId = councilIdOf(user)
	const [children, schools] = await Promise.all([
		prisma.child.findMany({
			where: { laId, id: { in: [...new Set(rows.map((r) => r.childId))] } },
			select: { id: true, firstName: true, lastName: true, upn: true },
		}),
		prisma.school.findMany({
			where: { laId, id: { in: [...new Set(rows.flatMap((r) => (r.schoolId ? [r.schoolId] : [])))] } },
			select: { id: true, name: true },
		}),
	])
	return { children: new Map(children.map((c) => [c.id, c])), schools: new Map(schools.map((s) => [s.id, s.name])) }
}

/** A listed review as its list shows it: the child by name and UPN, the school by name, and the listing's dates. */
export function namedListing(names: Awaited<ReturnType<typeof namesFor>>, listed: ListedReview) {
	const { row } = listed
	const child = names.children.get(row.childId)
	return {
		childId: row.childId,
		childName: child ? `${child.firstName} ${child.lastName}` : 'Unknown',
		upn: child?.upn ?? '',
		school: row.schoolId ? (names.schools.get(row.schoolId) ?? '') : '',
		status: row.status,
		dueOn: row.dueOn,
		meetingOn: row.meetingOn,
		on: listed.on,
		within: listed.within,
		deadline: listed.deadline ? COUNCIL_DEADLINE_LABELS[listed.deadline] : null,
		deadlineOn: listed.deadlineOn ?? null,
	}
}
