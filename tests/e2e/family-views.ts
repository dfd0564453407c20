// A family gives their views before the meeting (issue 14, "Before the meeting"): the SENCo sends the family a sign-in
// link from the child's page; the parent opens it from the outbox, sees the meeting and who is invited, gives their
// own views and their child's with a drawing (a PNG made here), and signs out; the SENCo then reads the parent's words
// on the review, marked as theirs. Run twice: with JavaScript (family-views.spec.ts) and without
// (family-views.no-js.spec.ts), on different children.
import type { Page } from '@playwright/test'
import { addDays, formatDateWithWeekday, todayInLondon } from '#app/domain/calendar-date.ts'
import { pngFile } from '#tests/evidence-files.ts'
import { childrenReadyForReview, e2eDb } from './db.ts'
import { familyLinkFor, lastFamilyLinkId, openFamilyLink } from './family.ts'
import { expect, signIn, signOut, USERS } from './fixtures.ts'

type A11y = { check: () => Promise<void> }

/**
 * An Oakfield child ready for review (a plan, no review open, below Year 9) with a parent's email address, that no
 * other journey schedules: senco-review.ts takes the first child of each parity of UPN, senco-forms.ts the last of
 * each; the drafts already seeded are read or changed by keyboard.spec.ts, caseworker-words.ts and reflow.spec.ts.
 * With JavaScript the first of the rest, without the second.
 */
async function childFor(which: 0 | 1) {
	const db = await e2eDb()
	const ready = await childrenReadyForReview(USERS.senco)
	const ofParity = (parity: number) => ready.filter((c) => Number(c.upn.at(-1)) % 2 === parity)
	const taken = new Set([ofParity(0)[0], ofParity(1)[0], ofParity(0).at(-1), ofParity(1).at(-1)].map((c) => c?.id))
	const free = await db.child.findMany({
		where: { id: { in: ready.filter((c) => !taken.has(c.id)).map((c) => c.id) }, parentEmail: { not: '' }, parentName: { not: '' } },
		orderBy: [{ lastName: 'asc' }, { firstName: 'asc' }],
		select: { id: true, firstName: true, lastName: true, parentName: true, parentEmail: true },
	})
	const child = free[which]
	if (!child) throw new Error(`No Oakfield child is free for the family views journey (${free.length} found)`)
	return child
}

