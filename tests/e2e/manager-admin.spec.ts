// A SEN manager imports the council's caseload from its case management system (first a file with a mistake,
// then the corrected one, then the same file again), finds the imported children, and invites a SENCo for the new
// school, who sets a password from the emailed link and signs in.
import fs from 'node:fs'
import path from 'node:path'
import { simpleParser } from 'mailparser'
import { addDays, addMonths, todayInLondon } from '#app/domain/calendar-date.ts'
import { upnCheckLetter } from '#app/domain/import-row.ts'
import { e2eDb } from './db.ts'
import { expect, signIn, signOut, test, USERS } from './fixtures.ts'

const OUTBOX = path.resolve('data/e2e/outbox')
const SCHOOL = { urn: '700123', name: 'Meadow View Primary School' }
const SENCO = { name: 'Nadia Hussain', email: 'senco@meadow-view.example.org', password: 'blue kettle quiet harbour' }

function upn(serial: number) {
	const digits = `88671232${String(serial).padStart(4, '0')}`
	return upnCheckLetter(`X${digits}`) + digits
}

const HEADINGS =
	'school_urn,school_name,school_phase,upn,first_name,last_name,date_of_birth,year_group,parent_name,parent_email,plan_first_issued_on,plan_last_review_on,section_b,section_e,section_f'
// Plans first issued so that their annual review falls due in 10 weeks: inside the caseload's 12-week window, after
// everything more urgent that other journeys work on.
const FIRST_ISSUED = addDays(addMonths(todayInLondon(new Date()), -12), 70)
const CHILDREN = ['Ayla', 'Ben', 'Cerys', 'Dev', 'Esme'].map((firstName, i) => ({ firstName, upn: upn(i + 1) }))

function csv(badDate = false) {
	const lines = CHILDREN.map((c, i) =>
		[
			SCHOOL.urn,
			SCHOOL.name,
			'Primary',
			c.upn,
			c.firstName,
			'Journeyimport',
			badDate && i === 2 ? '31/02/2017' : `1${i}/05/2017`,
			'4',
			`Parent of ${c.firstName}`,
			`parent.${c.firstName.toLowerCase()}@example.org`,
			FIRST_ISSUED,
			'',
			'Dyslexia: reading and spelling are well below age-related expectations.',
			'"Read a book of 500 words aloud by July 2027; Spell 100 common words correctly"',
			'"Daily phonics, 20 minutes, with a trained teaching assistant; Weekly reading assessment by the SENCo"',
		].join(','),
	)
	return Buffer.from([HEADINGS, ...lines].join('\r\n') + '\r\n')
}

async function importedChildren() {
	const db = await e2eDb()
	return db.child.count({ where: { upn: { in: CHILDREN.map((c) => c.upn) } } })
}

/** The invitation as the outbox worker saved it (an .eml file; the worker runs every 10 seconds). */
async function invitationLink(email: string) {
	const db = await e2eDb()
	const message = await db.outboxMessage.findFirstOrThrow({ where: { toAddress: email, template: 'user-invite' }, select: { id: true } })
	const saved = () => (fs.existsSync(OUTBOX) ? fs.readdirSync(OUTBOX).find((name) => name.endsWith(`-${message.id}.eml`)) : undefined)
	await expect.poll(saved, { message: 'the invitation was not delivered to the outbox folder', timeout: 40_000 }).toBeTruthy()
	const mail = await simpleParser(fs.readFileSync(path.join(OUTBOX, saved()!)))
	const link = /https?:\/\/\S+\/set-password\/[A-Za-z0-9_%-]+/.exec(mail.text ?? '')
	if (!link) throw new Error('the invitation has no set-password link')
	return link[0]
}

