import { expect, signIn, signOut, test, USERS } from './fixtures.ts'

// The caseload's filters (a GET form) and the assign form (a POST, checked on the server) with JavaScript off.
test('without JavaScript a manager filters the caseload and assigns a caseworker', async ({ page, a11y }) => {
	await signIn(page, a11y, USERS.manager)
	await page.getByText('Filter the caseload').click()
	await page.getByLabel('Review status').selectOption({ label: 'Not started (review due)' })
	await page.getByRole('button', { name: 'Apply filters' }).click()
	await page.waitForURL(/status=NOT_STARTED/)
	await a11y.check()
	const rows = page.getByRole('table').locator('tbody tr')
	expect(await rows.count()).toBeGreaterThan(0)
	for (const row of await rows.all()) await expect(row.locator('td').nth(4)).toHaveText('Not started')

	const unassigned = rows.filter({ has: page.getByRole('link', { name: /^Assign a caseworker to / }) }).first()
	const name = (await unassigned.getByRole('rowheader').getByRole('link').textContent())!.trim()
	await unassigned.getByRole('link', { name: `Assign a caseworker to ${name}` }).click()
	await page.waitForURL(/\/assign/)
	await a11y.check()
	// Nothing chosen: the server answers with the error summary, and the page title says so.
	await page.getByRole('button', { name: 'Assign the caseworker' }).click()
	await expect(page.getByText('There is a problem')).toBeVisible()
	await a11y.check()
	await expect(page).toHaveTitle(/^Error: /)
	await page.getByLabel('Caseworker').selectOption({ label: 'Grace Adeyemi' })
	await page.getByRole('button', { name: 'Assign the caseworker' }).click()
	await page.waitForURL(/status=NOT_STARTED.*assigned=/)
	await a11y.check()
	await expect(page.getByText(`${name}’s caseworker is now Grace Adeyemi.`)).toBeVisible()
	await signOut(page, a11y)
})
