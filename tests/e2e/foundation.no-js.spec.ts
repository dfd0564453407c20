import { expect, signIn, signOut, test, USERS } from './fixtures.ts'

// The same sign-in, search and sign-out with JavaScript switched off: every form is a plain HTML form.
test('without JavaScript a SENCo signs in, searches, and signs out', async ({ page, a11y }) => {
	await signIn(page, a11y, USERS.senco)
	await expect(page).toHaveURL(/\/school$/)
	await page.getByLabel('Search by name or UPN').fill('zzzz-nobody')
	await page.getByRole('button', { name: 'Search' }).click()
	await page.waitForURL(/q=zzzz/)
	await a11y.check()
	await expect(page.getByText('No children match.')).toBeVisible()
	await signOut(page, a11y)
})

test('without JavaScript a wrong password shows the error summary and keeps the email', async ({ page, a11y }) => {
	await page.goto('/sign-in')
	await a11y.check()
	await page.getByLabel('Email address').fill(USERS.caseworker)
	await page.getByLabel('Password').fill('wrong')
	await page.getByRole('button', { name: 'Sign in' }).click()
	await expect(page.getByText('There is a problem')).toBeVisible()
	await a11y.check()
	await expect(page).toHaveTitle(/^Error: /)
	await expect(page.getByLabel('Email address')).toHaveValue(USERS.caseworker)
})
