import { familyViewsJourney } from './family-views.ts'
import { test } from './fixtures.ts'

test('a parent signs in from the emailed link, gives their views and their child’s with a drawing, and the SENCo sees them marked as theirs', async ({
	page,
	a11y,
}) => {
	test.slow()
	await familyViewsJourney(page, a11y, 0)
})
