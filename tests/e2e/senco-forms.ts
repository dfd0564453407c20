// The SENCo's forms that were slow or surprising (issue 13), as one journey run twice: with JavaScript
// (senco-forms.spec.ts) and without (senco-forms.no-js.spec.ts). Scheduling with add-another invitee rows, the
// caseworker and parent filled in, times as people type them; evidence that empties its form after an upload,
// refuses the same file twice and asks before removing; "Fix this" coming back to check your answers; the child's
// views asking who recorded them and how they communicated under the answer they belong to.
import type { Page } from '@playwright/test'
import { PDFDocument, StandardFonts } from 'pdf-lib'
import { addDays, todayInLondon } from '#app/domain/calendar-date.ts'
import { childrenReadyForReview, e2eDb } from './db.ts'
import { expect, signIn, USERS } from './fixtures.ts'

type A11y = { check: () => Promise<void> }

async function reportPdf(phrase: string) {
	const doc = await PDFDocument.create()
	const font = await doc.embedFont(StandardFonts.Helvetica)
	doc.addPage().drawText(phrase, { x: 50, y: 700, size: 14, font })
	return Buffer.from(await doc.save())
}

const people = (page: Page) => page.getByRole('group', { name: /^Person \d+$/ })

/** `parity` keeps the two runs on different children; both take the last such child (senco-review.ts takes the first). */
export async function sencoFormsJourney(page: Page, a11y: A11y, parity: 0 | 1, javaScript: boolean) {
	const child = (await childrenReadyForReview(USERS.senco)).filter((c) => Number(c.upn.at(-1)) % 2 === parity).at(-1)!
	const db = await e2eDb()
	const { parentName, caseworker } = await db.child.findUniqueOrThrow({
		where: { id: child.id },
		select: { parentName: true, caseworker: { select: { name: true, active: true } } },
	})
	await signIn(page, a11y, USERS.senco)

	// Scheduling: the parent, the child's caseworker and the SENCo are the first rows; no empty rows to scroll past.
	await page.goto(`/children/${child.id}/reviews/new`)
	await a11y.check()
	const prefilled = caseworker?.active ? 3 : 2
	await expect(people(page)).toHaveCount(prefilled)
	await expect(people(page).nth(0).getByLabel('Who they are')).toHaveValue('PARENT')
	await expect(people(page).nth(0).getByLabel('Name')).toHaveValue(parentName)
	if (caseworker?.active) {
		await expect(people(page).nth(1).getByLabel('Who they are')).toHaveValue('LA_OFFICER')
		await expect(people(page).nth(1).getByLabel('Name')).toHaveValue(caseworker.name)
	}
	const height = await page.evaluate(() => document.documentElement.scrollHeight)
	expect(height).toBeLessThan(3600)

	const meeting = addDays(todayInLondon(new Date()), 20)
	const meetingDate = page.getByRole('group', { name: 'Date of the review meeting' })
	await meetingDate.getByLabel('Day').fill(String(Number(meeting.slice(8))))
	await meetingDate.getByLabel('Month').fill(String(Number(meeting.slice(5, 7))))
	await meetingDate.getByLabel('Year').fill(meeting.slice(0, 4))
	await page.getByLabel('Time of the meeting').fill('quarter past two')

	// "Add another person": one more row, everything typed kept (a round trip without JavaScript too).
	await page.getByRole('button', { name: 'Add another person' }).click()
	await expect(people(page)).toHaveCount(prefilled + 1)
	await a11y.check()
	await expect(page.getByLabel('Time of the meeting')).toHaveValue('quarter past two')
	await expect(meetingDate.getByLabel('Day')).toHaveValue(String(Number(meeting.slice(8))))
	const added = people(page).last()
	if (javaScript) await expect(added.getByLabel('Who they are')).toBeFocused()
	await added.getByLabel('Who they are').selectOption('HEALTH')
	await added.getByLabel('Name').fill('Dr Anna Price')
	await added.getByLabel('Email address (optional)').fill('anna.price@nhs.example.org')
	// A row added by mistake is removed again; the others stay as typed.
	await page.getByRole('button', { name: 'Add another person' }).click()
	await expect(people(page)).toHaveCount(prefilled + 2)
	await a11y.check()
	await page.getByRole('button', { name: `Remove person ${prefilled + 2}` }).click()
	await expect(people(page)).toHaveCount(prefilled + 1)
	await a11y.check()
	await expect(people(page).last().getByLabel('Name')).toHaveValue('Dr Anna Price')

	// A time that is not a time: a clear error, the page title says so, and what was typed stays.
	await page.getByRole('button', { name: 'Schedule the review' }).click()
	await expect(page.getByRole('alert')).toContainText('Enter the time of the meeting as a time of day, like 9:30am, 2pm or 14:30')
	await expect(page).toHaveTitle(/^Error: /)
	await a11y.check()
	await expect(people(page).last().getByLabel('Name')).toHaveValue('Dr Anna Price')
	// Times as people type them.
	await page.getByLabel('Time of the meeting').fill('2.15 pm')
	await page.getByRole('button', { name: 'Schedule the review' }).click()
	await page.waitForURL(/\/reviews\/[^/]+$/)
	await a11y.check()
	await expect(page.getByText(/ at 14:15/)).toBeVisible()
	await expect(page.getByText('Dr Anna Price')).toBeVisible()
	const reviewUrl = page.url()

	// Evidence: after an upload the form is empty and the page says what was added.
	await page.getByRole('link', { name: 'Evidence and advice' }).click()
	await a11y.check()
	const pdf = await reportPdf(`SALT-${child.upn}`)
	await page.getByLabel('What is it?').fill('Speech and language therapy report')
	await page.getByLabel('Upload a file').setInputFiles({ name: 'salt-report.pdf', mimeType: 'application/pdf', buffer: pdf })
	await page.getByRole('button', { name: 'Upload the evidence' }).click()
	await page.waitForURL(/uploaded=/)
	await a11y.check()
	await expect(page.getByRole('alert')).toContainText('‘Speech and language therapy report’ has been uploaded')
	await expect(page.getByLabel('What is it?')).toHaveValue('')
	await expect(page.getByLabel('Upload a file')).toHaveValue('')
	// The same file again is refused, naming the one already uploaded.
	await page.getByLabel('What is it?').fill('SALT report')
	await page.getByLabel('Upload a file').setInputFiles({ name: 'salt-report-copy.pdf', mimeType: 'application/pdf', buffer: pdf })
	await page.getByRole('button', { name: 'Upload the evidence' }).click()
	await expect(page.getByRole('alert')).toContainText('This file has already been uploaded, as ‘Speech and language therapy report’ (salt-report.pdf)')
	await a11y.check()
	await expect(page.getByRole('table', { name: 'Uploaded evidence' }).getByRole('row')).toHaveCount(2)
	// Remove asks first; "No, keep it" keeps it.
	await page.getByRole('link', { name: 'Remove Speech and language therapy report' }).click()
	await page.waitForURL(/\/remove$/)
	await a11y.check()
	await expect(page.getByRole('heading', { name: 'Are you sure you want to remove ‘Speech and language therapy report’?' })).toBeVisible()
	await page.getByRole('link', { name: 'No, keep it' }).click()
	await page.waitForURL(/\/evidence$/)
	await a11y.check()
	await expect(page.getByRole('table', { name: 'Uploaded evidence' })).toContainText('Speech and language therapy report')
	await page.getByRole('link', { name: 'Remove Speech and language therapy report' }).click()
	await page.waitForURL(/\/remove$/)
	await a11y.check()
	await page.getByRole('button', { name: 'Yes, remove it' }).click()
	await page.waitForURL(/removed=1/)
	await a11y.check()
	await expect(page.getByRole('alert')).toContainText('The evidence has been removed')
	await expect(page.getByText('No evidence has been uploaded.')).toBeVisible()

	// "Fix this" on check your answers: the child's views, then straight back to the check.
	await page.goto(`${reviewUrl}/check`)
	await a11y.check()
	await page
		.locator('.app-quality-list li', { hasText: 'Section A' })
		.getByRole('link', { name: /Fix this/ })
		.first()
		.click()
	await page.waitForURL(/\/parts\/child-views\?returnTo=check$/)
	await a11y.check()

	// The child's views: who recorded them and how they communicated sit under the answers they belong to.
	const supported = page.locator('#part-child_views-pathway-supported-conditional')
	const observation = page.locator('#part-child_views-pathway-observation-conditional')
	if (javaScript) {
		await expect(page.getByLabel('Who recorded them, and their role')).toBeHidden()
		await expect(page.getByLabel('How they communicated')).toBeHidden()
		await page.getByRole('radio', { name: 'A supported conversation' }).check()
		await expect(supported.getByLabel('Who recorded them, and their role')).toBeVisible()
		await expect(page.getByLabel('How they communicated')).toBeHidden()
		await supported.getByLabel('Who recorded them, and their role').fill('Mrs Khan, teaching assistant')
		await page.getByRole('radio', { name: 'Observation and communication aids' }).check()
		await expect(observation.getByLabel('Who recorded them, and their role')).toHaveValue('Mrs Khan, teaching assistant')
		await expect(observation.getByLabel('How they communicated')).toBeVisible()
		await page.getByRole('radio', { name: 'Written by the child' }).check()
		await expect(page.getByLabel('Who recorded them, and their role')).toBeHidden()
		await page.getByRole('radio', { name: 'Observation and communication aids' }).check()
	} else {
		// Without JavaScript every question shows, each under the first answer it belongs to.
		await expect(supported.getByLabel('Who recorded them, and their role')).toBeVisible()
		await expect(observation.getByLabel('How they communicated')).toBeVisible()
		await page.getByRole('radio', { name: 'Observation and communication aids' }).check()
		await supported.getByLabel('Who recorded them, and their role').fill('Mrs Khan, teaching assistant')
	}
	await observation.getByLabel('How they communicated').fill('Symbols on a PECS board')
	await page.getByLabel('Their views, in their own words').fill('I like the trampoline. I do not like the loud hall.')
	await page.getByRole('radio', { name: 'Yes, I’ve completed this section' }).check()
	await page.getByRole('button', { name: 'Save and continue' }).click()
	await page.waitForURL(/\/check$/)
	await a11y.check()
	await expect(page.getByText('Mrs Khan, teaching assistant')).toBeVisible()
	await expect(page.getByText('Symbols on a PECS board')).toBeVisible()
}
