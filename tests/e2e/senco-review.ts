// The SENCo's whole annual review, as a journey: schedule, every part, evidence, a proposal linked to
// it, the quality check, submission, and the record and bundle read back from their PDFs. Run twice:
// with JavaScript (senco-review.spec.ts) and without (senco-review.no-js.spec.ts).
import type { Page } from '@playwright/test'
import { PDFDocument, StandardFonts } from 'pdf-lib'
import { addDays, todayInLondon, formatDate } from '#app/domain/calendar-date.ts'
import { childrenReadyForReview, e2eDb } from './db.ts'
import { expect, signIn, USERS } from './fixtures.ts'
import { pdfText } from './pdf.ts'

type A11y = { check: () => Promise<void> }

const VAGUE = 'Access to a quiet space as required.'
const SPECIFIC =
	'30 minutes of 1:1 speech and language therapy, three times a week, delivered by a teaching assistant trained by the NHS speech and language therapist, reviewed each half term.'

async function evidencePdf(phrase: string) {
	const doc = await PDFDocument.create()
	const font = await doc.embedFont(StandardFonts.Helvetica)
	for (let i = 1; i <= 2; i++) doc.addPage().drawText(`${phrase} page ${i}`, { x: 50, y: 700, size: 14, font })
	return Buffer.from(await doc.save())
}

