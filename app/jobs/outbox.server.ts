// The outbox worker: delivers the messages enqueueEmail wrote (app/email/enqueue.server.ts).
//
// Exactly once, as nearly as SMTP allows:
// - A worker claims a message with one conditional UPDATE (status PENDING -> SENDING, with its id and a
//   lock for 5 minutes) and sends it only if that UPDATE changed exactly one row, so two workers (two
//   processes on SQLite, or several app instances on PostgreSQL) never both send a message.
// - A worker that dies mid-send leaves the row SENDING; once the lock has expired another worker reclaims
//   it and sends it again. The SMTP server may already have accepted the first copy, so the Message-ID is
//   fixed per outbox row (<outbox-ID@APP_URL host>): a receiving system can recognise the rare second copy
//   as the same message. The dead worker's attempt is counted, so a message that kills the worker cannot
//   loop for ever. SMTP timeouts are set well inside the lock, so a live worker never outlasts it.
// - A failed attempt is recorded (EmailAttempt) and retried after 1, 2, 4 … minutes (at most an hour);
//   after 10 attempts the message is FAILED, keeps its last error, and is never deleted.
import { randomBytes } from 'node:crypto'
import fs from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import nodemailer, { type SendMailOptions, type Transporter } from 'nodemailer'
import { prisma } from '#app/db/db.server.ts'
import { env } from '#app/env.server.ts'
import { readEvidenceBytes } from '#app/storage/evidence.server.ts'
import { readAll, storage } from '#app/storage/object-store.server.ts'
import type { Attachment } from '#emails/common.ts'
import { redactSecrets, renderTemplate } from '#emails/index.ts'

export const MAX_ATTEMPTS = 10
const LOCK_MS = 5 * 60_000
const FIRST_RETRY_MS = 60_000
const LONGEST_RETRY_MS = 60 * 60_000

/** How long to wait after the nth failed attempt: 1 minute, doubling, at most an hour. */
export function retryDelayMs(attempts: number): number {
	return Math.min(FIRST_RETRY_MS * 2 ** Math.max(0, attempts - 1), LONGEST_RETRY_MS)
}

/** Stable for an outbox row, so a copy resent after a crash has the same Message-ID as the first. */
export function messageIdFor(outboxId: string): string {
	return `<outbox-${outboxId}@${new URL(env.APP_URL).hostname}>`
}

const processWorkerId = `${os.hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`

let defaultTransporter: Transporter | undefined
/**
 * SMTP from SMTP_URL; without it, a transport that only builds the message, which the worker then saves as
 * an .eml file in OUTBOX_DIR (the embedded mode: nothing is sent, everything can be read).
 */
function defaultTransport(): Transporter {
	defaultTransporter ??= env.SMTP_URL
		? nodemailer.createTransport({ url: env.SMTP_URL, connectionTimeout: 30_000, greetingTimeout: 30_000, socketTimeout: 60_000 })
		: nodemailer.createTransport({ streamTransport: true, buffer: true })
	return defaultTransporter
}

export interface DeliveryResult {
	sent: number
	/** Failed for the last time: status FAILED. */
	failed: number
	/** Failed this time and scheduled for another attempt. */
	deferred: number
}

/** Delivers up to `batchSize` messages that are due at `now`; messages another worker claimed first are skipped. */
export async function deliverDueMessages(
	options: { now?: Date; workerId?: string; batchSize?: number; transport?: Transporter; stopping?: () => boolean } = {},
): Promise<DeliveryResult> {
	const now = options.now ?? new Date()
	const workerId = options.workerId ?? processWorkerId
	const transport = options.transport ?? defaultTransport()
	const result: DeliveryResult = { sent: 0, failed: 0, deferred: 0 }

	const due = await prisma.outboxMessage.findMany({
		where: {
			OR: [
				{ status: 'PENDING', nextAttemptAt: { lte: now } },
				{ status: 'SENDING', lockedUntil: { lt: now } }, // left by a worker that stopped mid-send
			],
		},
		orderBy: [{ nextAttemptAt: 'asc' }, { createdAt: 'asc' }],
		take: options.batchSize ?? 50,
		select: { id: true, status: true, lockedBy: true },
	})
	for (const candidate of due) {
		// A stopping process claims nothing more (the message it is sending, it finishes).
		if (options.stopping?.()) break
		if (!(await claim(candidate, workerId, now))) continue
		result[await deliverClaimed(candidate.id, workerId, now, transport)]++
	}
	return result
}

async function claim(candidate: { id: string; status: string; lockedBy: string | null }, workerId: string, now: Date): Promise<boolean> {
	const lock = { status: 'SENDING', lockedBy: workerId, lockedUntil: new Date(now.getTime() + LOCK_MS) }
	if (candidate.status === 'PENDING') {
		const { count } = await prisma.outboxMessage.updateMany({
			where: { id: candidate.id, status: 'PENDING', nextAttemptAt: { lte: now }, OR: [{ lockedUntil: null }, { lockedUntil: { lt: now } }] },
			data: lock,
		})
		return count === 1
	}
	const { count } = await prisma.outboxMessage.updateMany({
		where: { id: candidate.id, status: 'SENDING', lockedUntil: { lt: now } },
		data: { ...lock, attempts: { increment: 1 } },
	})
	if (count !== 1) return false
	await prisma.emailAttempt.create({
		data: {
			messageId: candidate.id,
			attemptedAt: now,
			ok: false,
			detail: `Worker ${candidate.lockedBy ?? 'unknown'} stopped before finishing (its lock expired); the message may have gone, and is sent again with the same Message-ID.`,
		},
	})
	return true
}

