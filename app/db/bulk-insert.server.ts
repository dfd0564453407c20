// Multi-row INSERTs, for the two places that write thousands of rows at once: the caseload import
// (app/services/import/write.server.ts) and the seed (prisma/seed-data.ts). Prisma's createMany spends 100-500 µs a
// row in the client (query compilation per call, growing memory): about 40 s for a 21,000-row import's children,
// plans, versions, outcomes and provision, and on SQLite every other request waits for the transaction. Plain
// multi-row INSERTs cost about a tenth of that, which is also what makes the Kent-scale seed fit in its time.
import type { Tx } from '#app/db/db.server.ts'
import type { DatabaseProvider, PrismaClient } from '#app/db/factory.server.ts'
import type { Prisma } from '#app/generated/sqlite/client.ts'

/**
 * Bound values a statement carries, at most. Each engine has a limit: SQLite's SQLITE_MAX_VARIABLE_NUMBER (32,766
 * since 3.32) and PostgreSQL's 65,535 (the Bind message counts parameters in 16 bits). This stays well under both,
 * and is small because @prisma/debug keeps the arguments of the last 100 queries (MAX_ARGS_HISTORY) in memory even
 * with logging off.
 */
const VALUES_PER_STATEMENT = 5_000

export type TimestampColumn = 'createdAt' | 'updatedAt'

/**
 * The INSERT statements that write `rows` into `table`, as many rows a statement as VALUES_PER_STATEMENT allows.
 * Each is built when the generator is asked for it and runs when it is awaited (one at a time, in an interactive
 * transaction) or when the list is given to `prisma.$transaction([...])`.
 *
 * - Parameters are bound as ? on SQLite and $1, $2... on PostgreSQL (the only kind it reads): `provider` says which
 *   (providerOf in app/db/factory.server.ts). SQLite reads $1 as
 *   a named parameter and looks each one up among those before it, so a statement of 5,000 took 8 times as long
 *   (260 µs a row against 32, measured through Prisma and libsql). Values go through Prisma's own encoding (a
 *   Date is written exactly as Prisma writes it); undefined is written as NULL.
 * - Rows must all have the same keys (checked). Table and column names come from the schema's models and fields
 *   (no @@map in use), so they are never user input.
 * - @updatedAt has no database default, and SQLite's CURRENT_TIMESTAMP is not the format Prisma writes: rows carry
 *   their timestamps, or name them in `timestamps` to have them filled with the time of the call, written as Prisma
 *   writes them (ISO text with +00:00 on SQLite; PostgreSQL reads the same text as UTC).
 */
export function* bulkInsert(
	db: PrismaClient | Tx,
	table: Prisma.ModelName,
	rows: readonly object[],
	options: { provider: DatabaseProvider; timestamps?: readonly TimestampColumn[] },
): Generator<Prisma.PrismaPromise<number>> {
	if (!rows.length) return
	const fields = Object.keys(rows[0]!)
	const stamped = options.timestamps ?? []
	const now = new Date().toISOString().replace('Z', '+00:00')
	const columnList = [...fields, ...stamped].map((c) => `"${c}"`).join(',')
	const perStatement = Math.max(1, Math.floor(VALUES_PER_STATEMENT / (fields.length + stamped.length)))
	const placeholder = options.provider === 'postgresql' ? (n: number) => `$${n}` : () => '?'
	for (let start = 0; start < rows.length; start += perStatement) {
		const values: unknown[] = []
		const tuples = rows.slice(start, start + perStatement).map((row) => {
			if (Object.keys(row).length !== fields.length) throw new Error(`bulkInsert: rows for ${table} do not all have the same fields`)
			const placeholders = fields.map((field) => placeholder(values.push((row as Record<string, unknown>)[field] ?? null)))
			for (const _ of stamped) placeholders.push(placeholder(values.push(now)))
			return `(${placeholders.join(',')})`
		})
		yield db.$executeRawUnsafe(`INSERT INTO "${table}" (${columnList}) VALUES ${tuples.join(',')}`, ...values)
	}
}

/**
 * Lets the event loop turn. libsql frees a statement's native memory in a finaliser that runs on a later turn, so a
 * long loop of awaited queries that never yields holds every statement it ran (see prisma/seed-data.ts).
 */
export const breathe = () => new Promise((resolve) => setImmediate(resolve))
