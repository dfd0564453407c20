// Administration without JavaScript: the import (multipart upload, preview, job page that refreshes itself) and
// the invitation and school forms, which keep what was typed when they are refused.
import { addDays, addMonths, todayInLondon } from '#app/domain/calendar-date.ts'
import { upnCheckLetter } from '#app/domain/import-row.ts'
import { e2eDb } from './db.ts'
import { expect, signIn, signOut, test, USERS } from './fixtures.ts'

function upn(serial: number) {
	const digits = `88671242${String(serial).padStart(4, '0')}`
	return upnCheckLetter(`X${digits}`) + digits
}

const FIRST_ISSUED = addDays(addMonths(todayInLondon(new Date()), -12), 75)

function csv(bad: boolean) {
	const rows = [1, 2, 3].map((n) =>
		[
			'700124',
			'Brook Lane Special School',
			'Special',
			upn(n),
			`Pupil${n}`,
			'Nojsimport',
			bad && n === 2 ? '2017-13-01' : '2017-01-0' + n,
			'R',
			'',
			'',
			FIRST_ISSUED,
		].join(','),
	)
	return Buffer.from(
		['school_urn,school_name,school_phase,upn,first_name,last_name,date_of_birth,year_group,parent_name,parent_email,plan_first_issued_on', ...rows].join(
			'\n',
		),
	)
}

test('without JavaScript a manager previews and imports a file, and the forms keep what was typed', async ({ page, a11y }) => {
	// About 15 pages checked by axe and an import job: three times the usual limit.
	test.slow()
	await signIn(page, a11y, USERS.admin)
	await page.goto('/admin/import')
	await a11y.check()

	await page.getByLabel('Upload a CSV file').setInputFiles({ name: 'pupils.csv', mimeType: 'text/csv', buffer: csv(true) })
	await page.getByRole('button', { name: 'Upload and check the file' }).click()
	await page.waitForURL(/upload=/)
	await a11y.check()
	await expect(page.getByText('Nothing has been imported. 1 row has problems.')).toBeVisible()
	await expect(page.getByRole('row').filter({ hasText: 'date_of_birth' }).getByRole('cell').first()).toHaveText('3')

	await page.getByLabel('Upload the corrected file').setInputFiles({ name: 'pupils.csv', mimeType: 'text/csv', buffer: csv(false) })
	await page.getByRole('button', { name: 'Upload and check the file' }).click()
	await page.waitForURL(/upload=/)
	await a11y.check()
	await page.getByRole('button', { name: 'Import 3 rows' }).click()
	await page.waitForURL(/\/jobs\//)
	await expect(page.getByRole('heading', { name: 'What was imported' })).toBeVisible({ timeout: 30_000 })
	await a11y.check()
	await expect(page.locator('.govuk-summary-list__row', { hasText: 'New children' })).toContainText('3')
	const db = await e2eDb()
	expect(await db.child.count({ where: { lastName: 'Nojsimport' } })).toBe(3)

	// The invitation form refuses a SENCo without a school and keeps the name and email.
	await page.goto('/admin/users/invite')
	await a11y.check()
	await page.getByLabel('Full name').fill('Owen Price')
	await page.getByLabel('Email address').fill('owen.price@brook-lane.example.org')
	await page.getByLabel('SENCo at a school').check()
	await page.getByRole('button', { name: 'Send the invitation' }).click()
	await a11y.check()
	await expect(page.getByRole('heading', { name: 'There is a problem' })).toBeVisible()
	await expect(page.getByRole('link', { name: 'Enter the SENCo’s school' })).toBeVisible()
	await expect(page.getByLabel('Full name')).toHaveValue('Owen Price')
	await expect(page.getByLabel('Email address')).toHaveValue('owen.price@brook-lane.example.org')
	// Part of a name several schools share: the form comes back asking which, with what was typed.
	await page.getByLabel('School (for a SENCo)').fill('brook')
	await page.getByRole('button', { name: 'Send the invitation' }).click()
	await a11y.check()
	await expect(page.getByRole('link', { name: /^\d+ schools match “brook”: choose one$/ })).toBeVisible()
	await expect(page.getByLabel('Full name')).toHaveValue('Owen Price')
	await expect(page.getByLabel('School (for a SENCo)')).toHaveValue('brook')
	await page.getByRole('group', { name: 'Which school do you mean?' }).getByRole('radio', { name: 'Brook Lane Special School' }).check()
	await page.getByRole('button', { name: 'Send the invitation' }).click()
	await page.waitForURL(/\/admin\/users\?saved=/)
	await a11y.check()
	await expect(page.getByText('Owen Price has been invited.')).toBeVisible()
	expect(await db.oneTimeToken.count({ where: { user: { email: 'owen.price@brook-lane.example.org' }, purpose: 'INVITE' } })).toBe(1)
	expect(
		(await db.user.findUniqueOrThrow({ where: { email: 'owen.price@brook-lane.example.org' }, select: { school: { select: { urn: true } } } })).school?.urn,
	).toBe('700124')

	// A school's details: a bad URN is refused, the rest kept.
	await page.goto('/admin/schools?q=700124')
	await a11y.check()
	await page.getByRole('link', { name: 'Brook Lane Special School' }).click()
	await page.waitForURL(/\/admin\/schools\/.+/)
	await a11y.check()
	await page.getByLabel('URN (Unique Reference Number)').fill('12345')
	await page.getByLabel('SEN mailbox').fill('sen@brook-lane.example.org')
	await page.getByRole('button', { name: 'Save the changes' }).click()
	await a11y.check()
	await expect(page.getByRole('link', { name: 'The URN must be 6 digits, like 118000' })).toBeVisible()
	await expect(page.getByLabel('SEN mailbox')).toHaveValue('sen@brook-lane.example.org')
	await page.getByLabel('URN (Unique Reference Number)').fill('700124')
	await page.getByRole('button', { name: 'Save the changes' }).click()
	await page.waitForURL(/\/admin\/schools\?q=700124&saved=/)
	await a11y.check()
	await expect(page.getByText('Brook Lane Special School has been saved.')).toBeVisible()
	expect((await db.school.findUniqueOrThrow({ where: { urn: '700124' } })).contactEmail).toBe('sen@brook-lane.example.org')
	await signOut(page, a11y)
})
