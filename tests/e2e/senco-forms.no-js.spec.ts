import { test } from './fixtures.ts'
import { sencoFormsJourney } from './senco-forms.ts'

test('a SENCo schedules with add-another rows, uploads and removes evidence, and fixes a finding (without JavaScript)', async ({ page, a11y }) => {
	test.slow()
	await sencoFormsJourney(page, a11y, 1, false)
})
