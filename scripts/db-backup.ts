// Backup and restore of the embedded SQLite database.
//
//   npm run db:backup                  copy DATABASE_URL's database, while the server runs, to data/backups/portal-<time>.db
//   npm run db:backup -- FILE          ... to FILE
//   npm run db:restore -- FILE         put FILE back as DATABASE_URL's database (the server must be stopped)
//
// The backup is SQLite's own online copy, `VACUUM INTO`: one read transaction, so it is a consistent snapshot of
// the database at one moment, taken while the server goes on reading and writing (in WAL mode readers and the
// writer do not block each other). The copy is then checked with `PRAGMA integrity_check`.
//
// A restore replaces the live file, so it is refused while any process has the database open (the server, a
// job, a shell): the portal's workers would go on with the old file's pages and WAL and corrupt it. It checks the
// backup first, keeps the database it replaces as a backup of its own, removes the old -wal and -shm files (a WAL
// left beside the restored file would be replayed into it), and moves the restored copy into place in one rename.
//
// Evidence files (EVIDENCE_DIR) and issued documents (DOCUMENTS_DIR) are files: back them up with the database,
// with ordinary file tools. On PostgreSQL, use pg_dump and pg_restore.
import fs from 'node:fs'
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import { createClient, type Client } from '@libsql/client'

export const DEFAULT_DATABASE_URL = 'file:./data/portal.db'

export class BackupError extends Error {}

const isPostgres = (url: string) => /^postgres(ql)?:\/\//.test(url)

/** The database file a `file:` URL names, made absolute (relative paths are relative to the working directory). */
export function sqliteFileOf(url: string): string {
	if (isPostgres(url)) throw new BackupError(postgresMessage())
	if (!url.startsWith('file:')) throw new BackupError(`DATABASE_URL must be a file: URL for SQLite or a postgres:// URL, not ${JSON.stringify(url)}`)
	const file = url.slice('file:'.length).split('?')[0]!
	if (!file || file === ':memory:') throw new BackupError('An in-memory database cannot be backed up or restored')
	return path.resolve(file)
}

function postgresMessage() {
	return [
		'On PostgreSQL, back up with pg_dump and restore with pg_restore, for example:',
		'  pg_dump --format=custom --file=portal.dump "$DATABASE_URL"',
		'  pg_restore --clean --if-exists --no-owner --dbname="$DATABASE_URL" portal.dump',
	].join('\n')
}

function timestamp(now = new Date()) {
	return now
		.toISOString()
		.replace(/\.\d+Z$/, 'Z')
		.replace(/:/g, '-')
}

async function open(file: string): Promise<Client> {
	const client = createClient({ url: `file:${file}` })
	// Wait for a lock rather than fail at once (a checkpoint by the server, say).
	await client.execute('PRAGMA busy_timeout = 10000')
	return client
}

/** `PRAGMA integrity_check` and that the file is a portal database (it has the migrations table). */
export async function checkDatabase(file: string): Promise<{ users: number; reviews: number }> {
	if (!fs.existsSync(file)) throw new BackupError(`${file} does not exist`)
	const client = await open(file)
	try {
		const result = await client.execute('PRAGMA integrity_check')
		const answers = result.rows.map((row) => String(row[0]))
		if (answers.join() !== 'ok') throw new BackupError(`${file} failed its integrity check: ${answers.slice(0, 5).join('; ')}`)
		const tables = await client.execute("SELECT name FROM sqlite_master WHERE type = 'table' AND name IN ('_prisma_migrations', 'User', 'AnnualReview')")
		if (tables.rows.length !== 3) throw new BackupError(`${file} is not a database of this portal (no migrations, users or reviews)`)
		const users = Number((await client.execute('SELECT count(*) FROM "User"')).rows[0]![0])
		const reviews = Number((await client.execute('SELECT count(*) FROM "AnnualReview"')).rows[0]![0])
		return { users, reviews }
	} finally {
		client.close()
	}
}

/** The live database's online copy at `target` (default: data/backups/portal-<time>.db beside the database). */
export async function backupSqlite(databaseUrl: string, target?: string): Promise<{ file: string; bytes: number; users: number; reviews: number }> {
	const source = sqliteFileOf(databaseUrl)
	if (!fs.existsSync(source)) throw new BackupError(`There is no database at ${source}`)
	const file = path.resolve(target ?? path.join(path.dirname(source), 'backups', `${path.basename(source, path.extname(source))}-${timestamp()}.db`))
	if (fs.existsSync(file)) throw new BackupError(`${file} already exists: name a new file`)
	fs.mkdirSync(path.dirname(file), { recursive: true })
	const client = await open(source)
	try {
		await client.execute({ sql: 'VACUUM INTO ?', args: [file] })
	} catch (error) {
		fs.rmSync(file, { force: true })
		throw error
	} finally {
		client.close()
	}
	try {
		const counts = await checkDatabase(file)
		return { file, bytes: fs.statSync(file).size, ...counts }
	} catch (error) {
		fs.rmSync(file, { force: true })
		throw error
	}
}

