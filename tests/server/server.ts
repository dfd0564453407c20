// The built app served as `npm start` serves it (server.js, production mode, its default of several workers), on a
// fresh seeded SQLite file: for tests of what only a real server shows (concurrent workers, hostile bodies, headers).
// `npm test` builds the app before these run; SERVER_BUILD points at another build.
import { spawn, type ChildProcess } from 'node:child_process'
import { once } from 'node:events'
import fs from 'node:fs'
import path from 'node:path'
import { createPrisma, type PrismaClient } from '#app/db/factory.server.ts'
import { todayInLondon } from '#app/domain/calendar-date.ts'
import { DEMO_PASSWORD, seed } from '#prisma/seed-data.ts'
import { deployMigrations } from '../../scripts/migrations.ts'

export { DEMO_PASSWORD }

export interface TestServer {
	url: string
	dir: string
	prisma: PrismaClient
	process: ChildProcess
	output: () => string
	stop: () => Promise<void>
}

export async function startServer({ port, workers = 2, env = {} }: { port: number; workers?: number; env?: Record<string, string> }): Promise<TestServer> {
	const build = path.resolve(process.env.SERVER_BUILD ?? 'build/server/index.js')
	if (!fs.existsSync(build)) throw new Error(`No build at ${build}: run \`npm run build\` first (npm test does).`)
	const dir = path.resolve(`tests/.tmp/server-${port}`)
	fs.rmSync(dir, { recursive: true, force: true })
	fs.mkdirSync(dir, { recursive: true })
	const databaseUrl = `file:${path.join(dir, 'portal.db')}`
	await deployMigrations(databaseUrl)
	const prisma = await createPrisma(databaseUrl)
	await seed(prisma, { scale: 'demo', today: todayInLondon(new Date()) })
	const url = `http://localhost:${port}`
	const { NODE_ENV: _vitest, ...inherited } = process.env
	const child = spawn(process.execPath, ['server.js', build], {
		env: {
			...inherited,
			PORT: String(port),
			APP_URL: url,
			DATABASE_URL: databaseUrl,
			EVIDENCE_DIR: path.join(dir, 'evidence'),
			DOCUMENTS_DIR: path.join(dir, 'documents'),
			OUTBOX_DIR: path.join(dir, 'outbox'),
			WEB_CONCURRENCY: String(workers),
			LOG_REQUESTS: 'false',
			COUNCIL_NAME: '',
			...env,
		},
		stdio: ['ignore', 'pipe', 'pipe'],
		detached: true,
	})
	let output = ''
	child.stdout!.on('data', (chunk) => (output += chunk))
	child.stderr!.on('data', (chunk) => (output += chunk))
	// Ready when every worker listens: the primary prints once the first does, so ask until answers come from all.
	for (;;) {
		if (child.exitCode !== null) throw new Error(`The server stopped while starting:\n${output}`)
		const ok = await fetch(`${url}/healthz`).then(
			(r) => r.ok,
			() => false,
		)
		if (ok) break
		await new Promise((resolve) => setTimeout(resolve, 100))
	}
	return {
		url,
		dir,
		prisma,
		process: child,
		output: () => output,
		async stop() {
			await prisma.$disconnect()
			if (child.exitCode === null) {
				process.kill(-child.pid!, 'SIGTERM')
				await once(child, 'exit')
			}
		},
	}
}

/** A signed-in session's Cookie header, by the sign-in form as a browser posts it. */
export async function signIn(server: { url: string }, email: string, password = DEMO_PASSWORD): Promise<string> {
	const response = await fetch(`${server.url}/sign-in`, {
		method: 'POST',
		redirect: 'manual',
		headers: { 'content-type': 'application/x-www-form-urlencoded', origin: server.url },
		body: new URLSearchParams({ email, password }),
	})
	const cookie = response.headers.get('set-cookie')?.split(';')[0]
	if (response.status !== 302 || !cookie) throw new Error(`Sign-in as ${email} answered ${response.status}`)
	return cookie
}

/** The worker processes of a server started by startServer (the primary's children). */
export function workerPids(server: TestServer): number[] {
	const children = fs.readFileSync(`/proc/${server.process.pid}/task/${server.process.pid}/children`, 'utf8')
	return children.trim().split(/\s+/).filter(Boolean).map(Number)
}
