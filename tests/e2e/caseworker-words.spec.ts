import { caseworkerWordsJourney, timelinessPeriodJourney } from './caseworker-words.ts'
import { test } from './fixtures.ts'

test('a caseworker finds any child by search and reads the chronology and the clocks in words', async ({ page, a11y }) => {
	test.slow()
	await caseworkerWordsJourney(page, a11y, 0)
})

test('a manager chooses the timeliness period as a month and a year', async ({ page, a11y }) => {
	await timelinessPeriodJourney(page, a11y)
})
