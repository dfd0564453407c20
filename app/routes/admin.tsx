import { useLoaderData } from 'react-router'
import { PageTitle } from '#app/components/page.tsx'
import { hasPermission } from '#app/domain/permissions.ts'
import { requireAnyAdmin } from '#app/services/admin.server.ts'
import type { Route } from './+types/admin'

export async function loader({ request }: Route.LoaderArgs) {
	const user = await requireAnyAdmin(request)
	return { laName: user.laName, users: hasPermission(user.roles, 'admin:users'), schools: hasPermission(user.roles, 'admin:schools') }
}

export default function Administration() {
	const { laName, users, schools } = useLoaderData<typeof loader>()
	const items = [
		...(schools
			? [{ href: '/admin/schools', title: 'Schools', text: 'Add schools, change their details and SEN mailbox, and deactivate a school that closes.' }]
			: []),
		...(users
			? [{ href: '/admin/users', title: 'Users', text: 'Invite SENCos and council staff, change what they can do, and deactivate people who leave.' }]
			: []),
		...(schools
			? [
					{
						href: '/admin/import',
						title: 'Import from the case management system',
						text: 'Add or update children, schools and plans from a CSV file.',
					},
					{ href: '/admin/settings', title: 'Council settings', text: 'Contact details and the wording of letters and notices.' },
				]
			: []),
	]
	return (
		<>
			<PageTitle title="Administration" />
			<span className="govuk-caption-l">{laName}</span>
			<h1 className="govuk-heading-l">Administration</h1>
			<ul className="govuk-list">
				{items.map((item) => (
					<li key={item.href} className="govuk-!-margin-bottom-4">
						<h2 className="govuk-heading-s govuk-!-margin-bottom-1">
							<a className="govuk-link" href={item.href}>
								{item.title}
							</a>
						</h2>
						<p className="govuk-body govuk-!-margin-bottom-0">{item.text}</p>
					</li>
				))}
			</ul>
		</>
	)
}
