/**
 * The council's caseload: every open annual review in the council, plus every child whose next review is
 * due within 12 weeks (or overdue) and has no review started yet, most urgent first, 25 to a page.
 *
 * How the two kinds of row become one list, fast at Kent scale (21,000 children, ~25,000 reviews):
 * - Open reviews are sorted by their stored next deadline (AnnualReview.nextDeadlineOn, kept in step by
 *   refreshNextDeadline), "review due" children by their plan's stored review date (EhcPlan.reviewDueOn).
 *   Both are indexed, so each kind's first N rows in date order come straight off an index.
 * - A page is the merge of the two kinds by date: for page p we read the first p x 25 keys (id and date
 *   only) of each kind, merge them, slice the page and only then load those 25 rows in full. Page 1 reads
 *   50 keys, however large the council. On the same date an open review comes first. Reviews with no open
 *   deadline (a final plan issued, not yet closed) have no date and come last.
 * - The list stops at 1,000 rows (CASELOAD_MAX_ROWS, 40 pages); see pageKeys for why and how it is counted.
 * A single SQL UNION would sort both kinds in full for every page, and Prisma cannot express one.
 *
 * Tenancy: every query is limited to the user's council. Open reviews are found by their own `laId` (the
 * council responsible for the review, the leading column of their indexes, so the council's are counted
 * without a join), or by children already read in the council's scope; children and plans always through
 * `childScope(user)`. A row is shown only when its child is found in `childScope(user)` too.
 */
import { prisma } from '#app/db.server.ts'
import { addDays, daysBetween, type IsoDate } from '#app/domain/calendar-date.ts'
import { CASELOAD_MAX_ROWS, CASELOAD_PAGE_SIZE, DUE_SOON_DAYS, NOT_STARTED, REVIEW_DUE_WINDOW_DAYS, type CaseloadFilter } from '#app/domain/caseload.ts'
import { OPEN_REVIEW_STATUSES, type ReviewStatus } from '#app/domain/review-status.ts'
import { computeDeadlines, nextDeadline, ragStatus, type Deadline } from '#app/domain/statutory-clock.ts'
import { Prisma } from '#app/generated/sqlite/client.ts'
import { forbidden, type SessionUser } from '#app/utils/auth.server.ts'
import { reviewFacts } from '#app/domain/review-facts.ts'
import { matchSchools, type SchoolMatch } from '#app/utils/schools.server.ts'
import { childScope } from '#app/utils/tenancy.server.ts'

type DateRange = { lt?: IsoDate; gte?: IsoDate; lte?: IsoDate }

/**
 * The deadline filters as one date range on the row's date: overdue (before today), due within 7 days
 * (today to today + 7), or both ticked (anything up to today + 7).
 */
function deadlineRange(filter: CaseloadQuery, today: IsoDate): DateRange | null {
	const soonEnd = addDays(today, DUE_SOON_DAYS)
	if (filter.overdue && filter.dueSoon) return { lte: soonEnd }
	if (filter.overdue) return { lt: today }
	if (filter.dueSoon) return { gte: today, lte: soonEnd }
	return null
}

/** A caseload filter with its school filter resolved to the council's matching schools (null: any school). */
export type CaseloadQuery = CaseloadFilter & { schools: SchoolMatch[] | null }

/** Reads the school filter's schools: the filter as the where clauses below take it. */
export async function resolveCaseloadFilter(user: SessionUser, filter: CaseloadFilter): Promise<CaseloadQuery> {
	return { ...filter, schools: await matchSchools(user, filter.school) }
}

/** Filters on the child (caseworker, school, phase transfer, name or UPN), shared by both kinds of row. */
function childFilters(user: SessionUser, filter: CaseloadQuery): Prisma.ChildWhereInput[] {
	const where: Prisma.ChildWhereInput[] = []
	if (filter.view === 'mine') where.push({ caseworkerId: user.id })
	if (filter.view === 'unassigned') where.push({ caseworkerId: null })
	if (filter.schools) where.push({ schoolId: { in: filter.schools.map((s) => s.id) } })
	if (filter.phaseTransfer) where.push({ phaseTransfer: { not: null } })
	// searchText is stored lower-case, so `contains` is case-insensitive on SQLite and PostgreSQL alike.
	if (filter.q) where.push({ searchText: { contains: filter.q.toLowerCase() } })
	return where
}

