// One chronology per review: everything that happened to it and every message sent or received, so
// nobody has to ask a family to repeat themselves. Built from the audit log, the outbox and the
// representations; views and downloads are left out (they are in the audit log, not the story).
import { prisma } from '#app/db/db.server.ts'
import { detailInWords, familyContributionWords, representationTitle, TEMPLATE_SUBJECT_HINTS } from '#app/lib/chronology-words.ts'

const ACTION_WORDS: Record<string, string> = {
	'review.create': 'Review scheduled',
	'review.update': 'Review updated',
	'review.submit': 'Review report submitted by the school',
	'evidence.upload': 'Evidence uploaded',
	'decision.make': 'Council decision made',
	'notice.issue': 'Amendment notice issued',
	'representation.record': 'Representation recorded',
	'final.issue': 'Final plan issued',
	'caseworker.assign': 'Caseworker assigned',
	// The family's views sent online (issue 14): titled by who they are (familyContributionWords).
	'family.contribute': 'The family gave their views online',
}

// A change to a review says what it changed, by the record it touched: 'Review updated' alone hides the steps the
// law asks for (the consultation before ceasing, the family's agreement, a requested school).
const UPDATE_WORDS: Record<string, string> = {
	CeaseConsultation: 'Considering ceasing: family told and consulted (reg 31(1))',
	AmendmentNotice: 'Family’s agreement that they have no more to say (reg 22(2)(c))',
	AmendmentProposal: 'Amendment changed',
	SchoolRequest: 'School requested by the family: consultation and decision (s.39)',
	EvidenceFile: 'Evidence changed',
}

function eventTitle(action: string, entityType: string | null): string {
	if (action === 'review.update' && entityType && UPDATE_WORDS[entityType]) return UPDATE_WORDS[entityType]
	return ACTION_WORDS[action] ?? action
}

export type ChronologyEntry = { at: Date; kind: 'event' | 'message' | 'representation'; title: string; detail: string; by: string }

export async function chronology(reviewId: string): Promise<ChronologyEntry[]> {
	const [events, messages, representations] = await Promise.all([
		prisma.auditEvent.findMany({
			where: { reviewId, action: { in: Object.keys(ACTION_WORDS) } },
			orderBy: [{ at: 'asc' }, { id: 'asc' }],
			select: { at: true, action: true, entityType: true, details: true, user: { select: { name: true } } },
		}),
		prisma.outboxMessage.findMany({
			where: { reviewId },
			orderBy: { createdAt: 'asc' },
			select: { createdAt: true, sentAt: true, status: true, template: true, toAddress: true, toName: true, attempts: true },
		}),
		prisma.representation.findMany({
			where: { reviewId },
			orderBy: { receivedOn: 'asc' },
			select: { createdAt: true, receivedOn: true, fromName: true, summary: true, online: true },
		}),
	])
	const entries: ChronologyEntry[] = [
		...events.map((e) => {
			const by = e.user?.name ?? 'The service'
			if (e.action === 'family.contribute') return { at: e.at, kind: 'event' as const, ...familyContributionWords(by, e.details), by }
			return {
				at: e.at,
				kind: 'event' as const,
				title: eventTitle(e.action, e.entityType),
				// The audit log keeps codes, ISO dates and file hashes; the chronology reads as words.
				detail: detailInWords(e.details),
				by,
			}
		}),
		...messages.map((m) => ({
			at: m.sentAt ?? m.createdAt,
			kind: 'message' as const,
			title: `Email ${m.status === 'SENT' ? 'sent' : m.status === 'FAILED' ? 'failed' : 'waiting to be sent'}: ${TEMPLATE_SUBJECT_HINTS[m.template] ?? m.template}`,
			detail: `To ${m.toName ? `${m.toName} <${m.toAddress}>` : m.toAddress}${m.attempts > 1 ? ` (${m.attempts} attempts)` : ''}`,
			by: 'The service',
		})),
		...representations.map((r) => ({
			at: r.createdAt,
			kind: 'representation' as const,
			title: representationTitle(r),
			detail: r.summary,
			by: r.fromName,
		})),
	]
	return entries.sort((a, b) => a.at.getTime() - b.at.getTime())
}
