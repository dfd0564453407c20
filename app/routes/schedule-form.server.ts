// The schedule form's action, shared by scheduling a new review (review-new.tsx) and changing the meeting
// (review-meeting.tsx). The invitees are GOV.UK "add another" rows that work without JavaScript: "Add another
// person" and each row's "Remove" are submit buttons (`intent`), and the server draws the form again with one row
// more or less, keeping everything typed. Only "save" (the main button, or Enter in a field) is validated.
import type { SubmissionResult } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod/v4'
import type { ScheduleRedraw } from '#app/components/schedule-form.tsx'
import { MAX_INVITEES, ScheduleSchema, type ScheduleValue } from '#app/domain/review-parts.ts'
import { FORM_MISMATCH, withinRows } from '#app/http/forms.server.ts'
import { FORM_LIMITS, readForm } from '#app/http/request-limits.server.ts'

type Row = { role: string; name: string; email: string }

const blankRow = (): Row => ({ role: '', name: '', email: '' })
const text = (value: unknown) => (typeof value === 'string' ? value : '')

/** The rows as typed (a row the browser left out, or one with odd values, comes back blank). */
function rowsOf(payload: Record<string, unknown>): Row[] {
	const list = Array.isArray(payload.invitees) ? (payload.invitees as unknown[]) : []
	return Array.from(list, (row) => {
		const r = (row && typeof row === 'object' ? row : {}) as Record<string, unknown>
		return { role: text(r.role), name: text(r.name), email: text(r.email) }
	})
}

/**
 * Reads the schedule form: the meeting to save, the form drawn again with a row added or removed, or the
 * reply with the errors. Rows up to the form's index limit are read, so a form with more people than a meeting
 * can invite (MAX_INVITEES) gets the schema's clear message rather than a mismatch.
 */
export async function readScheduleForm(
	request: Request,
): Promise<{ value: ScheduleValue } | { status: number; page: { result?: SubmissionResult<string[]>; redraw?: ScheduleRedraw } }> {
	const within = withinRows(await readForm(request), 'invitees', FORM_LIMITS.maxIndex + 1)
	const { mismatch } = within
	const formData = denseRows(within.formData)
	const intent = formData.get('intent') ?? 'save'
	formData.delete('intent')
	const submission = parseWithZod(formData, { schema: ScheduleSchema })
	if (mismatch) return { status: 400, page: { result: submission.reply({ formErrors: [FORM_MISMATCH] }) } }
	if (intent !== 'save') {
		const payload = (submission.payload ?? {}) as Record<string, unknown>
		const rows = rowsOf(payload)
		const removing = typeof intent === 'string' ? /^remove-(\d{1,3})$/.exec(intent) : null
		if (intent === 'add') {
			if (rows.length >= MAX_INVITEES) {
				const message = `You can invite up to ${MAX_INVITEES} people to one meeting`
				return { status: 400, page: { result: submission.reply({ fieldErrors: { invitees: [message] } }) } }
			}
			rows.push(blankRow())
			return { status: 200, page: { redraw: redraw(payload, rows, `schedule-invitees[${rows.length - 1}].role`) } }
		}
		if (removing && Number(removing[1]) < rows.length) {
			rows.splice(Number(removing[1]), 1)
			if (!rows.length) rows.push(blankRow())
			return { status: 200, page: { redraw: redraw(payload, rows, 'schedule-invitees-heading') } }
		}
		return { status: 400, page: { result: submission.reply({ formErrors: [FORM_MISMATCH] }) } }
	}
	if (submission.status !== 'success') return { status: 400, page: { result: submission.reply() } }
	return { value: submission.value }
}

function redraw(payload: Record<string, unknown>, rows: Row[], focus: string): ScheduleRedraw {
	return { id: crypto.randomUUID(), values: { ...payload, invitees: rows }, focus }
}

/** A row's field name as conform reads it (`invitees[2].name`, also with a leading dot or a dot before the index). */
const ROW = /^\.?invitees\.?\[(\d+)\]/

/** The rows numbered 0, 1, 2... in their order: a form with gaps (`invitees[30]` alone) would draw rows with no key. */
function denseRows(formData: FormData): FormData {
	const indices = [...new Set([...formData.keys()].flatMap((name) => ROW.exec(name)?.[1] ?? []).map(Number))].sort((a, b) => a - b)
	const dense = new Map(indices.map((index, i) => [index, i]))
	const out = new FormData()
	for (const [name, value] of formData)
		out.append(
			name.replace(ROW, (_, i: string) => `invitees[${dense.get(Number(i))}]`),
			value,
		)
	return out
}
