// The final amended plan as the law reads it, read back from its PDF and its stored version: Section F stays a proper
// table when a provision row is amended (its need, who, how often and how long kept: CoP 9.69), and from Year 9 the
// plan includes preparation for adulthood and independent living (SEND Regulations 2014 reg 12(3)).
import { expect, test } from 'vitest'
import { getUser } from '#app/auth/auth.server.ts'
import { prisma } from '#app/db/db.server.ts'
import { addDays, todayInLondon } from '#app/domain/calendar-date.ts'
import { planWording } from '#app/queries/review.server.ts'
import * as decision from '#app/routes/council-decision.tsx'
import * as final from '#app/routes/council-final.tsx'
import * as notice from '#app/routes/council-notice.tsx'
import { checkOf, letterToSend } from '#app/services/council-review.server.ts'
import { checkAndSend, decideToAmend } from '#tests/check-and-send.ts'
import { pdfText } from '#tests/documents.ts'
import { CASEWORKER, cookieFor, expectRedirect, request } from '#tests/helpers.ts'

const used = new Set<string>()

/**
 * A submitted Kent review whose plan has provision, with one school proposal only: Section F as the plan words it,
 * the first row's frequency changed. Decided "amend", noticed, the 15 days over, then the final plan issued.
 */
async function finalPlanWithAmendedProvision(yearGroup: number) {
	const cookie = await cookieFor(CASEWORKER)
	const review = await prisma.annualReview.findFirstOrThrow({
		where: {
			status: 'SUBMITTED',
			la: { code: '886' },
			child: { parentEmail: { not: '' } },
			planVersion: { provisions: { some: {} } },
			id: { notIn: [...used] },
		},
		select: { id: true, childId: true, planVersion: { select: { outcomes: true, provisions: { orderBy: { position: 'asc' } } } } },
		orderBy: { id: 'asc' },
	})
	used.add(review.id)
	const reviewId = review.id
	await prisma.child.update({ where: { id: review.childId }, data: { yearGroup } })
	await prisma.amendmentProposal.deleteMany({ where: { reviewId } })
	const current = planWording(review.planVersion as never, 'F')
	const [first, ...rest] = current.split('\n')
	const changed = first!.includes('How often: ')
		? first!.replace(/How often: [^.]*/, 'How often: Twice a week, every week')
		: `${first}. How often: Twice a week, every week`
	const creator = await prisma.user.findFirstOrThrow({ where: { email: CASEWORKER }, select: { id: true } })
	await prisma.amendmentProposal.create({
		data: {
			reviewId,
			section: 'F',
			currentWording: current,
			proposedWording: [changed, ...rest].join('\n'),
			reason: 'More therapy',
			createdById: creator.id,
		},
	})
	const today = todayInLondon(new Date())
	expectRedirect(await decideToAmend(decision.action, reviewId, cookie, today), `/council/reviews/${reviewId}/notice`)
	const proposal = await prisma.amendmentProposal.findFirstOrThrow({ where: { reviewId }, select: { id: true } })
	expectRedirect(
		await checkAndSend(
			notice.action,
			`/council/reviews/${reviewId}/notice`,
			cookie,
			{ intent: 'issue', 'choices[0].proposalId': proposal.id, 'choices[0].decision': 'ACCEPTED' },
			{ reviewId },
		),
		`/council/reviews/${reviewId}`,
	)
	const servedOn = addDays(today, -15)
	await prisma.amendmentNotice.update({ where: { reviewId }, data: { issuedOn: servedOn, representationsCloseOn: addDays(servedOn, 14) } })
	expectRedirect(
		await checkAndSend(final.action, `/council/reviews/${reviewId}/final`, cookie, { intent: 'issue', amend: 'yes' }, { reviewId }),
		`/council/reviews/${reviewId}`,
	)
	const version = await prisma.planVersion.findFirstOrThrow({
		where: { finalPlan: { reviewId } },
		select: { preparationForAdulthood: true, provisions: { orderBy: { position: 'asc' } } },
	})
	return { reviewId, before: review.planVersion.provisions, after: version.provisions, preparationForAdulthood: version.preparationForAdulthood }
}

test('an amended provision row keeps its need, who and how long, with the new frequency, in the new version and the PDF; Year 9 has preparation for adulthood', async () => {
	const { reviewId, before, after, preparationForAdulthood } = await finalPlanWithAmendedProvision(9)
	expect(after).toHaveLength(before.length)
	expect(after[0]).toMatchObject({
		need: before[0]!.need,
		what: before[0]!.what,
		who: before[0]!.who,
		duration: before[0]!.duration,
		frequency: 'Twice a week, every week',
	})
	for (let i = 1; i < before.length; i++)
		expect(after[i]).toMatchObject({
			need: before[i]!.need,
			what: before[i]!.what,
			who: before[i]!.who,
			frequency: before[i]!.frequency,
			duration: before[i]!.duration,
		})
	const text = await pdfText(reviewId, 'FINAL_PLAN')
	expect(text).toContain('Twice a week, every week')
	if (before[0]!.need) expect(text).toContain(before[0]!.need.replace(/\s+/g, ' ').slice(0, 20))
	if (before[0]!.who) expect(text).toContain(before[0]!.who.replace(/\s+/g, ' ').slice(0, 20))
	// reg 12(3): from Year 9.
	expect(text).toContain('Preparation for adulthood and independent living')
	if (preparationForAdulthood.trim()) expect(text).toContain(preparationForAdulthood.replace(/\s+/g, ' ').trim().slice(0, 30))
})

test('before Year 9 the plan has no preparation for adulthood section', async () => {
	const { reviewId } = await finalPlanWithAmendedProvision(6)
	expect(await pdfText(reviewId, 'FINAL_PLAN')).not.toContain('Preparation for adulthood and independent living')
})

test('from Year 9 a plan without preparation for adulthood is flagged before it is sent (reg 12(3))', async () => {
	const review = await prisma.annualReview.findFirstOrThrow({
		where: { status: 'NOTICE_ISSUED', la: { code: '886' }, id: { notIn: [...used] } },
		select: { id: true, childId: true, planVersionId: true, notice: { select: { issuedOn: true } } },
		orderBy: { id: 'asc' },
	})
	used.add(review.id)
	const servedOn = addDays(todayInLondon(new Date()), -20)
	await prisma.amendmentNotice.update({ where: { reviewId: review.id }, data: { issuedOn: servedOn, representationsCloseOn: addDays(servedOn, 14) } })
	await prisma.child.update({ where: { id: review.childId }, data: { yearGroup: 10 } })
	const user = (await getUser(request('/', { cookie: await cookieFor(CASEWORKER) })))!
	const warningsWith = async (preparationForAdulthood: string) => {
		await prisma.planVersion.update({ where: { id: review.planVersionId }, data: { preparationForAdulthood } })
		return checkOf((await letterToSend(user, review.id, { step: 'final', input: { amend: true, reasons: '' } }))!).warnings
	}
	expect(await warningsWith('')).toEqual([expect.stringContaining('reg 12(3)')])
	expect(await warningsWith('Travel training for college from September; supported internship taster days.')).toEqual([])
})
