import { getFormProps, useForm, type SubmissionResult } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod/v4'
import { useEffect } from 'react'
import { Form } from 'react-router'
import { z } from 'zod'
import { Button, DateField, EmailField, ErrorSummary, Select, summaryErrors, TextField } from '#app/components/forms.tsx'
import { PageTitle } from '#app/components/page.tsx'
import { INVITEE_ROLE_LABELS, INVITEE_ROLES, MAX_INVITEES, ScheduleSchema } from '#app/domain/review-parts.ts'

type DateParts = { day: string; month: string; year: string }
export type ScheduleDefaults = {
	meetingOn?: DateParts
	meetingTime?: string
	meetingPlace?: string
	invitees: Array<{ role: string; name: string; email: string }>
	invitationsSentOn?: DateParts
	adviceCirculatedOn?: DateParts
}
/** The form drawn again by the server after "Add another person" or "Remove" (app/routes/schedule-form.server.ts). */
export type ScheduleRedraw = { id: string; values: Record<string, unknown>; focus: string }

const ROLE_OPTIONS = INVITEE_ROLES.map((value) => ({ value, label: INVITEE_ROLE_LABELS[value] }))
const AnyForm = z.any()

/**
 * The meeting's date, time, place and invitees: the same form to schedule and to reschedule. A row is added or
 * removed by the server (the buttons submit the form), so the page works without JavaScript; the form is drawn
 * afresh (its key) with what was typed.
 */
type Props = {
	/** The page's title: it starts "Error: " while the form shows errors, from the server or checked in the browser. */
	title: string
	lastResult?: SubmissionResult<string[]> | null
	redraw?: ScheduleRedraw
	defaults: ScheduleDefaults
	submitLabel: string
}

export function ScheduleForm(props: Props) {
	return <ScheduleFields key={props.redraw?.id ?? 'form'} {...props} />
}

function ScheduleFields({ title, lastResult, redraw, defaults, submitLabel }: Props) {
	// conform keys the rows from the default value: after a refused save it is what was sent, so every row drawn has a key.
	const start = redraw?.values ??
		(lastResult?.initialValue as Record<string, unknown> | undefined) ?? {
			...defaults,
			invitees: defaults.invitees.length ? defaults.invitees : [{ role: '', name: '', email: '' }],
		}
	const [form, fields] = useForm({
		id: 'schedule',
		lastResult,
		defaultValue: start as z.input<typeof ScheduleSchema>,
		shouldValidate: 'onSubmit',
		shouldRevalidate: 'onInput',
		// Adding or removing a row is not saving: nothing is checked until the meeting is saved.
		onValidate: ({ formData, submitter }) =>
			submitter?.getAttribute('name') === 'intent'
				? parseWithZod(formData, { schema: ScheduleSchema.or(AnyForm) })
				: parseWithZod(formData, { schema: ScheduleSchema }),
	})
	const invitees = fields.invitees.getFieldList()
	// With JavaScript, the new row's first question (or, after a removal, the list's heading) takes focus.
	useEffect(() => {
		if (redraw) document.getElementById(redraw.focus)?.focus()
	}, [redraw])
	const listError = fields.invitees.errors?.[0]
	const errors = summaryErrors(form.id, form.allErrors, [
		'',
		'meetingOn',
		'meetingTime',
		'meetingPlace',
		'invitees',
		'invitationsSentOn',
		'adviceCirculatedOn',
	])
	return (
		<>
			<PageTitle title={title} error={errors.length > 0} />
			<ErrorSummary errors={errors} />
			<Form method="post" {...getFormProps(form)} noValidate>
				{/* Enter in a field saves: the first submit button is the form's default, and the rows' buttons come before the main one. */}
				<button type="submit" hidden tabIndex={-1}>
					{submitLabel}
				</button>
				<DateField field={fields.meetingOn} legend="Date of the review meeting" legendClass="govuk-fieldset__legend--m" hint="For example, 27 3 2027" />
				<TextField field={fields.meetingTime} label="Time of the meeting" hint="For example, 9:30am, 2pm or 14:30" width="govuk-input--width-10" />
				<TextField
					field={fields.meetingPlace}
					label="Where the meeting is held (optional)"
					hint="For example, the school, or online"
					width="govuk-!-width-two-thirds"
				/>
				<div className={`govuk-form-group${listError ? ' govuk-form-group--error' : ''}`} id={fields.invitees.id}>
					<h2 className="govuk-heading-m" id="schedule-invitees-heading" tabIndex={-1}>
						Who is invited
					</h2>
					<p className="govuk-body">
						Invite the parent or carer (or the young person), the school, the council, and the health and social care professionals who work with
						the child. Invitations must go out at least 2 weeks before the meeting.
					</p>
					{listError ? (
						<p id={`${fields.invitees.id}-error`} className="govuk-error-message">
							<span className="govuk-visually-hidden">Error:</span> {listError}
						</p>
					) : null}
					{invitees.map((row, i) => {
						const f = row.getFieldset()
						return (
							<fieldset className="govuk-fieldset govuk-!-margin-bottom-6" key={row.key}>
								<legend className="govuk-fieldset__legend govuk-fieldset__legend--s">Person {i + 1}</legend>
								<Select field={f.role} label="Who they are" options={ROLE_OPTIONS} placeholder="Select" />
								<TextField field={f.name} label="Name" width="govuk-input--width-20" autoComplete="off" />
								<EmailField field={f.email} label="Email address (optional)" width="govuk-input--width-20" />
								{invitees.length > 1 ? (
									<Button secondary name="intent" value={`remove-${i}`}>
										Remove<span className="govuk-visually-hidden"> person {i + 1}</span>
									</Button>
								) : null}
							</fieldset>
						)
					})}
					{invitees.length < MAX_INVITEES ? (
						<Button secondary name="intent" value="add">
							Add another person
						</Button>
					) : (
						<p className="govuk-body">You can invite up to {MAX_INVITEES} people to one meeting.</p>
					)}
				</div>
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
