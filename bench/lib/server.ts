// The production server (server.js) for benchmarks and fault trials: a build of its own, started in a process
// group of its own (so the primary and its workers can be killed together, as a power cut or the OOM killer
// would), and the memory of that group read from /proc.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')

/**
 * Builds the working tree into .builds/bench (BUILD_DIR, beside the usual build/) and copies it to `into`, so a
 * later build cannot change the app under a run. With `existing`, copies that build instead (e.g. a build of an
 * older commit, to measure before a change). Returns the server entry to give server.js.
 */
export function prepareBuild(into: string, existing?: string): string {
	let source = existing ? path.resolve(existing) : path.join(ROOT, '.builds/bench')
	if (!existing) {
		console.log('Building the app into .builds/bench...')
		execFileSync('npx', ['react-router', 'build'], {
			cwd: ROOT,
			env: { ...process.env, BUILD_DIR: '.builds/bench' },
			stdio: ['ignore', 'ignore', 'inherit'],
		})
	}
	if (!fs.existsSync(path.join(source, 'server/index.js'))) throw new Error(`${source} has no server/index.js`)
	// The copy must stay under ROOT: the build imports its packages from ROOT/node_modules.
	fs.rmSync(into, { recursive: true, force: true })
	fs.cpSync(source, into, { recursive: true })
	source = into
	return path.join(source, 'server/index.js')
}

/**
 * Builds a commit (not the working tree, where others may be half-way through a change) into .builds/commit-<sha>,
 * once: its files from `git archive`, its own Prisma clients, then the build. Returns the build's folder.
 */
export function buildCommit(ref: string): string {
	const sha = execFileSync('git', ['rev-parse', '--short', ref], { cwd: ROOT, encoding: 'utf8' }).trim()
	const dir = path.join(ROOT, '.builds', `commit-${sha}`)
	if (fs.existsSync(path.join(dir, 'server/index.js'))) return dir
	const source = path.join(ROOT, '.builds', `source-${sha}`)
	fs.rmSync(source, { recursive: true, force: true })
	fs.mkdirSync(source, { recursive: true })
	console.log(`Building commit ${sha} into ${path.relative(ROOT, dir)}...`)
	execFileSync('bash', ['-c', `git archive ${sha} | tar -x -C '${source}'`], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] })
	fs.symlinkSync(path.join(ROOT, 'node_modules'), path.join(source, 'node_modules'))
	const quiet = { cwd: source, stdio: ['ignore', 'ignore', 'inherit'] as Array<'ignore' | 'inherit'> }
	execFileSync('npx', ['tsx', 'scripts/db.ts', 'generate'], quiet)
	execFileSync('npx', ['react-router', 'build'], quiet)
	fs.rmSync(dir, { recursive: true, force: true })
	fs.renameSync(path.join(source, 'build'), dir)
	fs.writeFileSync(path.join(dir, 'COMMIT'), execFileSync('git', ['log', '-1', '--format=%h %s', sha], { cwd: ROOT, encoding: 'utf8' }))
	fs.rmSync(source, { recursive: true, force: true })
	return dir
}

/** What a build is: its COMMIT file (builds of a commit), or the working tree's commit and changes. */
export function describeBuild(build: string | undefined): string {
	if (!build) return `the working tree at ${codeVersion()}`
	const commit = path.join(build, 'COMMIT')
	return fs.existsSync(commit) ? `commit ${fs.readFileSync(commit, 'utf8').trim()}` : `the build in ${build}`
}

/** The commit the working tree is at, and whether files the app is built from differ from it. */
export function codeVersion(): string {
	const git = (...args: string[]) => execFileSync('git', args, { cwd: ROOT, encoding: 'utf8' }).trim()
	const commit = git('log', '-1', '--format=%h %s')
	const changed = git('status', '--porcelain', '--', 'app', 'server.js', 'prisma').split('\n').filter(Boolean).length
	return changed ? `${commit} (plus ${changed} uncommitted changed files under app/, prisma/, server.js)` : commit
}

export interface ServerOptions {
	entry: string
	port: number
	databaseUrl: string
	/** WEB_CONCURRENCY; undefined leaves server.js's default (one per core, at most 4). */
	workers?: number
	/** EVIDENCE_DIR, DOCUMENTS_DIR and OUTBOX_DIR go under this folder. */
	filesDir: string
	env?: Record<string, string>
	/** Where the server's standard error goes (its access log on standard output is dropped). */
	logFile?: string
}

