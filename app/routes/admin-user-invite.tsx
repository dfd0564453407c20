import { getFormProps } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod/v4'
import { data, Form, redirect, useActionData, useLoaderData } from 'react-router'
import { z } from 'zod'
import type { Route } from './+types/admin-user-invite'
import { Button, ErrorSummary, Radios, Select, summaryErrors, TextField, useGovukForm } from '#app/components/forms.tsx'
import { PageTitle } from '#app/components/page.tsx'
import { prisma } from '#app/db.server.ts'
import { ROLES } from '#app/domain/permissions.ts'
import { INVITE_DAYS } from '#app/domain/accounts.ts'
import { requireCouncilAdmin, sendInvitation } from '#app/utils/admin.server.ts'
import { audit } from '#app/utils/audit.server.ts'

export const InviteSchema = z
	.object({
		name: z.string({ error: 'Enter their full name' }).trim().min(1, 'Enter their full name').max(200, 'Their name must be 200 characters or fewer'),
		email: z
			.string({ error: 'Enter their email address' })
			.trim()
			.toLowerCase()
			.pipe(z.email('Enter an email address in the correct format, like name@example.org').max(200, 'The email address must be 200 characters or fewer')),
		role: z.enum(ROLES, { error: 'Select what they will do' }),
		schoolId: z.string().optional(),
	})
	.superRefine((value, ctx) => {
		if (value.role === 'SENCO' && !value.schoolId) ctx.addIssue({ code: 'custom', path: ['schoolId'], message: 'Select the SENCo’s school' })
	})

export const ROLE_OPTIONS = [
	{ value: 'SENCO', label: 'SENCo at a school', hint: 'Schedules and records the school’s annual reviews. Choose the school below.' },
	{ value: 'CASEWORKER', label: 'Caseworker', hint: 'Works a caseload, decides after each review and issues notices.' },
	{ value: 'MANAGER', label: 'SEN manager', hint: 'Sees the whole caseload and the timeliness figures, assigns work, manages schools and users.' },
	{ value: 'ADMIN', label: 'Administrator', hint: 'Manages schools, users, imports and settings, and can read the caseload.' },
]

export async function loader({ request }: Route.LoaderArgs) {
	const user = await requireCouncilAdmin(request, 'admin:users')
	const schools = await prisma.school.findMany({ where: { laId: user.laId, active: true }, orderBy: { name: 'asc' }, select: { id: true, name: true } })
	const schoolId = new URL(request.url).searchParams.get('schoolId')
	return { laName: user.laName, schools, defaults: schools.some((s) => s.id === schoolId) ? { role: 'SENCO', schoolId } : undefined }
}

export async function action({ request }: Route.ActionArgs) {
	const user = await requireCouncilAdmin(request, 'admin:users')
	const submission = parseWithZod(await request.formData(), { schema: InviteSchema })
	if (submission.status !== 'success') return data({ result: submission.reply() }, { status: 400 })
	const { name, email, role, schoolId } = submission.value
	const school = role === 'SENCO' ? await prisma.school.findFirst({ where: { id: schoolId, laId: user.laId, active: true }, select: { id: true, name: true } }) : null
	if (role === 'SENCO' && !school) return data({ result: submission.reply({ fieldErrors: { schoolId: ['Select one of the council’s schools'] } }) }, { status: 400 })
	if (await prisma.user.count({ where: { email } })) {
		return data({ result: submission.reply({ fieldErrors: { email: ['There is already an account with this email address: search for it in the list of users'] } }) }, { status: 400 })
	}
	// The account, its role, its one-time link and the email are written together or not at all.
	const created = await prisma.$transaction(async (tx) => {
		const invitee = await tx.user.create({
			data: { email, name, passwordHash: null, laId: school ? null : user.laId, schoolId: school?.id ?? null, roles: { create: [{ role }] } },
			select: { id: true },
		})
		await sendInvitation(tx, { id: invitee.id, email, name, roles: [role], organisationName: school?.name ?? user.laName ?? 'the council' }, user.name)
		await audit(request, user.id, 'user.invite', { entityType: 'User', entityId: invitee.id, details: `${email} as ${role}${school ? ` at ${school.name}` : ''}` }, tx)
		return invitee
	})
	throw redirect(`/admin/users?saved=${created.id}&invited=1`)
}

export default function Invite() {
	const { laName, schools, defaults } = useLoaderData<typeof loader>()
	const actionData = useActionData<typeof action>()
	const [form, fields] = useGovukForm({ id: 'invite', schema: InviteSchema, lastResult: actionData?.result, defaultValue: defaults })
	const errors = summaryErrors(form.id, form.allErrors, ['name', 'email', 'role', 'schoolId'])
	return (
		<div className="govuk-grid-row">
			<div className="govuk-grid-column-two-thirds">
				<PageTitle title="Invite a user" error={errors.length > 0} />
				<a href="/admin/users" className="govuk-back-link">
					Back to users
				</a>
				<ErrorSummary errors={errors} />
				<span className="govuk-caption-l">{laName}</span>
				<h1 className="govuk-heading-l">Invite a user</h1>
				<p className="govuk-body">We will email them a link to set their password. The link works once and expires after {INVITE_DAYS} days.</p>
				<Form method="post" {...getFormProps(form)} noValidate>
					<TextField field={fields.name} label="Full name" autoComplete="off" spellCheck={false} />
					<TextField field={fields.email} label="Email address" hint="Their own work email address, not a shared mailbox" type="email" autoComplete="off" spellCheck={false} />
					<Radios field={fields.role} legend="What will they do?" legendClass="govuk-fieldset__legend--m" options={ROLE_OPTIONS} />
					<Select field={fields.schoolId} label="School (for a SENCo)" hint="Only for a SENCo: they will see this school’s children and reviews" placeholder="Select a school" options={schools.map((s) => ({ value: s.id, label: s.name }))} />
					<Button>Send the invitation</Button>
				</Form>
			</div>
		</div>
	)
}
