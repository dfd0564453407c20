// The family's record (issue 14, "Their record"): a child's plan dates, each review's statutory timeline, the letters
// the council and school sent the family member and every email sent to their address. Callers have already admitted
// the family member to the child (requireFamilyChild, app/auth/family.server.ts); every query here is also scoped to
// that child and to the member's own email address, so nothing of another child or another person can come back.
//
// What "sent to you" means (the rule, written down):
// - A letter (GeneratedDocument) is sent to you when an email to your address about one of the child's reviews
//   attached it and the email has gone (OutboxMessage SENT, its payload's attachments naming the document). That is
//   what the council's steps do (app/services/council-review.server.ts emailLetter: one email to each recipient the
//   family letter rules choose, app/domain/young-person.ts familyLetter, with the letter attached), and what the
//   school's submission does with the review report to everyone invited (reg 20(8)).
// - Only the kinds the family receives can be downloaded by a family member at all (FAMILY_DOCUMENT_KINDS): the
//   evidence bundle is the council's working copy and stays with staff.
// - An email is yours when it was sent to your address (compared without case: the outbox keeps the address as the
//   record held it) and it has gone (SENT). A sign-in link's email is listed, but its link is never shown.
import type { SessionUser } from '#app/auth/auth.server.ts'
import { prisma } from '#app/db/db.server.ts'
import { todayInLondon } from '#app/domain/calendar-date.ts'
import { familyTimeline, type TimelineStep } from '#app/domain/family-timeline.ts'
import { CLOCK_FACTS_SELECT, clocksFor } from '#app/domain/review-facts.ts'
import { canTake } from '#app/domain/review-lifecycle.ts'
import { reviewStatusLabel } from '#app/domain/review-status.ts'
import { env } from '#app/env.server.ts'
import { attachmentSchema } from '#emails/common.ts'
import { renderTemplate, type EmailContext } from '#emails/index.ts'

/** The letters a family receives, with the name a family reads; any other kind (the evidence bundles) is staff-only. */
export const FAMILY_DOCUMENT_KINDS: Record<string, string> = {
	REVIEW_RECORD: 'Review report', // reg 20(7)-(8): to everyone invited
	DECISION_LETTER: 'Decision letter', // reg 20(10)
	AMENDMENT_NOTICE: 'Amendment notice (the changes the council wants to make)', // reg 22(2)
	FINAL_PLAN: 'Final amended EHC plan', // reg 22(3)
	NO_AMENDMENT_NOTICE: 'Letter saying the plan will not be changed', // reg 22(4)
}

export function isFamilyDocumentKind(kind: string): boolean {
	return Object.hasOwn(FAMILY_DOCUMENT_KINDS, kind)
}

/** Whether the school has sent its report, so the family may read it (reg 20(7)-(8)): the review is past its draft. */
export function reportSent(status: string): boolean {
	return !canTake('editDraft', status)
}

const sameAddress = (a: string, b: string) => a.trim().toLowerCase() === b.trim().toLowerCase()

/** The document ids an email's stored payload attached (none when it attached nothing, or its payload is not JSON). */
function attachedDocumentIds(payload: string): string[] {
	try {
		const parsed: unknown = JSON.parse(payload)
		const attachments = (parsed as { attachments?: unknown }).attachments
		if (!Array.isArray(attachments)) return []
		return attachments.flatMap((a) => {
			const file = attachmentSchema.safeParse(a)
			return file.success && 'documentId' in file.data ? [file.data.documentId] : []
		})
	} catch {
		return []
	}
}

/** The subject of a stored email, rendered again from its template and payload; a plain fallback if it cannot be. */
function subjectOf(message: { template: string; payload: string }, ctx: EmailContext): string {
	try {
		return renderTemplate(message.template, JSON.parse(message.payload), ctx).subject
	} catch {
		return 'Email from the council'
	}
}

export function emailContext(councilName: string | null | undefined): EmailContext {
	return { appUrl: env.APP_URL, councilName: councilName ?? env.COUNCIL_NAME ?? 'The council' }
}

export type FamilyReview = {
	id: string
	statusLabel: string
	meetingOn: string | null
	dueOn: string
	reportReady: boolean
	timeline: TimelineStep[]
}

