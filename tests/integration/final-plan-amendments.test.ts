// An amendment the council adds on the final plan page after representations (SEND Regulations 2014 reg 22(3)):
// through the real loaders and actions, it starts from the plan's current wording, is shown against it, can be
// removed again, reaches the final plan and its PDF read back marked as added after representations, and never
// the amendment notice (its amendments and its PDF).
import { expect, test } from 'vitest'
import { prisma } from '#app/db/db.server.ts'
import { addDays, todayInLondon } from '#app/domain/calendar-date.ts'
import * as addAmendment from '#app/routes/council-final-amendment.tsx'
import * as final from '#app/routes/council-final.tsx'
import * as representation from '#app/routes/council-representation.tsx'
import { addAmendmentAfterNotice, noticeAmendments, StepError } from '#app/services/council-review.server.ts'
import { checkAndSend, checkStep } from '#tests/check-and-send.ts'
import { noticed } from '#tests/council-steps.ts'
import { pdfText } from '#tests/documents.ts'
import { CASEWORKER, cookieFor, dateFields, expectRedirect, request, run } from '#tests/helpers.ts'

const used = new Set<string>()

/** The notice served 20 days ago (the family's 15 days are over) and a representation from the family. */
async function afterRepresentations(cookie: string, reviewId: string) {
	const servedOn = addDays(todayInLondon(new Date()), -20)
	await prisma.amendmentNotice.update({ where: { reviewId }, data: { issuedOn: servedOn, representationsCloseOn: addDays(servedOn, 14) } })
	const form = { ...dateFields('receivedOn', addDays(servedOn, 5)), fromName: 'Mrs Begum', summary: 'We would like an occupational therapy programme too.' }
	expectRedirect(
		await run(representation.action, request(`/council/reviews/${reviewId}/representations/new`, { cookie, multipart: true, form }), { reviewId }),
		`/council/reviews/${reviewId}`,
	)
}

const addPost = (cookie: string, reviewId: string, form: Record<string, string>) =>
	run(addAmendment.action, request(`/council/reviews/${reviewId}/final/amendments/new`, { cookie, form }), { reviewId }) as Promise<any>

const finalPage = async (cookie: string, reviewId: string) =>
	(await run(final.loader, request(`/council/reviews/${reviewId}/final`, { cookie }), { reviewId })) as any

const SENSORY = 'A sensory diet reviewed each half term by the occupational therapist, as the family asked.'
const TRANSPORT = 'Home to school transport in a shared taxi with a passenger assistant.'

test('an amendment added after representations starts from the plan’s wording, is shown against it, and reaches the final plan PDF but not the notice', async () => {
	const cookie = await cookieFor(CASEWORKER)
	const reviewId = await noticed(cookie, used)
	await afterRepresentations(cookie, reviewId)
	const plan = await prisma.annualReview.findUniqueOrThrow({ where: { id: reviewId }, select: { planVersion: { select: { sectionG: true } } } })

	// The final plan page offers it; choosing a section brings its current wording into the form (without JavaScript too).
	expectRedirect(
		await run(final.action, request(`/council/reviews/${reviewId}/final`, { cookie, form: { intent: 'add' } }), { reviewId }),
		`/council/reviews/${reviewId}/final/amendments/new`,
	)
	expectRedirect(await addPost(cookie, reviewId, { intent: 'start', section: 'G' }), `/council/reviews/${reviewId}/final/amendments/new?section=G`)
	const start = (await run(addAmendment.loader, request(`/council/reviews/${reviewId}/final/amendments/new?section=G`, { cookie }), { reviewId })) as any
	expect(start.defaults).toEqual({ section: 'G', wording: plan.planVersion.sectionG })

	// The reason is required, and the wording must change the plan.
	const noReason = await addPost(cookie, reviewId, { intent: 'add', section: 'G', wording: SENSORY })
	expect(noReason.init.status).toBe(400)
	expect(noReason.data.result.error.reason[0]).toMatch(/Enter why/)
	const unchanged = await addPost(cookie, reviewId, { intent: 'add', section: 'G', wording: plan.planVersion.sectionG, reason: 'No change' })
	expect(unchanged.init.status).toBe(400)

	expectRedirect(
		await addPost(cookie, reviewId, { intent: 'add', section: 'G', wording: SENSORY, reason: 'The family asked for it in their representation.' }),
		`/council/reviews/${reviewId}/final#added`,
	)
	const stored = await prisma.amendmentProposal.findFirstOrThrow({ where: { reviewId, addedAfterNotice: true } })
	expect(stored).toMatchObject({ origin: 'LA', section: 'G', currentWording: plan.planVersion.sectionG, proposedWording: SENSORY })
	expect(await prisma.auditEvent.count({ where: { reviewId, entityType: 'AmendmentProposal', entityId: stored.id } })).toBe(1)

	// Shown against the plan's current wording; never among the notice's amendments.
	const page = await finalPage(cookie, reviewId)
	expect(page.added).toEqual([expect.objectContaining({ id: stored.id, section: 'G', currentWording: plan.planVersion.sectionG, proposedWording: SENSORY })])
	expect(page.amendments.map((a: { id: string }) => a.id)).not.toContain(stored.id)
	expect((await noticeAmendments(reviewId)).map((a) => a.id)).not.toContain(stored.id)

	expectRedirect(
		await checkAndSend(final.action, `/council/reviews/${reviewId}/final`, cookie, { intent: 'issue', amend: 'yes' }, { reviewId }),
		`/council/reviews/${reviewId}`,
	)
	const text = await pdfText(reviewId, 'FINAL_PLAN')
	expect(text).toContain('A sensory diet reviewed each half term by the occupational therapist')
	expect(text).toContain('Added after your representations: this change was not in the amendment notice')
	expect(await pdfText(reviewId, 'AMENDMENT_NOTICE')).not.toContain('A sensory diet reviewed each half term')
	const version = await prisma.planVersion.findFirstOrThrow({ where: { finalPlan: { reviewId } }, select: { sectionG: true } })
	expect(version.sectionG).toBe(SENSORY)
})

