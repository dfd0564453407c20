// A finished review keeps its own dates: its clocks are worked out from this review's facts, never from the plan's
// fields that a later step moved on (a decision or a final plan moves EhcPlan.lastReviewOn and reviewDueOn to the
// next cycle). Through the real decision action and the real review pages, for the council and the school.
import { createElement } from 'react'
import { renderToStaticMarkup } from 'react-dom/server'
import { expect, test } from 'vitest'
import { DeadlineTable } from '#app/components/review-bits.tsx'
import { prisma } from '#app/db.server.ts'
import { formatDate, todayInLondon } from '#app/domain/calendar-date.ts'
import { ragStatus, type Deadline } from '#app/domain/statutory-clock.ts'
import * as decision from '#app/routes/council-decision.tsx'
import * as councilReview from '#app/routes/council-review.tsx'
import * as schoolReview from '#app/routes/review.tsx'
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
	expectRedirect(
		await run(
			decision.action,
			request(`/council/reviews/${review.id}/decision`, {
				cookie,
				form: { outcome: 'MAINTAIN', reasons: 'The plan still meets the needs.', 'decidedOn.day': today.slice(8), 'decidedOn.month': today.slice(5, 7), 'decidedOn.year': today.slice(0, 4) },
			}),
			params,
		),
		`/council/reviews/${review.id}`,
	)
	const closed = await prisma.annualReview.findUniqueOrThrow({ where: { id: review.id }, select: { status: true, dueOn: true, child: { select: { plan: { select: { lastReviewOn: true, reviewDueOn: true } } } } } })
	expect(closed.status).toBe('CLOSED')
	expect(closed.dueOn).toBe(dueOn)
	expect(closed.child.plan!.lastReviewOn).toBe(meetingOn)
	expect(closed.child.plan!.reviewDueOn > meetingOn).toBe(true) // the next cycle's

	const expectOwnDueDate = (deadlines: Deadline[], who: string) => {
		const reviewDue = deadlines.find((d) => d.id === 'review_due')!
		expect(reviewDue, who).toMatchObject({ dueOn, metOn: meetingOn, daysLate: 64 })
		// Held late is not shown as on time: red, and the words say how late.
		expect(ragStatus(reviewDue), who).toEqual({ colour: 'red', words: `Met on ${formatDate(meetingOn)}, 64 days late` })
		const html = renderToStaticMarkup(createElement(DeadlineTable, { deadlines: [reviewDue], caption: 'Deadlines' }))
		expect(html, who).toContain(formatDate(dueOn))
		expect(html, who).toContain('govuk-tag--red')
		expect(html, who).not.toContain(formatDate(closed.child.plan!.reviewDueOn))
	}
	const council = (await run(councilReview.loader, request(`/council/reviews/${review.id}`, { cookie }), params)) as { deadlines: Deadline[] }
	expectOwnDueDate(council.deadlines, 'council')
	const school = (await run(schoolReview.loader, request(`/reviews/${review.id}`, { cookie: await cookieFor(OAKFIELD) }), params)) as { deadlines: Deadline[] }
	expectOwnDueDate(school.deadlines, 'school')
	// The decision's own clock is still this review's: due 4 weeks after its meeting.
	expect(council.deadlines.find((d) => d.id === 'la_decision')).toMatchObject({ dueOn: plusDays(meetingOn, 28), metOn: today })
})
