import { expect, signIn, signOut, test, USERS } from './fixtures.ts'

test('a caseworker filters their caseload to what is overdue, reads each state in words and opens a review', async ({ page, a11y }) => {
	await signIn(page, a11y, USERS.caseworker)
	await expect(page).toHaveURL(/\/caseload\?view=mine/)
	await expect(page.getByRole('heading', { name: 'Caseload', level: 1 })).toBeVisible()

	await page.getByText('Filter the caseload').click()
	await page.getByLabel('Overdue').check()
	await page.getByRole('button', { name: 'Apply filters' }).click()
	await page.waitForURL(/due=overdue/)
	await a11y.check()
	await expect(page.getByText('Filter the caseload (1 applied)')).toBeVisible()
	await expect(page.getByLabel('Overdue')).toBeChecked()

	const table = page.getByRole('table')
	await expect(table.getByRole('columnheader', { name: 'State' })).toBeVisible()
	const rows = table.locator('tbody tr')
	expect(await rows.count()).toBeGreaterThan(0)
	// Every row is overdue, and says so in words (the colour is never the only signal), next to the days left.
	for (const row of await rows.all()) {
		await expect(row.locator('td').nth(3)).toHaveText(/^Overdue by \d+ days?$/)
		await expect(row.locator('td').nth(2)).toHaveText(/^−\d+$/)
		await expect(row.locator('td').last()).toHaveText('Priya Shah')
	}

	// A row with a review started opens the review.
	const withReview = rows.filter({ hasNot: page.getByText('Not started', { exact: true }) }).first()
	const name = (await withReview.getByRole('rowheader').getByRole('link').textContent())!.trim()
	// The rows' links are plain <a> (light to render); with JavaScript one handler navigates in the app
	// (useClientLinks): the page changes without a new document, so a mark left on the window survives.
	await page.waitForFunction(() => '__reactRouterDataRouter' in window)
	await page.evaluate(() => Object.assign(window, { sameDocument: true }))
	await withReview.getByRole('rowheader').getByRole('link').click()
	await page.waitForURL(/\/reviews\/[^/]+$/)
	await a11y.check()
	await expect(page.getByText(name).first()).toBeVisible()
	expect(await page.evaluate(() => 'sameDocument' in window)).toBe(true)
	await signOut(page, a11y)
})

test('a manager assigns an unassigned child to Priya, and the child leaves the unassigned list', async ({ page, a11y }) => {
	await signIn(page, a11y, USERS.manager)
	await page.getByRole('navigation', { name: 'Caseload views' }).getByRole('link', { name: 'Unassigned', exact: true }).click()
	await page.waitForURL(/view=unassigned/)
	await a11y.check()
	const firstRow = page.getByRole('table').locator('tbody tr').first()
	const name = (await firstRow.getByRole('rowheader').getByRole('link').textContent())!.trim()
	const upn = (await firstRow.getByRole('rowheader').getByText(/^UPN /).textContent())!.trim()
	await expect(firstRow.locator('td').last()).toContainText('Unassigned')

	await firstRow.getByRole('link', { name: `Assign a caseworker to ${name}` }).click()
	await page.waitForURL(/\/children\/[^/]+\/assign/)
	await a11y.check()
	await expect(page.getByRole('heading', { name: 'Assign a caseworker', level: 1 })).toBeVisible()

	// Nobody chosen: the GOV.UK error summary, linked to the field.
	await page.getByRole('button', { name: 'Assign the caseworker' }).click()
	const summary = page.getByRole('alert')
	await expect(summary).toContainText('There is a problem')
	await expect(summary.getByRole('link', { name: 'Select a caseworker' })).toBeVisible()
	await a11y.check()

	await page.getByLabel('Caseworker').selectOption({ label: 'Priya Shah' })
	await page.getByRole('button', { name: 'Assign the caseworker' }).click()
	await page.waitForURL(/view=unassigned.*assigned=/)
	await a11y.check()
	await expect(page.getByText(`${name}’s caseworker is now Priya Shah.`)).toBeVisible()
	await expect(page.getByText(upn, { exact: true })).toHaveCount(0)

	// Under 'All', the child is Priya's.
	await page.getByRole('navigation', { name: 'Caseload views' }).getByRole('link', { name: 'All', exact: true }).click()
	await page.waitForURL(/view=all/)
	await a11y.check()
	await page.getByText('Filter the caseload').click()
	await page.getByLabel('Name or UPN').fill(upn.replace(/^UPN /, ''))
	await page.getByRole('button', { name: 'Apply filters' }).click()
	await page.waitForURL(/q=/)
	await a11y.check()
	await expect(page.getByRole('table').locator('tbody tr')).toHaveCount(1)
	await expect(page.getByRole('table').locator('tbody tr td').last()).toHaveText('Priya Shah')
	await signOut(page, a11y)
})
