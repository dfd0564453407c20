/**
 * Crash trials: the production server is killed (SIGKILL to the primary and every worker at once, as a power cut
 * or the OOM killer would) at random moments while a step of the review is under way, restarted, and every review
 * checked to be wholly before the step or wholly after it.
 *
 *   npx tsx bench/crash.bench.ts                     100 trials on SQLite, split over the three steps
 *   npx tsx bench/crash.bench.ts --trials 30 --db postgres
 *   options: --db sqlite|postgres|both  --steps submit,decide,notice[,evidence]  --workers 2  --port 3310
 *            --commit REF (build that commit rather than the working tree, where others may be mid-change)
 *            --build DIR (serve a build made earlier)
 *            --seed N (the random kill moments; default: the time)
 *
 * The steps (each one POST, as a browser without JavaScript sends it):
 * - submit: a SENCo submits a review (POST /reviews/:id/check). One transaction: the review DRAFT -> SUBMITTED, its
 *   next deadline, a receipt email to the SENCo and a notification to the caseworker (outbox rows), the audit event.
 * - decide: a caseworker decides to maintain the plan (POST /council/reviews/:id/decision). The decision letter
 *   (a PDF) is rendered and written to DOCUMENTS_DIR first; then one transaction: SUBMITTED -> CLOSED, the Decision,
 *   the plan's next review date, the document row, the letter emailed to the family and the school, the audit event.
 * - notice: a caseworker issues the amendment notice (POST /council/reviews/:id/notice, intent=issue). The notice
 *   PDF is written first; then one transaction: DECISION_MADE -> NOTICE_ISSUED, the AmendmentNotice, the document
 *   row, the emails, the audit event.
 * - evidence (only with --steps): a SENCo uploads a PDF as evidence (multipart POST /reviews/:id/evidence): the file
 *   is streamed to EVIDENCE_DIR/tmp, moved under its key, then its row and audit event written in one transaction.
 *
 * Each trial uses a review of its own in the right state (lib/reviews.ts: made once through the app, then copied).
 * One trial in six kills the server just after the response has arrived; the others kill it a random time after
 * the request was sent, spread evenly from 0 ms to a little longer than the step takes on a freshly started server
 * (measured first, three times per step, never less than 50 ms), so kills land before, during and after the
 * transaction. After each kill the server is started again (the outbox worker runs, as in production), and the
 * checks listed in the results run; at the end every trial's review is checked again. Results are written to
 * bench/results/crash.md.
 */
import { execFileSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import fs from 'node:fs'
import http from 'node:http'
import path from 'node:path'
import type { PrismaClient } from '#app/db/factory.server.ts'
import { addDays, todayInLondon } from '#app/domain/calendar-date.ts'
import { nextReviewDueOn } from '#app/domain/statutory-clock.ts'
import { databaseUrl, dropDatabase, freshDatabase, PROVIDER_NAMES, sqliteFile, withPrisma, type Provider } from './lib/database.ts'
import { Browser, DEMO_PASSWORD, USERS } from './lib/http.ts'
import { smallPdf } from './lib/pdf.ts'
import { machine, parseArgs, writeRun } from './lib/results.ts'
import { cloneReviews, makeTemplates, type Templates } from './lib/reviews.ts'
import { buildCommit, describeBuild, killServer, prepareBuild, ROOT, startServer, type Server } from './lib/server.ts'

const WORK = path.join(ROOT, 'bench/results/tmp/crash')
const args = parseArgs(process.argv.slice(2))
const TRIALS = Number(args.get('trials') ?? 100)
const PORT = Number(args.get('port') ?? 3310)
const WORKERS = Number(args.get('workers') ?? 2)
const STEPS = (args.get('steps') ?? 'submit,decide,notice').split(',') as Step[]
const PROVIDERS: Provider[] = args.get('db') === 'both' ? ['sqlite', 'postgres'] : [(args.get('db') ?? 'sqlite') as Provider]
const SEED = Number(args.get('seed') ?? Date.now() % 1_000_000)
const CALIBRATIONS = 3
/** One trial in this many kills the server just after the response instead of at a random moment. */
const AFTER_RESPONSE_EVERY = 6

type Step = 'submit' | 'decide' | 'notice' | 'evidence'
type State = 'before' | 'after' | 'between'
const STEP_NAMES: Record<Step, string> = {
	submit: 'Submission (SENCo, check your answers)',
	decide: 'Decision to maintain (caseworker, with the decision letter)',
	notice: 'Amendment notice issued (caseworker)',
	evidence: 'Evidence upload (SENCo, a PDF)',
}

// A small deterministic generator, so a run can be repeated with --seed.
let randomState = SEED || 1
function random() {
	randomState = (Math.imul(randomState ^ (randomState >>> 15), 0x2c1b3c6d) + 0x6d2b79f5) >>> 0
	randomState ^= randomState << 13
	randomState >>>= 0
	return (randomState % 1_000_000) / 1_000_000
}

// ---------------------------------------------------------------------------------------------------------------
// The request, and the kill

interface Sent {
	status: number | null
	/** ms from the request's last byte leaving to the kill (null: killed after the response, in that mode). */
	killDelayMs: number
	responseMs: number | null
	mode: 'random' | 'after-response'
}

function encodeRequest(step: Step, reviewId: string, pdf: Uint8Array): { path: string; body: Buffer; contentType: string } {
	const form = (fields: Record<string, string>) => ({
		body: Buffer.from(new URLSearchParams(fields).toString()),
		contentType: 'application/x-www-form-urlencoded',
	})
	const today = todayInLondon(new Date())
	if (step === 'submit') return { path: `/reviews/${reviewId}/check`, ...form({ lockVersion: String(lockVersions.get(reviewId)) }) }
	if (step === 'decide') {
		return {
			path: `/council/reviews/${reviewId}/decision`,
			...form({
				outcome: 'MAINTAIN',
				reasons: 'The plan still meets the child’s needs.',
				'decidedOn.day': today.slice(8),
				'decidedOn.month': today.slice(5, 7),
				'decidedOn.year': today.slice(0, 4),
			}),
		}
	}
	if (step === 'notice') return { path: `/council/reviews/${reviewId}/notice`, ...form({ intent: 'issue' }) }
	const boundary = `----crash${createHash('sha1').update(reviewId).digest('hex').slice(0, 16)}`
	const body = Buffer.concat([
		Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="title"\r\n\r\nTherapy report ${reviewId}\r\n`),
		Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="report.pdf"\r\nContent-Type: application/pdf\r\n\r\n`),
		Buffer.from(pdf),
		Buffer.from(`\r\n--${boundary}--\r\n`),
	])
	return { path: `/reviews/${reviewId}/evidence`, body, contentType: `multipart/form-data; boundary=${boundary}` }
}

