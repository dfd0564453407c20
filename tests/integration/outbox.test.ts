// Email that never gets lost: the transactional outbox, delivered to a real SMTP server started here
// (smtp-server, read back with mailparser), and the daily reminders written into it.
import { randomUUID } from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import { simpleParser, type AddressObject, type ParsedMail } from 'mailparser'
import nodemailer from 'nodemailer'
import { expect, onTestFinished, test } from 'vitest'
import { prisma } from '#app/db/db.server.ts'
import { addDays } from '#app/domain/calendar-date.ts'
import { enqueueEmail } from '#app/email/enqueue.server.ts'
import { env } from '#app/env.server.ts'
import { deliverDueMessages, MAX_ATTEMPTS, messageIdFor } from '#app/jobs/outbox.server.ts'
import { writeDailyReminders } from '#app/jobs/reminders.server.ts'
import type { PayloadOf } from '#emails/index.ts'
import { recipientOf, startSmtp } from '#tests/smtp.ts'

const CASEWORKER = 'caseworker@kent.example.gov.uk'
const MANAGER = 'manager@kent.example.gov.uk'

async function anOpenReview() {
	return prisma.annualReview.findFirstOrThrow({
		where: { status: { not: 'CLOSED' } },
		orderBy: { id: 'asc' },
		select: { id: true, la: { select: { name: true } }, child: { select: { firstName: true, lastName: true } } },
	})
}

function reminderPayload(reviewId: string, child: { firstName: string; lastName: string }): PayloadOf<'reminder-decision-due'> {
	return { reviewId, child, schoolName: 'Oakfield Primary School', meetingOn: '2027-03-01', decisionDueOn: '2027-03-29', daysLeft: 5 }
}

// 'Hello, PDF' as the smallest file a PDF reader accepts as a PDF.
const PDF = Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n')

test('a message written in a transaction is delivered once, to its recipient, with the generated PDF attached', async () => {
	await prisma.outboxMessage.deleteMany()
	const smtp = await startSmtp()
	try {
		const review = await anOpenReview()
		const storageKey = `outbox-test-${randomUUID()}.pdf`
		fs.mkdirSync(env.DOCUMENTS_DIR, { recursive: true })
		const file = path.join(env.DOCUMENTS_DIR, storageKey)
		fs.writeFileSync(file, PDF)
		onTestFinished(() => fs.rmSync(file, { force: true }))
		const document = await prisma.generatedDocument.create({
			data: { reviewId: review.id, kind: 'DECISION_LETTER', title: 'Decision letter, 20 March 2027', storageKey, sizeBytes: PDF.length },
		})

		const queued = await prisma.$transaction((tx) =>
			enqueueEmail(tx, {
				to: 'parent@example.org',
				toName: 'Sam Parent',
				template: 'decision-letter',
				reviewId: review.id,
				payload: {
					reviewId: review.id,
					child: review.child,
					audience: 'PARENT',
					decision: 'MAINTAIN',
					meetingOn: '2027-03-01',
					decidedOn: '2027-03-20',
					appealBy: '2027-05-20',
					contact: { name: 'Priya Shah', email: CASEWORKER },
					attachments: [{ documentId: document.id }],
				},
			}),
		)
		expect(queued).not.toBeNull()

		expect(await deliverDueMessages({ transport: smtp.transport })).toEqual({ sent: 1, failed: 0, deferred: 0 })
		expect(await deliverDueMessages({ transport: smtp.transport })).toEqual({ sent: 0, failed: 0, deferred: 0 })

		expect(smtp.received).toHaveLength(1)
		const mail = smtp.received[0]!
		expect(recipientOf(mail)).toBe('parent@example.org')
		expect((mail.to as AddressObject).value[0]!.name).toBe('Sam Parent')
		expect(mail.messageId).toBe(messageIdFor(queued!.id))
		expect(mail.subject).toBe(
			`Annual review decision for ${review.child.firstName} ${review.child.lastName[0]}., 20 March 2027: the EHC plan will be kept as it is`,
		)
		expect(mail.text).toContain(`After the annual review meeting on 1 March 2027, ${review.la.name} decided on 20 March 2027`)
		expect(mail.html).toContain(`${review.child.firstName} ${review.child.lastName}`)
		expect(mail.headers.get('auto-submitted')).toBe('auto-generated')
		expect(mail.attachments).toHaveLength(1)
		expect(mail.attachments[0]!.contentType).toBe('application/pdf')
		expect(mail.attachments[0]!.filename).toBe('Decision letter, 20 March 2027.pdf')
		expect(Buffer.compare(mail.attachments[0]!.content, PDF)).toBe(0)

		const row = await prisma.outboxMessage.findUniqueOrThrow({ where: { id: queued!.id }, include: { deliveryLogs: true } })
		expect(row).toMatchObject({ status: 'SENT', attempts: 1, lockedBy: null, lockedUntil: null })
		expect(row.sentAt).toBeInstanceOf(Date)
		expect(row.deliveryLogs).toHaveLength(1)
		expect(row.deliveryLogs[0]!.ok).toBe(true)
	} finally {
		await smtp.close()
	}
})

