import { expect, test } from './fixtures.ts'

// The journeys' accessibility check without JavaScript (axe reads a copy of the page): a violation still fails
// it, even on a page the same worker has already passed in another state.
test('without JavaScript the accessibility check fails on a violation', async ({ page, a11y }) => {
	await page.goto('/sign-in')
	await a11y.check()
	await page.route('**/sign-in?unlabelled-image', async (route) => {
		const response = await route.fetch()
		await route.fulfill({ response, body: (await response.text()).replace('<main', '<img src="/favicon.svg"><main') })
	})
	await page.goto('/sign-in?unlabelled-image')
	await expect(a11y.check()).rejects.toThrow(/image-alt/)
	await page.goto('/sign-in')
	await a11y.check()
})
