import { useLoaderData } from 'react-router'
import { AdminListHeading, AdminSearchList } from '#app/components/admin.tsx'
import { prisma } from '#app/db/db.server.ts'
import { SCHOOL_PHASE_LABELS, SCHOOL_PHASES } from '#app/domain/review-status.ts'
import { searchPage } from '#app/lib/search-page.ts'
import { requireCouncilAdmin } from '#app/services/admin.server.ts'
import type { Route } from './+types/admin-schools'

export async function loader({ request }: Route.LoaderArgs) {
	const user = await requireCouncilAdmin(request, 'admin:schools')
	// A council has hundreds of schools, not thousands: searchPage filters them here.
	const all = await prisma.school.findMany({
		where: { laId: user.laId },
		orderBy: [{ name: 'asc' }, { urn: 'asc' }],
		select: { id: true, name: true, urn: true, phase: true, contactEmail: true, active: true, _count: { select: { children: true } } },
	})
	const url = new URL(request.url)
	const { rows: found, ...list } = searchPage(url, all, (s, needle) => s.name.toLowerCase().includes(needle) || s.urn.startsWith(needle))
	const rows = found.map(({ _count, ...s }) => ({
		...s,
		phase: (SCHOOL_PHASES as readonly string[]).includes(s.phase) ? SCHOOL_PHASE_LABELS[s.phase as keyof typeof SCHOOL_PHASE_LABELS] : s.phase,
		children: _count.children,
	}))
	const saved = all.find((s) => s.id === url.searchParams.get('saved'))?.name ?? null
	return { laName: user.laName, ...list, rows, saved }
}

export default function Schools() {
	const { laName, saved, ...list } = useLoaderData<typeof loader>()
	return (
		<>
			<AdminListHeading
				title="Schools"
				laName={laName}
				saved={saved ? <>{saved} has been saved.</> : null}
				add={{ href: '/admin/schools/new', label: 'Add a school' }}
			/>
			<AdminSearchList
				{...list}
				searchLabel="Search by name or URN"
				noun={['school', 'schools']}
				columns={['School', 'URN', 'Phase', 'SEN mailbox', { label: 'Children', numeric: true }, 'Status']}
				href={(s) => `/admin/schools/${s.id}`}
				cells={(s) => (
					<>
						<td className="govuk-table__cell">{s.urn}</td>
						<td className="govuk-table__cell">{s.phase}</td>
						<td className="govuk-table__cell">{s.contactEmail || 'Not given'}</td>
						<td className="govuk-table__cell govuk-table__cell--numeric">{s.children}</td>
					</>
				)}
				status={(s) => (s.active ? 'Active' : 'Deactivated')}
			/>
		</>
	)
}
