// "Forgot your password?": a link to set a new password, by email, to whoever holds the account's mailbox.
// The page answers the same whatever happened (no account, deactivated, throttled, sent), so it never reveals
// who has an account; what did happen is in the audit log. Then the link (or an invitation's) is used to set it.
import { audit } from '#app/auth/audit.server.ts'
import { hashPassword } from '#app/auth/password.server.ts'
import { prisma } from '#app/db/db.server.ts'
import { RESET_MAX_PER_ACCOUNT, RESET_MAX_PER_ADDRESS, type TokenPurpose } from '#app/domain/accounts.ts'
import { clientAddress } from '#app/http/request.server.ts'
import { sendPasswordReset } from '#app/services/admin.server.ts'

const HOUR = 60 * 60 * 1000

export type ResetOutcome = 'sent' | 'no-account' | 'throttled-account' | 'throttled-address'

/**
 * Sends a link to set a new password to an active account whose school (if any) is active: the link and the
 * email are written in one transaction. Someone invited who never set a password gets a reset link too, not
 * their invitation again: set-password accepts both, and the invitation's own link keeps working until used.
 * Every request is audited as `auth.reset_requested`, which is also what the per-address limit counts.
 */
export async function requestPasswordReset(request: Request, emailInput: string, now = new Date()): Promise<ResetOutcome> {
	const email = emailInput.trim().toLowerCase()
	const ipAddress = clientAddress(request)
	const since = new Date(now.getTime() - HOUR)
	const recorded = (userId: string | null, details: string) =>
		audit(request, userId, 'auth.reset_requested', { entityType: userId ? 'User' : '', entityId: userId ?? '', details: `${email}: ${details}` })

	// Served without a proxy the address is unknown (''), and every caller would share one limit.
	if (ipAddress) {
		const fromAddress = await prisma.auditEvent.count({ where: { action: 'auth.reset_requested', ipAddress, at: { gt: since } } })
		if (fromAddress >= RESET_MAX_PER_ADDRESS) {
			await recorded(null, `not sent: ${RESET_MAX_PER_ADDRESS} requests from this address in the last hour`)
			return 'throttled-address'
		}
	}
	const user = await prisma.user.findUnique({
		where: { email },
		select: { id: true, email: true, name: true, active: true, laId: true, schoolId: true, school: { select: { active: true } } },
	})
	// Families sign in by emailed links and have no password to reset (docs/decisions/017-family-access.md).
	if (!user || !user.active || user.school?.active === false || (!user.laId && !user.schoolId)) {
		await recorded(
			user?.id ?? null,
			!user
				? 'not sent: no such account'
				: user.laId || user.schoolId
					? 'not sent: the account or its school is deactivated'
					: 'not sent: not a member of staff',
		)
		return 'no-account'
	}
	return prisma.$transaction(async (tx) => {
		// Counted inside the transaction that writes the next link, so the count and the write go together.
		const recent = await tx.oneTimeToken.count({ where: { userId: user.id, purpose: 'RESET_PASSWORD', createdAt: { gt: since } } })
		if (recent >= RESET_MAX_PER_ACCOUNT) {
			await audit(
				request,
				user.id,
				'auth.reset_requested',
				{ entityType: 'User', entityId: user.id, details: `${email}: not sent: ${RESET_MAX_PER_ACCOUNT} links sent in the last hour` },
				tx,
			)
			return 'throttled-account' as const
		}
		await sendPasswordReset(tx, user, null, now)
		await audit(request, user.id, 'auth.reset_requested', { entityType: 'User', entityId: user.id, details: `${email}: link sent` }, tx)
		return 'sent' as const
	})
}

/**
 * Sets the password of the account a working link (an invitation or a reset: `checkToken`) is for, and uses up
 * the link; false when someone else used it first. Audited as `auth.set_password` or `auth.password_reset`.
 */
export async function setPasswordWithLink(
	request: Request,
	link: { tokenId: string; purpose: TokenPurpose; user: { id: string; email: string } },
	password: string,
) {
	const { user } = link
	const passwordHash = await hashPassword(password)
	return prisma.$transaction(async (tx) => {
		// Only the first of two simultaneous uses wins: the link is marked used only if it still was not.
		const claimed = await tx.oneTimeToken.updateMany({ where: { id: link.tokenId, usedAt: null }, data: { usedAt: new Date() } })
		if (claimed.count !== 1) return false
		await tx.oneTimeToken.updateMany({ where: { userId: user.id, usedAt: null }, data: { usedAt: new Date() } })
		await tx.user.update({ where: { id: user.id }, data: { passwordHash } })
		// A new password ends every other session (a reset after a suspected compromise must lock the old ones out),
		// and clears the failed sign-ins counted against the account, so its owner is not locked out by them.
		await tx.session.deleteMany({ where: { userId: user.id } })
		await tx.signInFailure.deleteMany({ where: { email: user.email } })
		await audit(
			request,
			user.id,
			link.purpose === 'RESET_PASSWORD' ? 'auth.password_reset' : 'auth.set_password',
			{ entityType: 'User', entityId: user.id },
			tx,
		)
		return true
	})
}
