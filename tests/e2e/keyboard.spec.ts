// A keyboard-only journey (WCAG 2.1.1): Tab, Shift+Tab, Enter and Space, and typing into the fields; no clicks. The
// SENCo signs in, opens a part of their review from the task list, answers it and saves it; the caseworker signs in,
// opens a review waiting for representations and records one. Every control is reached by Tab and pressed by key.
import type { Locator, Page } from '@playwright/test'
import { e2eDb } from './db.ts'
import { expect, test, USERS, DEMO_PASSWORD } from './fixtures.ts'

type A11y = { check: () => Promise<void> }

/** Presses Tab until the control has the focus (as a keyboard user would), failing if it is never reached. */
async function tabTo(page: Page, target: Locator, most = 250) {
	for (let i = 0; i < most; i++) {
		if (await target.evaluate((e) => e === document.activeElement).catch(() => false)) return
		await page.keyboard.press('Tab')
	}
	throw new Error(`never reached by Tab: ${target}`)
}

async function typeInto(page: Page, field: Locator, text: string) {
	await tabTo(page, field)
	await page.keyboard.type(text)
}

async function signInByKeyboard(page: Page, a11y: A11y, email: string) {
	await page.goto('/sign-in')
	await a11y.check()
	await typeInto(page, page.getByLabel('Email address'), email)
	await typeInto(page, page.getByLabel('Password'), DEMO_PASSWORD)
	await tabTo(page, page.getByRole('button', { name: 'Sign in' }))
	await page.keyboard.press('Enter')
	await page.waitForURL((url) => !url.pathname.startsWith('/sign-in'))
	await a11y.check()
}

async function signOutByKeyboard(page: Page, a11y: A11y) {
	await tabTo(page, page.getByRole('button', { name: 'Sign out' }))
	await page.keyboard.press('Enter')
	await page.waitForURL(/\/sign-in/)
	await a11y.check()
}

test('by keyboard alone, a SENCo saves a part of their review and a caseworker records a representation', async ({ page, a11y }) => {
	test.slow()
	const db = await e2eDb()
	const senco = await db.user.findUniqueOrThrow({ where: { email: USERS.senco }, select: { schoolId: true } })
	const draft = await db.annualReview.findFirstOrThrow({
		where: { status: 'DRAFT', schoolId: senco.schoolId!, child: { schoolId: senco.schoolId! } },
		orderBy: { id: 'asc' },
		select: { id: true },
	})
	const noticed = await db.annualReview.findFirstOrThrow({
		where: { status: { in: ['NOTICE_ISSUED', 'REPRESENTATIONS'] }, la: { code: '886' } },
		orderBy: { id: 'asc' },
		select: { id: true },
	})

	// The SENCo: the parents' views, from the task list, saved as complete.
	await signInByKeyboard(page, a11y, USERS.senco)
	await page.goto(`/reviews/${draft.id}`)
	await a11y.check()
	await tabTo(page, page.getByRole('link', { name: 'Parents’ or carers’ views' }))
	await page.keyboard.press('Enter')
	await page.waitForURL(/\/parts\/parent-views$/)
	await a11y.check()
	const views = page.getByLabel('The parents’ or carers’ views')
	await tabTo(page, views)
	await page.keyboard.press('Control+A')
	await page.keyboard.type('Typed by keyboard alone: we are pleased with the progress in reading.')
	const who = page.getByLabel('Who gave these views')
	await tabTo(page, who)
	await page.keyboard.press('Control+A')
	await page.keyboard.type('Father, by telephone')
	await tabTo(page, page.getByRole('radio', { name: 'Yes, I’ve completed this section' }))
	await page.keyboard.press('Space')
	await expect(page.getByRole('radio', { name: 'Yes, I’ve completed this section' })).toBeChecked()
	await tabTo(page, page.getByRole('button', { name: 'Save and continue' }))
	await page.keyboard.press('Enter')
	await page.waitForURL(new RegExp(`/reviews/${draft.id}(#task-list)?$`))
	await a11y.check()
	await expect(page.locator('.govuk-task-list__item', { hasText: 'Parents’ or carers’ views' })).toContainText('Completed')
	await signOutByKeyboard(page, a11y)

	// The caseworker: a representation recorded from the review page.
	await signInByKeyboard(page, a11y, USERS.caseworker)
	await page.goto(`/council/reviews/${noticed.id}`)
	await a11y.check()
	await tabTo(page, page.getByRole('link', { name: 'Record a representation' }))
	await page.keyboard.press('Enter')
	await page.waitForURL(/\/representations\/new$/)
	await a11y.check()
	const from = page.getByLabel('Who made it')
	await tabTo(page, from)
	await page.keyboard.press('Control+A')
	await page.keyboard.type('Mr Okafor (father), by keyboard')
	await typeInto(page, page.getByLabel('What they said'), 'We agree with the amendments, recorded by keyboard alone.')
	await tabTo(page, page.getByRole('button', { name: 'Record the representation' }))
	await page.keyboard.press('Enter')
	await page.waitForURL(new RegExp(`/council/reviews/${noticed.id}$`))
	await a11y.check()
	await expect(page.getByText('We agree with the amendments, recorded by keyboard alone.').first()).toBeVisible()
	await signOutByKeyboard(page, a11y)
})
