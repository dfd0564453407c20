// The caseload's search finds any child of the council whatever the view or filters (issue 13): a review another
// caseworker holds, a review of another status, a child whose review is closed and the next not yet due. Through
// the real loader, limited to the council.
import { expect, test } from 'vitest'
import { prisma } from '#app/db/db.server.ts'
import * as caseload from '#app/routes/caseload.tsx'
import { cookieFor, request, run } from '#tests/helpers.ts'

const PRIYA = 'caseworker@kent.example.gov.uk'

type Loaded = Awaited<ReturnType<typeof caseload.loader>>

const load = async (cookie: string, query: string) => (await run(caseload.loader, request(`/caseload?${query}`, { cookie }))) as Loaded

test('a search from My caseload with a status filter finds a submitted review another caseworker holds', async () => {
	const priya = await prisma.user.findUniqueOrThrow({ where: { email: PRIYA }, select: { id: true, laId: true } })
	const review = await prisma.annualReview.findFirstOrThrow({
		where: { status: 'SUBMITTED', laId: priya.laId!, child: { laId: priya.laId!, OR: [{ caseworkerId: null }, { caseworkerId: { not: priya.id } }] } },
		orderBy: { id: 'asc' },
		select: { id: true, child: { select: { upn: true } } },
	})
	const cookie = await cookieFor(PRIYA)
	// Not on Priya's own caseload, and not a draft.
	const mine = await load(cookie, 'view=mine&status=DRAFT')
	expect(mine.rows.map((r) => r.key)).not.toContain(review.id)

	const searched = await load(cookie, `view=mine&status=DRAFT&due=overdue&transfer=yes&q=${encodeURIComponent(review.child.upn)}`)
	expect(searched.rows.map((r) => r.key)).toEqual([review.id])
	// The page says it searched everywhere: the filter it shows is the whole council's, with the search only.
	expect(searched.filter).toMatchObject({ view: 'all', state: null, overdue: false, dueSoon: false, phaseTransfer: false, q: review.child.upn })
})

test('a search finds a child with nothing on the caseload, with their latest review', async () => {
	const priya = await prisma.user.findUniqueOrThrow({ where: { email: PRIYA }, select: { laId: true } })
	const closed = await prisma.annualReview.findFirstOrThrow({
		where: {
			status: 'CLOSED',
			laId: priya.laId!,
			child: { laId: priya.laId!, reviews: { every: { status: 'CLOSED' } }, plan: { is: { reviewDueOn: { gt: '2027-06-01' } } } },
		},
		orderBy: [{ dueOn: 'desc' }],
		select: { id: true, childId: true, child: { select: { upn: true, reviews: { orderBy: { dueOn: 'desc' }, take: 1, select: { id: true } } } } },
	})
	const cookie = await cookieFor(PRIYA)
	const searched = await load(cookie, `q=${encodeURIComponent(closed.child.upn)}`)
	expect(searched.rows).toEqual([])
	expect(searched.offCaseload.children).toHaveLength(1)
	expect(searched.offCaseload.children[0]).toMatchObject({ childId: closed.childId, latestReview: { id: closed.child.reviews[0]!.id, status: 'CLOSED' } })
	// Without a search, nothing is looked up beyond the caseload.
	expect((await load(cookie, 'view=all')).offCaseload.children).toEqual([])
})

test('the search stays within the council', async () => {
	const medway = await prisma.child.findFirstOrThrow({ where: { la: { code: { not: '886' } } }, select: { upn: true } })
	const searched = await load(await cookieFor(PRIYA), `q=${encodeURIComponent(medway.upn)}`)
	expect(searched.rows).toEqual([])
	expect(searched.offCaseload.children).toEqual([])
})
