// What the letters must contain (issue 12 §2), read back from the PDFs and the outbox: the settings they name, the
// amendment notice's reg 22(2) contents, the mediation information (reg 32) on every appealable letter, and ceasing
// (reg 31): refused until the family and head teacher are consulted, then the health commissioner told.
import { expect, test } from 'vitest'
import { getUser } from '#app/auth/auth.server.ts'
import { prisma } from '#app/db/db.server.ts'
import { addMonths, formatDate, todayInLondon } from '#app/domain/calendar-date.ts'
import * as adminSettings from '#app/routes/admin-settings.tsx'
import * as decision from '#app/routes/council-decision.tsx'
import * as councilReview from '#app/routes/council-review.tsx'
import { checkOf, issueAmendmentNotice, issueFinalPlan, letterToSend, makeDecision, saveNoticeDraft } from '#app/services/council-review.server.ts'
import { pdfText } from '#tests/documents.ts'
import { CASEWORKER, cookieFor, dateFields, expectRedirect, MANAGER, request, run } from '#tests/helpers.ts'

// The seeded Kent settings (prisma/seed-data.ts).
const LOCAL_OFFER = 'https://www.kent.example.gov.uk/send-local-offer'
const ADVISER = 'mediation@kent-send-mediation.example.org'
const MEDIATION_CONTACT = 'sen.mediation@kent.example.gov.uk'
const COMMISSIONER = 'dco.send@kentmedway-icb.example.nhs.uk'

async function sessionUser(email: string) {
	return (await getUser(request('/', { cookie: await cookieFor(email) })))!
}

/** A submitted Kent review with a proposal, a parent email and a school, not yet used by another test here. */
async function submitted(skip: string[] = []) {
	return prisma.annualReview.findFirstOrThrow({
		where: {
			status: 'SUBMITTED',
			la: { code: '886' },
			id: { notIn: skip },
			proposals: { some: {} },
			child: { parentEmail: { not: '' }, school: { isNot: null } },
		},
		select: { id: true, meetingOn: true, childId: true, proposals: { select: { id: true } } },
		orderBy: { id: 'asc' },
	})
}

/** Every reg 32 item, (a) to (f), in a letter read back. */
function expectMediation(text: string, sentOn: string) {
	expect(text).toContain('sections 53 and 54') // (a)
	expect(text).toMatch(/health and social care/) // (a)
	expect(text).toContain('mediation certificate (section 55)') // (b)
	expect(text).toMatch(/do not need a certificate if your appeal is only about the school/) // (b)
	expect(text).toContain(ADVISER) // (c)
	expect(text).toContain(`within 2 months of the date`) // (d)
	expect(text).toContain(formatDate(addMonths(sentOn, 2))) // (d)
	expect(text).toMatch(/you must tell us: say which issues .* what health provision you are asking for/) // (e)
	expect(text).toContain(MEDIATION_CONTACT) // (f)
}

test('the council settings the letters name are saved, checked and kept', async () => {
	const cookie = await cookieFor(MANAGER)
	const form = {
		name: 'Kent County Council',
		contactEmail: 'sen@kent.example.gov.uk',
		localOfferUrl: 'https://www.kent.gov.uk/local-offer',
		mediationAdviserContact: 'Global Mediation\n0800 064 4488',
		mediationContactName: 'Helen Marsh',
		mediationContactEmail: 'Mediation@kent.example.gov.uk',
		mediationContactPhone: '03000 41 41 42',
		healthCommissionerName: 'Kent and Medway ICB',
		healthCommissionerEmail: 'dco@icb.example.nhs.uk',
	}
	const bad = (await run(
		adminSettings.action,
		request('/admin/settings', {
			cookie,
			form: { ...form, localOfferUrl: 'kent local offer', healthCommissionerEmail: 'nope', mediationContactEmail: 'x@' },
		}),
	)) as any
	expect(Object.keys(bad.data.result.error).sort()).toEqual(['healthCommissionerEmail', 'localOfferUrl', 'mediationContactEmail'])
	expectRedirect(await run(adminSettings.action, request('/admin/settings', { cookie, form })), '/admin/settings?saved')
	const page = (await run(adminSettings.loader, request('/admin/settings', { cookie }))) as any
	expect(page.la).toMatchObject({ ...form, mediationContactEmail: 'mediation@kent.example.gov.uk' })
	// Put the seeded values back for the tests below.
	const kent = await prisma.localAuthority.findFirstOrThrow({ where: { code: '886' }, select: { id: true } })
	await prisma.localAuthority.update({
		where: { id: kent.id },
		data: {
			localOfferUrl: LOCAL_OFFER,
			mediationAdviserContact: `Kent SEND Mediation Service\nPhone 0306 999 0456\nEmail ${ADVISER}`,
			mediationContactName: 'Helen Marsh, SEN Disagreement Resolution Officer',
			mediationContactEmail: MEDIATION_CONTACT,
			mediationContactPhone: '0306 999 0124',
			healthCommissionerName: 'Dr Ruth Adeyemi',
			healthCommissionerEmail: COMMISSIONER,
		},
	})
})

