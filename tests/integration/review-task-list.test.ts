// The review page's task list says what the check before submitting says (issue 13): a part not needed is not
// counted as completed, a part marked completed whose answers no longer complete it is not shown as completed, and
// a recommendation to amend makes the amendment proposals expected. Through the real loader and part action.
import { expect, test } from 'vitest'
import { prisma } from '#app/db/db.server.ts'
import { partForSlug } from '#app/domain/review-parts.ts'
import * as part from '#app/routes/review-part.tsx'
import * as review from '#app/routes/review.tsx'
import { completedParts, cookieFor, expectRedirect, OAKFIELD_SENCO, request, run, startDraft } from '#tests/helpers.ts'

type Page = Awaited<ReturnType<typeof review.loader>>
const statuses = (page: Page) => Object.fromEntries(page.parts.map((p) => [p.key, p.status]))

test('the task list’s parts follow the answers: not needed, completed, and completed no longer', async () => {
	const cookie = await cookieFor(OAKFIELD_SENCO)
	const { reviewId } = await startDraft(cookie, OAKFIELD_SENCO) // a child below Year 9
	const load = async () => (await run(review.loader, request(`/reviews/${reviewId}`, { cookie }), { reviewId })) as Page

	const fresh = await load()
	expect(statuses(fresh)).toEqual({
		CHILD_VIEWS: 'NOT_STARTED',
		PARENT_VIEWS: 'NOT_STARTED',
		OUTCOMES: 'NOT_STARTED',
		NEEDS_PROVISION: 'NOT_STARTED',
		PFA: 'NOT_NEEDED',
		RECOMMENDATION: 'NOT_STARTED',
		ATTENDANCE: 'NOT_STARTED',
	})
	expect(fresh.amending).toBe(false)

	for (const [slug, form] of await completedParts(reviewId, { recommendation: 'AMEND', reasons: 'Therapy should increase.' })) {
		const saved = await prisma.reviewSection.findFirst({ where: { reviewId, key: partForSlug(slug)! }, select: { version: true } })
		const posted = request(`/reviews/${reviewId}/parts/${slug}`, { cookie, form: { ...form, completed: 'yes', version: String(saved?.version ?? 0) } })
		expectRedirect(await run(part.action, posted, { reviewId, part: slug }), /^\/reviews\//)
	}
	const done = await load()
	expect(done.parts.filter((p) => p.status === 'COMPLETED')).toHaveLength(6)
	expect(statuses(done).PFA).toBe('NOT_NEEDED')
	// Amend: the proposals are expected (the page shows them "Not yet started", not "Optional").
	expect(done.amending).toBe(true)
	expect(done.proposals).toBe(0)

	// Someone invited after attendance was recorded: the part is no longer complete, as the check before submitting says.
	await prisma.reviewInvitee.create({ data: { reviewId, role: 'HEALTH', name: 'Dr Lee', email: '' } })
	expect(statuses(await load()).ATTENDANCE).toBe('IN_PROGRESS')
})
