import fs from 'node:fs'
import path from 'node:path'
import type { TestProject } from 'vitest/node'
import { pgAdmin, postgresAdminUrl, SEED_TODAY, TMP_DIR, withDatabase } from './databases.ts'

declare module 'vitest' {
	export interface ProvidedContext {
		dbTemplate: string
	}
}

// Migrates and seeds one template database for the run; each test file then gets a copy (setup-file.ts).
export default async function setup(project: TestProject) {
	fs.mkdirSync(TMP_DIR, { recursive: true })
	const { deployMigrations } = await import('../../scripts/migrations.ts')
	const { createPrisma } = await import('../../app/db/factory.server.ts')
	const { seed } = await import('../../prisma/seed-data.ts')
	const adminUrl = postgresAdminUrl()
	let templateUrl: string
	let template: string
	if (adminUrl) {
		template = `portal_template_${process.pid}`
		await pgAdmin(adminUrl, async (c) => {
			await c.query(`DROP DATABASE IF EXISTS "${template}" WITH (FORCE)`)
			await c.query(`CREATE DATABASE "${template}"`)
		})
		templateUrl = withDatabase(adminUrl, template)
	} else {
		template = path.join(TMP_DIR, `template-${process.pid}.db`)
		for (const suffix of ['', '-wal', '-shm']) fs.rmSync(template + suffix, { force: true })
		templateUrl = `file:${template}`
	}
	await deployMigrations(templateUrl)
	const prisma = await createPrisma(templateUrl)
	await seed(prisma, { scale: 'demo', today: SEED_TODAY })
	if (!adminUrl) await prisma.$queryRawUnsafe('PRAGMA wal_checkpoint(TRUNCATE)')
	await prisma.$disconnect()
	project.provide('dbTemplate', template)

	return async () => {
		if (adminUrl) await pgAdmin(adminUrl, (c) => c.query(`DROP DATABASE IF EXISTS "${template}" WITH (FORCE)`))
		else for (const suffix of ['', '-wal', '-shm']) fs.rmSync(template + suffix, { force: true })
	}
}
