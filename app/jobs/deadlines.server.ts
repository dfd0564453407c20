// Keeps every open review's stored next deadline (AnnualReview.nextDeadlineOn / nextDeadlineId, which the
// caseload sorts and filters by) in step with the calendar. Every change to a review recomputes it
// (refreshNextDeadline), but some deadlines move on with time alone: once the meeting date has passed the
// next deadline is the report's (not the invitations'), once the representations period has closed it is the
// final plan's. This runs daily, before the reminders (app/jobs/reminders.server.ts), and at start-up; the
// seed runs it too. It takes the database client, so a script with its own client can use it.
import type { Tx } from '#app/db/db.server.ts'
import type { PrismaClient } from '#app/db/factory.server.ts'
import type { IsoDate } from '#app/domain/calendar-date.ts'
import { CLOCK_FACTS_SELECT, clocksFor } from '#app/domain/review-facts.ts'
import { isOpen, OPEN_REVIEW_WHERE } from '#app/domain/review-lifecycle.ts'
import type { Prisma } from '#app/generated/sqlite/client.ts'

const PAGE_SIZE = 500

const reviewSelect = {
	id: true,
	updatedAt: true,
	nextDeadlineOn: true,
	nextDeadlineId: true,
	...CLOCK_FACTS_SELECT,
} as const satisfies Prisma.AnnualReviewSelect

/**
 * Recomputes the next deadline of every open review as of `today`, a page at a time, and writes the ones that
 * changed. A review changed by someone since it was read is left alone: that change recomputed it already.
 */
export async function refreshNextDeadlines(prisma: PrismaClient, options: { today: IsoDate }): Promise<{ checked: number; updated: number }> {
	let checked = 0
	let updated = 0
	let afterId: string | null = null
	for (;;) {
		const page: Array<Prisma.AnnualReviewGetPayload<{ select: typeof reviewSelect }>> = await prisma.annualReview.findMany({
			where: { ...OPEN_REVIEW_WHERE, ...(afterId ? { id: { gt: afterId } } : {}) },
			orderBy: { id: 'asc' },
			take: PAGE_SIZE,
			select: reviewSelect,
		})
		const changes = page.flatMap((review) => {
			const next = clocksFor(review, options.today).next
			const nextDeadlineOn = next?.dueOn ?? null
			const nextDeadlineId = next?.id ?? null
			return nextDeadlineOn === review.nextDeadlineOn && nextDeadlineId === review.nextDeadlineId ? [] : [{ review, nextDeadlineOn, nextDeadlineId }]
		})
		if (changes.length) {
			const results = await prisma.$transaction(
				changes.map(({ review, nextDeadlineOn, nextDeadlineId }) =>
					prisma.annualReview.updateMany({
						where: { id: review.id, updatedAt: review.updatedAt, ...OPEN_REVIEW_WHERE },
						data: { nextDeadlineOn, nextDeadlineId },
					}),
				),
			)
			updated += results.reduce((sum, r) => sum + r.count, 0)
		}
		checked += page.length
		if (page.length < PAGE_SIZE) break
		afterId = page[page.length - 1]!.id
	}
	return { checked, updated }
}

/** Keeps the stored next deadline (which the caseload sorts by) in step with the clock. */
export async function refreshNextDeadline(tx: Tx, reviewId: string) {
	const review = await tx.annualReview.findUniqueOrThrow({
		where: { id: reviewId },
		select: { status: true, ...CLOCK_FACTS_SELECT },
	})
	const next = isOpen(review.status) ? clocksFor(review).next : null
	await tx.annualReview.update({ where: { id: reviewId }, data: { nextDeadlineOn: next?.dueOn ?? null, nextDeadlineId: next?.id ?? null } })
}
