// A young person's own rights, as the council records them (issue 12 §3; app/domain/young-person.ts): their email
// address, whether they agreed that their parent is copied into their letters (and when), and, where they lack
// capacity, who acts for them (SEND Regulations 2014 reg 64). Council staff who send letters only; the child must be
// their council's. GOV.UK radios whose follow-up questions show under the answer they belong to; without JavaScript
// every follow-up question shows, and only those of the answer chosen are kept.
import { getFormProps } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod/v4'
import { data, Form, redirect, useActionData, useLoaderData } from 'react-router'
import { z } from 'zod'
import { requirePermission } from '#app/auth/auth.server.ts'
import { requireChildAccess } from '#app/auth/tenancy.server.ts'
import { Button, ConditionalRadios, DateField, EmailField, ErrorSummary, Radios, summaryErrors, TextField, useGovukForm } from '#app/components/forms.tsx'
import { PageTitle } from '#app/components/page.tsx'
import { prisma } from '#app/db/db.server.ts'
import { formatDate, isAfter, todayInLondon } from '#app/domain/calendar-date.ts'
import { dateInput, dateParts } from '#app/domain/review-parts.ts'
import {
	endOfCompulsorySchoolAge,
	isRepresentativeRole,
	isYoungPerson,
	REPRESENTATIVE_ROLE_LABELS,
	REPRESENTATIVE_ROLES,
	YOUNG_PERSON_RIGHTS,
	youngPersonFrom,
} from '#app/domain/young-person.ts'
import { readForm } from '#app/http/request-limits.server.ts'
import { selectOf } from '#app/lib/prisma-select.ts'
import { childIdentitySelect } from '#app/queries/review.server.ts'
import { recordYoungPerson } from '#app/services/young-person.server.ts'
import type { Route } from './+types/child-young-person'

const EMAIL_FORMAT = 'Enter an email address in the correct format, like name@example.org'
const optionalEmail = z.string().trim().toLowerCase().max(200, 'The email address must be 200 characters or fewer').pipe(z.email(EMAIL_FORMAT)).optional()

export const YoungPersonSchema = z
	.object({
		youngPersonEmail: optionalEmail,
		capacity: z.enum(['HAS', 'LACKS'], { error: 'Select whether they can make decisions about their EHC plan themselves' }),
		parentCopy: z.enum(['yes', 'no']).optional(),
		parentCopyAgreedOn: dateInput('the date they agreed', { required: false }),
		representativeRole: z.enum(REPRESENTATIVE_ROLES).optional(),
		representativeName: z.string().trim().max(200, 'The name must be 200 characters or fewer').optional(),
		representativeEmail: optionalEmail,
	})
	.superRefine((v, ctx) => {
		if (v.capacity === 'HAS') {
			if (!v.parentCopy)
				ctx.addIssue({ code: 'custom', path: ['parentCopy'], message: 'Select whether they have agreed that their parent is sent copies' })
			else if (v.parentCopy === 'yes' && !v.parentCopyAgreedOn)
				ctx.addIssue({ code: 'custom', path: ['parentCopyAgreedOn'], message: 'Enter the date they agreed' })
		} else {
			if (!v.representativeRole) ctx.addIssue({ code: 'custom', path: ['representativeRole'], message: 'Select who acts for them' })
			else if (v.representativeRole !== 'PARENT' && !v.representativeName)
				ctx.addIssue({
					code: 'custom',
					path: ['representativeName'],
					message: `Enter the name of the ${v.representativeRole === 'DEPUTY' ? 'deputy' : 'attorney'}`,
				})
		}
	})

async function access(request: Request, childId: string, view: boolean) {
	// The council's staff who send its letters; the child must be their council's (403 audited, 404 if none).
	const user = await requirePermission(request, 'decision:make')
	await requireChildAccess(request, user, childId, view ? 'child.view' : null)
	return user
}

export async function loader({ request, params }: Route.LoaderArgs) {
	await access(request, params.childId, true)
	const child = await prisma.child.findUniqueOrThrow({
		where: { id: params.childId },
		select: { ...childIdentitySelect, parentName: true, ...selectOf(YOUNG_PERSON_RIGHTS) },
	})
	const today = todayInLondon(new Date())
	return {
		child: {
			id: child.id,
			name: `${child.firstName} ${child.lastName}`,
			firstName: child.firstName,
			parentName: child.parentName,
		},
		youngPerson: isYoungPerson(child.dateOfBirth, today),
		endsOn: endOfCompulsorySchoolAge(child.dateOfBirth),
		from: youngPersonFrom(child.dateOfBirth),
		defaults: {
			youngPersonEmail: child.youngPersonEmail,
			capacity: child.youngPersonLacksCapacity ? 'LACKS' : 'HAS',
			parentCopy: child.youngPersonLacksCapacity ? undefined : child.youngPersonParentCopyAgreedOn ? 'yes' : 'no',
			parentCopyAgreedOn: dateParts(child.youngPersonParentCopyAgreedOn),
			representativeRole: isRepresentativeRole(child.representativeRole) ? child.representativeRole : undefined,
			representativeName: child.representativeName,
			representativeEmail: child.representativeEmail,
		},
	}
}

