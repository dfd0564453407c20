import { getFormProps } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod/v4'
import { data, Form, redirect, useActionData, useLoaderData } from 'react-router'
import { z } from 'zod'
import { ActivationForm, AdminEditPage, IntentButton } from '#app/components/admin.tsx'
import { Button, Checkboxes, summaryErrors, useGovukForm } from '#app/components/forms.tsx'
import { KeyValueList } from '#app/components/review-bits.tsx'
import { prisma } from '#app/db/db.server.ts'
import { RESET_LINK_LIFETIME } from '#app/domain/accounts.ts'
import { isRole, ROLE_LABELS, ROLES } from '#app/domain/permissions.ts'
import { readForm } from '#app/http/request-limits.server.ts'
import { formatDateTime } from '#app/lib/format.ts'
import {
	requireCouncilAdmin,
	requireCouncilUser,
	resendInvitation,
	sendResetLink,
	setCouncilRoles,
	setUserActive,
	USER_ACCOUNT_SELECT,
} from '#app/services/admin.server.ts'
import type { Route } from './+types/admin-user'

const COUNCIL_ROLES = ['CASEWORKER', 'MANAGER', 'ADMIN'] as const

export const RolesSchema = z.object({
	roles: z
		.array(z.enum(COUNCIL_ROLES), { error: 'Select at least one role' })
		.min(1, 'Select at least one role')
		// A role sent twice is held once (a user has each role at most once).
		.transform((roles) => [...new Set(roles)]),
})

async function load(request: Request, userId: string) {
	const admin = await requireCouncilAdmin(request, 'admin:users')
	await requireCouncilUser(request, admin, userId)
	const user = await prisma.user.findUniqueOrThrow({
		where: { id: userId },
		select: {
			...USER_ACCOUNT_SELECT,
			createdAt: true,
			laId: true,
			school: { select: { id: true, name: true, active: true } },
			la: { select: { name: true } },
			tokens: { where: { purpose: 'INVITE', usedAt: null }, orderBy: { createdAt: 'desc' }, take: 1, select: { expiresAt: true } },
		},
	})
	return { admin, user, roles: user.roles.map((r) => r.role).filter(isRole) }
}

export async function loader({ request, params }: Route.LoaderArgs) {
	const { admin, user, roles } = await load(request, params.userId)
	return {
		user: {
			id: user.id,
			name: user.name,
			email: user.email,
			active: user.active,
			hasPassword: !!user.passwordHash,
			lastSignIn: user.lastSignInAt ? formatDateTime(user.lastSignInAt) : 'Never',
			invitedUntil: user.tokens[0] ? formatDateTime(user.tokens[0].expiresAt) : null,
			roles: ROLES.filter((r) => roles.includes(r)),
			roleLabels: ROLES.filter((r) => roles.includes(r)).map((r) => ROLE_LABELS[r]),
			school: user.school,
			organisation: user.school?.name ?? user.la?.name ?? '',
			isCouncilStaff: !!user.laId,
		},
		isSelf: admin.id === user.id,
	}
}

export async function action({ request, params }: Route.ActionArgs) {
	const { admin, user, roles } = await load(request, params.userId)
	const formData = await readForm(request)
	const intent = String(formData.get('intent') ?? '')
	const back = `/admin/users/${user.id}`
	// Nobody changes their own access: it keeps someone from locking themselves out, or raising themselves up.
	if (admin.id === user.id) return data({ result: null, error: 'You cannot change your own account: ask another manager or administrator' }, { status: 400 })

	if (intent === 'deactivate' || intent === 'reactivate') {
		await setUserActive(request, admin, user.id, intent === 'reactivate')
		throw redirect(back)
	}

	if (intent === 'resend') {
		if (!user.active || user.passwordHash) throw redirect(back)
		await resendInvitation(request, admin, user, roles)
		throw redirect(`/admin/users?saved=${user.id}&invited=1`)
	}

	if (intent === 'send-reset') {
		// Only an account that can use the link: active, in an active school, with a password to replace (someone
		// who never set one is sent their invitation again instead).
		if (!user.active || !user.passwordHash || user.school?.active === false) throw redirect(back)
		await sendResetLink(request, admin, user)
		throw redirect(`/admin/users?saved=${user.id}&reset=1`)
	}

	const submission = parseWithZod(formData, { schema: RolesSchema })
	if (submission.status !== 'success') return data({ result: submission.reply(), error: null }, { status: 400 })
	// A SENCo's access comes from their school; council roles are for council staff.
	if (!user.laId)
		return data(
			{ result: submission.reply({ formErrors: ['A SENCo’s role comes from their school and cannot be changed'] }), error: null },
			{ status: 400 },
		)
	await setCouncilRoles(request, admin, user.id, roles, submission.value.roles)
	throw redirect(`/admin/users?saved=${user.id}`)
}