export interface Server {
	process: ChildProcess
	pid: number
	origin: string
	options: ServerOptions
}

export async function startServer(options: ServerOptions): Promise<Server> {
	const origin = `http://localhost:${options.port}`
	const log = options.logFile ? fs.openSync(options.logFile, 'a') : 'ignore'
	const child = spawn(process.execPath, [path.join(ROOT, 'server.js'), options.entry], {
		cwd: ROOT,
		// A process group of its own: the primary and the workers it forks can be signalled together.
		detached: true,
		env: {
			...process.env,
			NODE_ENV: 'production',
			PORT: String(options.port),
			DATABASE_URL: options.databaseUrl,
			APP_URL: origin,
			EVIDENCE_DIR: path.join(options.filesDir, 'evidence'),
			DOCUMENTS_DIR: path.join(options.filesDir, 'documents'),
			OUTBOX_DIR: path.join(options.filesDir, 'outbox'),
			LOG_REQUESTS: 'false',
			...(options.workers ? { WEB_CONCURRENCY: String(options.workers) } : {}),
			...options.env,
		},
		stdio: ['ignore', 'ignore', log],
	})
	if (typeof log === 'number') fs.closeSync(log)
	const server = { process: child, pid: child.pid!, origin, options }
	try {
		await waitForHealth(server, 60_000)
	} catch (error) {
		killGroup(server.pid)
		throw error
	}
	return server
}

async function waitForHealth(server: Server, timeoutMs: number) {
	const deadline = Date.now() + timeoutMs
	while (Date.now() < deadline) {
		if (server.process.exitCode !== null) throw new Error(`server.js exited with ${server.process.exitCode} before answering`)
		try {
			if ((await fetch(`${server.origin}/healthz`, { signal: AbortSignal.timeout(2000) })).ok) return
		} catch {
			// not listening yet
		}
		await sleep(100)
	}
	throw new Error(`${server.origin}/healthz did not answer within ${timeoutMs} ms`)
}

/** Every process in the group (the primary and its workers). */
export function groupPids(pgid: number): number[] {
	const pids: number[] = []
	for (const name of fs.readdirSync('/proc')) {
		if (!/^\d+$/.test(name)) continue
		try {
			const stat = fs.readFileSync(`/proc/${name}/stat`, 'utf8')
			// pid (comm) state ppid pgrp ...: comm may hold spaces, so read after the last ')'.
			const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
			if (Number(fields[2]) === pgid && fields[0] !== 'Z') pids.push(Number(name))
		} catch {
			// gone meanwhile
		}
	}
	return pids
}

/** Resident memory of the whole group in bytes, and the number of processes. */
export function groupRss(pgid: number): { bytes: number; processes: number } {
	let bytes = 0
	const pids = groupPids(pgid)
	for (const pid of pids) {
		try {
			const match = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))
			if (match) bytes += Number(match[1]) * 1024
		} catch {
			// gone meanwhile
		}
	}
	return { bytes, processes: pids.length }
}

/** SIGKILL to the primary and every worker at once (the whole process group). */
export function killGroup(pgid: number) {
	try {
		process.kill(-pgid, 'SIGKILL')
	} catch (error) {
		if ((error as NodeJS.ErrnoException).code !== 'ESRCH') throw error
	}
}

/** Kills the group and waits until none of its processes is left. */
export async function killServer(server: Server) {
	killGroup(server.pid)
	const deadline = Date.now() + 10_000
	while (groupPids(server.pid).length || (server.process.exitCode === null && server.process.signalCode === null)) {
		if (Date.now() > deadline) throw new Error(`processes of group ${server.pid} still running 10 s after SIGKILL: ${groupPids(server.pid).join(', ')}`)
		await sleep(20)
	}
}

/** SIGTERM (a clean stop), then SIGKILL after 8 s. */
export async function stopServer(server: Server) {
	if (server.process.exitCode !== null || server.process.signalCode !== null) return
	const exited = new Promise((resolve) => server.process.once('exit', resolve))
	try {
		process.kill(-server.pid, 'SIGTERM')
	} catch {
		// already gone
	}
	await Promise.race([exited, sleep(8000)])
	await killServer(server)
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms))
