// A caseworker records a young person's own rights on their page (issue 12 §3; app/routes/child-young-person.tsx):
// the page says since when they are a young person and who the letters go to; the young person agrees to their
// parent being copied, and the page then lists the parent as copied; the question of who acts for a young person who
// lacks capacity shows under its answer (with JavaScript only when chosen; without, always). Run twice: with
// JavaScript (young-person.spec.ts) and without (young-person.no-js.spec.ts), on different young people.
import type { Page } from '@playwright/test'
import { formatDate, todayInLondon } from '#app/domain/calendar-date.ts'
import { youngPersonFrom } from '#app/domain/young-person.ts'
import { e2eDb } from './db.ts'
import { expect, signIn, USERS } from './fixtures.ts'

type A11y = { check: () => Promise<void> }

export async function youngPersonJourney(page: Page, a11y: A11y, which: 0 | 1) {
	const db = await e2eDb()
	// A young person in their own right with their own email, who has not agreed to their parent being copied (the seed's).
	const child = await db.child.findFirstOrThrow({
		where: {
			la: { code: '886' },
			yearGroup: { gte: 12 },
			youngPersonEmail: { not: '' },
			youngPersonLacksCapacity: false,
			youngPersonParentCopyAgreedOn: null,
		},
		orderBy: { id: 'asc' },
		skip: which,
		select: { id: true, firstName: true, lastName: true, dateOfBirth: true, parentName: true, youngPersonEmail: true },
	})
	const name = `${child.firstName} ${child.lastName}`
	await signIn(page, a11y, USERS.caseworker)

	await page.goto(`/children/${child.id}`)
	await a11y.check()
	await expect(page.getByRole('heading', { name, level: 1 })).toBeVisible()
	await expect(page.getByText(`Yes, since ${formatDate(youngPersonFrom(child.dateOfBirth))}`)).toBeVisible()
	const letters = page.getByRole('region', { name: 'Who the council’s letters go to' })
	await expect(letters).toContainText(`${name} (Young person), ${child.youngPersonEmail}`)
	await expect(letters).toContainText('No one in the family')

	await letters.getByRole('link', { name: /Change the young person’s email/ }).click()
	await a11y.check()
	await expect(page.getByRole('heading', { name: 'Letters to the young person', level: 1 })).toBeVisible()
	const role = page.getByRole('group', { name: 'Who acts for them?' })
	// With JavaScript a follow-up question shows under its answer only once that answer is chosen; without, always.
	if (which === 0) await expect(role).toBeHidden()
	else await expect(role).toBeVisible()
	await page.getByRole('radio', { name: `No, someone acts for ${child.firstName}` }).check()
	await expect(role).toBeVisible()
	// A deputy with no name: the error says what to give, and the answers stay as they were.
	await role.getByRole('radio', { name: 'A deputy appointed by the Court of Protection' }).check()
	await page.getByRole('button', { name: 'Save' }).click()
	await expect(page.getByRole('link', { name: 'Enter the name of the deputy' })).toBeVisible()
	await a11y.check()
	await expect(page.getByRole('radio', { name: `No, someone acts for ${child.firstName}` })).toBeChecked()

	// They make their own decisions after all, and agreed today that their parent is copied.
	await page.getByRole('radio', { name: `Yes, ${child.firstName} makes their own decisions` }).check()
	const today = todayInLondon(new Date())
	await page
		.getByRole('group', { name: /agreed that their parent is sent copies/ })
		.getByRole('radio', { name: 'Yes' })
		.check()
	const when = page.getByRole('group', { name: 'When did they agree?' })
	await when.getByLabel('Day').fill(String(Number(today.slice(8))))
	await when.getByLabel('Month').fill(String(Number(today.slice(5, 7))))
	await when.getByLabel('Year').fill(today.slice(0, 4))
	await page.getByRole('button', { name: 'Save' }).click()
	await page.waitForURL(new RegExp(`/children/${child.id}(#young-person)?$`))
	await a11y.check()
	await expect(page.getByRole('region', { name: 'Who the council’s letters go to' })).toContainText(
		`${child.parentName} (Parent or carer, sent a copy with ${name}`,
	)
	const saved = await db.child.findUniqueOrThrow({ where: { id: child.id }, select: { youngPersonParentCopyAgreedOn: true } })
	expect(saved.youngPersonParentCopyAgreedOn).toBe(today)
}
