import fs from 'node:fs'
import path from 'node:path'
import { expect, test } from 'vitest'
import { fieldNameProblem, FORM_LIMITS, readForm, UPLOAD_PATTERNS } from './request-limits.server.ts'

const post = (body: BodyInit, contentType: string | null, headers: Record<string, string> = {}) =>
	new Request('http://localhost/x', {
		method: 'POST',
		body,
		headers: { ...(contentType ? { 'content-type': contentType } : {}), ...headers },
		duplex: 'half',
	} as RequestInit)

async function statusOf(promise: Promise<unknown>): Promise<number> {
	try {
		await promise
		return 200
	} catch (thrown) {
		if (thrown instanceof Response) return thrown.status
		throw thrown
	}
}

test('field names: indices up to the bound pass; larger ones, huge numbers and long names do not', () => {
	expect(fieldNameProblem('invitees[0].name')).toBeNull()
	expect(fieldNameProblem(`outcomes[${FORM_LIMITS.maxIndex}].progress`)).toBeNull()
	expect(fieldNameProblem('choices[12].decision')).toBeNull()
	expect(fieldNameProblem('plain')).toBeNull()
	expect(fieldNameProblem('invitees[100000].name')).not.toBeNull()
	expect(fieldNameProblem(`outcomes[${FORM_LIMITS.maxIndex + 1}]`)).not.toBeNull()
	expect(fieldNameProblem('a[0].b[99999999999999999999]')).not.toBeNull()
	expect(fieldNameProblem('a[0001]')).not.toBeNull()
	expect(fieldNameProblem('x'.repeat(FORM_LIMITS.maxNameLength + 1))).not.toBeNull()
	// What no page sends: conform's control fields, and names with a part every object has.
	expect(fieldNameProblem('__intent__')).not.toBeNull()
	expect(fieldNameProblem('__state__')).not.toBeNull()
	expect(fieldNameProblem('reason.toString')).not.toBeNull()
	expect(fieldNameProblem('invitees[0].__proto__')).not.toBeNull()
	expect(fieldNameProblem('constructor')).not.toBeNull()
	expect(fieldNameProblem('intent')).toBeNull()
})

test('readForm refuses a NUL character in a value, URL-encoded or multipart', async () => {
	expect(await statusOf(readForm(post('reason=a%00b', 'application/x-www-form-urlencoded')))).toBe(400)
	const multipart = new FormData()
	multipart.set('reason', 'a\0b')
	expect(await statusOf(readForm(new Request('http://localhost/x', { method: 'POST', body: multipart })))).toBe(400)
	expect(await statusOf(readForm(post('__intent__=x', 'application/x-www-form-urlencoded')))).toBe(400)
})

test('readForm reads a URL-encoded form as FormData, and a request without a body as an empty form', async () => {
	const form = await readForm(post('a=1&b=two+words&b=%C3%A9', 'application/x-www-form-urlencoded;charset=UTF-8'))
	expect(form.get('a')).toBe('1')
	expect(form.getAll('b')).toEqual(['two words', 'é'])
	expect([...(await readForm(new Request('http://localhost/x', { method: 'POST' }))).keys()]).toEqual([])
})

test('readForm reads the text fields of a multipart form and leaves files out', async () => {
	const body = new FormData()
	body.set('title', 'A title')
	body.set('file', new File(['%PDF-1.7'], 'a.pdf', { type: 'application/pdf' }))
	const request = new Request('http://localhost/x', { method: 'POST', body })
	const form = await readForm(request)
	expect(form.get('title')).toBe('A title')
	expect(form.get('file')).toBeNull()
})

test('readForm refuses before parsing: 400 for out-of-range indices, 413 beyond the size or field count, 415 for other bodies', async () => {
	expect(await statusOf(readForm(post('invitees%5B100000%5D.name=x', 'application/x-www-form-urlencoded')))).toBe(400)
	const multipart = new FormData()
	multipart.set('invitees[100000].name', 'x')
	expect(await statusOf(readForm(new Request('http://localhost/x', { method: 'POST', body: multipart })))).toBe(400)
	expect(await statusOf(readForm(post(`a=${'x'.repeat(FORM_LIMITS.maxBytes)}`, 'application/x-www-form-urlencoded')))).toBe(413)
	const chunked = new ReadableStream({
		start(controller) {
			for (let i = 0; i < 3; i++) controller.enqueue(new TextEncoder().encode(`a${i}=${'x'.repeat(FORM_LIMITS.maxBytes / 2)}&`))
			controller.close()
		},
	})
	expect(await statusOf(readForm(post(chunked, 'application/x-www-form-urlencoded')))).toBe(413)
	expect(
		await statusOf(readForm(post(Array.from({ length: FORM_LIMITS.maxFields + 1 }, (_, i) => `f${i}=1`).join('&'), 'application/x-www-form-urlencoded'))),
	).toBe(413)
	expect(await statusOf(readForm(post('a=1', 'text/plain', { 'content-length': '3' })))).toBe(415)
	expect(await statusOf(readForm(post('{"a":1}', 'application/json', { 'content-length': '7' })))).toBe(415)
	expect(await statusOf(readForm(post('a=1', null, { 'content-length': '3' })))).toBe(415)
	expect(await statusOf(readForm(post('--B\r\nContent-Disposition: form-data; name="a"\r\n\r\nno end', 'multipart/form-data; boundary=B')))).toBe(400)
	expect(await statusOf(readForm(post('a=1', 'multipart/form-data', { 'content-length': '3' })))).toBe(415) // no boundary: not a form we can read
})

test('every route reads its form through readForm, never request.formData() (the limits are in one place)', () => {
	const routes = path.resolve(import.meta.dirname, '../routes')
	const offenders = fs
		.readdirSync(routes)
		.filter((file) => /\.tsx?$/.test(file))
		.filter((file) => /\brequest\.formData\(\)|\brequest\.(text|json|arrayBuffer)\(\)/.test(fs.readFileSync(path.join(routes, file), 'utf8')))
	expect(offenders).toEqual([])
})

test('every page whose form sends a file takes an upload-sized body, and no other page does', () => {
	const routes = [...fs.readFileSync('app/routes.ts', 'utf8').matchAll(/route\('([^']+)', '(routes\/[^']+)'/g)].map((m) => ({
		pattern: `/${m[1]}`,
		file: `app/${m[2]}`,
	}))
	const withFiles = routes.filter((r) => fs.readFileSync(r.file, 'utf8').includes('multipart/form-data')).map((r) => r.pattern)
	expect(withFiles.length).toBeGreaterThan(3)
	expect(new Set(withFiles)).toEqual(UPLOAD_PATTERNS)
})
