// What a caseworker reads and finds (issue 13): the caseload's search finds a child whatever the view and filters; the
// chronology reads as words (no AMEND, no ISO dates, no 64-character hashes: a short file reference); a closed review
// still shows how late each of its own steps was; the header's name and 'Sign out' use the page's font and the council's
// name reads on black. The SENCo first uploads a piece of evidence so the chronology has a file to name. Run twice: with
// JavaScript (caseworker-words.spec.ts) and without (caseworker-words.no-js.spec.ts); `which` keeps the two runs on
// different reviews.
import type { Page } from '@playwright/test'
import { PDFDocument, StandardFonts } from 'pdf-lib'
import { formatDate } from '#app/domain/calendar-date.ts'
import { e2eDb } from './db.ts'
import { expect, signIn, signOut, USERS } from './fixtures.ts'

type A11y = { check: () => Promise<void> }

const ISO_DATE = /\b\d{4}-\d{2}-\d{2}\b/
const HASH = /\b[0-9a-f]{64}\b/i
const CODES = /\b(AMEND|MAINTAIN|CEASE|CHILD_VIEWS|PARENT_VIEWS|NEEDS_PROVISION|RECOMMENDATION|ATTENDANCE|OUTCOMES|PFA)\b/

async function evidencePdf(title: string) {
	const doc = await PDFDocument.create()
	const font = await doc.embedFont(StandardFonts.Helvetica)
	doc.addPage().drawText(title, { x: 50, y: 700, size: 14, font })
	return Buffer.from(await doc.save())
}

/** The contrast ratio (WCAG 2.2) of two computed colours, 'rgb(r, g, b)'. */
function contrastRatio(a: string, b: string) {
	const luminance = (colour: string) => {
		const [r, g, b] = colour
			.match(/[\d.]+/g)!
			.slice(0, 3)
			.map((c) => (Number(c) / 255 <= 0.04045 ? Number(c) / 255 / 12.92 : ((Number(c) / 255 + 0.055) / 1.055) ** 2.4))
		return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!
	}
	const [lighter, darker] = [luminance(a), luminance(b)].sort((x, y) => y - x)
	return (lighter! + 0.05) / (darker! + 0.05)
}

/**
 * The header (issue 13): the user's name and 'Sign out' are in the page's own font (the header set none, so they had the
 * browser's default, Times New Roman), and the council's name reads on the black header (the global link colour won
 * over the header's white: link blue, 3.2:1). The visited colour is not checked: scripts cannot read it, and this
 * Chromium draws no visited state to read from the pixels.
 */
export async function expectReadableHeader(page: Page, userName: string) {
	const header = page.getByRole('banner')
	const serviceFont = await page.getByRole('heading', { level: 1 }).evaluate((e) => getComputedStyle(e).fontFamily)
	for (const [what, element] of [
		['the user’s name', header.getByText(userName)],
		['Sign out', header.getByRole('button', { name: 'Sign out' })],
	] as const)
		expect.soft(await element.evaluate((e) => getComputedStyle(e).fontFamily), `${what} in the page’s font`).toBe(serviceFont)
	const background = await header.evaluate((e) => getComputedStyle(e).backgroundColor)
	const colour = await header.getByRole('link').evaluate((e) => getComputedStyle(e).color)
	expect(contrastRatio(colour, background), `the council’s name (${colour}) on ${background}`).toBeGreaterThanOrEqual(4.5)
}

