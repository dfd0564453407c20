import { test } from './fixtures.ts'
import { sencoReviewJourney } from './senco-review.ts'

test('a SENCo completes, submits and downloads an annual review (with JavaScript)', async ({ page, a11y }) => {
	test.setTimeout(180_000)
	await sencoReviewJourney(page, a11y, 0)
})
