import { useLoaderData } from 'react-router'
import { requirePermission } from '#app/auth/auth.server.ts'
import { ChildSearch, ChildTable } from '#app/components/child-table.tsx'
import { PageTitle, Pagination } from '#app/components/page.tsx'
import { listChildren, readListParams } from '#app/queries/children.server.ts'
import type { Route } from './+types/school'

export async function loader({ request }: Route.LoaderArgs) {
	const user = await requirePermission(request, 'school:children:read')
	const { page, q } = readListParams(new URL(request.url))
	const list = await listChildren(user, { q, page })
	return { schoolName: user.schoolName, q, ...list }
}

export default function School() {
	const { schoolName, q, rows, total, page, pages } = useLoaderData<typeof loader>()
	const hrefFor = (p: number) => `?${new URLSearchParams({ ...(q ? { q } : {}), page: String(p) })}`
	return (
		<>
			<PageTitle title={`Children with EHC plans at ${schoolName}`} />
			<span className="govuk-caption-l">{schoolName}</span>
			<h1 className="govuk-heading-l">Children with EHC plans</h1>
			<ChildSearch q={q} />
			<ChildTable rows={rows} total={total} caption={q ? `Results for “${q}”` : 'Children, next review first'} />
			<Pagination page={page} pages={pages} hrefFor={hrefFor} />
		</>
	)
}
