import { expect, test } from './fixtures.ts'

// The journeys' accessibility check itself: a violation still fails it, even on a page the same worker has
// already passed in another state (the check skips only a document identical to one it passed).
test('the accessibility check fails on a violation', async ({ page, a11y }) => {
	await page.goto('/sign-in')
	await a11y.check()
	await page.evaluate(() => document.querySelector('main')!.prepend(Object.assign(document.createElement('img'), { src: '/favicon.svg' })))
	await expect(a11y.check()).rejects.toThrow(/image-alt/)
	await page.goto('/sign-in')
	await a11y.check()
})
