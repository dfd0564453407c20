// Administration of a council's schools, users and settings: the guards that keep a manager or administrator
// to their own council, one-time links (invitations and password resets), and the changes the administration
// pages make, each written with its audit event in one transaction.
import { createHash, randomBytes } from 'node:crypto'
import { audit } from '#app/auth/audit.server.ts'
import { forbidden, notFound, requirePermission, requireUser, type SessionUser } from '#app/auth/auth.server.ts'
import { prisma, type Tx } from '#app/db/db.server.ts'
import { linkLifetime, type TokenPurpose } from '#app/domain/accounts.ts'
import type { Permission, Role, StaffRole } from '#app/domain/permissions.ts'
import { hasPermission, isStaffRole } from '#app/domain/permissions.ts'
import { enqueueEmail } from '#app/email/enqueue.server.ts'
import type { Prisma } from '#app/generated/sqlite/client.ts'

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

/** What the user pages show of an account: who it is, its roles, and whether it is active, invited (no password yet) or signed in. */
export const USER_ACCOUNT_SELECT = {
	id: true,
	name: true,
	email: true,
	active: true,
	passwordHash: true,
	lastSignInAt: true,
	roles: { select: { role: true } },
} as const satisfies Prisma.UserSelect

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
		select: {
			id: true,
			purpose: true,
			usedAt: true,
			expiresAt: true,
			user: { select: { id: true, email: true, name: true, active: true, roles: { select: { role: true } }, school: { select: { active: true } } } },
		},
	})
	if (!row || (row.purpose !== 'INVITE' && row.purpose !== 'RESET_PASSWORD')) return { ok: false, reason: 'unknown' }
	const purpose: TokenPurpose = row.purpose
	if (row.usedAt) return { ok: false, reason: 'used', purpose }
	if (row.expiresAt.getTime() <= now.getTime()) return { ok: false, reason: 'expired', purpose }
	// A deactivated account (or school) cannot be brought back by an old link.
	if (!row.user.active || row.user.school?.active === false) return { ok: false, reason: 'used', purpose }
	return {
		ok: true,
		tokenId: row.id,
		purpose,
		user: { id: row.user.id, email: row.user.email, name: row.user.name, roles: row.user.roles.map((r) => r.role as Role) },
	}
}