let firstCouncilName: string | undefined
async function councilNameFor(review: { la: { name: string } } | null): Promise<string> {
	if (review) return review.la.name
	if (env.COUNCIL_NAME) return env.COUNCIL_NAME
	firstCouncilName ??= (await prisma.localAuthority.findFirst({ orderBy: { createdAt: 'asc' }, select: { name: true } }))?.name
	return firstCouncilName ?? 'The council'
}

async function deliverClaimed(id: string, workerId: string, now: Date, transport: Transporter): Promise<keyof DeliveryResult> {
	const message = await prisma.outboxMessage.findUniqueOrThrow({
		where: { id },
		select: {
			id: true,
			toAddress: true,
			toName: true,
			template: true,
			payload: true,
			reviewId: true,
			attempts: true,
			createdAt: true,
			review: { select: { la: { select: { name: true } } } },
		},
	})
	// Only the worker that still holds the lock records the outcome (another may have reclaimed it meanwhile).
	const stillOurs = { id, status: 'SENDING', lockedBy: workerId }
	const unlocked = { lockedBy: null, lockedUntil: null }

	if (message.attempts >= MAX_ATTEMPTS) {
		const lastError = `Gave up after ${message.attempts} attempts: the worker stopped before finishing each time.`
		await prisma.outboxMessage.updateMany({ where: stillOurs, data: { ...unlocked, status: 'FAILED', lastError, ...redacted(message) } })
		return 'failed'
	}

	let detail: string
	try {
		const email = renderTemplate(message.template, JSON.parse(message.payload), {
			appUrl: env.APP_URL,
			councilName: await councilNameFor(message.review),
		})
		const mail: SendMailOptions = {
			from: env.MAIL_FROM,
			to: message.toName ? { name: message.toName, address: message.toAddress } : message.toAddress,
			subject: email.subject,
			text: email.text,
			html: email.html,
			messageId: messageIdFor(message.id),
			// RFC 3834: automatic replies (out-of-office) should not answer a machine.
			headers: { 'Auto-Submitted': 'auto-generated' },
			attachments: await loadAttachments(email.attachments, message.reviewId),
		}
		const info = await transport.sendMail(mail)
		if (Buffer.isBuffer(info?.message)) {
			await saveToOutboxDir(message, info.message)
			detail = `Saved to ${env.OUTBOX_DIR} (SMTP_URL is not set)`
		} else {
			detail = typeof info?.response === 'string' ? info.response : 'Accepted'
		}
	} catch (error) {
		const attempts = message.attempts + 1
		const lastError = describeError(error)
		const giveUp = attempts >= MAX_ATTEMPTS
		await prisma.$transaction([
			prisma.outboxMessage.updateMany({
				where: stillOurs,
				data: giveUp
					? { ...unlocked, status: 'FAILED', attempts, lastError, ...redacted(message) }
					: { ...unlocked, status: 'PENDING', attempts, lastError, nextAttemptAt: new Date(now.getTime() + retryDelayMs(attempts)) },
			}),
			prisma.emailAttempt.create({ data: { messageId: id, attemptedAt: now, ok: false, detail: lastError } }),
		])
		return giveUp ? 'failed' : 'deferred'
	}

	// If this write fails the row stays SENDING, and is resent (same Message-ID) once the lock expires.
	await prisma.$transaction([
		prisma.outboxMessage.updateMany({
			where: stillOurs,
			data: { ...unlocked, status: 'SENT', sentAt: now, attempts: message.attempts + 1, lastError: '', ...redacted(message) },
		}),
		prisma.emailAttempt.create({ data: { messageId: id, attemptedAt: now, ok: true, detail: detail.slice(0, 1000) } }),
	])
	return 'sent'
}

/** Once a message is done, secret payload fields (an invitation token) are blanked. */
function redacted(message: { template: string; payload: string }): { payload?: string } {
	try {
		const payload = redactSecrets(message.template, JSON.parse(message.payload))
		return payload ? { payload: JSON.stringify(payload) } : {}
	} catch {
		return {}
	}
}