test('enqueueEmail refuses a bad payload and another review’s document, so the caller’s change rolls back', async () => {
	await prisma.outboxMessage.deleteMany()
	const [review, other] = await prisma.annualReview.findMany({
		orderBy: { id: 'asc' },
		take: 2,
		select: { id: true, child: { select: { firstName: true, lastName: true } } },
	})
	const document = await prisma.generatedDocument.create({
		data: { reviewId: other!.id, kind: 'DECISION_LETTER', title: 'Someone else’s letter', storageKey: `outbox-test-${randomUUID()}.pdf`, sizeBytes: 1 },
	})
	const letter = {
		reviewId: review!.id,
		child: review!.child,
		audience: 'PARENT' as const,
		decision: 'CEASE' as const,
		meetingOn: '2027-03-01',
		decidedOn: '2027-03-20',
		appealBy: '2027-05-20',
		contact: { name: 'Priya Shah', email: CASEWORKER },
		attachments: [{ documentId: document.id }],
	}
	await expect(
		prisma.$transaction((tx) => enqueueEmail(tx, { to: 'parent@example.org', template: 'decision-letter', reviewId: review!.id, payload: letter })),
	).rejects.toThrow(/belongs to another review/)
	await expect(
		prisma.$transaction((tx) =>
			enqueueEmail(tx, { to: 'parent@example.org', template: 'decision-letter', reviewId: review!.id, payload: { ...letter, decidedOn: '2027-02-30' } }),
		),
	).rejects.toThrow()
	await expect(
		prisma.$transaction((tx) =>
			enqueueEmail(tx, { to: 'not an address', template: 'reminder-decision-due', payload: reminderPayload(review!.id, review!.child) }),
		),
	).rejects.toThrow()
	expect(await prisma.outboxMessage.count()).toBe(0)
})

test('a dedupe key writes a message once, even from two transactions at the same time', async () => {
	await prisma.outboxMessage.deleteMany()
	const review = await anOpenReview()
	const write = () =>
		prisma.$transaction((tx) =>
			enqueueEmail(tx, {
				to: CASEWORKER,
				template: 'reminder-decision-due',
				reviewId: review.id,
				payload: reminderPayload(review.id, review.child),
				dedupeKey: `reminder:${review.id}:la_decision:due-soon`,
			}),
		)
	const results = await Promise.all([write(), write()])
	expect(results.filter((r) => r !== null)).toHaveLength(1)
	expect(await write()).toBeNull()
	expect(await prisma.outboxMessage.count()).toBe(1)
})

test('a message enqueued in a transaction that then fails is never written or sent', async () => {
	await prisma.outboxMessage.deleteMany()
	const smtp = await startSmtp()
	try {
		const review = await anOpenReview()
		await expect(
			prisma.$transaction(async (tx) => {
				await tx.annualReview.update({ where: { id: review.id }, data: { recommendation: 'CEASE' } })
				await enqueueEmail(tx, {
					to: CASEWORKER,
					template: 'reminder-decision-due',
					reviewId: review.id,
					payload: reminderPayload(review.id, review.child),
				})
				throw new Error('the decision could not be saved')
			}),
		).rejects.toThrow('the decision could not be saved')

		expect(await prisma.outboxMessage.count()).toBe(0)
		expect(await deliverDueMessages({ transport: smtp.transport })).toEqual({ sent: 0, failed: 0, deferred: 0 })
		expect(smtp.received).toHaveLength(0)
	} finally {
		await smtp.close()
	}
})

