import { createHash } from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import type { PrismaClient } from '#app/generated/sqlite/client.ts'

export type { PrismaClient }

export const isPostgres = (url: string) => /^postgres(ql)?:\/\//.test(url)

export type DatabaseProvider = 'sqlite' | 'postgresql'
const providers = new WeakMap<PrismaClient, DatabaseProvider>()

/**
 * Which database a client made by createPrisma speaks to: the PostgreSQL client is typed as the SQLite one, so the
 * type cannot say. A transaction's client is not the client itself: ask of the client that began the transaction.
 */
export function providerOf(client: PrismaClient): DatabaseProvider {
	const provider = providers.get(client)
	if (!provider) throw new Error('providerOf: not a client made by createPrisma (a transaction? ask of its client)')
	return provider
}

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

/**
 * How long a transaction may wait to start (a free connection from the pool; on SQLite, the write lock) and how
 * long it may run. Prisma's defaults (2 s and 5 s) failed requests with HTTP 500 when the server was busy rather
 * than broken: under 50 users on PostgreSQL, 12 of 9,538 requests answered 500 "Unable to start a transaction in the
 * given time" while the pool's 10 connections were taken (bench/results/load.md). A request that waits is slow; one
 * that fails loses what the person typed. The run bound stays, so a stuck transaction still ends and frees its lock.
 */
export const TRANSACTION_OPTIONS = { maxWait: 15_000, timeout: 30_000 }

// The provider follows the URL: a file: URL is the embedded SQLite default (libsql, no native build),
// a postgres:// URL is for councils that run several app instances. Each provider has its own generated
// client (scripts/db.ts generate); their APIs are the same (docs/decisions/002).
// `poolSize`: the most connections the client keeps to PostgreSQL (DATABASE_POOL_SIZE for the app; node-postgres's
// default of 10 otherwise). Each instance has its own pool, so instances × pool size must stay under the server's
// max_connections. SQLite's pool is fixed (below).
export async function createPrisma(url: string, options: { poolSize?: number } = {}): Promise<PrismaClient> {
	if (isPostgres(url)) {
		const [{ PrismaClient: PgClient }, { PrismaPg }] = await Promise.all([import('#app/generated/postgresql/client.ts'), import('@prisma/adapter-pg')])
		const client = new PgClient({
			adapter: new PrismaPg({ connectionString: url, max: options.poolSize ?? 10 }, { statementNameGenerator: statementName }),
			transactionOptions: TRANSACTION_OPTIONS,
		}) as unknown as PrismaClient
		providers.set(client, 'postgresql')
		return client
	}
	const file = url.replace(/^file:/, '').split('?')[0]!
	if (file && file !== ':memory:') fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true })
	const { PrismaClient: SqliteClient } = await import('#app/generated/sqlite/client.ts')
	const client = new SqliteClient({ adapter: await sqliteAdapter(file), transactionOptions: TRANSACTION_OPTIONS })
	providers.set(client, 'sqlite')
	// WAL lets the web server read while another process writes; it is a property of the file, set once.
	await client.$queryRawUnsafe('PRAGMA journal_mode = WAL')
	return client
}

/**
 * Every connection's settings, applied when the connection is opened. libsql's client keeps a pool and opens a
 * fresh connection whenever one is dropped; settings sent as ordinary statements reach only the connection that
 * happened to run them (busy_timeout fell back to 0, and a lock held by another worker failed at once).
 * - busy_timeout: wait up to 5 s for another process's write lock (SQLite retries with back-off within it);
 * - foreign_keys: the schema's relations are enforced;
 * - cache_size: a page cache of up to 64 MiB (SQLite's default is 2 MiB): at Kent scale the caseload page's
 *   statement took 2.2 ms with 2 MiB, 1.4 ms with 64 MiB (docs/decisions/012).
 */
export const SQLITE_CONNECTION_SETTINGS = 'PRAGMA busy_timeout = 5000; PRAGMA foreign_keys = ON; PRAGMA cache_size = -65536;'

/**
 * Prisma's libsql adapter with two changes that make several processes on one SQLite file safe (docs/decisions/014):
 * 1. the settings above on every connection the pool opens;
 * 2. transactions begin IMMEDIATE (the adapter asks for DEFERRED). A deferred transaction that reads and then writes
 *    cannot wait for the write lock: if another process committed since its read, SQLite answers SQLITE_BUSY at
 *    once, whatever the busy timeout (the snapshot is stale). Taking the write lock at BEGIN makes every
 *    transaction wait its turn within the busy timeout instead. A failed COMMIT is rolled back by libsql's pool
 *    before the connection is reused (@libsql/client 0.18 `ConnectionPool.release`), so no lock is left held.
 */
async function sqliteAdapter(file: string) {
	const [{ PrismaLibSql }, { ConnectionPool, Sqlite3Client }] = await Promise.all([import('@prisma/adapter-libsql'), import('@libsql/client/sqlite3')])
	type Connection = ReturnType<InstanceType<typeof ConnectionPool>['acquireSync']>
	const configured = new WeakSet<Connection>()
	class ConfiguredConnections extends ConnectionPool {
		override acquireSync(forTransaction?: boolean): Connection {
			const db = super.acquireSync(forTransaction)
			if (!configured.has(db)) {
				db.exec(SQLITE_CONNECTION_SETTINGS)
				configured.add(db)
			}
			return db
		}
	}
	class ImmediateTransactions extends Sqlite3Client {
		override transaction(mode?: Parameters<InstanceType<typeof Sqlite3Client>['transaction']>[0]) {
			return super.transaction(mode === 'deferred' || mode === undefined ? 'write' : mode)
		}
	}
	// The adapter runs one statement or transaction at a time per process (its own mutex), so a small pool is plenty.
	class ConfiguredSqlite extends PrismaLibSql {
		override createClient() {
			return new ImmediateTransactions(new ConfiguredConnections(file, {}, 2), 'number')
		}
	}
	return new ConfiguredSqlite({ url: `file:${file}` })
}