/** Processes (other than none) that have the file, its -wal or its -shm open, from /proc (Linux). */
export function processesUsing(file: string): number[] {
	if (!fs.existsSync('/proc/self/fd')) return []
	const names = new Set([file, `${file}-wal`, `${file}-shm`].map((f) => (fs.existsSync(f) ? fs.realpathSync(f) : f)))
	const pids: number[] = []
	for (const pid of fs.readdirSync('/proc')) {
		if (!/^\d+$/.test(pid)) continue
		let fds: string[]
		try {
			fds = fs.readdirSync(`/proc/${pid}/fd`)
		} catch {
			continue // another user's process, or gone
		}
		for (const fd of fds) {
			try {
				if (names.has(fs.readlinkSync(`/proc/${pid}/fd/${fd}`))) {
					pids.push(Number(pid))
					break
				}
			} catch {
				// closed meanwhile
			}
		}
	}
	return pids
}

/** Puts the backup `source` in place of DATABASE_URL's database; refused while anything has that database open. */
export async function restoreSqlite(
	source: string,
	databaseUrl: string,
): Promise<{ file: string; replacedKeptAt: string | null; users: number; reviews: number }> {
	const target = sqliteFileOf(databaseUrl)
	const backup = path.resolve(source)
	if (backup === target) throw new BackupError('The backup is the database itself')
	await checkDatabase(backup)
	const users = processesUsing(target)
	if (users.length) {
		throw new BackupError(`The database ${target} is in use (process ${users.join(', ')}): stop the server (and anything else using it) before restoring`)
	}
	fs.mkdirSync(path.dirname(target), { recursive: true })
	// The database being replaced is kept, whole, as a backup of its own.
	let replacedKeptAt: string | null = null
	if (fs.existsSync(target)) {
		replacedKeptAt = path.join(path.dirname(target), 'backups', `${path.basename(target, path.extname(target))}-before-restore-${timestamp()}.db`)
		await backupSqlite(`file:${target}`, replacedKeptAt).catch((error: unknown) => {
			throw new BackupError(`Could not keep a copy of the database being replaced (${(error as Error).message}); nothing was changed`)
		})
	}
	const incoming = `${target}.restoring`
	fs.copyFileSync(backup, incoming)
	const handle = fs.openSync(incoming, 'r+')
	fs.fsyncSync(handle)
	fs.closeSync(handle)
	for (const suffix of ['-wal', '-shm', '-journal']) fs.rmSync(target + suffix, { force: true })
	fs.renameSync(incoming, target)
	const counts = await checkDatabase(target)
	return { file: target, replacedKeptAt, ...counts }
}

async function main(argv: string[]) {
	const [command, file] = argv
	const url = process.env.DATABASE_URL || DEFAULT_DATABASE_URL
	if (isPostgres(url)) {
		console.error(postgresMessage())
		return 2
	}
	const mb = (bytes: number) => `${(bytes / 2 ** 20).toFixed(1)} MB`
	if (command === 'backup') {
		const started = performance.now()
		const result = await backupSqlite(url, file)
		console.log(
			`Backed up ${sqliteFileOf(url)} to ${result.file}: ${mb(result.bytes)}, integrity ok, ${result.users} users and ${result.reviews} reviews, in ${((performance.now() - started) / 1000).toFixed(1)} s.`,
		)
		console.log('Back up EVIDENCE_DIR and DOCUMENTS_DIR with it (they are files).')
		return 0
	}
	if (command === 'restore') {
		if (!file) throw new BackupError('Name the backup to restore: npm run db:restore -- FILE')
		const result = await restoreSqlite(file, url)
		console.log(`Restored ${path.resolve(file)} to ${result.file}: integrity ok, ${result.users} users and ${result.reviews} reviews.`)
		if (result.replacedKeptAt) console.log(`The database it replaced is kept at ${result.replacedKeptAt}.`)
		console.log('Restore EVIDENCE_DIR and DOCUMENTS_DIR from the same time, then start the server.')
		return 0
	}
	console.error('Usage: npx tsx scripts/db-backup.ts backup [FILE] | restore FILE')
	return 2
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
	main(process.argv.slice(2)).then(
		(code) => (process.exitCode = code),
		(error: unknown) => {
			console.error(error instanceof BackupError ? error.message : error)
			process.exitCode = 1
		},
	)
}