test('while the SMTP server is down nothing is lost: attempts are recorded and retried later, then each message is delivered once', async () => {
	await prisma.outboxMessage.deleteMany()
	const review = await anOpenReview()
	const received: ParsedMail[] = []
	const first = await startSmtp(0, received)
	const port = first.port
	await first.close() // the port is now closed: connections are refused
	const transport = nodemailer.createTransport({ host: '127.0.0.1', port, secure: false, ignoreTLS: true, connectionTimeout: 2_000 })

	const ids = await prisma.$transaction(async (tx) => {
		const written = []
		for (const to of ['a@example.org', 'b@example.org', 'c@example.org'])
			written.push(
				(await enqueueEmail(tx, { to, template: 'reminder-decision-due', reviewId: review.id, payload: reminderPayload(review.id, review.child) }))!.id,
			)
		return written
	})
	const t0 = new Date(Date.now() + 1_000)
	const at = (ms: number) => new Date(t0.getTime() + ms)

	expect(await deliverDueMessages({ now: t0, transport })).toEqual({ sent: 0, failed: 0, deferred: 3 })
	for (const row of await prisma.outboxMessage.findMany({ where: { id: { in: ids } } })) {
		expect(row).toMatchObject({ status: 'PENDING', attempts: 1, lockedBy: null })
		expect(row.nextAttemptAt).toEqual(at(60_000)) // 1 minute after the first failure
		expect(row.lastError).toMatch(/ECONNREFUSED/)
	}
	expect(await prisma.emailAttempt.count({ where: { messageId: { in: ids }, ok: false } })).toBe(3)

	// Not due yet: nothing is tried.
	expect(await deliverDueMessages({ now: at(30_000), transport })).toEqual({ sent: 0, failed: 0, deferred: 0 })
	// Due again, still down: the wait doubles.
	expect(await deliverDueMessages({ now: at(60_000), transport })).toEqual({ sent: 0, failed: 0, deferred: 3 })
	for (const row of await prisma.outboxMessage.findMany({ where: { id: { in: ids } } })) {
		expect(row.attempts).toBe(2)
		expect(row.nextAttemptAt).toEqual(at(60_000 + 120_000))
	}

	const again = await startSmtp(port, received) // the server is back, on the same port
	try {
		expect(await deliverDueMessages({ now: at(60_000 + 120_000), transport })).toEqual({ sent: 3, failed: 0, deferred: 0 })
		expect(await deliverDueMessages({ now: at(24 * 3600_000), transport })).toEqual({ sent: 0, failed: 0, deferred: 0 })
		expect(received.map(recipientOf).sort()).toEqual(['a@example.org', 'b@example.org', 'c@example.org'])
		expect(new Set(received.map((m) => m.messageId)).size).toBe(3)
		for (const row of await prisma.outboxMessage.findMany({ where: { id: { in: ids } }, include: { deliveryLogs: { orderBy: { attemptedAt: 'asc' } } } })) {
			expect(row).toMatchObject({ status: 'SENT', attempts: 3 })
			expect(row.deliveryLogs.map((log) => log.ok)).toEqual([false, false, true])
		}
	} finally {
		await again.close()
	}
})

