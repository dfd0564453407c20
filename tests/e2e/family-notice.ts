// The amendment notice online (issue 14 §3; SEND Regulations 2014 reg 22(2)(c)): a caseworker sends the family a
// sign-in link from the child's page; the parent opens it from the outbox, reads the proposed changes as differences,
// replies with a comment on one change, a school they want named and a letter attached, and sees the receipt; the
// caseworker then sees the reply, made online, with its comment beside the amendment on the final plan page.
// Run twice: with JavaScript (family-notice.spec.ts) and without (family-notice.no-js.spec.ts), on different reviews.
import type { Page } from '@playwright/test'
import { PDFDocument, StandardFonts } from 'pdf-lib'
import { formatDate, todayInLondon } from '#app/domain/calendar-date.ts'
import { DEMO_PARENT_EMAIL } from '#prisma/seed-data.ts'
import { e2eDb } from './db.ts'
import { familyLinkFor, lastFamilyLinkId, openFamilyLink } from './family.ts'
import { expect, signIn, signOut, USERS } from './fixtures.ts'

type A11y = { check: () => Promise<void> }

async function letterPdf(phrase: string) {
	const doc = await PDFDocument.create()
	const font = await doc.embedFont(StandardFonts.Helvetica)
	doc.addPage().drawText(phrase, { x: 50, y: 700, size: 14, font })
	return Buffer.from(await doc.save())
}

/**
 * A Kent review whose notice is issued and still open, of a child whose letters go to a parent with an email address,
 * with no school request yet, not the demo parent's. Taken from the end of the list (by id, descending): keyboard.spec.ts and reflow.spec.ts
 * take the first such review; `which` keeps the two runs on different reviews.
 */
async function reviewToReplyTo(which: 0 | 1) {
	const db = await e2eDb()
	const today = todayInLondon(new Date())
	return db.annualReview.findFirstOrThrow({
		where: {
			la: { code: '886' },
			status: 'NOTICE_ISSUED',
			notice: { representationsCloseOn: { gte: today } },
			schoolRequest: null,
			// Not the demo parent's child (prisma/seed.ts), whose pages family-pages.spec.ts reads.
			child: { parentEmail: { notIn: ['', DEMO_PARENT_EMAIL] }, yearGroup: { lt: 10 } },
			proposals: { some: { addedAfterNotice: false, OR: [{ origin: 'LA' }, { laDecision: { in: ['ACCEPTED', 'EDITED'] } }] } },
		},
		orderBy: { id: 'desc' },
		skip: which,
		select: {
			id: true,
			childId: true,
			notice: { select: { issuedOn: true, representationsCloseOn: true } },
			child: { select: { firstName: true, lastName: true, parentEmail: true, parentName: true } },
		},
	})
}

