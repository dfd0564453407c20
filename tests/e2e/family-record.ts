// The family's record (issue 14, "Their record"): a caseworker decides to keep a child's plan as it is (the decision
// letter goes to the parent), gives the family access from "Family access online" and signs out; the parent signs in
// from the emailed link (read from the outbox folder), opens their child from their first page, reads the review's
// statutory dates (the council's decision: due 4 weeks after the meeting, done today, on time), downloads every letter
// listed and the review report, and reads the decision's email as a page. Run twice: with JavaScript
// (family-record.spec.ts) and without (family-record.no-js.spec.ts), on different children.
import fs from 'node:fs'
import type { Page } from '@playwright/test'
import { formatDate, todayInLondon, type IsoDate } from '#app/domain/calendar-date.ts'
import { decisionDueOn, reportDueOn } from '#app/domain/statutory-clock.ts'
import { isYoungPerson } from '#app/domain/young-person.ts'
import { e2eDb, JOURNEY_DECISION_REASONS, submittedAsSeeded } from './db.ts'
import { familyLinkFor, lastFamilyLinkId, openFamilyLink } from './family.ts'
import { expect, signIn, signOut, USERS } from './fixtures.ts'

type A11y = { check: () => Promise<void> }

/**
 * A submitted review of one of Priya's children that no other journey takes, a different one for each run (`which`),
 * chosen among the reviews as the seed left them (submittedAsSeeded), so the choice does not move when another run
 * decides one: caseworker.ts takes the first two children's reviews with proposals and a parent's email (not a young
 * person's); caseworker-words.ts and the reflow check read reviews of children who are not Priya's.
 */
async function reviewFor(which: 0 | 1) {
	const db = await e2eDb()
	const today = todayInLondon(new Date())
	const priya = await db.user.findUniqueOrThrow({ where: { email: USERS.caseworker }, select: { id: true } })
	const child = { select: { firstName: true, lastName: true, parentEmail: true, dateOfBirth: true } }
	const youngPerson = (r: { child: { dateOfBirth: string } }) => isYoungPerson(r.child.dateOfBirth as IsoDate, today)
	const caseworker = (
		await db.annualReview.findMany({
			where: { ...submittedAsSeeded(), child: { parentEmail: { not: '' } }, proposals: { some: {} } },
			orderBy: { id: 'asc' },
			select: { id: true, child },
		})
	)
		.filter((r) => !youngPerson(r))
		.slice(0, 2)
	const candidates = (
		await db.annualReview.findMany({
			where: {
				AND: [submittedAsSeeded(), { id: { notIn: caseworker.map((r) => r.id) } }],
				meetingOn: { not: null },
				child: { caseworkerId: priya.id, parentEmail: { not: '' }, yearGroup: { lt: 10 } },
			},
			orderBy: { id: 'desc' },
			select: { id: true, childId: true, meetingOn: true, child },
		})
	).filter((r) => !youngPerson(r))
	const review = candidates[which]
	if (!review) throw new Error(`The seed left ${candidates.length} submitted reviews of Priya’s children for this journey; it needs two`)
	return review
}