/** A child's record for one family member: the child, the plan's dates, the reviews (newest first), letters and emails. */
export async function familyChildRecord(user: SessionUser, childId: string, now = new Date()) {
	const today = todayInLondon(now)
	const child = await prisma.child.findFirstOrThrow({
		where: { id: childId, family: { some: { userId: user.id } } },
		select: {
			id: true,
			firstName: true,
			lastName: true,
			la: { select: { name: true } },
			school: { select: { name: true } },
			plan: { select: { firstIssuedOn: true, lastReviewOn: true, reviewDueOn: true, status: true } },
			family: { where: { userId: user.id }, select: { relationship: true } },
			reviews: {
				orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
				select: { id: true, status: true, ...CLOCK_FACTS_SELECT },
			},
		},
	})
	const young = child.family[0]?.relationship === 'YOUNG_PERSON'
	const reviews: FamilyReview[] = child.reviews.map((review) => ({
		id: review.id,
		statusLabel: reviewStatusLabel(review.status),
		meetingOn: review.meetingOn,
		dueOn: review.dueOn,
		reportReady: reportSent(review.status),
		timeline: familyTimeline(clocksFor(review, today).deadlines, { young }),
	}))
	const reviewIds = child.reviews.map((r) => r.id)
	const ctx = emailContext(child.la.name)
	// Emails about this child's reviews, and those about no review (sign-in links), to this person's address.
	const candidates = await prisma.outboxMessage.findMany({
		where: { status: 'SENT', OR: [{ reviewId: { in: reviewIds } }, { reviewId: null, toAddress: user.email }] },
		orderBy: [{ sentAt: 'desc' }, { id: 'desc' }],
		select: { id: true, toAddress: true, template: true, payload: true, reviewId: true, sentAt: true, createdAt: true },
	})
	const mine = candidates.filter((m) => sameAddress(m.toAddress, user.email))
	const sentDocumentIds = new Set(mine.filter((m) => m.reviewId).flatMap((m) => attachedDocumentIds(m.payload)))
	const documents = await prisma.generatedDocument.findMany({
		where: { id: { in: [...sentDocumentIds] }, reviewId: { in: reviewIds }, kind: { in: Object.keys(FAMILY_DOCUMENT_KINDS) } },
		orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
		select: { id: true, kind: true, title: true, createdAt: true, reviewId: true },
	})
	return {
		child: {
			id: child.id,
			name: `${child.firstName} ${child.lastName}`,
			firstName: child.firstName,
			school: child.school?.name ?? null,
			young,
		},
		plan: child.plan,
		reviews,
		letters: documents.map((d) => ({ id: d.id, name: FAMILY_DOCUMENT_KINDS[d.kind]!, title: d.title, sentAt: d.createdAt, reviewId: d.reviewId })),
		emails: mine.map((m) => ({ id: m.id, subject: subjectOf(m, ctx), sentAt: m.sentAt ?? m.createdAt })),
	}
}

/** A generated document and the child whose review it belongs to, for the family's download (checked by the caller). */
export function findDocument(documentId: string) {
	return prisma.generatedDocument.findUnique({
		where: { id: documentId },
		select: { id: true, kind: true, title: true, storageKey: true, sizeBytes: true, reviewId: true, review: { select: { childId: true } } },
	})
}

/** An email in the outbox, for the family's message page (the caller checks it was sent to them). */
export function findMessage(messageId: string) {
	return prisma.outboxMessage.findUnique({
		where: { id: messageId },
		select: {
			id: true,
			toAddress: true,
			template: true,
			payload: true,
			status: true,
			reviewId: true,
			sentAt: true,
			createdAt: true,
			review: { select: { childId: true, la: { select: { name: true } } } },
		},
	})
}

export type StoredMessage = NonNullable<Awaited<ReturnType<typeof findMessage>>>

/** Whether the email was sent to this family member: to their own address. */
export function isSentTo(message: { toAddress: string }, user: SessionUser): boolean {
	return sameAddress(message.toAddress, user.email)
}

// A sign-in link works once for an hour; its token is blanked once the email has gone (emails/family-sign-in.ts
// secretFields). Whatever the stored payload holds, the page never shows the link: the token is replaced before
// rendering and the link's lines are taken out.
const SIGN_IN_LINK = /[^\n]*:\n\S*\/family\/sign-in\/\S+/g
const NO_LINK = 'The sign-in link is not shown here. It worked only once, for one hour.'

/** The email as it was sent, rendered again from its template and stored payload, with no secret in it. */
export function renderedMessage(message: StoredMessage) {
	const payload: unknown = JSON.parse(message.payload)
	const safe = message.template === 'family-sign-in' && typeof payload === 'object' && payload !== null ? { ...payload, token: 'removed-once-sent' } : payload
	const email = renderTemplate(message.template, safe, emailContext(message.review?.la.name))
	const text = email.text.replace(SIGN_IN_LINK, NO_LINK)
	return { subject: email.subject, text, documentIds: attachedDocumentIds(message.payload) }
}

/** The family's letters among these documents, by id, for listing an email's attachments. */
export function familyDocuments(ids: string[], reviewId: string | null) {
	if (!reviewId || ids.length === 0) return Promise.resolve([])
	return prisma.generatedDocument.findMany({
		where: { id: { in: ids }, reviewId, kind: { in: Object.keys(FAMILY_DOCUMENT_KINDS) } },
		select: { id: true, kind: true, title: true },
	})
}
