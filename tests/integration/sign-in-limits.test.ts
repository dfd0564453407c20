// Sign-in limits that hold (docs/decisions/013): the address a limit counts is the one server.js worked out,
// never the X-Forwarded-For a client wrote; a per-address limit always applies; failed sign-ins across every
// account and address are limited a minute; and a burst of concurrent guesses is counted, not waved through.
import { beforeEach, expect, test } from 'vitest'
import { prisma } from '#app/db/db.server.ts'
import { env } from '#app/env.server.ts'
import * as signIn from '#app/routes/sign-in.tsx'
import { DEMO_PASSWORD } from '#prisma/seed-data.ts'
import { expectRedirect, request, run } from '#tests/helpers.ts'

const SENCO = 'senco@oakfield-primary.example.org'
const CASEWORKER = 'caseworker@kent.example.gov.uk'
const PER_ADDRESS = env.SIGN_IN_MAX_FAILURES * 10

beforeEach(async () => {
	await prisma.signInFailure.deleteMany({})
})

/** Posts the sign-in form; `address` is what server.js would have written into x-client-address. */
async function attempt(email: string, password: string, headers: { address?: string; forwardedFor?: string } = {}) {
	const sent = new Headers()
	if (headers.address) sent.set('x-client-address', headers.address)
	if (headers.forwardedFor) sent.set('x-forwarded-for', headers.forwardedFor)
	const result = (await run(signIn.action, request('/sign-in', { form: { email, password }, headers: sent }))) as any
	if (result instanceof Response) return { status: result.status, message: undefined, retryAfter: null, result }
	const headersOut = new Headers(result.init?.headers)
	return {
		status: result.init.status as number,
		message: result.data.result.error?.email?.[0] as string | undefined,
		retryAfter: headersOut.get('retry-after'),
		result,
	}
}

/** Failed sign-ins already recorded, as earlier attempts would have left them. */
async function recordFailures(count: number, row: (i: number) => { email?: string; ipAddress?: string; at?: Date }) {
	await prisma.signInFailure.createMany({
		data: Array.from({ length: count }, (_, i) => ({ email: `guess.${i}@nowhere.example`, ipAddress: `192.0.2.${i % 250}`, at: new Date(), ...row(i) })),
	})
}

test('a new X-Forwarded-For on every guess does not escape the address limit: the address is the socket’s', async () => {
	const address = '203.0.113.9'
	// Just below the limit, from one address with a different account (and, lately, forwarded address) each time.
	await recordFailures(PER_ADDRESS - 6, () => ({ ipAddress: address }))
	for (let i = 0; i < 5; i++) {
		const answer = await attempt(`sprayed.${i}@nowhere.example`, 'Summer2026!', { address, forwardedFor: `198.51.100.${i}` })
		expect(answer.status, `guess ${i}`).toBe(400)
	}
	// Below the limit a real user at that address still signs in, and that does not clear the address's count.
	expectRedirect((await attempt(SENCO, DEMO_PASSWORD, { address, forwardedFor: '198.51.100.250' })).result, '/')
	expect((await attempt('sprayed.last@nowhere.example', 'Summer2026!', { address, forwardedFor: '198.51.100.251' })).status).toBe(400)
	// At the limit: held back, even with a right password, whatever address the request claims.
	const held = await attempt(CASEWORKER, DEMO_PASSWORD, { address, forwardedFor: '198.51.100.252' })
	expect(held.status).toBe(429)
	expect(held.message).toBe(`There have been too many attempts to sign in. Wait ${env.SIGN_IN_WINDOW_MINUTES} minutes and try again`)
	expect(held.retryAfter).toBe(String(env.SIGN_IN_WINDOW_MINUTES * 60))
	expect(
		await prisma.auditEvent.count({ where: { action: 'auth.sign_in_throttled', details: `${CASEWORKER}: per address limit`, ipAddress: address } }),
	).toBe(1)
	// Held-back attempts are not counted as failures.
	expect(await prisma.signInFailure.count({ where: { ipAddress: address } })).toBe(PER_ADDRESS)
	// Another address is not held up.
	expectRedirect((await attempt(CASEWORKER, DEMO_PASSWORD, { address: '198.51.100.2' })).result, '/')
})

