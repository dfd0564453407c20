// Helpers for integration tests: call real loaders and actions with real requests and sessions.
import { expect } from 'vitest'
import { createSession } from '#app/auth/auth.server.ts'
import { prisma } from '#app/db/db.server.ts'

export const BASE = 'http://localhost:3000'

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
