import { data } from 'react-router'
import { prisma, type Tx } from '#app/db.server.ts'
import { todayInLondon } from '#app/domain/calendar-date.ts'
import { CLOCK_FACTS_SELECT, clocksFor } from '#app/domain/review-facts.ts'
import { PART_KEYS, type PartKey, type PartStatus } from '#app/domain/review-parts.ts'
import { audit, type AuditAction } from '#app/utils/audit.server.ts'
import { forbidden, notFound, requirePermission, type SessionUser } from '#app/utils/auth.server.ts'
import { reviewScope } from '#app/utils/tenancy.server.ts'

/**
 * Loads a review only if the user may see it (their school's or council's child): 404 when there is no
 * such review, 403 (audited) when it belongs to someone else. `audit` names the view to record.
 */
export async function requireReviewAccess(request: Request, user: SessionUser, reviewId: string, action: AuditAction | null = 'review.view') {
	const review = await prisma.annualReview.findFirst({
		where: { AND: [{ id: reviewId }, reviewScope(user)] },
		select: { id: true, childId: true, status: true, schoolId: true, laId: true },
	})
	if (!review) {
		const exists = await prisma.annualReview.findUnique({ where: { id: reviewId }, select: { childId: true } })
		if (!exists) throw notFound()
		await audit(request, user.id, 'access.denied', { entityType: 'AnnualReview', entityId: reviewId, reviewId, childId: exists.childId, details: new URL(request.url).pathname })
		throw forbidden()
	}
	if (action) await audit(request, user.id, action, { entityType: 'AnnualReview', entityId: reviewId, reviewId, childId: review.childId })
	return review
}

/** A SENCo of the child's school, on a review still in draft: the only one who may change it. */
export async function requireEditableReview(request: Request, reviewId: string) {
	const user = await requirePermission(request, 'review:edit')
	const review = await requireReviewAccess(request, user, reviewId, null)
	if (review.status !== 'DRAFT') {
		throw data('This review has been submitted to the council and can no longer be changed.', { status: 409, statusText: 'Conflict' })
	}
	return { user, review }
}

export const reviewPageSelect = {
	id: true,
	status: true,
	dueOn: true,
	meetingOn: true,
	meetingTime: true,
	meetingPlace: true,
	invitationsSentOn: true,
	adviceCirculatedOn: true,
	recommendation: true,
	submittedAt: true,
	reportReceivedOn: true,
	lockVersion: true,
	child: {
		select: {
			id: true,
			firstName: true,
			lastName: true,
			dateOfBirth: true,
			upn: true,
			yearGroup: true,
			phaseTransfer: true,
			parentName: true,
			parentEmail: true,
			youngPersonEmail: true,
			school: { select: { name: true } },
			plan: { select: { firstIssuedOn: true, lastReviewOn: true, reviewDueOn: true } },
		},
	},
	planVersion: {
		select: {
			versionNo: true,
			issuedOn: true,
			sectionA: true,
			sectionB: true,
			sectionC: true,
			sectionD: true,
			sectionG: true,
			sectionH1: true,
			sectionH2: true,
			sectionI: true,
			sectionJ: true,
			sectionK: true,
			preparationForAdulthood: true,
			outcomes: { orderBy: { position: 'asc' }, select: { id: true, area: true, text: true } },
			provisions: { orderBy: { position: 'asc' }, select: { id: true, need: true, what: true, who: true, frequency: true, duration: true } },
		},
	},
	invitees: { orderBy: { id: 'asc' }, select: { id: true, role: true, name: true, email: true, attended: true, contributedAdvice: true } },
	sections: { select: { key: true, status: true, data: true, version: true, updatedAt: true, updatedBy: { select: { name: true } } } },
	decision: { select: { outcome: true, decidedOn: true } },
	notice: { select: { issuedOn: true } },
	finalPlan: { select: { issuedOn: true } },
} as const

