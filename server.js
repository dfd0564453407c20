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
// page request, a one-line access log (LOG_REQUESTS=false turns it off), and React Router's handler.
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
import morgan from 'morgan'
import { redactUrl } from '#app/http/access-log.server.js'
import { setClientAddress, trustProxySetting } from '#app/http/client-address.server.js'

// As react-router-serve did: the built app runs in production mode unless told otherwise (React picks its
// production build, and the session cookie is Secure with the __Host- prefix). Set before anything that loads
// React is imported: React Router's handler and the build are imported below, after this line.
process.env.NODE_ENV ??= 'production'

const BUILD = path.resolve(process.argv[2] ?? 'build/server/index.js')
const CLIENT = path.resolve(path.dirname(BUILD), '../client')
const workers = Math.max(1, Number.parseInt(process.env.WEB_CONCURRENCY ?? '', 10) || Math.min(os.availableParallelism(), 4))

if (cluster.isPrimary && workers > 1) {
	let stopping = false
	const fork = (index) => {
		// Background jobs in the first worker only (RUN_JOBS=false leaves them off everywhere).
		const runJobs = index === 0 ? (process.env.RUN_JOBS ?? 'true') : 'false'
		let listening = false
		const worker = cluster.fork({ RUN_JOBS: runJobs, WORKER_INDEX: String(index) })
		worker.on('listening', () => (listening = true))
		worker.on('exit', (code, signal) => {
			if (stopping) return
			if (!listening) {
				// It never started (a bad setting, say, already explained above): starting it again would fail the same way.
				console.error(`Worker ${index + 1} could not start (${signal ?? `exit code ${code}`}); stopping.`)
				stop('SIGTERM', code || 1)
				return
			}
			console.error(`Worker ${index + 1} stopped (${signal ?? `exit code ${code}`}); starting another.`)
			setTimeout(() => fork(index), 1000)
		})
	}
	const stop = (signal, exitCode = 0) => {
		stopping = true
		for (const worker of Object.values(cluster.workers ?? {})) worker?.kill(signal)
		setTimeout(() => process.exit(exitCode), 5000).unref()
		cluster.on('exit', () => {
			if (!Object.keys(cluster.workers ?? {}).length) process.exit(exitCode)
		})
		if (!Object.keys(cluster.workers ?? {}).length) process.exit(exitCode)
	}
	for (let index = 0; index < workers; index++) fork(index)
	for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => stop(signal))
} else {
	const { createRequestHandler } = await import('@react-router/express')
	const build = await import(BUILD)
	const app = express()
	app.disable('x-powered-by')
	// The build has already checked TRUST_PROXY (app/env.server.ts) with the same function.
	const trustProxy = trustProxySetting(process.env.TRUST_PROXY)
	app.set('trust proxy', trustProxy)
	app.use(setClientAddress)
	if (trustProxy === false) {
		// Behind a proxy that nobody named, every request seems to come from the proxy, and all share one
		// address's sign-in limit: say so once.
		let warned = false
		app.use((req, _res, next) => {
			if (!warned && req.headers['x-forwarded-for']) {
				warned = true
				console.warn(
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
	// morgan's 'tiny' line, with the credentials some addresses carry (calendar feed keys, set-password tokens) redacted.
	morgan.token('redacted-url', (req) => redactUrl(req.originalUrl || req.url))
	if (process.env.LOG_REQUESTS !== 'false') app.use(morgan(':method :redacted-url :status :res[content-length] - :response-time ms'))
	app.all('*', createRequestHandler({ build, mode: process.env.NODE_ENV }))
	const port = Number(process.env.PORT || 3000)
	const server = app.listen(port, process.env.HOST, () => {
		if (process.env.WORKER_INDEX === undefined || process.env.WORKER_INDEX === '0') {
			console.info(`Listening on http://localhost:${port}${workers > 1 ? ` (${workers} workers)` : ''}`)
		}
	})
	for (const signal of ['SIGINT', 'SIGTERM']) {
		process.on(signal, () => {
			server.close(() => process.exit(0))
			setTimeout(() => process.exit(0), 4000).unref()
		})
	}
}
