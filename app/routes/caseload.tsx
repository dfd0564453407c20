import { useLoaderData } from 'react-router'
import type { Route } from './+types/caseload'
import { ChildSearch, ChildTable } from '#app/components/child-table.tsx'
import { PageTitle, Pagination } from '#app/components/page.tsx'
import { requirePermission } from '#app/utils/auth.server.ts'
import { listChildren, readListParams } from '#app/utils/children.server.ts'

const VIEWS = { mine: 'My caseload', unassigned: 'Unassigned', all: 'All children' } as const
type View = keyof typeof VIEWS

export async function loader({ request }: Route.LoaderArgs) {
	const user = await requirePermission(request, 'caseload:read')
	const url = new URL(request.url)
	const { page, q } = readListParams(url)
	const fallback: View = user.roles.includes('CASEWORKER') && !user.roles.includes('MANAGER') ? 'mine' : 'all'
	const requested = url.searchParams.get('view')
	const view: View = requested && requested in VIEWS ? (requested as View) : fallback
	const list = await listChildren(user, { q, page, caseworker: view })
	return { laName: user.laName, view, q, ...list }
}

export default function Caseload() {
	const { laName, view, q, rows, total, page, pages } = useLoaderData<typeof loader>()
	const hrefFor = (p: number, v: View = view) => `?${new URLSearchParams({ view: v, ...(q ? { q } : {}), ...(p > 1 ? { page: String(p) } : {}) })}`
	return (
		<>
			<PageTitle title={`Caseload: ${VIEWS[view]}`} />
			<span className="govuk-caption-l">{laName}</span>
			<h1 className="govuk-heading-l">Caseload</h1>
			<nav aria-label="Caseload views" className="govuk-!-margin-bottom-4">
				<ul className="govuk-list app-search">
					{(Object.keys(VIEWS) as View[]).map((v) => (
						<li key={v}>
							<a className="govuk-link" href={hrefFor(1, v)} aria-current={v === view ? 'page' : undefined}>
								{v === view ? <strong>{VIEWS[v]}</strong> : VIEWS[v]}
							</a>
						</li>
					))}
				</ul>
			</nav>
			<ChildSearch q={q} hidden={{ view }} />
			<ChildTable rows={rows} total={total} caption={`${VIEWS[view]}, next review first`} showSchool showCaseworker />
			<Pagination page={page} pages={pages} hrefFor={(p) => hrefFor(p)} />
		</>
	)
}
