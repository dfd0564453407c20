// Backup and restore of the SQLite database (scripts/db-backup.ts): an online copy taken while another process writes,
// restored into a new file, is a whole database people can sign in to; a restore over a database in use is refused.
import { spawn, spawnSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { expect, test } from 'vitest'
import { verifyPassword } from '#app/auth/password.server.ts'
import { createPrisma, isPostgres, prisma } from '#app/db/db.server.ts'
import { DEMO_PASSWORD } from '#prisma/seed-data.ts'
import { backupSqlite, restoreSqlite, sqliteFileOf } from '../../scripts/db-backup.ts'

const onPostgres = isPostgres(process.env.DATABASE_URL!)
const SENCO = 'senco@oakfield-primary.example.org'

function scratchDir() {
	const dir = fs.mkdtempSync(path.resolve('tests/.tmp/backup-'))
	return { dir, remove: () => fs.rmSync(dir, { recursive: true, force: true }) }
}

/**
 * Another process writing to the database as fast as it can, as the server would: one audit event after another.
 * (Not this process: libsql runs statements synchronously, so the backup would block this process's own writes.)
 */
function startWriter(databaseUrl: string) {
	const code = `
		const { createClient } = await import('@libsql/client')
		const client = createClient({ url: ${JSON.stringify(databaseUrl)} })
		await client.execute('PRAGMA busy_timeout = 10000')
		for (let n = 0; ; n++) {
			await client.execute({ sql: 'INSERT INTO "AuditEvent" ("id", "action", "details") VALUES (?, ?, ?)', args: ['backup-test-' + process.pid + '-' + n, 'backup.test', String(n)] })
			if (n === 0) console.log('writing')
		}`
	const child = spawn(process.execPath, ['--input-type=module', '-e', code], { stdio: ['ignore', 'pipe', 'inherit'] })
	const started = new Promise<void>((resolve, reject) => {
		child.stdout.once('data', () => resolve())
		child.once('exit', (code) => reject(new Error(`the writer stopped (${code})`)))
	})
	started.catch(() => {}) // awaited by the test; a writer stopped before it started is not an error of its own
	const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
	return {
		started,
		stop: () => {
			child.kill('SIGKILL')
			return exited
		},
	}
}

test.skipIf(onPostgres)(
	'a backup taken while another process writes restores into a new file people can sign in to, with the data up to the backup',
	async () => {
		const { dir, remove } = scratchDir()
		const writer = startWriter(process.env.DATABASE_URL!)
		try {
			const senco = await prisma.user.findUniqueOrThrow({ where: { email: SENCO }, select: { id: true } })
			const before = { users: await prisma.user.count(), children: await prisma.child.count(), reviews: await prisma.annualReview.count() }
			await writer.started
			const writtenBefore = await prisma.auditEvent.count({ where: { action: 'backup.test' } })
			const backup = await backupSqlite(process.env.DATABASE_URL!, path.join(dir, 'portal-backup.db'))
			const writtenAfter = await prisma.auditEvent.count({ where: { action: 'backup.test' } })
			await writer.stop()
			expect(writtenAfter).toBeGreaterThan(writtenBefore) // the writes went on during the backup
			expect(backup.file).toBe(path.join(dir, 'portal-backup.db'))

			const restoredUrl = `file:${path.join(dir, 'restored', 'portal.db')}`
			const restored = await restoreSqlite(backup.file, restoredUrl)
			expect(restored).toMatchObject({ file: sqliteFileOf(restoredUrl), replacedKeptAt: null, users: before.users, reviews: before.reviews })

			const copy = await createPrisma(restoredUrl)
			try {
				// Signing in checks the stored password hash: the account and its password came through.
				const user = await copy.user.findUniqueOrThrow({
					where: { email: SENCO },
					select: { id: true, active: true, passwordHash: true, roles: { select: { role: true } } },
				})
				expect(user).toMatchObject({ id: senco.id, active: true, roles: [{ role: 'SENCO' }] })
				expect(await verifyPassword(DEMO_PASSWORD, user.passwordHash!)).toBe(true)
				expect(await copy.child.count()).toBe(before.children)
				expect(await copy.annualReview.count()).toBe(before.reviews)
				// The copy is the database at one moment during the backup: every write before it began, none after it ended.
				const written = await copy.auditEvent.count({ where: { action: 'backup.test' } })
				expect(written).toBeGreaterThanOrEqual(writtenBefore)
				expect(written).toBeLessThanOrEqual(writtenAfter)
				// And a working database: it takes writes.
				await copy.auditEvent.create({ data: { userId: senco.id, action: 'auth.sign_in' } })
			} finally {
				await copy.$disconnect()
			}
		} finally {
			await writer.stop()
			remove()
		}
	},
)

test.skipIf(onPostgres)('a restore over a database that is open is refused and changes nothing; over a closed one it keeps the old database', async () => {
	const { dir, remove } = scratchDir()
	try {
		const backup = await backupSqlite(process.env.DATABASE_URL!, path.join(dir, 'backup.db'))
		// This test process has the test database open, as a running server would.
		const live = sqliteFileOf(process.env.DATABASE_URL!)
		const size = fs.statSync(live).size
		await expect(restoreSqlite(backup.file, process.env.DATABASE_URL!)).rejects.toThrow(/in use .*stop the server/)
		expect(fs.statSync(live).size).toBe(size)
		expect(await prisma.user.count()).toBeGreaterThan(0)

		// A closed database is replaced, and kept beside it first.
		const closedUrl = `file:${path.join(dir, 'closed.db')}`
		fs.copyFileSync(backup.file, sqliteFileOf(closedUrl))
		const restored = await restoreSqlite(backup.file, closedUrl)
		expect(restored.replacedKeptAt).toMatch(/closed-before-restore-.*\.db$/)
		expect(fs.existsSync(restored.replacedKeptAt!)).toBe(true)

		// A backup that is not a whole database is refused before anything is touched.
		const broken = path.join(dir, 'broken.db')
		fs.writeFileSync(broken, fs.readFileSync(backup.file).subarray(0, 4096))
		await expect(restoreSqlite(broken, closedUrl)).rejects.toThrow()
	} finally {
		remove()
	}
})

test('on PostgreSQL the script says to use pg_dump and fails', () => {
	const result = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/db-backup.ts', 'backup'], {
		env: { ...process.env, DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/portal' },
		encoding: 'utf8',
	})
	expect(result.status).not.toBe(0)
	expect(result.stderr).toContain('pg_dump')
})
