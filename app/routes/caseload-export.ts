import type { Route } from './+types/caseload-export'
import { prisma } from '#app/db.server.ts'
import { daysBetween, todayInLondon, type IsoDate } from '#app/domain/calendar-date.ts'
import { caseloadSearch, readCaseloadFilter } from '#app/domain/caseload.ts'
import { reviewStatusLabel } from '#app/domain/review-status.ts'
import { computeDeadlines, nextDeadline, type Deadline } from '#app/domain/statutory-clock.ts'
import { audit } from '#app/utils/audit.server.ts'
import { requirePermission } from '#app/utils/auth.server.ts'
import { openReviewWhere, resolveCaseloadFilter, reviewDueWhere } from '#app/utils/caseload.server.ts'
import { csvResponse, type CsvCell } from '#app/utils/csv.server.ts'
import { CLOCK_FACTS_SELECT, reviewFacts } from '#app/domain/review-facts.ts'
import { childScope, reviewScope } from '#app/utils/tenancy.server.ts'

const HEADER = ['Child', 'UPN', 'School', 'Caseworker', 'Review status', 'Next deadline', 'Next deadline date', 'Review due date', 'Days left'] as const
const BATCH = 500

const childSelect = {
	...CLOCK_FACTS_SELECT.child.select,
	id: true,
	firstName: true,
	lastName: true,
	upn: true,
	school: { select: { name: true } },
	caseworker: { select: { name: true } },
	plan: { select: { ...CLOCK_FACTS_SELECT.child.select.plan.select, reviewDueOn: true } },
} as const

type Line = { sortOn: IsoDate | null; cells: CsvCell[] }

/** Reads a query in batches of BATCH, one batch at a time. */
async function* inBatches<T>(read: (skip: number) => Promise<T[]>): AsyncGenerator<T> {
	for (let skip = 0; ; skip += BATCH) {
		const rows = await read(skip)
		yield* rows
		if (rows.length < BATCH) return
	}
}

/** Two lists already in date order as one; on the same date an open review comes first (as on /caseload). */
async function* mergeByDate(reviews: AsyncGenerator<Line>, due: AsyncGenerator<Line>): AsyncGenerator<Line> {
	let r = await reviews.next()
	let d = await due.next()
	while (!r.done || !d.done) {
		if (!r.done && (d.done || (r.value.sortOn ?? '') <= (d.value.sortOn ?? ''))) {
			yield r.value
			r = await reviews.next()
		} else if (!d.done) {
			yield d.value
			d = await due.next()
		}
	}
}

/**
 * The filtered caseload as a spreadsheet: exactly the rows of /caseload with the same query string (its own
 * filter reader and `where` clauses, app/domain/caseload.ts and app/utils/caseload.server.ts), in the same
 * order, every page. Each open review, and each child due a review with none started, with the next statutory
 * deadline as the caseload describes it and the days left. Read and written in batches, so a council's whole
 * caseload never sits in memory at once.
 */
export async function loader({ request }: Route.LoaderArgs) {
	const user = await requirePermission(request, 'caseload:read')
	const today = todayInLondon(new Date())
	const filter = await resolveCaseloadFilter(user, { ...readCaseloadFilter(new URL(request.url), user), page: 1 })
	const reviewWhere = openReviewWhere(user, filter, today)
	const dueWhere = reviewDueWhere(user, filter, today)
	await audit(request, user.id, 'export.download', { details: `caseload.csv ${caseloadSearch(filter)}` })

	const describe = (deadline: Deadline | null | undefined): CsvCell[] =>
		deadline ? [deadline.label, deadline.dueOn] : ['', '']
	const daysLeft = (deadline: Deadline | null | undefined) => (deadline ? daysBetween(today, deadline.dueOn) : null)

	const reviewSelect = {
		id: true,
		status: true,
		dueOn: true,
		nextDeadlineId: true,
		nextDeadlineOn: true,
		...CLOCK_FACTS_SELECT,
		child: { select: childSelect },
	} as const
	const reviewLines = (dated: boolean) =>
		(async function* (): AsyncGenerator<Line> {
			if (!reviewWhere) return
			const where = { AND: [reviewWhere, reviewScope(user), { nextDeadlineOn: dated ? { not: null } : null }] }
			const reviews = inBatches((skip) =>
				prisma.annualReview.findMany({ where, orderBy: dated ? [{ nextDeadlineOn: 'asc' }, { id: 'asc' }] : { id: 'asc' }, skip, take: BATCH, select: reviewSelect }),
			)
			for await (const review of reviews) {
				const { child } = review
				// As on /caseload: the stored next deadline, described by the clock; the clock's own next if it went stale.
				const deadlines = computeDeadlines(reviewFacts(review, today))
				const stored = review.nextDeadlineId ? deadlines.find((d) => d.id === review.nextDeadlineId && d.state !== 'met') : undefined
				const deadline = review.nextDeadlineId ? (stored ?? nextDeadline(deadlines)) : null
				yield {
					sortOn: review.nextDeadlineOn,
					cells: [
						`${child.firstName} ${child.lastName}`,
						child.upn,
						child.school?.name ?? '',
						child.caseworker?.name ?? 'Unassigned',
						reviewStatusLabel(review.status),
						...describe(deadline),
						review.dueOn,
						daysLeft(deadline),
					],
				}
			}
		})()
	const dueLines = (async function* (): AsyncGenerator<Line> {
		if (!dueWhere) return
		const plans = inBatches((skip) =>
			prisma.ehcPlan.findMany({
				where: { AND: [dueWhere, { child: childScope(user) }] },
				orderBy: [{ reviewDueOn: 'asc' }, { childId: 'asc' }],
				skip,
				take: BATCH,
				select: { reviewDueOn: true, child: { select: childSelect } },
			}),
		)
		for await (const plan of plans) {
			const { child } = plan
			const deadline = computeDeadlines(reviewFacts({ meetingOn: null, reportReceivedOn: null, child }, today)).find((d) => d.id === 'review_due')
			yield {
				sortOn: plan.reviewDueOn,
				cells: [
					`${child.firstName} ${child.lastName}`,
					child.upn,
					child.school?.name ?? '',
					child.caseworker?.name ?? 'Unassigned',
					'Not started',
					...describe(deadline),
					plan.reviewDueOn,
					daysLeft(deadline),
				],
			}
		}
	})()

	async function* lines(): AsyncGenerator<CsvCell[]> {
		for await (const line of mergeByDate(reviewLines(true), dueLines)) yield line.cells
		// Reviews with no open deadline (say, a final plan issued and not yet closed) come last, as on /caseload.
		for await (const line of reviewLines(false)) yield line.cells
	}
	return csvResponse(`caseload-${filter.view}-${today}.csv`, HEADER, lines())
}
