// Fixtures for the journeys: every page a journey visits must be checked with axe-core (WCAG 2.2 AA)
// before the journey moves on, and any browser console error fails the journey.
import AxeBuilder from '@axe-core/playwright'
import { test as base, expect, type Page } from '@playwright/test'

export const DEMO_PASSWORD = 'Annual-Review-2026'
export const USERS = {
	senco: 'senco@oakfield-primary.example.org',
	otherSenco: 'senco@highfield-academy.example.org',
	caseworker: 'caseworker@kent.example.gov.uk',
	manager: 'manager@kent.example.gov.uk',
	admin: 'admin@kent.example.gov.uk',
} as const

type Visit = { url: string; checked: boolean }

export const test = base.extend<{ a11y: { check: (page?: Page) => Promise<void> } }>({
	a11y: async ({ page, browser }, use, testInfo) => {
		// axe runs inside the page, so with JavaScript switched off it checks a copy of the page's HTML
		// (with its styles, without its scripts) in a separate JavaScript-enabled page.
		const noScript = testInfo.project.use.javaScriptEnabled === false
		// (Playwright Test applies the project's options to new contexts too, so JavaScript is switched on explicitly.)
		const axeContext = noScript ? await browser.newContext({ javaScriptEnabled: true }) : null
		const visits: Visit[] = []
		const consoleErrors: string[] = []
		page.on('framenavigated', (frame) => {
			if (frame !== page.mainFrame()) return
			// Following a link to a fragment of the same page (a skip link) is not a new page.
			const [base, hash] = frame.url().split('#')
			if (hash !== undefined && visits.at(-1)?.url.split('#')[0] === base) return
			visits.push({ url: frame.url(), checked: false })
		})
		page.on('console', (message) => {
			if (message.type() !== 'error') return
			// A page served with its own error status (our 403 and 404 pages) is logged as a failed load of
			// the document itself: that is the status under test, not a broken resource.
			// Likewise a data request answered with a handled status (400 for a form error, 403, 404, 409).
			const location = message.location().url
			const expected = visits.some((v) => v.url === location) || /\.data(\?|$)/.test(location)
			if (expected && /^Failed to load resource: the server responded with a status of 4\d\d/.test(message.text())) return
			consoleErrors.push(`${message.text()} (${message.location().url})`)
		})
		page.on('pageerror', (error) => consoleErrors.push(error.message))
		const check = async (target: Page = page) => {
			await target.waitForLoadState('load')
			let subject = target
			if (axeContext) {
				subject = await axeContext.newPage()
				await subject.route('**/*.js', (route) => route.abort())
				const origin = new URL(target.url()).origin
				const html = (await target.content()).replace(/<head>/i, `<head><base href="${origin}/">`)
				await subject.setContent(html, { waitUntil: 'load' })
			}
			const results = await new AxeBuilder({ page: subject }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice']).analyze()
			const violations = results.violations.map((v) => `${v.id} (${v.impact}): ${v.help}\n    ${v.nodes.map((n) => n.target.join(' ')).join('\n    ')}`)
			expect(violations, `accessibility violations on ${target.url()}`).toEqual([])
			if (axeContext) await subject.close()
			for (const visit of visits) visit.checked = true
		}
		await use({ check })
		await axeContext?.close()
		const unchecked = visits.filter((v) => !v.checked).map((v) => v.url)
		expect(unchecked, 'pages visited without an accessibility check').toEqual([])
		expect(consoleErrors, 'browser console errors').toEqual([])
	},
})

export { expect }

export async function signIn(page: Page, a11y: { check: () => Promise<void> }, email: string, password = DEMO_PASSWORD) {
	await page.goto('/sign-in')
	await a11y.check()
	await page.getByLabel('Email address').fill(email)
	await page.getByLabel('Password').fill(password)
	await page.getByRole('button', { name: 'Sign in' }).click()
	await page.waitForURL((url) => !url.pathname.startsWith('/sign-in'))
	await a11y.check()
}

export async function signOut(page: Page, a11y: { check: () => Promise<void> }) {
	await page.getByRole('button', { name: 'Sign out' }).click()
	await page.waitForURL(/\/sign-in/)
	await a11y.check()
	await expect(page.getByRole('heading', { name: 'Sign in', level: 1 })).toBeVisible()
}
