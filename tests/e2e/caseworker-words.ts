// What a caseworker reads and finds (issue 13): the caseload's search finds a child whatever the view and filters; the
// chronology reads as words (no AMEND, no ISO dates, no 64-character hashes: a short file reference); a closed review
// still shows how late each of its own steps was; the header uses the service font. The SENCo first uploads a piece
// of evidence so the chronology has a file to name. Run twice: with JavaScript (caseworker-words.spec.ts) and without
// (caseworker-words.no-js.spec.ts); `which` keeps the two runs on different reviews.
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
	// The header's name and 'Sign out' are in the service font, not the browser's default.
	const header = page.getByRole('banner')
	for (const element of [header.getByText('Priya Shah'), header.getByRole('button', { name: 'Sign out' })])
		expect((await element.evaluate((e) => getComputedStyle(e).fontFamily)).toLowerCase()).toContain('arial')

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
