import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { createClient } from '@libsql/client'
import { afterAll, describe, expect, it } from 'vitest'
import { checkMigrations, deployMigrations, listMigrations, pendingChanges, readSchema } from './migrations.ts'

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'ehc-migrations-test-'))
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }))

describe('migrations (WebAssembly schema engine)', { timeout: 60_000 }, () => {
	it('deploys to a fresh SQLite file, creating its folder, the tables and _prisma_migrations', async () => {
		const file = path.join(tmp, 'nested', 'portal.db')
		const url = `file:${file}`
		const names = listMigrations('sqlite').map((m) => m.name)
		expect(names.length).toBeGreaterThan(0)

		expect(await deployMigrations(url)).toEqual(names)

		const db = createClient({ url })
		try {
			const tables = (await db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")).rows.map((row) => row.name)
			expect(tables).toEqual(expect.arrayContaining(['_prisma_migrations', 'LocalAuthority', 'User', 'Child', 'AnnualReview', 'AuditEvent']))
			const applied = await db.execute('SELECT migration_name, checksum, finished_at FROM _prisma_migrations ORDER BY migration_name')
			expect(applied.rows.map((row) => row.migration_name)).toEqual(names)
			expect(applied.rows.every((row) => row.finished_at !== null && String(row.checksum).length === 64)).toBe(true)
		} finally {
			db.close()
		}

		// Idempotent: a second deploy applies nothing.
		expect(await deployMigrations(url)).toEqual([])
	})

	it('passes the check on the committed state', async () => {
		const result = await checkMigrations()
		expect(result.problems).toEqual([])
		expect(result.ok).toBe(true)
	})

	it('detects a schema change without a migration, for both providers', async () => {
		const edited = readSchema().replace(/^model Child \{\n/m, 'model Child {\n  migrationsTestField String?\n')
		expect(edited).not.toEqual(readSchema())
		const changes = await pendingChanges(edited)
		expect(changes.sqlite).toMatch(/migrationsTestField/)
		expect(changes.postgresql).toMatch(/ALTER TABLE "Child" ADD COLUMN\s+"migrationsTestField" TEXT;/)
	})
})
