// A SENCo's day (issue 13), run twice: with JavaScript (senco-today.spec.ts) and without (senco-today.no-js.spec.ts).
// The school's first page is its to-do list: this year's review of each child, how urgent, most urgent first, with
// a "need action" filter. The review page's warnings follow what was recorded, a late step is never green, the task
// list's count agrees with its tags, a recommendation to amend makes proposals expected, and the confirmation page
// says who was sent the report.
//
// These journeys sign in as Highfield Academy's SENCo (USERS.otherSenco): the other SENCo journeys start reviews at
// Oakfield, and the two runs of this one must not start the same child's review, so each takes its own children
// (`run`: 0 with JavaScript, 1 without). The children whose review is overdue are only read, never started.
import type { Locator, Page } from '@playwright/test'
import { addDays, daysBetween, formatDate, todayInLondon } from '#app/domain/calendar-date.ts'
import { INVITEE_ROLE_LABELS, type InviteeRole } from '#app/domain/review-parts.ts'
import { e2eDb } from './db.ts'
import { expect, signIn, USERS } from './fixtures.ts'
import { outcomesProgressing, saveAndContinue } from './senco-review.ts'

type A11y = { check: () => Promise<void> }
type Run = 0 | 1

const today = () => todayInLondon(new Date())
const days = (n: number) => (n === 1 ? '1 day' : `${n} days`)

async function highfield() {
	const db = await e2eDb()
	const { schoolId } = await db.user.findUniqueOrThrow({ where: { email: USERS.otherSenco }, select: { schoolId: true } })
	return { db, schoolId: schoolId! }
}

/**
 * Highfield's children with an active plan, no review open and the review not yet due (so never one of the overdue
 * children the list journey reads), in name order; `belowYear9`: no preparation for adulthood part.
 */
async function childrenToReview({ belowYear9 }: { belowYear9: boolean }) {
	const { db, schoolId } = await highfield()
	return db.child.findMany({
		where: {
			schoolId,
			plan: { status: 'ACTIVE', reviewDueOn: { gte: addDays(today(), 15) } },
			reviews: { none: { status: { not: 'CLOSED' } } },
			...(belowYear9 ? { yearGroup: { lt: 9 } } : {}),
		},
		orderBy: [{ lastName: 'asc' }, { firstName: 'asc' }],
		select: { id: true, firstName: true, lastName: true, upn: true },
	})
}

/** The child each run schedules to see the warnings, counts and proposals: below Year 9, so one part is not needed. */
async function warningsChild(run: Run) {
	const children = await childrenToReview({ belowYear9: true })
	expect(children.length, 'Highfield has two children below Year 9 whose review is not yet due').toBeGreaterThanOrEqual(2)
	return children[run]!
}

/** The child each run takes through to submission: any other child whose review is not yet due. */
async function submissionChild(run: Run) {
	const taken = (await childrenToReview({ belowYear9: true })).slice(0, 2).map((c) => c.id)
	const children = (await childrenToReview({ belowYear9: false })).filter((c) => !taken.includes(c.id))
	expect(children.length, 'Highfield has two more children whose review is not yet due').toBeGreaterThanOrEqual(2)
	return children[run]!
}

async function fillDate(group: Locator, iso: string) {
	await group.getByLabel('Day').fill(String(Number(iso.slice(8))))
	await group.getByLabel('Month').fill(String(Number(iso.slice(5, 7))))
	await group.getByLabel('Year').fill(iso.slice(0, 4))
}

/** Schedules the review from the child's page: the meeting, and the invitations and advice recorded as sent. */
async function scheduleReview(page: Page, a11y: A11y, childId: string, dates: { meetingOn: string; sentOn: string }, extra?: (page: Page) => Promise<void>) {
	await page.goto(`/children/${childId}`)
	await a11y.check()
	await page.getByRole('link', { name: 'Start the annual review' }).click()
	await page.waitForURL(/\/reviews\/new$/)
	await a11y.check()
	await fillDate(page.getByRole('group', { name: 'Date of the review meeting' }), dates.meetingOn)
	await page.getByLabel('Time of the meeting').fill('10:30')
	await fillDate(page.getByRole('group', { name: 'Invitations sent (optional)' }), dates.sentOn)
	await fillDate(page.getByRole('group', { name: 'Advice and information sent to everyone invited (optional)' }), dates.sentOn)
	await extra?.(page)
	await page.getByRole('button', { name: 'Schedule the review' }).click()
	await page.waitForURL(/\/reviews\/[^/]+$/)
	await a11y.check()
	return page.url()
}

