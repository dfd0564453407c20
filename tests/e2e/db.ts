// The journeys' database (the one scripts/e2e-server.ts seeded), read to pick test subjects and to
// check what a journey stored. Journeys never change data behind the app's back.
import fs from 'node:fs'
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

/** The reasons the journeys that decide a submitted review give (tests/e2e/caseworker.ts, family-record.ts). */
export const JOURNEY_DECISION_REASONS = {
	caseworker: 'The evidence shows communication needs have changed.',
	familyRecord: 'The plan still meets the needs: the outcomes are on track.',
} as const

/**
 * Kent's reviews that were submitted when the seed finished (listed by scripts/e2e-server.ts before any journey ran),
 * whatever has happened to them since: journeys that decide a submitted review choose among these, so that a review
 * another journey submits or decides meanwhile does not shift their choice, and two journeys never take the same one.
 */
export function submittedAsSeeded(): { id: { in: string[] } } {
	const { submittedReviewIds } = JSON.parse(fs.readFileSync(path.resolve('data/e2e/seeded.json'), 'utf8')) as { submittedReviewIds: string[] }
	return { id: { in: submittedReviewIds } }
}
