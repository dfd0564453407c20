/**
 * The council's caseload: every open annual review in the council, plus every child whose next review is
 * due within 12 weeks (or overdue) and has no review started yet, most urgent first, 25 to a page.
 *
 * How the kinds of row become one list, fast at Kent scale (21,000 children, ~25,000 reviews):
 * - Open reviews are sorted by their stored next deadline (AnnualReview.nextDeadlineOn, kept in step by
 *   refreshNextDeadline and the daily refresh), "review due" children by their plan's stored review date
 *   (EhcPlan.reviewDueOn). Both are indexed, so each kind's first N rows in date order come straight off an index.
 * - A page is one SQL statement (caseloadPage): the first p x 25 keys of each kind in date order (each kind
 *   limited in its own subquery, so each walks its index and stops), sorted together and sliced to page p, then
 *   joined to the rows' details. Page 1 reads 50 keys and 25 rows, however large the council. On the same date an
 *   open review comes first; reviews with no open deadline (a final plan issued, not yet closed) come last.
 * - The list stops at 1,000 rows (CASELOAD_MAX_ROWS, 40 pages); see caseloadCounts for why and how it is counted.
 * So a page costs three statements (the session, the counts, the page), in SQL that SQLite and PostgreSQL share
 * with bound parameters; Prisma's query builder took seven for the same page, at 0.1-0.4 ms of JavaScript each
 * (docs/decisions/012). The spreadsheet export reads its keys with the same statement (caseloadKeys), so the
 * two can never disagree on what a filter means.
 *
 * Tenancy: every statement is limited to the user's council (councilIdOf, from the same rule as childScope).
 * Open reviews are found by their own `laId` (the council responsible for the review, the leading column of
 * their indexes, so the council's are counted without a join) or by children already read in the council's
 * scope; plans through their child's `laId`. A row is shown only when both its review and its child are the council's.
 */
import type { SessionUser } from '#app/auth/auth.server.ts'
import { councilIdOf } from '#app/auth/tenancy.server.ts'
import { prisma } from '#app/db/db.server.ts'
import { addDays, daysBetween, type IsoDate } from '#app/domain/calendar-date.ts'
import { CASELOAD_MAX_ROWS, CASELOAD_PAGE_SIZE, DUE_SOON_DAYS, NOT_STARTED, REVIEW_DUE_WINDOW_DAYS, type CaseloadFilter } from '#app/domain/caseload.ts'
import { reviewFacts } from '#app/domain/review-facts.ts'
import { OPEN_REVIEW_STATUSES, type ReviewStatus } from '#app/domain/review-status.ts'
import { computeDeadlines, nextDeadline, ragStatus, type Deadline } from '#app/domain/statutory-clock.ts'
import { Prisma } from '#app/generated/sqlite/client.ts'
import { matchSchools, type SchoolMatch } from '#app/queries/schools.server.ts'

/** A caseload filter with its school filter resolved to the council's matching schools (null: any school). */
export type CaseloadQuery = CaseloadFilter & { schools: SchoolMatch[] | null }

/** Reads the school filter's schools: the filter as the statements below take it. */
export async function resolveCaseloadFilter(user: SessionUser, filter: CaseloadFilter): Promise<CaseloadQuery> {
	return { ...filter, schools: await matchSchools(user, filter.school) }
}

