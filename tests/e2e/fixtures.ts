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
	a11y: async ({ page }, use) => {
		const visits: Visit[] = []
		const consoleErrors: string[] = []
		page.on('framenavigated', (frame) => {
			if (frame === page.mainFrame()) visits.push({ url: frame.url(), checked: false })
		})
		page.on('console', (message) => {
			if (message.type() === 'error') consoleErrors.push(message.text())
		})
		page.on('pageerror', (error) => consoleErrors.push(error.message))
		const check = async (target: Page = page) => {
			await target.waitForLoadState('load')
			const results = await new AxeBuilder({ page: target }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice']).analyze()
			const violations = results.violations.map((v) => `${v.id} (${v.impact}): ${v.help}\n    ${v.nodes.map((n) => n.target.join(' ')).join('\n    ')}`)
			expect(violations, `accessibility violations on ${target.url()}`).toEqual([])
			for (const visit of visits) visit.checked = true
		}
		await use({ check })
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
