/**
 * Mixed load: N people using the portal at once, every role, reading and writing, against the production server
 * (server.js with its default worker count: one per core, 2 here) on SQLite and on PostgreSQL.
 *
 *   npx tsx bench/load.bench.ts                                   10 minutes, 50 users, SQLite then PostgreSQL
 *   npx tsx bench/load.bench.ts --seconds 45 --users 7 --db sqlite   the short run of issue 10's finding
 *   options: --minutes M | --seconds S   --users N   --db sqlite|postgres|both   --think MS (each user waits 0-MS ms
 *            between requests; default 0: the next request as soon as the last is answered)   --port 3320
 *            --workers W (default: server.js's own)   --commit REF (build that commit rather than the working tree,
 *            where others may be mid-change)   --build DIR (serve a build made earlier)
 *
 * Users take roles in turn (of every ten: five SENCos, three caseworkers, two managers) and each loops until the
 * time is up, choosing its next action at random:
 * - SENCo (Oakfield Primary; each has a draft review of its own): the school's children, the review's task list, a
 *   part of the review (opened, then saved with the version it showed), the evidence page, uploading a small PDF
 *   (made with pdf-lib) and removing one, downloading the review record PDF.
 * - Caseworker: their caseload, a submitted review, the decision page and a decision to maintain the plan (which
 *   writes the decision letter PDF and queues emails; each decision takes a submitted review from a pool).
 * - SEN manager: the timeliness page, the workload page, the council's caseload.
 * - Everyone: now and then signs out and signs in again (every user signs in first), each with an account of its own.
 * The outbox worker runs in the first worker, as in production. Every response is checked: a status other than
 * 2xx or 3xx is an error unless it is an expected 4xx (409 when a part or decision changed meanwhile), and so is a
 * redirect to the sign-in page (a lost session), a timeout or a broken connection. Memory: resident memory of the
 * primary and its workers, read from /proc every 250 ms. At the end: sign-in is tried on a new connection per
 * worker, and each must work. Results are written to bench/results/load.md.
 */
import fs from 'node:fs'
import path from 'node:path'
import type { PrismaClient } from '#app/db/factory.server.ts'
import { todayInLondon } from '#app/domain/calendar-date.ts'
import { databaseUrl, dropDatabase, freshDatabase, PROVIDER_NAMES, withPrisma, type Provider } from './lib/database.ts'
import { Browser, DEMO_PASSWORD, inputValue, inputValues, USERS, type Reply } from './lib/http.ts'
import { smallPdf } from './lib/pdf.ts'
import { machine, mib, parseArgs, percentile, writeRun } from './lib/results.ts'
import { cloneReviews, completeParts, makeTemplates } from './lib/reviews.ts'
import { buildCommit, describeBuild, groupRss, prepareBuild, ROOT, sleep, startServer, stopServer, type Server } from './lib/server.ts'

const WORK = path.join(ROOT, 'bench/results/tmp/load')
const args = parseArgs(process.argv.slice(2))
const SECONDS = args.has('seconds') ? Number(args.get('seconds')) : Number(args.get('minutes') ?? 10) * 60
const USER_COUNT = Number(args.get('users') ?? 50)
const THINK_MS = Number(args.get('think') ?? 0)
const PORT = Number(args.get('port') ?? 3320)
const WORKERS = args.has('workers') ? Number(args.get('workers')) : undefined
const PROVIDERS: Provider[] = (args.get('db') ?? 'both') === 'both' ? ['sqlite', 'postgres'] : [args.get('db') as Provider]
const ROLES_IN_TURN = ['senco', 'caseworker', 'senco', 'manager', 'senco', 'caseworker', 'senco', 'manager', 'senco', 'caseworker'] as const
type Role = (typeof ROLES_IN_TURN)[number]

// ---------------------------------------------------------------------------------------------------------------
// Recording

interface Sample {
	kind: string
	status: number
	ms: number
	error: string | null
}

