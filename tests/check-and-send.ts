// A statutory step through its check-before-sending page (issue 12 §1): the form is posted (nothing is sent),
// the check is read, then Send posts the fields the page carries with the digest it showed.
import { expect } from 'vitest'
import { dateFields, request, run } from '#tests/helpers.ts'

type RouteFn = (args: any) => unknown

/** The check-before-sending answer of a step's form: the letter's title, recipients and digest, and the fields it carries. */
export async function checkStep(action: RouteFn, path: string, cookie: string, form: Record<string, string>, params: Record<string, string>) {
	const result = (await run(action, request(path, { cookie, form }), params)) as any
	expect(result?.data?.check, `${path} answers with its check before sending`).toBeTruthy()
	return result.data as {
		check: { title: string; digest: string; recipients: Array<{ name: string; email: string; role: string }> }
		fields?: Array<[string, string]>
	}
}

/** Presses Send on a check-before-sending page: the fields it carries, intent=send and the digest it showed. */
export function send(action: RouteFn, path: string, cookie: string, checked: Awaited<ReturnType<typeof checkStep>>, params: Record<string, string>) {
	const form: Record<string, string[]> = {}
	for (const [name, value] of checked.fields ?? []) (form[name] ??= []).push(value)
	return run(action, request(path, { cookie, form: { ...form, intent: 'send', previewed: checked.check.digest } }), params)
}

/** The step's form, checked and sent: what Send answered. */
export async function checkAndSend(action: RouteFn, path: string, cookie: string, form: Record<string, string>, params: Record<string, string>) {
	return send(action, path, cookie, await checkStep(action, path, cookie, form, params), params)
}

/** The council's decision to amend the plan, typed as made on `decidedOn`: it sends no letter, so it is recorded at once. */
export function decideToAmend(action: RouteFn, reviewId: string, cookie: string, decidedOn: string, reasons = 'Needs have changed.') {
	const form = { outcome: 'AMEND', reasons, ...dateFields('decidedOn', decidedOn) }
	return run(action, request(`/council/reviews/${reviewId}/decision`, { cookie, form }), { reviewId })
}

/** The council's decision to keep the plan as it is, typed as made on `decidedOn`, checked and sent: what Send answered. */
export function decideToMaintain(action: RouteFn, reviewId: string, cookie: string, decidedOn: string, reasons = 'The plan still meets the needs.') {
	const form = { outcome: 'MAINTAIN', reasons, ...dateFields('decidedOn', decidedOn) }
	return checkAndSend(action, `/council/reviews/${reviewId}/decision`, cookie, form, { reviewId })
}
