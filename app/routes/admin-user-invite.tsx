import { getFormProps } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod/v4'
import { data, Form, redirect, useActionData, useLoaderData } from 'react-router'
import { z } from 'zod'
import { AdminEditPage } from '#app/components/admin.tsx'
import { Button, EmailField, Radios, summaryErrors, TextField, useGovukForm } from '#app/components/forms.tsx'
import { prisma } from '#app/db/db.server.ts'
import { INVITE_DAYS } from '#app/domain/accounts.ts'
import { STAFF_ROLES } from '#app/domain/permissions.ts'
import { readForm } from '#app/http/request-limits.server.ts'
import { requiredText } from '#app/lib/form-fields.ts'
import { matchSchools, type SchoolMatch } from '#app/queries/schools.server.ts'
import { accountExists, inviteUser, requireCouncilAdmin, type AdminUser } from '#app/services/admin.server.ts'
import type { Route } from './+types/admin-user-invite'

/** The longest school text: a school's whole name fits with room to spare. */
const MAX_SCHOOL_TEXT = 100
/** The most schools offered as radios when a text matches several; past that, ask for more of the name. */
const MAX_SCHOOLS_OFFERED = 20

export const InviteSchema = z
	.object({
		name: requiredText('Enter their full name', 200, 'Their name must be 200 characters or fewer'),
		email: z
			.string({ error: 'Enter their email address' })
			.trim()
			.toLowerCase()
			.pipe(z.email('Enter an email address in the correct format, like name@example.org').max(200, 'The email address must be 200 characters or fewer')),
		role: z.enum(STAFF_ROLES, { error: 'Select what they will do' }),
		// The school as typed (its name or URN): the server finds it among the council's schools.
		school: z.string().trim().max(MAX_SCHOOL_TEXT, `The school’s name or URN must be ${MAX_SCHOOL_TEXT} characters or fewer`).optional(),
		// One of the schools the text matched, chosen from the radios offered when it matched several.
		schoolId: z.string().optional(),
	})
	.superRefine((value, ctx) => {
		if (value.role === 'SENCO' && !value.school) ctx.addIssue({ code: 'custom', path: ['school'], message: 'Enter the SENCo’s school' })
	})

export const ROLE_OPTIONS = [
	{ value: 'SENCO', label: 'SENCo at a school', hint: 'Schedules and records the school’s annual reviews. Enter the school below.' },
	{ value: 'CASEWORKER', label: 'Caseworker', hint: 'Works a caseload, decides after each review and issues notices.' },
	{ value: 'MANAGER', label: 'SEN manager', hint: 'Sees the whole caseload and the timeliness figures, assigns work, manages schools and users.' },
	{ value: 'ADMIN', label: 'Administrator', hint: 'Manages schools, users, imports and settings, and can read the caseload.' },
]

export async function loader({ request }: Route.LoaderArgs) {
	const user = await requireCouncilAdmin(request, 'admin:users')
	// From a school's page: the form starts as an invitation of that school's SENCo. The school's id rides along
	// (hidden), so a name two schools share still means the school the link came from.
	const schoolId = new URL(request.url).searchParams.get('schoolId')
	const school = schoolId ? await prisma.school.findFirst({ where: { id: schoolId, laId: user.laId, active: true }, select: { id: true, name: true } }) : null
	return { laName: user.laName, defaults: school ? { role: 'SENCO', school: school.name, schoolId: school.id } : undefined }
}

type SchoolChoice = { school: SchoolMatch | null; offered: SchoolMatch[]; error?: { field: 'school' | 'schoolId'; message: string } }

/**
 * The SENCo's school from what was typed: the one active school of the council it names, or the one chosen
 * from the schools it matched. A chosen id counts only when it is one of those matches, which are the
 * council's active schools: another council's school, or a closed one, is never taken from the form.
 */