const sql = Prisma.sql
const and = (conditions: Prisma.Sql[]) => (conditions.length ? sql`AND ${Prisma.join(conditions, ' AND ')}` : Prisma.empty)
/** A text searched for as itself: LIKE's wildcards (and its escape character) escaped. */
const likeContaining = (text: string) => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`

/**
 * The deadline filters as conditions on a row's date column: overdue (before today), due within 7 days (today
 * to today + 7), or both ticked (anything up to today + 7). None when neither is ticked.
 */
function deadlineConditions(filter: CaseloadQuery, today: IsoDate, column: Prisma.Sql): Prisma.Sql[] {
	const soonEnd = addDays(today, DUE_SOON_DAYS)
	if (filter.overdue && filter.dueSoon) return [sql`${column} <= ${soonEnd}`]
	if (filter.overdue) return [sql`${column} < ${today}`]
	if (filter.dueSoon) return [sql`${column} >= ${today}`, sql`${column} <= ${soonEnd}`]
	return []
}

/** Conditions on the child `c` (caseworker, school, phase transfer, name or UPN), shared by every kind of row. */
function childConditions(user: SessionUser, filter: CaseloadQuery): Prisma.Sql[] {
	const where: Prisma.Sql[] = []
	if (filter.view === 'mine') where.push(sql`c."caseworkerId" = ${user.id}`)
	if (filter.view === 'unassigned') where.push(sql`c."caseworkerId" IS NULL`)
	if (filter.schools) where.push(filter.schools.length ? sql`c."schoolId" IN (${Prisma.join(filter.schools.map((s) => s.id))})` : sql`1 = 0`)
	if (filter.phaseTransfer) where.push(sql`c."phaseTransfer" IS NOT NULL`)
	// searchText is stored lower-case, so the search is case-insensitive on SQLite and PostgreSQL alike.
	if (filter.q) where.push(sql`c."searchText" LIKE ${likeContaining(filter.q.toLowerCase())} ESCAPE '\\'`)
	return where
}

/**
 * The children the rows may belong to. A caseworker's own caseload, one school's children or the children a
 * search finds are usually a few hundred at most: they are read first (through the caseworkerId or schoolId
 * index, or one pass over the names) and their reviews and plans are then found by child. Across the council,
 * or when that set is large, the reviews and plans are walked in date order instead, each probing its child.
 * (Each is the way SQLite plans well, with statistics or without.)
 */
type ChildSet = { ids: string[] } | { conditions: Prisma.Sql[] }
// Under the 999 bound parameters a SQLite statement may have, with room for the rest of the statement.
const CHILD_SET_LIMIT = 900

async function childSet(user: SessionUser, filter: CaseloadQuery, laId: string): Promise<ChildSet> {
	const conditions = childConditions(user, filter)
	if (filter.view !== 'mine' && !filter.schools && !filter.q) return { conditions }
	const children = await prisma.$queryRaw<{ id: string }[]>`
		SELECT c."id" FROM "Child" c WHERE c."laId" = ${laId} ${and(conditions)} LIMIT ${CHILD_SET_LIMIT + 1}`
	return children.length > CHILD_SET_LIMIT ? { conditions } : { ids: children.map((c) => c.id) }
}

/**
 * The `WHERE` conditions of each kind of row, or null where the filter rules a kind out (a status filter rules
 * out children with no review started; 'not started' rules out open reviews).
 * - `reviews`: open reviews (alias r), dated or not;
 * - `due`: plans (alias p) of children due a review within 12 weeks (or overdue) with none started.
 */
function caseloadConditions(user: SessionUser, filter: CaseloadQuery, today: IsoDate, laId: string, children: ChildSet) {
	const childOf = (column: Prisma.Sql, always: boolean): Prisma.Sql[] => {
		if ('ids' in children) return [children.ids.length ? sql`${column} IN (${Prisma.join(children.ids)})` : sql`1 = 0`]
		if (!always && !children.conditions.length) return []
		return [sql`EXISTS (SELECT 1 FROM "Child" c WHERE c."id" = ${column} AND c."laId" = ${laId} ${and(children.conditions)})`]
	}
	const open = Prisma.join(OPEN_REVIEW_STATUSES)
	const reviews =
		filter.state === NOT_STARTED
			? null
			: [
					// The council's reviews, by their own laId (indexed with the status and date), or those of children
					// already read in its scope.
					...('ids' in children ? [] : [sql`r."laId" = ${laId}`]),
					filter.state ? sql`r."status" = ${filter.state}` : sql`r."status" IN (${open})`,
					...deadlineConditions(filter, today, sql`r."nextDeadlineOn"`),
					...childOf(sql`r."childId"`, false),
				]
	const due =
		filter.state !== null && filter.state !== NOT_STARTED
			? null
			: [
					sql`p."status" = 'ACTIVE'`,
					// Every deadline filter ends before the 12-week window does, so it narrows the window.
					...(filter.overdue || filter.dueSoon
						? deadlineConditions(filter, today, sql`p."reviewDueOn"`)
						: [sql`p."reviewDueOn" <= ${addDays(today, REVIEW_DUE_WINDOW_DAYS)}`]),
					...childOf(sql`p."childId"`, true),
					sql`NOT EXISTS (SELECT 1 FROM "AnnualReview" o WHERE o."childId" = p."childId" AND o."status" IN (${open}))`,
				]
	return { reviews, due }
}

/**
 * The keys of the rows, in the caseload's order: open reviews by next deadline (kind 0), children due a review by
 * their review date (kind 1), and on the same date a review first; then reviews with no open deadline (kind 2) by
 * id. Each kind is read in its own order up to `limit` (its index walked and stopped), then all are sorted together.
 * Reviews with no open deadline come after every dated row, and sorting them costs more than the rest (600 of them
 * at Kent scale, 0.8 ms): `undated: false` leaves them out of a page that ends before them.
 */
function keysSql(conditions: ReturnType<typeof caseloadConditions>, limit: number | null, { undated = true } = {}): Prisma.Sql {
	const take = limit === null ? Prisma.empty : sql`LIMIT ${limit}`
	const arms: Prisma.Sql[] = []
	if (conditions.reviews) {
		const where = Prisma.join(conditions.reviews, ' AND ')
		arms.push(
			sql`SELECT * FROM (SELECT 0 AS "kind", r."id" AS "id", r."nextDeadlineOn" AS "sortOn" FROM "AnnualReview" r
				WHERE ${where} AND r."nextDeadlineOn" IS NOT NULL ORDER BY r."nextDeadlineOn", r."id" ${take}) AS "dated"`,
		)
		if (undated) {
			arms.push(
				sql`SELECT * FROM (SELECT 2 AS "kind", r."id" AS "id", r."nextDeadlineOn" AS "sortOn" FROM "AnnualReview" r
					WHERE ${where} AND r."nextDeadlineOn" IS NULL ORDER BY r."id" ${take}) AS "undated"`,
			)
		}
	}
	if (conditions.due) {
		arms.push(
			sql`SELECT * FROM (SELECT 1 AS "kind", p."childId" AS "id", p."reviewDueOn" AS "sortOn" FROM "EhcPlan" p
				WHERE ${Prisma.join(conditions.due, ' AND ')} ORDER BY p."reviewDueOn", p."childId" ${take}) AS "due"`,
		)
	}
	return Prisma.join(arms, ' UNION ALL ')
}
const KEY_ORDER = sql`ORDER BY "sortOn" IS NULL, "sortOn", "kind", "id"`

/**
 * How many rows the list has, up to its cap. Open reviews are counted from their index without reading a row,
 * up to the cap (all 5,600 at Kent scale would be 0.3 ms on SQLite). Children due a review are counted by walking
 * their plans in date order, each probed for an open review and its child's council, about 1 µs a plan; a whole
 * council's (10,000 plans at Kent scale) would cost 10 ms a page for a number nobody acts on. So the walk stops
 * past the cap, and is not taken at all when open reviews alone fill the list: beyond it the page says "more than
 * 1,000" and the filters narrow the list. `dated` counts the open reviews with a deadline among those counted.
 */
async function caseloadCounts(conditions: ReturnType<typeof caseloadConditions>) {
	// Up to the cap too: past it the total is "more than 1,000" whatever it is (5,600 at Kent scale).
	const reviews = conditions.reviews
		? sql`SELECT COUNT(*) AS "n", COUNT("sortOn") AS "dated" FROM (SELECT r."nextDeadlineOn" AS "sortOn" FROM "AnnualReview" r
				WHERE ${Prisma.join(conditions.reviews, ' AND ')} LIMIT ${CASELOAD_MAX_ROWS + 1}) AS "open"`
		: sql`SELECT 0 AS "n", 0 AS "dated"`
	const due = conditions.due
		? sql`(SELECT COUNT(*) FROM (SELECT 1 FROM "EhcPlan" p WHERE ${Prisma.join(conditions.due, ' AND ')}
				ORDER BY p."reviewDueOn", p."childId" LIMIT ${CASELOAD_MAX_ROWS + 1}) AS "d")`
		: sql`0`
	// CASE evaluates the due count only when it is needed, on SQLite and PostgreSQL alike.
	const [counts] = await prisma.$queryRaw<{ reviews: number | bigint; dated: number | bigint; due: number | bigint }[]>`
		SELECT "n" AS "reviews", "dated", CASE WHEN "n" > ${CASELOAD_MAX_ROWS} THEN 0 ELSE ${due} END AS "due" FROM (${reviews}) AS "counted"`
	return { reviews: Number(counts!.reviews), dated: Number(counts!.dated), due: Number(counts!.due) }
}

/**
 * Every key of the caseload in its order, for the spreadsheet (no cap: a council's whole caseload is ~15,000 keys
 * of ~60 bytes). The same statement as the page's, so the two always agree.
 */
export async function caseloadKeys(user: SessionUser, filter: CaseloadQuery, today: IsoDate): Promise<CaseloadKey[]> {
	const laId = councilIdOf(user)
	const conditions = caseloadConditions(user, filter, today, laId, await childSet(user, filter, laId))
	if (!conditions.reviews && !conditions.due) return []
	const keys = await prisma.$queryRaw<{ kind: number | bigint; id: string; sortOn: IsoDate | null }[]>`
		SELECT "kind", "id", "sortOn" FROM (${keysSql(conditions, null)}) AS "keys" ${KEY_ORDER}`
	return keys.map((k) => ({ kind: Number(k.kind) === 1 ? 'due' : 'review', id: k.id, sortOn: k.sortOn }))
}
export type CaseloadKey = { kind: 'review' | 'due'; id: string; sortOn: IsoDate | null }

export interface CaseloadDeadline {
	id: Deadline['id']
	label: string
	dueOn: IsoDate
	daysLeft: number
	colour: 'red' | 'amber' | 'green'
	words: string
}

export interface CaseloadRow {
	kind: 'review' | 'due'
	/** The review's id for an open review, the child's for a review due. */
	key: string
	href: string
	childId: string
	childName: string
	upn: string
	school: string | null
	/** The review's status, or null: no review started. */
	status: ReviewStatus | null
	caseworker: string | null
	/** The stored date the list is sorted by. */
	sortOn: IsoDate | null
	deadline: CaseloadDeadline | null
}

function shown(deadline: Deadline | undefined, today: IsoDate): CaseloadDeadline | null {
	if (!deadline) return null
	const rag = ragStatus(deadline)
	return { id: deadline.id, label: deadline.label, dueOn: deadline.dueOn, daysLeft: daysBetween(today, deadline.dueOn), colour: rag.colour, words: rag.words }
}

type PageSqlRow = {
	kind: number | bigint
	key: string
	sortOn: IsoDate | null
	childId: string
	firstName: string
	lastName: string
	upn: string
	dateOfBirth: string
	yearGroup: number | null
	phaseTransfer: string | null
	schoolName: string | null
	caseworkerName: string | null
	firstIssuedOn: string | null
	lastReviewOn: string | null
	reviewId: string | null
	status: string | null
	nextDeadlineId: string | null
	dueOn: string | null
	meetingOn: string | null
	invitationsSentOn: string | null
	adviceCirculatedOn: string | null
	reportReceivedOn: string | null
	decisionOutcome: string | null
	decidedOn: string | null
	noticeIssuedOn: string | null
	finalIssuedOn: string | null
}

/**
 * One page of the caseload, most urgent first, with the totals for the pagination: the counts, then the page's
 * keys and their rows in one statement. The rows are found from the page's 25 keys (SQLite without statistics
 * would rather walk the council's children: the CROSS JOIN keeps it on the 25 keys first,
 * https://sqlite.org/optoverview.html#crossjoin; PostgreSQL reads it as a join), each limited to the council on
 * the review and on the child. The school's and caseworker's names, the notice and the final plan are read by
 * subquery rather than joined: PostgreSQL plans this statement afresh for each request, and with every table
 * joined the planning took 3 ms, more than running it (with subqueries, about 1 ms).
 */
export async function loadCaseload(user: SessionUser, filter: CaseloadQuery, today: IsoDate) {
	const laId = councilIdOf(user)
	const conditions = caseloadConditions(user, filter, today, laId, await childSet(user, filter, laId))
	const counts = conditions.reviews || conditions.due ? await caseloadCounts(conditions) : { reviews: 0, dated: 0, due: 0 }
	const counted = counts.reviews + counts.due
	const total = Math.min(counted, CASELOAD_MAX_ROWS)
	const pages = Math.max(1, Math.ceil(total / CASELOAD_PAGE_SIZE))
	const page = Math.min(filter.page, pages)
	const offset = (page - 1) * CASELOAD_PAGE_SIZE
	// Reviews with no open deadline come after every dated row; at least `dated + due` rows are dated (the due count
	// may stop early), so a page ending within them needs no undated ones.
	const undated = page * CASELOAD_PAGE_SIZE > counts.dated + counts.due
	const sqlRows = total
		? await prisma.$queryRaw<PageSqlRow[]>`
			WITH "page" AS (SELECT * FROM (${keysSql(conditions, page * CASELOAD_PAGE_SIZE, { undated })}) AS "keys" ${KEY_ORDER} LIMIT ${CASELOAD_PAGE_SIZE} OFFSET ${offset})
			SELECT k."kind", k."id" AS "key", k."sortOn",
				r."id" AS "reviewId", r."status", r."nextDeadlineId", r."dueOn", r."meetingOn", r."invitationsSentOn", r."adviceCirculatedOn", r."reportReceivedOn",
				d."outcome" AS "decisionOutcome", d."decidedOn",
				(SELECT n."issuedOn" FROM "AmendmentNotice" n WHERE n."reviewId" = r."id") AS "noticeIssuedOn",
				(SELECT f."issuedOn" FROM "FinalPlan" f WHERE f."reviewId" = r."id") AS "finalIssuedOn",
				c."id" AS "childId", c."firstName", c."lastName", c."upn", c."dateOfBirth", c."yearGroup", c."phaseTransfer",
				(SELECT s."name" FROM "School" s WHERE s."id" = c."schoolId") AS "schoolName",
				(SELECT u."name" FROM "User" u WHERE u."id" = c."caseworkerId") AS "caseworkerName",
				p."firstIssuedOn", p."lastReviewOn"
			FROM "page" k
			LEFT JOIN "AnnualReview" r ON k."kind" <> 1 AND r."id" = k."id" AND r."laId" = ${laId}
			CROSS JOIN "Child" c
			LEFT JOIN "EhcPlan" p ON p."childId" = c."id"
			LEFT JOIN "Decision" d ON d."reviewId" = r."id"
			WHERE c."id" = (CASE WHEN k."kind" = 1 THEN k."id" ELSE r."childId" END) AND c."laId" = ${laId}
			ORDER BY k."sortOn" IS NULL, k."sortOn", k."kind", k."id"`
		: []
	const rows: CaseloadRow[] = []
	for (const row of sqlRows) {
		if (row.firstIssuedOn === null) continue
		const child = {
			dateOfBirth: row.dateOfBirth,
			yearGroup: row.yearGroup === null ? null : Number(row.yearGroup),
			phaseTransfer: row.phaseTransfer,
			plan: { firstIssuedOn: row.firstIssuedOn, lastReviewOn: row.lastReviewOn },
		}
		const base = {
			childId: row.childId,
			childName: `${row.firstName} ${row.lastName}`,
			upn: row.upn,
			school: row.schoolName,
			caseworker: row.caseworkerName,
			sortOn: row.sortOn,
		}
		if (Number(row.kind) !== 1 && row.reviewId) {
			const facts = reviewFacts(
				{
					dueOn: row.dueOn,
					meetingOn: row.meetingOn,
					invitationsSentOn: row.invitationsSentOn,
					adviceCirculatedOn: row.adviceCirculatedOn,
					reportReceivedOn: row.reportReceivedOn,
					decision: row.decisionOutcome && row.decidedOn ? { outcome: row.decisionOutcome, decidedOn: row.decidedOn } : null,
					notice: row.noticeIssuedOn ? { issuedOn: row.noticeIssuedOn } : null,
					finalPlan: row.finalIssuedOn ? { issuedOn: row.finalIssuedOn } : null,
					child,
				},
				today,
			)
			// The deadline the list is sorted by, described by the statutory clock itself (label, state in words).
			// Should the stored one have gone stale (the clock moved on with the calendar), the clock's next is shown.
			const deadlines = computeDeadlines(facts)
			const stored = deadlines.find((d) => d.id === row.nextDeadlineId && d.state !== 'met')
			rows.push({
				...base,
				kind: 'review',
				key: row.reviewId,
				href: `/reviews/${row.reviewId}`,
				status: row.status as ReviewStatus,
				deadline: row.nextDeadlineId ? shown(stored ?? nextDeadline(deadlines) ?? undefined, today) : null,
			})
		} else {
			const facts = reviewFacts({ meetingOn: null, reportReceivedOn: null, child }, today)
			rows.push({
				...base,
				kind: 'due',
				key: row.childId,
				href: `/children/${row.childId}`,
				status: null,
				deadline: shown(
					computeDeadlines(facts).find((d) => d.id === 'review_due'),
					today,
				),
			})
		}
	}
	return { rows, total, capped: counted > CASELOAD_MAX_ROWS, page, pages }
}

/** A child a search found who has no row on the caseload: no review open and none due within 12 weeks. */
export interface OffCaseloadChild {
	childId: string
	childName: string
	upn: string
	school: string | null
	caseworker: string | null
	/** Their latest review (closed), if any: the record a caseworker looking them up most likely wants. */
	latestReview: { id: string; status: ReviewStatus; dueOn: IsoDate } | null
	reviewDueOn: IsoDate | null
}
export const OFF_CASELOAD_LIMIT = 25

/**
 * The council's children a search finds who are not on the caseload (a review closed, the next not yet due, or a
 * plan ceased): the caseload's search finds any child of the council, not only those with something to do.
 * Read only for a search, through the same lower-case searchText, limited to the council.
 */
export async function childrenOffCaseload(user: SessionUser, q: string, today: IsoDate): Promise<{ children: OffCaseloadChild[]; more: boolean }> {
	if (!q) return { children: [], more: false }
	const laId = councilIdOf(user)
	const found = await prisma.child.findMany({
		where: {
			laId,
			searchText: { contains: q.toLowerCase() },
			reviews: { none: { status: { in: OPEN_REVIEW_STATUSES } } },
			NOT: { plan: { is: { status: 'ACTIVE', reviewDueOn: { lte: addDays(today, REVIEW_DUE_WINDOW_DAYS) } } } },
		},
		orderBy: [{ lastName: 'asc' }, { firstName: 'asc' }, { id: 'asc' }],
		take: OFF_CASELOAD_LIMIT + 1,
		select: {
			id: true,
			firstName: true,
			lastName: true,
			upn: true,
			school: { select: { name: true } },
			caseworker: { select: { name: true } },
			plan: { select: { reviewDueOn: true, status: true } },
			reviews: { orderBy: [{ dueOn: 'desc' }, { id: 'desc' }], take: 1, select: { id: true, status: true, dueOn: true } },
		},
	})
	return {
		more: found.length > OFF_CASELOAD_LIMIT,
		children: found.slice(0, OFF_CASELOAD_LIMIT).map((c) => ({
			childId: c.id,
			childName: `${c.firstName} ${c.lastName}`,
			upn: c.upn,
			school: c.school?.name ?? null,
			caseworker: c.caseworker?.name ?? null,
			latestReview: c.reviews[0] ? { id: c.reviews[0].id, status: c.reviews[0].status as ReviewStatus, dueOn: c.reviews[0].dueOn } : null,
			reviewDueOn: c.plan?.status === 'ACTIVE' ? c.plan.reviewDueOn : null,
		})),
	}
}
