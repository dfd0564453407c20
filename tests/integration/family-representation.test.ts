// The amendment notice online and the family's representations made online (issue 14 §3; SEND Regulations 2014
// reg 22(2)(c); Children and Families Act 2014 s.38(2)(b)(ii), s.39), through the real loaders and actions on the real
// database: the notice for the family of the child only (403 for another family and for staff, 404 for no such
// review); a reply written in one transaction (the representation, its comments, the school request, the letter
// attached, the audit, the caseworker's email and the family's receipt) or not at all; comments only on the
// notice's own amendments; and nothing accepted once the time to reply has ended.
import fs from 'node:fs'
import { expect, test } from 'vitest'
import { prisma } from '#app/db/db.server.ts'
import { addDays, todayInLondon } from '#app/domain/calendar-date.ts'
import { env } from '#app/env.server.ts'
import { replyWindow } from '#app/queries/family-notice.server.ts'
import * as final from '#app/routes/council-final.tsx'
import * as councilReview from '#app/routes/council-review.tsx'
import * as familyNotice from '#app/routes/family-notice.tsx'
import * as representation from '#app/routes/family-representation.tsx'
import { noticed } from '#tests/council-steps.ts'
import { pdfFile } from '#tests/evidence-files.ts'
import { CASEWORKER, cookieFor, expectRedirect, familyMemberOf, request, run, statusOf } from '#tests/helpers.ts'

const used = new Set<string>()
const today = () => todayInLondon(new Date())

/** A Kent review with its amendment notice issued today (every school proposal accepted), and a parent signed in. */
async function noticedWithFamily() {
	const caseworker = await cookieFor(CASEWORKER)
	const reviewId = await noticed(caseworker, used)
	const review = await prisma.annualReview.findUniqueOrThrow({
		where: { id: reviewId },
		select: { childId: true, laId: true, child: { select: { caseworker: { select: { email: true, active: true } } } } },
	})
	const family = await familyMemberOf(review.childId)
	const amendments = (await run(familyNotice.loader, request(`/family/reviews/${reviewId}/notice`, { cookie: family.cookie }), { reviewId })) as any
	return { reviewId, caseworker, family, review, amendments: amendments.amendments as Array<{ id: string; section: string }> }
}

const letter = async () => new File([await pdfFile({ body: 'Our letter about the changes' })], 'our-letter.pdf', { type: 'application/pdf' })

function post(reviewId: string, cookie: string, form: Record<string, string>, file?: File) {
	return run(representation.action, request(`/family/reviews/${reviewId}/representation`, { cookie, multipart: true, form, files: file ? { file } : {} }), {
		reviewId,
	}) as Promise<any>
}

/** What a reply leaves in the database, to show that a refused one left nothing. */
async function footprint(reviewId: string) {
	const [representations, comments, schoolRequests, evidence, messages, audits, status] = await Promise.all([
		prisma.representation.count({ where: { reviewId } }),
		prisma.representationComment.count({ where: { representation: { reviewId } } }),
		prisma.schoolRequest.count({ where: { reviewId } }),
		prisma.evidenceFile.count({ where: { reviewId, representationId: { not: null } } }),
		prisma.outboxMessage.count({ where: { reviewId, template: { startsWith: 'family-representation' } } }),
		prisma.auditEvent.count({ where: { reviewId, action: 'family.representation' } }),
		prisma.annualReview.findUniqueOrThrow({ where: { id: reviewId }, select: { status: true } }),
	])
	return { representations, comments, schoolRequests, evidence, messages, audits, status: status.status }
}

