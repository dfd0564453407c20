import { audit } from '#app/auth/audit.server.ts'
import { requirePermission } from '#app/auth/auth.server.ts'
import { childScope, reviewScope } from '#app/auth/tenancy.server.ts'
import { prisma } from '#app/db/db.server.ts'
import { daysBetween, todayInLondon } from '#app/domain/calendar-date.ts'
import { caseloadSearch, readCaseloadFilter } from '#app/domain/caseload.ts'
import { CLOCK_FACTS_SELECT, reviewFacts } from '#app/domain/review-facts.ts'
import { reviewStatusLabel } from '#app/domain/review-status.ts'
import { computeDeadlines, nextDeadline, type Deadline } from '#app/domain/statutory-clock.ts'
import { csvResponse, type CsvCell } from '#app/http/csv.server.ts'
import { caseloadKeys, resolveCaseloadFilter } from '#app/queries/caseload.server.ts'
import { childIdentitySelect } from '#app/queries/review.server.ts'
import type { Route } from './+types/caseload-export'

const HEADER = ['Child', 'UPN', 'School', 'Caseworker', 'Review status', 'Next deadline', 'Next deadline date', 'Review due date', 'Days left'] as const
const BATCH = 500

const childSelect = {
	...CLOCK_FACTS_SELECT.child.select,
	...childIdentitySelect,
	school: { select: { name: true } },
	caseworker: { select: { name: true } },
	plan: { select: { ...CLOCK_FACTS_SELECT.child.select.plan.select, reviewDueOn: true } },
} as const

const reviewSelect = {
	id: true,
	status: true,
	nextDeadlineId: true,
	// dueOn comes with the clock's facts.
	...CLOCK_FACTS_SELECT,
	child: { select: childSelect },
} as const

/**
 * The filtered caseload as a spreadsheet: exactly the rows of /caseload with the same query string, in the same
 * order, every page: its keys come from the same statement as the page's (caseloadKeys). Each open review, and
 * each child due a review with none started, with the next statutory deadline as the caseload describes it and
 * the days left. The rows' details are read and written in batches, so a council's whole caseload never sits in
 * memory at once (only its keys, ~60 bytes a row).
 */
export async function loader({ request }: Route.LoaderArgs) {
	const user = await requirePermission(request, 'caseload:read')
	const today = todayInLondon(new Date())
	const filter = await resolveCaseloadFilter(user, { ...readCaseloadFilter(new URL(request.url), user), page: 1 })
	const keys = await caseloadKeys(user, filter, today)
	await audit(request, user.id, 'export.download', { details: `caseload.csv ${caseloadSearch(filter)}` })

	const describe = (deadline: Deadline | null | undefined): CsvCell[] => (deadline ? [deadline.label, deadline.dueOn] : ['', ''])
	const daysLeft = (deadline: Deadline | null | undefined) => (deadline ? daysBetween(today, deadline.dueOn) : null)
	const childCells = (child: { firstName: string; lastName: string; upn: string; school: { name: string } | null; caseworker: { name: string } | null }) => [
		`${child.firstName} ${child.lastName}`,
		child.upn,
		child.school?.name ?? '',
		child.caseworker?.name ?? 'Unassigned',
	]

	async function* lines(): AsyncGenerator<CsvCell[]> {
		for (let start = 0; start < keys.length; start += BATCH) {
			const batch = keys.slice(start, start + BATCH)
			const reviewIds = batch.filter((k) => k.kind === 'review').map((k) => k.id)
			const childIds = batch.filter((k) => k.kind === 'due').map((k) => k.id)
			// Read again in the council's scope (the keys were; this is the rule every read of a child follows).
			const [reviews, children] = await Promise.all([
				reviewIds.length ? prisma.annualReview.findMany({ where: { AND: [{ id: { in: reviewIds } }, reviewScope(user)] }, select: reviewSelect }) : [],
				childIds.length ? prisma.child.findMany({ where: { AND: [{ id: { in: childIds } }, childScope(user)] }, select: childSelect }) : [],
			])
			const reviewById = new Map(reviews.map((r) => [r.id, r]))
			const childById = new Map(children.map((c) => [c.id, c]))
			for (const key of batch) {
				if (key.kind === 'review') {
					const review = reviewById.get(key.id)
					if (!review) continue
					// As on /caseload: the stored next deadline, described by the clock; the clock's own next if it went stale.
					const deadlines = computeDeadlines(reviewFacts(review, today))
					const stored = review.nextDeadlineId ? deadlines.find((d) => d.id === review.nextDeadlineId && d.state !== 'met') : undefined
					const deadline = review.nextDeadlineId ? (stored ?? nextDeadline(deadlines)) : null
					yield [...childCells(review.child), reviewStatusLabel(review.status), ...describe(deadline), review.dueOn, daysLeft(deadline)]
				} else {
					const child = childById.get(key.id)
					if (!child?.plan) continue
					const deadline = computeDeadlines(reviewFacts({ meetingOn: null, reportReceivedOn: null, child }, today)).find((d) => d.id === 'review_due')
					yield [...childCells(child), 'Not started', ...describe(deadline), child.plan.reviewDueOn, daysLeft(deadline)]
				}
			}
		}
	}
	return csvResponse(`caseload-${filter.view}-${today}.csv`, HEADER, lines())
}
