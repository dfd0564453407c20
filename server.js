// The production server (`npm start`): the built app on express, one worker process per core.
//
// Node runs JavaScript on one core; a council's server has several. The primary process forks
// WEB_CONCURRENCY workers (default: one per core, at most 4), which share the port; the kernel hands each
// new connection to a worker. Only the first worker runs the background jobs (email outbox, daily
// reminders) unless RUN_JOBS=false; a worker that dies is replaced. docs/decisions/012 says why and what
// it measured. WEB_CONCURRENCY=1 serves from a single process, as the Playwright journeys do.
//
// What react-router-serve did, with less work per request: compression, the hashed assets cached for a
// year, the other files of build/client (favicon and the like) found without a file-system lookup on every
// page request, an access log, and React Router's handler.
//
// Logs are JSON lines (pino) on standard output, at LOG_LEVEL: one line a request (LOG_REQUESTS=false turns them
// off) with its id, its address redacted (app/http/access-log.server.js), status and time. The id is the incoming
// X-Request-Id when that is a short plain token (a proxy's), else a new one (app/http/request-id.server.js); it
// reaches the app in the x-request-id header and goes back in the response's X-Request-Id.
//
// Stopping (SIGTERM, SIGINT): the port is closed (a load balancer's new probes are refused; /readyz answers 503 on
// connections already open, each closed after its answer), the requests in flight finish, the job runner claims no more work and finishes what it has (or hands an email back when time runs short), the
// database pool is closed, and the process exits 0 — within SHUTDOWN_TIMEOUT_SECONDS, after which it exits 1
// anyway. The primary passes the signal on to its workers and waits for them. The app's part is in
// app/jobs/shutdown.server.ts and app/jobs/start.server.ts; docs/decisions/018 says why.
//
// Where a request came from (for sign-in limits and the audit log): the socket's address, or, when TRUST_PROXY
// names the proxy in front, the client's address as that proxy forwarded it in X-Forwarded-For. Express works it
// out (req.ip); it reaches the app in the x-client-address header, which is overwritten on every request so a
// client cannot choose its own (app/http/client-address.server.js, docs/decisions/013).
import cluster from 'node:cluster'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import process from 'node:process'
import compression from 'compression'
import express from 'express'
import pino from 'pino'
import { accessLog } from '#app/http/access-log.server.js'
import { setClientAddress, trustProxySetting } from '#app/http/client-address.server.js'
import { assignRequestId } from '#app/http/request-id.server.js'

// As react-router-serve did: the built app runs in production mode unless told otherwise (React picks its
// production build, and the session cookie is Secure with the __Host- prefix). Set before anything that loads
// React is imported: React Router's handler and the build are imported below, after this line.
process.env.NODE_ENV ??= 'production'

const BUILD = path.resolve(process.argv[2] ?? 'build/server/index.js')
const CLIENT = path.resolve(path.dirname(BUILD), '../client')
const workers = Math.max(1, Number.parseInt(process.env.WEB_CONCURRENCY ?? '', 10) || Math.min(os.availableParallelism(), 4))
// app/env.server.ts checks these when the build loads (and stops a worker with a clear message); the primary does
// not load the build, so it falls back to the defaults rather than fail on a value the worker will explain.
const LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']
const logger = pino({
	level: LEVELS.includes(process.env.LOG_LEVEL ?? '') ? process.env.LOG_LEVEL : 'info',
	base: { pid: process.pid, ...(process.env.WORKER_INDEX === undefined ? {} : { worker: Number(process.env.WORKER_INDEX) + 1 }) },
	timestamp: pino.stdTimeFunctions.isoTime,
})
const shutdownSeconds = Number.parseInt(process.env.SHUTDOWN_TIMEOUT_SECONDS ?? '', 10)
const SHUTDOWN_MS = (Number.isInteger(shutdownSeconds) && shutdownSeconds >= 1 ? shutdownSeconds : 25) * 1000