/** Sends the step's POST on a new connection and kills the server group as `kill` says; resolves once every process is dead. */
async function postAndKill(
	server: Server,
	cookie: string,
	request: { path: string; body: Buffer; contentType: string },
	kill: { mode: 'random'; delayMs: number } | { mode: 'after-response' } | { mode: 'none' },
): Promise<Sent> {
	let sentAt = 0
	let status: number | null = null
	let responseMs: number | null = null
	let killDelayMs = 0
	let resolveKilled = () => {}
	const killed = new Promise<void>((resolve) => (resolveKilled = resolve))
	const doKill = () => {
		killDelayMs = performance.now() - sentAt
		void killServer(server).then(resolveKilled)
	}
	// Settles when the response has ended, or when the connection dies with the server.
	await new Promise<void>((resolve) => {
		const req = http.request(`${server.origin}${request.path}`, {
			method: 'POST',
			agent: false,
			timeout: 120_000,
			headers: { cookie, origin: server.origin, 'content-type': request.contentType, 'content-length': String(request.body.length), connection: 'close' },
		})
		req.on('response', (res) => {
			status = res.statusCode ?? null
			res.resume()
			res.on('end', () => {
				responseMs = performance.now() - sentAt
				resolve()
			})
			res.on('error', () => resolve())
		})
		req.on('error', () => resolve())
		req.on('timeout', () => req.destroy())
		req.on('finish', () => {
			sentAt = performance.now()
			if (kill.mode === 'random') setTimeout(doKill, kill.delayMs)
		})
		req.end(request.body)
	})
	if (kill.mode === 'after-response') doKill()
	if (kill.mode !== 'none') await killed
	return { status, killDelayMs, responseMs, mode: kill.mode === 'after-response' ? 'after-response' : 'random' }
}

/** GET on a connection of its own, so consecutive calls reach different workers (the primary deals connections round-robin). */
function getOnNewConnection(server: Server, cookie: string, pagePath: string): Promise<number> {
	return new Promise((resolve, reject) => {
		const req = http.get(`${server.origin}${pagePath}`, { agent: false, headers: { cookie, connection: 'close' } }, (res) => {
			res.resume()
			res.on('end', () => resolve(res.statusCode ?? 0))
		})
		req.on('error', reject)
	})
}

// ---------------------------------------------------------------------------------------------------------------
// What a review looks like before and after each step

interface Snapshot {
	status: string
	lockVersion: number
	plan: { lastReviewOn: string | null; reviewDueOn: string; status: string }
	evidence: number
}

async function snapshot(prisma: PrismaClient, reviewId: string): Promise<Snapshot> {
	const review = await prisma.annualReview.findUniqueOrThrow({
		where: { id: reviewId },
		select: {
			status: true,
			lockVersion: true,
			child: { select: { plan: { select: { lastReviewOn: true, reviewDueOn: true, status: true } } } },
			_count: { select: { evidence: true } },
		},
	})
	return { status: review.status, lockVersion: review.lockVersion, plan: review.child.plan!, evidence: review._count.evidence }
}

const STEP_FACTS: Record<Step, { from: string; to: string; templates: string[]; audit: string; document: string | null }> = {
	submit: { from: 'DRAFT', to: 'SUBMITTED', templates: ['review-submitted-receipt', 'review-submitted-caseworker'], audit: 'review.submit', document: null },
	decide: { from: 'SUBMITTED', to: 'CLOSED', templates: ['decision-letter'], audit: 'decision.make', document: 'DECISION_LETTER' },
	notice: { from: 'DECISION_MADE', to: 'NOTICE_ISSUED', templates: ['amendment-notice'], audit: 'notice.issue', document: 'AMENDMENT_NOTICE' },
	evidence: { from: 'DRAFT', to: 'DRAFT', templates: [], audit: 'evidence.upload', document: null },
}

