import fs from 'node:fs'
import path from 'node:path'
import { simpleParser } from 'mailparser'
import { e2eDb } from './db.ts'
import { DEMO_PASSWORD, expect, signIn, signOut, test, USERS } from './fixtures.ts'

test('a SENCo signs in, sees their school’s children with plans and reviews, and signs out', async ({ page, a11y }) => {
	await signIn(page, a11y, USERS.senco)
	await expect(page).toHaveURL(/\/school$/)
	await expect(page.getByRole('heading', { name: 'Children with EHC plans', level: 1 })).toBeVisible()
	await expect(page.getByText('Oakfield Primary School').first()).toBeVisible()
	const table = page.getByRole('table')
	await expect(table.getByRole('columnheader', { name: 'Review due by' })).toBeVisible()
	const rows = table.locator('tbody tr')
	expect(await rows.count()).toBeGreaterThan(5)
	// Search by the first child's UPN (under their name) finds exactly that child.
	const upn = (await rows.first().getByRole('rowheader').locator('.govuk-hint').textContent())!.replace(/^UPN /, '').trim()
	await page.getByLabel('Search by name or UPN').fill(upn)
	await page.getByRole('button', { name: 'Search' }).click()
	await page.waitForURL(/q=/)
	await a11y.check()
	await expect(page.getByRole('table').locator('tbody tr')).toHaveCount(1)
	// The child's record opens.
	await page.getByRole('table').getByRole('link').first().click()
	await page.waitForURL(/\/children\//)
	await a11y.check()
	await expect(page.getByText(upn)).toBeVisible()
	await signOut(page, a11y)
})

test('a caseworker signs in to their own caseload and signs out', async ({ page, a11y }) => {
	await signIn(page, a11y, USERS.caseworker)
	await expect(page).toHaveURL(/\/caseload\?view=mine/)
	await expect(page.getByRole('heading', { name: 'Caseload', level: 1 })).toBeVisible()
	const rows = page.getByRole('table').locator('tbody tr')
	expect(await rows.count()).toBeGreaterThan(3)
	await expect(rows.first().locator('td').last()).toHaveText('Priya Shah')
	await signOut(page, a11y)
})

test('a manager signs in to the council’s whole caseload, pages through it, and signs out', async ({ page, a11y }) => {
	await signIn(page, a11y, USERS.manager)
	await expect(page).toHaveURL(/\/caseload\?view=all/)
	await expect(page.getByRole('table').getByRole('columnheader', { name: 'Caseworker' })).toBeVisible()
	await expect(page.getByText(/Page 1 of \d+/)).toBeVisible()
	await page.getByRole('link', { name: 'Next page' }).click()
	await page.waitForURL(/page=2/)
	await a11y.check()
	await expect(page.getByText(/Page 2 of \d+/)).toBeVisible()
	await signOut(page, a11y)
})

test('an administrator signs in and lands on the council’s caseload', async ({ page, a11y }) => {
	await signIn(page, a11y, USERS.admin)
	await expect(page).toHaveURL(/\/caseload/)
	await expect(page.getByRole('table').locator('tbody tr').first()).toBeVisible()
	await signOut(page, a11y)
})

test('a wrong password shows the GOV.UK error summary, keeps the email and focuses the summary', async ({ page, a11y }) => {
	await page.goto('/sign-in')
	await a11y.check()
	await page.getByLabel('Email address').fill(USERS.senco)
	await page.getByLabel('Password').fill('not-the-password')
	await page.getByRole('button', { name: 'Sign in' }).click()
	const summary = page.getByRole('alert')
	await expect(summary).toContainText('There is a problem')
	await expect(summary.getByRole('link', { name: 'Enter a correct email address and password' })).toBeVisible()
	await expect(page).toHaveTitle(/^Error: Sign in/)
	await expect(page.getByLabel('Email address')).toHaveValue(USERS.senco)
	await expect(page.getByLabel('Password')).toHaveValue('')
	await a11y.check()
	await summary.getByRole('link').click()
	await expect(page.getByLabel('Email address')).toBeFocused()
})

test('a SENCo who requests another school’s child gets 403 over HTTP', async ({ page, a11y, request }) => {
	await signIn(page, a11y, USERS.otherSenco)
	// Find a child of Oakfield by signing in as its SENCo in a separate context.
	const oakfield = await page.context().browser()!.newContext()
	const oakPage = await oakfield.newPage()
	await oakPage.goto('/sign-in')
	await oakPage.getByLabel('Email address').fill(USERS.senco)
	await oakPage.getByLabel('Password').fill(DEMO_PASSWORD)
	await oakPage.getByRole('button', { name: 'Sign in' }).click()
	await oakPage.waitForURL(/\/school/)
	const href = await oakPage.getByRole('table').getByRole('link').first().getAttribute('href')
	await oakfield.close()
	expect(href).toMatch(/^\/children\//)

	const response = await page.goto(href!)
	expect(response?.status()).toBe(403)
	await a11y.check()
	await expect(page.getByRole('heading', { name: 'You do not have permission to see this page' })).toBeVisible()

	// The same over a plain HTTP request with the session cookie, for the page and its data route.
	const cookies = await page.context().cookies()
	// The production server's session cookie: Secure with the __Host- prefix, HttpOnly, SameSite=Lax.
	expect(cookies).toContainEqual(expect.objectContaining({ name: '__Host-session', secure: true, httpOnly: true, sameSite: 'Lax', path: '/' }))
	const cookie = cookies.map((c) => `${c.name}=${c.value}`).join('; ')
	expect((await request.get(href!, { headers: { cookie }, maxRedirects: 0 })).status()).toBe(403)
	expect((await request.get(`${href}.data`, { headers: { cookie }, maxRedirects: 0 })).status()).toBe(403)
	// Signed out, it is a redirect to sign in, never the record.
	const anonymous = await request.get(href!, { maxRedirects: 0, headers: { cookie: '' } })
	expect(anonymous.status()).toBe(302)
	expect(anonymous.headers()['location']).toMatch(/^\/sign-in/)
})

test('pages that do not exist show the service’s 404 page', async ({ page, a11y }) => {
	const response = await page.goto('/no-such-page')
	expect(response?.status()).toBe(404)
	await a11y.check()
	await expect(page.getByRole('heading', { name: 'Page not found' })).toBeVisible()
})

test('the accessibility statement and privacy notice are linked from every page’s footer', async ({ page, a11y }) => {
	await page.goto('/sign-in')
	await a11y.check()
	await page.getByRole('contentinfo').getByRole('link', { name: 'Accessibility statement' }).click()
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(/Accessibility statement/)
	await a11y.check()
	await page.getByRole('contentinfo').getByRole('link', { name: 'Privacy notice' }).click()
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Privacy notice')
	await a11y.check()
})

test('keyboard users can skip to the main content', async ({ page, a11y }) => {
	await page.goto('/sign-in')
	await a11y.check()
	await page.keyboard.press('Tab')
	const skip = page.getByRole('link', { name: 'Skip to main content' })
	await expect(skip).toBeFocused()
	await page.keyboard.press('Enter')
	await expect(page).toHaveURL(/#main-content$/)
})

/** The link in the latest email of this template to this address, once the outbox worker (every 10 seconds) has saved it as an .eml file. */
async function emailedLink(email: string, template: string) {
	const outbox = path.resolve('data/e2e/outbox')
	const db = await e2eDb()
	const message = await db.outboxMessage.findFirstOrThrow({ where: { toAddress: email, template }, orderBy: { createdAt: 'desc' }, select: { id: true } })
	const saved = () => (fs.existsSync(outbox) ? fs.readdirSync(outbox).find((name) => name.endsWith(`-${message.id}.eml`)) : undefined)
	await expect.poll(saved, { message: `the ${template} email was not delivered to the outbox folder`, timeout: 40_000 }).toBeTruthy()
	const mail = await simpleParser(fs.readFileSync(path.join(outbox, saved()!)))
	const link = /https?:\/\/\S+\/set-password\/[A-Za-z0-9_%-]+/.exec(mail.text ?? '')
	if (!link) throw new Error(`the ${template} email has no set-password link`)
	return new URL(link[0]).pathname
}

// Medway's SENCo is in no other journey, so changing their password here disturbs none running alongside.
test('someone who forgot their password asks for a link, sets a new password with it and signs in', async ({ page, a11y }) => {
	// The outbox worker sends every 10 seconds: three times the usual limit.
	test.slow()
	const email = 'senco@medway-school.example.org'
	await page.goto('/sign-in')
	await a11y.check()
	await page.getByRole('link', { name: 'Forgot your password?' }).click()
	await page.waitForURL(/\/reset-password$/)
	await a11y.check()
	await page.getByRole('button', { name: 'Send the link' }).click()
	await expect(page.getByRole('alert')).toContainText('Enter your email address')
	await expect(page).toHaveTitle(/^Error: Reset your password/)
	await a11y.check()
	await page.getByLabel('Email address').fill(email)
	await page.getByRole('button', { name: 'Send the link' }).click()
	await expect(page.getByRole('heading', { name: 'Check your email', level: 1 })).toBeVisible()
	await expect(
		page.getByText(`If there is an account for ${email}, we have sent it a link to set a new password. The link works once, for 1 hour.`),
	).toBeVisible()
	await a11y.check()

	await page.goto(await emailedLink(email, 'password-reset'))
	await expect(page.getByRole('heading', { name: 'Set a new password', level: 1 })).toBeVisible()
	await a11y.check()
	await page.getByLabel('Create a new password').fill('medway harbour lantern seven')
	await page.getByLabel('Enter the password again').fill('medway harbour lantern seven')
	await page.getByRole('button', { name: 'Set the password and sign in' }).click()
	await page.waitForURL(/\/school$/)
	await a11y.check()
	await signOut(page, a11y)
	await signIn(page, a11y, email, 'medway harbour lantern seven')
	await expect(page).toHaveURL(/\/school$/)
})