/** Marks the open part completed, saves it and waits for the task list. */
export async function saveAndContinue(page: Page, a11y: A11y) {
	await page.getByRole('radio', { name: 'Yes, I’ve completed this section' }).check()
	await page.getByRole('button', { name: 'Save and continue' }).click()
	await page.waitForURL(/\/reviews\/[^/]+(#task-list)?$/)
	await a11y.check()
}

/** From the task list: every outcome progressing and continuing, with its evidence; saved as completed. Returns how many outcomes. */
export async function outcomesProgressing(page: Page, a11y: A11y) {
	await page.getByRole('link', { name: 'Progress against outcomes' }).click()
	await a11y.check()
	const outcomes = await page.getByRole('group', { name: /^Progress towards outcome \d+$/ }).count()
	for (let i = 1; i <= outcomes; i++) {
		await page
			.getByRole('group', { name: `Progress towards outcome ${i}` })
			.getByRole('radio', { name: 'Progressing' })
			.check()
		await page.getByLabel(`Evidence of progress towards outcome ${i}`).fill(`Termly assessment shows steady progress on outcome ${i}.`)
		await page
			.getByRole('group', { name: `Should outcome ${i} continue, change or end?` })
			.getByRole('radio', { name: 'Continue' })
			.check()
	}
	await saveAndContinue(page, a11y)
	return outcomes
}

/** `parity` keeps the two runs (with and without JavaScript) on different children when they run at once. */
export async function sencoReviewJourney(page: Page, a11y: A11y, parity: 0 | 1) {
	const child = (await childrenReadyForReview(USERS.senco)).find((c) => Number(c.upn.at(-1)) % 2 === parity)!
	const childName = `${child.firstName} ${child.lastName}`
	const phrase = `EVIDENCE-${child.upn}`
	await signIn(page, a11y, USERS.senco)

	// Find the child and schedule the review (meeting held 3 days ago).
	await page.getByLabel('Search by name or UPN').fill(child.upn)
	await page.getByRole('button', { name: 'Search' }).click()
	await page.waitForURL(/q=/)
	await a11y.check()
	await page.getByRole('link', { name: childName, exact: true }).click()
	await page.waitForURL(/\/children\//)
	await a11y.check()
	await page.getByRole('link', { name: 'Start the annual review' }).click()
	await page.waitForURL(/\/reviews\/new$/)
	await a11y.check()
	const meeting = addDays(todayInLondon(new Date()), -3)
	const [y, m, d] = meeting.split('-')
	// A bad time first: the error summary appears and the date typed is kept.
	const meetingDate = page.getByRole('group', { name: 'Date of the review meeting' })
	await meetingDate.getByLabel('Day').fill(String(Number(d)))
	await meetingDate.getByLabel('Month').fill(String(Number(m)))
	await meetingDate.getByLabel('Year').fill(y!)
	await page.getByLabel('Time of the meeting').fill('half past ten')
	await page.getByRole('button', { name: 'Schedule the review' }).click()
	await expect(page.getByRole('alert')).toContainText('Enter the time of the meeting as a time of day')
	await a11y.check()
	await expect(meetingDate.getByLabel('Day')).toHaveValue(String(Number(d)))
	await page.getByLabel('Time of the meeting').fill('10:30')
	// The invitations went out 3 weeks before the meeting (reg 20(3)): recorded, so the clock counts them met.
	const invited = addDays(meeting, -21)
	const invitations = page.getByRole('group', { name: 'Invitations sent (optional)' })
	await invitations.getByLabel('Day').fill(String(Number(invited.slice(8))))
	await invitations.getByLabel('Month').fill(String(Number(invited.slice(5, 7))))
	await invitations.getByLabel('Year').fill(invited.slice(0, 4))
	await page.getByRole('button', { name: 'Add another person' }).click()
	await a11y.check()
	const third = page.getByRole('group', { name: /^Person \d+$/ }).last()
	await expect(third.getByLabel('Name')).toHaveValue('')
	await third.getByLabel('Who they are').selectOption('HEALTH')
	await third.getByLabel('Name').fill('Dr Anna Price')
	await third.getByLabel('Email address (optional)').fill('anna.price@nhs.example.org')
	await page.getByRole('button', { name: 'Schedule the review' }).click()
	await page.waitForURL(/\/reviews\/[^/]+$/)
	await a11y.check()
	await expect(page.getByRole('heading', { name: 'Annual review', level: 1 })).toBeVisible()
	await expect(page.getByRole('table', { name: 'Dates the law sets' })).toContainText('Council decision')
	await expect(page.getByRole('row', { name: /Meeting invitations sent/ })).toContainText(`Met on ${formatDate(invited)}`)
	const reviewUrl = page.url()

	// The child's voice, by a pathway that is not written.
	await page.getByRole('link', { name: 'The child’s or young person’s views' }).click()
	await a11y.check()
	await page.getByRole('radio', { name: 'Observation and communication aids' }).check()
	await page.getByLabel('Their views, in their own words').fill('I like the trampoline and the sensory room. I do not like the loud hall at lunch.')
	await page.getByLabel(/Who recorded them/).fill('Mrs Khan, teaching assistant who has worked with them for two years')
	await page.getByLabel(/How they communicated/).fill('Symbols on a PECS board and Makaton signs, observed over three sessions')
	await saveAndContinue(page, a11y)

	await page.getByRole('link', { name: 'Parents’ or carers’ views' }).click()
	await a11y.check()
	await page
		.getByLabel('The parents’ or carers’ views')
		.fill('We are pleased with progress in reading. We worry about lunchtimes and the move to secondary school.')
	await page.getByLabel('Who gave these views').fill('Mother, in writing before the meeting')
	await saveAndContinue(page, a11y)

	expect(await outcomesProgressing(page, a11y)).toBeGreaterThan(0)

	await page.getByRole('link', { name: 'Changes in needs and provision' }).click()
	await a11y.check()
	for (const s of ['B', 'C', 'D', 'F', 'G', 'H1', 'H2', 'I', 'J', 'K'])
		await page.getByLabel(`Changes in section ${s}`, { exact: true }).fill(s === 'F' ? 'Therapy to increase; see proposal.' : 'No change')
	await saveAndContinue(page, a11y)

	// Evidence: a refused file keeps the title; then a real PDF report.
	await page.getByRole('link', { name: 'Evidence and advice' }).click()
	await a11y.check()
	await page.getByLabel('What is it?').fill('Speech and language therapy report')
	await page
		.getByLabel('Upload a file')
		.setInputFiles({ name: 'report.pdf', mimeType: 'application/pdf', buffer: Buffer.from('MZ\x90\x00 this is not a pdf') })
	await page.getByRole('button', { name: 'Upload the evidence' }).click()
	await expect(page.getByRole('alert')).toContainText('The selected file must be a PDF, Word document (DOC or DOCX), JPEG or PNG')
	await a11y.check()
	await expect(page.getByLabel('What is it?')).toHaveValue('Speech and language therapy report')
	await page.getByLabel('Upload a file').setInputFiles({ name: 'salt-report.pdf', mimeType: 'application/pdf', buffer: await evidencePdf(phrase) })
	await page.getByRole('button', { name: 'Upload the evidence' }).click()
	await page.waitForURL(/uploaded=/)
	await a11y.check()
	await expect(page.getByRole('table', { name: 'Uploaded evidence' })).toContainText('Speech and language therapy report')
	await page.goto(reviewUrl)
	await a11y.check()

	// An amendment proposal for section F, linked to the report, first in vague words.
	await page.getByRole('link', { name: 'Amendment proposals' }).click()
	await a11y.check()
	await page.getByRole('link', { name: 'Propose an amendment' }).click()
	await a11y.check()
	await page.getByLabel('Which section of the plan?').selectOption('F')
	await page.getByRole('button', { name: 'Continue' }).click()
	await page.waitForURL(/section=F/)
	await a11y.check()
	const currentF = (await page.locator('.govuk-inset-text').innerText()).trim()
	await page.getByLabel('The wording you propose').fill(VAGUE)
	await page.getByLabel('Why the plan should change').fill('The therapy report recommends more direct therapy.')
	await page.getByRole('checkbox', { name: /Speech and language therapy report/ }).check()
	await page.getByRole('button', { name: 'Save the proposal' }).click()
	await page.waitForURL(/\/proposals$/)
	await a11y.check()
	await expect(page.locator('del').first()).toBeVisible()
	await page.goto(reviewUrl)
	await a11y.check()

	await page.getByRole('link', { name: 'The meeting’s recommendation' }).click()
	await a11y.check()
	await page.getByRole('radio', { name: 'Amend the plan' }).check()
	await page.getByLabel('Reasons for the recommendation').fill('Needs in communication have changed; therapy should increase.')
	await page.getByRole('group', { name: 'Did everyone at the meeting agree?' }).getByRole('radio', { name: 'Yes' }).check()
	await saveAndContinue(page, a11y)

	await page.getByRole('link', { name: 'Attendance and advice' }).click()
	await a11y.check()
	const invitees = await page.getByRole('group', { name: /^Did .* attend\?$/ }).count()
	for (let i = 0; i < invitees; i++) {
		await page
			.getByRole('group', { name: /^Did .* attend\?$/ })
			.nth(i)
			.getByRole('radio', { name: 'Yes' })
			.check()
		await page
			.getByRole('group', { name: /^Did .* give advice or information\?$/ })
			.nth(i)
			.getByRole('radio', { name: 'Yes' })
			.check()
	}
	await saveAndContinue(page, a11y)

	// The quality check flags the vague provision; fix it from the link.
	await page.getByRole('link', { name: 'Check answers and submit' }).click()
	await a11y.check()
	const quality = page.locator('.app-quality-list')
	await expect(quality).toContainText(/access to/i)
	await quality
		.locator('li', { hasText: /access to/i })
		.filter({ has: page.locator('a[href*="/proposals/"]') })
		.first()
		.getByRole('link', { name: /Fix this/ })
		.click()
	await page.waitForURL(/\/proposals\//)
	await a11y.check()
	await page.getByLabel('The wording you propose').fill(SPECIFIC)
	await page.getByRole('button', { name: 'Save the proposal' }).click()
	// "Fix this" comes back to check your answers once the proposal is saved (issue 13).
	await page.waitForURL(/\/check$/)
	await a11y.check()
	// No finding is left against the proposal (findings about the plan's other wording may remain: they guide, not block).
	await expect(page.locator('.app-quality-list a[href*="/proposals/"]:not([href*="/proposals/new"])')).toHaveCount(0)

	await page.getByRole('button', { name: 'Submit the review' }).click()
	await page.waitForURL(/\/submitted$/)
	await a11y.check()
	await expect(page.getByRole('heading', { name: 'Review submitted' })).toBeVisible()

	// The record PDF: the child's name, the proposal's old and new wording.
	const [recordDownload] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Download the review record (PDF)' }).click()])
	const record = await pdfText(recordDownload)
	expect(record.text).toContain(childName)
	expect(record.text).toContain('three times a week')
	const oldWords = currentF
		.replace(/\s+/g, ' ')
		.split(' ')
		.filter((w) => w.length > 6)
		.slice(0, 3)
	for (const word of oldWords) expect(record.text).toContain(word)

	// The bundle: made with progress, and it holds the evidence's pages.
	await page.getByRole('link', { name: /with all evidence/ }).click()
	await a11y.check()
	await page.getByRole('button', { name: 'Create the bundle' }).click()
	await page.waitForURL(/\/jobs\//)
	const link = page.getByRole('link', { name: 'Download the bundle (PDF)' })
	await expect(link).toBeVisible({ timeout: 30_000 })
	await a11y.check()
	const [bundleDownload] = await Promise.all([page.waitForEvent('download'), link.click()])
	const bundle = await pdfText(bundleDownload)
	expect(bundle.text).toContain(`${phrase} page 1`)
	expect(bundle.text).toContain(`${phrase} page 2`)
	expect(bundle.text).toContain(childName)
	expect(bundle.pages).toBeGreaterThan(record.pages + 1)

	// And the database agrees: submitted once, with the receipt and the caseworker's notification queued.
	const db = await e2eDb()
	const stored = await db.annualReview.findFirstOrThrow({
		where: { childId: child.id, status: 'SUBMITTED' },
		select: { id: true, messages: { select: { template: true } } },
	})
	expect(stored.messages.map((m) => m.template).sort()).toContain('review-submitted-receipt')
}
