// The SEN manager's timeliness dashboard: the headline figure, its chart and table, the reviews behind it,
// the filters, a CSV download, and the workload page's bulk move form (its error path: nothing is moved, so
// the journeys running alongside keep their data).
import { expect, signIn, test, USERS } from './fixtures.ts'

test('a manager reads the decisions-within-4-weeks figure, its chart and table, and follows it to its reviews', async ({ page, a11y }) => {
	await signIn(page, a11y, USERS.manager)
	await page.getByRole('navigation', { name: 'Menu' }).getByRole('link', { name: 'Timeliness' }).click()
	await page.waitForURL(/\/timeliness$/)
	await a11y.check()
	await expect(page.getByRole('heading', { name: 'Timeliness of annual reviews', level: 1 })).toBeVisible()

	// The figure councils publish, with its definition and regulation.
	const row = page.locator('#figure-decisions_4_weeks')
	await expect(row.locator('dt')).toHaveText('Decisions within 4 weeks of the meeting')
	const figureLink = row.getByRole('link', { name: /see the reviews behind decisions within 4 weeks of the meeting/ })
	await expect(figureLink).toHaveText(/^\d+% \(\d+ of \d+\)/)
	await expect(row).toContainText('reg 20(10)')
	const [, total] = /\((\d+) of (\d+)\)/.exec((await figureLink.textContent())!)!.slice(1)
	expect(Number(total)).toBeGreaterThan(0)

	// The month-by-month chart: one image with a title and a description reading out every month, then its table.
	const chart = page.getByRole('img', { name: /Decisions within 4 weeks of the meeting, by month of the meeting/ })
	await expect(chart).toBeVisible()
	await expect(chart.locator('desc')).toContainText(/\w+ \d{4}: (\d+% \(\d+ of \d+\)|no decisions)/)
	const table = page.getByRole('table', { name: /Decisions within 4 weeks of the meeting, by month of the meeting: the numbers/ })
	await expect(table.locator('tbody tr')).toHaveCount(12)
	await expect(table.getByRole('columnheader', { name: 'Per cent in time' })).toBeVisible()

	// The figure leads to the reviews behind it, each marked in time or late.
	await figureLink.click()
	await page.waitForURL(/\/timeliness\/reviews\?figure=decisions_4_weeks/)
	await a11y.check()
	await expect(page.getByRole('heading', { level: 1 })).toContainText('Decisions within 4 weeks of the meeting')
	await expect(page.getByRole('link', { name: /^All \(\d+\)$/ })).toBeVisible()
	const reviews = page.getByRole('table')
	await expect(reviews.getByRole('columnheader', { name: 'Within 4 weeks' })).toBeVisible()
	await expect(reviews.locator('tbody tr').first()).toContainText(/In time|Late/)
	await page.getByRole('link', { name: /^Late \(\d+\)$/ }).click()
	await page.waitForURL(/within=no/)
	await a11y.check()
	await expect(page.getByRole('table').locator('tbody tr').first()).toContainText('Late')
	await page.getByRole('link', { name: 'Back to the timeliness figures' }).click()
	await page.waitForURL(/\/timeliness\?/)
	await a11y.check()
	await expect(page.getByRole('heading', { name: 'Timeliness of annual reviews', level: 1 })).toBeVisible()
})

// Apart from the journey above (each checks a few long pages, so they run side by side).
test('a manager narrows the figures to primary schools and downloads the caseload', async ({ page, a11y }) => {
	await signIn(page, a11y, USERS.manager)
	await page.goto('/timeliness')
	await a11y.check()

	// Filters: a phase of school narrows the figures and the address keeps them.
	await page.getByLabel('Phase of school').selectOption({ label: 'Primary' })
	await page.getByRole('button', { name: 'Show figures' }).click()
	await page.waitForURL(/phase=PRIMARY/)
	await a11y.check()
	await expect(page.getByLabel('Phase of school')).toHaveValue('PRIMARY')

	// The caseload as a spreadsheet.
	const downloading = page.waitForEvent('download')
	await page.getByRole('link', { name: 'Download the caseload (CSV)' }).click()
	const download = await downloading
	expect(download.suggestedFilename()).toMatch(/^caseload-all-\d{4}-\d{2}-\d{2}\.csv$/)
	const chunks: Buffer[] = []
	for await (const chunk of (await download.createReadStream())!) chunks.push(chunk as Buffer)
	const [firstLine] = Buffer.concat(chunks)
		.toString('utf8')
		.replace(/^\uFEFF/, '')
		.split(/\r?\n/)
	expect(firstLine).toBe('Child,UPN,School,Caseworker,Review status,Next deadline,Next deadline date,Review due date,Days left')
})

test('a manager sees each caseworker’s workload and is told to choose children before moving any', async ({ page, a11y }) => {
	await signIn(page, a11y, USERS.manager)
	await page.getByRole('navigation', { name: 'Menu' }).getByRole('link', { name: 'Workload' }).click()
	await page.waitForURL(/\/workload$/)
	await a11y.check()
	const table = page.getByRole('table', { name: 'Caseload of each caseworker' })
	await expect(table.getByRole('row', { name: /Priya Shah/ })).toBeVisible()
	const whose = page.getByLabel('Whose children')
	await whose.selectOption((await whose.locator('option', { hasText: 'Priya Shah' }).getAttribute('value'))!)
	await page.getByRole('button', { name: 'Show their children' }).click()
	await page.waitForURL(/caseworker=/)
	await a11y.check()
	await expect(page.getByRole('group', { name: /Priya Shah: select the children to move/ })).toBeVisible()
	await page.getByRole('button', { name: 'Move the selected children' }).click()
	await expect(page.getByRole('heading', { name: 'There is a problem' })).toBeVisible()
	await a11y.check()
	await expect(page.getByRole('link', { name: 'Select the children to move' })).toBeVisible()
	await expect(page).toHaveTitle(/^Error: /)
})
