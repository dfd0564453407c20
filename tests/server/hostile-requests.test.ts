// Small hostile requests against the built server with its workers (issue 10): each gets a clear 4xx, and the
// worker that took it is still the one serving afterwards.
import { createHash } from 'node:crypto'
import http from 'node:http'
import { afterAll, beforeAll, expect, test } from 'vitest'
import { signIn, startServer, workerPids, type TestServer } from './server.ts'

let server: TestServer
let cookie: string
let draftId: string
let noticeReviewId: string

beforeAll(async () => {
	server = await startServer({ port: 3101 })
	cookie = await signIn(server, 'senco@oakfield-primary.example.org')
	const draft = await server.prisma.annualReview.findFirstOrThrow({
		where: { status: 'DRAFT', child: { school: { name: 'Oakfield Primary School' } } },
		select: { id: true },
	})
	draftId = draft.id
	const decided = await server.prisma.annualReview.findFirstOrThrow({
		where: { status: 'DECISION_MADE', decision: { outcome: 'AMEND' } },
		select: { id: true },
	})
	noticeReviewId = decided.id
})
afterAll(() => server?.stop())

function post(path: string, body: BodyInit | null, headers: Record<string, string>, as = cookie) {
	return fetch(`${server.url}${path}`, { method: 'POST', redirect: 'manual', headers: { cookie: as, origin: server.url, ...headers }, body })
}
const form = { 'content-type': 'application/x-www-form-urlencoded' }

/**
 * A POST on a connection of its own, for bodies the server refuses before reading them all: the server then closes
 * the connection, and a pooled client could pick it again for the next request. Answers the status, or 0 when the
 * connection was closed before any answer.
 */
function postAlone(path: string, body: string, headers: Record<string, string>) {
	return new Promise<number>((resolve) => {
		const req = http.request(`${server.url}${path}`, { method: 'POST', agent: false, headers: { cookie, origin: server.url, ...headers } })
		req.on('response', (response) => {
			resolve(response.statusCode ?? 0)
			req.destroy()
		})
		req.on('error', () => resolve(0))
		req.end(body)
	})
}

test('the 27-byte sparse index and a ten-million index get 400, and the workers stay up', async () => {
	const before = workerPids(server)
	expect(before).toHaveLength(2)
	for (const body of ['invitees%5B100000%5D.name=x', 'invitees%5B10000000%5D.name=x', 'invitees[99999999999999999999].name=x']) {
		// Enough requests that both workers take some (the kernel spreads connections between them).
		const statuses = await Promise.all(Array.from({ length: 6 }, () => post(`/reviews/${draftId}/meeting`, body, form).then((r) => r.status)))
		expect(statuses).toEqual(Array(6).fill(400))
	}
	expect((await fetch(`${server.url}/healthz`)).status).toBe(200)
	expect(workerPids(server)).toEqual(before)
})

test('the same indices in a multipart body get 400', async () => {
	const body = new FormData()
	body.set('invitees[100000].name', 'x')
	const response = await fetch(`${server.url}/reviews/${draftId}/meeting`, {
		method: 'POST',
		redirect: 'manual',
		headers: { cookie, origin: server.url },
		body,
	})
	expect(response.status).toBe(400)
})

test('bodies that are not forms get 415 with the service’s error page; broken multipart gets 400', async () => {
	const plain = await post(`/reviews/${draftId}/meeting`, 'invitees=x', { 'content-type': 'text/plain' })
	expect(plain.status).toBe(415)
	expect(await plain.text()).toContain('There is a problem with your request')
	expect((await post(`/reviews/${draftId}/check`, '{"a":1}', { 'content-type': 'application/json' })).status).toBe(415)
	expect((await post('/sign-out', 'x', { 'content-type': 'text/plain' })).status).toBe(415)
	const broken = await post(`/reviews/${draftId}/evidence`, '--XYZ\r\nContent-Disposition: form-data; name="title"\r\n\r\nhalf a part', {
		'content-type': 'multipart/form-data; boundary=XYZ',
	})
	expect(broken.status).toBe(400)
	const brokenText = await post(`/reviews/${draftId}/meeting`, '--XYZ\r\nContent-Disposition: form-data; name="title"\r\n\r\nno end', {
		'content-type': 'multipart/form-data; boundary=XYZ',
	})
	expect(brokenText.status).toBe(400)
})

test('a form beyond the size or field limits gets 413, checked before it is read', async () => {
	// Chunked, so that only reading tells the size.
	const big = await postAlone(`/reviews/${draftId}/meeting`, `notes=${'x'.repeat(2 * 1024 * 1024)}`, { ...form, 'transfer-encoding': 'chunked' })
	expect(big).toBe(413)
	const many = await postAlone(`/reviews/${draftId}/meeting`, Array.from({ length: 1500 }, (_, i) => `f${i}=x`).join('&'), form)
	expect(many).toBe(413)
	// A declared length beyond the limit is refused from the headers alone.
	const declared = await postAlone(`/reviews/${draftId}/meeting`, 'a=b', { ...form, 'content-length': String(50 * 1024 * 1024) })
	expect(declared).toBe(413)
})

test('a form posted from another site is refused on pages and resource routes alike', async () => {
	const signOut = await post('/sign-out', '', form, cookie)
	expect(signOut.status).toBe(302) // same origin: signs out
	const fresh = await signIn(server, 'senco@oakfield-primary.example.org')
	const crossSite = await fetch(`${server.url}/sign-out`, {
		method: 'POST',
		redirect: 'manual',
		headers: { cookie: fresh, origin: 'https://evil.example', ...form },
		body: '',
	})
	expect(crossSite.status).toBe(403)
	// The session survived the cross-site attempt.
	const page = await fetch(`${server.url}/school`, { redirect: 'manual', headers: { cookie: fresh } })
	expect(page.status).toBe(200)
	cookie = fresh
})