async function chooseSchool(user: AdminUser, text: string, chosenId: string | undefined): Promise<SchoolChoice> {
	const matches = (await matchSchools(user, text, { active: true })) ?? []
	const offered = matches.length > 1 && matches.length <= MAX_SCHOOLS_OFFERED ? matches : []
	const chosen = matches.find((s) => s.id === chosenId) ?? (matches.length === 1 ? matches[0]! : null)
	if (chosen) return { school: chosen, offered }
	if (!matches.length)
		return {
			school: null,
			offered,
			error: { field: 'school', message: `No school of the council matches “${text}”. Check the spelling, or enter the URN` },
		}
	if (!offered.length) {
		return {
			school: null,
			offered,
			error: { field: 'school', message: `${matches.length} schools match “${text}”: enter more of the school’s name, or its URN` },
		}
	}
	return { school: null, offered, error: { field: 'schoolId', message: `${matches.length} schools match “${text}”: choose one` } }
}

const stringOf = (value: unknown) => (typeof value === 'string' ? value.trim() : '')

export async function action({ request }: Route.ActionArgs) {
	const user = await requireCouncilAdmin(request, 'admin:users')
	const submission = parseWithZod(await readForm(request), { schema: InviteSchema })
	// The school is looked for even when another answer is wrong, so that every problem, and the schools to
	// choose from, show at once.
	const typed = submission.payload
	const text = stringOf(typed.school)
	const choice =
		typed.role === 'SENCO' && text && text.length <= MAX_SCHOOL_TEXT ? await chooseSchool(user, text, stringOf(typed.schoolId) || undefined) : null
	const offered = choice?.offered ?? []
	if (submission.status !== 'success' || choice?.error) {
		const fieldErrors = choice?.error ? { [choice.error.field]: [choice.error.message] } : undefined
		return data({ result: submission.reply(fieldErrors ? { fieldErrors } : undefined), offered }, { status: 400 })
	}
	const { name, email, role } = submission.value
	const school = role === 'SENCO' ? choice?.school : null
	if (role === 'SENCO' && !school)
		return data({ result: submission.reply({ fieldErrors: { school: ['Enter the SENCo’s school'] } }), offered }, { status: 400 })
	if (await accountExists(email)) {
		return data(
			{
				result: submission.reply({
					fieldErrors: { email: ['There is already an account with this email address: search for it in the list of users'] },
				}),
				offered,
			},
			{ status: 400 },
		)
	}
	const created = await inviteUser(request, user, { name, email, role, school: school ?? null })
	throw redirect(`/admin/users?saved=${created.id}&invited=1`)
}

export default function Invite() {
	const { laName, defaults } = useLoaderData<typeof loader>()
	const actionData = useActionData<typeof action>()
	const [form, fields] = useGovukForm({ id: 'invite', schema: InviteSchema, lastResult: actionData?.result, defaultValue: defaults })
	const errors = summaryErrors(form.id, form.allErrors, ['name', 'email', 'role', 'school', 'schoolId'])
	// The schools the text matched, when it matched several: one is chosen with the radios.
	const offered = actionData?.offered ?? []
	const chosenId = typeof fields.schoolId.initialValue === 'string' ? fields.schoolId.initialValue : ''
	return (
		<AdminEditPage title="Invite a user" errors={errors} back={{ href: '/admin/users', label: 'Back to users' }} caption={laName}>
			<p className="govuk-body">We will email them a link to set their password. The link works once and expires after {INVITE_DAYS} days.</p>
			<Form method="post" {...getFormProps(form)} noValidate>
				<TextField field={fields.name} label="Full name" autoComplete="off" spellCheck={false} />
				<EmailField field={fields.email} label="Email address" hint="Their own work email address, not a shared mailbox" />
				<Radios field={fields.role} legend="What will they do?" legendClass="govuk-fieldset__legend--m" options={ROLE_OPTIONS} />
				<TextField
					field={fields.school}
					label="School (for a SENCo)"
					hint="The school’s name or URN"
					autoComplete="off"
					spellCheck={false}
					width="govuk-input--width-30"
				/>
				{offered.length ? (
					<Radios
						field={fields.schoolId}
						legend="Which school do you mean?"
						options={offered.map((s) => ({ value: s.id, label: s.name, hint: `URN ${s.urn}` }))}
					/>
				) : chosenId ? (
					// The school from the school page's link (or chosen before): kept while the text still names it.
					<input type="hidden" name={fields.schoolId.name} value={chosenId} />
				) : null}
				<Button>Send the invitation</Button>
			</Form>
		</AdminEditPage>
	)
}
