import { Form, Link, useLoaderData } from 'react-router'
import { z } from 'zod'
import { requirePermission } from '#app/auth/auth.server.ts'
import { childScope } from '#app/auth/tenancy.server.ts'
import { SavedBanner } from '#app/components/admin.tsx'
import { CaseloadTable } from '#app/components/caseload-table.tsx'
import { Checkboxes, Select, TextField, useGovukForm } from '#app/components/forms.tsx'
import { PageTitle, Pagination } from '#app/components/page.tsx'
import { SchoolsMatched, summariseSchools } from '#app/components/schools-matched.tsx'
import { TableHead } from '#app/components/table.tsx'
import { prisma } from '#app/db/db.server.ts'
import { formatDate, todayInLondon } from '#app/domain/calendar-date.ts'
import {
	CASELOAD_VIEWS,
	caseloadSearch,
	NOT_STARTED,
	readCaseloadFilter,
	REVIEW_DUE_WINDOW_DAYS,
	type CaseloadFilter,
	type CaseloadView,
} from '#app/domain/caseload.ts'
import { hasPermission } from '#app/domain/permissions.ts'
import { OPEN_REVIEW_STATUSES, REVIEW_STATUS_LABELS, reviewStatusLabel, reviewStatusTag } from '#app/domain/review-status.ts'
import { childrenOffCaseload, loadCaseload, resolveCaseloadFilter, type OffCaseloadChild } from '#app/queries/caseload.server.ts'
import type { Route } from './+types/caseload'

// The filter form's fields (a GET form: the server reads them with readCaseloadFilter, which ignores
// anything it does not know, so there is nothing to report back as an error).
export const CaseloadFilterSchema = z.object({
	school: z.string().optional(),
	status: z.string().optional(),
	due: z.array(z.enum(['overdue', 'soon'])).optional(),
	transfer: z.array(z.literal('yes')).optional(),
	q: z.string().optional(),
})

export async function loader({ request }: Route.LoaderArgs) {
	const user = await requirePermission(request, 'caseload:read')
	const url = new URL(request.url)
	const filter = readCaseloadFilter(url, user)
	const today = todayInLondon(new Date())
	const assignedId = url.searchParams.get('assigned')
	const query = await resolveCaseloadFilter(user, filter)
	const [list, offCaseload, assigned] = await Promise.all([
		loadCaseload(user, query, today),
		// A search finds any child of the council: those with nothing on the caseload are listed after it.
		childrenOffCaseload(user, filter.q, today),
		assignedId
			? prisma.child.findFirst({
					where: { AND: [{ id: assignedId }, childScope(user)] },
					select: { firstName: true, lastName: true, caseworker: { select: { name: true } } },
				})
			: null,
	])
	return {
		laName: user.laName,
		// A school linked by its id is shown (and paged) by its name.
		filter: {
			...filter,
			school: query.schools?.length === 1 && query.schools[0]!.id === filter.school ? query.schools[0]!.name : filter.school,
			page: list.page,
		},
		...list,
		offCaseload,
		// The schools the school filter matched, named on the page (a few; the first 10 are enough to say which).
		schools: query.schools && summariseSchools(query.schools),
		canAssign: hasPermission(user.roles, 'caseload:assign'),
		canSubscribe: user.roles.includes('CASEWORKER') || user.roles.includes('MANAGER'),
		assigned: assigned?.caseworker ? { child: `${assigned.firstName} ${assigned.lastName}`, caseworker: assigned.caseworker.name } : null,
	}
}

const STATE_OPTIONS = [
	{ value: NOT_STARTED, label: 'Not started (review due)' },
	...OPEN_REVIEW_STATUSES.map((status) => ({ value: status, label: REVIEW_STATUS_LABELS[status] })),
]

function filterCount(filter: CaseloadFilter) {
	return [filter.school, filter.state, filter.overdue, filter.dueSoon, filter.phaseTransfer, filter.q].filter(Boolean).length
}

