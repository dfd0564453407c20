// Starts the built app for the Playwright journeys: a fresh SQLite database, migrated and seeded with
// the demo data, served by the production server (server.js) in production mode, as one process.
import { spawn } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { deployMigrations } from './migrations.ts'

const port = process.env.E2E_PORT ?? '3100'
const dataDir = path.resolve('data/e2e')
fs.rmSync(dataDir, { recursive: true, force: true })
fs.mkdirSync(dataDir, { recursive: true })
// NODE_ENV is left to server.js, which runs the build in production mode by default (the journeys check its cookie).
const { NODE_ENV: _inherited, ...inherited } = process.env
const env = {
	...inherited,
	PORT: port,
	APP_URL: `http://localhost:${port}`,
	DATABASE_URL: `file:${path.join(dataDir, 'portal.db')}`,
	EVIDENCE_DIR: path.join(dataDir, 'evidence'),
	DOCUMENTS_DIR: path.join(dataDir, 'documents'),
	OUTBOX_DIR: path.join(dataDir, 'outbox'),
	COUNCIL_NAME: '',
}
if (!fs.existsSync('build/server/index.js')) {
	console.error('No build found: run `npm run build` first (npm test does).')
	process.exit(1)
}
await deployMigrations(env.DATABASE_URL)
const seed = spawn('npx', ['tsx', 'prisma/seed.ts', '--scale', 'demo'], { env, stdio: 'inherit' })
const seeded = await new Promise<number>((resolve) => seed.on('exit', (code) => resolve(code ?? 1)))
if (seeded !== 0) process.exit(seeded)
// The council's submitted reviews as the seed left them, listed before any journey changes one (tests/e2e/db.ts):
// journeys that decide a submitted review choose among these, so a review another journey submits or decides meanwhile
// does not shift their choice.
{
	const { createPrisma } = await import('#app/db/factory.server.ts')
	const db = await createPrisma(env.DATABASE_URL)
	const submitted = await db.annualReview.findMany({ where: { status: 'SUBMITTED', la: { code: '886' } }, orderBy: { id: 'asc' }, select: { id: true } })
	fs.writeFileSync(path.join(dataDir, 'seeded.json'), JSON.stringify({ submittedReviewIds: submitted.map((r) => r.id) }))
	await db.$disconnect()
}
const server = spawn(process.execPath, ['server.js'], { env: { ...env, WEB_CONCURRENCY: '1' }, stdio: 'inherit' })
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => server.kill(signal))
server.on('exit', (code) => process.exit(code ?? 0))