test('a manager imports the caseload (a bad row first), imports it again without duplicates, and invites a SENCo who signs in', async ({ page, a11y }) => {
	// About 25 pages checked by axe, two import jobs and an email from the outbox worker: three times the usual limit.
	test.slow()
	await signIn(page, a11y, USERS.manager)
	await page.getByRole('link', { name: 'Administration' }).click()
	await page.waitForURL(/\/admin$/)
	await a11y.check()
	await page.getByRole('link', { name: 'Import from the case management system' }).click()
	await page.waitForURL(/\/admin\/import$/)
	await a11y.check()

	// 1. A file with one bad date: every problem listed by row and column, nothing written.
	await page.getByLabel('Upload a CSV file').setInputFiles({ name: 'caseload.csv', mimeType: 'text/csv', buffer: csv(true) })
	await page.getByRole('button', { name: 'Upload and check the file' }).click()
	await page.waitForURL(/upload=/)
	await a11y.check()
	await expect(page.getByRole('heading', { name: 'There are problems in the file', level: 1 })).toBeVisible()
	await expect(page.getByText('Nothing has been imported. 1 row has problems.')).toBeVisible()
	const problem = page.getByRole('table').getByRole('row').nth(1)
	await expect(problem.getByRole('cell')).toHaveText(['4', 'date_of_birth', 'Date of birth must be a real date, like 2016-03-27 or 27/03/2016'])
	expect(await importedChildren()).toBe(0)
	expect(await (await e2eDb()).school.count({ where: { urn: SCHOOL.urn } })).toBe(0)

	// 2. The corrected file: a preview with counts, then the import as a job with its summary.
	await page.getByLabel('Upload the corrected file').setInputFiles({ name: 'caseload.csv', mimeType: 'text/csv', buffer: csv() })
	await page.getByRole('button', { name: 'Upload and check the file' }).click()
	await expect(page.getByRole('heading', { name: 'Check the import', level: 1 })).toBeVisible()
	await a11y.check()
	await expect(page.getByText('Nothing has been imported yet.', { exact: false })).toBeVisible()
	await expect(page.locator('.govuk-summary-list__row', { hasText: 'New children' })).toContainText('5')
	await page.getByRole('button', { name: 'Import 5 rows' }).click()
	await page.waitForURL(/\/jobs\//)
	await expect(page.getByRole('heading', { name: 'What was imported' })).toBeVisible({ timeout: 30_000 })
	await a11y.check()
	await expect(page.locator('.govuk-summary-list__row', { hasText: 'New children' })).toContainText('5')
	await expect(page.locator('.govuk-summary-list__row', { hasText: 'New schools' })).toContainText('1')
	expect(await importedChildren()).toBe(5)

	// The children are in the council's caseload.
	await page.getByRole('link', { name: 'Go to the caseload' }).click()
	await page.waitForURL(/\/caseload/)
	await a11y.check()
	// (The caseload's search form belongs to another journey; its address is enough here.)
	await page.goto('/caseload?view=all&q=Journeyimport')
	await a11y.check()
	await expect(page.getByRole('row').filter({ hasText: 'Journeyimport' })).toHaveCount(5)
	await expect(page.getByRole('row').filter({ hasText: 'Cerys Journeyimport' })).toContainText(SCHOOL.name)

	// 3. The same file again: nothing new, nothing duplicated.
	await page.goto('/admin/import')
	await a11y.check()
	await page.getByLabel('Upload a CSV file').setInputFiles({ name: 'caseload.csv', mimeType: 'text/csv', buffer: csv() })
	await page.getByRole('button', { name: 'Upload and check the file' }).click()
	await expect(page.getByRole('heading', { name: 'Check the import', level: 1 })).toBeVisible()
	await a11y.check()
	await expect(page.locator('.govuk-summary-list__row', { hasText: 'Children unchanged' })).toContainText('5')
	await page.getByRole('button', { name: 'Import 5 rows' }).click()
	await page.waitForURL(/\/jobs\//)
	await expect(page.getByRole('heading', { name: 'What was imported' })).toBeVisible({ timeout: 30_000 })
	await a11y.check()
	await expect(page.locator('.govuk-summary-list__row', { hasText: 'New children' })).toContainText('0')
	await expect(page.locator('.govuk-summary-list__row', { hasText: 'Children unchanged' })).toContainText('5')
	expect(await importedChildren()).toBe(5)
	expect(await (await e2eDb()).school.count({ where: { urn: SCHOOL.urn } })).toBe(1)

	// 4. Invite a SENCo for the new school.
	await page.goto('/admin/users')
	await a11y.check()
	await expect(page.getByText('A school’s access belongs to the school, not to one person.')).toBeVisible()
	await page.getByRole('button', { name: 'Invite a user' }).click()
	await page.waitForURL(/\/admin\/users\/invite$/)
	await a11y.check()
	// Submitted empty first: the GOV.UK error summary, then the answers.
	await page.getByRole('button', { name: 'Send the invitation' }).click()
	await expect(page.getByRole('heading', { name: 'There is a problem' })).toBeVisible()
	await a11y.check()
	await page.getByLabel('Full name').fill(SENCO.name)
	await page.getByLabel('Email address').fill(SENCO.email)
	await page.getByLabel('SENCo at a school').check()
	// Part of a name several schools share: the form asks which one, keeping the answers.
	await page.getByLabel('School (for a SENCo)').fill('view')
	await page.getByRole('button', { name: 'Send the invitation' }).click()
	await expect(page.getByRole('link', { name: /^\d+ schools match “view”: choose one$/ })).toBeVisible()
	await a11y.check()
	await expect(page.getByLabel('Email address')).toHaveValue(SENCO.email)
	await page.getByRole('group', { name: 'Which school do you mean?' }).getByRole('radio', { name: SCHOOL.name }).check()
	await page.getByRole('button', { name: 'Send the invitation' }).click()
	await page.waitForURL(/\/admin\/users\?saved=/)
	await a11y.check()
	await expect(page.getByText(`${SENCO.name} has been invited.`)).toBeVisible()
	const link = await invitationLink(SENCO.email)
	await signOut(page, a11y)

	// 5. The SENCo sets a password from the link and lands on the school's children, the imported ones among them.
	await page.goto(new URL(link).pathname)
	await a11y.check()
	await expect(page.getByRole('heading', { name: 'Set your password', level: 1 })).toBeVisible()
	await page.getByLabel('Create a password').fill(SENCO.password)
	await page.getByLabel('Enter the password again').fill(SENCO.password)
	await page.getByRole('button', { name: 'Set the password and sign in' }).click()
	await page.waitForURL(/\/school$/)
	await a11y.check()
	await expect(page.getByRole('heading', { name: 'Children with EHC plans', level: 1 })).toBeVisible()
	await expect(page.getByRole('table').locator('tbody tr')).toHaveCount(5)
	await signOut(page, a11y)

	// The link is used up; the password works.
	await page.goto(new URL(link).pathname)
	await a11y.check()
	await expect(page.getByRole('heading', { name: 'This link has already been used', level: 1 })).toBeVisible()
	await signIn(page, a11y, SENCO.email, SENCO.password)
	await expect(page).toHaveURL(/\/school$/)
	await signOut(page, a11y)
})
