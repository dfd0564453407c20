import type { SessionUser } from '#app/auth/auth.server.ts'
import { childScope } from '#app/auth/tenancy.server.ts'
import { prisma } from '#app/db/db.server.ts'
import { todayInLondon, type IsoDate } from '#app/domain/calendar-date.ts'
import { byUrgency, reviewDueNow, urgencyCounts } from '#app/domain/review-due-now.ts'

export const PAGE_SIZE = 25

export type ChildListFilter = {
	q?: string
	/** 'action': only the children whose review needs the school's action now (app/domain/review-due-now.ts). */
	show?: 'all' | 'action'
	page?: number
}

/**
 * The school's children, each with the review due now and how urgent it is, most urgent first (the rule is
 * app/domain/review-due-now.ts), 25 to a page; and how many of the school's children need action.
 *
 * The order depends on each child's latest review and the clock on `today`, which no stored column holds, so
 * every child in the user's scope is read (their plan and latest review only) and sorted here. The scope is one
 * school: a few dozen children, a few hundred at the largest special school, a few milliseconds either way.
 */
export async function listChildren(user: SessionUser, filter: ChildListFilter, today: IsoDate = todayInLondon(new Date())) {
	const children = await prisma.child.findMany({
		where: childScope(user),
		orderBy: [{ lastName: 'asc' }, { firstName: 'asc' }, { id: 'asc' }],
		select: {
			id: true,
			firstName: true,
			lastName: true,
			upn: true,
			yearGroup: true,
			dateOfBirth: true,
			searchText: true,
			plan: { select: { status: true, reviewDueOn: true } },
			reviews: {
				orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
				take: 1,
				select: {
					id: true,
					status: true,
					dueOn: true,
					meetingOn: true,
					invitationsSentOn: true,
					adviceCirculatedOn: true,
					reportReceivedOn: true,
				},
			},
		},
	})
	const all = children.map(({ reviews, searchText, dateOfBirth, plan, ...child }) => ({
		...child,
		searchText,
		dueNow: reviewDueNow({ dateOfBirth, yearGroup: child.yearGroup, plan, latestReview: reviews[0] ?? null }, today),
	}))
	const counts = { children: all.length, ...urgencyCounts(all.map((c) => c.dueNow)) }
	// searchText is stored lower-case "first last upn".
	const q = filter.q?.toLowerCase()
	const listed = all
		.filter((c) => (!q || c.searchText.includes(q)) && (filter.show !== 'action' || c.dueNow.needsAction))
		.sort((a, b) => byUrgency(a.dueNow, b.dueNow))
	const total = listed.length
	const pages = Math.max(1, Math.ceil(total / PAGE_SIZE))
	const page = Math.min(filter.page ?? 1, pages)
	const rows = listed.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE).map(({ searchText: _, ...row }) => row)
	return { total, page, pages, rows, counts }
}