async function loadAttachments(attachments: Attachment[], reviewId: string | null): Promise<SendMailOptions['attachments']> {
	if (attachments.length === 0) return []
	const documents = await prisma.generatedDocument.findMany({
		where: { id: { in: attachments.flatMap((a) => ('documentId' in a ? [a.documentId] : [])) } },
		select: { id: true, reviewId: true, title: true, storageKey: true },
	})
	const evidence = await prisma.evidenceFile.findMany({
		where: { id: { in: attachments.flatMap((a) => ('evidenceId' in a ? [a.evidenceId] : [])) } },
		select: { id: true, reviewId: true, fileName: true, contentType: true, storageKey: true },
	})
	return Promise.all(
		attachments.map(async (attachment) => {
			if ('evidenceId' in attachment) {
				// An evidence file as it was uploaded (a Word document the notice's PDF could not hold, reg 22(2)(b)).
				const file = evidence.find((e) => e.id === attachment.evidenceId)
				if (!file) throw new Error(`Attachment ${attachment.evidenceId}: the evidence file no longer exists`)
				if (file.reviewId !== reviewId) throw new Error(`Attachment ${attachment.evidenceId} belongs to another review`)
				return { filename: file.fileName, content: Buffer.from(await readEvidenceBytes(file.storageKey)), contentType: file.contentType }
			}
			const { documentId } = attachment
			const document = documents.find((d) => d.id === documentId)
			if (!document) throw new Error(`Attachment ${documentId}: the generated document no longer exists`)
			if (document.reviewId !== reviewId) throw new Error(`Attachment ${documentId} belongs to another review`)
			// From the local folder or the S3 store (the store refuses a key that is not one plain name).
			const stored = await (await storage()).documents.get(document.storageKey)
			if (!stored) throw new Error(`Attachment ${documentId}: its file is missing from ${(await storage()).documents.location}`)
			return {
				filename: `${document.title.replace(/[^\p{L}\p{N} ,.()'-]+/gu, '-').trim() || 'document'}.pdf`,
				content: Buffer.from(await readAll(stored)),
				contentType: 'application/pdf',
			}
		}),
	)
}

/** `<createdAt>-<id>.eml`, written whole (temporary file, then rename) so a reader never sees half a message. */
async function saveToOutboxDir(message: { id: string; createdAt: Date }, raw: Buffer): Promise<void> {
	await fs.mkdir(env.OUTBOX_DIR, { recursive: true })
	const name = `${message.createdAt.toISOString().replace(/[:.]/g, '-')}-${message.id}.eml`
	const file = path.join(env.OUTBOX_DIR, name)
	const temporary = `${file}.${randomBytes(4).toString('hex')}.tmp`
	await fs.writeFile(temporary, raw)
	await fs.rename(temporary, file)
}

function describeError(error: unknown): string {
	if (error instanceof Error) {
		const code = (error as { code?: unknown; responseCode?: unknown }).code
		const responseCode = (error as { responseCode?: unknown }).responseCode
		return [code, responseCode, error.message]
			.filter((part) => part !== undefined && part !== '')
			.join(' ')
			.slice(0, 1000)
	}
	return String(error).slice(0, 1000)
}

/**
 * Hands back the messages this worker has claimed and not finished, for another instance or the next start to send
 * at once: a stopping process does this when its time is up in the middle of a send (app/jobs/start.server.ts). The
 * send may already have reached the SMTP server, so, as when a lock expires, the attempt is counted and recorded, and
 * the copy sent again has the same Message-ID. If the interrupted send finishes after all, it records nothing (the
 * message is no longer its own).
 */
export async function releaseClaimedMessages(options: { workerId?: string; now?: Date } = {}): Promise<number> {
	const workerId = options.workerId ?? processWorkerId
	const now = options.now ?? new Date()
	const claimed = await prisma.outboxMessage.findMany({ where: { status: 'SENDING', lockedBy: workerId }, select: { id: true } })
	let released = 0
	for (const { id } of claimed) {
		released += await prisma.$transaction(async (tx) => {
			const { count } = await tx.outboxMessage.updateMany({
				where: { id, status: 'SENDING', lockedBy: workerId },
				data: { status: 'PENDING', lockedBy: null, lockedUntil: null, nextAttemptAt: now, attempts: { increment: 1 } },
			})
			if (count !== 1) return 0 // finished meanwhile
			await tx.emailAttempt.create({
				data: {
					messageId: id,
					attemptedAt: now,
					ok: false,
					detail: `Worker ${workerId} was stopping and could not finish the send in time; the message may have gone, and is sent again with the same Message-ID.`,
				},
			})
			return 1
		})
	}
	return released
}

/**
 * Delivers due messages every `intervalMs`, draining full batches straight away. Runs one pass at a time;
 * `stop()` claims nothing more and waits for the message being sent.
 */
export function startOutboxWorker(intervalMs = 10_000): { stop: () => Promise<void> } {
	let stopped = false
	let timer: NodeJS.Timeout | undefined
	let running: Promise<void> = Promise.resolve()
	const batchSize = 50
	const pass = async () => {
		try {
			let result: DeliveryResult
			do result = await deliverDueMessages({ batchSize, stopping: () => stopped })
			while (!stopped && result.sent + result.failed + result.deferred === batchSize)
		} catch (error) {
			console.error('Outbox worker: a delivery pass failed; it will run again.', error)
		}
		if (!stopped) {
			timer = setTimeout(() => (running = pass()), intervalMs)
			timer.unref()
		}
	}
	running = pass()
	return {
		async stop() {
			stopped = true
			clearTimeout(timer)
			await running
		},
	}
}
