// The family's pages (issue 14) for the demo parent (prisma/seed.ts: an Oakfield child whose review has an amendment
// notice out): each fits a 320-pixel screen (WCAG 1.4.10), passes axe, and reads at about a 9-year-old's reading age
// (app/lib/readability.ts: the Flesch-Kincaid grade + 5, over the page's main text). The figures are written to the
// test's annotations; the page must stay under READING_AGE_LIMIT.
import type { Page } from '@playwright/test'
import { readability } from '#app/lib/readability.ts'
import { DEMO_PARENT_EMAIL } from '#prisma/seed-data.ts'
import { e2eDb } from './db.ts'
import { signInAsFamily } from './family.ts'
import { expect, test } from './fixtures.ts'

test.use({ viewport: { width: 320, height: 800 } })

/** A formula's reading age: 9 is the aim; a page of the law's own words (amendment, representations) reads older. */
const READING_AGE_LIMIT = 12

type A11y = { check: () => Promise<void> }

async function fitsAndReads(page: Page, a11y: A11y, path: string) {
	const response = await page.goto(path)
	expect(response?.status(), path).toBeLessThan(400)
	await a11y.check()
	const { scrollWidth, clientWidth, text } = await page.evaluate(() => ({
		scrollWidth: document.documentElement.scrollWidth,
		clientWidth: document.documentElement.clientWidth,
		text: document.querySelector('main')?.innerText ?? '',
	}))
	expect(clientWidth, path).toBe(320)
	expect.soft(scrollWidth, `${path} is ${scrollWidth} CSS pixels wide at 320`).toBeLessThanOrEqual(clientWidth)
	const r = readability(text)
	test.info().annotations.push({ type: 'reading age', description: `${path}: ${r.readingAge} (${r.words} words, ${r.sentenceLength} words a sentence)` })
	expect.soft(r.readingAge, `${path} reads at age ${r.readingAge}`).toBeLessThanOrEqual(READING_AGE_LIMIT)
}

test('the family’s pages fit a 320-pixel screen and read plainly', async ({ page, a11y }) => {
	test.slow()
	const db = await e2eDb()
	const member = await db.familyMember.findFirstOrThrow({
		where: { user: { email: DEMO_PARENT_EMAIL } },
		select: { childId: true, child: { select: { reviews: { orderBy: [{ createdAt: 'desc' }, { id: 'desc' }], take: 1, select: { id: true } } } } },
	})
	const reviewId = member.child.reviews[0]!.id
	await fitsAndReads(page, a11y, '/family/sign-in')
	await signInAsFamily(page, a11y, DEMO_PARENT_EMAIL)
	const message = await db.outboxMessage.findFirstOrThrow({
		where: { toAddress: DEMO_PARENT_EMAIL, status: 'SENT' },
		orderBy: { id: 'asc' },
		select: { id: true },
	})
	for (const path of [
		'/family',
		`/family/children/${member.childId}`,
		`/family/reviews/${reviewId}`,
		`/family/reviews/${reviewId}/views/parent-views`,
		`/family/reviews/${reviewId}/views/child-views`,
		`/family/reviews/${reviewId}/notice`,
		`/family/reviews/${reviewId}/representation`,
		`/family/messages/${message.id}`,
	])
		await fitsAndReads(page, a11y, path)
})
