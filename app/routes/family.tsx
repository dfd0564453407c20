import { useLoaderData } from 'react-router'
import { audit } from '#app/auth/audit.server.ts'
import { familyChildScope, requireFamily } from '#app/auth/family.server.ts'
import { PageTitle } from '#app/components/page.tsx'
import { prisma } from '#app/db/db.server.ts'
import type { Route } from './+types/family'

// A family member's first page: the children (or, for a young person, themselves) they are named for.

export async function loader({ request }: Route.LoaderArgs) {
	const user = await requireFamily(request)
	const children = await prisma.child.findMany({
		where: familyChildScope(user),
		orderBy: [{ firstName: 'asc' }, { id: 'asc' }],
		select: {
			id: true,
			firstName: true,
			lastName: true,
			school: { select: { name: true } },
			family: { where: { userId: user.id }, select: { relationship: true } },
		},
	})
	await audit(request, user.id, 'family.child_view', {
		entityType: 'Child',
		entityId: children.map((c) => c.id).join(','),
		details: 'list of their children',
	})
	return {
		name: user.name,
		children: children.map((c) => ({
			id: c.id,
			name: `${c.firstName} ${c.lastName}`,
			school: c.school?.name ?? null,
			self: c.family[0]?.relationship === 'YOUNG_PERSON',
		})),
	}
}

export default function FamilyHome() {
	const { name, children } = useLoaderData<typeof loader>()
	return (
		<>
			<PageTitle title="Your EHC plan reviews" />
			<span className="govuk-caption-l">{name}</span>
			<h1 className="govuk-heading-l">Your EHC plan reviews</h1>
			{children.length === 0 ? (
				<p className="govuk-body">
					There are no reviews for you to see. If you think this is wrong, contact your child’s school or the council’s SEN team.
				</p>
			) : (
				<ul className="govuk-list govuk-list--spaced">
					{children.map((c) => (
						<li key={c.id}>
							<a className="govuk-link govuk-!-font-weight-bold" href={`/family/children/${c.id}`}>
								{c.self ? `Your EHC plan (${c.name})` : `${c.name}’s EHC plan`}
							</a>
							{c.school ? <span className="govuk-body-s govuk-!-display-block">{c.school}</span> : null}
						</li>
					))}
				</ul>
			)}
		</>
	)
}