test('an added amendment can be removed before the final plan is issued, and then is not made', async () => {
	const cookie = await cookieFor(CASEWORKER)
	const reviewId = await noticed(cookie, used)
	await afterRepresentations(cookie, reviewId)
	for (const [section, wording] of [
		['G', SENSORY],
		['H2', TRANSPORT],
	] as const)
		expectRedirect(await addPost(cookie, reviewId, { intent: 'add', section, wording, reason: 'After the family’s representation.' }), /#added$/)
	const added = (await finalPage(cookie, reviewId)).added as Array<{ id: string; section: string }>
	expect(added.map((a) => a.section)).toEqual(['G', 'H2'])

	// The Remove button beside it, on the final plan page's form.
	const transport = added.find((a) => a.section === 'H2')!
	expectRedirect(
		await run(final.action, request(`/council/reviews/${reviewId}/final`, { cookie, form: { remove: transport.id } }), { reviewId }),
		`/council/reviews/${reviewId}/final#added`,
	)
	expect(((await finalPage(cookie, reviewId)).added as Array<{ id: string }>).map((a) => a.id)).toEqual([added[0]!.id])

	// The check before sending lists the change; the plan carries the one left.
	const checked = await checkStep(final.action, `/council/reviews/${reviewId}/final`, cookie, { intent: 'issue', amend: 'yes' }, { reviewId })
	expect(checked.check.title).toMatch(/Final amended EHC plan/)
	expectRedirect(
		await checkAndSend(final.action, `/council/reviews/${reviewId}/final`, cookie, { intent: 'issue', amend: 'yes' }, { reviewId }),
		`/council/reviews/${reviewId}`,
	)
	const text = await pdfText(reviewId, 'FINAL_PLAN')
	expect(text).toContain('A sensory diet reviewed each half term')
	expect(text).not.toContain('shared taxi with a passenger assistant')
})

test('no amendment is added before the notice is issued', async () => {
	const cookie = await cookieFor(CASEWORKER)
	const review = await prisma.annualReview.findFirstOrThrow({
		where: { status: 'SUBMITTED', la: { code: '886' }, id: { notIn: [...used] } },
		select: { id: true },
		orderBy: { id: 'desc' },
	})
	used.add(review.id)
	const user = await prisma.user.findUniqueOrThrow({ where: { email: CASEWORKER }, select: { id: true, email: true, name: true } })
	await expect(addAmendmentAfterNotice(null, user as never, review.id, { section: 'G', wording: SENSORY, reason: 'Too early' })).rejects.toBeInstanceOf(
		StepError,
	)
	// The page sends the caseworker back to the review.
	expectRedirect(
		await run(addAmendment.loader, request(`/council/reviews/${review.id}/final/amendments/new`, { cookie }), { reviewId: review.id }),
		`/council/reviews/${review.id}`,
	)
	expect(await prisma.amendmentProposal.count({ where: { reviewId: review.id, addedAfterNotice: true } })).toBe(0)
})
