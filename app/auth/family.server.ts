// Families in the portal (docs/decisions/017-family-access.md): parents, carers and young people named on a child's
// record sign in by an emailed one-time link and see only the children they are named for (FamilyMember rows).
// Staff permissions never admit them (their role grants none); the family pages admit them through this module alone.
import { createHash } from 'node:crypto'
import { redirect } from 'react-router'
import { audit, type AuditAction } from '#app/auth/audit.server.ts'
import { forbidden, getUser, notFound, type SessionUser } from '#app/auth/auth.server.ts'
import { prisma, type Tx } from '#app/db/db.server.ts'
import { FAMILY_LINK_MAX_PER_ACCOUNT, RESET_MAX_PER_ADDRESS } from '#app/domain/accounts.ts'
import { todayInLondon, isIsoDate } from '#app/domain/calendar-date.ts'
import { familyLetter, type FamilyAudience } from '#app/domain/young-person.ts'
import { enqueueEmail } from '#app/email/enqueue.server.ts'
import type { Prisma } from '#app/generated/sqlite/client.ts'
import { clientAddress } from '#app/http/request.server.ts'
import { issueToken } from '#app/services/admin.server.ts'

const HOUR = 60 * 60 * 1000
const hashToken = (token: string) => createHash('sha256').update(token).digest('hex')

/** How a family member is related to the child, as FamilyMember.relationship holds it. */
export type FamilyRelationship = 'PARENT' | 'YOUNG_PERSON' | 'REPRESENTATIVE'
const RELATIONSHIP: Record<FamilyAudience, FamilyRelationship> = {
	PARENT: 'PARENT',
	PARENT_COPY: 'PARENT',
	YOUNG_PERSON: 'YOUNG_PERSON',
	REPRESENTATIVE: 'REPRESENTATIVE',
}

/** The children a family member may see, as a `where` clause: those they are named for, and none for anyone else. */
export function familyChildScope(user: SessionUser): Prisma.ChildWhereInput {
	if (!user.roles.includes('FAMILY')) return { id: { in: [] } }
	return { family: { some: { userId: user.id } } }
}

export function familyReviewScope(user: SessionUser): Prisma.AnnualReviewWhereInput {
	return { child: familyChildScope(user) }
}

/**
 * The signed-in family member, or a redirect to the family's sign-in page. Staff reaching a family page are refused
 * (audited): the family's pages show what a family sees, and staff have their own.
 */
export async function requireFamily(request: Request): Promise<SessionUser> {
	const user = await getUser(request)
	if (!user) throw redirect('/family/sign-in')
	if (!user.roles.includes('FAMILY')) {
		await audit(request, user.id, 'access.denied', { details: `not a family member: ${new URL(request.url).pathname}` })
		throw forbidden()
	}
	return user
}

async function refuse(request: Request, user: SessionUser, entityType: string, entityId: string, exists: boolean): Promise<never> {
	if (!exists) throw notFound()
	await audit(request, user.id, 'access.denied', { entityType, entityId, details: new URL(request.url).pathname })
	throw forbidden()
}

/** A child the family member is named for: 404 when there is no such child, 403 (audited) when it is not theirs. Views are audited. */
export async function requireFamilyChild(request: Request, user: SessionUser, childId: string, action: AuditAction | null = 'family.child_view') {
	const child = await prisma.child.findFirst({ where: { AND: [{ id: childId }, familyChildScope(user)] }, select: { id: true } })
	if (!child) return refuse(request, user, 'Child', childId, (await prisma.child.count({ where: { id: childId } })) > 0)
	if (action) await audit(request, user.id, action, { entityType: 'Child', entityId: childId, childId })
	return child
}

/** A review of a child the family member is named for, as requireFamilyChild. */
export async function requireFamilyReview(request: Request, user: SessionUser, reviewId: string, action: AuditAction | null = 'family.review_view') {
	const review = await prisma.annualReview.findFirst({ where: { AND: [{ id: reviewId }, familyReviewScope(user)] }, select: { id: true, childId: true } })
	if (!review) return refuse(request, user, 'AnnualReview', reviewId, (await prisma.annualReview.count({ where: { id: reviewId } })) > 0)
	if (action) await audit(request, user.id, action, { entityType: 'AnnualReview', entityId: reviewId, childId: review.childId, reviewId })
	return review
}

