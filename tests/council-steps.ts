// The council's steps after a school's report, as the tests take them through the real actions: a decision to
// amend, the amendment notice with every school proposal accepted, and the final plan's form.
import { prisma } from '#app/db/db.server.ts'
import { todayInLondon } from '#app/domain/calendar-date.ts'
import * as decision from '#app/routes/council-decision.tsx'
import * as final from '#app/routes/council-final.tsx'
import * as notice from '#app/routes/council-notice.tsx'
import { checkAndSend, decideToAmend } from '#tests/check-and-send.ts'
import { expectRedirect, request, run } from '#tests/helpers.ts'

/** A submitted Kent review with school proposals and a parent's email, not in `used` (it is added), decided "amend" today. */
export async function amendDecided(cookie: string, used: Set<string>) {
	const review = await prisma.annualReview.findFirst({
		where: { status: 'SUBMITTED', la: { code: '886' }, proposals: { some: {} }, child: { parentEmail: { not: '' } }, id: { notIn: [...used] } },
		select: { id: true },
		orderBy: { id: 'asc' },
	})
	if (!review) throw new Error('the seed has no submitted review with proposals left')
	used.add(review.id)
	expectRedirect(await decideToAmend(decision.action, review.id, cookie, todayInLondon(new Date())), `/council/reviews/${review.id}/notice`)
	return review.id
}

/** Such a review with its amendment notice issued today, every school proposal accepted (in the notice's order). */
export async function noticed(cookie: string, used: Set<string>) {
	const reviewId = await amendDecided(cookie, used)
	const proposals = await prisma.amendmentProposal.findMany({
		where: { reviewId, origin: 'SCHOOL' },
		orderBy: [{ section: 'asc' }, { position: 'asc' }, { createdAt: 'asc' }, { id: 'asc' }],
		select: { id: true },
	})
	const form: Record<string, string> = { intent: 'issue' }
	proposals.forEach((p, i) => {
		form[`choices[${i}].proposalId`] = p.id
		form[`choices[${i}].decision`] = 'ACCEPTED'
	})
	expectRedirect(await checkAndSend(notice.action, `/council/reviews/${reviewId}/notice`, cookie, form, { reviewId }), `/council/reviews/${reviewId}`)
	return reviewId
}

/** The final plan's form posted as it is (no check before sending): what the action answered. */
export const finalPost = (cookie: string, reviewId: string, form: Record<string, string>) =>
	run(final.action, request(`/council/reviews/${reviewId}/final`, { cookie, form }), { reviewId }) as Promise<any>

/** The final plan's form checked before sending, then sent (issue 12 §1). */
export const finalSent = (cookie: string, reviewId: string, form: Record<string, string>) =>
	checkAndSend(final.action, `/council/reviews/${reviewId}/final`, cookie, form, { reviewId })