export async function caseworkerWordsJourney(page: Page, a11y: A11y, which: 0 | 1) {
	const db = await e2eDb()
	const priya = await db.user.findUniqueOrThrow({ where: { email: USERS.caseworker }, select: { id: true, laId: true } })
	const senco = await db.user.findUniqueOrThrow({ where: { email: USERS.senco }, select: { schoolId: true } })
	// A draft of the SENCo's school; a submitted review of the council that is not Priya's; a closed review with a final plan.
	const draft = await db.annualReview.findFirstOrThrow({
		where: { status: 'DRAFT', schoolId: senco.schoolId!, child: { schoolId: senco.schoolId! } },
		orderBy: { id: 'desc' },
		skip: which,
		select: { id: true },
	})
	const submitted = await db.annualReview.findFirstOrThrow({
		where: { status: 'SUBMITTED', laId: priya.laId!, child: { laId: priya.laId!, OR: [{ caseworkerId: null }, { caseworkerId: { not: priya.id } }] } },
		orderBy: { id: 'desc' },
		skip: which,
		select: { id: true, child: { select: { firstName: true, lastName: true, upn: true } } },
	})
	const closed = await db.annualReview.findFirstOrThrow({
		where: { status: 'CLOSED', laId: priya.laId!, finalPlan: { isNot: null }, decision: { isNot: null } },
		orderBy: { dueOn: 'desc' },
		select: { id: true, dueOn: true },
	})
	const childName = `${submitted.child.firstName} ${submitted.child.lastName}`

	// The SENCo uploads a piece of evidence to their draft.
	await signIn(page, a11y, USERS.senco)
	await page.goto(`/reviews/${draft.id}/evidence`)
	await a11y.check()
	await page.getByLabel('What is it?').fill('Occupational therapy advice')
	await page.getByLabel('Upload a file').setInputFiles({ name: 'ot-advice.pdf', mimeType: 'application/pdf', buffer: await evidencePdf('OT advice') })
	await page.getByRole('button', { name: 'Upload the evidence' }).click()
	await page.waitForURL(/uploaded=/)
	await a11y.check()
	await signOut(page, a11y)

	await signIn(page, a11y, USERS.caseworker)
	await expect(page).toHaveURL(/\/caseload\?view=mine/)
	await expectReadableHeader(page, 'Priya Shah')

	// From 'My caseload' filtered to drafts, a search for another caseworker's submitted review finds it.
	await page.getByText('Filter the caseload').click()
	await page.getByLabel('Review status').selectOption({ label: 'Draft' })
	await page.getByRole('button', { name: 'Apply filters' }).click()
	await page.waitForURL(/status=DRAFT/)
	await a11y.check()
	await expect(page.getByRole('link', { name: childName, exact: true })).toHaveCount(0)
	await page.getByLabel('Name or UPN').fill(submitted.child.upn)
	await page.getByRole('button', { name: 'Apply filters' }).click()
	await page.waitForURL(/q=/)
	await a11y.check()
	await expect(page.getByText(/Searched every child of .+ for ‘.+’, whatever their caseworker, school or review status/)).toBeVisible()
	await page
		.getByRole('table', { name: /^On the caseload, matching/ })
		.getByRole('link', { name: childName, exact: true })
		.click()
	await page.waitForURL(new RegExp(`/council/reviews/${submitted.id}$`))
	await a11y.check()

	// A decision to amend: the chronology says so in words.
	await page.getByRole('link', { name: 'Make the decision' }).click()
	await a11y.check()
	await page.getByRole('radio', { name: 'Amend the plan' }).check()
	await page.getByLabel('Reasons for the decision').fill('The evidence shows the needs have changed.')
	await page.getByRole('button', { name: 'Continue' }).click()
	await page.waitForURL(/\/notice$/)
	await a11y.check()
	await page.goto(`/council/reviews/${submitted.id}`)
	await a11y.check()
	const chronology = page.getByRole('table', { name: 'Everything that happened in this review, oldest first' })
	await expect(chronology.getByRole('row', { name: /Council decision made/ })).toContainText('Decision: amend the plan')
	for (const raw of [ISO_DATE, HASH, CODES]) await expect(chronology).not.toContainText(raw)

	// The draft's evidence is named by a short file reference, not its hash.
	await page.goto(`/council/reviews/${draft.id}`)
	await a11y.check()
	const draftChronology = page.getByRole('table', { name: 'Everything that happened in this review, oldest first' })
	await expect(draftChronology.getByRole('row', { name: /Evidence uploaded/ }).last()).toContainText(/ot-advice\.pdf \(file reference [0-9a-f]{8}\)/)
	for (const raw of [ISO_DATE, HASH, CODES]) await expect(draftChronology).not.toContainText(raw)

	// A closed review keeps the record of its own steps: its own due date, and how late each step was.
	await page.goto(`/council/reviews/${closed.id}`)
	await a11y.check()
	const clocks = page.getByRole('table', { name: 'Statutory clocks' })
	await expect(clocks.getByRole('row', { name: /Annual review meeting/ })).toContainText(formatDate(closed.dueOn))
	await expect(clocks.getByRole('row', { name: /Final amended plan issued|Council decision/ }).first()).toContainText(/Met on/)
	await signOut(page, a11y)
}

/** The timeliness period is chosen as a month and a year for each end (12 months, a few years), not from 72 months. */
export async function timelinessPeriodJourney(page: Page, a11y: A11y) {
	await signIn(page, a11y, USERS.manager)
	await page.goto('/timeliness')
	await a11y.check()
	const from = page.getByRole('group', { name: 'From the start of' })
	const to = page.getByRole('group', { name: 'To the end of' })
	await expect(from.getByLabel('Month').locator('option')).toHaveCount(12)
	expect(await from.getByLabel('Year').locator('option').count()).toBeLessThanOrEqual(7)
	const lastYear = String(new Date().getUTCFullYear() - 1)
	await from.getByLabel('Month').selectOption({ label: 'March' })
	await from.getByLabel('Year').selectOption(lastYear)
	await to.getByLabel('Month').selectOption({ label: 'August' })
	await to.getByLabel('Year').selectOption(lastYear)
	await page.getByRole('button', { name: 'Show figures' }).click()
	await page.waitForURL(/fromMonth=03/)
	await a11y.check()
	await expect(page.getByText(`March ${lastYear} to August ${lastYear}`).first()).toBeVisible()
	// The form shows the period it is on.
	await expect(from.getByLabel('Month')).toHaveValue('03')
	await expect(to.getByLabel('Year')).toHaveValue(lastYear)
	await signOut(page, a11y)
}
