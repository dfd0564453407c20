// Who works which child: the council's caseworkers, each one's load for the workload page (/workload), and the
// children one of them holds. The changes are in app/services/caseworker-assignment.server.ts.
import { prisma } from '#app/db/db.server.ts'
import { addDays } from '#app/domain/calendar-date.ts'
import { DUE_SOON_DAYS } from '#app/domain/caseload.ts'
import { OPEN_REVIEW_STATUSES } from '#app/domain/review-status.ts'
import { Prisma } from '#app/generated/sqlite/client.ts'

/** The workload row (and the `from` of the reassignment form) for the children with no caseworker. */
export const NO_CASEWORKER = 'none'

export type Counts = { children: number; open: number; dueThisWeek: number; overdue: number }

/** The council's caseworkers who can take on a child: active users with the caseworker role. */
export function activeCaseworkers(laId: string) {
	return prisma.user.findMany({
		where: { laId, active: true, roles: { some: { role: 'CASEWORKER' } } },
		orderBy: [{ name: 'asc' }, { email: 'asc' }],
		select: { id: true, name: true },
	})
}

/** One of the council's active caseworkers, or null (another council's, no longer active, or not a caseworker). */
export function activeCaseworker(laId: string, userId: string) {
	return prisma.user.findFirst({ where: { id: userId, laId, active: true, roles: { some: { role: 'CASEWORKER' } } }, select: { id: true, name: true } })
}

/** One of the council's staff (active or not), or null. */
export function councilStaffMember(laId: string, userId: string) {
	return prisma.user.findFirst({ where: { id: userId, laId }, select: { id: true, name: true } })
}

/** A child and who their caseworker is now. */
export function childCaseworker(childId: string) {
	return prisma.child.findUniqueOrThrow({
		where: { id: childId },
		select: { id: true, firstName: true, lastName: true, caseworkerId: true, caseworker: { select: { name: true } } },
	})
}

/**
 * Each caseworker's load: children, open reviews, open reviews whose next statutory deadline (the one the
 * caseload sorts by) is due within 7 days (the caseload's filter and the clock's amber band), and overdue work: open reviews past that deadline plus plans
 * whose review date has passed with no review started.
 */
async function workloadCounts(laId: string, today: string): Promise<Map<string | null, Counts>> {
	const weekEnd = addDays(today, DUE_SOON_DAYS)
	const open = Prisma.join([...OPEN_REVIEW_STATUSES])
	const [children, reviews, notStarted] = await Promise.all([
		prisma.child.groupBy({ by: ['caseworkerId'], where: { laId }, _count: { _all: true } }),
		prisma.$queryRaw<Array<{ caseworkerId: string | null; open: number | bigint; dueThisWeek: number | bigint | null; overdue: number | bigint | null }>>`
			SELECT c."caseworkerId" AS "caseworkerId", COUNT(*) AS open,
				SUM(CASE WHEN r."nextDeadlineOn" BETWEEN ${today} AND ${weekEnd} THEN 1 ELSE 0 END) AS "dueThisWeek",
				SUM(CASE WHEN r."nextDeadlineOn" < ${today} THEN 1 ELSE 0 END) AS overdue
			FROM "AnnualReview" r JOIN "Child" c ON c.id = r."childId"
			WHERE c."laId" = ${laId} AND r.status IN (${open})
			GROUP BY c."caseworkerId"`,
		prisma.$queryRaw<Array<{ caseworkerId: string | null; count: number | bigint }>>`
			SELECT c."caseworkerId" AS "caseworkerId", COUNT(*) AS count
			FROM "EhcPlan" p JOIN "Child" c ON c.id = p."childId"
			WHERE c."laId" = ${laId} AND p.status = 'ACTIVE' AND p."reviewDueOn" < ${today}
				AND NOT EXISTS (SELECT 1 FROM "AnnualReview" r WHERE r."childId" = c.id AND r.status IN (${open}))
			GROUP BY c."caseworkerId"`,
	])
	const counts = new Map<string | null, Counts>()
	const entry = (id: string | null) => {
		let c = counts.get(id)
		if (!c) counts.set(id, (c = { children: 0, open: 0, dueThisWeek: 0, overdue: 0 }))
		return c
	}
	for (const c of children) entry(c.caseworkerId).children = c._count._all
	for (const r of reviews) {
		const c = entry(r.caseworkerId)
		c.open = Number(r.open)
		c.dueThisWeek = Number(r.dueThisWeek ?? 0)
		c.overdue += Number(r.overdue ?? 0)
	}
	for (const p of notStarted) entry(p.caseworkerId).overdue += Number(p.count)
	return counts
}

/**
 * The workload table: a row per caseworker (one no longer active only while they still hold work), and a last
 * row for the children with no caseworker; `caseworkers` are all the council's, to name and choose from.
 */
export async function workloadTable(laId: string, today: string) {
	const [caseworkers, counts] = await Promise.all([
		prisma.user.findMany({
			where: { laId, roles: { some: { role: 'CASEWORKER' } } },
			orderBy: { name: 'asc' },
			select: { id: true, name: true, active: true },
		}),
		workloadCounts(laId, today),
	])
	const zero: Counts = { children: 0, open: 0, dueThisWeek: 0, overdue: 0 }
	const rows = [
		...caseworkers
			.filter((c) => c.active || counts.has(c.id))
			.map((c) => ({ id: c.id, name: c.active ? c.name : `${c.name} (no longer active)`, ...(counts.get(c.id) ?? zero) })),
		{ id: NO_CASEWORKER, name: 'No caseworker', ...(counts.get(null) ?? zero) },
	]
	return { caseworkers, rows }
}

/** The council's children a caseworker holds (null: those with none), by surname. */
export async function childrenHeldBy(laId: string, caseworkerId: string | null) {
	const children = await prisma.child.findMany({
		where: { laId, caseworkerId },
		orderBy: [{ lastName: 'asc' }, { firstName: 'asc' }],
		select: { id: true, firstName: true, lastName: true, upn: true, school: { select: { name: true } }, plan: { select: { reviewDueOn: true } } },
	})
	return children.map((c) => ({
		id: c.id,
		name: `${c.firstName} ${c.lastName}`,
		upn: c.upn,
		school: c.school?.name ?? 'No school',
		reviewDueOn: c.plan?.reviewDueOn ?? null,
	}))
}
