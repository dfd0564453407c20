import { useClientLinks } from '#app/components/client-links.tsx'
import { TableHead } from '#app/components/table.tsx'
import { formatDate } from '#app/domain/calendar-date.ts'
import type { DueNow, UrgencyColour } from '#app/domain/review-due-now.ts'
import { reviewStatusLabel, reviewStatusTag, yearGroupLabel } from '#app/domain/review-status.ts'
import { pluralise } from '#app/lib/format.ts'

export type ChildRow = {
	id: string
	firstName: string
	lastName: string
	upn: string
	yearGroup: number | null
	dueNow: DueNow
}

/** Which children the list shows: all of them, or those whose review needs the school's action now. */
export type ChildListShow = 'all' | 'action'

/** The list's page, search and filter from its query string; anything unknown is ignored (it is a GET form). */
export function readListParams(url: URL) {
	const page = Math.max(1, Number.parseInt(url.searchParams.get('page') ?? '1', 10) || 1)
	const q = (url.searchParams.get('q') ?? '').trim().slice(0, 100)
	const show: ChildListShow = url.searchParams.get('show') === 'action' ? 'action' : 'all'
	return { page, q, show }
}

/** The query string of a list (and page), as the search form and the filter links write it. */
export function listSearch({ q, show, page }: { q: string; show: ChildListShow; page?: number }) {
	const params = new URLSearchParams()
	if (q) params.set('q', q)
	if (show === 'action') params.set('show', 'action')
	if (page && page > 1) params.set('page', String(page))
	return `?${params}`
}

const URGENCY_TAG: Record<UrgencyColour, string> = {
	red: 'govuk-tag govuk-tag--red',
	orange: 'govuk-tag govuk-tag--orange',
	blue: 'govuk-tag govuk-tag--blue',
	grey: 'govuk-tag govuk-tag--grey',
}

export function ChildSearch({ q, hidden = {} }: { q: string; hidden?: Record<string, string> }) {
	return (
		<form method="get" className="app-search govuk-!-margin-bottom-6" role="search" aria-label="Children">
			{Object.entries(hidden).map(([name, value]) => (
				<input key={name} type="hidden" name={name} value={value} />
			))}
			<div className="govuk-form-group">
				<label className="govuk-label" htmlFor="q">
					Search by name or UPN
				</label>
				<input className="govuk-input govuk-input--width-20" id="q" name="q" type="search" defaultValue={q} spellCheck={false} />
			</div>
			<button type="submit" className="govuk-button govuk-button--secondary">
				Search
			</button>
		</form>
	)
}

/**
 * The school's children with the review due now: its state, its date and the school's next step with how urgent it
 * is, in words and colour (app/domain/review-due-now.ts), and a link to start or continue the review where one is due.
 */
export function ChildTable({ rows, total, caption }: { rows: ChildRow[]; total: number; caption: string }) {
	const onClick = useClientLinks()
	if (!rows.length) return <p className="govuk-body">No children match.</p>
	return (
		// The rows' links are plain <a>: one handler here navigates in the app (see useClientLinks).
		// eslint-disable-next-line jsx-a11y/click-events-have-key-events, jsx-a11y/no-static-element-interactions -- delegation only: the links inside are what keyboard users press, and work without it
		<div className="app-table-wrap" onClick={onClick}>
			<table className="govuk-table">
				<caption className="govuk-table__caption govuk-table__caption--m">
					{caption} ({pluralise(total, 'child', 'children')})
				</caption>
				{/* What to do comes first after the name: on a narrow screen it is what shows before the table scrolls. */}
				<TableHead columns={['Child or young person', 'Next step', 'This year’s review', 'Review due by', 'Year']} />
				<tbody className="govuk-table__body">
					{rows.map((child) => {
						const name = `${child.firstName} ${child.lastName}`
						const { dueNow } = child
						return (
							<tr className="govuk-table__row" key={child.id}>
								<th scope="row" className="govuk-table__header">
									<a className="govuk-link" href={`/children/${child.id}`}>
										{name}
									</a>
									<span className="govuk-hint govuk-!-font-size-16 govuk-!-margin-bottom-0 govuk-!-display-block">UPN {child.upn}</span>
								</th>
								<td className="govuk-table__cell">
									<NextStep childId={child.id} name={name} dueNow={dueNow} />
								</td>
								<td className="govuk-table__cell">
									<ReviewState dueNow={dueNow} />
								</td>
								<td className="govuk-table__cell">{dueNow.reviewDueOn ? formatDate(dueNow.reviewDueOn) : 'No review due'}</td>
								<td className="govuk-table__cell">{yearGroupLabel(child.yearGroup)}</td>
							</tr>
						)
					})}
				</tbody>
			</table>
		</div>
	)
}

function ReviewState({ dueNow }: { dueNow: DueNow }) {
	if (dueNow.state === 'no_review_due') return <>No active plan</>
	if (!dueNow.review) return <strong className="govuk-tag govuk-tag--grey">Not started</strong>
	return <strong className={reviewStatusTag(dueNow.review.status)}>{reviewStatusLabel(dueNow.review.status)}</strong>
}

function NextStep({ childId, name, dueNow }: { childId: string; name: string; dueNow: DueNow }) {
	if (dueNow.state === 'with_council') return <>Nothing to do: the council has the report</>
	if (!dueNow.next || !dueNow.urgency) return <>Nothing to do</>
	const link =
		dueNow.state === 'in_progress' && dueNow.review
			? { href: `/reviews/${dueNow.review.id}`, text: 'Continue the review' }
			: dueNow.needsAction
				? { href: `/children/${childId}/reviews/new`, text: 'Start the review' }
				: null
	return (
		<>
			<strong className={URGENCY_TAG[dueNow.urgency.colour]}>{dueNow.urgency.words}</strong>
			<span className="govuk-!-display-block govuk-!-margin-top-1">
				{dueNow.next.step}
				{/* The meeting's date is the review's, in its own column; an earlier step says its own. */}
				{dueNow.next.dueOn === dueNow.reviewDueOn ? null : ` by ${formatDate(dueNow.next.dueOn)}`}
			</span>
			{link ? (
				<a className="govuk-link govuk-!-display-block govuk-!-margin-top-1" href={link.href}>
					{link.text}
					<span className="govuk-visually-hidden"> for {name}</span>
				</a>
			) : null}
		</>
	)
}
