import { familyRecordJourney } from './family-record.ts'
import { test } from './fixtures.ts'

test('a parent signs in from the emailed link, reads the review’s dates and downloads every letter sent to them', async ({ page, a11y }) => {
	test.slow()
	await familyRecordJourney(page, a11y, 0)
})