/** Writes the invitation email to the outbox, in the caller's transaction, with a new link. */
export async function sendInvitation(
	tx: Tx,
	invitee: { id: string; email: string; name: string; roles: StaffRole[]; organisationName: string },
	invitedByName: string | null,
) {
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

// ---------------------------------------------------------------------------------------------------------------
// Schools

export type SchoolFields = {
	name: string
	urn: string
	phase: string
	kind?: string
	address?: string
	contactEmail: string
	headTeacherName?: string
	headTeacherEmail?: string
}

/** Why a school cannot have this URN (another school of any council has it), or null when it is free. */
export async function urnTaken(urn: string, user: AdminUser, schoolId: string | undefined) {
	const other = await prisma.school.findFirst({ where: { urn, ...(schoolId ? { NOT: { id: schoolId } } : {}) }, select: { name: true, laId: true } })
	if (!other) return null
	return other.laId === user.laId ? `URN ${urn} is already ${other.name}’s` : `URN ${urn} belongs to a school in another council`
}

/** Adds a school to the council, or changes one of its schools (`schoolId`); returns the school's id. */
export async function saveSchool(request: Request, user: AdminUser, schoolId: string | undefined, value: SchoolFields) {
	const fields = {
		name: value.name,
		urn: value.urn,
		phase: value.phase,
		kind: value.kind ?? '',
		address: value.address ?? '',
		contactEmail: value.contactEmail.toLowerCase(),
		headTeacherName: value.headTeacherName ?? '',
		headTeacherEmail: value.headTeacherEmail?.toLowerCase() ?? '',
	}
	return prisma.$transaction(async (tx) => {
		if (schoolId) {
			await tx.school.update({ where: { id: schoolId }, data: fields })
			await audit(request, user.id, 'school.update', { entityType: 'School', entityId: schoolId, details: `details: ${value.name} (${value.urn})` }, tx)
			return schoolId
		}
		const created = await tx.school.create({ data: { ...fields, laId: user.laId }, select: { id: true } })
		await audit(request, user.id, 'school.create', { entityType: 'School', entityId: created.id, details: `${value.name} (${value.urn})` }, tx)
		return created.id
	})
}

export async function setSchoolActive(request: Request, user: AdminUser, schoolId: string, active: boolean) {
	await prisma.$transaction(async (tx) => {
		await tx.school.update({ where: { id: schoolId }, data: { active } })
		// Its SENCos are signed out at once (sign-in already refuses the users of a deactivated school).
		if (!active) await tx.session.deleteMany({ where: { user: { schoolId } } })
		await audit(request, user.id, 'school.update', { entityType: 'School', entityId: schoolId, details: active ? 'reactivated' : 'deactivated' }, tx)
	})
}

// ---------------------------------------------------------------------------------------------------------------
// The council's settings

export type CouncilSettings = {
	name: string
	contactEmail: string
	contactPhone?: string
	address?: string
	letterSignatory?: string
	letterFooter?: string
	mediationText?: string
	iassText?: string
	/** What the letters must name: the Local Offer (reg 22(2)(d)), the mediation adviser (reg 32(c)), the council's
	 * mediation contact (reg 32(f)) and the health commissioner (reg 31(2), reg 22(3)(c)). */
	localOfferUrl?: string
	mediationAdviserContact?: string
	mediationContactName?: string
	mediationContactEmail?: string
	mediationContactPhone?: string
	healthCommissionerName?: string
	healthCommissionerEmail?: string
}

export async function saveCouncilSettings(request: Request, user: AdminUser, v: CouncilSettings) {
	await prisma.$transaction(async (tx) => {
		await tx.localAuthority.update({
			where: { id: user.laId },
			data: {
				name: v.name,
				contactEmail: v.contactEmail.toLowerCase(),
				contactPhone: v.contactPhone ?? '',
				address: v.address ?? '',
				letterSignatory: v.letterSignatory ?? '',
				letterFooter: v.letterFooter ?? '',
				mediationText: v.mediationText ?? '',
				iassText: v.iassText ?? '',
				localOfferUrl: v.localOfferUrl ?? '',
				mediationAdviserContact: v.mediationAdviserContact ?? '',
				mediationContactName: v.mediationContactName ?? '',
				mediationContactEmail: (v.mediationContactEmail ?? '').toLowerCase(),
				mediationContactPhone: v.mediationContactPhone ?? '',
				healthCommissionerName: v.healthCommissionerName ?? '',
				healthCommissionerEmail: (v.healthCommissionerEmail ?? '').toLowerCase(),
			},
		})
		await audit(request, user.id, 'settings.update', { entityType: 'LocalAuthority', entityId: user.laId }, tx)
	})
}

// ---------------------------------------------------------------------------------------------------------------
// Users

export async function accountExists(email: string) {
	return (await prisma.user.count({ where: { email } })) > 0
}

/**
 * A new account (a SENCo of one of the council's schools, or one of the council's staff) and its invitation: the
 * account, its role, its one-time link and the email are written together or not at all.
 */
export async function inviteUser(
	request: Request,
	admin: AdminUser,
	invitee: { name: string; email: string; role: StaffRole; school: { id: string; name: string } | null },
) {
	const { name, email, role, school } = invitee
	return prisma.$transaction(async (tx) => {
		const created = await tx.user.create({
			data: { email, name, passwordHash: null, laId: school ? null : admin.laId, schoolId: school?.id ?? null, roles: { create: [{ role }] } },
			select: { id: true },
		})
		await sendInvitation(tx, { id: created.id, email, name, roles: [role], organisationName: school?.name ?? admin.laName ?? 'the council' }, admin.name)
		await audit(
			request,
			admin.id,
			'user.invite',
			{ entityType: 'User', entityId: created.id, details: `${email} as ${role}${school ? ` at ${school.name}` : ''}` },
			tx,
		)
		return created
	})
}

type Account = { id: string; email: string; name: string; school: { name: string } | null; la: { name: string } | null }

/** The invitation sent again, with a new link (the earlier one stops working). */
export async function resendInvitation(request: Request, admin: AdminUser, user: Account, roles: Role[]) {
	await prisma.$transaction(async (tx) => {
		await sendInvitation(
			tx,
			{
				id: user.id,
				email: user.email,
				name: user.name,
				roles: roles.filter(isStaffRole),
				organisationName: user.school?.name ?? user.la?.name ?? 'the council',
			},
			admin.name,
		)
		await audit(request, admin.id, 'user.invite', { entityType: 'User', entityId: user.id, details: `invitation sent again to ${user.email}` }, tx)
	})
}

/** An administrator sends someone a link to set a new password. */
export async function sendResetLink(request: Request, admin: AdminUser, user: Account) {
	await prisma.$transaction(async (tx) => {
		await sendPasswordReset(tx, user, admin.name)
		await audit(
			request,
			admin.id,
			'user.send_reset',
			{ entityType: 'User', entityId: user.id, details: `link to set a new password sent to ${user.email}` },
			tx,
		)
	})
}

export async function setUserActive(request: Request, admin: AdminUser, userId: string, active: boolean) {
	await prisma.$transaction(async (tx) => {
		await tx.user.update({ where: { id: userId }, data: { active } })
		if (!active) {
			// Signed out everywhere at once, and any link they were sent stops working.
			await tx.session.deleteMany({ where: { userId } })
			await tx.oneTimeToken.updateMany({ where: { userId, usedAt: null }, data: { usedAt: new Date() } })
		}
		await audit(request, admin.id, 'user.update', { entityType: 'User', entityId: userId, details: active ? 'reactivated' : 'deactivated' }, tx)
	})
}

/** A member of the council's staff given exactly these roles (`before`: the roles they had, for the audit). */
export async function setCouncilRoles(request: Request, admin: AdminUser, userId: string, before: Role[], wanted: Role[]) {
	await prisma.$transaction(async (tx) => {
		await tx.userRole.deleteMany({ where: { userId } })
		await tx.userRole.createMany({ data: wanted.map((role) => ({ userId, role })) })
		await audit(
			request,
			admin.id,
			'user.update',
			{ entityType: 'User', entityId: userId, details: `roles: ${before.join(', ')} -> ${wanted.join(', ')}` },
			tx,
		)
	})
}
