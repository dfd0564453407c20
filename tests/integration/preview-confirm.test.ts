// Preview and confirm before anything statutory is sent (issue 12 §1): posting the decision, notice or final
// plan form sends nothing and answers with the recipients and the letter to check; the preview PDF says what the
// sent one says; Send sends once; a change in between refuses the send with a clear message.
import { expect, test } from 'vitest'
import { prisma } from '#app/db/db.server.ts'
import { todayInLondon } from '#app/domain/calendar-date.ts'
import * as decision from '#app/routes/council-decision.tsx'
import * as final from '#app/routes/council-final.tsx'
import * as preview from '#app/routes/council-letter-preview.ts'
import * as notice from '#app/routes/council-notice.tsx'
import { readDocument } from '#app/storage/documents.server.ts'
import { checkStep, send } from '#tests/check-and-send.ts'
import { CASEWORKER, cookieFor, expectRedirect, MEDWAY_SENCO, request, run, statusOf } from '#tests/helpers.ts'
import { extractText, getDocumentProxy } from '#tests/unpdf.ts'

const today = todayInLondon(new Date())
const dateOf = (name: string) => ({ [`${name}.day`]: today.slice(8), [`${name}.month`]: today.slice(5, 7), [`${name}.year`]: today.slice(0, 4) })

const textOf = async (bytes: Uint8Array) => (await extractText(await getDocumentProxy(bytes), { mergePages: true })).text.replace(/\s+/g, ' ')

async function storedText(reviewId: string, kind: string) {
	const doc = await prisma.generatedDocument.findFirstOrThrow({ where: { reviewId, kind }, select: { storageKey: true } })
	return textOf(new Uint8Array(await readDocument(doc.storageKey)))
}

async function previewText(reviewId: string, step: string, cookie: string, form: Record<string, string | string[]>) {
	const response = (await run(preview.action, request(`/council/reviews/${reviewId}/letters/${step}/preview`, { cookie, form }), {
		reviewId,
		step,
	})) as Response
	expect(response.headers.get('content-type')).toBe('application/pdf')
	return textOf(new Uint8Array(await response.arrayBuffer()))
}

/** What a step has left behind: the review's status, its documents, its emails and its decision. */
async function traces(reviewId: string) {
	const review = await prisma.annualReview.findUniqueOrThrow({ where: { id: reviewId }, select: { status: true } })
	return {
		status: review.status,
		documents: await prisma.generatedDocument.count({ where: { reviewId } }),
		emails: await prisma.outboxMessage.count({ where: { reviewId } }),
		decisions: await prisma.decision.count({ where: { reviewId } }),
	}
}

async function submitted(skip = 0) {
	return prisma.annualReview.findFirstOrThrow({
		where: { status: 'SUBMITTED', la: { code: '886' }, proposals: { some: { origin: 'SCHOOL' } }, child: { parentEmail: { not: '' } } },
		orderBy: { id: 'desc' },
		skip,
		select: {
			id: true,
			childId: true,
			proposals: { where: { origin: 'SCHOOL' }, orderBy: { createdAt: 'asc' }, select: { id: true } },
			child: { select: { parentEmail: true } },
		},
	})
}

test('a decision to maintain is checked first: nothing is sent until Send, the preview says what the letter says, and a second Send sends nothing more', async () => {
	const review = await submitted(0)
	const cookie = await cookieFor(CASEWORKER)
	const params = { reviewId: review.id }
	const path = `/council/reviews/${review.id}/decision`
	const form = { outcome: 'MAINTAIN', reasons: 'The plan still meets the needs.', ...dateOf('decidedOn') }
	const before = await traces(review.id)

	const checked = await checkStep(decision.action, path, cookie, form, params)
	expect(await traces(review.id)).toEqual(before)
	expect(checked.check.recipients.map((r) => r.email)).toContain(review.child.parentEmail)
	expect(checked.check.recipients.map((r) => r.role)).toContain('Parent or carer')
	const previewed = await previewText(review.id, 'decision', cookie, form)
	expect(await traces(review.id)).toEqual(before) // the preview stores and sends nothing

	expectRedirect(await send(decision.action, path, cookie, checked, params), `/council/reviews/${review.id}`)
	const after = await traces(review.id)
	expect(after.status).toBe('CLOSED')
	expect(after.documents).toBe(before.documents + 1)
	expect(after.emails).toBe(before.emails + checked.check.recipients.length)
	const sent = await storedText(review.id, 'DECISION_LETTER')
	// The same letter: its statutory text is the same (the PDF's own creation stamp aside).
	expect(previewed).toBe(sent)
	expect(sent).toContain('The plan still meets the needs.')

	// Send again (a double click, another tab): refused, nothing more sent.
	const again = await send(decision.action, path, cookie, checked, params)
	expect(again).toBeInstanceOf(Response)
	expect(await traces(review.id)).toEqual(after)
})

