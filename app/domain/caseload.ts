// The caseload's filters and their query string: pure, shared by the loader (app/queries/caseload.server.ts)
// and the page (app/routes/caseload.tsx).
import { OPEN_REVIEW_STATUSES, type ReviewStatus } from './review-status.ts'
import { DEFAULT_PERIODS } from './statutory-clock.ts'

export const CASELOAD_PAGE_SIZE = 25
/** The most rows one list shows (40 pages), most urgent first; beyond it, the filters narrow the list. */
export const CASELOAD_MAX_ROWS = 1000
/**
 * A child whose review is due within this many days appears on the caseload before anyone starts the review:
 * 12 weeks leaves time to book the meeting, invite everyone 2 weeks ahead (reg 20(3)) and gather advice.
 */
export const REVIEW_DUE_WINDOW_DAYS = 84
/** The "due within 7 days" filter: the statutory clock's amber band. */
export const DUE_SOON_DAYS = DEFAULT_PERIODS.dueSoonDays

export const CASELOAD_VIEWS = { mine: 'My caseload', unassigned: 'Unassigned', all: 'All' } as const
export type CaseloadView = keyof typeof CASELOAD_VIEWS

/** The review status filter: an open review's status, or 'NOT_STARTED' for a review due with none started. */
export const NOT_STARTED = 'NOT_STARTED'
export type CaseloadState = ReviewStatus | typeof NOT_STARTED

export interface CaseloadFilter {
	view: CaseloadView
	/**
	 * The school filter as typed: part of a school's name or its URN (or a school's id, from a link). The server
	 * resolves it to the council's matching schools (matchSchools in app/queries/schools.server.ts).
	 */
	school: string
	state: CaseloadState | null
	overdue: boolean
	dueSoon: boolean
	phaseTransfer: boolean
	q: string
	page: number
}

/** Reads the filters from the query string; anything unknown is ignored rather than an error (it is a GET form). */
export function readCaseloadFilter(url: URL, user: { roles: readonly string[] }): CaseloadFilter {
	const params = url.searchParams
	const view = params.get('view')
	const state = params.get('status')
	const due = params.getAll('due')
	return searchEverywhere({
		// A caseworker starts on their own caseload; managers and admins on the whole council's.
		view: view && view in CASELOAD_VIEWS ? (view as CaseloadView) : user.roles.includes('CASEWORKER') && !user.roles.includes('MANAGER') ? 'mine' : 'all',
		school: (params.get('school') ?? '').trim().slice(0, 100),
		state: state === NOT_STARTED || (OPEN_REVIEW_STATUSES as string[]).includes(state ?? '') ? (state as CaseloadState) : null,
		overdue: due.includes('overdue'),
		dueSoon: due.includes('soon'),
		phaseTransfer: params.get('transfer') === 'yes',
		q: (params.get('q') ?? '').trim().slice(0, 100),
		page: Math.max(1, Number.parseInt(params.get('page') ?? '1', 10) || 1),
	})
}

/**
 * A search for a child by name or UPN looks through the whole council's caseload: someone looking for one child
 * (a review just submitted, a parent on the phone) should not miss them because 'My caseload' or a status filter
 * was applied. So a search drops the view and every other filter, and the page says it searched everywhere.
 */
export function searchEverywhere(filter: CaseloadFilter): CaseloadFilter {
	if (!filter.q) return filter
	return { ...filter, view: 'all', school: '', state: null, overdue: false, dueSoon: false, phaseTransfer: false }
}

/** The query string for a filter (and page), as the filter form writes it. */
export function caseloadSearch(filter: CaseloadFilter, page = filter.page): string {
	const params = new URLSearchParams({ view: filter.view })
	if (filter.school) params.set('school', filter.school)
	if (filter.state) params.set('status', filter.state)
	if (filter.overdue) params.append('due', 'overdue')
	if (filter.dueSoon) params.append('due', 'soon')
	if (filter.phaseTransfer) params.set('transfer', 'yes')
	if (filter.q) params.set('q', filter.q)
	if (page > 1) params.set('page', String(page))
	return `?${params}`
}
