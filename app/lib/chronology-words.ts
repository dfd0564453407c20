import { formatDate, isIsoDate } from '#app/domain/calendar-date.ts'
import type { DecisionOutcome } from '#app/domain/review-lifecycle.ts'
import { PART_TITLES, type PartKey } from '#app/domain/review-parts.ts'

/** What each email is, in the chronology's words. */
export const TEMPLATE_SUBJECT_HINTS: Record<string, string> = {
	'review-submitted-receipt': 'receipt for the review report, to the SENCo',
	'review-submitted-caseworker': 'review report received, to the council',
	'review-report-invitee': 'review report, to someone invited to the meeting (reg 20(8))',
	'decision-letter': 'decision letter',
	'amendment-notice': 'amendment notice (proposed amendments)',
	'final-plan-issued': 'final amended plan',
	'decision-not-to-amend': 'decision not to amend',
	'reminder-decision-due': 'reminder: decision due',
	'reminder-report-overdue': 'reminder: report overdue',
	'reminder-deadline-missed': 'deadline missed',
	'user-invite': 'invitation',
	'family-sign-in': 'sign-in link, to the family',
	'family-representation-caseworker': 'representation made online, to the caseworker',
	'family-representation-receipt': 'receipt for a representation made online, to the family',
}

/** A stored file named by the first characters of its SHA-256: enough to tell two files apart, short enough to read. */
export const FILE_REFERENCE_LENGTH = 8
export function shortFileReference(sha256: string): string {
	return sha256.slice(0, FILE_REFERENCE_LENGTH).toLowerCase()
}

// The codes the audit log's details hold, in the words of the pages that set them.
const OUTCOME_WORDS: Record<DecisionOutcome, string> = { MAINTAIN: 'maintain the plan', AMEND: 'amend the plan', CEASE: 'cease the plan' }
const CODE_WORDS: Record<string, string> = { ...OUTCOME_WORDS, ...PART_TITLES }

/**
 * A detail of the audit log as a person reads it: dates as '4 December 2026', a file's 64-character hash as a short
 * file reference, a decision's outcome or a review part's key as words. Anything else is left as it is.
 */
export function detailInWords(details: string): string {
	const exact = details.trim()
	if (exact in OUTCOME_WORDS) return `Decision: ${OUTCOME_WORDS[exact as DecisionOutcome]}`
	if (exact in PART_TITLES) return `Part saved: ${PART_TITLES[exact as PartKey]}`
	if (exact === 'meeting') return 'The meeting’s date, time, place and invitations'
	return details
		.replace(/\b[0-9a-f]{64}\b/gi, (hash) => `file reference ${shortFileReference(hash)}`)
		.replace(/\b(\d{4}-\d{2}-\d{2})(?:T[\d:.]+Z?)?\b/g, (_, date: string) => (isIsoDate(date) ? formatDate(date) : date))
		.replace(/\b[A-Z][A-Z_]{2,}\b/g, (code) => CODE_WORDS[code] ?? code)
}

// The family's own part in the review (issue 14), in the words the caseworker reads.
const FAMILY_RELATIONSHIP_WORDS: Record<string, string> = { PARENT: 'parent', YOUNG_PERSON: 'young person', REPRESENTATIVE: 'representative' }

/**
 * A family member's views sent online (the audit's 'family.contribute', details "<part> <relationship>", as
 * app/services/family-views.server.ts writes them): "Pat Parent (parent) gave their views online", with the part.
 */
export function familyContributionWords(name: string, details: string): { title: string; detail: string } {
	const [part = '', relationship = ''] = details.trim().split(/\s+/)
	const who = `${name} (${FAMILY_RELATIONSHIP_WORDS[relationship] ?? 'family'})`
	const childs = part === 'CHILD_VIEWS' && relationship !== 'YOUNG_PERSON'
	return {
		title: `${who} gave ${childs ? 'their child’s views' : 'their views'} online`,
		detail: part in PART_TITLES ? `In their own words: ${PART_TITLES[part as PartKey]}` : detailInWords(details),
	}
}

/** A representation's heading: the day it was received and from whom; one the family made in the portal says so (reg 22(2)(c)). */
export function representationTitle(r: { receivedOn: string; fromName: string; online: boolean }): string {
	return `Representation received on ${formatDate(r.receivedOn)} from ${r.fromName}${r.online ? ', made online by the family' : ''}`
}
