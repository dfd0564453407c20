// The review report goes to everyone invited, not only the council (SEND Regulations 2014 reg 20(7)-(8)): on
// submission the review record is drawn as a PDF, stored, and emailed through the outbox to every invitee with an
// email address (once per address), and the chronology shows each email. A submission that fails sends nothing and
// leaves no file behind.
import fs from 'node:fs'
import path from 'node:path'
import { expect, test } from 'vitest'
import { prisma } from '#app/db/db.server.ts'
import { partForSlug } from '#app/domain/review-parts.ts'
import { env } from '#app/env.server.ts'
import * as councilReview from '#app/routes/council-review.tsx'
import * as check from '#app/routes/review-check.tsx'
import * as part from '#app/routes/review-part.tsx'
import { readDocument } from '#app/storage/documents.server.ts'
import { CASEWORKER, completedParts, cookieFor, expectRedirect, request, run, startDraft } from '#tests/helpers.ts'
import { extractText, getDocumentProxy } from '#tests/unpdf.ts'

const SENCO = 'senco@oakfield-primary.example.org'

async function completeEveryPart(cookie: string, reviewId: string) {
	for (const [slug, form] of await completedParts(reviewId, { recommendation: 'MAINTAIN', reasons: 'Still right.' })) {
		const version = (await prisma.reviewSection.findFirst({ where: { reviewId, key: partForSlug(slug)! }, select: { version: true } }))?.version ?? 0
		expectRedirect(
			await run(part.action, request(`/reviews/${reviewId}/parts/${slug}`, { cookie, form: { ...form, completed: 'yes', version: String(version) } }), {
				reviewId,
				part: slug,
			}),
			/^\/reviews\//,
		)
	}
}

/** A draft with the parent (from startDraft), a health professional, a social worker with no email, and the parent's address twice. */
async function draftWithInvitees(cookie: string) {
	const { reviewId, child } = await startDraft(cookie, SENCO)
	await prisma.reviewInvitee.createMany({
		data: [
			{ reviewId, role: 'HEALTH', name: 'Dr Patel', email: 'dr.patel@nhs.example.org' },
			{ reviewId, role: 'SOCIAL_CARE', name: 'Sam Okoro', email: '' },
			{ reviewId, role: 'OTHER', name: 'Mrs Begum (work)', email: 'Parent@Example.org' },
		],
	})
	await completeEveryPart(cookie, reviewId)
	const { lockVersion } = await prisma.annualReview.findUniqueOrThrow({ where: { id: reviewId }, select: { lockVersion: true } })
	return { reviewId, child, lockVersion: String(lockVersion) }
}

const documentFiles = () => (fs.existsSync(env.DOCUMENTS_DIR) ? fs.readdirSync(path.resolve(env.DOCUMENTS_DIR)).sort() : [])

test('the submitted report goes to every invitee with an email address, once each, with the report attached and in the chronology', async () => {
	const cookie = await cookieFor(SENCO)
	const { reviewId, lockVersion } = await draftWithInvitees(cookie)
	const submit = () => run(check.action, request(`/reviews/${reviewId}/check`, { cookie, form: { lockVersion } }), { reviewId })
	expectRedirect(await submit(), `/reviews/${reviewId}/submitted`)

	const sent = await prisma.outboxMessage.findMany({
		where: { reviewId, template: 'review-report-invitee' },
		orderBy: { toAddress: 'asc' },
		select: { toAddress: true, toName: true, payload: true },
	})
	expect(sent.map((m) => m.toAddress)).toEqual(['dr.patel@nhs.example.org', 'parent@example.org'])
	const payloads = sent.map((m) => JSON.parse(m.payload))
	expect(payloads.map((p) => p.audience)).toEqual(['HEALTH', 'PARENT'])
	// The report is attached: the review record, stored when the school submitted it.
	const documentIds = new Set(payloads.flatMap((p) => p.attachments.map((a: { documentId: string }) => a.documentId)))
	expect(documentIds.size).toBe(1)
	const document = await prisma.generatedDocument.findUniqueOrThrow({
		where: { id: [...documentIds][0]! },
		select: { reviewId: true, kind: true, storageKey: true },
	})
	expect(document).toMatchObject({ reviewId, kind: 'REVIEW_RECORD' })
	const child = await prisma.annualReview.findUniqueOrThrow({ where: { id: reviewId }, select: { child: { select: { firstName: true, lastName: true } } } })
	const { text } = await extractText(await getDocumentProxy(new Uint8Array(await readDocument(document.storageKey))), { mergePages: true })
	expect(text.replace(/\s+/g, ' ')).toContain(`${child.child.firstName} ${child.child.lastName}`)
	expect(text.replace(/\s+/g, ' ')).not.toContain('Not sent yet')

	// The chronology the council reads shows each email.
	const caseworker = await cookieFor(CASEWORKER)
	const page = (await run(councilReview.loader, request(`/council/reviews/${reviewId}`, { cookie: caseworker }), { reviewId })) as any
	const reportEmails = page.chronology.filter((e: any) => e.title.includes('review report, to someone invited to the meeting (reg 20(8))'))
	expect(reportEmails.map((e: any) => e.detail).sort()).toEqual(['To Dr Patel <dr.patel@nhs.example.org>', 'To Mrs Begum <parent@example.org>'])
	expect(page.chronology.find((e: any) => e.title === 'Review report submitted by the school').detail).toContain('report sent to 2 invited (reg 20(8))')

	// A second click submits nothing and sends nothing again.
	expect(((await submit()) as any).init.status).toBe(409)
	expect(await prisma.outboxMessage.count({ where: { reviewId, template: 'review-report-invitee' } })).toBe(2)
	expect(await prisma.generatedDocument.count({ where: { reviewId, kind: 'REVIEW_RECORD' } })).toBe(1)
})

test('a submission that fails part-way sends the report to nobody and leaves no file behind', async () => {
	const cookie = await cookieFor(SENCO)
	const { reviewId, child, lockVersion } = await draftWithInvitees(cookie)
	const before = documentFiles()
	const caseworker = await prisma.user.findUniqueOrThrow({ where: { id: child.caseworkerId! }, select: { email: true } })
	await prisma.user.update({ where: { id: child.caseworkerId! }, data: { email: 'broken address' } })
	try {
		await expect(run(check.action, request(`/reviews/${reviewId}/check`, { cookie, form: { lockVersion } }), { reviewId })).rejects.toThrow()
	} finally {
		await prisma.user.update({ where: { id: child.caseworkerId! }, data: { email: caseworker.email } })
	}
	expect(await prisma.outboxMessage.count({ where: { reviewId } })).toBe(0)
	expect(await prisma.generatedDocument.count({ where: { reviewId } })).toBe(0)
	expect(documentFiles()).toEqual(before)
	expect((await prisma.annualReview.findUniqueOrThrow({ where: { id: reviewId }, select: { status: true } })).status).toBe('DRAFT')
})
