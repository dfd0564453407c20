// After the amendment notice (reg 22(2)-(4)), through the real loaders and actions: the 15 days are the family's
// (the final plan is refused until they close, unless the family made representations and said they had no more
// to say, which the plan's letter then records), representations can change the plan (an amendment edited or
// dropped on the final plan page reaches the PDF read back), and the council's own amendments start from the
// plan's current wording.
import { expect, test } from 'vitest'
import { prisma } from '#app/db/db.server.ts'
import { addDays, formatDate, todayInLondon } from '#app/domain/calendar-date.ts'
import * as final from '#app/routes/council-final.tsx'
import * as notice from '#app/routes/council-notice.tsx'
import * as representation from '#app/routes/council-representation.tsx'
import { checkAndSend } from '#tests/check-and-send.ts'
import { amendDecided, finalPost, finalSent, noticed } from '#tests/council-steps.ts'
import { pdfText } from '#tests/documents.ts'
import { CASEWORKER, cookieFor, dateFields, expectRedirect, request, run } from '#tests/helpers.ts'

const used = new Set<string>()

async function represent(cookie: string, reviewId: string, receivedOn: string) {
	expectRedirect(
		await run(
			representation.action,
			request(`/council/reviews/${reviewId}/representations/new`, {
				cookie,
				multipart: true,
				form: { ...dateFields('receivedOn', receivedOn), fromName: 'Mrs Begum', summary: 'We would like the therapy in the morning.' },
			}),
			{ reviewId },
		),
		`/council/reviews/${reviewId}`,
	)
}

test('the final plan is refused while the family’s 15 days run, with the reason on the page and what was typed kept', async () => {
	const cookie = await cookieFor(CASEWORKER)
	const reviewId = await noticed(cookie, used)
	const closesOn = addDays(todayInLondon(new Date()), 14)

	const refused = await finalPost(cookie, reviewId, { intent: 'issue', amend: 'no', reasons: 'The family’s representations changed our view.' })
	expect(refused).not.toBeInstanceOf(Response)
	expect(refused.init.status).toBe(409)
	expect(refused.data.result.error[''][0]).toContain(`The family has until ${formatDate(closesOn)} to make representations (reg 22(2)(c))`)
	expect(refused.data.result.initialValue).toMatchObject({ amend: 'no', reasons: 'The family’s representations changed our view.' })

	// A representation alone is not the family saying they are done.
	await represent(cookie, reviewId, todayInLondon(new Date()))
	const stillRefused = await finalPost(cookie, reviewId, { intent: 'issue', amend: 'yes' })
	expect(stillRefused.init.status).toBe(409)
	expect(stillRefused.data.result.error[''][0]).toMatch(/no more to say/)

	expect(await prisma.finalPlan.count({ where: { reviewId } })).toBe(0)
	expect(await prisma.generatedDocument.count({ where: { reviewId, kind: { in: ['FINAL_PLAN', 'NO_AMENDMENT_NOTICE'] } } })).toBe(0)
	expect(await prisma.outboxMessage.count({ where: { reviewId, template: { in: ['final-plan-issued', 'decision-not-to-amend'] } } })).toBe(0)
	expect((await prisma.annualReview.findUniqueOrThrow({ where: { id: reviewId }, select: { status: true } })).status).toBe('REPRESENTATIONS')
	// The page says so before anyone tries, and offers the family's agreement now that a representation is recorded.
	const page = (await run(final.loader, request(`/council/reviews/${reviewId}/final`, { cookie }), { reviewId })) as any
	expect(page.timing.ok).toBe(false)
	expect(page.canRecordAgreement).toBe(true)
})

test('with the family’s representations and their word that they have no more to say, the plan is issued early and its letter says so', async () => {
	const cookie = await cookieFor(CASEWORKER)
	const reviewId = await noticed(cookie, used)
	const today = todayInLondon(new Date())
	await represent(cookie, reviewId, today)

	expectRedirect(
		await finalSent(cookie, reviewId, { intent: 'issue', amend: 'yes', familyAgreed: 'yes', ...dateFields('familyAgreedOn', today) }),
		`/council/reviews/${reviewId}`,
	)
	const stored = await prisma.amendmentNotice.findUniqueOrThrow({ where: { reviewId }, select: { familyAgreedCompleteOn: true } })
	expect(stored.familyAgreedCompleteOn).toBe(today)
	const text = await pdfText(reviewId, 'FINAL_PLAN')
	expect(text).toContain(`You told us on ${formatDate(today)} that you had no more to say, so we have issued the plan before the 15 days ended.`)
})

test('after the 15 days close the final plan is issued without any agreement, and its letter says nothing of one', async () => {
	const cookie = await cookieFor(CASEWORKER)
	const reviewId = await noticed(cookie, used)
	// The notice was served 15 days ago: its 15th day was yesterday.
	const servedOn = addDays(todayInLondon(new Date()), -15)
	await prisma.amendmentNotice.update({ where: { reviewId }, data: { issuedOn: servedOn, representationsCloseOn: addDays(servedOn, 14) } })

	const page = (await run(final.loader, request(`/council/reviews/${reviewId}/final`, { cookie }), { reviewId })) as any
	expect(page.timing).toEqual({ ok: true, early: false })
	expectRedirect(await finalSent(cookie, reviewId, { intent: 'issue', amend: 'yes' }), `/council/reviews/${reviewId}`)
	expect(await pdfText(reviewId, 'FINAL_PLAN')).not.toContain('no more to say')
})

