import { useLoaderData } from 'react-router'
import { requirePermission } from '#app/auth/auth.server.ts'
import { ChildSearch, ChildTable, listSearch, readListParams, type ChildListShow } from '#app/components/child-table.tsx'
import { PageTitle, Pagination } from '#app/components/page.tsx'
import { REVIEW_DUE_WINDOW_DAYS } from '#app/domain/caseload.ts'
import { DEFAULT_PERIODS } from '#app/domain/statutory-clock.ts'
import { pluralise } from '#app/lib/format.ts'
import { listChildren } from '#app/queries/children.server.ts'
import type { Route } from './+types/school'

export async function loader({ request }: Route.LoaderArgs) {
	const user = await requirePermission(request, 'school:children:read')
	const { page, q, show } = readListParams(new URL(request.url))
	const list = await listChildren(user, { q, show, page })
	return { schoolName: user.schoolName, q, show, ...list }
}

const SHOW_LABELS: Record<ChildListShow, string> = { all: 'All children', action: 'Need action now' }

export default function School() {
	const { schoolName, q, show, rows, total, page, pages, counts } = useLoaderData<typeof loader>()
	const caption = `${show === 'action' ? 'Children who need action' : 'Children'}${q ? ` matching “${q}”` : ''}, most urgent first`
	return (
		<>
			<PageTitle
				title={`Children with EHC plans at ${schoolName}${show === 'action' ? ': need action now' : ''}${page > 1 ? ` (page ${page} of ${pages})` : ''}`}
			/>
			<span className="govuk-caption-l">{schoolName}</span>
			<h1 className="govuk-heading-l">Children with EHC plans</h1>
			<ActionSummary counts={counts} />
			<nav aria-label="Which children to show" className="govuk-!-margin-bottom-4">
				<ul className="govuk-list app-search">
					{(['all', 'action'] as const).map((s) => (
						<li key={s}>
							<a className="govuk-link" href={`/school${listSearch({ q, show: s })}`} aria-current={s === show ? 'page' : undefined}>
								{s === show ? <strong>{SHOW_LABELS[s]}</strong> : SHOW_LABELS[s]} ({s === 'all' ? counts.children : counts.needsAction})
							</a>
						</li>
					))}
				</ul>
			</nav>
			<ChildSearch key={`${q} ${show}`} q={q} hidden={show === 'action' ? { show } : {}} />
			<ChildTable rows={rows} total={total} caption={caption} />
			{!rows.length && q && show === 'action' ? (
				<p className="govuk-body">
					<a className="govuk-link" href={`/school${listSearch({ q, show: 'all' })}`}>
						Search all children for “{q}”
					</a>
				</p>
			) : null}
			<Pagination page={page} pages={pages} hrefFor={(p) => `/school${listSearch({ q, show, page: p })}`} />
		</>
	)
}

/** What the school has to do now, in a sentence: how many reviews need action, how many are overdue or due this week. */
function ActionSummary({ counts }: { counts: { needsAction: number; overdue: number; dueSoon: number } }) {
	const weeks = REVIEW_DUE_WINDOW_DAYS / 7
	if (!counts.needsAction) {
		return (
			<p className="govuk-body">No child needs action now. A review appears here {weeks} weeks before it is due, and stays until you send the report.</p>
		)
	}
	const urgent = [
		counts.overdue ? `${counts.overdue} overdue` : null,
		counts.dueSoon ? `${counts.dueSoon} due within ${DEFAULT_PERIODS.dueSoonDays} days` : null,
	].filter(Boolean)
	return (
		<p className="govuk-body">
			<strong>{pluralise(counts.needsAction, 'child needs', 'children need')} action now</strong>
			{urgent.length ? ` (${urgent.join(', ')})` : ''}: a review in progress, or one due within {weeks} weeks that has not been started.
		</p>
	)
}
