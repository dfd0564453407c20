import { audit } from '#app/auth/audit.server.ts'
import { forbidden, notFound, type SessionUser } from '#app/auth/auth.server.ts'
import { prisma } from '#app/db/db.server.ts'
import type { Prisma } from '#app/generated/sqlite/client.ts'

const LA_ROLES = ['CASEWORKER', 'MANAGER', 'ADMIN'] as const

/**
 * The children a user may see, as a `where` clause that every query about children carries:
 * a SENCo only their own school's, council staff only their own council's, anyone else none.
 */
export function childScope(user: SessionUser): Prisma.ChildWhereInput {
	if (user.laId && user.roles.some((r) => (LA_ROLES as readonly string[]).includes(r))) return { laId: user.laId }
	if (user.schoolId && user.roles.includes('SENCO')) return { schoolId: user.schoolId }
	return { id: { in: [] } }
}

/**
 * The council a member of its staff works for, from the same rule as childScope: every query of a council's
 * caseload, workload or figures is limited to it. Anyone else (a SENCo) is refused.
 */
export function councilIdOf(user: SessionUser): string {
	const scope = childScope(user)
	if (typeof scope.laId !== 'string') throw forbidden()
	return scope.laId
}

/** The same scope for reviews (a review belongs to its child's school and council). */
export function reviewScope(user: SessionUser): Prisma.AnnualReviewWhereInput {
	return { child: childScope(user) }
}

/**
 * Loads a child only if the user may see it: 404 when no such child exists, 403 (audited) when it
 * belongs to another school or council. Every successful read is audited as a view of the record.
 */
export async function requireChildAccess(request: Request, user: SessionUser, childId: string, action: 'child.view' | null = 'child.view') {
	const child = await prisma.child.findFirst({ where: { AND: [{ id: childId }, childScope(user)] }, select: { id: true } })
	if (!child) {
		const exists = await prisma.child.count({ where: { id: childId } })
		if (!exists) throw notFound()
		await audit(request, user.id, 'access.denied', { entityType: 'Child', entityId: childId, childId, details: new URL(request.url).pathname })
		throw forbidden()
	}
	if (action) await audit(request, user.id, action, { entityType: 'Child', entityId: childId, childId })
	return child
}