test('the family reads the notice online: its dates, each change as a difference with its reason, the PDF; others are refused', async () => {
	const { reviewId, family, review } = await noticedWithFamily()
	const page = (await run(familyNotice.loader, request(`/family/reviews/${reviewId}/notice`, { cookie: family.cookie }), { reviewId })) as any
	expect(page.notice).toMatchObject({ issuedOn: today(), representationsCloseOn: addDays(today(), 14) })
	expect(page.window).toEqual({ open: true })
	expect(page.amendments.length).toBeGreaterThan(0)
	for (const a of page.amendments)
		expect(a).toMatchObject({ currentWording: expect.any(String), proposedWording: expect.any(String), reason: expect.any(String) })
	const document = await prisma.generatedDocument.findFirstOrThrow({ where: { reviewId, kind: 'AMENDMENT_NOTICE' }, select: { id: true } })
	expect(page.document.id).toBe(document.id)
	expect(await prisma.auditEvent.count({ where: { reviewId, action: 'family.review_view', userId: family.userId } })).toBeGreaterThan(0)

	// Another family's parent, a member of staff, and a review that does not exist.
	const other = await prisma.child.findFirstOrThrow({ where: { id: { not: review.childId } }, select: { id: true } })
	const stranger = await familyMemberOf(other.id)
	const path = (p: string) => `/family/reviews/${reviewId}/${p}`
	for (const route of [familyNotice.loader, representation.loader])
		expect(await statusOf(route, request(path('notice'), { cookie: stranger.cookie }), { reviewId })).toBe(403)
	expect(
		await statusOf(representation.action, request(path('representation'), { cookie: stranger.cookie, multipart: true, form: { meeting: 'yes' } }), {
			reviewId,
		}),
	).toBe(403)
	expect(await prisma.auditEvent.count({ where: { action: 'access.denied', userId: stranger.userId, entityId: reviewId } })).toBeGreaterThanOrEqual(3)
	const staff = await cookieFor(CASEWORKER)
	expect(await statusOf(familyNotice.loader, request(path('notice'), { cookie: staff }), { reviewId })).toBe(403)
	expect(
		await statusOf(representation.action, request(path('representation'), { cookie: staff, multipart: true, form: { meeting: 'yes' } }), { reviewId }),
	).toBe(403)
	expect(
		await statusOf(familyNotice.loader, request('/family/reviews/no-such-review/notice', { cookie: family.cookie }), { reviewId: 'no-such-review' }),
	).toBe(404)
	expect(await footprint(reviewId)).toMatchObject({ representations: 0, messages: 0 })
})

