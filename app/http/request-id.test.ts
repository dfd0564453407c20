import { expect, test } from 'vitest'
import { assignRequestId, requestIdFrom } from './request-id.server.js'

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/

test("a proxy's request id is kept when it is a short plain token", () => {
	for (const id of ['0f8fad5b-d9cb-469f-a165-70867728950e', 'Root=1-67891233-abcdef012345678912345678', 'abc', 'a', 'req_42.7:x+y/z', 'x'.repeat(64)])
		expect(requestIdFrom(id)).toBe(id)
})

test('anything else gets a new random id', () => {
	for (const header of [
		undefined,
		null,
		'',
		' abc',
		'abc def',
		'-starts-with-a-dash',
		'x'.repeat(65),
		'line\nbreak',
		'{"json":true}',
		'<script>',
		'caf\u00e9',
		['one', 'two'],
	]) {
		const id = requestIdFrom(header)
		expect(id, JSON.stringify(header)).toMatch(UUID)
	}
	expect(requestIdFrom(undefined)).not.toBe(requestIdFrom(undefined))
})

test('the request carries the id it was logged with, and the response echoes it', () => {
	const request = { headers: { 'x-request-id': 'bad id' } as Record<string, string> } as Parameters<typeof assignRequestId>[0]
	const headers = new Map<string, string>()
	const response = { setHeader: (name: string, value: string) => headers.set(name, value) } as unknown as Parameters<typeof assignRequestId>[1]
	let called = false
	assignRequestId(request, response, () => (called = true))
	expect(called).toBe(true)
	expect(request.headers['x-request-id']).toMatch(UUID)
	expect(request.id).toBe(request.headers['x-request-id'])
	expect(headers.get('X-Request-Id')).toBe(request.id)
})