class Recorder {
	samples: Sample[] = []
	stopped = false
	record(kind: string, reply: Reply | Error, expected: { statuses?: number[]; accept4xx?: number[]; notSignIn?: boolean } = {}): Reply | null {
		if (reply instanceof Error) {
			this.samples.push({ kind, status: 0, ms: 0, error: `no answer: ${reply.message}` })
			return null
		}
		let error: string | null = null
		const ok = reply.status >= 200 && reply.status < 400
		if (!ok && !expected.accept4xx?.includes(reply.status)) error = `HTTP ${reply.status}`
		else if (expected.statuses && !expected.statuses.includes(reply.status) && !expected.accept4xx?.includes(reply.status))
			error = `HTTP ${reply.status} (expected ${expected.statuses.join(' or ')})`
		else if (expected.notSignIn !== false && reply.status >= 300 && reply.location?.startsWith('/sign-in')) error = 'sent to sign in (session lost)'
		this.samples.push({ kind, status: reply.status, ms: reply.ms, error })
		return error ? null : reply
	}
}

async function attempt(recorder: Recorder, kind: string, work: () => Promise<Reply>, expected?: Parameters<Recorder['record']>[2]): Promise<Reply | null> {
	try {
		return recorder.record(kind, await work(), expected)
	} catch (error) {
		return recorder.record(kind, error as Error)
	}
}

// ---------------------------------------------------------------------------------------------------------------
// The users

interface World {
	server: Server
	/** Each user's own account (copies of the demo user of its role: same school or council, same password). */
	emails: string[]
	drafts: string[]
	submittedPool: string[]
	browse: string[]
	parts: ReturnType<typeof completeParts>
	pdf: Uint8Array
	deadline: number
	decisionsSkipped: number
}

const pick = <T>(items: readonly T[]): T => items[Math.floor(Math.random() * items.length)]!
const EMAIL: Record<Role, string> = { senco: USERS.senco, caseworker: USERS.caseworker, manager: USERS.manager }

/**
 * An account per user, copied from the demo user of its role, so that sign-ins are one person's each: while its
 * password is being checked a sign-in counts towards its account's limit (app/auth/auth.server.ts), and dozens
 * of people sharing one account and signing in together would be held back as if guessing. Each caseworker copy
 * is given an equal share of the pool's children, so their own caseloads have the size of a real one.
 */
async function makeUsers(prisma: PrismaClient, roles: Role[], pool: string[]): Promise<string[]> {
	const emails: string[] = []
	const caseworkers: string[] = []
	for (const [index, role] of roles.entries()) {
		const { roles: userRoles, ...base } = await prisma.user.findUniqueOrThrow({ where: { email: EMAIL[role] }, include: { roles: true } })
		const [local, domain] = base.email.split('@')
		const id = `cbenchuser${String(index).padStart(4, '0')}`
		const email = `${local}+load${index}@${domain}`
		await prisma.user.create({
			data: { ...base, id, email, name: `${base.name} (${index})`, calendarKey: null, roles: { create: userRoles.map((r) => ({ role: r.role })) } },
		})
		emails.push(email)
		if (role === 'caseworker') caseworkers.push(id)
	}
	const children = (await prisma.annualReview.findMany({ where: { id: { in: pool } }, select: { childId: true } })).map((r) => r.childId)
	for (const [n, caseworkerId] of caseworkers.entries()) {
		const share = children.filter((_, i) => i % caseworkers.length === n)
		for (let start = 0; start < share.length; start += 500)
			await prisma.child.updateMany({ where: { id: { in: share.slice(start, start + 500) } }, data: { caseworkerId } })
	}
	return emails
}

