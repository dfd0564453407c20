// Test databases: one migrated and seeded template per run, one copy per test file.
import { randomBytes } from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import pg from 'pg'

export const TMP_DIR = path.resolve('tests/.tmp')
export const SEED_TODAY = '2026-11-23'

export function postgresAdminUrl(): string | null {
	return process.env.TEST_POSTGRES_URL || null
}

function withDatabase(url: string, database: string) {
	const u = new URL(url)
	u.pathname = `/${database}`
	return u.toString()
}

export async function pgAdmin<T>(adminUrl: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
	const client = new pg.Client({ connectionString: adminUrl })
	await client.connect()
	try {
		return await work(client)
	} finally {
		await client.end()
	}
}

/** A fresh database for one test file, copied from the template; returns its URL. */
export async function cloneTemplate(template: string): Promise<{ url: string; drop: () => Promise<void> }> {
	const name = `f${Date.now().toString(36)}${randomBytes(4).toString('hex')}`
	const adminUrl = postgresAdminUrl()
	if (adminUrl) {
		await pgAdmin(adminUrl, (c) => c.query(`CREATE DATABASE "${name}" TEMPLATE "${template}"`))
		return {
			url: withDatabase(adminUrl, name),
			drop: () => pgAdmin(adminUrl, (c) => c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)).then(() => {}),
		}
	}
	const file = path.join(TMP_DIR, `${name}.db`)
	fs.copyFileSync(template, file)
	return {
		url: `file:${file}`,
		drop: async () => {
			for (const suffix of ['', '-wal', '-shm']) fs.rmSync(file + suffix, { force: true })
		},
	}
}

export { withDatabase }
