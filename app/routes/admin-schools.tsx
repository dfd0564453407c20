import { Form, useLoaderData } from 'react-router'
import type { Route } from './+types/admin-schools'
import { SavedBanner } from '#app/components/admin.tsx'
import { PageTitle, Pagination } from '#app/components/page.tsx'
import { prisma } from '#app/db.server.ts'
import { SCHOOL_PHASE_LABELS, SCHOOL_PHASES } from '#app/domain/review-status.ts'
import { requireCouncilAdmin } from '#app/utils/admin.server.ts'

const PAGE_SIZE = 50

export async function loader({ request }: Route.LoaderArgs) {
	const user = await requireCouncilAdmin(request, 'admin:schools')
	const url = new URL(request.url)
	const q = (url.searchParams.get('q') ?? '').trim().slice(0, 100)
	const page = Math.max(1, Number.parseInt(url.searchParams.get('page') ?? '1', 10) || 1)
	// A council has hundreds of schools, not thousands: filtering here keeps the search case-insensitive on both databases.
	const all = await prisma.school.findMany({
		where: { laId: user.laId },
		orderBy: [{ name: 'asc' }, { urn: 'asc' }],
		select: { id: true, name: true, urn: true, phase: true, contactEmail: true, active: true, _count: { select: { children: true } } },
	})
	const needle = q.toLowerCase()
	const matching = needle ? all.filter((s) => s.name.toLowerCase().includes(needle) || s.urn.startsWith(needle)) : all
	const pages = Math.max(1, Math.ceil(matching.length / PAGE_SIZE))
	const rows = matching.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE).map(({ _count, ...s }) => ({
		...s,
		phase: (SCHOOL_PHASES as readonly string[]).includes(s.phase) ? SCHOOL_PHASE_LABELS[s.phase as keyof typeof SCHOOL_PHASE_LABELS] : s.phase,
		children: _count.children,
	}))
	const saved = all.find((s) => s.id === url.searchParams.get('saved'))?.name ?? null
	return { laName: user.laName, q, page, pages, total: matching.length, rows, saved }
}

export default function Schools() {
	const { laName, q, page, pages, total, rows, saved } = useLoaderData<typeof loader>()
	return (
		<>
			<PageTitle title="Schools" />
			<a href="/admin" className="govuk-back-link">
				Back to administration
			</a>
			{saved ? <SavedBanner>{saved} has been saved.</SavedBanner> : null}
			<span className="govuk-caption-l">{laName}</span>
			<h1 className="govuk-heading-l">Schools</h1>
			<a href="/admin/schools/new" role="button" draggable="false" className="govuk-button" data-module="govuk-button">
				Add a school
			</a>
			<Form method="get" className="app-search" role="search">
				<div className="govuk-form-group">
					<label className="govuk-label" htmlFor="q">
						Search by name or URN
					</label>
					<input className="govuk-input govuk-input--width-20" id="q" name="q" type="search" defaultValue={q} />
				</div>
				<button type="submit" className="govuk-button govuk-button--secondary" data-module="govuk-button">
					Search
				</button>
			</Form>
			{rows.length ? (
				<div className="app-table-wrap">
					<table className="govuk-table">
						<caption className="govuk-table__caption govuk-table__caption--s">
							{total} {total === 1 ? 'school' : 'schools'}
							{q ? ` matching ‘${q}’` : ''}
						</caption>
						<thead className="govuk-table__head">
							<tr className="govuk-table__row">
								<th scope="col" className="govuk-table__header">
									School
								</th>
								<th scope="col" className="govuk-table__header">
									URN
								</th>
								<th scope="col" className="govuk-table__header">
									Phase
								</th>
								<th scope="col" className="govuk-table__header">
									SEN mailbox
								</th>
								<th scope="col" className="govuk-table__header govuk-table__header--numeric">
									Children
								</th>
								<th scope="col" className="govuk-table__header">
									Status
								</th>
							</tr>
						</thead>
						<tbody className="govuk-table__body">
							{rows.map((s) => (
								<tr className="govuk-table__row" key={s.id}>
									<td className="govuk-table__cell">
										<a className="govuk-link" href={`/admin/schools/${s.id}`}>
											{s.name}
										</a>
									</td>
									<td className="govuk-table__cell">{s.urn}</td>
									<td className="govuk-table__cell">{s.phase}</td>
									<td className="govuk-table__cell">{s.contactEmail || 'Not given'}</td>
									<td className="govuk-table__cell govuk-table__cell--numeric">{s.children}</td>
									<td className="govuk-table__cell">{s.active ? <strong className="govuk-tag govuk-tag--green">Active</strong> : <strong className="govuk-tag govuk-tag--grey">Deactivated</strong>}</td>
								</tr>
							))}
						</tbody>
					</table>
				</div>
			) : (
				<p className="govuk-body">{q ? `No schools match ‘${q}’.` : 'There are no schools yet.'}</p>
			)}
			<Pagination page={page} pages={pages} hrefFor={(p) => `?${new URLSearchParams({ ...(q ? { q } : {}), ...(p > 1 ? { page: String(p) } : {}) })}`} />
		</>
	)
}