/** The exact checks, in words, for the results file. */
const CHECK_WORDS: Record<Step, { before: string; after: string }> = {
	submit: {
		before: 'status DRAFT; lockVersion unchanged; submittedAt, submittedById and reportReceivedOn empty; no submission email (receipt or council notification) in the outbox; no `review.submit` audit event',
		after: 'status SUBMITTED; lockVersion one higher; submittedAt, reportReceivedOn set and submittedById the SENCo; next deadline `la_decision`; exactly one receipt email and exactly one notification per council recipient (the caseworker); exactly one `review.submit` audit event',
	},
	decide: {
		before: 'status SUBMITTED; lockVersion unchanged; closedAt empty; no Decision; the plan’s last review, review due date and status unchanged; no decision letter document row; no decision-letter email; no `decision.make` audit event',
		after: 'status CLOSED with closedAt; lockVersion one higher; one Decision (maintain); the plan’s last review = the meeting date and its review due date = 12 months on; no next deadline; exactly one decision letter document row whose file exists with its recorded size and is a whole PDF (%PDF- … %%EOF); exactly one decision-letter email per recipient (family and school), each attaching that document; exactly one `decision.make` audit event',
	},
	notice: {
		before: 'status DECISION_MADE; lockVersion unchanged; no AmendmentNotice; no notice document row; no amendment-notice email; no `notice.issue` audit event',
		after: 'status NOTICE_ISSUED; lockVersion one higher; one AmendmentNotice (representations close 14 days after issue); exactly one notice document row whose file is a whole PDF of the recorded size; exactly one amendment-notice email per recipient, each attaching it; exactly one `notice.issue` audit event',
	},
	evidence: {
		before: 'no evidence row with the trial’s title; no `evidence.upload` audit event for it',
		after: 'exactly one evidence row with the trial’s title whose file exists with the recorded size and SHA-256; exactly one `evidence.upload` audit event',
	},
}

async function classify(
	prisma: PrismaClient,
	step: Step,
	reviewId: string,
	snap: Snapshot,
	docsDir: string,
	evidenceDir: string,
): Promise<{ state: State; problems: string[] }> {
	const facts = STEP_FACTS[step]
	const review = await prisma.annualReview.findUniqueOrThrow({
		where: { id: reviewId },
		// The review's own row (status, lockVersion, submission, closing and next-deadline fields) with what the steps touch.
		include: {
			decision: { select: { outcome: true } },
			notice: { select: { issuedOn: true, representationsCloseOn: true } },
			child: {
				select: {
					parentEmail: true,
					youngPersonEmail: true,
					school: { select: { headTeacherEmail: true, contactEmail: true } },
					plan: { select: { firstIssuedOn: true, lastReviewOn: true, reviewDueOn: true, status: true } },
				},
			},
		},
	})
	const messages = facts.templates.length
		? await prisma.outboxMessage.findMany({
				where: { reviewId, template: { in: facts.templates } },
				select: { template: true, toAddress: true, payload: true },
			})
		: []
	const audits = await prisma.auditEvent.findMany({ where: { reviewId, action: facts.audit }, select: { details: true } })
	const documents = facts.document
		? await prisma.generatedDocument.findMany({ where: { reviewId, kind: facts.document }, select: { id: true, storageKey: true, sizeBytes: true } })
		: []
	const evidence =
		step === 'evidence'
			? await prisma.evidenceFile.findMany({
					where: { reviewId, title: `Therapy report ${reviewId}` },
					select: { id: true, storageKey: true, sizeBytes: true, sha256: true },
				})
			: []
	const plan = review.child.plan!
	const recipients = [
		review.child.youngPersonEmail,
		review.child.parentEmail,
		review.child.school?.headTeacherEmail || review.child.school?.contactEmail,
	].filter(Boolean).length

	const before: string[] = []
	const after: string[] = []
	const need = (list: string[], ok: boolean, what: string) => ok || list.push(what)
	/** A stored file its row names is there afterwards, and `whole` says its bytes are what the row records. */
	const needFile = (dir: string, row: { id: string; storageKey: string }, noun: string, whole: (bytes: Buffer) => boolean, differs: string) => {
		const file = path.join(dir, row.storageKey)
		const bytes = fs.existsSync(file) ? fs.readFileSync(file) : null
		need(after, !!bytes, `${noun} ${row.id}: no file`)
		if (bytes) need(after, whole(bytes), `${noun} ${row.id}: ${differs}`)
	}
	if (step === 'evidence') {
		const audited = audits.filter((a) => a.details.startsWith('report.pdf'))
		need(before, evidence.length === 0, `${evidence.length} evidence rows`)
		need(before, audited.length === 0, `${audited.length} upload audit events`)
		need(after, evidence.length === 1, `${evidence.length} evidence rows`)
		need(after, audited.length === evidence.length, `${audited.length} upload audit events for ${evidence.length} rows`)
		for (const e of evidence)
			needFile(
				evidenceDir,
				e,
				'evidence',
				(bytes) => bytes.length === e.sizeBytes && createHash('sha256').update(bytes).digest('hex') === e.sha256,
				"the file's size or SHA-256 differs from its row",
			)
	} else {
		need(before, review.status === facts.from, `status ${review.status}`)
		need(before, review.lockVersion === snap.lockVersion, `lockVersion ${review.lockVersion} (was ${snap.lockVersion})`)
		need(before, messages.length === 0, `${messages.length} emails of this step`)
		need(before, audits.length === 0, `${audits.length} audit events of this step`)
		need(before, documents.length === 0, `${documents.length} document rows of this step`)
		need(after, review.status === facts.to, `status ${review.status}`)
		need(after, review.lockVersion === snap.lockVersion + 1, `lockVersion ${review.lockVersion} (was ${snap.lockVersion})`)
		need(after, audits.length === 1, `${audits.length} audit events of this step`)
		const byTemplate = (t: string) => messages.filter((m) => m.template === t)
		if (step === 'submit') {
			need(before, !review.submittedAt && !review.submittedById && !review.reportReceivedOn, 'submission fields set')
			need(after, !!review.submittedAt && !!review.submittedById && !!review.reportReceivedOn, 'submission fields empty')
			need(after, review.nextDeadlineId === 'la_decision', `next deadline ${review.nextDeadlineId}`)
			need(after, byTemplate('review-submitted-receipt').length === 1, `${byTemplate('review-submitted-receipt').length} receipts`)
			need(after, byTemplate('review-submitted-caseworker').length === 1, `${byTemplate('review-submitted-caseworker').length} council notifications`)
		}
		if (step === 'decide') {
			need(before, !review.closedAt && !review.decision, 'closed or decided')
			need(
				before,
				plan.lastReviewOn === snap.plan.lastReviewOn && plan.reviewDueOn === snap.plan.reviewDueOn && plan.status === snap.plan.status,
				'the plan changed',
			)
			need(
				after,
				!!review.closedAt && review.decision?.outcome === 'MAINTAIN',
				`closedAt ${review.closedAt?.toISOString() ?? 'empty'}, decision ${review.decision?.outcome ?? 'none'}`,
			)
			need(
				after,
				plan.lastReviewOn === review.meetingOn && plan.reviewDueOn === nextReviewDueOn(plan.firstIssuedOn, review.meetingOn!),
				`plan last review ${plan.lastReviewOn}, due ${plan.reviewDueOn}`,
			)
			need(after, review.nextDeadlineOn === null, `next deadline ${review.nextDeadlineOn}`)
		}
		if (step === 'notice') {
			need(before, !review.notice, 'a notice row')
			need(
				after,
				!!review.notice && review.notice.representationsCloseOn === addDays(review.notice.issuedOn, 14),
				`notice ${JSON.stringify(review.notice)}`,
			)
		}
		if (facts.document) {
			need(after, documents.length === 1, `${documents.length} document rows`)
			need(after, messages.length === recipients, `${messages.length} emails for ${recipients} recipients`)
			for (const d of documents)
				needFile(
					docsDir,
					d,
					'document',
					(bytes) => bytes.length === d.sizeBytes && bytes.subarray(0, 5).toString() === '%PDF-' && bytes.subarray(-8).toString().includes('%%EOF'),
					'not a whole PDF of its recorded size',
				)
			for (const m of messages) {
				const attachments = (JSON.parse(m.payload).attachments ?? []) as Array<{ documentId: string }>
				need(
					after,
					attachments.length === 1 && attachments[0]!.documentId === documents[0]?.id,
					`email to ${m.toAddress} attaches ${JSON.stringify(attachments)}`,
				)
			}
		}
	}
	if (!before.length) return { state: 'before', problems: [] }
	if (!after.length) return { state: 'after', problems: [] }
	return { state: 'between', problems: [`not before: ${before.join('; ')}`, `not after: ${after.join('; ')}`] }
}