test('after 10 failed attempts a message is FAILED, keeps its last error and stays in the outbox', async () => {
	await prisma.outboxMessage.deleteMany()
	const review = await anOpenReview()
	const closed = await startSmtp()
	await closed.close()
	const transport = nodemailer.createTransport({ host: '127.0.0.1', port: closed.port, secure: false, ignoreTLS: true, connectionTimeout: 2_000 })
	const queued = (await prisma.$transaction((tx) =>
		enqueueEmail(tx, { to: CASEWORKER, template: 'reminder-decision-due', reviewId: review.id, payload: reminderPayload(review.id, review.child) }),
	))!
	let now = new Date(Date.now() + 1_000)
	const results = []
	for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
		results.push(await deliverDueMessages({ now, transport }))
		const row = await prisma.outboxMessage.findUniqueOrThrow({ where: { id: queued.id } })
		if (attempt < MAX_ATTEMPTS) expect(row.nextAttemptAt.getTime() - now.getTime()).toBe(Math.min(60_000 * 2 ** (attempt - 1), 3600_000))
		now = new Date(now.getTime() + 3600_000)
	}
	expect(results.slice(0, -1).every((r) => r.deferred === 1)).toBe(true)
	expect(results.at(-1)).toEqual({ sent: 0, failed: 1, deferred: 0 })
	const row = await prisma.outboxMessage.findUniqueOrThrow({ where: { id: queued.id }, include: { deliveryLogs: true } })
	expect(row).toMatchObject({ status: 'FAILED', attempts: MAX_ATTEMPTS })
	expect(row.lastError).toMatch(/ECONNREFUSED/)
	expect(row.deliveryLogs).toHaveLength(MAX_ATTEMPTS)
	expect(await deliverDueMessages({ now, transport })).toEqual({ sent: 0, failed: 0, deferred: 0 })
})

test('a message left SENDING by a worker that died is reclaimed once its lock expires, with the same Message-ID', async () => {
	await prisma.outboxMessage.deleteMany()
	const smtp = await startSmtp()
	try {
		const review = await anOpenReview()
		const queued = (await prisma.$transaction((tx) =>
			enqueueEmail(tx, { to: CASEWORKER, template: 'reminder-decision-due', reviewId: review.id, payload: reminderPayload(review.id, review.child) }),
		))!
		const crashedAt = new Date(Date.now() + 1_000)
		await prisma.outboxMessage.update({
			where: { id: queued.id },
			data: { status: 'SENDING', lockedBy: 'dead-worker', lockedUntil: new Date(crashedAt.getTime() + 5 * 60_000) },
		})
		// Still locked: nobody else touches it.
		expect(await deliverDueMessages({ now: new Date(crashedAt.getTime() + 60_000), transport: smtp.transport })).toEqual({
			sent: 0,
			failed: 0,
			deferred: 0,
		})
		// The lock has expired: reclaimed and sent, the dead worker's attempt counted.
		expect(await deliverDueMessages({ now: new Date(crashedAt.getTime() + 6 * 60_000), transport: smtp.transport })).toEqual({
			sent: 1,
			failed: 0,
			deferred: 0,
		})
		expect(smtp.received.map((m) => m.messageId)).toEqual([messageIdFor(queued.id)])
		const row = await prisma.outboxMessage.findUniqueOrThrow({ where: { id: queued.id }, include: { deliveryLogs: { orderBy: { ok: 'asc' } } } })
		expect(row).toMatchObject({ status: 'SENT', attempts: 2 })
		expect(row.deliveryLogs.map((log) => log.ok)).toEqual([false, true])
		expect(row.deliveryLogs[0]!.detail).toContain('dead-worker')
	} finally {
		await smtp.close()
	}
})