export default function Caseload() {
	const { laName, filter, rows, total, capped, page, pages, schools, canAssign, canSubscribe, assigned, offCaseload } = useLoaderData<typeof loader>()
	const here = caseloadSearch(filter)
	const back = new URLSearchParams({ back: `/caseload${here}` }).toString()
	return (
		<>
			<PageTitle
				title={`Caseload: ${filter.q ? `search for ‘${filter.q}’` : CASELOAD_VIEWS[filter.view]}${page > 1 ? ` (page ${page} of ${pages})` : ''}`}
			/>
			{assigned ? (
				<SavedBanner>
					{assigned.child}’s caseworker is now {assigned.caseworker}.
				</SavedBanner>
			) : null}
			<span className="govuk-caption-l">{laName}</span>
			<h1 className="govuk-heading-l">Caseload</h1>
			<p className="govuk-body">
				Every open annual review, and every child whose review is due within {REVIEW_DUE_WINDOW_DAYS / 7} weeks or overdue with no review started, most
				urgent first.
				{canSubscribe ? (
					<>
						{' '}
						<Link className="govuk-link" to="/calendar">
							Get your deadlines in your calendar
						</Link>
						.
					</>
				) : null}
			</p>
			<nav aria-label="Caseload views" className="govuk-!-margin-bottom-4">
				<ul className="govuk-list app-search">
					{(Object.keys(CASELOAD_VIEWS) as CaseloadView[]).map((v) => (
						<li key={v}>
							<Link className="govuk-link" to={caseloadSearch({ ...filter, view: v }, 1)} aria-current={v === filter.view ? 'page' : undefined}>
								{v === filter.view ? <strong>{CASELOAD_VIEWS[v]}</strong> : CASELOAD_VIEWS[v]}
							</Link>
						</li>
					))}
				</ul>
			</nav>
			{/* Keyed by the query string, so the form shows the filters of the page it is on after any navigation. */}
			<Filters key={here} filter={filter} />
			{schools ? <SchoolsMatched text={filter.school} schools={schools} /> : null}
			{filter.q ? (
				<div className="govuk-inset-text" role="status">
					Searched every child of {laName} for ‘{filter.q}’, whatever their caseworker, school or review status: a search ignores the view and the
					other filters.{' '}
					<Link className="govuk-link" to={caseloadSearch({ ...filter, q: '' }, 1)}>
						Clear the search
					</Link>
				</div>
			) : null}
			<CaseloadTable
				rows={rows}
				total={total}
				capped={capped}
				caption={filter.q ? `On the caseload, matching ‘${filter.q}’, most urgent first` : `${CASELOAD_VIEWS[filter.view]}, most urgent first`}
				assignHref={canAssign ? (row) => `/children/${row.childId}/assign?${back}` : undefined}
			/>
			{capped ? (
				<p className="govuk-body">
					The list shows the {total.toLocaleString('en-GB')} most urgent. Use the filters to find others, such as a school, a status or a child’s
					name, or download the spreadsheet, which has every row.
				</p>
			) : null}
			<Pagination page={page} pages={pages} hrefFor={(p) => caseloadSearch(filter, p)} />
			{filter.q ? <OffCaseload q={filter.q} found={offCaseload} /> : null}
			<p className="govuk-body">
				<a className="govuk-link" href={`/caseload/export.csv${caseloadSearch(filter, 1)}`}>
					Download this list as a spreadsheet (CSV)
				</a>
			</p>
		</>
	)
}