test('cease: refused until the family is told and the family and head teacher consulted (reg 31(1)); then the letter carries reg 32 and the health commissioner is told (reg 31(2))', async () => {
	const review = await submitted()
	const cookie = await cookieFor(CASEWORKER)
	const params = { reviewId: review.id }
	const today = todayInLondon(new Date())
	const cease = {
		outcome: 'CEASE',
		reasons: 'Her needs are now met from the school’s own resources.',
		...dateFields('decidedOn', today),
	}

	const refused = (await run(decision.action, request(`/council/reviews/${review.id}/decision`, { cookie, form: cease }), params)) as any
	expect(refused.init?.status).toBe(409)
	expect(JSON.stringify(refused.data.result.error)).toContain('reg 31(1)')
	const page = (await run(councilReview.loader, request(`/council/reviews/${review.id}`, { cookie }), params)) as any
	expect(page.ceaseBlocked).toContain('reg 31(1)')

	// Only the family consulted: still refused, naming the head teacher.
	const consult = (consulted: string[]) => ({
		intent: 'cease-consultation',
		...dateFields('informedOn', today),
		summary: 'Phoned Mrs Begum to say the council is considering ceasing the plan; spoke to the head teacher.',
		...Object.fromEntries(consulted.map((c, i) => [`consulted[${i}]`, c])),
	})
	expectRedirect(
		await run(councilReview.action, request(`/council/reviews/${review.id}`, { cookie, form: consult(['FAMILY']) }), params),
		`/council/reviews/${review.id}#cease-consultation`,
	)
	const user = await sessionUser(CASEWORKER)
	const input = { outcome: 'CEASE' as const, reasons: cease.reasons, decidedOn: today }
	await expect(letterToSend(user, review.id, { step: 'decision', input })).rejects.toThrow(/consult the head teacher/)
	expectRedirect(
		await run(councilReview.action, request(`/council/reviews/${review.id}`, { cookie, form: consult(['FAMILY', 'HEAD_TEACHER']) }), params),
		`/council/reviews/${review.id}#cease-consultation`,
	)
	const recorded = await prisma.ceaseConsultation.findUniqueOrThrow({ where: { reviewId: review.id } })
	expect(recorded).toMatchObject({ informedOn: today, familyConsulted: true, headTeacherConsulted: true })
	expect(await prisma.auditEvent.count({ where: { reviewId: review.id, entityType: 'CeaseConsultation' } })).toBe(2)
	// The chronology names the step the law asks for, not 'Review updated'.
	const story = ((await run(councilReview.loader, request(`/council/reviews/${review.id}`, { cookie }), params)) as any).chronology
	const consultations = story.filter((e: any) => e.title === 'Considering ceasing: family told and consulted (reg 31(1))')
	expect(consultations).toHaveLength(2)
	expect(consultations[1].detail).toContain('consulted the family and the head teacher')

	const letter = await letterToSend(user, review.id, { step: 'decision', input })
	// The check before sending says the health commissioner will be told (reg 31(2)), as well as who gets the letter.
	expect(checkOf(letter!).alsoTold).toEqual([{ name: expect.any(String), email: COMMISSIONER, role: expect.stringContaining('reg 31(2)') }])
	await makeDecision(null, user, review.id, input, letter!.digest)
	const text = await pdfText(review.id, 'DECISION_LETTER')
	expectMediation(text, today)
	const toHealth = await prisma.outboxMessage.findMany({
		where: { reviewId: review.id, template: 'plan-ceased-health' },
		select: { toAddress: true, payload: true },
	})
	expect(toHealth.map((x) => x.toAddress)).toEqual([COMMISSIONER])
	expect(JSON.parse(toHealth[0]!.payload)).toMatchObject({ decidedOn: today, attachments: [{ documentId: expect.any(String) }] })
	// The family's email carries the mediation contacts too (reg 32(c), (f)).
	const family = await prisma.outboxMessage.findFirstOrThrow({ where: { reviewId: review.id, template: 'decision-letter' }, select: { payload: true } })
	expect(JSON.parse(family.payload).mediation).toMatchObject({ mediationContactEmail: MEDIATION_CONTACT })
	expect(JSON.parse(toHealth[0]!.payload).appealBy).toBe(JSON.parse(family.payload).appealBy) // the same appeal date as the family's letter
})

