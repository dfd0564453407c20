import { familyNoticeJourney } from './family-notice.ts'
import { test } from './fixtures.ts'

test('a parent reads the amendment notice online and replies with a comment, a school and a letter; the caseworker sees it', async ({ page, a11y }) => {
	test.slow()
	await familyNoticeJourney(page, a11y, 0)
})