async function user(userIndex: number, index: number, role: Role, world: World, recorder: Recorder) {
	const browser = new Browser(world.server.origin)
	const signIn = () =>
		attempt(recorder, 'sign in', () => browser.post('/sign-in', { email: world.emails[userIndex]!, password: DEMO_PASSWORD }), {
			statuses: [302],
			notSignIn: false,
		})
	// Everyone signs in first (a few seconds apart would be kinder, but a morning rush is like this).
	while (!(await signIn()) && Date.now() < world.deadline) await sleep(1000)
	const draft = role === 'senco' ? world.drafts[index]! : null
	let actions = 0
	while (Date.now() < world.deadline) {
		actions++
		if (actions % 25 === 0) {
			await attempt(recorder, 'sign out', () => browser.post('/sign-out', {}), { statuses: [302], notSignIn: false })
			if (!(await signIn())) await sleep(1000)
			continue
		}
		if (role === 'senco') await sencoAction(browser, draft!, world, recorder)
		else if (role === 'caseworker') await caseworkerAction(browser, world, recorder)
		else await managerAction(browser, recorder)
		if (THINK_MS) await sleep(Math.random() * THINK_MS)
	}
	browser.close()
}

async function sencoAction(browser: Browser, reviewId: string, world: World, recorder: Recorder) {
	const choice = Math.random()
	if (choice < 0.15) {
		await attempt(recorder, 'SENCo: children list', () => browser.get('/school'), { statuses: [200] })
	} else if (choice < 0.3) {
		await attempt(recorder, 'SENCo: review task list', () => browser.get(`/reviews/${reviewId}`), { statuses: [200] })
	} else if (choice < 0.55) {
		const [slug, , fields] = pick(world.parts.filter(([slug]) => slug !== 'outcomes' && slug !== 'attendance'))
		const page = await attempt(recorder, 'SENCo: part of the review', () => browser.get(`/reviews/${reviewId}/parts/${slug}`), { statuses: [200] })
		const version = page && inputValue(page.body.toString('utf8'), 'version')
		if (version === null || version === undefined) return
		await attempt(recorder, 'SENCo: save a part', () => browser.post(`/reviews/${reviewId}/parts/${slug}`, { ...fields, completed: 'yes', version }), {
			statuses: [302],
			accept4xx: [409],
		})
	} else if (choice < 0.85) {
		const page = await attempt(recorder, 'SENCo: evidence page', () => browser.get(`/reviews/${reviewId}/evidence`), { statuses: [200] })
		if (!page) return
		const listed = inputValues(page.body.toString('utf8'), 'evidenceId')
		if (listed.length >= 3 || (listed.length && Math.random() < 0.4)) {
			await attempt(
				recorder,
				'SENCo: remove evidence',
				() => browser.post(`/reviews/${reviewId}/evidence`, { intent: 'delete', evidenceId: pick(listed) }),
				{ statuses: [302] },
			)
		} else {
			await attempt(
				recorder,
				'SENCo: upload evidence (PDF)',
				() =>
					browser.request('POST', `/reviews/${reviewId}/evidence`, {
						multipart: {
							fields: { title: 'Speech and language therapy report' },
							files: { file: { bytes: world.pdf, name: 'report.pdf', type: 'application/pdf' } },
						},
					}),
				{ statuses: [302] },
			)
		}
	} else {
		await attempt(recorder, 'SENCo: review record PDF', () => browser.get(`/reviews/${reviewId}/record.pdf`), { statuses: [200] })
	}
}

async function caseworkerAction(browser: Browser, world: World, recorder: Recorder) {
	const choice = Math.random()
	if (choice < 0.35) {
		await attempt(recorder, 'Caseworker: caseload', () => browser.get('/caseload?view=mine'), { statuses: [200] })
	} else if (choice < 0.7) {
		await attempt(recorder, 'Caseworker: a review', () => browser.get(`/council/reviews/${pick(world.browse)}`), { statuses: [200] })
	} else {
		const reviewId = world.submittedPool.pop()
		if (!reviewId) {
			world.decisionsSkipped++
			await attempt(recorder, 'Caseworker: caseload', () => browser.get('/caseload?view=mine'), { statuses: [200] })
			return
		}
		const page = await attempt(recorder, 'Caseworker: decision page', () => browser.get(`/council/reviews/${reviewId}/decision`), { statuses: [200] })
		if (!page) return
		const today = todayInLondon(new Date())
		await attempt(
			recorder,
			'Caseworker: decision (maintain, with letter)',
			() =>
				browser.post(`/council/reviews/${reviewId}/decision`, {
					outcome: 'MAINTAIN',
					reasons: 'The plan still meets the child’s needs.',
					'decidedOn.day': today.slice(8),
					'decidedOn.month': today.slice(5, 7),
					'decidedOn.year': today.slice(0, 4),
				}),
			{ statuses: [302], accept4xx: [409] },
		)
	}
}