/**
 * The children the rows may belong to. A caseworker's own caseload, one school's children or the children a
 * search finds are usually a few hundred at most: they are read first (through the caseworkerId or schoolId
 * index, or one pass over the names) and their reviews and plans are then found by child. Across the council,
 * or when that set is large, the reviews and plans are walked in date order instead with the child's filters
 * joined in. (Each is the way SQLite plans well, with statistics or without.)
 */
type ChildSet = { ids: string[] } | { filters: Prisma.ChildWhereInput[] }
// Under the 999 bound parameters Prisma allows a SQLite statement, with room for the rest of the query.
const CHILD_SET_LIMIT = 900

async function childSet(user: SessionUser, filter: CaseloadQuery): Promise<ChildSet> {
	const filters = childFilters(user, filter)
	if (filter.view !== 'mine' && !filter.schools && !filter.q) return { filters }
	const children = await prisma.child.findMany({ where: { AND: [childScope(user), ...filters] }, take: CHILD_SET_LIMIT + 1, select: { id: true } })
	return children.length > CHILD_SET_LIMIT ? { filters } : { ids: children.map((c) => c.id) }
}

/**
 * Open reviews matching the filter, or null when the filter rules them out ('not started'). Without a child set
 * the child's filters are joined in (as the caseload export uses it).
 */
export function openReviewWhere(
	user: SessionUser,
	filter: CaseloadQuery,
	today: IsoDate,
	children: ChildSet = { filters: childFilters(user, filter) },
): Prisma.AnnualReviewWhereInput | null {
	if (filter.state === NOT_STARTED || !user.laId) return null
	const range = deadlineRange(filter, today)
	return {
		AND: [
			// The council's reviews: those of children read in its scope, or those with its own laId (indexed with
			// the status and date, so the whole council's are counted without reading a row).
			'ids' in children ? { childId: { in: children.ids } } : { laId: user.laId },
			{ status: filter.state ? filter.state : { in: OPEN_REVIEW_STATUSES } },
			...(range ? [{ nextDeadlineOn: range }] : []),
			// The child's filters need the join anyway, so the child's tenancy scope rides along.
			...('filters' in children && children.filters.length ? [{ child: { AND: [childScope(user), ...children.filters] } }] : []),
		],
	}
}

/** Plans of children due a review (within 12 weeks or overdue) with none started, or null when ruled out. */
export function reviewDueWhere(
	user: SessionUser,
	filter: CaseloadQuery,
	today: IsoDate,
	children: ChildSet = { filters: childFilters(user, filter) },
): Prisma.EhcPlanWhereInput | null {
	if (filter.state !== null && filter.state !== NOT_STARTED) return null
	const range = deadlineRange(filter, today)
	const windowEnd = addDays(today, REVIEW_DUE_WINDOW_DAYS)
	const notStarted = { reviews: { none: { status: { in: OPEN_REVIEW_STATUSES } } } }
	return {
		status: 'ACTIVE',
		// Every deadline range ends before the window does, so it narrows the window.
		reviewDueOn: range ?? { lte: windowEnd },
		...('ids' in children
			? { childId: { in: children.ids }, child: notStarted }
			: { child: { AND: [childScope(user), ...children.filters, notStarted] } }),
	}
}

const REVIEW_ORDER = [{ nextDeadlineOn: 'asc' }, { id: 'asc' }] satisfies Prisma.AnnualReviewOrderByWithRelationInput[]
const DUE_ORDER = [{ reviewDueOn: 'asc' }, { childId: 'asc' }] satisfies Prisma.EhcPlanOrderByWithRelationInput[]

type Key = { kind: 'review' | 'due'; id: string; sortOn: IsoDate | null }

/** Merges two lists each already in date order; on the same date an open review comes first. */
function mergeByDate(reviews: Key[], due: Key[]): Key[] {
	const out: Key[] = []
	let i = 0
	let j = 0
	while (i < reviews.length || j < due.length) {
		const r = reviews[i]
		const d = due[j]
		if (r && (!d || r.sortOn! <= d.sortOn!)) {
			out.push(r)
			i++
		} else {
			out.push(d!)
			j++
		}
	}
	return out
}

/**
 * The keys of one page in order, and the totals. The list stops at CASELOAD_MAX_ROWS: open reviews are
 * counted exactly from their index (without reading a row), but children due a review are counted by
 * walking their plans in date order, each probed for an open review and its child's council, about 1 µs a
 * plan; a whole council's (10,000 plans at Kent scale) would cost 10 ms a page for a number nobody acts on.
 * So the walk stops when the list is full, and beyond it the page says "more than 1,000" and the filters
 * narrow the list.
 */