test('malformed values in the review and notice forms get 4xx, never 500', async () => {
	expect((await post(`/reviews/${draftId}/check`, 'lockVersion=abc', form)).status).toBeLessThan(500)
	expect((await post(`/reviews/${draftId}/parts/outcomes`, 'outcomes%5B150%5D.progress=ACHIEVED&version=0', form)).status).toBeLessThan(500)
	const caseworker = await signIn(server, 'caseworker@kent.example.gov.uk')
	expect(
		(await post(`/council/reviews/${noticeReviewId}/notice`, 'choices%5B150%5D.decision=EDITED&choices%5B150%5D.wording=x&intent=issue', form, caseworker))
			.status,
	).toBeLessThan(500)
	expect(
		(
			await post(
				`/council/reviews/${noticeReviewId}/notice`,
				'choices%5B3%5D.proposalId=nope&choices%5B3%5D.decision=ACCEPTED&newSection=ZZ',
				form,
				caseworker,
			)
		).status,
	).toBeLessThan(500)
})

test('a redirect after sign-in never carries control characters or leaves the site', async () => {
	for (const to of ['/\t/evil.example', '/\r\nSet-Cookie: x=y', '//evil.example', '/\\evil.example', 'https://evil.example']) {
		const response = await fetch(`${server.url}/sign-in`, {
			method: 'POST',
			redirect: 'manual',
			headers: { ...form, origin: server.url },
			body: new URLSearchParams({ email: 'senco@oakfield-primary.example.org', password: 'Annual-Review-2026', redirectTo: to }),
		})
		expect(response.status, to).toBe(302)
		expect(response.headers.get('location'), to).toBe('/')
	}
})

test('every kind of response carries the security headers: pages, errors, data, downloads, feeds, refusals', async () => {
	const key = 'A'.repeat(43) // the shape of a real key: 32 random bytes in base64url
	await server.prisma.user.update({
		where: { email: 'caseworker@kent.example.gov.uk' },
		data: { calendarKey: createHash('sha256').update(key).digest('hex') },
	})
	const medway = await signIn(server, 'senco@medway-school.example.org')
	const responses: Record<string, Response> = {
		page: await fetch(`${server.url}/school`, { headers: { cookie } }),
		notFound: await fetch(`${server.url}/no-such-page`, { headers: { cookie } }),
		data: await fetch(`${server.url}/school.data`, { headers: { cookie } }),
		pdf: await fetch(`${server.url}/reviews/${draftId}/record.pdf`, { headers: { cookie } }),
		otherSchoolsPdf: await fetch(`${server.url}/reviews/${draftId}/record.pdf`, { headers: { cookie: medway } }),
		feed: await fetch(`${server.url}/calendar/${key}.ics`),
		signedOut: await fetch(`${server.url}/sign-in`),
		refused415: await post(`/reviews/${draftId}/meeting`, 'x', { 'content-type': 'text/plain' }),
		refused403: await fetch(`${server.url}/sign-out`, {
			method: 'POST',
			redirect: 'manual',
			headers: { origin: 'https://evil.example', ...form },
			body: '',
		}),
		redirect: await fetch(`${server.url}/caseload`, { redirect: 'manual' }),
		health: await fetch(`${server.url}/healthz`),
		favicon: await fetch(`${server.url}/favicon.svg`),
		asset: await fetch(
			`${server.url}${/"(\/assets\/[^"]+\.(?:js|css))"/.exec(await (await fetch(`${server.url}/sign-in`)).text())?.[1] ?? '/assets/missing.js'}`,
		),
	}
	expect(responses.asset.status).toBe(200)
	expect(responses.feed.status).toBe(200)
	expect(responses.otherSchoolsPdf.status).toBe(403)
	for (const [kind, response] of Object.entries(responses)) {
		expect(response.headers.get('x-content-type-options'), kind).toBe('nosniff')
		expect(response.headers.get('x-frame-options'), kind).toBe('DENY')
		expect(response.headers.get('referrer-policy'), kind).toBe('same-origin')
		expect(response.headers.get('strict-transport-security'), kind).toMatch(/max-age=\d+/)
		if (kind !== 'asset' && kind !== 'favicon') expect(response.headers.get('cache-control'), kind).toMatch(/no-store|no-cache/)
	}
	expect(responses.page.headers.get('content-security-policy')).toContain("default-src 'self'")
})

// Last in this file: it leaves this address over its sign-in limit.
test('rotating X-Forwarded-For does not escape the per-address sign-in limit when no proxy is trusted', async () => {
	const statuses: number[] = []
	for (let i = 0; i < 60; i++) {
		const response = await fetch(`${server.url}/sign-in`, {
			method: 'POST',
			redirect: 'manual',
			headers: { ...form, origin: server.url, 'x-forwarded-for': `203.0.113.${i}`, 'x-client-address': `198.51.100.${i}` },
			body: new URLSearchParams({ email: `spray-${i}@example.org`, password: 'Password-guess-1' }),
		})
		statuses.push(response.status)
	}
	// Each guess was at a different account from a different claimed address: only the socket's address limits them.
	expect(statuses.filter((s) => s === 400).length).toBeLessThanOrEqual(50)
	expect(statuses.slice(-5)).toEqual([429, 429, 429, 429, 429])
	expect(statuses.every((s) => s === 400 || s === 429)).toBe(true)
})
