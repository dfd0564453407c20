// A finished review keeps its own dates: its clocks are worked out from this review's facts, never from the plan's
// fields that a later step moved on (a decision or a final plan moves EhcPlan.lastReviewOn and reviewDueOn to the
// next cycle). Through the real decision action and the real review pages, for the council and the school.
import { createElement } from 'react'
import { renderToStaticMarkup } from 'react-dom/server'
import { expect, test } from 'vitest'
import { DeadlineTable } from '#app/components/review-bits.tsx'
import { prisma } from '#app/db/db.server.ts'
import { formatDate, todayInLondon } from '#app/domain/calendar-date.ts'
import { ragStatus, type Deadline } from '#app/domain/statutory-clock.ts'
import * as decision from '#app/routes/council-decision.tsx'
import * as councilReview from '#app/routes/council-review.tsx'
import * as schoolReview from '#app/routes/review.tsx'
import { decideToMaintain } from '#tests/check-and-send.ts'
import { cookieFor, expectRedirect, request, run } from '#tests/helpers.ts'

const CASEWORKER = 'caseworker@kent.example.gov.uk'
const OAKFIELD = 'senco@oakfield-primary.example.org'

// Calendar arithmetic written independently of app/domain (UTC dates, whole days).
const plusDays = (iso: string, days: number) => new Date(Date.parse(`${iso}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10)

test('a review held 64 days late and then closed shows its own due date, missed by 64 days, not the next cycle’s', async () => {
	const senco = await prisma.user.findUniqueOrThrow({ where: { email: OAKFIELD }, select: { schoolId: true } })
	const review = await prisma.annualReview.findFirstOrThrow({
		where: { status: 'SUBMITTED', schoolId: senco.schoolId!, child: { schoolId: senco.schoolId!, parentEmail: { not: '' } } },
		select: { id: true, meetingOn: true, childId: true },
		orderBy: { id: 'asc' },
	})
	const meetingOn = review.meetingOn!
	// This review answered a 12-month date 64 days before its meeting.
	const dueOn = plusDays(meetingOn, -64)
	await prisma.annualReview.update({ where: { id: review.id }, data: { dueOn } })
	await prisma.ehcPlan.update({ where: { childId: review.childId }, data: { reviewDueOn: dueOn } })

	// The council keeps the plan: the review closes and the plan's clock moves on to the next cycle.
	const today = todayInLondon(new Date())
	const cookie = await cookieFor(CASEWORKER)
	const params = { reviewId: review.id }
	expectRedirect(await decideToMaintain(decision.action, review.id, cookie, today), `/council/reviews/${review.id}`)
	const closed = await prisma.annualReview.findUniqueOrThrow({
		where: { id: review.id },
		select: { status: true, dueOn: true, child: { select: { plan: { select: { lastReviewOn: true, reviewDueOn: true } } } } },
	})
	expect(closed.status).toBe('CLOSED')
	expect(closed.dueOn).toBe(dueOn)
	expect(closed.child.plan!.lastReviewOn).toBe(meetingOn)
	expect(closed.child.plan!.reviewDueOn > meetingOn).toBe(true) // the next cycle's

	const expectOwnDueDate = (deadlines: Deadline[], who: string) => {
		const reviewDue = deadlines.find((d) => d.id === 'review_due')!
		expect(reviewDue, who).toMatchObject({ dueOn, metOn: meetingOn, daysLate: 64 })
		// Held late is not shown as on time: red, and the words say how late.
		expect(ragStatus(reviewDue), who).toEqual({ colour: 'red', words: `Done on ${formatDate(meetingOn)}, 64 days late` })
		const html = renderToStaticMarkup(createElement(DeadlineTable, { deadlines: [reviewDue], caption: 'Deadlines' }))
		expect(html, who).toContain(formatDate(dueOn))
		expect(html, who).toContain('govuk-tag--red')
		expect(html, who).not.toContain(formatDate(closed.child.plan!.reviewDueOn))
	}
	const council = (await run(councilReview.loader, request(`/council/reviews/${review.id}`, { cookie }), params)) as { deadlines: Deadline[] }
	expectOwnDueDate(council.deadlines, 'council')
	const school = (await run(schoolReview.loader, request(`/reviews/${review.id}`, { cookie: await cookieFor(OAKFIELD) }), params)) as {
		deadlines: Deadline[]
	}
	expectOwnDueDate(school.deadlines, 'school')
	// The decision's own clock is still this review's: due 4 weeks after its meeting.
	expect(council.deadlines.find((d) => d.id === 'la_decision')).toMatchObject({ dueOn: plusDays(meetingOn, 28), metOn: today })
})

/** The corresponding date `months` later, clamped to the end of a shorter month (UTC, independent of app/domain). */
function plusMonths(iso: string, months: number) {
	const [y, m, d] = iso.split('-').map(Number) as [number, number, number]
	const index = y * 12 + (m - 1) + months
	const lastDay = new Date(Date.UTC(Math.floor(index / 12), (index % 12) + 1, 0)).getUTCDate()
	return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}-${String(Math.min(d, lastDay)).padStart(2, '0')}`
}
/** s.44(1): the last day of the 12 months starting with a day (the day before the anniversary). */
const lastDayOf12MonthsFrom = (iso: string) => plusDays(plusMonths(iso, 12), -1)

test('the seeded reviews follow the app’s own steps: a finished review moved the plan’s dates on, as the app would have', async () => {
	const today = todayInLondon(new Date())
	const children = await prisma.child.findMany({
		where: { plan: { isNot: null } },
		select: {
			id: true,
			plan: { select: { status: true, firstIssuedOn: true, lastReviewOn: true, reviewDueOn: true } },
			reviews: { include: { decision: { select: { outcome: true } }, finalPlan: { select: { issuedOn: true } } } },
		},
	})
	let finishedCount = 0
	const problems: string[] = []
	for (const child of children) {
		const plan = child.plan!
		// The app moves the plan on when a review closes (a decision to maintain or cease) or its final plan is issued:
		// lastReviewOn becomes the meeting, reviewDueOn the last day of the 12 months starting with it.
		const finished = child.reviews
			.filter((r) => r.status === 'CLOSED' || r.status === 'FINAL_ISSUED')
			.sort((a, b) => a.meetingOn!.localeCompare(b.meetingOn!))
		const latest = finished.at(-1)
		if (latest) {
			finishedCount++
			if (plan.lastReviewOn !== latest.meetingOn)
				problems.push(`${latest.status} review ${latest.id}: plan last reviewed ${plan.lastReviewOn}, meeting ${latest.meetingOn}`)
			if (plan.reviewDueOn !== lastDayOf12MonthsFrom(latest.meetingOn!))
				problems.push(`${latest.status} review ${latest.id}: plan review due ${plan.reviewDueOn}, not 12 months from ${latest.meetingOn}`)
		}
		for (const r of child.reviews) {
			// A decision to maintain or cease closes the review at once; only an amend waits for its notice.
			if (r.status === 'DECISION_MADE' && r.decision?.outcome !== 'AMEND') problems.push(`DECISION_MADE review ${r.id} decided ${r.decision?.outcome}`)
			if (r.status === 'FINAL_ISSUED' && !r.finalPlan) problems.push(`FINAL_ISSUED review ${r.id} without a final plan`)
			// Every review answers a 12-month date no earlier than the plan's first (s.44(1)).
			if (r.dueOn < lastDayOf12MonthsFrom(plan.firstIssuedOn))
				problems.push(`${r.status} review ${r.id}: due ${r.dueOn}, before the plan's first review date`)
			// An open review that has not finished answers the plan's current date.
			if (!['CLOSED', 'FINAL_ISSUED'].includes(r.status) && r.dueOn !== plan.reviewDueOn)
				problems.push(`${r.status} review ${r.id}: due ${r.dueOn}, plan ${plan.reviewDueOn}`)
		}
	}
	expect(finishedCount).toBeGreaterThan(50)
	expect(problems.slice(0, 10), `${problems.length} problems`).toEqual([])

	// The school's list shows the review due now: for a child whose latest review was held and finished, this cycle's,
	// not started and due after that meeting; never last year's review, nor a date already met.
	const latestOf = new Map(
		children.map((c) => [c.id, { plan: c.plan!, review: [...c.reviews].sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime())[0] }]),
	)
	const oakfield = await cookieFor(OAKFIELD)
	const { loader: schoolList } = await import('#app/routes/school.tsx')
	const first = (await run(schoolList, request('/school', { cookie: oakfield }))) as { pages: number }
	let finishedOnList = 0
	for (let page = 1; page <= first.pages; page++) {
		const list = (await run(schoolList, request(`/school?page=${page}`, { cookie: oakfield }))) as {
			rows: Array<{ id: string; dueNow: { state: string; review: unknown; reviewDueOn: string | null } }>
		}
		for (const row of list.rows) {
			const { plan, review } = latestOf.get(row.id) ?? {}
			if (plan?.status !== 'ACTIVE' || !review || !['CLOSED', 'FINAL_ISSUED'].includes(review.status) || !review.meetingOn) continue
			finishedOnList++
			expect(row.dueNow).toMatchObject({ state: 'not_started', review: null, reviewDueOn: plan.reviewDueOn })
			expect(row.dueNow.reviewDueOn! > review.meetingOn).toBe(true)
			if (review.meetingOn > plusMonths(today, -11)) expect(row.dueNow.reviewDueOn! >= today).toBe(true)
		}
	}
	expect(finishedOnList).toBeGreaterThan(0)
})