test('after a representation the caseworker edits one amendment and drops another; the final plan carries the edit and not the dropped one', async () => {
	const cookie = await cookieFor(CASEWORKER)
	const reviewId = await amendDecided(cookie, used)
	// Two amendments of the council's own, in sections with plain text, so each reaches the plan as written.
	for (const [section, wording] of [
		['G', 'Hearing checked every six months by the NHS audiology service.'],
		['D', 'A short break of one weekend a month with a named carer.'],
	] as const) {
		expectRedirect(
			await run(
				notice.action,
				request(`/council/reviews/${reviewId}/notice`, {
					cookie,
					form: { intent: 'save', newSection: section, newWording: wording, newReason: 'Advice received' },
				}),
				{ reviewId },
			),
			`/council/reviews/${reviewId}/notice`,
		)
	}
	const school = await prisma.amendmentProposal.findMany({ where: { reviewId, origin: 'SCHOOL' }, select: { id: true } })
	const form: Record<string, string> = { intent: 'issue' }
	school.forEach((p, i) => {
		form[`choices[${i}].proposalId`] = p.id
		form[`choices[${i}].decision`] = 'REJECTED'
		form[`choices[${i}].reason`] = 'Not supported by the evidence.'
	})
	expectRedirect(await checkAndSend(notice.action, `/council/reviews/${reviewId}/notice`, cookie, form, { reviewId }), `/council/reviews/${reviewId}`)
	const servedOn = addDays(todayInLondon(new Date()), -20)
	await prisma.amendmentNotice.update({ where: { reviewId }, data: { issuedOn: servedOn, representationsCloseOn: addDays(servedOn, 14) } })
	await represent(cookie, reviewId, addDays(servedOn, 5))

	const page = (await run(final.loader, request(`/council/reviews/${reviewId}/final`, { cookie }), { reviewId })) as any
	const rows = page.amendments as Array<{ id: string; section: string; noticedWording: string }>
	const g = rows.findIndex((a) => a.section === 'G')
	const d = rows.findIndex((a) => a.section === 'D')
	expect(g).toBeGreaterThanOrEqual(0)
	expect(d).toBeGreaterThanOrEqual(0)
	expect(page.defaults.amendments[g].wording).toBe('Hearing checked every six months by the NHS audiology service.')

	const edited = 'Hearing checked every three months by the NHS audiology service, in the mornings.'
	const post: Record<string, string> = { intent: 'save' }
	rows.forEach((a, i) => {
		post[`amendments[${i}].proposalId`] = a.id
		post[`amendments[${i}].wording`] = i === g ? edited : a.noticedWording
		if (i === g) post[`amendments[${i}].reason`] = 'The family asked for more frequent checks.'
		if (i === d) post[`amendments[${i}].drop`] = 'yes'
	})
	expectRedirect(await finalPost(cookie, reviewId, post), `/council/reviews/${reviewId}/final`)

	// The page shows what changed since the notice.
	const after = (await run(final.loader, request(`/council/reviews/${reviewId}/final`, { cookie }), { reviewId })) as any
	expect(after.amendments[g]).toMatchObject({ noticedWording: 'Hearing checked every six months by the NHS audiology service.', finalWording: edited })
	expect(after.amendments[d].dropped).toBe(true)

	expectRedirect(await finalSent(cookie, reviewId, { ...post, intent: 'issue', amend: 'yes' }), `/council/reviews/${reviewId}`)
	const text = await pdfText(reviewId, 'FINAL_PLAN')
	expect(text).toContain('three months by the NHS audiology service, in the mornings.')
	expect(text).not.toContain('A short break of one weekend a month')
	const version = await prisma.planVersion.findFirstOrThrow({
		where: { finalPlan: { reviewId } },
		select: { sectionG: true, sectionD: true },
	})
	expect(version.sectionG).toBe(edited)
	expect(version.sectionD).not.toContain('A short break of one weekend a month')
})

test('the council’s own amendment starts from the plan’s current wording of the section chosen', async () => {
	const cookie = await cookieFor(CASEWORKER)
	const reviewId = await amendDecided(cookie, used)
	const plan = await prisma.annualReview.findUniqueOrThrow({ where: { id: reviewId }, select: { planVersion: { select: { sectionB: true } } } })
	expect(plan.planVersion.sectionB.length).toBeGreaterThan(0)

	// Choosing a section (the button beside the list, with or without JavaScript) keeps the notice's choices and comes back with it.
	expectRedirect(
		await run(notice.action, request(`/council/reviews/${reviewId}/notice`, { cookie, form: { intent: 'start', newSection: 'B' } }), { reviewId }),
		`/council/reviews/${reviewId}/notice?section=B#own-amendment`,
	)
	const page = (await run(notice.loader, request(`/council/reviews/${reviewId}/notice?section=B`, { cookie }), { reviewId })) as any
	expect(page.defaults.newSection).toBe('B')
	expect(page.defaults.newWording).toBe(plan.planVersion.sectionB)
	expect(page.ownSection).toBe('B')
})
