// Writing an import's plan: new rows with bulk inserts (app/db/bulk-insert.server.ts, shared with the seed), changed
// rows one update each, in foreign-key order, inside the import's transaction.
import { breathe, bulkInsert } from '#app/db/bulk-insert.server.ts'
import type { Tx } from '#app/db/db.server.ts'
import type { DatabaseProvider } from '#app/db/factory.server.ts'
import { chunks, type ImportPlan } from './plan.server.ts'

type Table = 'School' | 'Child' | 'EhcPlan' | 'PlanVersion' | 'PlanOutcome' | 'PlanProvision'
const TIMESTAMPS: Record<Table, Array<'createdAt' | 'updatedAt'>> = {
	School: ['createdAt', 'updatedAt'],
	Child: ['createdAt', 'updatedAt'],
	EhcPlan: ['createdAt', 'updatedAt'],
	PlanVersion: ['createdAt'],
	PlanOutcome: [],
	PlanProvision: [],
}

/** Multi-row INSERTs of rows that all have the same columns, stamped with the time of the import, one statement at a time. */
async function insertMany(tx: Tx, provider: DatabaseProvider, table: Table, rows: readonly object[]) {
	for (const statement of bulkInsert(tx, table, rows, { provider, timestamps: TIMESTAMPS[table] })) {
		await statement
		await breathe()
	}
}

/** Writes everything the plan holds, in foreign-key order, with bulk inserts. Run inside a transaction. */
export async function writePlan(tx: Tx, provider: DatabaseProvider, plan: ImportPlan, onProgress?: (done: number, total: number) => void) {
	const total =
		plan.schoolCreates.length +
		plan.schoolUpdates.length +
		plan.childCreates.length +
		plan.childUpdates.length +
		plan.planCreates.length +
		plan.planUpdates.length +
		plan.versions.length
	let done = 0
	const step = (n: number) => {
		done += n
		onProgress?.(done, total)
	}
	await insertMany(tx, provider, 'School', plan.schoolCreates)
	step(plan.schoolCreates.length)
	for (const u of plan.schoolUpdates) {
		await tx.school.update({ where: { id: u.id }, data: u.data })
		step(1)
	}
	for (const part of chunks(plan.childCreates, 2000)) {
		await insertMany(tx, provider, 'Child', part)
		step(part.length)
	}
	for (const [i, u] of plan.childUpdates.entries()) {
		await tx.child.update({ where: { id: u.id }, data: u.data })
		step(1)
		if (i % 200 === 199) await breathe()
	}
	for (const part of chunks(plan.planCreates, 2000)) {
		await insertMany(tx, provider, 'EhcPlan', part)
		step(part.length)
	}
	for (const part of chunks(plan.versions, 1000)) {
		await insertMany(
			tx,
			provider,
			'PlanVersion',
			part.map((v) => v.version),
		)
		await insertMany(
			tx,
			provider,
			'PlanOutcome',
			part.flatMap((v) => v.outcomes),
		)
		await insertMany(
			tx,
			provider,
			'PlanProvision',
			part.flatMap((v) => v.provisions),
		)
		step(part.length)
	}
	// Plans point at their new current version only once it exists.
	for (const [i, u] of plan.planUpdates.entries()) {
		await tx.ehcPlan.update({ where: { id: u.id }, data: u.data })
		step(1)
		if (i % 200 === 199) await breathe()
	}
}
