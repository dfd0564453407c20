// The registry of email templates. A message in the outbox names its template and carries its payload as
// JSON; the payload is validated by the template's schema when the message is written (enqueueEmail) and
// again when it is rendered, at send time, by the outbox worker.
import type { z } from 'zod'
import { amendmentNotice } from '#emails/amendment-notice.ts'
import type { Attachment, EmailTemplate } from '#emails/common.ts'
import { decisionLetter } from '#emails/decision-letter.ts'
import { decisionNotToAmend } from '#emails/decision-not-to-amend.ts'
import { familyRepresentationCaseworker } from '#emails/family-representation-caseworker.ts'
import { familyRepresentationReceipt } from '#emails/family-representation-receipt.ts'
import { familySignIn } from '#emails/family-sign-in.ts'
import { finalPlanIssued } from '#emails/final-plan-issued.ts'
import type { EmailContext, RenderedEmail } from '#emails/layout.ts'
import { passwordReset } from '#emails/password-reset.ts'
import { planCeasedHealth } from '#emails/plan-ceased-health.ts'
import { reminderDeadlineMissed } from '#emails/reminder-deadline-missed.ts'
import { reminderDecisionDue } from '#emails/reminder-decision-due.ts'
import { reminderReportOverdue } from '#emails/reminder-report-overdue.ts'
import { reviewReportInvitee } from '#emails/review-report-invitee.ts'
import { reviewSubmittedCaseworker } from '#emails/review-submitted-caseworker.ts'
import { reviewSubmittedReceipt } from '#emails/review-submitted-receipt.ts'
import { userInvite } from '#emails/user-invite.ts'

export const templates = {
	'review-submitted-receipt': reviewSubmittedReceipt,
	'review-submitted-caseworker': reviewSubmittedCaseworker,
	'review-report-invitee': reviewReportInvitee,
	'decision-letter': decisionLetter,
	'amendment-notice': amendmentNotice,
	'final-plan-issued': finalPlanIssued,
	'decision-not-to-amend': decisionNotToAmend,
	'plan-ceased-health': planCeasedHealth,
	'reminder-decision-due': reminderDecisionDue,
	'reminder-report-overdue': reminderReportOverdue,
	'reminder-deadline-missed': reminderDeadlineMissed,
	'user-invite': userInvite,
	'password-reset': passwordReset,
	'family-sign-in': familySignIn,
	'family-representation-caseworker': familyRepresentationCaseworker,
	'family-representation-receipt': familyRepresentationReceipt,
} as const

export type TemplateName = keyof typeof templates
/** What a caller passes for a template (defaults may be left out; dates may be Date objects). */
export type PayloadOf<Name extends TemplateName> = z.input<(typeof templates)[Name]['schema']>

export const TEMPLATE_NAMES = Object.keys(templates) as TemplateName[]

export function isTemplateName(name: string): name is TemplateName {
	return Object.hasOwn(templates, name)
}

export interface PreparedEmail extends RenderedEmail {
	/** Generated documents and evidence files to attach. */
	attachments: Attachment[]
}

/** Validates a stored payload against its template and renders the message; throws on an unknown template or a bad payload. */
export function renderTemplate(name: string, payload: unknown, ctx: EmailContext): PreparedEmail {
	if (!isTemplateName(name)) throw new Error(`Unknown email template "${name}"`)
	const template: EmailTemplate = templates[name]
	const parsed = template.schema.parse(payload) as Record<string, unknown>
	const rendered = template.render(parsed, ctx)
	const attachments = Array.isArray(parsed.attachments) ? (parsed.attachments as Attachment[]) : []
	return { ...rendered, attachments }
}

/**
 * The payload with the template's secret fields blanked, for the outbox to keep once a message is done;
 * null when the template has none (nothing to rewrite).
 */
export function redactSecrets(name: string, payload: unknown): Record<string, unknown> | null {
	const secretFields = isTemplateName(name) ? (templates[name] as EmailTemplate).secretFields : undefined
	if (!secretFields?.length || typeof payload !== 'object' || payload === null) return null
	const copy: Record<string, unknown> = { ...payload }
	for (const field of secretFields) if (field in copy) copy[field] = '[removed once sent]'
	return copy
}

export type { EmailContext, RenderedEmail } from '#emails/layout.ts'