export async function familyRecordJourney(page: Page, a11y: A11y, which: 0 | 1) {
	const db = await e2eDb()
	const review = await reviewFor(which)
	const name = `${review.child.firstName} ${review.child.lastName}`
	const parentEmail = review.child.parentEmail.toLowerCase()
	const today = todayInLondon(new Date())

	// The caseworker decides to keep the plan as it is: the decision letter goes to the parent (reg 20(10)).
	await signIn(page, a11y, USERS.caseworker)
	await page.goto(`/council/reviews/${review.id}/decision`)
	await a11y.check()
	await page.getByRole('radio', { name: 'Maintain the plan as it is' }).check()
	await page.getByLabel('Reasons for the decision').fill(JOURNEY_DECISION_REASONS.familyRecord)
	await page.getByRole('button', { name: 'Continue' }).click()
	await expect(page.getByRole('heading', { name: 'Check before sending', level: 1 })).toBeVisible()
	await a11y.check()
	await page.getByRole('button', { name: 'Send the decision letter' }).click()
	await page.waitForURL(new RegExp(`/council/reviews/${review.id}$`))
	await a11y.check()

	// Family access online: a sign-in link to the parent.
	await page.goto(`/children/${review.childId}`)
	await a11y.check()
	await page.getByRole('link', { name: `Family access online for ${name}` }).click()
	await page.waitForURL(new RegExp(`/children/${review.childId}/family$`))
	await a11y.check()
	const before = await lastFamilyLinkId(parentEmail)
	await page.getByRole('button', { name: 'Send a sign-in link' }).click()
	await expect(page.getByText(`Sign-in link sent to`)).toBeVisible()
	await a11y.check()
	await signOut(page, a11y)

	// The parent signs in from the emailed link; the letter is in their record once its email has gone (the outbox
	// worker sends every few seconds).
	await openFamilyLink(page, a11y, await familyLinkFor(parentEmail, before))
	await expect
		.poll(
			() => db.outboxMessage.count({ where: { reviewId: review.id, template: 'decision-letter', status: 'SENT', toAddress: review.child.parentEmail } }),
			{
				message: 'the decision letter was not sent to the parent',
				timeout: 40_000,
			},
		)
		.toBe(1)
	await page.getByRole('link', { name: `${name}’s EHC plan` }).click()
	await page.waitForURL(new RegExp(`/family/children/${review.childId}$`))
	await a11y.check()
	await expect(page.getByRole('heading', { name: `${name}’s EHC plan`, level: 1 })).toBeVisible()

	// The review's dates: the council's decision was due 4 weeks after the meeting (reg 20(10)) and was made today.
	const timeline = page.getByRole('list', { name: 'Dates for this review' })
	const decided = timeline.getByRole('listitem').filter({ hasText: 'Tell you what it has decided' })
	await expect(decided).toContainText(formatDate(decisionDueOn(review.meetingOn!)))
	await expect(decided).toContainText('The council')
	await expect(decided).toContainText(`Done on ${formatDate(today)}, on time`)
	// The school's report was due 2 weeks after the meeting (reg 20(7)).
	await expect(timeline.getByRole('listitem').filter({ hasText: 'Send you the review report' })).toContainText(formatDate(reportDueOn(review.meetingOn!)))

	// Every letter listed downloads as a PDF, and so does the review report.
	const letters = page.getByRole('list', { name: 'Letters sent to you' }).getByRole('link')
	await expect(letters).toHaveText(['Decision letter (PDF)'])
	const links = [...(await letters.all()), page.getByRole('link', { name: 'Download the review report (PDF)' })]
	for (const link of links) {
		const [download] = await Promise.all([page.waitForEvent('download'), link.click()])
		const bytes = fs.readFileSync(await download.path())
		expect(bytes.subarray(0, 5).toString(), download.suggestedFilename()).toBe('%PDF-')
		expect(download.suggestedFilename()).toMatch(/\.pdf$/)
		const response = await page.request.get((await link.getAttribute('href'))!)
		expect(response.status()).toBe(200)
		expect(response.headers()['content-type']).toBe('application/pdf')
	}

	// The decision's email, as a page: what it said, when, and the letter with it.
	const emails = page.getByRole('list', { name: 'Emails sent to you' })
	await emails.getByRole('link', { name: /^Annual review decision for / }).click()
	await page.waitForURL(/\/family\/messages\/[^/]+$/)
	await a11y.check()
	await expect(page.getByRole('heading', { name: /^Annual review decision for /, level: 1 })).toBeVisible()
	await expect(page.getByRole('region', { name: 'What the email said' })).toContainText(`decided on ${formatDate(today)} to keep (maintain) the plan`)
	await expect(page.getByRole('link', { name: 'Decision letter (PDF)' })).toBeVisible()
	const text = await page.request.get((await page.getByRole('link', { name: 'Download this email (text file)' }).getAttribute('href'))!)
	expect(text.headers()['content-type']).toBe('text/plain; charset=utf-8')
	expect(await text.text()).toContain('Subject: Annual review decision for')

	// The sign-in email is in the record too, without its link.
	await page.getByRole('link', { name: 'Back' }).click()
	await page.waitForURL(new RegExp(`/family/children/${review.childId}$`))
	await a11y.check()
	await emails.getByRole('link', { name: /EHC plan review online/ }).click()
	await page.waitForURL(/\/family\/messages\/[^/]+$/)
	await a11y.check()
	const said = page.getByRole('region', { name: 'What the email said' })
	await expect(said).toContainText('The sign-in link is not shown here')
	expect(await said.innerText()).not.toMatch(/\/family\/sign-in\//)
}
