// The council's side of a review, through its real loaders and actions: decision, amendment notice,
// representation and final plan, with their letters read back, the emails queued and the plan versioned.
import { expect, test } from 'vitest'
import { prisma } from '#app/db/db.server.ts'
import { addDays, formatDate, todayInLondon } from '#app/domain/calendar-date.ts'
import * as decision from '#app/routes/council-decision.tsx'
import * as finalAmendment from '#app/routes/council-final-amendment.tsx'
import * as final from '#app/routes/council-final.tsx'
import * as notice from '#app/routes/council-notice.tsx'
import * as representation from '#app/routes/council-representation.tsx'
import * as councilReview from '#app/routes/council-review.tsx'
import * as schoolRequest from '#app/routes/council-school-request.tsx'
import { checkAndSend, decideToAmend, decideToMaintain } from '#tests/check-and-send.ts'
import { pdfText } from '#tests/documents.ts'
import { pdfFile } from '#tests/evidence-files.ts'
import { cookieFor, dateFields, expectRedirect, request, run, statusOf } from '#tests/helpers.ts'

const CASEWORKER = 'caseworker@kent.example.gov.uk'
const OAKFIELD = 'senco@oakfield-primary.example.org'
const MEDWAY = 'senco@medway-school.example.org'

/** A submitted Kent review with at least two school proposals and a parent email. */
async function submittedWithProposals() {
	const review = await prisma.annualReview.findFirst({
		where: { status: 'SUBMITTED', la: { code: '886' }, proposals: { some: {} }, child: { parentEmail: { not: '' } } },
		select: { id: true, meetingOn: true, childId: true, proposals: { select: { id: true } } },
		orderBy: { id: 'asc' },
	})
	if (!review) throw new Error('the seed has no submitted review with proposals')
	// Make sure there are two proposals to accept and edit.
	if (review.proposals.length < 2) {
		const creator = await prisma.user.findUniqueOrThrow({ where: { email: OAKFIELD }, select: { id: true } })
		await prisma.amendmentProposal.create({
			data: {
				reviewId: review.id,
				section: 'G',
				currentWording: 'Annual hearing check.',
				proposedWording: 'Hearing checked every six months by the NHS audiology service.',
				reason: 'Audiology report',
				createdById: creator.id,
			},
		})
	}
	return prisma.annualReview.findUniqueOrThrow({
		where: { id: review.id },
		select: {
			id: true,
			meetingOn: true,
			childId: true,
			// In the order the notice applies them (noticeAmendments), so the edited one is applied last when both amend one section.
			proposals: {
				orderBy: [{ section: 'asc' }, { position: 'asc' }, { createdAt: 'asc' }, { id: 'asc' }],
				select: { id: true, section: true, proposedWording: true },
			},
		},
	})
}

test('schools and other councils get nothing from the council’s pages', async () => {
	const review = await submittedWithProposals()
	const params = { reviewId: review.id }
	for (const email of [OAKFIELD, MEDWAY]) {
		const cookie = await cookieFor(email)
		for (const [mod, path] of [
			[councilReview, ''],
			[decision, '/decision'],
			[notice, '/notice'],
			[representation, '/representations/new'],
			[final, '/final'],
			[finalAmendment, '/final/amendments/new'],
			[schoolRequest, '/final/school'],
		] as const) {
			expect(await statusOf(mod.loader, request(`/council/reviews/${review.id}${path}`, { cookie }), params), `${email} GET ${path}`).toBe(403)
			expect(await statusOf(mod.action, request(`/council/reviews/${review.id}${path}`, { cookie, form: {} }), params), `${email} POST ${path}`).toBe(403)
		}
	}
	expect(await prisma.decision.count({ where: { reviewId: review.id } })).toBe(0)
})