test('a reply writes the representation, its comment, the school request, the letter, the audit and both emails, and moves the review on', async () => {
	const { reviewId, family, review, amendments } = await noticedWithFamily()
	const school = await prisma.school.findFirstOrThrow({
		where: { laId: review.laId, active: true },
		orderBy: [{ name: 'asc' }, { id: 'asc' }],
		select: { id: true, name: true },
	})
	const form: Record<string, string> = {
		general: 'We are pleased with most of it.',
		wantsSchool: 'yes',
		schoolName: school.name.toUpperCase(),
		schoolType: 'a mainstream school',
		meeting: 'yes',
	}
	amendments.forEach((a, i) => (form[`comments[${i}].proposalId`] = a.id))
	form['comments[0].comment'] = 'Please keep the speech therapy weekly.'
	const result = await post(reviewId, family.cookie, form, await letter())
	const location = expectRedirect(result, new RegExp(`^/family/reviews/${reviewId}/representation\\?sent=`)).headers.get('location')!
	const id = new URL(location, 'http://x').searchParams.get('sent')!

	const made = await prisma.representation.findUniqueOrThrow({
		where: { id },
		include: { comments: true, evidence: true, schoolRequest: true },
	})
	expect(made).toMatchObject({
		reviewId,
		online: true,
		recordedById: family.userId,
		fromName: family.name,
		receivedOn: today(),
		summary: 'We are pleased with most of it.',
		requestedSchool: `${school.name.toUpperCase()} (a mainstream school)`,
		meetingRequested: true,
	})
	expect(made.comments).toEqual([expect.objectContaining({ proposalId: amendments[0]!.id, comment: 'Please keep the speech therapy weekly.' })])
	expect(made.evidence).toEqual([expect.objectContaining({ fileName: 'our-letter.pdf', contentType: 'application/pdf', uploadedById: family.userId })])
	// The school request for the council to consult on and decide (s.39), matched to the council's list.
	expect(made.schoolRequest).toMatchObject({
		reviewId,
		schoolName: school.name.toUpperCase(),
		schoolId: school.id,
		outcome: null,
		recordedById: family.userId,
	})
	expect(await footprint(reviewId)).toMatchObject({ representations: 1, comments: 1, schoolRequests: 1, evidence: 1, audits: 1, status: 'REPRESENTATIONS' })

	// The caseworker (or, with none, the SEN managers) is told; the family member gets a receipt.
	const messages = await prisma.outboxMessage.findMany({
		where: { reviewId, template: { startsWith: 'family-representation' } },
		select: { template: true, toAddress: true, payload: true },
	})
	const caseworker = review.child.caseworker?.active ? [review.child.caseworker.email] : []
	const managers = caseworker.length
		? []
		: (await prisma.user.findMany({ where: { laId: review.laId, active: true, roles: { some: { role: 'MANAGER' } } }, select: { email: true } })).map(
				(m) => m.email,
			)
	expect(
		messages
			.filter((m) => m.template === 'family-representation-caseworker')
			.map((m) => m.toAddress)
			.sort(),
	).toEqual([...caseworker, ...managers].sort())
	const receipt = messages.filter((m) => m.template === 'family-representation-receipt')
	expect(receipt.map((m) => m.toAddress)).toEqual([family.email])
	expect(JSON.parse(receipt[0]!.payload)).toMatchObject({
		receivedOn: today(),
		finalPlanDueOn: addDays(today(), 56),
		meetingRequested: true,
		fileName: 'our-letter.pdf',
	})

	// The receipt page, and the reply shown read-only once sent.
	const page = (await run(representation.loader, request(location, { cookie: family.cookie }), { reviewId })) as any
	expect(page.sent).toMatchObject({
		id,
		requestedSchool: made.requestedSchool,
		files: ['our-letter.pdf'],
		comments: [expect.objectContaining({ comment: 'Please keep the speech therapy weekly.' })],
	})

	// The caseworker sees it made online, with its comment beside the amendment it is about.
	const staff = await cookieFor(CASEWORKER)
	const reviewPage = (await run(councilReview.loader, request(`/council/reviews/${reviewId}`, { cookie: staff }), { reviewId })) as any
	expect(reviewPage.representations).toEqual([
		expect.objectContaining({ id, online: true, comments: [expect.objectContaining({ comment: 'Please keep the speech therapy weekly.' })] }),
	])
	const finalPage = (await run(final.loader, request(`/council/reviews/${reviewId}/final`, { cookie: staff }), { reviewId })) as any
	expect(finalPage.amendments[0].familyComments).toEqual([
		expect.objectContaining({ fromName: family.name, online: true, comment: 'Please keep the speech therapy weekly.' }),
	])
	expect(finalPage.representationList).toEqual([
		expect.objectContaining({ id, online: true, meetingRequested: true, evidence: [expect.objectContaining({ id: made.evidence[0]!.id })] }),
	])

	// A second reply in the period: another school is kept on the representation, not made a second request.
	const again = await post(reviewId, family.cookie, { wantsSchool: 'yes', schoolName: 'Another School', meeting: 'no' })
	const secondId = new URL(expectRedirect(again, /\?sent=/).headers.get('location')!, 'http://x').searchParams.get('sent')!
	expect(await prisma.schoolRequest.count({ where: { reviewId } })).toBe(1)
	expect(await prisma.representation.findUniqueOrThrow({ where: { id: secondId }, select: { requestedSchool: true, summary: true } })).toEqual({
		requestedSchool: 'Another School',
		summary: 'Made online: asked for a school',
	})
	const secondReceipt = await prisma.outboxMessage.findFirstOrThrow({
		where: { reviewId, template: 'family-representation-receipt', dedupeKey: { contains: secondId } },
		select: { payload: true },
	})
	expect(JSON.parse(secondReceipt.payload).schoolRequestAlready).toBe(school.name.toUpperCase())
	const form2 = (await run(representation.loader, request(`/family/reviews/${reviewId}/representation`, { cookie: family.cookie }), { reviewId })) as any
	expect(form2.replies.map((r: { id: string }) => r.id)).toEqual([id, secondId])
	expect(form2.schoolRequest).toBe(school.name) // the council's record of the school, matched by name
})