// ---------------------------------------------------------------------------------------------------------------
// Invitations and sign-in links

/** Writes a sign-in link for a family member to the outbox in the caller's transaction (any earlier unused link stops working). */
async function sendSignInLink(
	tx: Tx,
	user: { id: string; email: string; name: string },
	invitedBy: { name: string; child: { firstName: string; lastName: string } } | null,
	now: Date,
) {
	const { token, expiresAt } = await issueToken(tx, user.id, 'FAMILY_SIGN_IN', now)
	await enqueueEmail(tx, {
		to: user.email,
		toName: user.name,
		template: 'family-sign-in',
		payload: { name: user.name, token, expiresAt, invitedByName: invitedBy?.name ?? null, child: invitedBy?.child ?? null },
	})
	return { expiresAt }
}

export type InviteOutcome = { invited: Array<{ name: string; email: string; relationship: FamilyRelationship }>; missing: string[] }

/**
 * Gives the family of a child access (or sends them a new link): the people the child's letters go to today (the
 * parent, or the young person in their own right, their representative, and a parent copied with the young person's
 * agreement: app/domain/young-person.ts) each get an account with the FAMILY role, are named for the child, and are
 * emailed a sign-in link. A person named for the child who is no longer a letter's recipient (a parent once the child
 * becomes a young person, without agreement) loses access to the child. One transaction: all of it, or none.
 */
export async function inviteFamily(request: Request, staff: SessionUser, childId: string, now = new Date()): Promise<InviteOutcome> {
	const child = await prisma.child.findUniqueOrThrow({ where: { id: childId } })
	if (!isIsoDate(child.dateOfBirth)) throw new Error('The child has no valid date of birth')
	const letter = familyLetter({ ...child, name: `${child.firstName} ${child.lastName}` }, todayInLondon(now))
	const people = [letter.to, ...letter.copies]
	const missing = people.filter((p) => !p.email).map((p) => `${p.name} (${p.role}) has no email address recorded`)
	const withEmail = people.filter((p) => p.email)
	const invited: InviteOutcome['invited'] = []
	await prisma.$transaction(async (tx) => {
		const keep: string[] = []
		for (const person of withEmail) {
			const email = person.email.trim().toLowerCase()
			const relationship = RELATIONSHIP[person.audience]
			const existing = await tx.user.findUnique({ where: { email }, select: { id: true, name: true, email: true, laId: true, schoolId: true } })
			// A member of staff's address is not made into a family account (their own child is on another council's
			// record, or this is a mistake): the caseworker is told, and nothing is sent.
			if (existing && (existing.laId || existing.schoolId)) {
				missing.push(`${person.name}’s address ${email} belongs to a member of staff: record another address for them`)
				continue
			}
			const user =
				existing ??
				(await tx.user.create({
					data: { email, name: person.name, roles: { create: { role: 'FAMILY' } } },
					select: { id: true, name: true, email: true },
				}))
			if (existing)
				await tx.userRole.upsert({
					where: { userId_role: { userId: user.id, role: 'FAMILY' } },
					create: { userId: user.id, role: 'FAMILY' },
					update: {},
				})
			await tx.familyMember.upsert({
				where: { childId_userId: { childId, userId: user.id } },
				create: { childId, userId: user.id, relationship, invitedAt: now },
				update: { relationship, invitedAt: now },
			})
			keep.push(user.id)
			await sendSignInLink(tx, { ...user, name: person.name }, { name: staff.name, child }, now)
			invited.push({ name: person.name, email, relationship })
		}
		await tx.familyMember.deleteMany({ where: { childId, userId: { notIn: keep } } })
		await audit(
			request,
			staff.id,
			'family.invite',
			{
				entityType: 'Child',
				entityId: childId,
				childId,
				details: invited.length ? `sign-in links sent to ${invited.map((p) => p.email).join(', ')}` : 'nobody to invite: no email address recorded',
			},
			tx,
		)
	})
	return { invited, missing }
}