test('amend: decision, notice from two proposals (one accepted, one edited), representation, final plan as a new version', async () => {
	const review = await submittedWithProposals()
	const cookie = await cookieFor(CASEWORKER)
	const params = { reviewId: review.id }
	const today = todayInLondon(new Date())

	// The council's page shows the clocks: decision due 4 weeks after the meeting.
	const page = (await run(councilReview.loader, request(`/council/reviews/${review.id}`, { cookie }), params)) as any
	const decisionClock = page.deadlines.find((x: any) => x.id === 'la_decision')
	expect(decisionClock.dueOn).toBe(addDays(review.meetingOn!, 28))

	expectRedirect(await decideToAmend(decision.action, review.id, cookie, today), `/council/reviews/${review.id}/notice`)

	const [first, second] = review.proposals
	const edited = 'Forty minutes of speech and language therapy each week, delivered by the NHS speech and language therapist.'
	const form: Record<string, string> = {
		intent: 'issue',
		'choices[0].proposalId': first!.id,
		'choices[0].decision': 'ACCEPTED',
		'choices[1].proposalId': second!.id,
		'choices[1].decision': 'EDITED',
		'choices[1].wording': edited,
		'choices[1].reason': 'Adjusted to what the therapist advised.',
	}
	// Other school proposals (if any) are rejected with a reason.
	review.proposals.slice(2).forEach((p, i) => {
		form[`choices[${i + 2}].proposalId`] = p.id
		form[`choices[${i + 2}].decision`] = 'REJECTED'
		form[`choices[${i + 2}].reason`] = 'Not supported by the evidence.'
	})
	// Checked before sending, then sent (issue 12 §1).
	expectRedirect(await checkAndSend(notice.action, `/council/reviews/${review.id}/notice`, cookie, form, params), `/council/reviews/${review.id}`)

	const issued = await prisma.amendmentNotice.findUniqueOrThrow({ where: { reviewId: review.id } })
	expect(issued.issuedOn).toBe(today)
	expect(issued.representationsCloseOn).toBe(addDays(today, 14)) // day of service is day 1 of 15
	const noticeText = await pdfText(review.id, 'AMENDMENT_NOTICE')
	expect(noticeText).toContain('Forty minutes of speech and language therapy')
	expect(noticeText).toContain(formatDate(issued.representationsCloseOn))
	const messages = await prisma.outboxMessage.findMany({ where: { reviewId: review.id, template: 'amendment-notice' }, select: { toAddress: true } })
	expect(messages.length).toBeGreaterThanOrEqual(2) // family and school
	expect((await prisma.annualReview.findUniqueOrThrow({ where: { id: review.id } })).status).toBe('NOTICE_ISSUED')

	expectRedirect(
		await run(
			representation.action,
			request(`/council/reviews/${review.id}/representations/new`, {
				cookie,
				multipart: true,
				form: {
					...dateFields('receivedOn', today),
					fromName: 'Mrs Begum',
					summary: 'We agree but want the therapy in the morning.',
				},
				files: { file: new File([await pdfFile()], 'letter.pdf', { type: 'application/pdf' }) },
			}),
			params,
		),
		`/council/reviews/${review.id}`,
	)
	const recorded = await prisma.representation.findFirstOrThrow({
		where: { reviewId: review.id },
		select: { evidence: { select: { fileName: true, contentType: true } } },
	})
	expect(recorded.evidence).toEqual([{ fileName: 'letter.pdf', contentType: 'application/pdf' }])

	const plan = await prisma.ehcPlan.findFirstOrThrow({ where: { childId: review.childId }, select: { id: true, currentVersionNo: true } })
	expectRedirect(
		// Within the family's 15 days: they made a representation and said they had no more to say (reg 22(2)(c)).
		await checkAndSend(
			final.action,
			`/council/reviews/${review.id}/final`,
			cookie,
			{ amend: 'yes', familyAgreed: 'yes', ...dateFields('familyAgreedOn', today) },
			params,
		),
		`/council/reviews/${review.id}`,
	)
	const after = await prisma.ehcPlan.findUniqueOrThrow({
		where: { id: plan.id },
		select: {
			currentVersionNo: true,
			lastReviewOn: true,
			versions: { orderBy: { versionNo: 'asc' }, select: { versionNo: true, sectionG: true, provisions: { select: { what: true } } } },
		},
	})
	expect(after.currentVersionNo).toBe(plan.currentVersionNo + 1)
	expect(after.lastReviewOn).toBe(review.meetingOn)
	expect(after.versions.length).toBe(after.currentVersionNo) // the old versions are kept
	const newest = after.versions.at(-1)!
	const secondSection = second!.section
	const carried = secondSection === 'F' ? newest.provisions.map((p) => p.what).join(' ') : secondSection === 'G' ? newest.sectionG : JSON.stringify(newest)
	expect(carried).toContain('Forty minutes of speech and language therapy')
	const finalText = await pdfText(review.id, 'FINAL_PLAN')
	expect(finalText).toContain('Forty minutes of speech and language therapy')
	expect(await prisma.outboxMessage.count({ where: { reviewId: review.id, template: 'final-plan-issued' } })).toBeGreaterThanOrEqual(2)
	const chronology = ((await run(councilReview.loader, request(`/council/reviews/${review.id}`, { cookie }), params)) as any).chronology.map(
		(e: any) => e.title,
	)
	expect(chronology).toEqual(expect.arrayContaining(['Council decision made', 'Amendment notice issued', 'Final plan issued']))
})

