import { prisma, type Tx } from '#app/db/db.server.ts'
import { clientAddress, userAgent } from '#app/http/request.server.ts'

export type AuditAction =
	| 'auth.sign_in'
	| 'auth.sign_in_failed'
	| 'auth.sign_in_throttled'
	| 'auth.sign_out'
	| 'access.denied'
	| 'child.view'
	| 'child.update'
	| 'review.view'
	| 'review.create'
	| 'review.update'
	| 'review.submit'
	| 'review.download'
	| 'evidence.upload'
	| 'evidence.download'
	| 'decision.make'
	| 'notice.issue'
	| 'representation.record'
	| 'final.issue'
	| 'caseworker.assign'
	| 'calendar.create'
	| 'calendar.revoke'
	| 'user.invite'
	| 'user.update'
	| 'user.send_reset'
	| 'auth.set_password'
	| 'auth.reset_requested'
	| 'auth.password_reset'
	| 'school.create'
	| 'school.update'
	| 'settings.update'
	| 'import.run'
	| 'export.download'
	| 'family.invite'
	| 'family.link_requested'
	| 'family.child_view'
	| 'family.review_view'
	| 'family.contribute'
	| 'family.representation'
	| 'family.download'

export interface AuditTarget {
	entityType?: string
	entityId?: string
	childId?: string | null
	reviewId?: string | null
	details?: string
}

/** Writes who did what to which record, when and from where. Pass `tx` to make it part of a change. */
export async function audit(request: Request | null, userId: string | null, action: AuditAction, target: AuditTarget = {}, tx: Tx = prisma) {
	await tx.auditEvent.create({
		data: {
			userId,
			action,
			entityType: target.entityType ?? '',
			entityId: target.entityId ?? '',
			childId: target.childId ?? null,
			reviewId: target.reviewId ?? null,
			details: target.details ?? '',
			ipAddress: request ? clientAddress(request) : '',
			userAgent: request ? userAgent(request) : '',
		},
	})
}
