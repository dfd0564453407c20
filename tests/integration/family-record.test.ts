// The family's record (issue 14, "Their record"): the child's page with each review's statutory dates, the letters
// sent to them, every email to their address, the review report once the school has sent it. A family member sees
// only their own child's and their own; staff are refused the family's pages; every view and download is audited.
import nodemailer from 'nodemailer'
import { expect, test } from 'vitest'
import { createSession } from '#app/auth/auth.server.ts'
import { prisma } from '#app/db/db.server.ts'
import { formatDate, todayInLondon } from '#app/domain/calendar-date.ts'
import { deliverDueMessages } from '#app/jobs/outbox.server.ts'
import * as childFamily from '#app/routes/child-family.tsx'
import * as decision from '#app/routes/council-decision.tsx'
import * as familyChild from '#app/routes/family-child.tsx'
import * as familyDocument from '#app/routes/family-document.ts'
import * as familyMessage from '#app/routes/family-message.tsx'
import * as familyRecordPdf from '#app/routes/family-record-pdf.ts'
import { decideToMaintain } from '#tests/check-and-send.ts'
import { BASE, CASEWORKER, cookieFor, familyMemberOf, request, run, statusOf } from '#tests/helpers.ts'
import { extractText, getDocumentProxy } from '#tests/unpdf.ts'

const today = todayInLondon(new Date())
const transport = nodemailer.createTransport({ jsonTransport: true })

/**
 * A Kent child (not yet a young person) whose submitted review the council decided today to keep as it is: the
 * caseworker gave the family access first (the parent's sign-in link), the decision letter went to the parent, and
 * the outbox has sent both. Each call takes the next such review (the last one is closed now).
 */
async function decidedForFamily() {
	const caseworker = await cookieFor(CASEWORKER)
	const review = await prisma.annualReview.findFirstOrThrow({
		where: { status: 'SUBMITTED', la: { code: '886' }, child: { parentEmail: { not: '' }, yearGroup: { lt: 10 } } },
		orderBy: { id: 'asc' },
		select: { id: true, meetingOn: true, childId: true, child: { select: { firstName: true, lastName: true, parentEmail: true } } },
	})
	const invited = (await run(childFamily.action, request(`/children/${review.childId}/family`, { cookie: caseworker, form: { intent: 'invite' } }), {
		childId: review.childId,
	})) as { outcome: { invited: Array<{ email: string }> } }
	expect(invited.outcome.invited.map((p) => p.email)).toContain(review.child.parentEmail.toLowerCase())
	const sent = (await decideToMaintain(decision.action, review.id, caseworker, today)) as Response
	expect(sent.status).toBe(302)
	await deliverDueMessages({ transport })
	const parent = await prisma.user.findUniqueOrThrow({ where: { email: review.child.parentEmail.toLowerCase() }, select: { id: true, email: true } })
	const cookie = (await createSession(new Request(BASE), parent.id)).split(';')[0]!
	return { review, parent, cookie, caseworker }
}

const childPage = (childId: string, cookie: string) => run(familyChild.loader, request(`/family/children/${childId}`, { cookie }), { childId }) as Promise<any>

test('the family’s own child: the plan’s dates, the review’s statutory dates and whether each was met, the letter and the emails sent to them', async () => {
	const { review, parent, cookie } = await decidedForFamily()
	const page = await childPage(review.childId, cookie)
	expect(page.child.name).toBe(`${review.child.firstName} ${review.child.lastName}`)
	expect(page.plan.firstIssuedOn).toMatch(/^\d{4}-\d{2}-\d{2}$/)
	const current = page.reviews[0]
	expect(current.id).toBe(review.id)
	expect(current.reportReady).toBe(true)
	// The council's decision, made today: within 4 weeks of the meeting (reg 20(10)), so on time.
	const decided = current.timeline.find((s: any) => s.id === 'la_decision')
	expect(decided).toMatchObject({ who: 'council', state: 'on_time', status: `Done on ${formatDate(today)}, on time` })
	expect(current.timeline.map((s: any) => s.id)).toEqual(expect.arrayContaining(['review_due', 'review_report', 'la_decision']))
	expect(current.timeline.map((s: any) => s.id)).not.toContain('amendment_notice')
	// The decision letter was attached to the email to the parent, which has gone.
	const letter = await prisma.generatedDocument.findFirstOrThrow({ where: { reviewId: review.id, kind: 'DECISION_LETTER' }, select: { id: true } })
	expect(page.letters.map((l: any) => [l.id, l.name])).toEqual([[letter.id, 'Decision letter']])
	const emails = await prisma.outboxMessage.findMany({
		where: { toAddress: { in: [parent.email, review.child.parentEmail] } },
		select: { id: true, template: true },
	})
	expect(emails.map((e) => e.template).sort()).toEqual(['decision-letter', 'family-sign-in'])
	expect(page.emails.map((e: any) => e.id).sort()).toEqual(emails.map((e) => e.id).sort())
	// Nothing sent to the school is theirs.
	const toSchool = await prisma.outboxMessage.findFirstOrThrow({
		where: { reviewId: review.id, template: 'decision-letter', NOT: { id: { in: emails.map((e) => e.id) } } },
	})
	expect(page.emails.map((e: any) => e.id)).not.toContain(toSchool.id)
	expect(await prisma.auditEvent.count({ where: { userId: parent.id, action: 'family.child_view', entityId: review.childId } })).toBe(1)
})