/** The children a search found who have nothing on the caseload, each with their latest review. */
function OffCaseload({ q, found }: { q: string; found: { children: OffCaseloadChild[]; more: boolean } }) {
	if (!found.children.length) return <p className="govuk-body">No other child matches ‘{q}’.</p>
	return (
		<div className="app-table-wrap">
			<table className="govuk-table govuk-!-font-size-16">
				<caption className="govuk-table__caption govuk-table__caption--m">Not on the caseload, matching ‘{q}’</caption>
				<TableHead columns={['Child or young person', 'School', 'Latest review', 'Next review due', 'Caseworker']} />
				<tbody className="govuk-table__body">
					{found.children.map((child) => (
						<tr className="govuk-table__row" key={child.childId}>
							<th scope="row" className="govuk-table__header">
								<Link className="govuk-link" to={`/children/${child.childId}`}>
									{child.childName}
								</Link>
								<span className="govuk-hint govuk-!-font-size-16 govuk-!-margin-bottom-0 govuk-!-display-block">UPN {child.upn}</span>
							</th>
							<td className="govuk-table__cell">{child.school ?? 'No school'}</td>
							<td className="govuk-table__cell">
								{child.latestReview ? (
									<Link className="govuk-link" to={`/reviews/${child.latestReview.id}`}>
										<strong className={reviewStatusTag(child.latestReview.status)}>{reviewStatusLabel(child.latestReview.status)}</strong>
										<span className="govuk-visually-hidden">: the review due {formatDate(child.latestReview.dueOn)}</span>
									</Link>
								) : (
									'None yet'
								)}
							</td>
							<td className="govuk-table__cell">{child.reviewDueOn ? formatDate(child.reviewDueOn) : 'No active plan'}</td>
							<td className="govuk-table__cell">{child.caseworker ?? 'Unassigned'}</td>
						</tr>
					))}
				</tbody>
			</table>
			{found.more ? <p className="govuk-body">More children match: type more of the name or the UPN.</p> : null}
		</div>
	)
}

function Filters({ filter }: { filter: CaseloadFilter }) {
	const [form, fields] = useGovukForm({
		id: 'caseload-filters',
		schema: CaseloadFilterSchema,
		defaultValue: {
			school: filter.school,
			status: filter.state ?? '',
			due: [...(filter.overdue ? ['overdue'] : []), ...(filter.dueSoon ? ['soon'] : [])],
			transfer: filter.phaseTransfer ? ['yes'] : [],
			q: filter.q,
		},
	})
	const active = filterCount(filter)
	return (
		<details className="govuk-details" open={active > 0 || undefined}>
			<summary className="govuk-details__summary">
				<span className="govuk-details__summary-text">Filter the caseload{active ? ` (${active} applied)` : ''}</span>
			</summary>
			<div className="govuk-details__text">
				{/* A GET form: it works without JavaScript, and the filtered page has its own address to share or bookmark. */}
				<Form method="get" id={form.id} noValidate>
					<input type="hidden" name="view" value={filter.view} />
					<TextField field={fields.q} label="Name or UPN" type="search" spellCheck={false} width="govuk-input--width-20" />
					<TextField
						field={fields.school}
						label="School"
						hint="Part of the school’s name, or its URN"
						spellCheck={false}
						width="govuk-input--width-20"
					/>
					<Select field={fields.status} label="Review status" placeholder="Any status" options={STATE_OPTIONS} />
					<Checkboxes
						field={fields.due}
						legend="Next deadline"
						options={[
							{ value: 'overdue', label: 'Overdue' },
							{ value: 'soon', label: 'Due within 7 days' },
						]}
					/>
					<Checkboxes field={fields.transfer} legend="Phase transfer" options={[{ value: 'yes', label: 'Moving school or phase next September' }]} />
					<div className="govuk-button-group">
						<button type="submit" className="govuk-button" data-module="govuk-button">
							Apply filters
						</button>
						<Link
							className="govuk-link"
							to={caseloadSearch({
								view: filter.view,
								school: '',
								state: null,
								overdue: false,
								dueSoon: false,
								phaseTransfer: false,
								q: '',
								page: 1,
							})}
						>
							Clear filters
						</Link>
					</div>
				</Form>
			</div>
		</details>
	)
}