// ---------------------------------------------------------------------------------------------------------------
// Checks across the whole database and its folders

interface GlobalCheck {
	documentRowsWithoutFile: string[]
	documentFilesWithoutRow: string[]
	documentTemporaryFiles: string[]
	evidenceRowsWithoutFile: string[]
	evidenceFilesWithoutRow: string[]
	evidenceTemporaryFiles: string[]
	emailsAttachingMissingDocuments: string[]
	emlFilesWithoutMessage: string[]
	integrity: string
}

const GLOBAL_WORDS = [
	'every GeneratedDocument row has its file in DOCUMENTS_DIR, of the recorded size',
	'every file in DOCUMENTS_DIR has its GeneratedDocument row (a temporary `.tmp` file left by a write cut short is counted apart)',
	'every EvidenceFile row has its file in EVIDENCE_DIR, and every file there has its row (files left in EVIDENCE_DIR/tmp are counted apart)',
	'every outbox email that attaches a document names a GeneratedDocument of the same review',
	'every .eml the outbox worker wrote to OUTBOX_DIR belongs to an OutboxMessage row (no email for a change that was rolled back)',
	'SQLite: `PRAGMA integrity_check` answers ok and `PRAGMA foreign_key_check` finds nothing (PostgreSQL: not needed)',
	'after every kill no process of the server’s group is left, and the server starts again and answers /healthz',
]

