// Fitting a form to the page it came from, after readForm (app/http/request-limits.server.ts) has bounded it and
// refused what no page sends: rows the page did not draw are left out here, so that a crafted form gets a 400
// rather than a 500 (issue 10; found by tests/integration/fuzz-actions.test.ts, bench/results/fuzz.md).

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
