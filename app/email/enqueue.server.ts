// Writing email: a message is a row in the transactional outbox, written in the same transaction as the
// change that caused it, so it exists if and only if that change committed. The outbox worker
// (app/jobs/outbox.server.ts) renders and delivers it, retrying until it goes.
import { z } from 'zod'
import { isPostgres, type Tx } from '#app/db/db.server.ts'
import { env } from '#app/env.server.ts'
import type { PrismaClient as PostgresPrismaClient } from '#app/generated/postgresql/client.ts'
import type { Attachment } from '#emails/common.ts'
import { templates, type PayloadOf, type TemplateName } from '#emails/index.ts'

const recipientSchema = z.email('An email needs a valid recipient address')

export interface OutgoingEmail<Name extends TemplateName> {
	to: string
	toName?: string
	template: Name
	payload: PayloadOf<Name>
	/** The review the message is about: its council's name signs the message, and its documents may be attached. */
	reviewId?: string | null
	/** Writes the message at most once: a second call with the same key writes nothing and returns null. */
	dedupeKey?: string
}

/**
 * Validates the payload with the template's schema and writes the message to the outbox inside the
 * caller's transaction. Throws (so the caller's transaction rolls back) on a bad payload or address, or an
 * attachment that is not one of this review's generated documents.
 */
export async function enqueueEmail<Name extends TemplateName>(tx: Tx, message: OutgoingEmail<Name>): Promise<{ id: string } | null> {
	const payload = templates[message.template].schema.parse(message.payload)
	const toAddress = recipientSchema.parse(message.to.trim())
	const reviewId = message.reviewId ?? null

	const attachments: Attachment[] = 'attachments' in payload && payload.attachments ? payload.attachments : []
	if (attachments.length > 0) {
		// Checked here, where the mistake is made, rather than at send time: another child's letter or evidence must never go out.
		const documentIds = attachments.flatMap((a) => ('documentId' in a ? [a.documentId] : []))
		const evidenceIds = attachments.flatMap((a) => ('evidenceId' in a ? [a.evidenceId] : []))
		const [documents, evidence] = await Promise.all([
			tx.generatedDocument.findMany({ where: { id: { in: documentIds } }, select: { id: true, reviewId: true } }),
			tx.evidenceFile.findMany({ where: { id: { in: evidenceIds } }, select: { id: true, reviewId: true } }),
		])
		const check = (what: string, ids: string[], rows: Array<{ id: string; reviewId: string }>) => {
			for (const id of ids) {
				const row = rows.find((d) => d.id === id)
				if (!row) throw new Error(`Cannot attach ${what} ${id}: there is no such ${what}`)
				if (row.reviewId !== reviewId) throw new Error(`Cannot attach ${what} ${id}: it belongs to another review`)
			}
		}
		check('document', documentIds, documents)
		check('evidence file', evidenceIds, evidence)
	}

	const data = {
		toAddress,
		toName: message.toName?.trim() ?? '',
		template: message.template,
		payload: JSON.stringify(payload),
		reviewId,
		dedupeKey: message.dedupeKey ?? null,
	}
	if (message.dedupeKey === undefined) return tx.outboxMessage.create({ data, select: { id: true } })

	// Written once: look first (enough on SQLite, where writers are serialised). On PostgreSQL two transactions
	// can both look and find nothing, and a failed INSERT would abort the caller's whole transaction, so the
	// insert is ON CONFLICT DO NOTHING (skipDuplicates), which waits for the other and then writes nothing.
	const existing = await tx.outboxMessage.findUnique({ where: { dedupeKey: message.dedupeKey }, select: { id: true } })
	if (existing) return null
	if (isPostgres(env.DATABASE_URL)) {
		const pg = tx as unknown as PostgresPrismaClient
		const [row] = await pg.outboxMessage.createManyAndReturn({ data: [data], skipDuplicates: true, select: { id: true } })
		return row ?? null
	}
	return tx.outboxMessage.create({ data, select: { id: true } })
}