async function managerAction(browser: Browser, recorder: Recorder) {
	const choice = Math.random()
	if (choice < 0.4) await attempt(recorder, 'Manager: timeliness', () => browser.get('/timeliness'), { statuses: [200] })
	else if (choice < 0.75) await attempt(recorder, 'Manager: workload', () => browser.get('/workload'), { statuses: [200] })
	else await attempt(recorder, 'Manager: caseload', () => browser.get('/caseload'), { statuses: [200] })
}

// ---------------------------------------------------------------------------------------------------------------

interface Run {
	provider: Provider
	workers: number
	seconds: number
	samples: Sample[]
	peakRss: number
	peakProcesses: number
	rssAtEnd: number
	decisionsSkipped: number
	poolSize: number
	signInAfter: string[]
	serverErrors: string[]
}

async function runProvider(provider: Provider, entry: string, today: string): Promise<Run> {
	const url = databaseUrl(provider, 'load_bench', WORK)
	const filesDir = path.join(WORK, `files-${provider}`)
	fs.rmSync(filesDir, { recursive: true, force: true })
	console.log(`\n${PROVIDER_NAMES[provider]}: seeding...`)
	await freshDatabase(url, today)
	const logFile = path.join(WORK, `server-${provider}.log`)
	fs.rmSync(logFile, { force: true })
	const serverOptions = { entry, port: PORT, databaseUrl: url, workers: WORKERS, filesDir, logFile }
	let server = await startServer(serverOptions)
	const templates = await withPrisma(url, (prisma) => makeTemplates(prisma, server.origin))
	await stopServer(server)

	const roles = Array.from({ length: USER_COUNT }, (_, i) => ROLES_IN_TURN[i % ROLES_IN_TURN.length]!)
	const caseworkers = roles.filter((r) => r === 'caseworker').length
	// About one decision every 2 s per caseworker at most; when the pool runs dry, they read the caseload instead.
	const poolSize = Math.min(4000, Math.ceil((caseworkers * SECONDS) / 2))
	const { drafts, submittedPool, browse, parts, emails } = await withPrisma(url, async (prisma) => {
		const drafts = await cloneReviews(prisma, templates.draft, roles.filter((r) => r === 'senco').length)
		// The caseworkers' reviews are children of another Kent school, so the SENCos' list keeps its size.
		const oakfield = (await prisma.user.findUniqueOrThrow({ where: { email: USERS.senco }, select: { schoolId: true } })).schoolId!
		const other = await prisma.school.findFirstOrThrow({
			where: { la: { code: '886' }, id: { not: oakfield } },
			orderBy: { name: 'asc' },
			select: { id: true },
		})
		const submittedPool = await cloneReviews(prisma, templates.submitted, poolSize, { schoolId: other.id })
		const browse = (await prisma.annualReview.findMany({ where: { la: { code: '886' }, status: { not: 'DRAFT' } }, select: { id: true }, take: 200 })).map(
			(r) => r.id,
		)
		const facts = await prisma.annualReview.findUniqueOrThrow({
			where: { id: drafts[0]! },
			select: { invitees: { select: { id: true } }, planVersion: { select: { outcomes: { select: { id: true } } } } },
		})
		const emails = await makeUsers(prisma, roles, submittedPool)
		return {
			emails,
			drafts,
			submittedPool,
			browse,
			parts: completeParts(
				facts.planVersion.outcomes.map((o) => o.id),
				facts.invitees.map((i) => i.id),
			),
		}
	})
	server = await startServer(serverOptions)
	const workers = groupRss(server.pid).processes - 1 || 1
	const world: World = {
		server,
		emails,
		drafts,
		submittedPool,
		browse,
		parts,
		pdf: await smallPdf(),
		deadline: Date.now() + SECONDS * 1000,
		decisionsSkipped: 0,
	}
	const recorder = new Recorder()

	let peakRss = 0
	let peakProcesses = 0
	const sampler = setInterval(() => {
		const { bytes, processes } = groupRss(server.pid)
		if (bytes > peakRss) peakRss = bytes
		peakProcesses = Math.max(peakProcesses, processes)
	}, 250)
	const progress = setInterval(() => {
		const errors = recorder.samples.filter((s) => s.error).length
		console.log(
			`  ${((SECONDS * 1000 - (world.deadline - Date.now())) / 1000).toFixed(0)} s: ${recorder.samples.length} requests, ${errors} errors, ${mib(groupRss(server.pid).bytes)}`,
		)
	}, 15_000)
	console.log(`${PROVIDER_NAMES[provider]}: ${USER_COUNT} users for ${SECONDS} s against ${workers} workers...`)
	const started = performance.now()
	let sencoIndex = 0
	await Promise.all(roles.map((role, userIndex) => user(userIndex, role === 'senco' ? sencoIndex++ : 0, role, world, recorder)))
	const seconds = (performance.now() - started) / 1000
	clearInterval(sampler)
	clearInterval(progress)
	const rssAtEnd = groupRss(server.pid).bytes

	// Can people still sign in? Once on a new connection per worker (the primary deals connections in turn).
	const signInAfter: string[] = []
	for (let i = 0; i < Math.max(2, workers); i++) {
		const browser = new Browser(server.origin, { freshConnections: true })
		try {
			await browser.signIn(USERS.caseworker, DEMO_PASSWORD)
			const page = await browser.get('/caseload?view=mine')
			signInAfter.push(page.status === 200 ? 'ok' : `signed in, then the caseload answered ${page.status}`)
		} catch (error) {
			signInAfter.push(`FAILED: ${(error as Error).message}`)
		}
	}
	await stopServer(server)
	const serverErrors = fs
		.readFileSync(logFile, 'utf8')
		.split('\n')
		.filter((line) => /error|SQLITE_|busy|locked/i.test(line) && !/^\s+at /.test(line))
	if (provider === 'postgres') await dropDatabase(url)
	return {
		provider,
		workers,
		seconds,
		samples: recorder.samples,
		peakRss,
		peakProcesses,
		rssAtEnd,
		decisionsSkipped: world.decisionsSkipped,
		poolSize,
		signInAfter,
		serverErrors,
	}
}

