import { test } from './fixtures.ts'
import { sencoReviewJourney } from './senco-review.ts'

test('a SENCo completes, submits and downloads an annual review (without JavaScript)', async ({ page, a11y }) => {
	// About 35 pages, each checked by axe (3 to 10 s a page on a busy 2-core machine): the journey took up to
	// 5.3 minutes there (two busy loops beside the suite, load average 18), so it has 10.
	test.setTimeout(600_000)
	await sencoReviewJourney(page, a11y, 1)
})