test('maintain: the decision letter gives appeal rights, goes to the family and head teacher, and closes the review', async () => {
	const review = await submittedWithProposals()
	const cookie = await cookieFor(CASEWORKER)
	const today = todayInLondon(new Date())
	expectRedirect(await decideToMaintain(decision.action, review.id, cookie, today), `/council/reviews/${review.id}`)
	const letter = await pdfText(review.id, 'DECISION_LETTER')
	expect(letter).toMatch(/appeal/i)
	expect(letter).toContain('2 months')
	expect(letter).toMatch(/mediation/i)
	const to = await prisma.outboxMessage.findMany({ where: { reviewId: review.id, template: 'decision-letter' }, select: { payload: true } })
	// The family is the parent of a child, or from the end of compulsory school age the young person (app/domain/young-person.ts).
	const audiences = to.map((m) => JSON.parse(m.payload).audience)
	expect(audiences).toContain('HEAD_TEACHER')
	expect(audiences.filter((a) => a === 'PARENT' || a === 'YOUNG_PERSON' || a === 'REPRESENTATIVE')).toHaveLength(1)
	const after = await prisma.annualReview.findUniqueOrThrow({
		where: { id: review.id },
		select: { status: true, child: { select: { plan: { select: { lastReviewOn: true } } } } },
	})
	expect(after.status).toBe('CLOSED')
	expect(after.child.plan?.lastReviewOn).toBe(review.meetingOn)
})

test('a decision that cannot be sent (a bad family email) leaves the review untouched, with no letter or email', async () => {
	const review = await submittedWithProposals()
	await prisma.child.update({ where: { id: review.childId }, data: { parentEmail: 'not-an-email' } })
	const cookie = await cookieFor(CASEWORKER)
	const today = todayInLondon(new Date())
	await expect(decideToMaintain(decision.action, review.id, cookie, today, 'x')).rejects.toThrow()
	expect((await prisma.annualReview.findUniqueOrThrow({ where: { id: review.id } })).status).toBe('SUBMITTED')
	expect(await prisma.decision.count({ where: { reviewId: review.id } })).toBe(0)
	expect(await prisma.generatedDocument.count({ where: { reviewId: review.id } })).toBe(0)
	expect(await prisma.outboxMessage.count({ where: { reviewId: review.id, template: 'decision-letter' } })).toBe(0)
})

test('issuing a notice with nothing accepted says what to do and changes nothing', async () => {
	const review = await submittedWithProposals()
	const cookie = await cookieFor(CASEWORKER)
	const today = todayInLondon(new Date())
	await decideToAmend(decision.action, review.id, cookie, today, 'x')
	const form: Record<string, string> = { intent: 'issue' }
	review.proposals.forEach((p, i) => {
		form[`choices[${i}].proposalId`] = p.id
		form[`choices[${i}].decision`] = 'REJECTED'
		form[`choices[${i}].reason`] = 'No'
	})
	const result = (await run(notice.action, request(`/council/reviews/${review.id}/notice`, { cookie, form }), { reviewId: review.id })) as any
	expect(result.init.status).toBe(400)
	expect(result.data.result.error[''][0]).toMatch(/Accept or edit at least one proposal/)
	expect(await prisma.amendmentNotice.count({ where: { reviewId: review.id } })).toBe(0)
})