test('two workers running at once deliver each of 20 messages exactly once', async () => {
	await prisma.outboxMessage.deleteMany()
	const smtp = await startSmtp()
	try {
		const review = await anOpenReview()
		const ids = await prisma.$transaction(async (tx) => {
			const written: string[] = []
			for (let i = 1; i <= 20; i++)
				written.push(
					(await enqueueEmail(tx, {
						to: `person${i}@example.org`,
						template: 'reminder-decision-due',
						reviewId: review.id,
						payload: reminderPayload(review.id, review.child),
					}))!.id,
				)
			return written
		})
		const secondTransport = nodemailer.createTransport({ host: '127.0.0.1', port: smtp.port, secure: false, ignoreTLS: true })
		const [a, b] = await Promise.all([
			deliverDueMessages({ workerId: 'worker-a', transport: smtp.transport }),
			deliverDueMessages({ workerId: 'worker-b', transport: secondTransport }),
		])
		// Both really ran: each claimed some, and no message was claimed twice.
		expect(a.sent).toBeGreaterThan(0)
		expect(b.sent).toBeGreaterThan(0)
		expect(a.sent + b.sent).toBe(20)
		expect(a.failed + a.deferred + b.failed + b.deferred).toBe(0)

		const byMessageId = new Map<string, number>()
		for (const mail of smtp.received) byMessageId.set(mail.messageId!, (byMessageId.get(mail.messageId!) ?? 0) + 1)
		expect(smtp.received).toHaveLength(20)
		expect([...byMessageId.keys()].sort()).toEqual(ids.map(messageIdFor).sort())
		expect([...byMessageId.values()].every((count) => count === 1)).toBe(true)
		expect(await prisma.emailAttempt.count({ where: { messageId: { in: ids } } })).toBe(20)
		expect(await prisma.outboxMessage.count({ where: { id: { in: ids }, status: 'SENT', attempts: 1 } })).toBe(20)
	} finally {
		await smtp.close()
	}
})

test('without SMTP_URL each message is written to OUTBOX_DIR as one parseable .eml file', async () => {
	expect(env.SMTP_URL).toBeUndefined()
	await prisma.outboxMessage.deleteMany()
	fs.rmSync(env.OUTBOX_DIR, { recursive: true, force: true })
	onTestFinished(() => fs.rmSync(env.OUTBOX_DIR, { recursive: true, force: true }))
	const review = await anOpenReview()
	const expiresAt = new Date('2027-03-04T17:00:00Z')
	const ids = await prisma.$transaction(async (tx) => [
		(await enqueueEmail(tx, { to: CASEWORKER, template: 'reminder-decision-due', reviewId: review.id, payload: reminderPayload(review.id, review.child) }))!
			.id,
		(await enqueueEmail(tx, {
			to: 'new.senco@oakfield-primary.example.org',
			template: 'user-invite',
			payload: { name: 'Sam Patel', organisationName: 'Oakfield Primary School', roles: ['SENCO'], token: 'invite-token-0123456789abcdef', expiresAt },
		}))!.id,
	])

	expect(await deliverDueMessages()).toEqual({ sent: 2, failed: 0, deferred: 0 })

	const files = fs.readdirSync(env.OUTBOX_DIR).sort()
	const rows = await prisma.outboxMessage.findMany({ where: { id: { in: ids } }, select: { id: true, createdAt: true, payload: true } })
	expect(files).toEqual(rows.map((row) => `${row.createdAt.toISOString().replace(/[:.]/g, '-')}-${row.id}.eml`).sort())
	const parsed = await Promise.all(files.map(async (file) => simpleParser(fs.readFileSync(path.join(env.OUTBOX_DIR, file)))))
	const reminder = parsed.find((mail) => mail.messageId === messageIdFor(ids[0]!))!
	expect(recipientOf(reminder)).toBe(CASEWORKER)
	expect(reminder.subject).toBe(`Decision due in 5 days for ${review.child.firstName} ${review.child.lastName[0]}. (by 29 March 2027)`)
	const invite = parsed.find((mail) => mail.messageId === messageIdFor(ids[1]!))!
	expect(invite.text).toContain('/set-password/invite-token-0123456789abcdef')
	// The one-time token is not kept in the outbox once the invitation has gone.
	expect(rows.find((row) => row.id === ids[1])!.payload).not.toContain('invite-token-0123456789abcdef')
})

