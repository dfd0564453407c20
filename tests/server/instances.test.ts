// Instances behave (issue 15): the built server as `npm start` runs it answers liveness and readiness, logs one JSON
// line per request with its id, and stops on SIGTERM without failing a request it had started or losing an email it
// was sending: finished if there is time, handed back (and sent by the next start) if not.
import { spawn, type ChildProcess } from 'node:child_process'
import net from 'node:net'
import path from 'node:path'
import { afterEach, expect, test } from 'vitest'
import { DEMO_PASSWORD, startServer, type TestServer } from './server.ts'

const PORT = 3111
const OTHER_PORT = 3112
const SENCO = 'senco@oakfield-primary.example.org'

let servers: TestServer[] = []
let children: ChildProcess[] = []
let smtpServers: net.Server[] = []
afterEach(async () => {
	for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL')
	for (const server of servers) await server.stop().catch(() => {})
	for (const smtp of smtpServers) smtp.close()
	servers = []
	children = []
	smtpServers = []
})

async function start(options: Parameters<typeof startServer>[0]) {
	const server = await startServer(options)
	servers.push(server)
	return server
}

/** Polls `check` until it returns something truthy, failing after `ms`. */
async function until<T>(what: string, check: () => T | Promise<T>, ms = 30_000): Promise<NonNullable<T>> {
	const deadline = Date.now() + ms
	for (;;) {
		const value = await check()
		if (value) return value as NonNullable<T>
		if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`)
		await new Promise((resolve) => setTimeout(resolve, 50))
	}
}

/** The JSON lines the server has written (anything else it wrote is skipped). */
function logLines(output: string): Array<Record<string, unknown>> {
	return output.split('\n').flatMap((line) => {
		if (!line.startsWith('{')) return []
		try {
			return [JSON.parse(line) as Record<string, unknown>]
		} catch {
			return []
		}
	})
}

/** When the process exits: its exit code and how long after `since` it did. */
function exitOf(child: ChildProcess, since = Date.now()): Promise<{ code: number | null; signal: string | null; ms: number }> {
	if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve({ code: child.exitCode, signal: child.signalCode, ms: Date.now() - since })
	return new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal, ms: Date.now() - since })))
}

/** A raw connection to the server, to hold a request half-sent across the signal. */
async function connect(port: number) {
	const socket = net.connect(port, '127.0.0.1')
	await new Promise((resolve, reject) => socket.once('connect', resolve).once('error', reject))
	let received = ''
	socket.on('data', (chunk) => (received += chunk))
	const closed = new Promise<void>((resolve) => socket.once('close', () => resolve()))
	return { socket, received: () => received, closed }
}

test('liveness and readiness answer; each request is one JSON log line with its id, kept from a proxy when safe', async () => {
	const server = await start({ port: PORT, workers: 1, env: { LOG_REQUESTS: 'true' } })
	const live = await fetch(`${server.url}/livez`)
	expect(live.status).toBe(200)
	expect(await live.text()).toBe('ok')
	const ready = await fetch(`${server.url}/readyz`)
	expect(ready.status).toBe(200)
	expect(ready.headers.get('cache-control')).toBe('no-store')
	expect((await fetch(`${server.url}/healthz`)).status).toBe(200)

	const kept = await fetch(`${server.url}/livez`, { headers: { 'X-Request-Id': 'lb-7f3a9c.1' } })
	expect(kept.headers.get('x-request-id')).toBe('lb-7f3a9c.1')
	const unsafe = 'forged"} {"level":60'
	const replaced = await fetch(`${server.url}/readyz`, { headers: { 'X-Request-Id': unsafe } })
	const newId = replaced.headers.get('x-request-id')
	expect(newId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/)
	const generated = (await fetch(`${server.url}/sign-in`)).headers.get('x-request-id')
	expect(generated).toMatch(/^[0-9a-f-]{36}$/)
	expect(generated).not.toBe(newId)
	await fetch(`${server.url}/set-password/s3cret-token?token=other-secret`)

	// A line is written once its response has gone, so it may come just after the answer.
	const lines = await until('the access log lines', () => {
		const lines = logLines(server.output()).filter((line) => line.msg === 'request')
		return [newId, generated, 'lb-7f3a9c.1'].every((id) => lines.some((line) => line.reqId === id)) &&
			lines.some((line) => String(line.url).startsWith('/set-password'))
			? lines
			: undefined
	})
	expect(lines.find((line) => line.reqId === 'lb-7f3a9c.1')).toMatchObject({ level: 30, method: 'GET', url: '/livez', status: 200 })
	expect(lines.find((line) => line.reqId === newId)).toMatchObject({ url: '/readyz', status: 200 })
	expect(lines.find((line) => line.reqId === generated)).toMatchObject({ url: '/sign-in', status: 200 })
	for (const line of lines) {
		expect(typeof line.ms).toBe('number')
		expect(typeof line.time).toBe('string')
	}
	expect(server.output()).not.toContain('forged')
	expect(server.output()).not.toContain('s3cret')
	expect(server.output()).not.toContain('other-secret')
	expect(lines.find((line) => String(line.url).startsWith('/set-password'))?.url).toBe('/set-password/[redacted]?token=[redacted]')
	// The start is logged as JSON too, and still says where it listens (what people and scripts look for).
	expect(logLines(server.output()).find((line) => String(line.msg).startsWith('Listening on'))).toMatchObject({
		msg: `Listening on ${server.url}`,
		level: 30,
	})
})

test('SIGTERM: readiness says 503, the port closes, a request half-sent finishes, and the process exits 0', async () => {
	const server = await start({ port: PORT, workers: 1, env: { SHUTDOWN_TIMEOUT_SECONDS: '15' } })
	// Two requests already on their way when the signal comes: a readiness probe and a sign-in whose body is half
	// sent (a slow upload). Connections accepted before the signal are answered.
	const probe = await connect(PORT)
	probe.socket.write(`GET /readyz HTTP/1.1\r\nHost: localhost:${PORT}\r\n`)
	const body = new URLSearchParams({ email: SENCO, password: DEMO_PASSWORD }).toString()
	const upload = await connect(PORT)
	upload.socket.write(
		[
			'POST /sign-in HTTP/1.1',
			`Host: localhost:${PORT}`,
			`Origin: ${server.url}`,
			'Content-Type: application/x-www-form-urlencoded',
			`Content-Length: ${Buffer.byteLength(body)}`,
			// The server answers 100 Continue once it has the headers: the request has started. (Its connection,
			// and the probe's, written before it, have been taken from the port's queue: a connection still queued
			// when the port closes is refused.)
			'Expect: 100-continue',
			'',
			body.slice(0, 10),
		].join('\r\n'),
	)
	await until('the server to have started the sign-in', () => upload.received().startsWith('HTTP/1.1 100 Continue\r\n'))
	const signalled = Date.now()
	const exited = exitOf(server.process, signalled)
	process.kill(server.process.pid!, 'SIGTERM')
	await until('the server to say it is stopping', () => server.output().includes('SIGTERM: stopping'))

	// No new connections (a connection kept alive from before may still be answered, with Connection: close).
	await expect(connect(PORT)).rejects.toThrow(/ECONNREFUSED/)
	expect(server.process.exitCode).toBeNull()

	probe.socket.write('\r\n')
	await probe.closed
	expect(probe.received()).toMatch(/^HTTP\/1\.1 503 /)
	expect(probe.received()).toMatch(/\r\nconnection: close\r\n/i)
	expect(probe.received()).toMatch(/\r\nstopping\r\n/) // the body (chunked)

	upload.socket.write(body.slice(10))
	await upload.closed
	expect(upload.received()).toMatch(/^HTTP\/1\.1 100 Continue\r\n\r\nHTTP\/1\.1 302 /)
	expect(upload.received()).toMatch(/\r\nset-cookie: /i)

	const { code, ms } = await exited
	expect(code).toBe(0)
	expect(ms).toBeLessThan(15_000)
	const stopped = logLines(server.output()).find((line) => line.msg === 'Stopped')
	expect(stopped).toBeDefined()
	console.info(`Stopped ${ms} ms after SIGTERM (the server's own figure: ${String(stopped?.ms)} ms)`)
})

test('SIGTERM to the primary alone (as a container runtime sends it): every worker stops and it exits 0', async () => {
	const server = await start({ port: PORT, workers: 2, env: { SHUTDOWN_TIMEOUT_SECONDS: '10' } })
	const exited = exitOf(server.process)
	process.kill(server.process.pid!, 'SIGTERM')
	const { code, ms } = await exited
	expect(code, server.output()).toBe(0)
	expect(ms).toBeLessThan(10_000)
	expect(logLines(server.output()).filter((line) => line.msg === 'Stopped')).toHaveLength(2)
})

/**
 * A small SMTP server that keeps each message's final answer until the test lets it go (`holdReplies`), so a send
 * can be caught in flight.
 */
async function startSmtp(options: { holdReplies: boolean }) {
	const messages: Array<{ raw: string; release: () => void }> = []
	const server = net.createServer((socket) => {
		let buffer = ''
		let inData = false
		socket.write('220 test ESMTP\r\n')
		socket.on('error', () => {})
		socket.on('data', (chunk) => {
			buffer += chunk
			for (;;) {
				if (inData) {
					const end = buffer.indexOf('\r\n.\r\n')
					if (end === -1) return
					const raw = buffer.slice(0, end)
					buffer = buffer.slice(end + 5)
					inData = false
					const release = () => socket.writable && socket.write('250 2.0.0 queued\r\n')
					messages.push({ raw, release })
					if (!options.holdReplies) release()
					continue
				}
				const at = buffer.indexOf('\r\n')
				if (at === -1) return
				const line = buffer.slice(0, at)
				buffer = buffer.slice(at + 2)
				const verb = line.slice(0, 4).toUpperCase()
				if (verb === 'DATA') {
					inData = true
					socket.write('354 go ahead\r\n')
				} else if (verb === 'QUIT') socket.end('221 bye\r\n')
				else socket.write(verb === 'EHLO' ? '250 test\r\n' : '250 OK\r\n')
			}
		})
	})
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
	smtpServers.push(server)
	return { url: `smtp://127.0.0.1:${(server.address() as net.AddressInfo).port}`, messages }
}

const outboxIdOf = (raw: string) => /^Message-ID: <outbox-([^@]+)@/im.exec(raw)?.[1]

/** One email for the outbox worker to send, in case the reminders written at start wrote none. */
async function queueEmail(server: TestServer) {
	const review = await server.prisma.annualReview.findFirstOrThrow({ select: { id: true, child: { select: { firstName: true, lastName: true } } } })
	const payload = {
		reviewId: review.id,
		child: review.child,
		schoolName: 'Oakfield Primary School',
		meetingOn: '2027-03-01',
		decisionDueOn: '2027-03-29',
		daysLeft: 5,
	}
	await server.prisma.outboxMessage.create({
		data: { toAddress: 'caseworker@example.org', template: 'reminder-decision-due', reviewId: review.id, payload: JSON.stringify(payload) },
	})
}

test('SIGTERM while an email is being sent: the send finishes, is recorded once, and nothing more is claimed', async () => {
	const smtp = await startSmtp({ holdReplies: true })
	const server = await start({ port: PORT, workers: 1, env: { SMTP_URL: smtp.url, SHUTDOWN_TIMEOUT_SECONDS: '20' } })
	await queueEmail(server)
	const held = await until('a send in flight', () => smtp.messages[0], 30_000)
	const id = outboxIdOf(held.raw)!
	expect(await server.prisma.outboxMessage.findUnique({ where: { id }, select: { status: true } })).toEqual({ status: 'SENDING' })

	const exited = exitOf(server.process)
	process.kill(server.process.pid!, 'SIGTERM')
	await until('the server to say it is stopping', () => server.output().includes('SIGTERM: stopping'))
	// Readiness is no longer asked for on a new connection (the port is closed); the worker is still sending.
	expect(server.process.exitCode).toBeNull()
	held.release()
	const { code } = await exited
	expect(code).toBe(0)

	expect(smtp.messages).toHaveLength(1)
	const message = await server.prisma.outboxMessage.findUniqueOrThrow({ where: { id }, select: { status: true, attempts: true, lockedBy: true } })
	expect(message).toEqual({ status: 'SENT', attempts: 1, lockedBy: null })
	expect(await server.prisma.outboxMessage.count({ where: { status: 'SENDING' } })).toBe(0)
	expect(await server.prisma.outboxMessage.count({ where: { status: 'PENDING' } })).toBeGreaterThan(0) // left for the next start
})

/** The built server as startServer starts it, on a database and folders of the test's choosing (no migration or seed). */
async function spawnServer(dir: string, port: number, env: Record<string, string> = {}) {
	const { NODE_ENV: _vitest, ...inherited } = process.env
	const url = `http://localhost:${port}`
	const child = spawn(process.execPath, ['server.js', path.resolve(process.env.SERVER_BUILD ?? 'build/server/index.js')], {
		env: {
			...inherited,
			PORT: String(port),
			APP_URL: url,
			DATABASE_URL: `file:${path.join(dir, 'portal.db')}`,
			EVIDENCE_DIR: path.join(dir, 'evidence'),
			DOCUMENTS_DIR: path.join(dir, 'documents'),
			OUTBOX_DIR: path.join(dir, 'outbox'),
			WEB_CONCURRENCY: '1',
			LOG_REQUESTS: 'false',
			COUNCIL_NAME: '',
			...env,
		},
		stdio: ['ignore', 'pipe', 'pipe'],
	})
	children.push(child)
	let output = ''
	child.stdout!.on('data', (chunk) => (output += chunk))
	child.stderr!.on('data', (chunk) => (output += chunk))
	await until('the server to answer', async () => {
		if (child.exitCode !== null) throw new Error(`The server stopped while starting:\n${output}`)
		return fetch(`${url}/livez`).then(
			(r) => r.ok,
			() => false,
		)
	})
	return { child, url, output: () => output }
}

test('without its database the process is live but not ready', async () => {
	const dir = path.resolve(`tests/.tmp/server-${OTHER_PORT}-no-database`)
	// PostgreSQL on a port where nothing listens: the pool connects on first use, so the server starts.
	const server = await spawnServer(dir, OTHER_PORT, { DATABASE_URL: 'postgres://portal@127.0.0.1:1/portal' })
	expect((await fetch(`${server.url}/livez`)).status).toBe(200)
	const ready = await fetch(`${server.url}/readyz`)
	expect(ready.status).toBe(503)
	expect(await ready.text()).toBe('database unavailable')
	expect((await fetch(`${server.url}/healthz`)).status).toBe(500)
	const exited = exitOf(server.child)
	server.child.kill('SIGTERM')
	expect((await exited).code).toBe(0)
})

test('SIGTERM while a send hangs past the shutdown time: the email is handed back and the next start sends it', async () => {
	const hanging = await startSmtp({ holdReplies: true })
	const server = await start({ port: PORT, workers: 1, env: { SMTP_URL: hanging.url, SHUTDOWN_TIMEOUT_SECONDS: '3' } })
	await queueEmail(server)
	const held = await until('a send in flight', () => hanging.messages[0], 30_000)
	const id = outboxIdOf(held.raw)!

	const exited = exitOf(server.process)
	process.kill(server.process.pid!, 'SIGTERM')
	const { code, ms } = await exited
	expect(code).toBe(0)
	expect(ms).toBeLessThan(3_500)
	expect(server.output()).toContain('handing back')
	const released = await server.prisma.outboxMessage.findUniqueOrThrow({
		where: { id },
		select: { status: true, attempts: true, lockedBy: true, lockedUntil: true, nextAttemptAt: true },
	})
	expect(released).toMatchObject({ status: 'PENDING', attempts: 1, lockedBy: null, lockedUntil: null })
	expect(released.nextAttemptAt.getTime()).toBeLessThanOrEqual(Date.now())
	const attempts = await server.prisma.emailAttempt.findMany({ where: { messageId: id }, select: { ok: true, detail: true } })
	expect(attempts).toEqual([{ ok: false, detail: expect.stringContaining('stopping') }])

	// The next start (another instance would do as well) sends it, with the same Message-ID.
	const working = await startSmtp({ holdReplies: false })
	const next = await spawnServer(server.dir, OTHER_PORT, { SMTP_URL: working.url })
	await until(
		'the handed-back email to be sent',
		async () => (await server.prisma.outboxMessage.findUnique({ where: { id }, select: { status: true } }))?.status === 'SENT',
		60_000,
	)
	expect(working.messages.filter((message) => outboxIdOf(message.raw) === id)).toHaveLength(1)
	expect(await server.prisma.outboxMessage.findUnique({ where: { id }, select: { attempts: true } })).toEqual({ attempts: 2 })
	const nextExit = exitOf(next.child)
	next.child.kill('SIGTERM')
	expect((await nextExit).code).toBe(0)
})