export async function familyNoticeJourney(page: Page, a11y: A11y, which: 0 | 1) {
	const review = await reviewToReplyTo(which)
	const childName = `${review.child.firstName} ${review.child.lastName}`
	const parentEmail = review.child.parentEmail.toLowerCase()
	const comment = `Please keep the therapy weekly (${review.id.slice(-6)}).`
	const db = await e2eDb()
	const school = await db.school.findFirstOrThrow({
		where: { la: { code: '886' }, active: true, phase: 'PRIMARY' },
		orderBy: [{ name: 'desc' }, { id: 'desc' }],
		skip: which,
		select: { name: true },
	})

	// The caseworker sends the family a sign-in link from the child's page.
	await signIn(page, a11y, USERS.caseworker)
	await page.goto(`/children/${review.childId}`)
	await a11y.check()
	await page.getByRole('link', { name: `Family access online for ${childName}` }).click()
	await page.waitForURL(new RegExp(`/children/${review.childId}/family$`))
	await a11y.check()
	const before = await lastFamilyLinkId(parentEmail)
	await page.getByRole('button', { name: /Send a (new )?sign-in link/ }).click()
	await expect(page.getByRole('alert')).toContainText(`Sign-in link sent to ${review.child.parentName} (${parentEmail})`)
	await a11y.check()
	await signOut(page, a11y)

	// The parent opens the link from the outbox and reads the notice.
	await openFamilyLink(page, a11y, await familyLinkFor(parentEmail, before))
	await page.goto(`/family/reviews/${review.id}/notice`)
	await a11y.check()
	await expect(page.getByRole('heading', { name: 'Changes the council wants to make to the plan', level: 1 })).toBeVisible()
	await expect(page.getByText(`The council sent you a notice on ${formatDate(review.notice!.issuedOn)}`)).toBeVisible()
	await expect(page.getByText(`You have until ${formatDate(review.notice!.representationsCloseOn)} to reply.`)).toBeVisible()
	await expect(page.getByRole('heading', { name: /^Change 1: section / })).toBeVisible()
	// Each difference is said in words for screen readers, not only struck through or underlined.
	await expect(page.locator('.govuk-summary-card .app-diff').locator('ins, del').first()).toContainText(/\[(added|deleted): /)

	await page.getByRole('link', { name: 'Reply to the council' }).click()
	await page.waitForURL(new RegExp(`/family/reviews/${review.id}/representation$`))
	await a11y.check()
	await expect(page.getByRole('heading', { name: 'Reply to the council', level: 1 })).toBeVisible()

	// Without answers to the two questions: the errors say what to do, and what was typed stays.
	await page.getByLabel('What do you think of change 1? (optional)').fill(comment)
	await page.getByRole('button', { name: 'Send your reply' }).click()
	await expect(page.getByRole('link', { name: 'Select yes if you want a meeting with someone from the council' })).toBeVisible()
	await a11y.check()
	await expect(page.getByLabel('What do you think of change 1? (optional)')).toHaveValue(comment)

	const schoolQuestion = page.getByRole('group', { name: 'Do you want a particular school or college named in the plan?' })
	const schoolName = page.getByLabel('Name of the school or college')
	// With JavaScript the name is asked under "Yes" once it is chosen; without, always.
	if (which === 0) await expect(schoolName).toBeHidden()
	else await expect(schoolName).toBeVisible()
	await schoolQuestion.getByRole('radio', { name: 'Yes' }).check()
	await schoolName.fill(school.name)
	await page.getByLabel('What type of school or college is it? (optional)').fill('A primary school')
	await page.getByRole('group', { name: 'Do you want a meeting with someone from the council?' }).getByRole('radio', { name: 'Yes' }).check()
	await page
		.getByLabel('Add a letter or report (optional)')
		.setInputFiles({ name: 'our-letter.pdf', mimeType: 'application/pdf', buffer: await letterPdf(`Letter ${review.id}`) })
	await page.getByRole('button', { name: 'Send your reply' }).click()
	await page.waitForURL(/\/representation\?sent=/)
	await a11y.check()
	await expect(page.getByRole('heading', { name: 'Your reply has been sent', level: 1 })).toBeVisible()
	const sent = page.locator('.govuk-summary-card', { hasText: 'What you sent' })
	await expect(sent).toContainText(comment)
	await expect(sent).toContainText(`${school.name} (A primary school)`)
	await expect(sent).toContainText('our-letter.pdf')

	// On a phone: each page fits 320 CSS pixels with no sideways scrolling (WCAG 1.4.10), the form now with the reply above it.
	const receipt = new URL(page.url()).pathname + new URL(page.url()).search
	await page.setViewportSize({ width: 320, height: 800 })
	for (const path of [`/family/reviews/${review.id}/notice`, `/family/reviews/${review.id}/representation`, receipt]) {
		await page.goto(path)
		await a11y.check()
		const { scrollWidth, clientWidth } = await page.evaluate(() => ({
			scrollWidth: document.documentElement.scrollWidth,
			clientWidth: document.documentElement.clientWidth,
		}))
		expect(clientWidth, path).toBe(320)
		expect(scrollWidth, `${path} is ${scrollWidth} CSS pixels wide at 320`).toBeLessThanOrEqual(clientWidth)
		if (path.endsWith('/representation')) await expect(page.getByRole('heading', { name: 'What you have sent already' })).toBeVisible()
	}
	await page.setViewportSize({ width: 1280, height: 720 })
	await page.getByRole('button', { name: 'Sign out' }).click()
	await page.waitForURL(/sign-in/)

	// The caseworker sees it, made online, and the comment beside the amendment on the final plan page.
	await signIn(page, a11y, USERS.caseworker)
	await page.goto(`/council/reviews/${review.id}`)
	await a11y.check()
	const representations = page.locator('dl', { hasText: 'made online by the family' })
	await expect(representations).toContainText(comment)
	await expect(representations).toContainText(school.name)
	await expect(representations.getByRole('link', { name: /^Representation from / })).toBeVisible()
	await page.goto(`/council/reviews/${review.id}/final`)
	await a11y.check()
	const first = page.locator('.govuk-summary-card', { has: page.getByRole('heading', { name: /^Amendment 1: / }) })
	await expect(first.getByRole('heading', { name: 'What the family said about it' })).toBeVisible()
	await expect(first).toContainText(comment)
	await expect(page.getByRole('heading', { name: /^Representation \d+: .*, made online by the family$/ })).toBeVisible()
	const stored = await db.representation.findFirstOrThrow({
		where: { reviewId: review.id, online: true },
		select: { comments: { select: { comment: true } }, schoolRequest: { select: { schoolName: true } }, evidence: { select: { fileName: true } } },
	})
	expect(stored).toEqual({ comments: [{ comment }], schoolRequest: { schoolName: school.name }, evidence: [{ fileName: 'our-letter.pdf' }] })
}
