// Parsing a form on the server, after readForm (app/utils/request-limits.server.ts) has bounded it: what the
// pages' forms never send is refused or left out here, so that a crafted form gets a 400 rather than a 500
// (issue 10; found by tests/integration/fuzz-actions.test.ts, bench/results/fuzz.md).
import { parseWithZod } from '@conform-to/zod/v4'
import { badRequest } from '#app/utils/request-limits.server.ts'

/**
 * conform's own control fields. It reads them as JSON before any schema sees the form, so a bad one threw (a
 * 500), and an "update" intent names a field by path, past readForm's index limit: `outcomes[100000000]` built
 * an array of a hundred million entries. The service's forms work without JavaScript and send neither.
 */
const CONTROL_FIELDS = ['__intent__', '__state__']

/**
 * The names every object has (toString, valueOf, hasOwnProperty...). `reason.toString=x` made the answer an object
 * whose toString is text, and React threw drawing it back in the field (a 500); no field of the service has one.
 */
const OBJECT_NAMES = new Set(Object.getOwnPropertyNames(Object.prototype))

/**
 * Throws a 400 for a form no page of the service sends: one with conform's control fields, a field name with a
 * part every object already has, or a NUL character in a value (no keyboard types one, and PostgreSQL cannot
 * store one in text: it failed the query).
 */
export function assertReadable(formData: FormData): FormData {
	if (CONTROL_FIELDS.some((name) => formData.has(name))) throw badRequest()
	for (const [name, value] of formData) {
		if (pathOf(name)?.some((part) => typeof part === 'string' && OBJECT_NAMES.has(part))) throw badRequest()
		if (typeof value === 'string' && value.includes('\0')) throw badRequest()
	}
	return formData
}

/** parseWithZod for a form posted to an action, once assertReadable has passed it. */
export const parseForm = ((formData: FormData, options: Parameters<typeof parseWithZod>[1]) => parseWithZod(assertReadable(formData), options)) as typeof parseWithZod

/** The message for a form whose rows or hidden fields do not match the page it came from. */
export const FORM_MISMATCH = 'The form did not match this page. Check your answers and try again'

/**
 * A field name's path as conform reads it (`a.b[0].c` is a, b, 0, c; a leading or single dot between parts is
 * allowed), or null for a name conform ignores.
 */
function pathOf(name: string): Array<string | number> | null {
	const path: Array<string | number> = []
	let last = 0
	for (const match of name.matchAll(/([^.[\]]+)|\[(\d*)\]/g)) {
		if (match.index !== last && !(match.index === last + 1 && name[last] === '.')) return null
		path.push(match[1] ?? (match[2] === '' ? '' : Number(match[2])))
		last = match.index + match[0].length
	}
	return last === name.length ? path : null
}

/**
 * A list whose rows the page draws one per record (the plan's outcomes, the review's invitees, the school's
 * proposals) or a fixed number of (the meeting's invitee rows) can only come back as `list[i].field` with `i`
 * below that number. Anything else conform would read into the list (a row past the last, `list=x`, `list.a=x`)
 * would come back in the reply as rows the page cannot draw (it threw drawing them: a 500), so it is left out,
 * and `mismatch` says the form had some.
 */
export function withinRows(formData: FormData, list: string, rows: number): { formData: FormData; mismatch: boolean } {
	const kept = new FormData()
	let mismatch = false
	for (const [name, value] of formData) {
		const path = pathOf(name)
		if (path?.[0] === list) {
			const [, index, field, ...deeper] = path
			if (typeof index !== 'number' || index >= rows || typeof field !== 'string' || field === '' || deeper.length) {
				mismatch = true
				continue
			}
		}
		kept.append(name, value)
	}
	return { formData: kept, mismatch }
}
