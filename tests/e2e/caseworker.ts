// The caseworker's journey through a review the seeded SENCo submitted: clocks, decision, amendment
// notice from two proposals (one accepted, one edited), a representation asking for a school, an amendment
// changed after it and one added (reg 22(3)), the school consulted and named in Section I (s.39), the final
// plan issued before the 15 days end because the family said they had no more to say; the PDFs are read back
// and the next plan version carries the amended wording and the school. Run twice: with JavaScript
// (caseworker.spec.ts) and without (caseworker.no-js.spec.ts).
import type { Page } from '@playwright/test'
import { addDays, formatDate, todayInLondon, type IsoDate } from '#app/domain/calendar-date.ts'
import { isYoungPerson } from '#app/domain/young-person.ts'
import { e2eDb, JOURNEY_DECISION_REASONS, submittedAsSeeded } from './db.ts'
import { expect, signIn, USERS } from './fixtures.ts'
import { pdfText } from './pdf.ts'

type A11y = { check: () => Promise<void> }

const EDITED = 'Forty-five minutes of direct speech and language therapy every week, delivered by the NHS speech and language therapist, reviewed each term.'

const MORNING = 'Therapy sessions take place in the morning, as the family asked.'

const ADDED = 'A sensory diet planned with the occupational therapist and reviewed each half term.'