test('amend: the notice carries reg 22(2) (a)-(d); the final plan carries reg 32 and goes to the health commissioner (reg 22(3)(c))', async () => {
	const used = (await prisma.ceaseConsultation.findMany({ select: { reviewId: true } })).map((c) => c.reviewId)
	const review = await submitted(used)
	const user = await sessionUser(CASEWORKER)
	const today = todayInLondon(new Date())
	await makeDecision(null, user, review.id, { outcome: 'AMEND', reasons: 'Needs have changed.', decidedOn: today }, null)
	await saveNoticeDraft(
		null,
		user,
		(await prisma.annualReview.findUniqueOrThrow({
			where: { id: review.id },
			select: { id: true, child: { select: { id: true } }, planVersion: { select: { sectionA: true } } },
		})) as any,
		{
			choices: review.proposals.map((p) => ({ proposalId: p.id, decision: 'ACCEPTED' as const })),
			councilAmendment: null,
		},
	)
	const notice = await letterToSend(user, review.id, { step: 'notice' })
	await issueAmendmentNotice(null, user, review.id, notice!.digest)
	const text = await pdfText(review.id, 'AMENDMENT_NOTICE')
	const plan = await prisma.annualReview.findUniqueOrThrow({ where: { id: review.id }, select: { planVersion: { select: { sectionB: true } } } })
	expect(text).toContain('current EHC plan, as it is before these amendments, is enclosed') // (a)
	expect(text).toContain(plan.planVersion.sectionB.replace(/\s+/g, ' ').slice(0, 60)) // (a): the plan itself
	expect(text).toMatch(/Evidence for the amendments/) // (b)
	expect(text).toContain('a maintained nursery school') // (c): s.38(3)(b)
	expect(text).toContain('a non-maintained special school') // (c)
	expect(text).toContain('approved by the Secretary of State (section 41)') // (c)
	expect(text).toContain(LOCAL_OFFER) // (d)
	expect(text).not.toContain('attached separately')
	const email = await prisma.outboxMessage.findFirstOrThrow({ where: { reviewId: review.id, template: 'amendment-notice' }, select: { payload: true } })
	expect(JSON.parse(email.payload).localOfferUrl).toBe(LOCAL_OFFER)

	// The family says they have no more to say, so the plan can go now (reg 22(2)(c)).
	await prisma.amendmentNotice.update({ where: { reviewId: review.id }, data: { familyAgreedCompleteOn: today } })
	await prisma.representation.create({
		data: { reviewId: review.id, receivedOn: today, fromName: 'Mrs Begum', summary: 'We agree.', recordedById: user.id },
	})
	const final = await letterToSend(user, review.id, { step: 'final', input: { amend: true, reasons: '' } })
	await issueFinalPlan(null, user, review.id, { amend: true, reasons: '' }, final!.digest)
	expectMediation(await pdfText(review.id, 'FINAL_PLAN'), today)
	const toHealth = await prisma.outboxMessage.findMany({
		where: { reviewId: review.id, template: 'final-plan-issued', toAddress: COMMISSIONER },
		select: { payload: true },
	})
	expect(toHealth.map((x) => JSON.parse(x.payload).audience)).toEqual(['HEALTH'])
})