function summarise(run: Run): string[] {
	const errors = run.samples.filter((s) => s.error)
	const kinds = [...new Set(run.samples.map((s) => s.kind))].sort()
	const lines = [
		`### ${PROVIDER_NAMES[run.provider]}: ${USER_COUNT} users, ${run.seconds.toFixed(0)} s, ${run.workers} workers`,
		'',
		`- Requests: **${run.samples.length.toLocaleString('en-GB')}** (${(run.samples.length / run.seconds).toFixed(1)} a second); errors: **${errors.length.toLocaleString('en-GB')}**${errors.length ? ` (${summariseErrors(errors)})` : ''}.`,
		`- Sign-in afterwards, once per worker on a new connection: ${run.signInAfter.every((s) => s === 'ok') ? 'works' : `**${run.signInAfter.join('; ')}**`}.`,
		`- Peak memory (resident, primary + workers, sampled every 250 ms): **${mib(run.peakRss)}** over ${run.peakProcesses} processes; ${mib(run.rssAtEnd)} at the end.`,
		`- Decisions: ${run.samples.filter((s) => s.kind.startsWith('Caseworker: decision (') && !s.error).length} made from a pool of ${run.poolSize}${run.decisionsSkipped ? ` (${run.decisionsSkipped} times the pool was empty)` : ''}.`,
		`- Lines in the server's standard error that report an error (stack frames not counted): ${run.serverErrors.length}${run.serverErrors.length ? `, e.g. \`${[...new Set(run.serverErrors.map((l) => l.trim().slice(0, 160)))].slice(0, 3).join('`; `')}\`` : ''}.`,
		'',
		'| Kind | Requests | Errors | p50 (ms) | p95 (ms) | p99 (ms) | Max (ms) |',
		'|---|---:|---:|---:|---:|---:|---:|',
	]
	for (const kind of kinds) {
		const of = run.samples.filter((s) => s.kind === kind)
		const ms = of
			.filter((s) => s.status)
			.map((s) => s.ms)
			.sort((a, b) => a - b)
		lines.push(
			`| ${kind} | ${of.length} | ${of.filter((s) => s.error).length} | ${percentile(ms, 50).toFixed(0)} | ${percentile(ms, 95).toFixed(0)} | ${percentile(ms, 99).toFixed(0)} | ${(ms.at(-1) ?? Number.NaN).toFixed(0)} |`,
		)
	}
	const all = run.samples
		.filter((s) => s.status)
		.map((s) => s.ms)
		.sort((a, b) => a - b)
	lines.push(
		`| **All** | ${run.samples.length} | ${errors.length} | ${percentile(all, 50).toFixed(0)} | ${percentile(all, 95).toFixed(0)} | ${percentile(all, 99).toFixed(0)} | ${(all.at(-1) ?? Number.NaN).toFixed(0)} |`,
		'',
	)
	return lines
}

function summariseErrors(errors: Sample[]): string {
	const counts = new Map<string, number>()
	for (const e of errors) counts.set(`${e.error} on ${e.kind}`, (counts.get(`${e.error} on ${e.kind}`) ?? 0) + 1)
	return [...counts]
		.sort((a, b) => b[1] - a[1])
		.slice(0, 6)
		.map(([what, n]) => `${n} × ${what}`)
		.join('; ')
}

const INTRODUCTION = [
	'# Mixed load: every role reading and writing at once',
	'',
	'`npx tsx bench/load.bench.ts [--minutes 10] [--users 50] [--db sqlite|postgres|both]` runs N simulated people against the production',
	'server (`server.js`, its default worker count: one per core, 2 here; the outbox worker on) on a freshly seeded demo database. Of every',
	'ten users five are SENCos (each with a draft review of its own: the children list, the task list, opening and saving parts, the',
	'evidence page, uploading a small PDF and removing one, the review record PDF), three are caseworkers (their caseload, a review, the',
	'decision page and a decision to maintain, which writes the decision letter), two are SEN managers (timeliness, workload, caseload);',
	'every 25th action is a sign-out and sign-in; each user has an account of its own (a copy of the demo user of its role). Each user sends its next request as soon as the last is answered (`--think MS` adds a pause).',
	'An error is any answer other than 2xx/3xx that is not an expected 4xx (409: the part or decision changed meanwhile), a redirect to',
	'sign-in (a lost session), a timeout or a broken connection. Latencies are from sending the request to the last byte of the answer.',
	'Memory is the resident memory of the primary and its workers (/proc, every 250 ms). At the end sign-in is tried once per worker.',
	'',
	'`--seconds 45 --users 7 --db sqlite` is the short run: issue 10 found that seven clients for 30-60 seconds uploading and removing',
	'evidence, viewing pages and posting forms got 951 HTTP 500s in 1,739 requests on SQLite with 2 workers, and afterwards nobody could sign in.',
]

async function main() {
	fs.mkdirSync(WORK, { recursive: true })
	const today = todayInLondon(new Date())
	const onMachine = machine()
	const build = args.has('commit') ? buildCommit(args.get('commit')!) : args.get('build')
	const version = describeBuild(build)
	const entry = prepareBuild(path.join(WORK, 'build'), build)
	const runs: Run[] = []
	for (const provider of PROVIDERS) runs.push(await runProvider(provider, entry, today))
	const lines = [
		`## ${today}: ${version}`,
		'',
		`Command: \`npx tsx bench/load.bench.ts ${process.argv.slice(2).join(' ')}\`. Machine: ${onMachine}.`,
		'',
		...runs.flatMap(summarise),
	]
	console.log(`\n${lines.join('\n')}`)
	writeRun(path.join(ROOT, 'bench/results/load.md'), INTRODUCTION, lines)
	console.log('Written to bench/results/load.md')
}

await main()