/** `which` keeps the two runs (with and without JavaScript) on different reviews when they run at once. */
export async function caseworkerJourney(page: Page, a11y: A11y, which: 0 | 1) {
	const db = await e2eDb()
	// A child's review, not a young person's in their own right (their notice goes to them, not to the parent): which
	// children those are moves with the date the journeys run on.
	const today = todayInLondon(new Date())
	const candidates = await db.annualReview.findMany({
		where: { ...submittedAsSeeded(), child: { parentEmail: { not: '' } }, proposals: { some: {} } },
		orderBy: { id: 'asc' },
		select: {
			id: true,
			meetingOn: true,
			childId: true,
			proposals: { where: { origin: 'SCHOOL' }, select: { id: true } },
			child: { select: { firstName: true, lastName: true, dateOfBirth: true, plan: { select: { currentVersionNo: true } } } },
		},
	})
	const review = candidates.filter((r) => !isYoungPerson(r.child.dateOfBirth as IsoDate, today))[which]!
	expect(review.proposals.length).toBeGreaterThanOrEqual(1)
	const childName = `${review.child.firstName} ${review.child.lastName}`
	// The school the family asks for in their representation, from the council's list (a different one per run).
	const school = await db.school.findFirstOrThrow({
		where: { la: { code: '886' }, active: true, phase: 'SECONDARY' },
		orderBy: [{ name: 'asc' }, { id: 'asc' }],
		skip: which,
		select: { name: true, urn: true },
	})
	await signIn(page, a11y, USERS.caseworker)

	await page.goto(`/council/reviews/${review.id}`)
	await a11y.check()
	await expect(page.getByRole('heading', { name: 'Annual review', level: 1 })).toBeVisible()
	const clocks = page.getByRole('table', { name: 'Statutory clocks' })
	await expect(clocks.getByRole('row', { name: /Council decision/ })).toContainText(formatDate(addDays(review.meetingOn!, 28)))
	await expect(clocks.getByRole('row', { name: /review report/i })).toContainText(formatDate(addDays(review.meetingOn!, 14)))

	await page.getByRole('link', { name: 'Make the decision' }).click()
	await a11y.check()
	await page.getByRole('radio', { name: 'Amend the plan' }).check()
	await page.getByLabel('Reasons for the decision').fill(JOURNEY_DECISION_REASONS.caseworker)
	// An amend sends no letter: it is recorded at once and the amendment notice follows.
	await page.getByRole('button', { name: 'Continue' }).click()
	await page.waitForURL(/\/notice$/)
	await a11y.check()

	// Proposal 1 accepted; proposal 2 (or the council's own, when the school made one) edited.
	const proposals = review.proposals.length
	await page.getByRole('group', { name: 'What will the council do with proposal 1?' }).getByRole('radio', { name: 'Accept' }).check()
	if (proposals >= 2) {
		await page.getByRole('group', { name: 'What will the council do with proposal 2?' }).getByRole('radio', { name: 'Edit' }).check()
		await page.getByLabel('The council’s wording for proposal 2 (if you edit it)').fill(EDITED)
		await page.getByLabel('Reason for editing or rejecting proposal 2').fill('As the therapist advised.')
	} else {
		// The council's own amendment starts from the plan's current wording of the section chosen.
		await page.getByText('Add an amendment of the council’s own').click()
		await page.getByLabel('Section of the plan').selectOption('F')
		await page.getByRole('button', { name: 'Start from this section’s wording' }).click()
		await page.waitForURL(/\/notice\?section=F/)
		await a11y.check()
		await expect(page.getByLabel('The council’s proposed wording')).not.toHaveValue('')
		await page.getByLabel('The council’s proposed wording').fill(EDITED)
		await page.getByLabel('The reason').fill('As the therapist advised.')
	}
	for (let i = 3; i <= proposals; i++) {
		await page
			.getByRole('group', { name: `What will the council do with proposal ${i}?` })
			.getByRole('radio', { name: 'Reject' })
			.check()
		await page.getByLabel(`Reason for editing or rejecting proposal ${i}`).fill('Not supported by the evidence.')
	}
	// Check before sending (issue 12 §1): nothing goes until Send; the recipients are listed and the notice can be read first.
	await page.getByRole('button', { name: 'Check the amendment notice before sending' }).click()
	await expect(page.getByRole('heading', { name: 'Check before sending', level: 1 })).toBeVisible()
	await a11y.check()
	const child = await db.child.findUniqueOrThrow({ where: { id: review.childId }, select: { parentEmail: true } })
	await expect(page.getByRole('table', { name: 'Who it goes to' })).toContainText(child.parentEmail)
	const closes = addDays(today, 14)
	const [previewDownload] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'View the letter (PDF)' }).click()])
	expect((await pdfText(previewDownload)).text).toContain(formatDate(closes))
	expect(await db.amendmentNotice.count({ where: { reviewId: review.id } })).toBe(0)
	await page.getByRole('button', { name: 'Send the amendment notice' }).click()
	await page.waitForURL(new RegExp(`/council/reviews/${review.id}$`))
	await a11y.check()
	await expect(page.getByText(`representations close on ${formatDate(closes)}`)).toBeVisible()

	const [noticeDownload] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: /^Amendment notice/ }).click()])
	const notice = await pdfText(noticeDownload)
	expect(notice.text).toContain('Forty-five minutes of direct speech')
	expect(notice.text).toContain(formatDate(closes))
	expect(notice.text).toMatch(/15 days/)

	await page.getByRole('link', { name: 'Record a representation' }).click()
	await a11y.check()
	await page.getByLabel('Who made it').fill('Mrs Begum (mother)')
	await page.getByLabel('What they said').fill('We agree, and ask that therapy happens in the morning.')
	await page.getByLabel('School or college they asked to be named (optional)').fill(school.name)
	await page.getByRole('button', { name: 'Record the representation' }).click()
	await page.waitForURL(new RegExp(`/council/reviews/${review.id}$`))
	await a11y.check()
	await expect(page.getByText('We agree, and ask that therapy happens in the morning.').first()).toBeVisible()

	await page.getByRole('link', { name: 'Issue the final plan' }).click()
	await a11y.check()
	// The 15 days are the family's (reg 22(2)(c)): issuing now is refused, with the reason, and what was typed is kept.
	await expect(page.getByText(`The family has until ${formatDate(closes)} to make representations`).first()).toBeVisible()
	const wording = page.getByLabel('The wording the final plan will carry for amendment 1')
	await wording.fill(`${await wording.inputValue()}\n${MORNING}`)
	await page.getByLabel('Why amendment 1 changed (if it did)').fill('The family asked for morning sessions.')
	await page.getByRole('radio', { name: 'The final amended plan' }).check()
	await page.getByRole('button', { name: 'Check before sending' }).click()
	await expect(page.getByRole('alert').getByText(/no more to say/)).toBeVisible()
	await a11y.check()
	await expect(page.getByLabel('The wording the final plan will carry for amendment 1')).toHaveValue(new RegExp(MORNING))

	// An amendment the notice did not propose, added after the representation (reg 22(3)), from the plan's wording of the section.
	await page.getByRole('button', { name: 'Add an amendment' }).click()
	await page.waitForURL(/\/final\/amendments\/new$/)
	await a11y.check()
	await page.getByLabel('Section of the plan').selectOption('G')
	await page.getByRole('button', { name: 'Start from this section’s wording' }).click()
	await page.waitForURL(/\/final\/amendments\/new\?section=G/)
	await a11y.check()
	await expect(page.getByLabel('The wording the final plan will carry')).not.toHaveValue('')
	await page.getByLabel('The wording the final plan will carry').fill(ADDED)
	await page.getByLabel('Why the council is making this change').fill('The family asked for it in their representation.')
	await page.getByRole('button', { name: 'Add the amendment' }).click()
	await page.waitForURL(/\/final(#added)?$/)
	await a11y.check()
	await expect(page.getByRole('heading', { name: /Added amendment 1: section G/ })).toBeVisible()
	// The edit typed before leaving the page was kept.
	await expect(page.getByLabel('The wording the final plan will carry for amendment 1')).toHaveValue(new RegExp(MORNING))

	// The school the family asked for: consulted with the draft plan (s.39(2)) and named in Section I (s.39(3)).
	await page.getByRole('button', { name: 'Record the school request' }).click()
	await page.waitForURL(/\/final\/school$/)
	await a11y.check()
	await expect(page.getByLabel('The school or college, as the family asked for it')).toHaveValue(school.name)
	await page.getByLabel('The school in the council’s list').selectOption({ label: `${school.name} (URN ${school.urn})` })
	const consulted = page.getByRole('group', { name: 'When was the school consulted with a copy of the draft plan?' })
	await consulted.getByLabel('Day').fill(String(Number(today.slice(8))))
	await consulted.getByLabel('Month').fill(String(Number(today.slice(5, 7))))
	await consulted.getByLabel('Year').fill(today.slice(0, 4))
	await page.getByLabel('What the school said').fill('The governors agree the school can meet his needs.')
	const reasons = page.getByLabel('The council’s reasons, for the family’s letter')
	// Without JavaScript every answer's questions show; with it, the refusal's show only when it is chosen.
	if (which === 0) await expect(reasons).toBeHidden()
	else await expect(reasons).toBeVisible()
	await page.getByRole('radio', { name: 'Name the school in Section I' }).check()
	await page.getByRole('button', { name: 'Save the school request' }).click()
	await page.waitForURL(/\/final(#school-request)?$/)
	await a11y.check()
	await expect(page.getByText('Named in Section I (s.39(3))')).toBeVisible()

	// The family said they had no more to say: recorded, the plan can go before the 15 days end.
	await page.getByRole('checkbox', { name: 'The family has told us they have no more to say' }).check()
	const when = page.getByRole('group', { name: 'When did they tell you?' })
	await when.getByLabel('Day').fill(String(Number(today.slice(8))))
	await when.getByLabel('Month').fill(String(Number(today.slice(5, 7))))
	await when.getByLabel('Year').fill(today.slice(0, 4))
	await page.getByRole('radio', { name: 'The final amended plan' }).check()
	await page.getByRole('button', { name: 'Check before sending' }).click()
	await expect(page.getByRole('heading', { name: 'Check before sending', level: 1 })).toBeVisible()
	await a11y.check()
	await expect(page.getByRole('table', { name: 'Who it goes to' })).toContainText(child.parentEmail)
	await expect(page.getByText('Section G, Health provision: added after representations')).toBeVisible()
	await expect(page.getByText(`${school.name}: named in Section I (s.39(3))`)).toBeVisible()
	await page.getByRole('button', { name: 'Send the final plan' }).click()
	await page.waitForURL(new RegExp(`/council/reviews/${review.id}$`))
	await a11y.check()
	await expect(page.getByText('Final amended plan issued', { exact: true })).toBeVisible()

	const [finalDownload] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: /^Final amended EHC plan/ }).click()])
	const finalPlan = await pdfText(finalDownload)
	expect(finalPlan.text).toContain('Forty-five minutes of direct speech')
	expect(finalPlan.text).toContain(MORNING)
	expect(finalPlan.text).toContain(`You told us on ${formatDate(today)} that you had no more to say`)
	expect(finalPlan.text).toContain(ADDED)
	expect(finalPlan.text).toContain('Added after your representations')
	expect(finalPlan.text).toContain(`${school.name} (URN ${school.urn})`)
	expect(notice.text).not.toContain(ADDED)
	expect(finalPlan.text).toMatch(/appeal/i)

	// The chronology tells the story, and the plan has a new version with the amended wording.
	await expect(page.getByRole('table', { name: /Everything that happened/ })).toContainText('Amendment notice issued')
	const plan = await db.ehcPlan.findUniqueOrThrow({
		where: { childId: review.childId },
		select: { currentVersionNo: true, versions: { orderBy: { versionNo: 'desc' }, take: 1, include: { provisions: true, outcomes: true } } },
	})
	expect(plan.currentVersionNo).toBe(review.child.plan!.currentVersionNo + 1)
	expect(JSON.stringify(plan.versions[0])).toContain('Forty-five minutes of direct speech')
	expect(plan.versions[0]!.sectionG).toBe(ADDED)
	expect(plan.versions[0]!.sectionI).toContain(school.name)
	await expect(page.getByText(childName).first()).toBeVisible()
}
