import { getFormProps } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod/v4'
import { data, Form, redirect, useActionData, useLoaderData } from 'react-router'
import { z } from 'zod'
import { ActivationForm, AdminEditPage } from '#app/components/admin.tsx'
import { Button, EmailField, Select, summaryErrors, TextArea, TextField, useGovukForm } from '#app/components/forms.tsx'
import { prisma } from '#app/db/db.server.ts'
import { SCHOOL_PHASE_LABELS, SCHOOL_PHASES } from '#app/domain/review-status.ts'
import { readForm } from '#app/http/request-limits.server.ts'
import { requiredText } from '#app/lib/form-fields.ts'
import { selectOf } from '#app/lib/prisma-select.ts'
import { requireCouncilAdmin, requireCouncilSchool, saveSchool, setSchoolActive, urnTaken } from '#app/services/admin.server.ts'
import type { Route } from './+types/admin-school'

const optionalEmail = (message: string) => z.email(message).max(200).optional()

export const SchoolSchema = z.object({
	name: requiredText('Enter the school’s name', 200, 'The school’s name must be 200 characters or fewer'),
	urn: z
		.string({ error: 'Enter the school’s URN' })
		.trim()
		.regex(/^\d{6}$/, 'The URN must be 6 digits, like 118000'),
	phase: z.enum(SCHOOL_PHASES, { error: 'Select the school’s phase' }),
	kind: z.string().trim().max(100, 'The type of school must be 100 characters or fewer').optional(),
	address: z.string().trim().max(500, 'The address must be 500 characters or fewer').optional(),
	contactEmail: z
		.string({ error: 'Enter the school’s SEN mailbox' })
		.trim()
		.pipe(z.email('Enter the SEN mailbox in the correct format, like senco@school.example.org').max(200)),
	headTeacherName: z.string().trim().max(200, 'The head teacher’s name must be 200 characters or fewer').optional(),
	headTeacherEmail: optionalEmail('Enter the head teacher’s email address in the correct format, like head@school.example.org'),
})

const FIELDS = SchoolSchema.keyof().options

async function load(request: Request, schoolId: string | undefined) {
	const user = await requireCouncilAdmin(request, 'admin:schools')
	if (schoolId) await requireCouncilSchool(request, user, schoolId)
	return user
}

export async function loader({ request, params }: Route.LoaderArgs) {
	await load(request, params.schoolId)
	if (!params.schoolId) return { school: null, sencos: [] }
	const school = await prisma.school.findUniqueOrThrow({
		where: { id: params.schoolId },
		select: {
			...selectOf(FIELDS),
			id: true,
			active: true,
			users: { orderBy: { name: 'asc' }, select: { id: true, name: true, active: true } },
		},
	})
	const { users, ...rest } = school
	return { school: rest, sencos: users }
}

export async function action({ request, params }: Route.ActionArgs) {
	const user = await load(request, params.schoolId)
	const formData = await readForm(request)
	const intent = formData.get('intent')
	const schoolId = params.schoolId
	if (schoolId && (intent === 'deactivate' || intent === 'reactivate')) {
		await setSchoolActive(request, user, schoolId, intent === 'reactivate')
		throw redirect(`/admin/schools/${schoolId}`)
	}
	const submission = parseWithZod(formData, { schema: SchoolSchema })
	if (submission.status !== 'success') return data({ result: submission.reply() }, { status: 400 })
	const value = submission.value
	const taken = await urnTaken(value.urn, user, schoolId)
	if (taken) return data({ result: submission.reply({ fieldErrors: { urn: [taken] } }) }, { status: 400 })
	const id = await saveSchool(request, user, schoolId, value)
	throw redirect(`/admin/schools?${new URLSearchParams({ q: value.urn, saved: id })}`)
}

export default function SchoolForm() {
	const { school, sencos } = useLoaderData<typeof loader>()
	const actionData = useActionData<typeof action>()
	const [form, fields] = useGovukForm({ id: 'school', schema: SchoolSchema, lastResult: actionData?.result, defaultValue: school ?? undefined })
	const errors = summaryErrors(form.id, form.allErrors, [...FIELDS])
	const title = school ? `Change ${school.name}` : 'Add a school'
	return (
		<AdminEditPage
			title={title}
			errors={errors}
			back={{ href: '/admin/schools', label: 'Back to schools' }}
			caption={school ? <>URN {school.urn}</> : undefined}
		>
			{school && !school.active ? (
				<div className="govuk-inset-text">This school is deactivated: its SENCos cannot sign in. Its children and reviews are kept.</div>
			) : null}
			<Form method="post" {...getFormProps(form)} noValidate>
				<TextField field={fields.name} label="Name" />
				<TextField
					field={fields.urn}
					label="URN (Unique Reference Number)"
					hint="6 digits, from Get Information about Schools"
					width="govuk-input--width-10"
					inputMode="numeric"
					spellCheck={false}
				/>
				<Select
					field={fields.phase}
					label="Phase"
					placeholder="Select a phase"
					options={SCHOOL_PHASES.map((p) => ({ value: p, label: SCHOOL_PHASE_LABELS[p] }))}
				/>
				<TextField field={fields.kind} label="Type of school (optional)" hint="For example, academy, maintained, special school or independent" />
				<TextArea field={fields.address} label="Address (optional)" rows={3} />
				<EmailField
					field={fields.contactEmail}
					label="SEN mailbox"
					hint="The school’s shared SEN email address. Notices go here, not to one person, so they still arrive when staff change."
				/>
				<TextField field={fields.headTeacherName} label="Head teacher’s name (optional)" />
				<EmailField
					field={fields.headTeacherEmail}
					label="Head teacher’s email address (optional)"
					hint="Decisions are also sent to the head teacher (reg 20(10))"
				/>
				<Button>{school ? 'Save the changes' : 'Add the school'}</Button>
			</Form>
			{school ? (
				<>
					<h2 className="govuk-heading-m">SENCos</h2>
					{sencos.length ? (
						<ul className="govuk-list">
							{sencos.map((u) => (
								<li key={u.id}>
									<a className="govuk-link" href={`/admin/users/${u.id}`}>
										{u.name}
									</a>
									{u.active ? '' : ' (deactivated)'}
								</li>
							))}
						</ul>
					) : (
						<p className="govuk-body">No one at this school has an account yet.</p>
					)}
					<p className="govuk-body">
						<a className="govuk-link" href={`/admin/users/invite?schoolId=${school.id}`}>
							Invite a SENCo at this school
						</a>
					</p>
					<ActivationForm
						active={school.active}
						noun="the school"
						deactivating="If the school closes or leaves the council, deactivate it. Its SENCos are signed out and cannot sign in. Its children, plans and reviews are kept."
						reactivating="Reactivating lets the school’s active SENCos sign in again."
					/>
				</>
			) : null}
		</AdminEditPage>
	)
}
