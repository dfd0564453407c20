import { createHash, randomBytes } from 'node:crypto'
import { createCookie, redirect } from 'react-router'
import { audit } from '#app/auth/audit.server.ts'
import { dummyPasswordHash, verifyPassword } from '#app/auth/password.server.ts'
import { prisma } from '#app/db/db.server.ts'
import { hasPermission, isRole, type Permission, type Role } from '#app/domain/permissions.ts'
import { cookieSecure, env } from '#app/env.server.ts'
import { addressNetwork, clientAddress, userAgent } from '#app/http/request.server.ts'

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

// The root layout and the page both ask who is signed in: one request reads the session once.
const usersByRequest = new WeakMap<Request, Promise<SessionUser | null>>()

/** The signed-in user of this request, or null; read from the database once per request. */
export function getUser(request: Request): Promise<SessionUser | null> {
	let user = usersByRequest.get(request)
	if (!user) {
		user = readUser(request)
		usersByRequest.set(request, user)
	}
	return user
}

type SessionSqlRow = {
	sessionId: string
	expiresAt: Date | string
	createdAt: Date | string
	userId: string
	email: string
	name: string
	active: boolean | number
	schoolId: string | null
	laId: string | null
	schoolName: string | null
	schoolActive: boolean | number | null
	schoolLaName: string | null
	laName: string | null
	role: string | null
}

async function readUser(request: Request): Promise<SessionUser | null> {
	const token = await readToken(request)
	if (!token) return null
	// Every request reads the session: one statement (a row per role) rather than Prisma's six nested reads.
	const rows = await prisma.$queryRaw<SessionSqlRow[]>`
		SELECT s."id" AS "sessionId", s."expiresAt", s."createdAt", u."id" AS "userId", u."email", u."name", u."active", u."schoolId", u."laId",
			sc."name" AS "schoolName", sc."active" AS "schoolActive", scla."name" AS "schoolLaName", la."name" AS "laName", r."role"
		FROM "Session" s
		JOIN "User" u ON u."id" = s."userId"
		LEFT JOIN "School" sc ON sc."id" = u."schoolId"
		LEFT JOIN "LocalAuthority" scla ON scla."id" = sc."laId"
		LEFT JOIN "LocalAuthority" la ON la."id" = u."laId"
		LEFT JOIN "UserRole" r ON r."userId" = u."id"
		WHERE s."id" = ${hashToken(token)}`
	const session = rows[0]
	const now = Date.now()
	const expiresAt = session ? new Date(session.expiresAt).getTime() : 0
	if (!session || expiresAt <= now || !session.active || (session.schoolId !== null && !session.schoolActive)) {
		if (session) await prisma.session.delete({ where: { id: session.sessionId } }).catch(() => {})
		return null
	}
	// Sliding idle expiry, capped by an absolute maximum; written at most once a minute.
	const idleExpiry = Math.min(now + minutes(env.SESSION_IDLE_MINUTES), new Date(session.createdAt).getTime() + minutes(env.SESSION_MAX_HOURS * 60))
	if (idleExpiry - expiresAt > minutes(1)) {
		await prisma.session.update({ where: { id: session.sessionId }, data: { expiresAt: new Date(idleExpiry) } })
	}
	return {
		id: session.userId,
		email: session.email,
		name: session.name,
		roles: rows.flatMap((r) => (r.role && isRole(r.role) ? [r.role] : [])),
		schoolId: session.schoolId,
		laId: session.laId,
		schoolName: session.schoolName,
		laName: session.laName ?? session.schoolLaName,
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

/** Which limit held a sign-in back: the account's, the address's, or the one on all failed sign-ins a minute. */
export type SignInLimit = 'account' | 'address' | 'all'

export type SignInResult = { ok: true; userId: string } | { ok: false; reason: 'invalid' } | { ok: false; reason: 'throttled'; limit: SignInLimit }

/**
 * Checks an email and password. The answer never says whether the account exists. Failed sign-ins are limited
 * per account and per address (SIGN_IN_MAX_FAILURES, and ten times that, in SIGN_IN_WINDOW_MINUTES), and in all
 * (SIGN_IN_GLOBAL_MAX_PER_MINUTE), so that guesses spread over many accounts and addresses are slowed too.
 *
 * The counts are SignInFailure rows, in the database every worker shares (docs/decisions/013 says why not a
 * rate-limiting library's store). An attempt writes its row before its password is checked and the counts are
 * read after that write, so a burst of concurrent guesses cannot all pass a check that none of them is counted
 * in yet; a right password removes the account's rows. Every write is a single statement.
 */
export async function verifySignIn(request: Request, emailInput: string, password: string, now = new Date()): Promise<SignInResult> {
	const email = emailInput.trim().toLowerCase()
	const ipAddress = addressNetwork(clientAddress(request))
	const since = new Date(now.getTime() - minutes(env.SIGN_IN_WINDOW_MINUTES))
	const lastMinute = new Date(now.getTime() - minutes(1))
	// The limit that other attempts (besides this one's own row, when it has written one) have reached, if any.
	const limitReached = async (own: 0 | 1): Promise<SignInLimit | null> => {
		const [byAccount, byAddress, inAll] = await Promise.all([
			prisma.signInFailure.count({ where: { email, at: { gt: since } } }),
			prisma.signInFailure.count({ where: { ipAddress, at: { gt: since } } }),
			prisma.signInFailure.count({ where: { at: { gt: lastMinute } } }),
		])
		if (byAccount - own >= env.SIGN_IN_MAX_FAILURES) return 'account'
		if (byAddress - own >= env.SIGN_IN_MAX_FAILURES * 10) return 'address'
		if (inAll - own >= env.SIGN_IN_GLOBAL_MAX_PER_MINUTE) return 'all'
		return null
	}
	// Already over a limit: answered with reads only, so a flood of guesses writes nothing but its audit lines.
	let limit = await limitReached(0)
	if (!limit) {
		const attempt = await prisma.signInFailure.create({ data: { email, ipAddress, at: now }, select: { id: true } })
		limit = await limitReached(1)
		// Held back, it does not count: only attempts whose password was checked do.
		if (limit) await prisma.signInFailure.deleteMany({ where: { id: attempt.id } })
	}
	if (limit) {
		await audit(request, null, 'auth.sign_in_throttled', { details: `${email}: ${limit === 'all' ? 'all sign-ins' : `per ${limit}`} limit` })
		return { ok: false, reason: 'throttled', limit }
	}
	const user = await prisma.user.findUnique({
		where: { email },
		select: { id: true, passwordHash: true, active: true, school: { select: { active: true } } },
	})
	const valid = await verifyPassword(password, user?.passwordHash ?? (await dummyPasswordHash()))
	if (!user || !user.passwordHash || !valid || !user.active || user.school?.active === false) {
		// The attempt's row stays: it is now a failed sign-in.
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
