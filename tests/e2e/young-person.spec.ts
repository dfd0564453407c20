import { test } from './fixtures.ts'
import { youngPersonJourney } from './young-person.ts'

test('a caseworker sees that a young person’s letters go to them, and records that their parent is copied with their agreement', async ({ page, a11y }) => {
	await youngPersonJourney(page, a11y, 0)
})