/** A tag's words as days left: "Overdue by 3 days" is -3, "Due today" 0, "Due in 12 days" 12. */
function daysLeftOf(words: string): number {
	if (words === 'Due today') return 0
	if (words === 'Due tomorrow') return 1
	const overdue = /^Overdue by ([\d,]+) days?$/.exec(words)
	if (overdue) return -Number(overdue[1]!.replace(/,/g, ''))
	const due = /^Due in ([\d,]+) days?$/.exec(words)
	if (due) return Number(due[1]!.replace(/,/g, ''))
	throw new Error(`Not an urgency tag: ${words}`)
}

/** The school's first page: this year's review of every child, most urgent first, and the children who need action. */
export async function todoListJourney(page: Page, a11y: A11y) {
	const { db, schoolId } = await highfield()
	// Overdue with no review started: last year's review closed (or none ever), and the plan's date has passed.
	const overdue = await db.child.findMany({
		where: { schoolId, plan: { status: 'ACTIVE', reviewDueOn: { lt: today() } }, reviews: { none: { status: { not: 'CLOSED' } } } },
		orderBy: { plan: { reviewDueOn: 'asc' } },
		select: {
			id: true,
			firstName: true,
			lastName: true,
			upn: true,
			plan: { select: { reviewDueOn: true } },
			reviews: { orderBy: { createdAt: 'desc' }, take: 1, select: { status: true } },
		},
	})
	expect(overdue.length, 'Highfield has children whose review is overdue with none started').toBeGreaterThan(0)
	expect(
		overdue.some((c) => c.reviews[0]?.status === 'CLOSED'),
		'one of them had last year’s review closed',
	).toBe(true)

	await signIn(page, a11y, USERS.otherSenco)
	await expect(page).toHaveURL(/\/school$/)
	await expect(page.getByText(/children? needs? action now/)).toBeVisible()
	const table = page.getByRole('table', { name: /^Children, most urgent first/ })

	// This year's review, not last year's: "Not started", overdue by so many days, in words and in red.
	const rowOf = (name: string) => table.getByRole('row').filter({ has: page.getByRole('rowheader', { name }) })
	for (const child of overdue) {
		const row = rowOf(`${child.firstName} ${child.lastName}`)
		await expect(row).toContainText('Not started')
		await expect(row).not.toContainText('Closed')
		const tag = row.locator('.govuk-tag', { hasText: 'Overdue by' })
		await expect(tag).toHaveText(`Overdue by ${days(daysBetween(child.plan!.reviewDueOn, today()))}`)
		await expect(tag).toHaveClass(/govuk-tag--red/)
		await expect(row.getByRole('link', { name: `Start the review for ${child.firstName} ${child.lastName}` })).toBeVisible()
	}

	// Most urgent first: overdue first (the most overdue at the top), then soonest due; nothing to do last.
	const tags = await table.locator('tbody tr').evaluateAll((rows) => rows.map((r) => r.querySelector('td')?.querySelector('.govuk-tag')?.textContent ?? null))
	const urgency = tags.map((t) => (t === null ? Number.POSITIVE_INFINITY : daysLeftOf(t)))
	expect(urgency[0]).toBeLessThan(0)
	expect(urgency).toEqual([...urgency].sort((a, b) => a - b))

	// "Need action now": a link filter, one click, with or without JavaScript.
	await page.getByRole('link', { name: /^Need action now \(\d+\)$/ }).click()
	await page.waitForURL(/[?&]show=action/)
	await a11y.check()
	const current = page.getByRole('link', { name: /^Need action now \(\d+\)$/ })
	await expect(current).toHaveAttribute('aria-current', 'page')
	const needing = Number(/\((\d+)\)/.exec(await current.innerText())![1])
	const filtered = page.getByRole('table', { name: /^Children who need action, most urgent first/ })
	const rows = filtered.locator('tbody tr')
	await expect(rows).toHaveCount(Math.min(needing, 25))
	// Every child listed has something to do, and a link straight to it.
	for (const row of await rows.all()) await expect(row.getByRole('link', { name: /^(Start|Continue) the review for / })).toHaveCount(1)
	for (const child of overdue) {
		await expect(filtered.getByRole('row').filter({ has: page.getByRole('rowheader', { name: `${child.firstName} ${child.lastName}` }) })).toHaveCount(1)
	}

	// A search keeps the filter.
	const first = overdue[0]!
	await page.getByLabel('Search by name or UPN').fill(first.upn)
	await page.getByRole('button', { name: 'Search' }).click()
	await page.waitForURL((url) => url.searchParams.get('q') === first.upn && url.searchParams.get('show') === 'action')
	await a11y.check()
	await expect(page.getByRole('table', { name: new RegExp(`^Children who need action matching “${first.upn}”`) }).locator('tbody tr')).toHaveCount(1)

	// From the list straight to scheduling the overdue review.
	await page.getByRole('link', { name: `Start the review for ${first.firstName} ${first.lastName}` }).click()
	await page.waitForURL(new RegExp(`/children/${first.id}/reviews/new$`))
	await a11y.check()
	await expect(page.getByRole('heading', { name: 'Schedule the annual review', level: 1 })).toBeVisible()
}

