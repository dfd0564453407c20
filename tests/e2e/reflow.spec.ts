// Reflow (WCAG 1.4.10): every page of each role's journey, at 320 CSS pixels wide, fits the screen: the document is
// never wider than the viewport (no sideways scrolling). The SENCo's review from task list to check your answers and
// a closed review; the caseworker's caseload, search, reviews at each step and a child; the manager's figures and
// workload. Each page is also checked with axe at this width.
import type { Page } from '@playwright/test'
import { PART_SLUGS } from '#app/domain/review-parts.ts'
import { e2eDb } from './db.ts'
import { expect, signIn, test, USERS } from './fixtures.ts'

test.use({ viewport: { width: 320, height: 800 } })

type A11y = { check: () => Promise<void> }

async function fits(page: Page, a11y: A11y, path: string) {
	const response = await page.goto(path)
	expect(response?.status(), path).toBeLessThan(400)
	await a11y.check()
	const { scrollWidth, clientWidth } = await page.evaluate(() => ({
		scrollWidth: document.documentElement.scrollWidth,
		clientWidth: document.documentElement.clientWidth,
	}))
	expect(clientWidth, path).toBe(320)
	expect.soft(scrollWidth, `${path} is ${scrollWidth} CSS pixels wide at 320`).toBeLessThanOrEqual(clientWidth)
}

async function reviewOf(where: Record<string, unknown>) {
	const db = await e2eDb()
	return db.annualReview.findFirstOrThrow({ where, orderBy: { id: 'asc' }, select: { id: true, childId: true, child: { select: { upn: true } } } })
}

test('the SENCo’s pages fit a 320-pixel screen', async ({ page, a11y }) => {
	test.slow()
	const db = await e2eDb()
	const senco = await db.user.findUniqueOrThrow({ where: { email: USERS.senco }, select: { schoolId: true } })
	const school = { schoolId: senco.schoolId!, child: { schoolId: senco.schoolId! } }
	// A draft with its meeting booked (the task list's table of dates the law sets) of a child below Year 9 (a part not needed).
	const draft = await reviewOf({ ...school, status: 'DRAFT', meetingOn: { not: null }, child: { schoolId: senco.schoolId!, yearGroup: { lt: 9 } } })
	const submitted = await reviewOf({ ...school, status: 'SUBMITTED' })
	const closed = await reviewOf({ ...school, status: 'CLOSED' })
	await signIn(page, a11y, USERS.senco)
	for (const path of [
		'/school',
		`/children/${draft.childId}`,
		`/children/${draft.childId}/family`,
		`/reviews/${draft.id}`,
		`/reviews/${draft.id}/meeting`,
		// Preparation for adulthood is asked from Year 9 only.
		...Object.values(PART_SLUGS)
			.filter((slug) => slug !== PART_SLUGS.PFA)
			.map((slug) => `/reviews/${draft.id}/parts/${slug}`),
		`/reviews/${draft.id}/evidence`,
		`/reviews/${draft.id}/proposals`,
		`/reviews/${draft.id}/proposals/new`,
		`/reviews/${draft.id}/check`,
		`/reviews/${submitted.id}`,
		`/reviews/${closed.id}`,
		'/accessibility',
	])
		await fits(page, a11y, path)
})

test('the caseworker’s pages fit a 320-pixel screen', async ({ page, a11y }) => {
	test.slow()
	const kent = { la: { code: '886' } }
	// The review caseworker-words.ts reads (another caseworker's, newest first): only read, by both.
	const priya = await (await e2eDb()).user.findUniqueOrThrow({ where: { email: USERS.caseworker }, select: { id: true } })
	const [submitted] = await (
		await e2eDb()
	).annualReview.findMany({
		where: { ...kent, status: 'SUBMITTED', child: { OR: [{ caseworkerId: null }, { caseworkerId: { not: priya.id } }] } },
		orderBy: { id: 'desc' },
		take: 1,
		select: { id: true, childId: true, child: { select: { upn: true } } },
	})
	if (!submitted) throw new Error('no submitted review of another caseworker’s child')
	const closed = await reviewOf({ ...kent, status: 'CLOSED', notice: { isNot: null }, finalPlan: { isNot: null } })
	const noticed = await reviewOf({ ...kent, status: { in: ['NOTICE_ISSUED', 'REPRESENTATIONS'] } })
	await signIn(page, a11y, USERS.caseworker)
	for (const path of [
		'/caseload',
		'/caseload?view=all',
		`/caseload?view=all&q=${encodeURIComponent(submitted.child.upn)}`,
		'/calendar',
		`/council/reviews/${submitted.id}`,
		`/council/reviews/${submitted.id}/decision`,
		`/council/reviews/${noticed.id}`,
		`/council/reviews/${noticed.id}/representations/new`,
		`/council/reviews/${noticed.id}/final`,
		`/council/reviews/${closed.id}`,
		`/children/${closed.childId}`,
	])
		await fits(page, a11y, path)
})

test('the manager’s pages fit a 320-pixel screen', async ({ page, a11y }) => {
	test.slow()
	await signIn(page, a11y, USERS.manager)
	for (const path of ['/caseload?view=all', '/timeliness', '/timeliness/reviews?figure=decisions_4_weeks', '/workload']) await fits(page, a11y, path)
})
