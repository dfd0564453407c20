// Administration of a council's schools, users and settings: the guards that keep a manager or administrator
// to their own council, and one-time links (invitations and password resets).
import { createHash, randomBytes } from 'node:crypto'
import { prisma, type Tx } from '#app/db.server.ts'
import { linkLifetime, type TokenPurpose } from '#app/domain/accounts.ts'
import type { Permission, Role } from '#app/domain/permissions.ts'
import type { Prisma } from '#app/generated/sqlite/client.ts'
import { audit } from '#app/auth/audit.server.ts'
import { forbidden, notFound, requirePermission, requireUser, type SessionUser } from '#app/auth/auth.server.ts'
import { enqueueEmail } from '#app/email/enqueue.server.ts'
import { hasPermission } from '#app/domain/permissions.ts'

export type AdminUser = SessionUser & { laId: string }

/** A manager or administrator of a council (every administration page needs one). */
export async function requireCouncilAdmin(request: Request, permission: Permission): Promise<AdminUser> {
	const user = await requirePermission(request, permission)
	if (!user.laId) throw forbidden()
	return user as AdminUser
}

/** The administration start page: either administration permission will do. */
export async function requireAnyAdmin(request: Request): Promise<AdminUser> {
	const user = await requireUser(request)
	if (!user.laId || !(hasPermission(user.roles, 'admin:users') || hasPermission(user.roles, 'admin:schools'))) {
		await audit(request, user.id, 'access.denied', { details: `lacks admin: ${new URL(request.url).pathname}` })
		throw forbidden()
	}
	return user as AdminUser
}

/** Users of a council: its own staff, and the SENCos of its schools. */
export function councilUsers(laId: string): Prisma.UserWhereInput {
	return { OR: [{ laId }, { school: { laId } }] }
}

/** 404 when there is no such school, 403 (audited) when it is another council's. */
export async function requireCouncilSchool(request: Request, user: AdminUser, schoolId: string) {
	const school = await prisma.school.findFirst({ where: { id: schoolId, laId: user.laId }, select: { id: true } })
	if (school) return school
	if (!(await prisma.school.count({ where: { id: schoolId } }))) throw notFound()
	await audit(request, user.id, 'access.denied', { entityType: 'School', entityId: schoolId, details: new URL(request.url).pathname })
	throw forbidden()
}

/** 404 when there is no such user, 403 (audited) when they belong to another council. */
export async function requireCouncilUser(request: Request, user: AdminUser, userId: string) {
	const found = await prisma.user.findFirst({ where: { AND: [{ id: userId }, councilUsers(user.laId)] }, select: { id: true } })
	if (found) return found
	if (!(await prisma.user.count({ where: { id: userId } }))) throw notFound()
	await audit(request, user.id, 'access.denied', { entityType: 'User', entityId: userId, details: new URL(request.url).pathname })
	throw forbidden()
}

// ---------------------------------------------------------------------------------------------------------------
// One-time links

export type { TokenPurpose }

export const hashToken = (token: string) => createHash('sha256').update(token).digest('hex')

/**
 * A new one-time link for the user: the raw token goes in the email, only its hash in the database. Any earlier
 * unused link of the same purpose stops working, so only the latest email's link does.
 */
export async function issueToken(tx: Tx, userId: string, purpose: TokenPurpose, now = new Date()) {
	const token = randomBytes(32).toString('base64url')
	const expiresAt = new Date(now.getTime() + linkLifetime(purpose))
	await tx.oneTimeToken.updateMany({ where: { userId, purpose, usedAt: null }, data: { usedAt: now } })
	await tx.oneTimeToken.create({ data: { id: hashToken(token), userId, purpose, expiresAt, createdAt: now } })
	return { token, expiresAt }
}

export type TokenState =
	| { ok: true; tokenId: string; purpose: TokenPurpose; user: { id: string; email: string; name: string; roles: Role[] } }
	| { ok: false; reason: 'unknown' }
	| { ok: false; reason: 'used' | 'expired'; purpose: TokenPurpose }

/** Whether a link still works: known, for setting a password, not used, not expired, and its user still active. */
export async function checkToken(token: string, now = new Date()): Promise<TokenState> {
	if (!token || token.length > 200) return { ok: false, reason: 'unknown' }
	const row = await prisma.oneTimeToken.findUnique({
		where: { id: hashToken(token) },
		select: { id: true, purpose: true, usedAt: true, expiresAt: true, user: { select: { id: true, email: true, name: true, active: true, roles: { select: { role: true } }, school: { select: { active: true } } } } },
	})
	if (!row || (row.purpose !== 'INVITE' && row.purpose !== 'RESET_PASSWORD')) return { ok: false, reason: 'unknown' }
	const purpose: TokenPurpose = row.purpose
	if (row.usedAt) return { ok: false, reason: 'used', purpose }
	if (row.expiresAt.getTime() <= now.getTime()) return { ok: false, reason: 'expired', purpose }
	// A deactivated account (or school) cannot be brought back by an old link.
	if (!row.user.active || row.user.school?.active === false) return { ok: false, reason: 'used', purpose }
	return { ok: true, tokenId: row.id, purpose, user: { id: row.user.id, email: row.user.email, name: row.user.name, roles: row.user.roles.map((r) => r.role as Role) } }
}

/** Writes the invitation email to the outbox, in the caller's transaction, with a new link. */
export async function sendInvitation(tx: Tx, invitee: { id: string; email: string; name: string; roles: Role[]; organisationName: string }, invitedByName: string | null) {
	const { token, expiresAt } = await issueToken(tx, invitee.id, 'INVITE')
	await enqueueEmail(tx, {
		to: invitee.email,
		toName: invitee.name,
		template: 'user-invite',
		payload: { name: invitee.name, organisationName: invitee.organisationName, roles: invitee.roles, invitedByName, token, expiresAt },
	})
	return { expiresAt }
}

/**
 * Writes the email with a link to set a new password to the outbox, in the caller's transaction, with a new
 * link (any earlier unused reset link stops working). `sentByName` is the administrator who sent it, or null
 * when the person asked on the sign-in page.
 */
export async function sendPasswordReset(tx: Tx, user: { id: string; email: string; name: string }, sentByName: string | null, now = new Date()) {
	const { token, expiresAt } = await issueToken(tx, user.id, 'RESET_PASSWORD', now)
	await enqueueEmail(tx, {
		to: user.email,
		toName: user.name,
		template: 'password-reset',
		payload: { name: user.name, email: user.email, sentByName, requestedAt: now, token, expiresAt },
	})
	return { expiresAt }
}
