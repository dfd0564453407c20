import { getFormProps, type SubmissionResult } from '@conform-to/react'
import { Form } from 'react-router'
import { Button, DateField, EmailField, ErrorSummary, Select, summaryErrors, TextField, useGovukForm } from '#app/components/forms.tsx'
import { INVITEE_ROLE_LABELS, INVITEE_ROLES, INVITEE_ROWS, ScheduleSchema } from '#app/domain/review-parts.ts'

export type ScheduleDefaults = {
	meetingOn?: { day: string; month: string; year: string }
	meetingTime?: string
	meetingPlace?: string
	invitees: Array<{ role: string; name: string; email: string }>
	invitationsSentOn?: { day: string; month: string; year: string }
	adviceCirculatedOn?: { day: string; month: string; year: string }
}

const ROLE_OPTIONS = INVITEE_ROLES.map((value) => ({ value, label: INVITEE_ROLE_LABELS[value] }))

/** The meeting's date, time, place and invitees: the same form to schedule and to reschedule. */
export function ScheduleForm({
	lastResult,
	defaults,
	submitLabel,
}: {
	lastResult?: SubmissionResult<string[]> | null
	defaults: ScheduleDefaults
	submitLabel: string
}) {
	const rows = Array.from({ length: INVITEE_ROWS }, (_, i) => defaults.invitees[i] ?? { role: '', name: '', email: '' })
	const [form, fields] = useGovukForm({ id: 'schedule', schema: ScheduleSchema, lastResult, defaultValue: { ...defaults, invitees: rows } })
	const invitees = fields.invitees.getFieldList()
	return (
		<>
			<ErrorSummary
				errors={summaryErrors(form.id, form.allErrors, [
					'meetingOn',
					'meetingTime',
					'meetingPlace',
					'invitees',
					'invitationsSentOn',
					'adviceCirculatedOn',
				])}
			/>
			<Form method="post" {...getFormProps(form)} noValidate>
				<DateField field={fields.meetingOn} legend="Date of the review meeting" legendClass="govuk-fieldset__legend--m" hint="For example, 27 3 2027" />
				<TextField field={fields.meetingTime} label="Time of the meeting" hint="On a 24-hour clock, for example 14:30" width="govuk-input--width-5" />
				<TextField
					field={fields.meetingPlace}
					label="Where the meeting is held (optional)"
					hint="For example, the school, or online"
					width="govuk-!-width-two-thirds"
				/>
				<h2 className="govuk-heading-m">Who is invited</h2>
				<p className="govuk-body">
					Invite the parent or carer (or the young person), the school, the council, and the health and social care professionals who work with the
					child. Invitations must go out at least 2 weeks before the meeting. Leave rows you do not need empty.
				</p>
				{invitees.map((row, i) => {
					const f = row.getFieldset()
					return (
						<fieldset className="govuk-fieldset govuk-!-margin-bottom-6" key={row.key}>
							<legend className="govuk-fieldset__legend govuk-fieldset__legend--s">Invitee {i + 1}</legend>
							<Select field={f.role} label="Who they are" options={ROLE_OPTIONS} placeholder="Select" />
							<TextField field={f.name} label="Name" width="govuk-input--width-20" autoComplete="off" />
							<EmailField field={f.email} label="Email address (optional)" width="govuk-input--width-20" />
						</fieldset>
					)
				})}
				<h2 className="govuk-heading-m">Invitations and advice</h2>
				<p className="govuk-body">
					The invitations, and the advice and information from everyone invited, must be sent to all of them at least 2 weeks before the meeting.
					Record the dates when they have gone; leave them blank until then.
				</p>
				<DateField
					field={fields.invitationsSentOn}
					legend="Invitations sent (optional)"
					legendClass="govuk-fieldset__legend--s"
					hint="For example, 13 3 2027"
				/>
				<DateField
					field={fields.adviceCirculatedOn}
					legend="Advice and information sent to everyone invited (optional)"
					legendClass="govuk-fieldset__legend--s"
					hint="For example, 13 3 2027"
				/>
				<Button>{submitLabel}</Button>
			</Form>
		</>
	)
}