async function globalCheck(prisma: PrismaClient, provider: Provider, filesDir: string): Promise<GlobalCheck> {
	const docsDir = path.join(filesDir, 'documents')
	const evidenceDir = path.join(filesDir, 'evidence')
	const outboxDir = path.join(filesDir, 'outbox')
	const list = (dir: string) =>
		fs.existsSync(dir)
			? fs
					.readdirSync(dir, { withFileTypes: true })
					.filter((e) => e.isFile())
					.map((e) => e.name)
			: []
	const documents = await prisma.generatedDocument.findMany({ select: { id: true, reviewId: true, storageKey: true, sizeBytes: true } })
	const docFiles = list(docsDir)
	const docKeys = new Set(documents.map((d) => d.storageKey))
	const evidence = await prisma.evidenceFile.findMany({ select: { id: true, storageKey: true, sizeBytes: true } })
	const evidenceFiles = list(evidenceDir)
	const evidenceKeys = new Set(evidence.map((e) => e.storageKey))
	const messages = await prisma.outboxMessage.findMany({ select: { id: true, reviewId: true, payload: true } })
	const messageIds = new Set(messages.map((m) => m.id))
	const documentsById = new Map(documents.map((d) => [d.id, d]))
	const emailsAttachingMissingDocuments: string[] = []
	for (const m of messages) {
		for (const a of (JSON.parse(m.payload).attachments ?? []) as Array<{ documentId: string }>) {
			if (documentsById.get(a.documentId)?.reviewId !== m.reviewId) emailsAttachingMissingDocuments.push(`${m.id} -> ${a.documentId}`)
		}
	}
	let integrity = 'not applicable'
	if (provider === 'sqlite') {
		const result = (await prisma.$queryRawUnsafe('PRAGMA integrity_check')) as Array<Record<string, string>>
		const foreignKeys = (await prisma.$queryRawUnsafe('PRAGMA foreign_key_check')) as unknown[]
		integrity = `${result.map((r) => Object.values(r)[0]).join(', ')}${foreignKeys.length ? `; ${foreignKeys.length} foreign key problems` : ''}`
	}
	const size = (file: string) => (fs.existsSync(file) ? fs.statSync(file).size : -1)
	return {
		documentRowsWithoutFile: documents.filter((d) => size(path.join(docsDir, d.storageKey)) !== d.sizeBytes).map((d) => d.id),
		documentFilesWithoutRow: docFiles.filter((f) => !f.endsWith('.tmp') && !docKeys.has(f)),
		documentTemporaryFiles: docFiles.filter((f) => f.endsWith('.tmp')),
		evidenceRowsWithoutFile: evidence.filter((e) => size(path.join(evidenceDir, e.storageKey)) !== e.sizeBytes).map((e) => e.id),
		evidenceFilesWithoutRow: evidenceFiles.filter((f) => !evidenceKeys.has(f)),
		evidenceTemporaryFiles: list(path.join(evidenceDir, 'tmp')),
		emailsAttachingMissingDocuments,
		emlFilesWithoutMessage: list(outboxDir).filter((f) => f.endsWith('.eml') && !messageIds.has(/-([a-z0-9]+)\.eml$/.exec(f)?.[1] ?? '')),
		integrity,
	}
}

// ---------------------------------------------------------------------------------------------------------------

interface Trial {
	n: number
	step: Step
	reviewId: string
	mode: 'random' | 'after-response'
	plannedDelayMs: number | null
	killDelayMs: number
	status: number | null
	responseMs: number | null
	state: State
	problems: string[]
	/** Files and rows left over by this trial (new since the trial before). */
	leftovers: string[]
	restartMs: number
}

interface ProviderRun {
	provider: Provider
	calibrationMs: Record<string, number[]>
	maxDelayMs: Record<string, number>
	trials: Trial[]
	finalStates: Record<State, number>
	finalProblems: string[]
	global: GlobalCheck
	swept: { files: number; temporary: number }
	afterSweep: GlobalCheck
	signInAfter: string
	minutes: number
}

