// Fixtures for the journeys: every page a journey visits must be checked with axe-core (WCAG 2.2 AA)
// before the journey moves on, and any browser console error fails the journey.
import { createHash } from 'node:crypto'
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

const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice']

// Documents axe has already passed in this worker, by a hash of their HTML (without the per-request CSP
// nonce): a journey that comes back to a page in exactly the same state (the sign-in page of every journey,
// a form shown again) is not checked twice. axe's answer depends only on the document, its styles and the
// viewport, which are the same for every test of a project.
const passed = new Set<string>()

// With JavaScript, a page is ready to check (and to use) once React has hydrated it and has rendered the
// router's latest location: React Router changes the address first and renders the new page afterwards, in a
// transition, so an address alone does not say which page is on screen. React reports every render it commits to
// the hook React DevTools uses (production builds too); the probe counts them.
function installRenderProbe() {
	let commits = 0
	let commitsAtAddressChange = 0
	const hook = {
		supportsFiber: true,
		inject: () => 1,
		onCommitFiberRoot: () => void commits++,
		onCommitFiberUnmount() {},
		onPostCommitFiberRoot() {},
		checkDCE() {},
	}
	// Navigation API: the address changed, by a document load or by history.pushState/replaceState.
	;(window as unknown as { navigation: EventTarget }).navigation.addEventListener('currententrychange', () => void (commitsAtAddressChange = commits))
	const rendered = () => {
		const router = (window as unknown as { __reactRouterDataRouter?: { state: { navigation: { state: string } } } }).__reactRouterDataRouter
		return !!router && router.state.navigation.state === 'idle' && commits > commitsAtAddressChange
	}
	Object.assign(window, { __REACT_DEVTOOLS_GLOBAL_HOOK__: hook, __e2eRendered: rendered })
}

export const test = base.extend<{ a11y: { check: (page?: Page) => Promise<void> } }>({
	a11y: async ({ page, browser }, use, testInfo) => {
		// axe runs inside the page, so with JavaScript switched off it checks a copy of the page's HTML
		// (with its styles, without its scripts) in a separate JavaScript-enabled page, one per test.
		const noScript = testInfo.project.use.javaScriptEnabled === false
		// (Playwright Test applies the project's options to new contexts too, so JavaScript is switched on explicitly.)
		const axeContext = noScript ? await browser.newContext({ javaScriptEnabled: true }) : null
		let axePage: Page | undefined
		if (!noScript) await page.context().addInitScript(installRenderProbe)
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
			if (!noScript) await target.waitForFunction(() => (window as unknown as { __e2eRendered: () => boolean }).__e2eRendered())
			const html = await target.content()
			const key = `${testInfo.project.name} ${createHash('sha256')
				.update(html.replace(/ nonce="[^"]*"/g, ''))
				.digest('base64')}`
			if (!passed.has(key)) {
				let subject = target
				if (axeContext) {
					if (!axePage) {
						axePage = await axeContext.newPage()
						await axePage.route('**/*.js', (route) => route.abort())
					}
					subject = axePage
					const origin = new URL(target.url()).origin
					await subject.setContent(html.replace(/<head>/i, `<head><base href="${origin}/">`), { waitUntil: 'load' })
				}
				// Legacy mode runs axe.run() in the page (and any same-origin frames) rather than axe.runPartial()
				// in each frame and axe.finishRun() in a new blank page: the same rules on the same nodes, without
				// opening a page and loading axe into it for every check. Only violations are kept in full (the
				// passes' nodes are never read). On a busy 2-core machine the two took axe on the timeliness page
				// from 13-15 s to 3-4 s, and on the caseload from 5-7 s to 3 s.
				const results = await new AxeBuilder({ page: subject })
					.withTags(AXE_TAGS)
					.options({ resultTypes: ['violations'] })
					.setLegacyMode(true)
					.analyze()
				const violations = results.violations.map(
					(v) => `${v.id} (${v.impact}): ${v.help}\n    ${v.nodes.map((n) => n.target.join(' ')).join('\n    ')}`,
				)
				expect(violations, `accessibility violations on ${target.url()}`).toEqual([])
				passed.add(key)
			}
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
