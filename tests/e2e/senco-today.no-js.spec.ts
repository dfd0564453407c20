import { test } from './fixtures.ts'
import { reviewPageJourney, submissionJourney, todoListJourney } from './senco-today.ts'

test('a SENCo’s first page is the school’s to-do list: this year’s reviews, most urgent first (without JavaScript)', async ({ page, a11y }) => {
	await todoListJourney(page, a11y)
})

test('the review page warns only about what is true, counts what its tags say and expects proposals to amend (without JavaScript)', async ({ page, a11y }) => {
	test.slow()
	await reviewPageJourney(page, a11y, 1)
})

test('the confirmation says who was sent the report (without JavaScript)', async ({ page, a11y }) => {
	// About 20 pages, each checked by axe (3 to 10 s a page on a busy 2-core machine).
	test.setTimeout(600_000)
	await submissionJourney(page, a11y, 1)
})