async function pageKeys(user: SessionUser, filter: CaseloadQuery, today: IsoDate) {
	const children = await childSet(user, filter)
	const reviewWhere = openReviewWhere(user, filter, today, children)
	const dueWhere = reviewDueWhere(user, filter, today, children)
	const datedWhere = reviewWhere && { AND: [reviewWhere, { nextDeadlineOn: { not: null } }] }
	// Counted from their (laId, status, nextDeadlineOn) index without reading a row: at Kent scale 5,600 entries,
	// about 0.3 ms on SQLite and 1 ms on PostgreSQL. (A count limited to the cap would need an order, and the
	// order SQLite then picks sorts every open review first.)
	const reviews = reviewWhere ? await prisma.annualReview.count({ where: reviewWhere }) : 0
	const maxPage = CASELOAD_MAX_ROWS / CASELOAD_PAGE_SIZE
	const wanted = Math.min(filter.page, maxPage) * CASELOAD_PAGE_SIZE
	// Room left in the list for children due: they are counted up to it (in the database, no rows read), and
	// their keys read to this page.
	const dueLimit = Math.max(wanted, CASELOAD_MAX_ROWS + 1 - reviews)
	const [reviewKeys, dueKeys, due] = await Promise.all([
		datedWhere && reviews
			? prisma.annualReview.findMany({ where: datedWhere, orderBy: REVIEW_ORDER, take: wanted, select: { id: true, nextDeadlineOn: true } })
			: [],
		dueWhere ? prisma.ehcPlan.findMany({ where: dueWhere, orderBy: DUE_ORDER, take: wanted, select: { childId: true, reviewDueOn: true } }) : [],
		// In date order too: the walk then follows the reviewDueOn index and stops at the limit (without an order
		// Prisma orders a limited count by id, and SQLite would sort every matching plan first).
		// (Not at all when the open reviews fill the list: it is "more than 1,000" whatever the count.)
		dueWhere && reviews <= CASELOAD_MAX_ROWS ? prisma.ehcPlan.count({ where: dueWhere, orderBy: DUE_ORDER, take: dueLimit }) : 0,
	])
	// A count under the limit is all of them; one at the limit fills the list past the cap, so the total is then
	// "more than" it either way.
	const counted = reviews + due
	const shown = Math.min(counted, CASELOAD_MAX_ROWS)
	const pages = Math.max(1, Math.ceil(shown / CASELOAD_PAGE_SIZE))
	const page = Math.min(filter.page, pages)
	const offset = (page - 1) * CASELOAD_PAGE_SIZE
	const end = Math.min(offset + CASELOAD_PAGE_SIZE, shown)
	const keys: Key[] = mergeByDate(
		reviewKeys.map((r) => ({ kind: 'review' as const, id: r.id, sortOn: r.nextDeadlineOn })),
		dueKeys.map((p) => ({ kind: 'due' as const, id: p.childId, sortOn: p.reviewDueOn })),
	).slice(offset, end)
	// Past every dated row (so both key lists were read to their end and are exact): reviews with no open
	// deadline, in a stable order.
	if (keys.length < end - offset && reviewWhere) {
		const skip = Math.max(0, offset - (reviewKeys.length + dueKeys.length))
		const rest = await prisma.annualReview.findMany({
			where: { AND: [reviewWhere, { nextDeadlineOn: null }] },
			orderBy: { id: 'asc' },
			skip,
			take: end - offset - keys.length,
			select: { id: true },
		})
		keys.push(...rest.map((r) => ({ kind: 'review' as const, id: r.id, sortOn: null })))
	}
	return { keys, total: shown, capped: counted > CASELOAD_MAX_ROWS, page, pages }
}

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

type ChildSqlRow = {
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
}
type ReviewSqlRow = ChildSqlRow & {
	reviewId: string
	status: string
	nextDeadlineId: string | null
	meetingOn: string | null
	invitationsSentOn: string | null
	adviceCirculatedOn: string | null
	reportReceivedOn: string | null
	decisionOutcome: string | null
	decidedOn: string | null
	noticeIssuedOn: string | null
	finalIssuedOn: string | null
}

const CHILD_COLUMNS = Prisma.sql`c."id" AS "childId", c."firstName", c."lastName", c."upn", c."dateOfBirth", c."yearGroup", c."phaseTransfer",
	s."name" AS "schoolName", u."name" AS "caseworkerName", p."firstIssuedOn", p."lastReviewOn"`
const CHILD_JOINS = Prisma.sql`LEFT JOIN "School" s ON s."id" = c."schoolId" LEFT JOIN "User" u ON u."id" = c."caseworkerId" LEFT JOIN "EhcPlan" p ON p."childId" = c."id"`

