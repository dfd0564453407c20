import { createHash, randomBytes } from 'node:crypto'
import { createCookie, redirect } from 'react-router'
import { prisma } from '#app/db.server.ts'
import { hasPermission, isRole, type Permission, type Role } from '#app/domain/permissions.ts'
import { cookieSecure, env } from '#app/env.server.ts'
import { audit } from '#app/utils/audit.server.ts'
import { dummyPasswordHash, verifyPassword } from '#app/utils/password.server.ts'
import { clientAddress, userAgent } from '#app/utils/request.server.ts'

// Sessions live in the database; the cookie holds only a random token, and the database only its hash.
// httpOnly, SameSite=Lax (no cross-site form posts carry it), Secure in production (__Host- prefix).
const sessionCookie = createCookie(cookieSecure ? '__Host-session' : 'session', {
	httpOnly: true,
	sameSite: 'lax',
	secure: cookieSecure,
	path: '/',
})

const hashToken = (token: string) => createHash('sha256').update(token).digest('hex')
const minutes = (n: number) => n * 60 * 1000

export interface SessionUser {
	id: string
	email: string
	name: string
	roles: Role[]
	schoolId: string | null
	laId: string | null
	schoolName: string | null
	laName: string | null
}

async function readToken(request: Request): Promise<string | null> {
	const value = await sessionCookie.parse(request.headers.get('cookie'))
	return typeof value === 'string' && value.length > 20 ? value : null
}

export async function getUser(request: Request): Promise<SessionUser | null> {
	const token = await readToken(request)
	if (!token) return null
	const session = await prisma.session.findUnique({
		where: { id: hashToken(token) },
		select: {
			id: true,
			expiresAt: true,
			createdAt: true,
			user: {
				select: {
					id: true,
					email: true,
					name: true,
					active: true,
					schoolId: true,
					laId: true,
					roles: { select: { role: true } },
					school: { select: { name: true, active: true, la: { select: { name: true } } } },
					la: { select: { name: true } },
				},
			},
		},
	})
	const now = Date.now()
	if (!session || session.expiresAt.getTime() <= now || !session.user.active || session.user.school?.active === false) {
		if (session) await prisma.session.delete({ where: { id: session.id } }).catch(() => {})
		return null
	}
	// Sliding idle expiry, capped by an absolute maximum; written at most once a minute.
	const idleExpiry = Math.min(now + minutes(env.SESSION_IDLE_MINUTES), session.createdAt.getTime() + minutes(env.SESSION_MAX_HOURS * 60))
	if (idleExpiry - session.expiresAt.getTime() > minutes(1)) {
		await prisma.session.update({ where: { id: session.id }, data: { expiresAt: new Date(idleExpiry) } })
	}
	const { user } = session
	return {
		id: user.id,
		email: user.email,
		name: user.name,
		roles: user.roles.map((r) => r.role).filter(isRole),
		schoolId: user.schoolId,
		laId: user.laId,
		schoolName: user.school?.name ?? null,
		laName: user.la?.name ?? user.school?.la.name ?? null,
	}
}

/** The signed-in user, or a redirect to the sign-in page that comes back here afterwards. */
export async function requireUser(request: Request): Promise<SessionUser> {
	const user = await getUser(request)
	if (!user) {
		const url = new URL(request.url)
		const back = url.pathname + url.search
		throw redirect(`/sign-in${back === '/' ? '' : `?redirectTo=${encodeURIComponent(back)}`}`)
	}
	return user
}

export async function requirePermission(request: Request, permission: Permission): Promise<SessionUser> {
	const user = await requireUser(request)
	if (!hasPermission(user.roles, permission)) {
		await audit(request, user.id, 'access.denied', { details: `lacks ${permission}: ${new URL(request.url).pathname}` })
		throw forbidden()
	}
	return user
}

export function forbidden(): Response {
	return new Response('You do not have permission to see this page', { status: 403, statusText: 'Forbidden' })
}

export function notFound(): Response {
	return new Response('Page not found', { status: 404, statusText: 'Not Found' })
}

export type SignInResult = { ok: true; userId: string } | { ok: false; reason: 'invalid' | 'throttled' }

/**
 * Checks an email and password. The answer never says whether the account exists, and repeated
 * failures for one account (or from one address) are throttled for a window.
 */
export async function verifySignIn(request: Request, emailInput: string, password: string): Promise<SignInResult> {
	const email = emailInput.trim().toLowerCase()
	const ipAddress = clientAddress(request)
	const since = new Date(Date.now() - minutes(env.SIGN_IN_WINDOW_MINUTES))
	const [byEmail, byAddress] = await Promise.all([
		prisma.signInFailure.count({ where: { email, at: { gt: since } } }),
		ipAddress ? prisma.signInFailure.count({ where: { ipAddress, at: { gt: since } } }) : 0,
	])
	if (byEmail >= env.SIGN_IN_MAX_FAILURES || byAddress >= env.SIGN_IN_MAX_FAILURES * 10) {
		await audit(request, null, 'auth.sign_in_throttled', { details: email })
		return { ok: false, reason: 'throttled' }
	}
	const user = await prisma.user.findUnique({
		where: { email },
		select: { id: true, passwordHash: true, active: true, school: { select: { active: true } } },
	})
	const valid = await verifyPassword(password, user?.passwordHash ?? (await dummyPasswordHash()))
	if (!user || !user.passwordHash || !valid || !user.active || user.school?.active === false) {
		await prisma.signInFailure.create({ data: { email, ipAddress } })
		await audit(request, user?.id ?? null, 'auth.sign_in_failed', { details: email })
		return { ok: false, reason: 'invalid' }
	}
	await prisma.signInFailure.deleteMany({ where: { OR: [{ email }, { at: { lt: since } }] } })
	return { ok: true, userId: user.id }
}

/** Starts a session and returns the Set-Cookie header for it. */
export async function createSession(request: Request, userId: string): Promise<string> {
	const token = randomBytes(32).toString('base64url')
	const now = Date.now()
	await prisma.$transaction([
		prisma.session.create({
			data: {
				id: hashToken(token),
				userId,
				expiresAt: new Date(now + minutes(env.SESSION_IDLE_MINUTES)),
				ipAddress: clientAddress(request),
				userAgent: userAgent(request),
			},
		}),
		prisma.session.deleteMany({ where: { userId, expiresAt: { lt: new Date(now) } } }),
		prisma.user.update({ where: { id: userId }, data: { lastSignInAt: new Date(now) } }),
	])
	await audit(request, userId, 'auth.sign_in', { entityType: 'User', entityId: userId })
	return sessionCookie.serialize(token, { maxAge: env.SESSION_MAX_HOURS * 3600 })
}

/** Ends the session (if any) and returns the Set-Cookie header that clears the cookie. */
export async function destroySession(request: Request): Promise<string> {
	const token = await readToken(request)
	if (token) {
		const session = await prisma.session.findUnique({ where: { id: hashToken(token) }, select: { userId: true } })
		if (session) {
			await prisma.session.deleteMany({ where: { id: hashToken(token) } })
			await audit(request, session.userId, 'auth.sign_out', { entityType: 'User', entityId: session.userId })
		}
	}
	return sessionCookie.serialize('', { maxAge: 0 })
}