export async function familyViewsJourney(page: Page, a11y: A11y, which: 0 | 1) {
	const child = await childFor(which)
	const name = `${child.firstName} ${child.lastName}`
	// The meeting is in two weeks: the family gives their views before it.
	const meetingOn = addDays(todayInLondon(new Date()), 14)
	const parentWords = `${child.firstName} is happier at school this year. Reading is still hard for them.`
	const childWords = `I like the quiet room. Lunchtime is too loud. (${which === 0 ? 'with' : 'without'} JavaScript)`

	// The SENCo books the meeting (the parent is invited by default), then sends the family a sign-in link from the child's page.
	await signIn(page, a11y, USERS.senco)
	await page.goto(`/children/${child.id}`)
	await a11y.check()
	await page.getByRole('link', { name: 'Start the annual review' }).click()
	await page.waitForURL(/\/reviews\/new$/)
	await a11y.check()
	const meetingDate = page.getByRole('group', { name: 'Date of the review meeting' })
	await meetingDate.getByLabel('Day').fill(String(Number(meetingOn.slice(8))))
	await meetingDate.getByLabel('Month').fill(String(Number(meetingOn.slice(5, 7))))
	await meetingDate.getByLabel('Year').fill(meetingOn.slice(0, 4))
	await page.getByLabel('Time of the meeting').fill('10:30')
	await page.getByRole('button', { name: 'Schedule the review' }).click()
	await page.waitForURL(/\/reviews\/[^/]+$/)
	await a11y.check()
	const reviewId = new URL(page.url()).pathname.split('/')[2]!
	await page.goto(`/children/${child.id}`)
	await a11y.check()
	await page.getByRole('link', { name: `Family access online for ${name}` }).click()
	await expect(page.getByRole('heading', { name: 'Family access online', level: 1 })).toBeVisible()
	await a11y.check()
	const before = await lastFamilyLinkId(child.parentEmail)
	await page.getByRole('button', { name: /Send (a|a new) sign-in link/ }).click()
	await expect(page.getByText(`Sign-in link sent to ${child.parentName}`)).toBeVisible()
	await a11y.check()
	await signOut(page, a11y)

	// The parent opens the link from their email.
	await openFamilyLink(page, a11y, await familyLinkFor(child.parentEmail, before))
	await page.goto(`/family/reviews/${reviewId}`)
	await a11y.check()
	await expect(page.getByRole('heading', { name: `${child.firstName}’s annual review`, level: 1 })).toBeVisible()
	await expect(page.getByText(formatDateWithWeekday(meetingOn))).toBeVisible()
	await expect(page.getByRole('heading', { name: 'Who is invited' })).toBeVisible()

	// Their own views: a mistake first (nothing written), then sent.
	await page.getByRole('link', { name: 'Give your views' }).click()
	await expect(page.getByRole('heading', { name: 'Give your views', level: 1 })).toBeVisible()
	await a11y.check()
	await page.getByLabel('Who is giving these views?').fill(`${child.parentName} (parent)`)
	await page.getByRole('button', { name: 'Send your views' }).click()
	await expect(page.getByRole('link', { name: 'Enter the parents’ or carers’ views' })).toBeVisible()
	await expect(page).toHaveTitle(/^Error: /)
	await a11y.check()
	await expect(page.getByLabel('Who is giving these views?')).toHaveValue(`${child.parentName} (parent)`)
	await page.getByLabel('Your views').fill(parentWords)
	await page.getByRole('button', { name: 'Send your views' }).click()
	await expect(page.getByText('Thank you. We have sent your views to the school.')).toBeVisible()
	await a11y.check()

	// The child's views, with a drawing.
	await page.getByRole('link', { name: `Give ${child.firstName}’s views` }).click()
	await expect(page.getByRole('heading', { name: `Give ${child.firstName}’s views`, level: 1 })).toBeVisible()
	await a11y.check()
	await page.getByRole('radio', { name: 'I talked with my child and wrote down what they said' }).check()
	await page.getByLabel(`${child.firstName}’s views, in their own words`).fill(childWords)
	await page.getByLabel('Who wrote them down?').fill(`${child.parentName} (parent)`)
	await page.getByLabel('What is it? (optional)').fill(`${child.firstName}’s drawing of school`)
	await page.getByLabel('Choose a file').setInputFiles({ name: 'drawing.png', mimeType: 'image/png', buffer: pngFile({ width: 3 + which, height: 2 }) })
	await page.getByRole('button', { name: 'Send your views' }).click()
	await expect(page.getByText('Thank you. We have sent your views to the school.')).toBeVisible()
	await a11y.check()
	await expect(page.getByText(`${child.firstName}’s drawing of school, sent on`)).toBeVisible()
	await expect(page.getByText(/Sent on \d{1,2} \w+ \d{4}/)).toHaveCount(2)
	await signOut(page, a11y)

	// The SENCo reads the parent's words on the review, marked as theirs.
	await signIn(page, a11y, USERS.senco)
	await page.goto(`/reviews/${reviewId}`)
	await a11y.check()
	await expect(page.getByText(new RegExp(`${child.parentName} \\(parent\\) sent their views online on`))).toBeVisible()
	await page.getByRole('link', { name: /Read their words.*Parents’ or carers’ views/ }).click()
	await expect(page.getByRole('heading', { name: 'Parents’ or carers’ views', level: 1 })).toBeVisible()
	await a11y.check()
	const theirs = page.getByRole('region', { name: 'What the family sent online' })
	await expect(
		theirs.getByRole('heading', { name: new RegExp(`In ${child.parentName}’s own words \\(parent\\), sent online on \\d{1,2} \\w+ \\d{4}`) }),
	).toBeVisible()
	await expect(theirs).toContainText(parentWords)
	// Read-only: their words are not in any box the SENCo can change.
	await expect(theirs.getByRole('textbox')).toHaveCount(0)
	await expect(page.getByLabel('The parents’ or carers’ views')).not.toHaveValue(parentWords)

	// And the child's views page shows the drawing the family sent.
	await page.goto(`/reviews/${reviewId}/parts/child-views`)
	await a11y.check()
	const childTheirs = page.getByRole('region', { name: 'What the family sent online' })
	await expect(childTheirs).toContainText(childWords)
	await expect(childTheirs.getByRole('link', { name: `${child.firstName}’s drawing of school` })).toBeVisible()
}
