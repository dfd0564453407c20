import { test } from './fixtures.ts'
import { sencoReviewJourney } from './senco-review.ts'

test('a SENCo completes, submits and downloads an annual review (with JavaScript)', async ({ page, a11y }) => {
	// About 35 pages, each checked by axe (up to 10 s a page on a busy 2-core machine): three times the usual limit.
	test.slow()
	await sencoReviewJourney(page, a11y, 0)
})
