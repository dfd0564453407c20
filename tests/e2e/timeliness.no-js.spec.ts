import { expect, signIn, test, USERS } from './fixtures.ts'

// The timeliness dashboard and the bulk move with JavaScript switched off: plain links, GET and POST forms,
// server-drawn charts. Three journeys that run independently (each checks a handful of long pages).

test('without JavaScript a manager filters the figures by age and follows one to its reviews', async ({ page, a11y }) => {
	await signIn(page, a11y, USERS.manager)
	await page.goto('/timeliness')
	await a11y.check()
	await expect(page.getByRole('img', { name: /Reviews held and reviews due, by month the review was due/ })).toBeVisible()
	await page.getByLabel('Age on the review’s due date').selectOption({ label: '11 to 15' })
	await page.getByRole('button', { name: 'Show figures' }).click()
	await page.waitForURL(/age=11to15/)
	await a11y.check()
	await page.locator('#figure-held_on_time').getByRole('link').click()
	await page.waitForURL(/figure=held_on_time.*age=11to15/)
	await a11y.check()
	await expect(page.getByRole('table').getByRole('columnheader', { name: 'Held by the due date' })).toBeVisible()
})

test('without JavaScript a manager filters the figures by a school typed, not chosen from a list of every school', async ({ page, a11y }) => {
	await signIn(page, a11y, USERS.manager)
	await page.goto('/timeliness')
	await a11y.check()
	// The page says which schools the text matched.
	await page.getByLabel('School', { exact: true }).fill('academy')
	await page.getByRole('button', { name: 'Show figures' }).click()
	await page.waitForURL(/school=academy/)
	await a11y.check()
	await expect(page.getByText(/^Figures for reviews at the \d+ schools matching “academy”: /)).toBeVisible()
	await expect(page.getByLabel('School', { exact: true })).toHaveValue('academy')
	await page.getByLabel('School', { exact: true }).fill('no such school')
	await page.getByRole('button', { name: 'Show figures' }).click()
	await page.waitForURL(/school=no\+such\+school/)
	await a11y.check()
	await expect(page.getByText('No school matches “no such school”.')).toBeVisible()
})

// The move is between two caseworkers no other journey uses.
test('without JavaScript a manager moves a child to another caseworker', async ({ page, a11y }) => {
	await signIn(page, a11y, USERS.manager)
	await page.goto('/workload')
	await a11y.check()
	const whose = page.getByLabel('Whose children')
	await whose.selectOption((await whose.locator('option', { hasText: 'Mark Bennett' }).getAttribute('value'))!)
	await page.getByRole('button', { name: 'Show their children' }).click()
	await page.waitForURL(/caseworker=/)
	await a11y.check()
	// Nothing chosen: the server answers with the error summary.
	await page.getByRole('button', { name: 'Move the selected children' }).click()
	await expect(page.getByRole('heading', { name: 'There is a problem' })).toBeVisible()
	await a11y.check()
	await expect(page).toHaveTitle(/^Error: /)
	const first = page
		.getByRole('group', { name: /select the children to move/ })
		.getByRole('checkbox')
		.first()
	await first.check()
	await page.getByLabel('Move them to').selectOption({ label: 'Grace Adeyemi' })
	await page.getByRole('button', { name: 'Move the selected children' }).click()
	await page.waitForURL(/moved=1/)
	await a11y.check()
	await expect(page.getByRole('alert')).toContainText('1 child moved to Grace Adeyemi')
})