async function runProvider(provider: Provider, entry: string, today: string): Promise<ProviderRun> {
	const started = performance.now()
	const name = 'crash_bench'
	const url = databaseUrl(provider, name, WORK)
	const filesDir = path.join(WORK, `files-${provider}`)
	fs.rmSync(filesDir, { recursive: true, force: true })
	console.log(`\n${PROVIDER_NAMES[provider]}: seeding ${url.startsWith('file:') ? sqliteFile(url) : url}...`)
	await freshDatabase(url, today)
	const logFile = path.join(WORK, `server-${provider}.log`)
	fs.rmSync(logFile, { force: true })
	const serverOptions = { entry, port: PORT, databaseUrl: url, workers: WORKERS, filesDir, logFile }
	let server = await startServer(serverOptions)
	const templates: Templates = await withPrisma(url, (prisma) => makeTemplates(prisma, server.origin))
	await killServer(server)

	// Reviews for the trials and for measuring each step first.
	const perStep = new Map<Step, number>(STEPS.map((s, i) => [s, Math.floor(TRIALS / STEPS.length) + (i < TRIALS % STEPS.length ? 1 : 0)]))
	const pools = new Map<Step, string[]>()
	await withPrisma(url, async (prisma) => {
		for (const step of STEPS) {
			const template = step === 'decide' ? templates.submitted : step === 'notice' ? templates.decided : templates.draft
			pools.set(step, await cloneReviews(prisma, template, perStep.get(step)! + CALIBRATIONS))
		}
		for (const ids of pools.values()) {
			for (const r of await prisma.annualReview.findMany({ where: { id: { in: ids } }, select: { id: true, lockVersion: true } }))
				lockVersions.set(r.id, r.lockVersion)
		}
	})
	server = await startServer(serverOptions)
	const senco = new Browser(server.origin, { freshConnections: true })
	await senco.signIn(USERS.senco, DEMO_PASSWORD)
	const caseworker = new Browser(server.origin, { freshConnections: true })
	await caseworker.signIn(USERS.caseworker, DEMO_PASSWORD)
	const pdf = await smallPdf()
	const cookieFor = (step: Step) => (step === 'decide' || step === 'notice' ? caseworker : senco)
	const warmPath = (step: Step, reviewId: string) =>
		step === 'submit'
			? `/reviews/${reviewId}/check`
			: step === 'decide'
				? `/council/reviews/${reviewId}/decision`
				: step === 'notice'
					? `/council/reviews/${reviewId}/notice`
					: `/reviews/${reviewId}/evidence`
	/** Both workers answer a page of the step first (as after a restart in production, someone opens the form before posting it). */
	const warm = async (step: Step, reviewId: string) => {
		for (let i = 0; i < WORKERS; i++) {
			const status = await getOnNewConnection(server, cookieFor(step).cookie, warmPath(step, reviewId))
			if (status !== 200) throw new Error(`GET ${warmPath(step, reviewId)} answered ${status}`)
		}
	}
	const restart = async () => {
		const t = performance.now()
		server = await startServer(serverOptions)
		return performance.now() - t
	}

	// 1. How long each step takes on a freshly started server, and a check of the checks: these must read "after",
	// and reviews nobody touched must read "before".
	const calibrationMs: Record<string, number[]> = {}
	const maxDelayMs: Record<string, number> = {}
	for (const step of STEPS) {
		calibrationMs[step] = []
		for (let i = 0; i < CALIBRATIONS; i++) {
			const reviewId = pools.get(step)!.pop()!
			const snap = await withPrisma(url, (prisma) => snapshot(prisma, reviewId))
			await warm(step, reviewId)
			const sent = await postAndKill(server, cookieFor(step).cookie, encodeRequest(step, reviewId, pdf), { mode: 'none' })
			if (sent.status !== 302) throw new Error(`${step}: the step answered ${sent.status} without a kill`)
			calibrationMs[step].push(sent.responseMs!)
			await killServer(server)
			await restart()
			const { state, problems } = await withPrisma(url, (prisma) =>
				classify(prisma, step, reviewId, snap, path.join(filesDir, 'documents'), path.join(filesDir, 'evidence')),
			)
			if (state !== 'after') throw new Error(`${step}: a step that completed reads ${state}: ${problems.join(' / ')}`)
			const untouched = pools.get(step)![0]!
			const untouchedState = await withPrisma(
				url,
				async (prisma) =>
					(
						await classify(
							prisma,
							step,
							untouched,
							await snapshot(prisma, untouched),
							path.join(filesDir, 'documents'),
							path.join(filesDir, 'evidence'),
						)
					).state,
			)
			if (untouchedState !== 'before') throw new Error(`${step}: an untouched review reads ${untouchedState}`)
		}
		maxDelayMs[step] = Math.max(50, Math.ceil(Math.max(...calibrationMs[step]) * 1.2))
		console.log(`${step}: ${calibrationMs[step].map((ms) => ms.toFixed(0)).join(', ')} ms on a fresh server; kills from 0 to ${maxDelayMs[step]} ms`)
	}

	// 2. The trials, steps interleaved at random.
	const order: Step[] = STEPS.flatMap((step) => Array.from({ length: perStep.get(step)! }, () => step))
	for (let i = order.length - 1; i > 0; i--) {
		const j = Math.floor(random() * (i + 1))
		;[order[i], order[j]] = [order[j]!, order[i]!]
	}
	const counters = new Map<Step, number>()
	const trials: Trial[] = []
	const snapshots = new Map<string, Snapshot>()
	let previous = await withPrisma(url, (prisma) => globalCheck(prisma, provider, filesDir))
	for (const [index, step] of order.entries()) {
		const count = (counters.get(step) ?? 0) + 1
		counters.set(step, count)
		const reviewId = pools.get(step)!.pop()!
		const snap = await withPrisma(url, (prisma) => snapshot(prisma, reviewId))
		snapshots.set(reviewId, snap)
		await warm(step, reviewId)
		const mode = count % AFTER_RESPONSE_EVERY === 0 ? 'after-response' : 'random'
		const plannedDelayMs = mode === 'random' ? Math.round(random() * maxDelayMs[step]!) : null
		const sent = await postAndKill(
			server,
			cookieFor(step).cookie,
			encodeRequest(step, reviewId, pdf),
			mode === 'random' ? { mode, delayMs: plannedDelayMs! } : { mode },
		)
		const restartMs = await restart()
		const { state, problems } = await withPrisma(url, (prisma) =>
			classify(prisma, step, reviewId, snap, path.join(filesDir, 'documents'), path.join(filesDir, 'evidence')),
		)
		const now = await withPrisma(url, (prisma) => globalCheck(prisma, provider, filesDir))
		const leftovers = leftoversSince(previous, now)
		previous = now
		trials.push({
			n: index + 1,
			step,
			reviewId,
			mode,
			plannedDelayMs,
			killDelayMs: sent.killDelayMs,
			status: sent.status,
			responseMs: sent.responseMs,
			state,
			problems,
			leftovers,
			restartMs,
		})
		console.log(
			`${String(index + 1).padStart(3)} ${step.padEnd(8)} ${mode === 'random' ? `kill at ${sent.killDelayMs.toFixed(0).padStart(4)} ms` : 'kill after response'}  response ${sent.status ?? 'none'}  -> ${state}${problems.length ? `: ${problems.join(' / ')}` : ''}${leftovers.length ? `  LEFT: ${leftovers.join(', ')}` : ''}`,
		)
	}

	// 3. Every trial's review again, now that later trials and the outbox worker have run; then sign-in.
	const finalStates: Record<State, number> = { before: 0, after: 0, between: 0 }
	const finalProblems: string[] = []
	await withPrisma(url, async (prisma) => {
		for (const t of trials) {
			const { state, problems } = await classify(
				prisma,
				t.step,
				t.reviewId,
				snapshots.get(t.reviewId)!,
				path.join(filesDir, 'documents'),
				path.join(filesDir, 'evidence'),
			)
			finalStates[state]++
			if (state !== t.state)
				finalProblems.push(
					`trial ${t.n} (${t.step}) read ${t.state} after its restart and ${state} at the end${problems.length ? `: ${problems.join(' / ')}` : ''}`,
				)
		}
	})
	const global = await withPrisma(url, (prisma) => globalCheck(prisma, provider, filesDir))
	// The daily job's sweep (app/storage/orphans.server.ts), run as it would run once the files are old enough.
	const swept = sweepAsTheDailyJobWould(url, filesDir)
	const afterSweep = await withPrisma(url, (prisma) => globalCheck(prisma, provider, filesDir))
	let signInAfter: string
	try {
		const browser = new Browser(server.origin, { freshConnections: true })
		await browser.signIn(USERS.manager, DEMO_PASSWORD)
		const page = await browser.get('/caseload')
		signInAfter = page.status === 200 ? 'works (the manager signed in and opened the caseload)' : `signed in, but the caseload answered ${page.status}`
	} catch (error) {
		signInAfter = `FAILED: ${(error as Error).message}`
	}
	await killServer(server)
	if (provider === 'postgres') await dropDatabase(url)
	return {
		provider,
		calibrationMs,
		maxDelayMs,
		trials,
		finalStates,
		finalProblems,
		global,
		swept,
		afterSweep,
		signInAfter,
		minutes: (performance.now() - started) / 60_000,
	}
}

