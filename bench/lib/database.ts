// Fresh databases for a run: SQLite files under the run's folder, or PostgreSQL databases (BENCH_POSTGRES_URL,
// else TEST_POSTGRES_URL, else postgres://postgres@127.0.0.1:5432/postgres) dropped and created by name.
import fs from 'node:fs'
import path from 'node:path'
import type { PrismaClient } from '#app/db/factory.server.ts'

export type Provider = 'sqlite' | 'postgres'
export const PROVIDER_NAMES: Record<Provider, string> = { sqlite: 'SQLite', postgres: 'PostgreSQL' }

export function postgresAdminUrl() {
	return process.env.BENCH_POSTGRES_URL || process.env.TEST_POSTGRES_URL || 'postgres://postgres@127.0.0.1:5432/postgres'
}

/** The URL of a database called `name`: WORK/name.db on SQLite, the database `name` on PostgreSQL. */
export function databaseUrl(provider: Provider, name: string, work: string): string {
	if (provider === 'sqlite') return `file:${path.join(work, `${name}.db`)}`
	const url = new URL(postgresAdminUrl())
	url.pathname = `/${name}`
	return url.toString()
}

export function sqliteFile(url: string): string | null {
	return url.startsWith('file:') ? url.slice('file:'.length).split('?')[0]! : null
}

/** Drops and creates the database, applies the migrations and seeds the demo data relative to `today`. */
export async function freshDatabase(url: string, today: string): Promise<void> {
	const file = sqliteFile(url)
	if (file) {
		fs.mkdirSync(path.dirname(file), { recursive: true })
		for (const suffix of ['', '-wal', '-shm']) fs.rmSync(file + suffix, { force: true })
	} else {
		const name = new URL(url).pathname.slice(1)
		await postgresAdmin(async (admin) => {
			await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)
			await admin.query(`CREATE DATABASE "${name}"`)
		})
	}
	const { deployMigrations } = await import('../../scripts/migrations.ts')
	const { seed } = await import('../../prisma/seed-data.ts')
	await deployMigrations(url)
	await withPrisma(url, async (prisma) => {
		await seed(prisma, { scale: 'demo', today })
		if (file) await prisma.$queryRawUnsafe('PRAGMA wal_checkpoint(TRUNCATE)')
	})
}

export async function dropDatabase(url: string) {
	const file = sqliteFile(url)
	if (file) {
		for (const suffix of ['', '-wal', '-shm']) fs.rmSync(file + suffix, { force: true })
		return
	}
	const name = new URL(url).pathname.slice(1)
	await postgresAdmin((admin) => admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`))
}

async function postgresAdmin<T>(work: (client: import('pg').Client) => Promise<T>): Promise<T> {
	const { default: pg } = await import('pg')
	const admin = new pg.Client({ connectionString: postgresAdminUrl() })
	await admin.connect()
	try {
		return await work(admin)
	} finally {
		await admin.end()
	}
}

/** A client of the bench's own, opened for one piece of work and closed after it. */
export async function withPrisma<T>(url: string, work: (prisma: PrismaClient) => Promise<T>): Promise<T> {
	const { createPrisma } = await import('../../app/db/factory.server.ts')
	const prisma = await createPrisma(url)
	try {
		return await work(prisma)
	} finally {
		await prisma.$disconnect()
	}
}
