// Helpers for integration tests: call real loaders and actions with real requests and sessions.
import { createHash } from 'node:crypto'
import { expect } from 'vitest'
import { createSession } from '#app/auth/auth.server.ts'
import { prisma } from '#app/db/db.server.ts'
import { addDays, todayInLondon } from '#app/domain/calendar-date.ts'
import * as reviewNew from '#app/routes/review-new.tsx'

export const BASE = 'http://localhost:3000'

// Seeded accounts (prisma/seed-data.ts): two Kent schools' SENCos and Kent's staff, and a SENCo of Medway, another council.
export const OAKFIELD_SENCO = 'senco@oakfield-primary.example.org'
export const HIGHFIELD_SENCO = 'senco@highfield-academy.example.org'
export const MEDWAY_SENCO = 'senco@medway-school.example.org'
export const CASEWORKER = 'caseworker@kent.example.gov.uk'
export const MANAGER = 'manager@kent.example.gov.uk'
export const ADMIN = 'admin@kent.example.gov.uk'

/** Every status of a review not yet closed, written out here rather than taken from app/domain. */
export const OPEN = ['DRAFT', 'SUBMITTED', 'DECISION_MADE', 'NOTICE_ISSUED', 'REPRESENTATIONS', 'FINAL_ISSUED']

/** The SHA-256 of a text, in hex: how one-time link tokens are stored. */
export const sha256 = (text: string) => createHash('sha256').update(text).digest('hex')

/** A Cookie header for a real session of the seeded user with this email. */
export async function cookieFor(email: string): Promise<string> {
	const user = await prisma.user.findUniqueOrThrow({ where: { email }, select: { id: true } })
	const setCookie = await createSession(new Request(BASE), user.id)
	return setCookie.split(';')[0]!
}

export function request(
	path: string,
	init: RequestInit & { cookie?: string; form?: Record<string, string | string[]>; multipart?: boolean; files?: Record<string, File> } = {},
) {
	const headers = new Headers(init.headers)
	if (init.cookie) headers.set('cookie', init.cookie)
	let body = init.body
	let method = init.method
	if (init.multipart) {
		const form = new FormData()
		for (const [key, value] of Object.entries(init.form ?? {})) for (const v of [value].flat()) form.append(key, v)
		for (const [key, file] of Object.entries(init.files ?? {})) form.append(key, file)
		body = form
		method ??= 'POST'
	} else if (init.form) {
		const form = new URLSearchParams()
		for (const [key, value] of Object.entries(init.form)) for (const v of [value].flat()) form.append(key, v)
		body = form
		method ??= 'POST'
		headers.set('content-type', 'application/x-www-form-urlencoded')
	}
	return new Request(new URL(path, BASE), { ...init, method, headers, body })
}

type RouteFn = (args: any) => unknown

/** Runs a loader or action as React Router would; a thrown Response is returned, not raised. */
export async function run(fn: RouteFn | undefined, req: Request, params: Record<string, string> = {}): Promise<unknown> {
	if (!fn) throw new Error('the route module has no such function')
	try {
		return await fn({ request: req, params, context: {}, unstable_pattern: '' })
	} catch (thrown) {
		// A thrown Response, or a thrown data(..., { status }) as React Router treats it.
		if (thrown instanceof Response) return thrown
		if (thrown && typeof thrown === 'object' && 'init' in thrown && 'data' in thrown) return thrown
		throw thrown
	}
}

/** The HTTP status a loader/action answered with: a thrown or returned Response's, or 200 for data. */
export async function statusOf(fn: RouteFn | undefined, req: Request, params: Record<string, string> = {}): Promise<number> {
	const result = await run(fn, req, params)
	if (result instanceof Response) return result.status
	if (result && typeof result === 'object' && 'init' in result && (result as any).init?.status) return (result as any).init.status
	return 200
}

export function expectRedirect(result: unknown, to: string | RegExp) {
	expect(result).toBeInstanceOf(Response)
	const response = result as Response
	expect(response.status).toBeGreaterThanOrEqual(300)
	expect(response.status).toBeLessThan(400)
	const location = response.headers.get('location') ?? ''
	if (typeof to === 'string') expect(location).toBe(to)
	else expect(location).toMatch(to)
	return response
}

/** The day, month and year fields of a date input named `prefix`, for an ISO date. */
export const dateFields = (prefix: string, iso: string) => ({
	[`${prefix}.day`]: iso.slice(8),
	[`${prefix}.month`]: iso.slice(5, 7),
	[`${prefix}.year`]: iso.slice(0, 4),
})

