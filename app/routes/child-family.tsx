// Family access online (issue 14; docs/decisions/017-family-access.md): the school's SENCo or the council's staff see
// who of the child's family can use the portal, and send them (or send again) a sign-in link. Who is invited follows
// whom the council's letters go to (app/domain/young-person.ts): the parent, or the young person in their own right,
// the person acting for them, and a parent copied with the young person's agreement.
import { data, Form, useActionData, useLoaderData } from 'react-router'
import { requireUser, forbidden } from '#app/auth/auth.server.ts'
import { inviteFamily } from '#app/auth/family.server.ts'
import { requireChildAccess } from '#app/auth/tenancy.server.ts'
import { SavedBanner } from '#app/components/admin.tsx'
import { Button } from '#app/components/forms.tsx'
import { PageTitle } from '#app/components/page.tsx'
import { KeyValueList } from '#app/components/review-bits.tsx'
import { prisma } from '#app/db/db.server.ts'
import { todayInLondon } from '#app/domain/calendar-date.ts'
import { hasPermission } from '#app/domain/permissions.ts'
import { FAMILY_CONTACTS, familyLetter } from '#app/domain/young-person.ts'
import { readForm } from '#app/http/request-limits.server.ts'
import { formatDateTime } from '#app/lib/format.ts'
import { selectOf } from '#app/lib/prisma-select.ts'
import type { Route } from './+types/child-family'

const RELATIONSHIP_LABELS: Record<string, string> = {
	PARENT: 'Parent or carer',
	YOUNG_PERSON: 'Young person',
	REPRESENTATIVE: 'Acts for the young person',
}

async function requireStaff(request: Request, childId: string) {
	const user = await requireUser(request)
	// The school that holds the review, and the council's staff who send its letters.
	if (!hasPermission(user.roles, 'review:edit') && !hasPermission(user.roles, 'decision:make')) throw forbidden()
	await requireChildAccess(request, user, childId)
	return user
}

export async function loader({ request, params }: Route.LoaderArgs) {
	await requireStaff(request, params.childId)
	const child = await prisma.child.findUniqueOrThrow({
		where: { id: params.childId },
		select: {
			id: true,
			firstName: true,
			lastName: true,
			dateOfBirth: true,
			...selectOf(FAMILY_CONTACTS),
			family: {
				orderBy: [{ createdAt: 'asc' }, { userId: 'asc' }],
				select: { relationship: true, invitedAt: true, user: { select: { name: true, email: true, lastSignInAt: true } } },
			},
		},
	})
	const name = `${child.firstName} ${child.lastName}`
	const letter = familyLetter({ ...child, name }, todayInLondon(new Date()))
	return {
		childId: child.id,
		name,
		members: child.family.map((m) => ({
			name: m.user.name,
			email: m.user.email,
			relationship: RELATIONSHIP_LABELS[m.relationship] ?? m.relationship,
			invitedAt: m.invitedAt?.toISOString() ?? null,
			lastSignInAt: m.user.lastSignInAt?.toISOString() ?? null,
		})),
		toInvite: [letter.to, ...letter.copies].map((p) => ({ name: p.name, role: p.role, email: p.email })),
	}
}

export async function action({ request, params }: Route.ActionArgs) {
	const user = await requireStaff(request, params.childId)
	const form = await readForm(request)
	if (form.get('intent') !== 'invite') return data({ outcome: null, error: 'Choose what to do' }, { status: 400 })
	const outcome = await inviteFamily(request, user, params.childId)
	return { outcome, error: null }
}

export default function ChildFamily() {
	const { childId, name, members, toInvite } = useLoaderData<typeof loader>()
	const actionData = useActionData<typeof action>()
	const outcome = actionData?.outcome
	const canInvite = toInvite.some((p) => p.email)
	return (
		<div className="govuk-grid-row">
			<div className="govuk-grid-column-two-thirds">
				<PageTitle title={`Family access online: ${name}`} />
				<a href={`/children/${childId}`} className="govuk-back-link">
					Back to {name}
				</a>
				{outcome ? (
					<SavedBanner
						details={outcome.missing.map((m) => (
							<p className="govuk-body" key={m}>
								{m}.
							</p>
						))}
					>
						{outcome.invited.length
							? `Sign-in link sent to ${outcome.invited.map((p) => `${p.name} (${p.email})`).join(' and ')}`
							: 'Nobody was sent a link'}
					</SavedBanner>
				) : null}
				<span className="govuk-caption-l">{name}</span>
				<h1 className="govuk-heading-l">Family access online</h1>
				<p className="govuk-body">
					The family can give their views before the meeting, read the review report and the council’s letters, and reply to an amendment notice
					online. They sign in with a link sent to their email address; each link works once, for an hour, and they can ask for a new one at any time.
				</p>
				<h2 className="govuk-heading-m">Who can use the portal</h2>
				{members.length ? (
					members.map((m) => (
						<KeyValueList
							key={m.email}
							rows={[
								['Name', m.name],
								['Email address', m.email],
								['Who they are', m.relationship],
								['Last sent a link', m.invitedAt ? formatDateTime(new Date(m.invitedAt)) : 'Asked for one themselves'],
								['Last signed in', m.lastSignInAt ? formatDateTime(new Date(m.lastSignInAt)) : 'Not yet'],
							]}
						/>
					))
				) : (
					<p className="govuk-body">Nobody in the family has been sent a link yet.</p>
				)}
				<h2 className="govuk-heading-m">{members.length ? 'Send a new link' : 'Send a link'}</h2>
				<p className="govuk-body">A link goes to the people the council’s letters go to:</p>
				<ul className="govuk-list govuk-list--bullet">
					{toInvite.map((p) => (
						<li key={`${p.name}-${p.role}`}>
							{p.name} ({p.role}): {p.email || 'no email address recorded, so no link can be sent'}
						</li>
					))}
				</ul>
				{canInvite ? (
					<Form method="post">
						<Button name="intent" value="invite">
							{members.length ? 'Send a new sign-in link' : 'Send a sign-in link'}
						</Button>
					</Form>
				) : (
					<p className="govuk-body">Record an email address for them first.</p>
				)}
			</div>
		</div>
	)
}
