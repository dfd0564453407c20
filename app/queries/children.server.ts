import type { SessionUser } from '#app/auth/auth.server.ts'
import { childScope } from '#app/auth/tenancy.server.ts'
import { prisma } from '#app/db/db.server.ts'
import type { Prisma } from '#app/generated/sqlite/client.ts'

export const PAGE_SIZE = 25

export type ChildListFilter = {
	q?: string
	page?: number
}

export function readListParams(url: URL) {
	const page = Math.max(1, Number.parseInt(url.searchParams.get('page') ?? '1', 10) || 1)
	const q = (url.searchParams.get('q') ?? '').trim().slice(0, 100)
	return { page, q }
}

/** Children the user may see, with their plan's next review date and latest review, most urgent first. */
export async function listChildren(user: SessionUser, filter: ChildListFilter) {
	const where: Prisma.ChildWhereInput[] = [childScope(user)]
	if (filter.q) where.push({ searchText: { contains: filter.q.toLowerCase() } })
	const page = filter.page ?? 1
	const [total, rows] = await Promise.all([
		prisma.child.count({ where: { AND: where } }),
		prisma.child.findMany({
			where: { AND: where },
			orderBy: [{ plan: { reviewDueOn: 'asc' } }, { lastName: 'asc' }, { firstName: 'asc' }],
			skip: (page - 1) * PAGE_SIZE,
			take: PAGE_SIZE,
			select: {
				id: true,
				firstName: true,
				lastName: true,
				upn: true,
				yearGroup: true,
				school: { select: { name: true } },
				caseworker: { select: { name: true } },
				plan: { select: { firstIssuedOn: true, reviewDueOn: true } },
				reviews: { orderBy: { createdAt: 'desc' }, take: 1, select: { id: true, status: true, meetingOn: true } },
			},
		}),
	])
	return {
		total,
		page,
		pages: Math.max(1, Math.ceil(total / PAGE_SIZE)),
		rows: rows.map(({ reviews, ...child }) => ({ ...child, latestReview: reviews[0] ?? null })),
	}
}
