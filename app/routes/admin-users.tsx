import { useLoaderData } from 'react-router'
import { AdminListHeading, AdminSearchList } from '#app/components/admin.tsx'
import { prisma } from '#app/db/db.server.ts'
import { RESET_LINK_LIFETIME } from '#app/domain/accounts.ts'
import { ROLE_LABELS, ROLES } from '#app/domain/permissions.ts'
import { formatDateTime } from '#app/lib/format.ts'
import { searchPage } from '#app/lib/search-page.ts'
import { councilUsers, requireCouncilAdmin, USER_ACCOUNT_SELECT } from '#app/services/admin.server.ts'
import type { Route } from './+types/admin-users'

export async function loader({ request }: Route.LoaderArgs) {
	const user = await requireCouncilAdmin(request, 'admin:users')
	const all = await prisma.user.findMany({
		where: councilUsers(user.laId),
		orderBy: [{ name: 'asc' }, { email: 'asc' }],
		select: {
			...USER_ACCOUNT_SELECT,
			school: { select: { name: true, active: true } },
		},
	})
	const url = new URL(request.url)
	const { rows: found, ...list } = searchPage(
		url,
		all,
		(u, needle) => u.name.toLowerCase().includes(needle) || u.email.includes(needle) || (u.school?.name.toLowerCase().includes(needle) ?? false),
	)
	const rows = found.map((u) => ({
		id: u.id,
		name: u.name,
		email: u.email,
		roles: ROLES.filter((r) => u.roles.some((x) => x.role === r)).map((r) => ROLE_LABELS[r]),
		organisation: u.school?.name ?? user.laName ?? '',
		status: !u.active ? 'Deactivated' : u.school && !u.school.active ? 'School deactivated' : !u.passwordHash ? 'Invited' : 'Active',
		lastSignIn: u.lastSignInAt ? formatDateTime(u.lastSignInAt) : 'Never',
	}))
	const savedId = url.searchParams.get('saved')
	const saved = savedId ? (all.find((u) => u.id === savedId) ?? null) : null
	return {
		laName: user.laName,
		...list,
		rows,
		saved: saved && {
			name: saved.name,
			email: saved.email,
			invited: url.searchParams.get('invited') === '1',
			reset: url.searchParams.get('reset') === '1',
		},
	}
}

function savedMessage(saved: { name: string; email: string; invited: boolean; reset: boolean } | null) {
	if (!saved) return null
	if (saved.invited) return `${saved.name} has been invited. We have sent an email to ${saved.email} with a link to set a password.`
	if (saved.reset) return `A link to set a new password has been sent to ${saved.name} at ${saved.email}. It works once, for ${RESET_LINK_LIFETIME}.`
	return `${saved.name}’s account has been saved.`
}

export default function Users() {
	const { laName, saved, ...list } = useLoaderData<typeof loader>()
	return (
		<>
			<AdminListHeading title="Users" laName={laName} saved={savedMessage(saved)} add={{ href: '/admin/users/invite', label: 'Invite a user' }}>
				<div className="govuk-inset-text">
					<p className="govuk-body">
						A school’s access belongs to the school, not to one person. When a SENCo leaves, deactivate their account: the school’s children and
						reviews stay with the school, and its other SENCos, and the new SENCo you invite, see everything, including the reviews the SENCo who
						left started.
					</p>
					<p className="govuk-body govuk-!-margin-bottom-0">
						Give everyone their own account with their own email address. Never share one account between people.
					</p>
				</div>
			</AdminListHeading>
			<AdminSearchList
				{...list}
				searchLabel="Search by name, email or school"
				noun={['user', 'users']}
				columns={['Name', 'Role', 'Organisation', 'Last signed in', 'Status']}
				href={(u) => `/admin/users/${u.id}`}
				underName={(u) => (
					<>
						<br />
						<span className="govuk-body-s">{u.email}</span>
					</>
				)}
				cells={(u) => (
					<>
						<td className="govuk-table__cell">{u.roles.join(', ')}</td>
						<td className="govuk-table__cell">{u.organisation}</td>
						<td className="govuk-table__cell">{u.lastSignIn}</td>
					</>
				)}
				status={(u) => u.status}
			/>
		</>
	)
}