/**
 * "Send me a link": a new sign-in link to a family member's address. The page answers the same whatever happens (no
 * such family member, throttled, sent), so it never reveals who is known; what happened is in the audit log.
 */
export async function requestFamilyLink(request: Request, emailInput: string, now = new Date()): Promise<'sent' | 'not-sent'> {
	const email = emailInput.trim().toLowerCase()
	const ipAddress = clientAddress(request)
	const since = new Date(now.getTime() - HOUR)
	const recorded = (userId: string | null, details: string) =>
		audit(request, userId, 'family.link_requested', { entityType: userId ? 'User' : '', entityId: userId ?? '', details: `${email}: ${details}` })
	if (ipAddress) {
		const fromAddress = await prisma.auditEvent.count({ where: { action: 'family.link_requested', ipAddress, at: { gt: since } } })
		if (fromAddress >= RESET_MAX_PER_ADDRESS) {
			await recorded(null, `not sent: ${RESET_MAX_PER_ADDRESS} requests from this address in the last hour`)
			return 'not-sent'
		}
	}
	const user = await prisma.user.findUnique({
		where: { email },
		select: { id: true, email: true, name: true, active: true, roles: { select: { role: true } }, _count: { select: { families: true } } },
	})
	if (!user || !user.active || !user.roles.some((r) => r.role === 'FAMILY') || user._count.families === 0) {
		await recorded(user?.id ?? null, user ? 'not sent: not a family member of any child' : 'not sent: no such account')
		return 'not-sent'
	}
	return prisma.$transaction(async (tx) => {
		const recent = await tx.oneTimeToken.count({ where: { userId: user.id, purpose: 'FAMILY_SIGN_IN', createdAt: { gt: since } } })
		if (recent >= FAMILY_LINK_MAX_PER_ACCOUNT) {
			await audit(
				request,
				user.id,
				'family.link_requested',
				{ entityType: 'User', entityId: user.id, details: `${email}: not sent: ${FAMILY_LINK_MAX_PER_ACCOUNT} links sent in the last hour` },
				tx,
			)
			return 'not-sent' as const
		}
		await sendSignInLink(tx, user, null, now)
		await audit(request, user.id, 'family.link_requested', { entityType: 'User', entityId: user.id, details: `${email}: link sent` }, tx)
		return 'sent' as const
	})
}

export type FamilyLinkState = { ok: true; tokenId: string; userId: string; name: string } | { ok: false; reason: 'unknown' | 'used' | 'expired' }

/** Whether a family sign-in link still works: known, for signing a family member in, unused, unexpired, its account active. */
export async function checkFamilyLink(token: string, now = new Date()): Promise<FamilyLinkState> {
	if (!token || token.length > 200) return { ok: false, reason: 'unknown' }
	const row = await prisma.oneTimeToken.findUnique({
		where: { id: hashToken(token) },
		select: { id: true, purpose: true, usedAt: true, expiresAt: true, user: { select: { id: true, name: true, active: true } } },
	})
	if (!row || row.purpose !== 'FAMILY_SIGN_IN') return { ok: false, reason: 'unknown' }
	if (row.usedAt || !row.user.active) return { ok: false, reason: 'used' }
	if (row.expiresAt.getTime() <= now.getTime()) return { ok: false, reason: 'expired' }
	return { ok: true, tokenId: row.id, userId: row.user.id, name: row.user.name }
}

/**
 * Uses up a working link: of two simultaneous uses only the first wins (the link is marked used only if it still
 * was not). Returns the user to start a session for, or null when the link no longer works.
 */
export async function redeemFamilyLink(token: string, now = new Date()): Promise<string | null> {
	const state = await checkFamilyLink(token, now)
	if (!state.ok) return null
	const claimed = await prisma.oneTimeToken.updateMany({ where: { id: state.tokenId, usedAt: null, expiresAt: { gt: now } }, data: { usedAt: now } })
	return claimed.count === 1 ? state.userId : null
}