function sweepAsTheDailyJobWould(databaseUrl: string, filesDir: string): { files: number; temporary: number } {
	const script = `import { ORPHAN_MIN_AGE_MS, sweepOrphanFiles } from '#app/storage/orphans.server.ts'
const removed = await sweepOrphanFiles({ now: new Date(Date.now() + ORPHAN_MIN_AGE_MS + 60_000) })
console.log(JSON.stringify(removed))
process.exit(0)`
	const output = execFileSync('npx', ['tsx', '--input-type=module', '-e', script], {
		cwd: ROOT,
		env: {
			...process.env,
			NODE_ENV: 'production',
			DATABASE_URL: databaseUrl,
			EVIDENCE_DIR: path.join(filesDir, 'evidence'),
			DOCUMENTS_DIR: path.join(filesDir, 'documents'),
			OUTBOX_DIR: path.join(filesDir, 'outbox'),
			SESSION_SECRET: 'bench-sweep-only',
		},
		encoding: 'utf8',
	})
	return JSON.parse(output.trim().split('\n').pop()!) as { files: number; temporary: number }
}

function leftoversSince(before: GlobalCheck, after: GlobalCheck): string[] {
	const found: string[] = []
	for (const key of Object.keys(after) as Array<keyof GlobalCheck>) {
		if (key === 'integrity') {
			if (after.integrity !== before.integrity) found.push(`integrity: ${after.integrity}`)
			continue
		}
		const old = new Set(before[key] as string[])
		for (const item of after[key] as string[]) if (!old.has(item)) found.push(`${key} ${item}`)
	}
	return found
}

const lockVersions = new Map<string, number>()

// ---------------------------------------------------------------------------------------------------------------