export default function UserAccount() {
	const { user, isSelf } = useLoaderData<typeof loader>()
	const actionData = useActionData<typeof action>()
	const [form, fields] = useGovukForm({ id: 'roles', schema: RolesSchema, lastResult: actionData?.result, defaultValue: { roles: user.roles } })
	const errors = [...summaryErrors(form.id, form.allErrors, ['roles']), ...(actionData?.error ? [{ href: '#account', message: actionData.error }] : [])]
	const status = !user.active
		? 'Deactivated'
		: user.school && !user.school.active
			? 'School deactivated'
			: !user.hasPassword
				? 'Invited: has not set a password yet'
				: 'Active'
	return (
		<AdminEditPage
			title={user.name}
			errors={errors}
			back={{ href: '/admin/users', label: 'Back to users' }}
			caption={user.organisation}
			headingId="account"
		>
			<KeyValueList
				rows={[
					['Email address', user.email],
					['Role', user.roleLabels.join(', ')],
					['Organisation', user.organisation],
					['Status', status],
					['Last signed in', user.lastSignIn],
					...(user.invitedUntil && !user.hasPassword ? ([['Invitation link expires', user.invitedUntil]] as const) : []),
				]}
			/>
			{isSelf ? (
				<p className="govuk-body">This is your own account. To change your roles or deactivate it, ask another manager or administrator.</p>
			) : (
				<>
					{user.isCouncilStaff ? (
						<Form method="post" {...getFormProps(form)} noValidate>
							<Checkboxes
								field={fields.roles}
								legend="Change their roles"
								legendClass="govuk-fieldset__legend--m"
								hint="Select all that apply"
								options={COUNCIL_ROLES.map((r) => ({ value: r, label: ROLE_LABELS[r] }))}
							/>
							<Button name="intent" value="roles">
								Save the roles
							</Button>
						</Form>
					) : (
						<>
							<h2 className="govuk-heading-m">Their school</h2>
							<p className="govuk-body">
								A SENCo sees their school’s children and reviews. That access belongs to the school: if they leave, deactivate this account and
								invite the new SENCo. The school’s reviews stay as they are, and every SENCo of {user.school?.name} sees them.
							</p>
						</>
					)}
					{user.active && user.hasPassword && user.school?.active !== false ? (
						<>
							<h2 className="govuk-heading-m">Password</h2>
							<p className="govuk-body">
								If they have forgotten their password, send them an email with a link to set a new one. The link works once, for{' '}
								{RESET_LINK_LIFETIME}. Their password stays the same until they use it, and using it signs them out everywhere.
							</p>
							<IntentButton intent="send-reset" variant="secondary">
								Send a link to set a new password
							</IntentButton>
						</>
					) : null}
					{user.active && !user.hasPassword ? (
						<>
							<h2 className="govuk-heading-m">Invitation</h2>
							<p className="govuk-body">They have not set a password yet. Sending the invitation again makes any earlier link stop working.</p>
							<IntentButton intent="resend" variant="secondary">
								Send the invitation again
							</IntentButton>
						</>
					) : null}
					<ActivationForm
						active={user.active}
						noun="the account"
						deactivating="They are signed out at once and cannot sign in. Everything they recorded is kept, and stays with their school or the council."
						reactivating="They will be able to sign in again with their password."
					/>
				</>
			)}
		</AdminEditPage>
	)
}
