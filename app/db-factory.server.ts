import { createHash } from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import type { PrismaClient } from '#app/generated/sqlite/client.ts'

export type { PrismaClient }

export const isPostgres = (url: string) => /^postgres(ql)?:\/\//.test(url)

/**
 * PostgreSQL plans every statement it is sent; the caseload's joins take longer to plan (1-3 ms) than to run. A
 * name makes node-postgres prepare a statement once per connection and reuse it (and PostgreSQL its plan). The
 * name is the statement's hash, so the same SQL always has the same name; statements with long parameter lists
 * (imports, bulk writes: each list length is a different statement) are left unnamed rather than kept.
 */
function statementName(query: { sql: string; args: unknown[] }): string {
	if (query.args.length > 100 || query.sql.length > 10_000) return undefined as unknown as string
	return `p${createHash('sha1').update(query.sql).digest('base64url')}`
}

// The provider follows the URL: a file: URL is the embedded SQLite default (libsql, no native build),
// a postgres:// URL is for councils that run several app instances. Each provider has its own generated
// client (scripts/db.ts generate); their APIs are the same (docs/decisions/002).
export async function createPrisma(url: string): Promise<PrismaClient> {
	if (isPostgres(url)) {
		const [{ PrismaClient: PgClient }, { PrismaPg }] = await Promise.all([import('#app/generated/postgresql/client.ts'), import('@prisma/adapter-pg')])
		return new PgClient({ adapter: new PrismaPg({ connectionString: url }, { statementNameGenerator: statementName }) }) as unknown as PrismaClient
	}
	const file = url.replace(/^file:/, '').split('?')[0]!
	if (file && file !== ':memory:') fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true })
	const [{ PrismaClient: SqliteClient }, { PrismaLibSql }] = await Promise.all([import('#app/generated/sqlite/client.ts'), import('@prisma/adapter-libsql')])
	const client = new SqliteClient({ adapter: new PrismaLibSql({ url }) })
	// WAL lets the web server read while a job writes; busy_timeout waits for a lock instead of failing.
	// (The adapter runs one statement or transaction at a time on one connection, so these settings hold for all.)
	await client.$queryRawUnsafe('PRAGMA journal_mode = WAL')
	await client.$queryRawUnsafe('PRAGMA busy_timeout = 5000')
	await client.$queryRawUnsafe('PRAGMA foreign_keys = ON')
	// A page cache of up to 64 MiB (SQLite's default is 2 MiB): a council's caseload page reads pages of several
	// tables and indexes; with the default they are read from the file again on almost every request (at Kent scale
	// the caseload page's statement took 2.2 ms with 2 MiB, 1.4 ms with 64 MiB: docs/decisions/012).
	await client.$queryRawUnsafe('PRAGMA cache_size = -65536')
	return client
}