/**
 * The review page after scheduling: no warning about notice when both dates were recorded in time; the task list's
 * count agrees with its tags; amending makes the proposals expected; a late step is red and says "late".
 */
export async function reviewPageJourney(page: Page, a11y: A11y, run: Run) {
	const child = await warningsChild(run)
	const name = `${child.firstName} ${child.lastName}`
	await signIn(page, a11y, USERS.otherSenco)

	// The meeting in 10 days, invitations and advice both sent 15 days before it: nothing to warn about.
	const meetingOn = addDays(today(), 10)
	const sentOn = addDays(meetingOn, -15)
	const reviewUrl = await scheduleReview(page, a11y, child.id, { meetingOn, sentOn })
	await expect(page.getByRole('row', { name: /Meeting invitations sent/ })).toContainText(`Met on ${formatDate(sentOn)}`)
	await expect(page.getByRole('row', { name: /Advice circulated/ })).toContainText(`Met on ${formatDate(sentOn)}`)
	await expect(page.locator('.govuk-warning-text', { hasText: /invitations/i })).toHaveCount(0)

	// The count agrees with the tags: preparation for adulthood is not needed below Year 9, so neither completed nor counted.
	const parts = page.locator('.govuk-task-list__item').filter({ hasNot: page.getByRole('link', { name: /^(Amendment proposals|Evidence and advice)$/ }) })
	await expect(parts).toHaveCount(7)
	await expect(parts.filter({ hasText: 'Not needed before Year 9' })).toHaveCount(1)
	await expect(page.getByText('You have completed 0 of 6 parts')).toBeVisible()
	await expect(parts.filter({ hasText: /Completed$/ })).toHaveCount(0)

	await page.getByRole('link', { name: 'Parents’ or carers’ views' }).click()
	await a11y.check()
	await page.getByLabel('The parents’ or carers’ views').fill('Settled this year; we would like more help with homework.')
	await page.getByLabel('Who gave these views').fill('Father, at a meeting with the SENCo')
	await saveAndContinue(page, a11y)
	await expect(page.getByText('You have completed 1 of 6 parts')).toBeVisible()
	await expect(parts.filter({ hasText: /Completed$/ })).toHaveCount(1)

	// Recommending an amendment makes the proposals expected, not "Optional".
	const proposals = page.locator('.govuk-task-list__item', { has: page.getByRole('link', { name: 'Amendment proposals' }) })
	await expect(proposals).toContainText('Optional')
	await page.getByRole('link', { name: 'The meeting’s recommendation' }).click()
	await a11y.check()
	await page.getByRole('radio', { name: 'Amend the plan' }).check()
	await page.getByLabel('Reasons for the recommendation').fill('Needs in communication have changed; therapy should increase.')
	await page.getByRole('group', { name: 'Did everyone at the meeting agree?' }).getByRole('radio', { name: 'Yes' }).check()
	await saveAndContinue(page, a11y)
	await expect(page.getByText('You have completed 2 of 6 parts')).toBeVisible()
	await expect(proposals).not.toContainText('Optional')
	await expect(proposals.locator('.govuk-tag')).toHaveText('Not yet started')
	await expect(page.getByRole('link', { name: 'Amendment proposals' })).toHaveAccessibleDescription(/recommends amending the plan.*Not yet started/)

	// Back on the list, the draft is this year's review, with a link to continue it.
	await page.goto(`/school?q=${child.upn}`)
	await a11y.check()
	const row = page.getByRole('row').filter({ has: page.getByRole('rowheader', { name }) })
	await expect(row).toContainText('Draft')
	await row.getByRole('link', { name: `Continue the review for ${name}` }).click()
	await page.waitForURL(reviewUrl)
	await a11y.check()

	// A review whose meeting was held after its 12 months: the step is red, and says how late, never "met".
	const { db, schoolId } = await highfield()
	const late = await db.annualReview.findMany({
		where: { schoolId, child: { schoolId }, meetingOn: { not: null, lte: today() } },
		orderBy: { meetingOn: 'desc' },
		select: { id: true, dueOn: true, meetingOn: true },
	})
	const heldLate = late.find((r) => r.meetingOn! > r.dueOn)
	expect(heldLate, 'Highfield has a review held after its 12 months').toBeDefined()
	await page.goto(`/reviews/${heldLate!.id}`)
	await a11y.check()
	const meeting = page.getByRole('row', { name: /^Annual review meeting/ }).locator('.govuk-tag')
	await expect(meeting).toHaveText(`Done on ${formatDate(heldLate!.meetingOn)}, ${days(daysBetween(heldLate!.dueOn, heldLate!.meetingOn!))} late`)
	await expect(meeting).toHaveClass(/govuk-tag--red/)
	await expect(page.locator('.govuk-tag--green', { hasText: /late/ })).toHaveCount(0)
}