/** The id in a redirect to a review's page (`/reviews/<id>/...`). */
export const reviewIdOf = (result: unknown) =>
	expectRedirect(result, /^\/reviews\//)
		.headers.get('location')!
		.split('/')[2]!

/**
 * Starts a review through the real action (review-new) for a child in year 8 or below of this SENCo's school with a
 * plan, a caseworker and no open review: the meeting was held 2 days ago and the parent was invited.
 */
export async function startDraft(cookie: string, senco: string) {
	const { schoolId } = await prisma.user.findUniqueOrThrow({ where: { email: senco }, select: { schoolId: true } })
	const child = await prisma.child.findFirstOrThrow({
		where: {
			schoolId: schoolId!,
			yearGroup: { lt: 9 },
			plan: { isNot: null },
			reviews: { none: { status: { not: 'CLOSED' } } },
			caseworkerId: { not: null },
		},
		select: { id: true, caseworkerId: true },
	})
	const meeting = addDays(todayInLondon(new Date()), -2)
	const schedule = {
		...dateFields('meetingOn', meeting),
		meetingTime: '09:30',
		'invitees[0].role': 'PARENT',
		'invitees[0].name': 'Mrs Begum',
		'invitees[0].email': 'parent@example.org',
	}
	const created = await run(reviewNew.action, request(`/children/${child.id}/reviews/new`, { cookie, form: schedule }), { childId: child.id })
	return { reviewId: reviewIdOf(created), child, meeting, schedule }
}

/**
 * Every part of a draft's report filled in as a SENCo would (each outcome progressing, each invitee attended),
 * as [part slug, form] pairs to post with `completed: 'yes'` and the part's version.
 */
export async function completedParts(reviewId: string, recommendation: { recommendation: 'MAINTAIN' | 'AMEND'; reasons: string }) {
	const review = await prisma.annualReview.findUniqueOrThrow({
		where: { id: reviewId },
		select: {
			invitees: { orderBy: { id: 'asc' }, select: { id: true } },
			planVersion: { select: { outcomes: { orderBy: { position: 'asc' }, select: { id: true } } } },
		},
	})
	const outcomes: Record<string, string> = {}
	review.planVersion.outcomes.forEach((o, i) =>
		Object.assign(outcomes, {
			[`outcomes[${i}].outcomeId`]: o.id,
			[`outcomes[${i}].progress`]: 'PROGRESSING',
			[`outcomes[${i}].evidence`]: 'Assessment data',
			[`outcomes[${i}].next`]: 'CONTINUE',
		}),
	)
	const attendance: Record<string, string> = {}
	review.invitees.forEach((inv, i) =>
		Object.assign(attendance, { [`invitees[${i}].inviteeId`]: inv.id, [`invitees[${i}].attended`]: 'yes', [`invitees[${i}].contributedAdvice`]: 'yes' }),
	)
	const changes = Object.fromEntries(['B', 'C', 'D', 'F', 'G', 'H1', 'H2', 'I', 'J', 'K'].map((s) => [`changes.${s}`, 'No change']))
	const parts: Array<[slug: string, form: Record<string, string>]> = [
		['child-views', { pathway: 'written', words: 'I like maths. I find spelling hard.' }],
		['parent-views', { views: 'Happy with progress.', givenBy: 'Mother' }],
		['outcomes', outcomes],
		['needs-and-provision', changes],
		['recommendation', { ...recommendation, agreed: 'yes' }],
		['attendance', attendance],
	]
	return parts
}

/**
 * A family member (a User with the FAMILY role) named for the child, and a Cookie header for a real session of
 * theirs: what an invitation and a used sign-in link leave behind (app/auth/family.server.ts).
 */
export async function familyMemberOf(childId: string, relationship: 'PARENT' | 'YOUNG_PERSON' | 'REPRESENTATIVE' = 'PARENT') {
	const email = `family-${relationship.toLowerCase()}-${childId}@example.com`.toLowerCase()
	const user = await prisma.user.upsert({
		where: { email },
		create: { email, name: relationship === 'PARENT' ? 'Pat Parent' : 'Young Person', roles: { create: { role: 'FAMILY' } } },
		update: {},
		select: { id: true, name: true },
	})
	await prisma.familyMember.upsert({
		where: { childId_userId: { childId, userId: user.id } },
		create: { childId, userId: user.id, relationship },
		update: { relationship },
	})
	const setCookie = await createSession(new Request(BASE), user.id)
	return { userId: user.id, name: user.name, email, cookie: setCookie.split(';')[0]! }
}