export async function action({ request, params }: Route.ActionArgs) {
	const user = await access(request, params.childId, false)
	const submission = parseWithZod(await readForm(request), { schema: YoungPersonSchema })
	if (submission.status !== 'success') return data({ result: submission.reply() }, { status: 400 })
	const v = submission.value
	const agreedOn = v.capacity === 'HAS' && v.parentCopy === 'yes' ? v.parentCopyAgreedOn! : null
	if (agreedOn && isAfter(agreedOn, todayInLondon(new Date())))
		return data(
			{ result: submission.reply({ fieldErrors: { parentCopyAgreedOn: ['The date they agreed must be today or in the past'] } }) },
			{ status: 400 },
		)
	await recordYoungPerson(request, user, params.childId, {
		youngPersonEmail: v.youngPersonEmail ?? '',
		parentCopyAgreedOn: agreedOn,
		lacksCapacity: v.capacity === 'LACKS',
		representative:
			v.capacity === 'LACKS' && v.representativeRole
				? { role: v.representativeRole, name: v.representativeName ?? '', email: v.representativeEmail ?? '' }
				: null,
	})
	throw redirect(`/children/${params.childId}#young-person`)
}

export default function YoungPersonRights() {
	const { child, youngPerson, endsOn, from, defaults } = useLoaderData<typeof loader>()
	const actionData = useActionData<typeof action>()
	const [form, fields] = useGovukForm({ id: 'young-person', schema: YoungPersonSchema, lastResult: actionData?.result, defaultValue: defaults })
	const errors = summaryErrors(form.id, form.allErrors, [
		'youngPersonEmail',
		'capacity',
		'parentCopy',
		'parentCopyAgreedOn',
		'representativeRole',
		'representativeName',
		'representativeEmail',
	])
	const title = 'Letters to the young person'
	return (
		<div className="govuk-grid-row">
			<div className="govuk-grid-column-two-thirds">
				<PageTitle title={`${title}: ${child.name}`} error={errors.length > 0} />
				<a href={`/children/${child.id}`} className="govuk-back-link">
					Back to {child.name}
				</a>
				<ErrorSummary errors={errors} />
				<span className="govuk-caption-l">{child.name}</span>
				<h1 className="govuk-heading-l">{title}</h1>
				<p className="govuk-body">
					{youngPerson
						? `${child.firstName} has been a young person since ${formatDate(from)}, the day after compulsory school age ended. The decisions about their EHC plan are theirs, and the council’s letters go to them, not to their parent.`
						: `${child.firstName} becomes a young person on ${formatDate(from)}, the day after compulsory school age ends (${formatDate(endsOn)}, the last Friday in June of Year 11). Until then letters go to their parent. What you record here applies from that day.`}
				</p>
				<Form method="post" {...getFormProps(form)}>
					<EmailField
						field={fields.youngPersonEmail}
						label={`${child.firstName}’s email address (optional)`}
						hint="Letters are emailed here once they are a young person. With none, their letters must be posted to them."
					/>
					<ConditionalRadios
						field={fields.capacity}
						legend={`Can ${child.firstName} make decisions about their EHC plan themselves?`}
						hint="A young person who lacks the mental capacity to make these decisions (Mental Capacity Act 2005) has someone who acts for them."
						options={[
							{
								value: 'HAS',
								label: `Yes, ${child.firstName} makes their own decisions`,
								reveal: (
									<>
										<Radios
											small
											legendClass="govuk-fieldset__legend--s"
											field={fields.parentCopy}
											legend={`Has ${child.firstName} agreed that their parent is sent copies of their letters?`}
											hint={`Without their agreement, ${child.parentName || 'their parent'} gets no copy.`}
											options={[
												{ value: 'yes', label: 'Yes' },
												{ value: 'no', label: 'No' },
											]}
										/>
										<DateField
											field={fields.parentCopyAgreedOn}
											legend="When did they agree?"
											hint="Only if they agreed. For example, 27 3 2027"
										/>
									</>
								),
							},
							{
								value: 'LACKS',
								label: `No, someone acts for ${child.firstName}`,
								hint: 'SEND Regulations 2014, regulation 64',
								reveal: (
									<>
										<Radios
											small
											legendClass="govuk-fieldset__legend--s"
											field={fields.representativeRole}
											legend="Who acts for them?"
											options={REPRESENTATIVE_ROLES.map((role) => ({ value: role, label: REPRESENTATIVE_ROLE_LABELS[role] }))}
										/>
										<TextField
											field={fields.representativeName}
											label="Their name"
											hint={`If their parent acts for them, leave blank to use the parent on ${child.firstName}’s record${child.parentName ? ` (${child.parentName})` : ''}.`}
										/>
										<EmailField
											field={fields.representativeEmail}
											label="Their email address (optional)"
											hint="With none, the letters must be posted to them. If their parent acts for them and you left their name blank, the parent’s email address is used."
										/>
									</>
								),
							},
						]}
					/>
					<Button>Save</Button>
				</Form>
			</div>
		</div>
	)
}