/** Submitting: the confirmation page names the council and everyone the report was emailed to, and who it was not. */
export async function submissionJourney(page: Page, a11y: A11y, run: Run) {
	const child = await submissionChild(run)
	await signIn(page, a11y, USERS.otherSenco)

	// Held 3 days ago; one more person invited, a health visitor with no email address.
	const meetingOn = addDays(today(), -3)
	const noEmail = `Dr Sam Okoro ${run}`
	await scheduleReview(page, a11y, child.id, { meetingOn, sentOn: addDays(meetingOn, -20) }, async () => {
		await page.getByRole('button', { name: 'Add another person' }).click()
		await a11y.check()
		const added = page.getByRole('group', { name: /^Person \d+$/ }).last()
		await added.getByLabel('Who they are').selectOption('HEALTH')
		await added.getByLabel('Name').fill(noEmail)
	})

	await page.getByRole('link', { name: 'The child’s or young person’s views' }).click()
	await a11y.check()
	await page.getByRole('radio', { name: 'Written by the child' }).check()
	await page.getByLabel('Their views, in their own words').fill('I like science and football. I want help with writing long answers.')
	await saveAndContinue(page, a11y)

	await page.getByRole('link', { name: 'Parents’ or carers’ views' }).click()
	await a11y.check()
	await page.getByLabel('The parents’ or carers’ views').fill('Happy with the year; writing is still hard.')
	await page.getByLabel('Who gave these views').fill('Mother, in writing')
	await saveAndContinue(page, a11y)

	await outcomesProgressing(page, a11y)

	await page.getByRole('link', { name: 'Changes in needs and provision' }).click()
	await a11y.check()
	for (const s of ['B', 'C', 'D', 'F', 'G', 'H1', 'H2', 'I', 'J', 'K']) await page.getByLabel(`Changes in section ${s}`, { exact: true }).fill('No change')
	await saveAndContinue(page, a11y)

	const adulthood = page.getByRole('link', { name: 'Preparation for adulthood' })
	if (await adulthood.count()) {
		await adulthood.click()
		await a11y.check()
		for (const box of await page.locator('textarea').all()) await box.fill('Discussed at the meeting: next steps agreed with the young person.')
		await saveAndContinue(page, a11y)
	}

	await page.getByRole('link', { name: 'The meeting’s recommendation' }).click()
	await a11y.check()
	await page.getByRole('radio', { name: 'Maintain the plan as it is' }).check()
	await page.getByLabel('Reasons for the recommendation').fill('The plan still describes the needs and provision.')
	await page.getByRole('group', { name: 'Did everyone at the meeting agree?' }).getByRole('radio', { name: 'Yes' }).check()
	await saveAndContinue(page, a11y)

	await page.getByRole('link', { name: 'Attendance and advice' }).click()
	await a11y.check()
	const attended = page.getByRole('group', { name: /^Did .* attend\?$/ })
	const advised = page.getByRole('group', { name: /^Did .* give advice or information\?$/ })
	for (let i = 0; i < (await attended.count()); i++) {
		await attended.nth(i).getByRole('radio', { name: 'Yes' }).check()
		await advised.nth(i).getByRole('radio', { name: 'Yes' }).check()
	}
	await saveAndContinue(page, a11y)

	await page.getByRole('link', { name: 'Check answers and submit' }).click()
	await a11y.check()
	await page.getByRole('button', { name: 'Submit the review' }).click()
	await page.waitForURL(/\/submitted$/)
	await a11y.check()

	// Who was sent it: the council, each invitee with an email address (as the emails queued say), and who was not.
	const { db } = await highfield()
	const review = await db.annualReview.findFirstOrThrow({
		where: { childId: child.id, submittedAt: { not: null } },
		orderBy: { submittedAt: 'desc' },
		select: {
			la: { select: { name: true } },
			invitees: { select: { role: true, name: true, email: true } },
			messages: { select: { template: true, toAddress: true, toName: true } },
		},
	})
	const emailed = review.messages.filter((m) => m.template === 'review-report-invitee').map((m) => m.toAddress.toLowerCase())
	const withEmail = review.invitees.filter((i) => i.email)
	expect(withEmail.length).toBeGreaterThan(0)
	expect(new Set(emailed)).toEqual(new Set(withEmail.map((i) => i.email.toLowerCase())))
	const told = review.messages.filter((m) => m.template === 'review-submitted-caseworker').map((m) => m.toName)
	expect(told.length).toBeGreaterThan(0)

	await expect(page.getByRole('heading', { name: 'Who has been sent the report', level: 2 })).toBeVisible()
	const sent = page.getByRole('list', { name: 'Sent the report', exact: true })
	await expect(sent.getByRole('listitem').first()).toContainText(review.la.name)
	for (const person of told) await expect(sent.getByRole('listitem').first()).toContainText(person)
	for (const i of withEmail) {
		await expect(
			sent.getByRole('listitem').filter({ hasText: `${i.name} (${INVITEE_ROLE_LABELS[i.role as InviteeRole]}), by email to ${i.email}` }),
		).toHaveCount(1)
	}
	await expect(sent).not.toContainText(noEmail)
	const notSent = page.getByRole('list', { name: 'Send a copy yourself to' })
	for (const i of review.invitees.filter((i) => !i.email)) {
		await expect(notSent.getByRole('listitem').filter({ hasText: `${i.name} (${INVITEE_ROLE_LABELS[i.role as InviteeRole]})` })).toHaveCount(1)
	}
	await expect(notSent).toContainText(`${noEmail} (Health professional): no email address`)
	await expect(page.locator('.govuk-warning-text')).toContainText('send them a copy of the review record yourself')
}