test('another family’s child is refused (403, audited), an unknown child is not found, and staff are refused the family’s page', async () => {
	const { review, caseworker } = await decidedForFamily()
	const other = await prisma.child.findFirstOrThrow({ where: { id: { not: review.childId }, la: { code: '886' } }, select: { id: true } })
	const stranger = await familyMemberOf(other.id)
	expect(await statusOf(familyChild.loader, request(`/family/children/${review.childId}`, { cookie: stranger.cookie }), { childId: review.childId })).toBe(
		403,
	)
	expect(await prisma.auditEvent.count({ where: { userId: stranger.userId, action: 'access.denied', entityId: review.childId } })).toBe(1)
	expect(await statusOf(familyChild.loader, request('/family/children/nope', { cookie: stranger.cookie }), { childId: 'nope' })).toBe(404)
	expect(await statusOf(familyChild.loader, request(`/family/children/${review.childId}`, { cookie: caseworker }), { childId: review.childId })).toBe(403)
	// Their own child's page works, and shows none of the other child's letters.
	const own = await childPage(other.id, stranger.cookie)
	expect(own.letters.map((l: any) => l.reviewId)).not.toContain(review.id)
})

test('letters download only for the family’s own child and only of the kinds families are sent; each download is audited', async () => {
	const { review, parent, cookie } = await decidedForFamily()
	const letter = await prisma.generatedDocument.findFirstOrThrow({ where: { reviewId: review.id, kind: 'DECISION_LETTER' }, select: { id: true } })
	const get = (documentId: string, as = cookie) =>
		run(familyDocument.loader, request(`/family/documents/${documentId}`, { cookie: as }), { documentId }) as Promise<Response>
	const ok = await get(letter.id)
	expect(ok.status).toBe(200)
	expect(ok.headers.get('content-type')).toBe('application/pdf')
	expect(ok.headers.get('content-disposition')).toMatch(/^attachment; filename="Decision letter/)
	expect(
		Buffer.from(await ok.arrayBuffer())
			.subarray(0, 4)
			.toString(),
	).toBe('%PDF')
	expect(await prisma.auditEvent.count({ where: { userId: parent.id, action: 'family.download', entityId: letter.id } })).toBe(1)

	// The evidence bundle of their own child's review is the council's working copy.
	const bundle = await prisma.generatedDocument.create({
		data: { reviewId: review.id, kind: 'EVIDENCE_BUNDLE', title: 'Bundle.pdf', storageKey: `bundle-${review.id}`, sizeBytes: 10 },
		select: { id: true },
	})
	expect((await get(bundle.id)).status).toBe(403)
	// Another child's letter.
	const otherReview = await prisma.annualReview.findFirstOrThrow({ where: { childId: { not: review.childId } }, select: { id: true } })
	const otherLetter = await prisma.generatedDocument.create({
		data: { reviewId: otherReview.id, kind: 'DECISION_LETTER', title: 'Decision letter.pdf', storageKey: `other-${otherReview.id}`, sizeBytes: 10 },
		select: { id: true },
	})
	expect((await get(otherLetter.id)).status).toBe(403)
	expect(await prisma.auditEvent.count({ where: { userId: parent.id, action: 'access.denied', entityType: 'AnnualReview', entityId: otherReview.id } })).toBe(
		1,
	)
	expect((await get('no-such-document')).status).toBe(404)
	// Staff download letters from their own pages, not the family's.
	expect((await get(letter.id, await cookieFor(CASEWORKER))).status).toBe(403)
})

test('an email is shown only to the person it was sent to, and a sign-in email never shows its link', async () => {
	const { review, parent, cookie } = await decidedForFamily()
	const show = (messageId: string, as = cookie) =>
		run(familyMessage.loader, request(`/family/messages/${messageId}`, { cookie: as }), { messageId }) as Promise<any>
	// ?download=1: the route's middleware answers with the file before the page's loader runs.
	const file = (messageId: string, as = cookie) =>
		run(
			(args: any) =>
				familyMessage.middleware[0]!({ ...args, request: request(`/family/messages/${messageId}?download=1`, { cookie: as }) }, () =>
					Promise.resolve(new Response('the page')),
				),
			request('/'),
			{ messageId },
		) as Promise<Response>
	const letterEmail = await prisma.outboxMessage.findFirstOrThrow({
		where: { reviewId: review.id, template: 'decision-letter', toAddress: review.child.parentEmail },
	})
	const page = await show(letterEmail.id)
	expect(page.subject).toMatch(/^Annual review decision for /)
	expect(page.paragraphs.flat().join('\n')).toContain('decided on')
	expect(page.letters.map((l: any) => l.name)).toEqual(['Decision letter'])
	expect(await prisma.auditEvent.count({ where: { userId: parent.id, action: 'family.review_view', entityId: letterEmail.id } })).toBe(1)
	const downloaded = await file(letterEmail.id)
	expect(downloaded.headers.get('content-type')).toBe('text/plain; charset=utf-8')
	expect(downloaded.headers.get('content-disposition')).toMatch(/^attachment; filename="Email - /)
	expect(await downloaded.text()).toContain(`Subject: ${page.subject}`)
	expect(await prisma.auditEvent.count({ where: { userId: parent.id, action: 'family.download', entityId: letterEmail.id } })).toBe(1)

	// The same decision's email to the school is not theirs.
	const toSchool = await prisma.outboxMessage.findFirstOrThrow({
		where: { reviewId: review.id, template: 'decision-letter', NOT: { toAddress: review.child.parentEmail } },
	})
	expect((await show(toSchool.id)).status).toBe(403)
	expect((await file(toSchool.id)).status).toBe(403)
	expect(await prisma.auditEvent.count({ where: { userId: parent.id, action: 'access.denied', entityId: toSchool.id } })).toBe(2)
	expect((await show('no-such-message')).status).toBe(404)
	expect((await show(letterEmail.id, await cookieFor(CASEWORKER))).status).toBe(403)

	// The sign-in email, sent: its token was blanked once it went, and the page shows no link at all.
	const signIn = await prisma.outboxMessage.findFirstOrThrow({ where: { toAddress: parent.email, template: 'family-sign-in', status: 'SENT' } })
	const shown = (await show(signIn.id)).paragraphs.flat().join('\n')
	expect(shown).toContain('The sign-in link is not shown here')
	expect(shown).not.toMatch(/\/family\/sign-in\//)
	// Even a sent sign-in email whose payload still held a live token (a row from before tokens were blanked).
	const token = 'live-token-that-must-never-show-0123456789'
	const old = await prisma.outboxMessage.create({
		data: {
			toAddress: parent.email,
			template: 'family-sign-in',
			payload: JSON.stringify({ name: 'Pat', token, expiresAt: new Date().toISOString() }),
			status: 'SENT',
			sentAt: new Date(),
		},
		select: { id: true },
	})
	const oldPage = await show(old.id)
	expect(JSON.stringify(oldPage)).not.toContain(token)
	expect(await (await file(old.id)).text()).not.toContain(token)
})

test('the review report is the family’s once the school has sent it; before that the page says it is not ready', async () => {
	const { review, parent, cookie } = await decidedForFamily()
	const pdf = (reviewId: string, as = cookie) =>
		run(familyRecordPdf.loader, request(`/family/reviews/${reviewId}/record.pdf`, { cookie: as }), { reviewId }) as Promise<Response>
	const ok = await pdf(review.id)
	expect(ok.status).toBe(200)
	expect(ok.headers.get('content-type')).toBe('application/pdf')
	const text = (await extractText(await getDocumentProxy(new Uint8Array(await ok.arrayBuffer())), { mergePages: true })).text.replace(/\s+/g, ' ')
	expect(text).toContain(`${review.child.firstName} ${review.child.lastName}`)
	expect(text).toContain(formatDate(review.meetingOn!))
	expect(await prisma.auditEvent.count({ where: { userId: parent.id, action: 'family.download', entityId: review.id } })).toBe(1)

	// A review still in draft with the school: nothing to read yet.
	const draft = await prisma.annualReview.findFirstOrThrow({ where: { status: 'DRAFT', la: { code: '886' } }, select: { id: true, childId: true } })
	const family = await familyMemberOf(draft.childId)
	const notReady = await pdf(draft.id, family.cookie)
	expect(notReady.status).toBe(404)
	expect(await notReady.text()).toContain('The review report is not ready yet')
	expect(await prisma.auditEvent.count({ where: { userId: family.userId, action: 'family.download', entityId: draft.id } })).toBe(0)
	// Another family's review, and staff.
	expect((await pdf(review.id, family.cookie)).status).toBe(403)
	expect((await pdf(review.id, await cookieFor(CASEWORKER))).status).toBe(403)
	expect((await pdf('no-such-review')).status).toBe(404)
})