test('without an address from server.js, requests share the "unknown" address’s limit rather than having none', async () => {
	await recordFailures(PER_ADDRESS - 1, () => ({ ipAddress: 'unknown' }))
	expect((await attempt('one.more@nowhere.example', 'x', { forwardedFor: '198.51.100.1' })).status).toBe(400)
	expect((await attempt('another@nowhere.example', 'x', { forwardedFor: '198.51.100.2' })).status).toBe(429)
	expect((await attempt(SENCO, DEMO_PASSWORD)).status).toBe(429)
	expect(await prisma.signInFailure.count({ where: { ipAddress: 'unknown' } })).toBe(PER_ADDRESS)
})

test('IPv6 addresses are limited by their /64, so a home or office cannot step to a neighbouring address', async () => {
	await recordFailures(PER_ADDRESS - 1, () => ({ ipAddress: '2001:db8:1:2::/64' }))
	expect((await attempt('v6.guess@nowhere.example', 'x', { address: '2001:db8:1:2::99' })).status).toBe(400)
	expect((await attempt('v6.next@nowhere.example', 'x', { address: '2001:db8:1:2:ffff:ffff:ffff:1' })).status).toBe(429)
	expectRedirect((await attempt(SENCO, DEMO_PASSWORD, { address: '2001:db8:1:3::1' })).result, '/')
})

test('failed sign-ins across all accounts and addresses are limited a minute, then sign-in works again', async () => {
	const max = env.SIGN_IN_GLOBAL_MAX_PER_MINUTE
	// A spray from many addresses at many accounts, each well inside its own limits.
	await recordFailures(max - 2, (i) => ({ ipAddress: `198.18.${Math.floor(i / 250)}.${i % 250}` }))
	for (const i of [1, 2]) expect((await attempt(`spray.${i}@nowhere.example`, 'Winter2026!', { address: `198.19.0.${i}` })).status).toBe(400)
	const held = await attempt(SENCO, DEMO_PASSWORD, { address: '198.19.1.1' })
	expect(held.status).toBe(429)
	expect(held.message).toBe('There have been too many attempts to sign in to this service. Wait 1 minute and try again')
	expect(held.retryAfter).toBe('60')
	expect(await prisma.auditEvent.count({ where: { action: 'auth.sign_in_throttled', details: `${SENCO}: all sign-ins limit` } })).toBe(1)
	// A minute later the same sign-in works.
	await prisma.signInFailure.updateMany({ data: { at: new Date(Date.now() - 61 * 1000) } })
	expectRedirect((await attempt(SENCO, DEMO_PASSWORD, { address: '198.19.1.1' })).result, '/')
})

test('the account limit gives one message, for an account that exists and one that does not', async () => {
	for (const email of [SENCO, 'nobody.here@nowhere.example']) {
		for (let i = 0; i < env.SIGN_IN_MAX_FAILURES; i++) expect((await attempt(email, `wrong-${i}`, { address: `203.0.113.${100 + i}` })).status).toBe(400)
	}
	const known = await attempt(SENCO, DEMO_PASSWORD, { address: '203.0.113.200' })
	const unknown = await attempt('nobody.here@nowhere.example', DEMO_PASSWORD, { address: '203.0.113.201' })
	expect(known.status).toBe(429)
	expect(unknown.status).toBe(429)
	expect(known.message).toBe(unknown.message)
	expect(known.retryAfter).toBe(unknown.retryAfter)
	// Another account below its limit still signs in from the same addresses.
	expectRedirect((await attempt(CASEWORKER, DEMO_PASSWORD, { address: '203.0.113.100' })).result, '/')
})

test('a burst of concurrent guesses at one account gets no more checked passwords than the limit', async () => {
	const email = 'senco@highfield-academy.example.org'
	const answers = await Promise.all(Array.from({ length: 30 }, (_, i) => attempt(email, `burst-${i}`, { address: `203.0.113.${i}` })))
	const checked = answers.filter((a) => a.status === 400).length
	expect(checked).toBeLessThanOrEqual(env.SIGN_IN_MAX_FAILURES)
	expect(answers.filter((a) => a.status === 429)).toHaveLength(30 - checked)
	expect(await prisma.signInFailure.count({ where: { email } })).toBe(checked)
	expect(await prisma.auditEvent.count({ where: { action: 'auth.sign_in_failed', details: email } })).toBe(checked)
})
