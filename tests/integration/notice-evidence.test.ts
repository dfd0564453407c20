// reg 22(2)(b): the amendment notice sends copies of the evidence. Evidence a PDF cannot hold (a Word document) goes
// with the notice's email as the file itself, and the notice says so: the family receive every file the notice
// names, delivered here to a real SMTP server and read back; a file of another review is never attached.
import { randomBytes } from 'node:crypto'
import fs from 'node:fs'
import { expect, onTestFinished, test } from 'vitest'
import { getUser } from '#app/auth/auth.server.ts'
import { prisma } from '#app/db/db.server.ts'
import { todayInLondon } from '#app/domain/calendar-date.ts'
import { enqueueEmail } from '#app/email/enqueue.server.ts'
import { deliverDueMessages } from '#app/jobs/outbox.server.ts'
import { checkOf, issueAmendmentNotice, letterToSend, makeDecision, saveNoticeDraft } from '#app/services/council-review.server.ts'
import { evidencePath } from '#app/storage/evidence.server.ts'
import { pdfText } from '#tests/documents.ts'
import { wordParts, zipFile } from '#tests/evidence-files.ts'
import { CASEWORKER, cookieFor, request } from '#tests/helpers.ts'
import { recipientOf, startSmtp } from '#tests/smtp.ts'

const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'

async function storedWordFile(reviewId: string, uploadedById: string, fileName: string) {
	const bytes = zipFile(wordParts)
	const storageKey = randomBytes(16).toString('hex')
	fs.mkdirSync(evidencePath(storageKey).replace(/[^/]+$/, ''), { recursive: true })
	fs.writeFileSync(evidencePath(storageKey), bytes)
	onTestFinished(() => fs.rmSync(evidencePath(storageKey), { force: true }))
	const file = await prisma.evidenceFile.create({
		data: {
			reviewId,
			title: 'Speech and language therapy report',
			fileName,
			contentType: DOCX,
			sizeBytes: bytes.length,
			sha256: 'x',
			storageKey,
			uploadedById,
		},
	})
	return { file, bytes }
}

test('Word evidence goes with the notice’s email as the file itself, and the notice says so (reg 22(2)(b))', async () => {
	const user = (await getUser(request('/', { cookie: await cookieFor(CASEWORKER) })))!
	const review = await prisma.annualReview.findFirstOrThrow({
		where: { status: 'SUBMITTED', la: { code: '886' }, proposals: { some: {} }, child: { parentEmail: { not: '' }, school: { isNot: null } } },
		select: { id: true, childId: true, child: { select: { parentEmail: true } }, proposals: { select: { id: true }, orderBy: { id: 'asc' } } },
		orderBy: { id: 'desc' },
	})
	const { file, bytes } = await storedWordFile(review.id, user.id, 'SALT report May 2027.docx')
	await prisma.proposalEvidence.create({ data: { proposalId: review.proposals[0]!.id, evidenceId: file.id } })
	const today = todayInLondon(new Date())
	await makeDecision(null, user, review.id, { outcome: 'AMEND', reasons: 'Needs have changed.', decidedOn: today }, null)
	await saveNoticeDraft(null, user, { id: review.id, child: { id: review.childId } } as never, {
		choices: review.proposals.map((p) => ({ proposalId: p.id, decision: 'ACCEPTED' as const })),
		councilAmendment: null,
	})

	// The check before sending names the file that goes beside the PDF.
	const letter = await letterToSend(user, review.id, { step: 'notice' })
	expect(checkOf(letter!).separateFiles).toEqual(['SALT report May 2027.docx'])
	await issueAmendmentNotice(null, user, review.id, letter!.digest)

	// The notice says where the file is, and no longer that it must be asked for.
	const text = await pdfText(review.id, 'AMENDMENT_NOTICE')
	expect(text).toContain('sent with this notice as separate files')
	expect(text).toContain('Speech and language therapy report (SALT report May 2027.docx)')
	expect(text).toContain('(a separate file, sent with this notice)')
	expect(text).not.toContain('so it is not in this document')

	// Every email of the notice carries the PDF and the Word file, delivered to a real SMTP server.
	const queued = await prisma.outboxMessage.findMany({ where: { reviewId: review.id, template: 'amendment-notice' }, select: { id: true, payload: true } })
	expect(queued.length).toBeGreaterThan(0)
	for (const m of queued) expect(JSON.parse(m.payload).attachments).toEqual([{ documentId: expect.any(String) }, { evidenceId: file.id }])
	await prisma.outboxMessage.updateMany({
		where: { id: { notIn: queued.map((m) => m.id) }, status: 'PENDING' },
		data: { nextAttemptAt: new Date(Date.now() + 3_600_000) },
	})
	const smtp = await startSmtp()
	try {
		await deliverDueMessages({ transport: smtp.transport })
		const toParent = smtp.received.find((mail) => recipientOf(mail) === review.child.parentEmail)!
		expect(toParent.attachments.map((a) => [a.filename, a.contentType])).toEqual([
			[expect.stringMatching(/^Amendment notice - .*\.pdf$/), 'application/pdf'],
			['SALT report May 2027.docx', DOCX],
		])
		expect(Buffer.compare(toParent.attachments[1]!.content, Buffer.from(bytes))).toBe(0)
	} finally {
		await smtp.close()
	}
})

test('an evidence file of another review is never attached', async () => {
	const user = (await getUser(request('/', { cookie: await cookieFor(CASEWORKER) })))!
	const [mine, theirs] = await prisma.annualReview.findMany({ where: { la: { code: '886' } }, select: { id: true }, orderBy: { id: 'asc' }, take: 2 })
	const { file } = await storedWordFile(theirs!.id, user.id, 'Someone else.docx')
	const document = await prisma.generatedDocument.create({
		data: { reviewId: mine!.id, kind: 'DECISION_LETTER', title: 'Letter', storageKey: 'none', sizeBytes: 1 },
	})
	await expect(
		prisma.$transaction((tx) =>
			enqueueEmail(tx, {
				to: 'parent@example.org',
				template: 'review-submitted-caseworker',
				reviewId: mine!.id,
				payload: {
					reviewId: mine!.id,
					child: { firstName: 'A', lastName: 'B' },
					schoolName: 'Oakfield',
					meetingOn: '2027-03-01',
					submittedAt: new Date(),
					decisionDueOn: '2027-03-29',
					attachments: [{ documentId: document.id }, { evidenceId: file.id }],
				},
			}),
		),
	).rejects.toThrow(/evidence file .* belongs to another review/)
})