test('the amendment notice and the final plan are checked first, and a change in between refuses the send with a clear message', async () => {
	const review = await submitted(1)
	const cookie = await cookieFor(CASEWORKER)
	const params = { reviewId: review.id }
	const base = `/council/reviews/${review.id}`
	// An amend sends no letter: it is recorded at once and leads to the notice.
	expectRedirect(
		await run(
			decision.action,
			request(`${base}/decision`, { cookie, form: { outcome: 'AMEND', reasons: 'Needs changed.', ...dateOf('decidedOn') } }),
			params,
		),
		`${base}/notice`,
	)

	const choices = (decision: string) => {
		const form: Record<string, string> = { intent: 'issue' }
		review.proposals.forEach((p, i) => {
			form[`choices[${i}].proposalId`] = p.id
			form[`choices[${i}].decision`] = i === 0 ? decision : 'REJECTED'
			form[`choices[${i}].reason`] = 'As advised.'
			form[`choices[${i}].wording`] = i === 0 ? 'Weekly therapy with the NHS therapist, as edited first.' : ''
		})
		return form
	}
	const before = await traces(review.id)
	const checked = await checkStep(notice.action, `${base}/notice`, cookie, choices('ACCEPTED'), params)
	expect(await traces(review.id)).toEqual(before)
	expect(await prisma.amendmentNotice.count({ where: { reviewId: review.id } })).toBe(0)
	expect(checked.check.recipients.length).toBeGreaterThanOrEqual(2)

	// Another tab changes the notice after it was checked: Send is refused, with the new check to look at.
	await checkStep(notice.action, `${base}/notice`, cookie, choices('EDITED'), params)
	const refused = (await send(notice.action, `${base}/notice`, cookie, checked, params)) as any
	expect(refused.init.status).toBe(409)
	expect(refused.data.problem).toMatch(/changed since you checked it/)
	expect(refused.data.check.digest).not.toBe(checked.check.digest)
	expect(await traces(review.id)).toEqual(before)

	const rechecked = await checkStep(
		notice.action,
		`${base}/notice`,
		cookie,
		{ intent: 'issue', ...Object.fromEntries(Object.entries(choices('EDITED')).filter(([k]) => k !== 'intent')) },
		params,
	)
	const previewed = await previewText(review.id, 'notice', cookie, {})
	expectRedirect(await send(notice.action, `${base}/notice`, cookie, rechecked, params), base)
	expect(previewed).toBe(await storedText(review.id, 'AMENDMENT_NOTICE'))
	expect(previewed).toContain('as edited first')
	const noticed = await traces(review.id)
	expect(noticed.status).toBe('NOTICE_ISSUED')
	// A second Send: the notice is not sent twice.
	expect(await send(notice.action, `${base}/notice`, cookie, rechecked, params)).toBeInstanceOf(Response)
	expect(await traces(review.id)).toEqual(noticed)

	// The final plan, early with the family's agreement after a representation (reg 22(2)(c)).
	await prisma.representation.create({
		data: {
			reviewId: review.id,
			receivedOn: today,
			fromName: 'Parent',
			summary: 'No more to say.',
			recordedById: (await prisma.user.findUniqueOrThrow({ where: { email: CASEWORKER } })).id,
		},
	})
	const finalForm = { amend: 'yes', familyAgreed: 'yes', ...dateOf('familyAgreedOn') }
	const finalChecked = await checkStep(final.action, `${base}/final`, cookie, finalForm, params)
	expect(await traces(review.id)).toEqual(noticed)
	const finalPreview = await previewText(review.id, 'final', cookie, finalForm)
	// Another tab drops the amendment: refused.
	const [amendment] = await prisma.amendmentProposal.findMany({ where: { reviewId: review.id, laDecision: 'EDITED' }, select: { id: true } })
	await prisma.amendmentProposal.update({ where: { id: amendment!.id }, data: { finalWording: 'Changed in another tab.' } })
	const finalRefused = (await send(final.action, `${base}/final`, cookie, finalChecked, params)) as any
	expect(finalRefused.init.status).toBe(409)
	expect(finalRefused.data.problem).toMatch(/changed since you checked it/)
	expect(await traces(review.id)).toEqual(noticed)
	await prisma.amendmentProposal.update({ where: { id: amendment!.id }, data: { finalWording: null } })
	expectRedirect(await send(final.action, `${base}/final`, cookie, finalChecked, params), base)
	expect(finalPreview).toBe(await storedText(review.id, 'FINAL_PLAN'))
	expect((await traces(review.id)).status).toBe('FINAL_ISSUED')
})

test('the preview is the council’s own: another council’s staff and schools get nothing, and it is audited as a view', async () => {
	const review = await submitted(2)
	const form = { outcome: 'MAINTAIN', reasons: 'Still right.', ...dateOf('decidedOn') }
	const path = `/council/reviews/${review.id}/letters/decision/preview`
	expect(await statusOf(preview.action, request(path, { cookie: await cookieFor(MEDWAY_SENCO), form }), { reviewId: review.id, step: 'decision' })).toBe(403)
	const cookie = await cookieFor(CASEWORKER)
	expect(await statusOf(preview.action, request(path, { cookie, form }), { reviewId: review.id, step: 'decision' })).toBe(200)
	expect(await prisma.auditEvent.count({ where: { reviewId: review.id, action: 'review.download', details: 'preview of DECISION_LETTER' } })).toBe(1)
	expect((await traces(review.id)).documents).toBe(0)
})