function report(runs: ProviderRun[], today: string, version: string) {
	const lines: string[] = [
		`## ${today}: ${version}`,
		'',
		`Command: \`npx tsx bench/crash.bench.ts ${process.argv.slice(2).join(' ')}\`; seed ${SEED}; ${WORKERS} workers. Machine: ${machine()}.`,
		'',
	]
	for (const run of runs) {
		const violations = run.trials.filter((t) => t.state === 'between').length + run.finalProblems.length
		const leftovers = run.trials.filter((t) => t.leftovers.length)
		lines.push(`### ${PROVIDER_NAMES[run.provider]} (${run.trials.length} trials, ${run.minutes.toFixed(1)} minutes)`, '')
		lines.push(
			'| Step | Trials | Killed at random / after the response | Request time on a fresh server (ms) | Kill moments (ms after sending) | Before the step (killed before commit) | After the step (killed after commit) | Of which the response had arrived | Between (half-written) | Trials that left files or rows behind |',
		)
		lines.push('|---|---:|---:|---|---|---:|---:|---:|---:|---:|')
		for (const step of STEPS) {
			const ts = run.trials.filter((t) => t.step === step)
			const random = ts.filter((t) => t.mode === 'random')
			const kills = random.map((t) => t.killDelayMs)
			lines.push(
				`| ${STEP_NAMES[step]} | ${ts.length} | ${random.length} / ${ts.length - random.length} | ${run.calibrationMs[step]!.map((ms) => ms.toFixed(0)).join(', ')} | ${kills.length ? `${Math.min(...kills).toFixed(0)}–${Math.max(...kills).toFixed(0)} (planned 0–${run.maxDelayMs[step]})` : ''} | ${ts.filter((t) => t.state === 'before').length} | ${ts.filter((t) => t.state === 'after').length} | ${ts.filter((t) => t.state === 'after' && t.status !== null).length} | **${ts.filter((t) => t.state === 'between').length}** | **${ts.filter((t) => t.leftovers.length).length}** |`,
			)
		}
		lines.push('')
		lines.push(`- Invariant violations: **${violations}** half-written reviews; **${leftovers.length}** trials left files or rows unaccounted for.`)
		lines.push(
			`- At the end, every trial's review checked again: ${run.finalStates.before} before, ${run.finalStates.after} after, ${run.finalStates.between} between${run.finalProblems.length ? `; changed since their trial: ${run.finalProblems.join('; ')}` : ''}.`,
		)
		const g = run.global
		lines.push(
			`- Whole database and folders at the end: ${g.documentRowsWithoutFile.length} document rows without their file, ${g.documentFilesWithoutRow.length} document files without their row, ${g.documentTemporaryFiles.length} temporary document files, ${g.evidenceRowsWithoutFile.length} evidence rows without their file, ${g.evidenceFilesWithoutRow.length} evidence files without their row, ${g.evidenceTemporaryFiles.length} files in EVIDENCE_DIR/tmp, ${g.emailsAttachingMissingDocuments.length} emails attaching a missing document, ${g.emlFilesWithoutMessage.length} .eml files without their outbox row; integrity: ${g.integrity}.`,
		)
		const a = run.afterSweep
		lines.push(
			`- The daily job's sweep of files no row names (app/storage/orphans.server.ts), run as it would once they are ${ORPHAN_HOURS} hours old: removed ${run.swept.files} stored files and ${run.swept.temporary} temporary files; afterwards ${a.documentFilesWithoutRow.length} document files without their row, ${a.documentTemporaryFiles.length} temporary document files, ${a.evidenceFilesWithoutRow.length} evidence files without their row, ${a.evidenceTemporaryFiles.length} files in EVIDENCE_DIR/tmp, ${a.documentRowsWithoutFile.length + a.evidenceRowsWithoutFile.length} rows without their file.`,
		)
		lines.push(
			`- Sign-in after the last restart: ${run.signInAfter}. Restart time after a kill: median ${median(run.trials.map((t) => t.restartMs)).toFixed(0)} ms.`,
		)
		if (run.trials.some((t) => t.leftovers.some((l) => l.startsWith('documentFilesWithoutRow')))) lines.push(ORPHAN_NOTE)
		for (const t of run.trials.filter((t) => t.state === 'between' || t.leftovers.length)) {
			lines.push(
				`- Trial ${t.n} (${t.step}, ${t.mode === 'random' ? `killed ${t.killDelayMs.toFixed(0)} ms after sending` : 'killed after the response'}, response ${t.status ?? 'none'}): ${t.state}${t.problems.length ? ` (${t.problems.join(' / ')})` : ''}${t.leftovers.length ? `; left behind: ${t.leftovers.join(', ')}` : ''}`,
			)
		}
		lines.push('')
	}
	return lines
}

const ORPHAN_HOURS = 6 // ORPHAN_MIN_AGE_MS in app/storage/orphans.server.ts
const ORPHAN_NOTE =
	'- A document file without its row: the letter or notice is rendered and written to DOCUMENTS_DIR before the transaction (app/services/council-review.server.ts, `withDocument`), and removed at once only if the transaction fails while the process lives. A kill between the write and the commit leaves the review wholly before the step (nothing refers to the file, no email is sent) but leaves the PDF, with the child’s details, in DOCUMENTS_DIR until the daily job’s sweep removes it (see the sweep line above).'
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? Number.NaN

const INTRODUCTION = [
	'# Crash trials: a review is before a step or after it, never between',
	'',
	'`npx tsx bench/crash.bench.ts [--trials 100] [--db sqlite|postgres|both]` kills the production server (`server.js`, 2 workers: SIGKILL to the',
	'primary and both workers at once, the whole process group) at random moments while a SENCo submits a review, a caseworker decides to',
	'maintain a plan (the decision letter PDF is written), or a caseworker issues an amendment notice (the notice PDF is written); then starts',
	'it again (with its background jobs, so the outbox worker delivers what was queued) and checks. Each trial has a review of its own, made',
	'once through the app and copied (bench/lib/reviews.ts). Most kills come a random time after the request was sent, evenly from 0 ms to a',
	'fifth longer than the step took on a freshly started server (measured three times per step first, at least 50 ms), so they land before,',
	'during and after the transaction; one trial in six kills the server just after the response arrived.',
	'',
	'What is checked for each trial’s review after the restart (and again for all of them at the end) — it must match one of the two exactly:',
	'',
	...(['submit', 'decide', 'notice', 'evidence'] as Step[]).flatMap((step) => [
		`- ${STEP_NAMES[step]}${step === 'evidence' ? ' (only with `--steps …,evidence`)' : ''}:`,
		`  - before: ${CHECK_WORDS[step].before};`,
		`  - after: ${CHECK_WORDS[step].after}.`,
	]),
	'',
	'And after every trial, across the whole database and its folders (anything new since the trial before is that trial’s):',
	'',
	...GLOBAL_WORDS.map((w) => `- ${w};`),
	'',
	'Before the trials, the checks are themselves checked: each step run three times without a kill must read "after", and an untouched review "before".',
]

async function main() {
	fs.mkdirSync(WORK, { recursive: true })
	const today = todayInLondon(new Date())
	const build = args.has('commit') ? buildCommit(args.get('commit')!) : args.get('build')
	const version = describeBuild(build)
	const entry = prepareBuild(path.join(WORK, 'build'), build)
	const runs: ProviderRun[] = []
	for (const provider of PROVIDERS) runs.push(await runProvider(provider, entry, today))
	const lines = report(runs, today, version)
	console.log(`\n${lines.join('\n')}`)
	writeRun(path.join(ROOT, 'bench/results/crash.md'), INTRODUCTION, lines)
	console.log('Written to bench/results/crash.md')
}

await main()