test('daily reminders: decision due in 5 days goes to the caseworker, a missed decision to the manager too, each written once', async () => {
	await prisma.outboxMessage.deleteMany()
	const today = '2027-03-24'
	const caseworker = await prisma.user.findUniqueOrThrow({ where: { email: CASEWORKER }, select: { id: true, laId: true } })
	const manager = await prisma.user.findUniqueOrThrow({ where: { email: MANAGER }, select: { id: true } })
	// Three open reviews in the caseworker's council that have no decision yet; their facts are set here.
	const reviews = await prisma.annualReview.findMany({
		where: { laId: caseworker.laId!, status: { not: 'CLOSED' }, decision: { is: null }, notice: { is: null }, finalPlan: { is: null } },
		orderBy: { id: 'asc' },
		distinct: ['childId'],
		take: 3,
		select: { id: true, childId: true, child: { select: { firstName: true, lastName: true } } },
	})
	expect(reviews).toHaveLength(3)
	const [dueSoon, missed, unassigned] = reviews as [(typeof reviews)[number], (typeof reviews)[number], (typeof reviews)[number]]
	const setUp = async (review: (typeof reviews)[number], meetingOn: string, caseworkerId: string | null) => {
		await prisma.annualReview.update({ where: { id: review.id }, data: { status: 'SUBMITTED', meetingOn, reportReceivedOn: addDays(meetingOn, 7) } })
		await prisma.child.update({ where: { id: review.childId }, data: { caseworkerId } })
	}
	await setUp(dueSoon, addDays(today, -23), caseworker.id) // decision due on 29 March: 5 days left
	await setUp(missed, addDays(today, -30), caseworker.id) // decision was due on 22 March: 2 days late
	await setUp(unassigned, addDays(today, -23), null)

	const first = await writeDailyReminders({ today })
	const second = await writeDailyReminders({ today })
	expect(first.written).toBeGreaterThanOrEqual(4)
	expect(second.written).toBe(0)
	// The next day the decision is 4 days away: still no second reminder.
	await writeDailyReminders({ today: addDays(today, 1) })

	const messagesFor = (reviewId: string) =>
		prisma.outboxMessage.findMany({ where: { reviewId }, orderBy: { toAddress: 'asc' }, select: { toAddress: true, template: true, dedupeKey: true } })
	expect(await messagesFor(dueSoon.id)).toEqual([
		{ toAddress: CASEWORKER, template: 'reminder-decision-due', dedupeKey: `reminder:${dueSoon.id}:la_decision:due-soon` },
	])
	const missedMessages = await messagesFor(missed.id)
	expect(missedMessages).toContainEqual({
		toAddress: CASEWORKER,
		template: 'reminder-deadline-missed',
		dedupeKey: `reminder:${missed.id}:la_decision:missed`,
	})
	expect(missedMessages).toContainEqual({
		toAddress: MANAGER,
		template: 'reminder-deadline-missed',
		dedupeKey: `reminder:${missed.id}:la_decision:missed:manager:${manager.id}`,
	})
	expect(missedMessages.filter((m) => m.toAddress === CASEWORKER)).toHaveLength(1)
	const unassignedMessages = await messagesFor(unassigned.id)
	expect(unassignedMessages.map((m) => m.toAddress)).toContain(MANAGER)
	expect(unassignedMessages.map((m) => m.toAddress)).not.toContain(CASEWORKER)

	// What they say, as delivered.
	const smtp = await startSmtp()
	try {
		await deliverDueMessages({ transport: smtp.transport, batchSize: 1000 })
		const mails = smtp.received.filter((mail) => [dueSoon, missed, unassigned].some((r) => mail.text?.includes(`/reviews/${r.id}`)))
		const subjectTo = (to: string, review: (typeof reviews)[number]) =>
			mails.filter((mail) => recipientOf(mail) === to && mail.text!.includes(`/reviews/${review.id}`)).map((mail) => mail.subject)
		const short = (review: (typeof reviews)[number]) => `${review.child.firstName} ${review.child.lastName[0]}.`
		expect(subjectTo(CASEWORKER, dueSoon)).toEqual([`Decision due in 5 days for ${short(dueSoon)} (by 29 March 2027)`])
		expect(subjectTo(CASEWORKER, missed)).toEqual([`Deadline missed: the council decision for ${short(missed)} was due by 22 March 2027`])
		expect(subjectTo(MANAGER, missed)).toEqual([`Missed deadline on the caseload: the council decision for ${short(missed)} was due by 22 March 2027`])
		expect(subjectTo(MANAGER, unassigned)).toEqual([`Decision due in 5 days for ${short(unassigned)} (by 29 March 2027)`])
	} finally {
		await smtp.close()
	}
})