test('a refused reply leaves nothing: a bad attachment, another review’s amendment, rows the page did not draw, nothing to say', async () => {
	const { reviewId, family, amendments } = await noticedWithFamily()
	const before = await footprint(reviewId)
	const files = () => fs.readdirSync(env.EVIDENCE_DIR).filter((name) => name !== 'tmp').length
	const stored = files()
	const rows: Record<string, string> = { wantsSchool: 'no', meeting: 'yes' }
	amendments.forEach((a, i) => (rows[`comments[${i}].proposalId`] = a.id))

	// Not a PDF, whatever its name says.
	const fake = new File(['MZ this is not a letter'], 'letter.pdf', { type: 'application/pdf' })
	const bad = await post(reviewId, family.cookie, { ...rows, 'comments[0].comment': 'A comment' }, fake)
	expect(bad.init.status).toBe(400)
	expect(bad.data.result.error.file[0]).toMatch(/must be a PDF/)

	// A comment on an amendment of another review.
	const foreign = await prisma.amendmentProposal.findFirstOrThrow({ where: { reviewId: { not: reviewId } }, select: { id: true } })
	const stolen = await post(reviewId, family.cookie, { ...rows, 'comments[0].proposalId': foreign.id, 'comments[0].comment': 'Not mine' }, await letter())
	expect(stolen.init.status).toBe(400)
	expect(stolen.data.result.error[''][0]).toMatch(/not in this notice/)

	// A row past the notice's amendments.
	const extra = await post(reviewId, family.cookie, {
		...rows,
		[`comments[${amendments.length}].proposalId`]: amendments[0]!.id,
		[`comments[${amendments.length}].comment`]: 'x',
	})
	expect(extra.init.status).toBe(400)

	// Too long a comment; nothing at all to say; yes to a school with no name.
	expect((await post(reviewId, family.cookie, { ...rows, 'comments[0].comment': 'x'.repeat(5001) })).init.status).toBe(400)
	const nothing = await post(reviewId, family.cookie, { ...rows, meeting: 'no' })
	expect(nothing.init.status).toBe(400)
	expect(nothing.data.result.error[''][0]).toMatch(/Write a comment/)
	const noName = await post(reviewId, family.cookie, { ...rows, wantsSchool: 'yes' })
	expect(noName.data.result.error.schoolName[0]).toBe('Enter the name of the school or college')

	// A failure inside the transaction (here the receipt cannot be written: the family member's address is not one)
	// takes back everything written before it: the representation, its comment, the school request, the file's row.
	await prisma.user.update({ where: { id: family.userId }, data: { email: `no-address-${reviewId}` } })
	await expect(
		post(reviewId, family.cookie, { ...rows, wantsSchool: 'yes', schoolName: 'Oakfield', 'comments[0].comment': 'A comment' }, await letter()),
	).rejects.toThrow()
	await prisma.user.update({ where: { id: family.userId }, data: { email: family.email } })

	expect(await footprint(reviewId)).toEqual(before)
	expect(before).toMatchObject({ representations: 0, evidence: 0, messages: 0, status: 'NOTICE_ISSUED' })
	// The letter sent with a refused reply is not kept.
	expect(files()).toBe(stored)
})

test('after the time to reply has ended, the page says so with the caseworker’s contact and the action refuses a reply', async () => {
	const { reviewId, family, amendments } = await noticedWithFamily()
	// Served 16 days ago: the 15 days (the day of service is day 1) ended yesterday.
	const servedOn = addDays(today(), -16)
	await prisma.amendmentNotice.update({ where: { reviewId }, data: { issuedOn: servedOn, representationsCloseOn: addDays(servedOn, 14) } })
	const page = (await run(representation.loader, request(`/family/reviews/${reviewId}/representation`, { cookie: family.cookie }), { reviewId })) as any
	expect(page.open).toBe(false)
	expect(page.contact.email).toMatch(/@/)
	const child = await prisma.annualReview.findUniqueOrThrow({
		where: { id: reviewId },
		select: { child: { select: { caseworker: { select: { name: true, email: true, active: true } }, la: { select: { contactEmail: true } } } } },
	})
	expect(page.contact.email).toBe(child.child.caseworker?.active ? child.child.caseworker.email : child.child.la.contactEmail)

	const before = await footprint(reviewId)
	const form: Record<string, string> = { wantsSchool: 'no', meeting: 'yes', 'comments[0].proposalId': amendments[0]!.id, 'comments[0].comment': 'Late' }
	const late = await post(reviewId, family.cookie, form, await letter())
	expect(late.init.status).toBe(409)
	expect(late.data.result.error[''][0]).toBe('The time to reply has ended')
	expect(await footprint(reviewId)).toEqual(before)

	// The last day itself is still open (today in London, inclusive).
	await prisma.amendmentNotice.update({ where: { reviewId }, data: { issuedOn: addDays(today(), -14), representationsCloseOn: today() } })
	expectRedirect(await post(reviewId, family.cookie, form), /\?sent=/)
})

test('the time to reply: from the notice to its last day in London, and never once the final plan is issued', () => {
	const notice = { representationsCloseOn: '2027-04-05' }
	expect(replyWindow({ status: 'NOTICE_ISSUED', notice: null, finalPlan: null }, '2027-03-30')).toEqual({ open: false, reason: 'no-notice' })
	expect(replyWindow({ status: 'NOTICE_ISSUED', notice, finalPlan: null }, '2027-04-05')).toEqual({ open: true })
	expect(replyWindow({ status: 'REPRESENTATIONS', notice, finalPlan: null }, '2027-04-06')).toEqual({ open: false, reason: 'closed' })
	expect(replyWindow({ status: 'FINAL_ISSUED', notice, finalPlan: { id: 'f' } }, '2027-03-30')).toEqual({ open: false, reason: 'final-issued' })
	expect(replyWindow({ status: 'CLOSED', notice, finalPlan: null }, '2027-03-30')).toEqual({ open: false, reason: 'final-issued' })
})
