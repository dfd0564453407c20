// The journeys' database (the one scripts/e2e-server.ts seeded), read to pick test subjects and to
// check what a journey stored. Journeys never change data behind the app's back.
import path from 'node:path'
import { createPrisma, type PrismaClient } from '#app/db/factory.server.ts'

let client: Promise<PrismaClient> | undefined
export function e2eDb() {
	client ??= createPrisma(`file:${path.resolve('data/e2e/portal.db')}`)
	return client
}

/** Children of a school with a plan, no review in draft and below Year 9, in a stable order. */
export async function childrenReadyForReview(schoolEmail: string) {
	const db = await e2eDb()
	const senco = await db.user.findUniqueOrThrow({ where: { email: schoolEmail }, select: { schoolId: true } })
	return db.child.findMany({
		where: { schoolId: senco.schoolId!, plan: { isNot: null }, yearGroup: { lt: 9 }, reviews: { none: { status: { not: 'CLOSED' } } } },
		orderBy: [{ lastName: 'asc' }, { firstName: 'asc' }],
		select: { id: true, firstName: true, lastName: true, upn: true },
	})
}
