import { caseworkerJourney } from './caseworker.ts'
import { test } from './fixtures.ts'

test('a caseworker decides to amend, issues the notice, records a representation, changes an amendment, adds one, names the school asked for and issues the final plan', async ({
	page,
	a11y,
}) => {
	// A dozen pages checked by axe and three PDFs made and read back: three times the usual limit.
	test.slow()
	await caseworkerJourney(page, a11y, 0)
})