if (cluster.isPrimary && workers > 1) {
	let stopping = false
	let exitCode = 0
	const fork = (index) => {
		// Background jobs in the first worker only (RUN_JOBS=false leaves them off everywhere).
		const runJobs = index === 0 ? (process.env.RUN_JOBS ?? 'true') : 'false'
		let listening = false
		const worker = cluster.fork({ RUN_JOBS: runJobs, WORKER_INDEX: String(index) })
		worker.on('listening', () => (listening = true))
		worker.on('exit', (code, signal) => {
			if (stopping) {
				// A worker told to stop before it had started (and before it could catch the signal) lost nothing.
				if (code !== 0 && listening) exitCode ||= 1
				return
			}
			if (!listening) {
				// It never started (a bad setting, say, already explained above): starting it again would fail the same way.
				logger.error({ worker: index + 1, code, signal }, `Worker ${index + 1} could not start (${signal ?? `exit code ${code}`}); stopping.`)
				stop('SIGTERM', code || 1)
				return
			}
			logger.error({ worker: index + 1, code, signal }, `Worker ${index + 1} stopped (${signal ?? `exit code ${code}`}); starting another.`)
			setTimeout(() => fork(index), 1000)
		})
	}
	const stop = (signal, code = 0) => {
		if (stopping) return
		stopping = true
		exitCode = code
		// Straight to each worker (not worker.kill, which first disconnects it and closes its server in its own way):
		// each stops as described above. A worker may have had the signal already (the whole process group is sent
		// it by Ctrl-C or systemd); a second one changes nothing.
		for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill(signal)
		setTimeout(() => {
			logger.error('Workers still running after the shutdown time; exiting anyway.')
			process.exit(1)
		}, SHUTDOWN_MS + 2000).unref()
		const exitWhenAllGone = () => {
			if (!Object.keys(cluster.workers ?? {}).length) process.exit(exitCode)
		}
		cluster.on('exit', exitWhenAllGone)
		exitWhenAllGone()
	}
	for (let index = 0; index < workers; index++) fork(index)
	for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => stop(signal))
} else {
	// Shared with the app (app/jobs/shutdown.server.ts): created before the build is loaded.
	const lifecycle = (globalThis[Symbol.for('ehc-portal.lifecycle')] ??= { stopping: false, stopClaiming: [], finish: [], handBack: [], close: [] })
	// The signal is caught from the start: one that comes while the build is loading is acted on once it listens.
	let listening
	const listeningNow = new Promise((resolve) => (listening = resolve))
	let stopSignal
	for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => void shutdown(signal))
	const { createRequestHandler } = await import('@react-router/express')
	const build = await import(BUILD)
	const app = express()
	app.disable('x-powered-by')
	// The build has already checked TRUST_PROXY (app/env.server.ts) with the same function.
	const trustProxy = trustProxySetting(process.env.TRUST_PROXY)
	app.set('trust proxy', trustProxy)
	app.use(setClientAddress)
	app.use(assignRequestId)
	if (process.env.LOG_REQUESTS !== 'false') app.use(accessLog(logger))
	// A stopping server answers what it is asked on connections already open, and closes each after its answer.
	app.use((_req, res, next) => {
		if (lifecycle.stopping) res.setHeader('Connection', 'close')
		next()
	})
	if (trustProxy === false) {
		// Behind a proxy that nobody named, every request seems to come from the proxy, and all share one
		// address's sign-in limit: say so once.
		let warned = false
		app.use((req, _res, next) => {
			if (!warned && req.headers['x-forwarded-for']) {
				warned = true
				logger.warn(
					'A request came with X-Forwarded-For, but TRUST_PROXY is not set, so it is ignored: if a proxy stands in front, set TRUST_PROXY (see README.md).',
				)
			}
			next()
		})
	}
	app.use(compression())
	// The static files' share of the headers every response carries (the app's own responses get theirs from the
	// root route's middleware, app/http/security-headers.server.ts), with HSTS when served over HTTPS as the app is.
	const https = ['true', '1'].includes(process.env.COOKIE_SECURE ?? String(process.env.NODE_ENV === 'production'))
	const staticHeaders = (_req, res, next) => {
		res.setHeader('X-Content-Type-Options', 'nosniff')
		res.setHeader('X-Frame-Options', 'DENY')
		res.setHeader('Referrer-Policy', 'same-origin')
		if (https) res.setHeader('Strict-Transport-Security', 'max-age=31536000; includeSubDomains')
		next()
	}
	app.use(`${build.publicPath}assets`, staticHeaders, express.static(path.join(CLIENT, 'assets'), { immutable: true, maxAge: '1y', fallthrough: false }))
	// The few other files at the top of build/client, looked up once rather than on every request.
	const files = new Set(fs.readdirSync(CLIENT).filter((name) => name !== 'assets'))
	const staticFiles = express.static(CLIENT, { maxAge: '1h', index: false })
	app.use((req, res, next) => (files.has(req.path.split('/')[1] ?? '') ? staticHeaders(req, res, () => staticFiles(req, res, next)) : next()))
	app.all('*', createRequestHandler({ build, mode: process.env.NODE_ENV }))
	const port = Number(process.env.PORT || 3000)
	const server = app.listen(port, process.env.HOST, () => {
		listening()
		if (process.env.WORKER_INDEX === undefined || process.env.WORKER_INDEX === '0') {
			logger.info({ port, workers }, `Listening on http://localhost:${port}${workers > 1 ? ` (${workers} workers)` : ''}`)
		}
	})

	const delay = (ms) => new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)).unref())
	// The app's steps for one phase of the stop, together; one that fails is logged and the stop goes on.
	const runSteps = async (phase) => {
		const results = await Promise.allSettled(lifecycle[phase].map((step) => Promise.resolve().then(step)))
		for (const result of results) if (result.status === 'rejected') logger.error({ err: result.reason, phase }, `A ${phase} step failed while stopping`)
	}
	async function shutdown(signal) {
		if (stopSignal) return
		stopSignal = signal
		lifecycle.stopping = true
		const started = Date.now()
		const left = () => SHUTDOWN_MS - (Date.now() - started)
		setTimeout(() => {
			logger.error(`Not stopped within ${SHUTDOWN_MS / 1000} s (SHUTDOWN_TIMEOUT_SECONDS); exiting anyway.`)
			process.exit(1)
		}, SHUTDOWN_MS).unref()
		logger.info({ signal }, `${signal}: stopping (finishing the requests and work in progress, at most ${SHUTDOWN_MS / 1000} s)`)
		// Time kept at the end for handing work back and closing the pool.
		const reserve = Math.min(2000, SHUTDOWN_MS / 4)
		await listeningNow
		const requestsDone = new Promise((resolve) => server.close(resolve))
		const workDone = Promise.all([runSteps('stopClaiming'), requestsDone.then(() => runSteps('finish'))])
		const finished = await Promise.race([workDone.then(() => true), delay(left() - reserve).then(() => false)])
		if (!finished) {
			logger.warn('Time is nearly up: handing back the work in progress and closing the connections still open')
			await Promise.race([runSteps('handBack'), delay(left() - reserve / 2)])
			server.closeAllConnections()
		}
		await Promise.race([runSteps('close'), delay(left() - 100)])
		logger.info({ ms: Date.now() - started }, finished ? 'Stopped' : 'Stopped, with work handed back')
		process.exit(0)
	}
}
