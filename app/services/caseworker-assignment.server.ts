// Giving children to caseworkers: one child from the caseload (/children/:id/caseworker), or some of one
// caseworker's children at once (/workload). Each child's move is audited on its record. The caseworkers and
// their loads are read in app/queries/workload.server.ts.
import { audit } from '#app/auth/audit.server.ts'
import type { SessionUser } from '#app/auth/auth.server.ts'
import { prisma } from '#app/db/db.server.ts'

type Caseworker = { id: string; name: string }

/** The child's caseworker becomes `caseworker` (an active caseworker of the child's council: the caller checks). */
export async function assignCaseworker(request: Request, user: SessionUser, childId: string, caseworker: Caseworker) {
	await prisma.$transaction(async (tx) => {
		const before = await tx.child.findUniqueOrThrow({ where: { id: childId }, select: { caseworkerId: true } })
		await tx.child.update({ where: { id: childId }, data: { caseworkerId: caseworker.id } })
		await audit(
			request,
			user.id,
			'caseworker.assign',
			{ entityType: 'Child', entityId: childId, childId, details: `from ${before.caseworkerId ?? 'unassigned'} to ${caseworker.id}` },
			tx,
		)
	})
}

/**
 * Moves the council's children `childIds` from one caseworker (`from`; null: no caseworker) to another, and
 * returns how many moved. All or none: if any child has been moved by someone else meanwhile, nothing is moved
 * and the answer is null.
 */
export async function moveChildren(request: Request, user: SessionUser, laId: string, move: { childIds: string[]; from: Caseworker | null; to: Caseworker }) {
	const { childIds: ids, from, to } = move
	const fromLabel = from ? `${from.name} (${from.id})` : 'No caseworker'
	const toLabel = `${to.name} (${to.id})`
	return prisma.$transaction(async (tx) => {
		const where = { id: { in: ids }, laId, caseworkerId: from?.id ?? null }
		const found = await tx.child.findMany({ where, select: { id: true } })
		if (found.length !== ids.length) return null
		const updated = await tx.child.updateMany({ where, data: { caseworkerId: to.id } })
		if (updated.count !== ids.length) throw new Error('reassignment changed a different number of children than selected')
		for (const child of found) {
			await audit(
				request,
				user.id,
				'caseworker.assign',
				{ entityType: 'Child', entityId: child.id, childId: child.id, details: `${fromLabel} -> ${toLabel}` },
				tx,
			)
		}
		return found.length
	})
}