/**
 * One page of the caseload, most urgent first, with the totals for the pagination. The page's 25 rows are read
 * by id in two statements with their joins (SQL that SQLite and PostgreSQL share, with bound parameters),
 * rather than Prisma's eight queries of nested selects, since every page view pays for them. Both are limited
 * to the council from `childScope(user)`, on the child and on the review, and the (id, laId) indexes answer
 * that directly. (SQLite without statistics would rather walk the council's children: the CROSS JOIN keeps
 * it on the 25 reviews first, https://sqlite.org/optoverview.html#crossjoin; PostgreSQL reads it as a join.)
 */
export async function loadCaseload(user: SessionUser, filter: CaseloadQuery, today: IsoDate) {
	const { keys, total, capped, page, pages } = await pageKeys(user, filter, today)
	const laId = councilOf(user)
	const reviewIds = keys.filter((k) => k.kind === 'review').map((k) => k.id)
	const childIds = keys.filter((k) => k.kind === 'due').map((k) => k.id)
	const [reviews, children] = await Promise.all([
		reviewIds.length
			? prisma.$queryRaw<ReviewSqlRow[]>`
				SELECT r."id" AS "reviewId", r."status", r."nextDeadlineId", r."meetingOn", r."invitationsSentOn", r."adviceCirculatedOn", r."reportReceivedOn",
					d."outcome" AS "decisionOutcome", d."decidedOn", n."issuedOn" AS "noticeIssuedOn", f."issuedOn" AS "finalIssuedOn", ${CHILD_COLUMNS}
				FROM "AnnualReview" r
				CROSS JOIN "Child" c
				${CHILD_JOINS}
				LEFT JOIN "Decision" d ON d."reviewId" = r."id"
				LEFT JOIN "AmendmentNotice" n ON n."reviewId" = r."id"
				LEFT JOIN "FinalPlan" f ON f."reviewId" = r."id"
				WHERE r."id" IN (${Prisma.join(reviewIds)}) AND r."laId" = ${laId} AND c."id" = r."childId" AND c."laId" = ${laId}`
			: [],
		childIds.length
			? prisma.$queryRaw<ChildSqlRow[]>`SELECT ${CHILD_COLUMNS} FROM "Child" c ${CHILD_JOINS} WHERE c."id" IN (${Prisma.join(childIds)}) AND c."laId" = ${laId}`
			: [],
	])
	const reviewById = new Map(reviews.map((r) => [r.reviewId, r]))
	const childById = new Map(children.map((c) => [c.childId, c]))
	const rows: CaseloadRow[] = []
	for (const key of keys) {
		const review = key.kind === 'review' ? reviewById.get(key.id) : undefined
		const row: ChildSqlRow | undefined = key.kind === 'review' ? review : childById.get(key.id)
		if (!row || row.firstIssuedOn === null) continue
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
			sortOn: key.sortOn,
		}
		if (review) {
			const facts = reviewFacts(
				{
					meetingOn: review.meetingOn,
					invitationsSentOn: review.invitationsSentOn,
					adviceCirculatedOn: review.adviceCirculatedOn,
					reportReceivedOn: review.reportReceivedOn,
					decision: review.decisionOutcome && review.decidedOn ? { outcome: review.decisionOutcome, decidedOn: review.decidedOn } : null,
					notice: review.noticeIssuedOn ? { issuedOn: review.noticeIssuedOn } : null,
					finalPlan: review.finalIssuedOn ? { issuedOn: review.finalIssuedOn } : null,
					child,
				},
				today,
			)
			// The deadline the list is sorted by, described by the statutory clock itself (label, state in words).
			// Should the stored one have gone stale (the clock moved on with the calendar), the clock's next is shown.
			const deadlines = computeDeadlines(facts)
			const stored = deadlines.find((d) => d.id === review.nextDeadlineId && d.state !== 'met')
			rows.push({
				...base,
				kind: 'review',
				key: review.reviewId,
				href: `/reviews/${review.reviewId}`,
				status: review.status as ReviewStatus,
				deadline: review.nextDeadlineId ? shown(stored ?? nextDeadline(deadlines) ?? undefined, today) : null,
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
	return { rows, total, capped, page, pages }
}

/** The council the user works for, from the same tenancy rule as every other query. */
function councilOf(user: SessionUser): string {
	const scope = childScope(user)
	if (typeof scope.laId !== 'string') throw forbidden()
	return scope.laId
}