export async function loadReview(reviewId: string) {
	return prisma.annualReview.findUniqueOrThrow({ where: { id: reviewId }, select: reviewPageSelect })
}
export type LoadedReview = Awaited<ReturnType<typeof loadReview>>

/** The saved state of each part (missing rows are "not started"). */
export function partStates(review: Pick<LoadedReview, 'sections'>) {
	const states = {} as Record<PartKey, { status: PartStatus; data: Record<string, unknown>; version: number; updatedBy: string | null; updatedAt: Date | null }>
	for (const key of PART_KEYS) {
		const row = review.sections.find((s) => s.key === key)
		states[key] = row
			? { status: row.status as PartStatus, data: safeJson(row.data), version: row.version, updatedBy: row.updatedBy?.name ?? null, updatedAt: row.updatedAt }
			: { status: 'NOT_STARTED', data: {}, version: 0, updatedBy: null, updatedAt: null }
	}
	return states
}

function safeJson(text: string): Record<string, unknown> {
	try {
		const value = JSON.parse(text)
		return value && typeof value === 'object' ? value : {}
	} catch {
		return {}
	}
}

/** The plan's current wording of a section (E and F are rows; the rest text). */
export function planWording(plan: LoadedReview['planVersion'], section: string): string {
	switch (section) {
		case 'E':
			return plan.outcomes.map((o, i) => `${i + 1}. ${o.text}`).join('\n')
		case 'F':
			return plan.provisions.map((p, i) => `${i + 1}. ${[p.what, p.who && `Delivered by: ${p.who}`, p.frequency && `How often: ${p.frequency}`, p.duration && `How long: ${p.duration}`].filter(Boolean).join('. ')}`).join('\n')
		case 'A':
		case 'B':
		case 'C':
		case 'D':
		case 'G':
		case 'H1':
		case 'H2':
		case 'I':
		case 'J':
		case 'K':
			return plan[`section${section}`]
		default:
			return ''
	}
}

export type SaveOutcome = { ok: true; version: number } | { ok: false; conflict: { savedBy: string; savedAt: Date } }

/**
 * Saves one part as a draft, only if nobody saved it since the user opened it (optimistic concurrency:
 * the form carries the version it was opened at). Two people never silently overwrite each other.
 */
export async function savePart(
	tx: Tx,
	args: { reviewId: string; key: PartKey; data: unknown; status: PartStatus; openedVersion: number; userId: string },
): Promise<SaveOutcome> {
	const json = JSON.stringify(args.data)
	const existing = await tx.reviewSection.findUnique({
		where: { reviewId_key: { reviewId: args.reviewId, key: args.key } },
		select: { id: true, version: true, updatedAt: true, updatedBy: { select: { name: true } } },
	})
	if (!existing) {
		if (args.openedVersion !== 0) return { ok: false, conflict: { savedBy: 'Someone', savedAt: new Date() } }
		await tx.reviewSection.create({ data: { reviewId: args.reviewId, key: args.key, data: json, status: args.status, version: 1, updatedById: args.userId } })
		return { ok: true, version: 1 }
	}
	const updated = await tx.reviewSection.updateMany({
		where: { id: existing.id, version: args.openedVersion },
		data: { data: json, status: args.status, version: { increment: 1 }, updatedById: args.userId },
	})
	if (updated.count === 0) return { ok: false, conflict: { savedBy: existing.updatedBy?.name ?? 'Someone', savedAt: existing.updatedAt } }
	return { ok: true, version: args.openedVersion + 1 }
}

/** Keeps the stored next deadline (which the caseload sorts by) in step with the clock. */
export async function refreshNextDeadline(tx: Tx, reviewId: string) {
	const review = await tx.annualReview.findUniqueOrThrow({
		where: { id: reviewId },
		select: { status: true, ...CLOCK_FACTS_SELECT },
	})
	const next = review.status === 'CLOSED' ? null : clocksFor(review).next
	await tx.annualReview.update({ where: { id: reviewId }, data: { nextDeadlineOn: next?.dueOn ?? null, nextDeadlineId: next?.id ?? null } })
}
