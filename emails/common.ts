// What the templates share: the payload building blocks (zod), how a child is named, links into the
// portal, and the template type the registry (emails/index.ts) is built from. What the letter emails
// alone share (their payload, the right of appeal, whom to contact) is in emails/letter.ts.
import { z } from 'zod'
import { formatDate, isIsoDate } from '#app/domain/calendar-date.ts'
import type { EmailContext, RenderedEmail } from '#emails/layout.ts'

export interface EmailTemplate<Name extends string = string, Schema extends z.ZodType = z.ZodType> {
	name: Name
	/** Validates the payload when the message is written (enqueueEmail) and again when it is sent. */
	schema: Schema
	render(payload: z.output<Schema>, ctx: EmailContext): RenderedEmail
	/**
	 * Payload fields that must not outlive delivery (a one-time sign-in token): the outbox worker blanks
	 * them once the message is sent or has finally failed, so a copy of the database holds no live link.
	 */
	secretFields?: ReadonlyArray<string>
}

export function defineTemplate<const Name extends string, Schema extends z.ZodType>(template: EmailTemplate<Name, Schema>) {
	return template
}

export const isoDate = z.string().refine(isIsoDate, 'must be a calendar date, YYYY-MM-DD')
/** An instant: a Date, or its ISO string once the payload has been stored as JSON. */
export const instant = z.union([z.date(), z.iso.datetime({ offset: true }).transform((value) => new Date(value))])

export const childSchema = z.object({
	firstName: z.string().trim().min(1),
	lastName: z.string().trim().min(1),
})
export type ChildName = z.output<typeof childSchema>

/**
 * One file to attach, loaded by the outbox worker when it sends: a document the portal generated (a GeneratedDocument),
 * or an evidence file of the same review as it was uploaded (the amendment notice's evidence that cannot be put into
 * its PDF, a Word document: reg 22(2)(b) copies of the evidence).
 */
export const attachmentSchema = z.union([z.object({ documentId: z.string().min(1) }), z.object({ evidenceId: z.string().min(1) })])
export type Attachment = z.output<typeof attachmentSchema>

/** The files to attach: the outbox worker loads them when it sends. */
export const attachmentsSchema = z.array(attachmentSchema).max(20).optional()

export const reviewerAudience = z.enum(['CASEWORKER', 'MANAGER']).default('CASEWORKER')

/** A reminder's review: the child and their school (none recorded is allowed) and, for the managers' copy, the caseworker. */
export const reminderFields = {
	reviewId: z.string().min(1),
	child: childSchema,
	schoolName: z.string().trim().nullable().default(null),
	audience: reviewerAudience,
	/** The assigned caseworker, for the managers' copy; null when nobody is assigned. */
	caseworkerName: z.string().trim().nullable().default(null),
}

/** A submitted review report: the child and school, when the meeting was held, when the school submitted it and when the council's decision is due. */
export const submittedReportFields = {
	reviewId: z.string().min(1),
	child: childSchema,
	schoolName: z.string().trim().min(1),
	meetingOn: isoDate,
	submittedAt: instant,
	/** The statutory clock's la_decision date: 4 weeks after the meeting (reg 20(10)). */
	decisionDueOn: isoDate,
	attachments: attachmentsSchema,
}

/** The first facts of an email about a review's meeting: the child, their school and when the meeting was held. */
export function meetingFacts(name: string, schoolName: string | null, meetingOn: string) {
	return [['Child', name] as const, ['School', schoolName || 'No school recorded'] as const, ['Review meeting held', formatDate(meetingOn)] as const]
}

export function fullName(child: ChildName): string {
	return `${child.firstName} ${child.lastName}`
}

/**
 * The child as named in a subject line: first name and last initial ('Amira K.'). Subjects are shown in
 * notification previews, on lock screens and in shared school SEN mailboxes, so they carry the least that
 * still tells the reader which child it is (UK GDPR data minimisation); the body names the child in full.
 */
export function subjectName(child: ChildName): string {
	return `${child.firstName} ${child.lastName.charAt(0).toUpperCase()}.`
}

/**
 * Whose plan, as the reader would say it: a young person (16+) receives notices in their own right
 * and is written to as 'you'; everyone else reads the child's name.
 */
export function whosePlan(audience: string, child: ChildName): string {
	return audience === 'YOUNG_PERSON' ? 'your' : possessive(fullName(child))
}

export function capitalise(text: string): string {
	return text.charAt(0).toUpperCase() + text.slice(1)
}

export function possessive(name: string): string {
	return /s$/i.test(name) ? `${name}’` : `${name}’s`
}

export function days(n: number): string {
	return n === 1 ? '1 day' : `${n} days`
}

// Links into the portal, in one place so that a route change is one edit.
function base(appUrl: string): string {
	return appUrl.replace(/\/+$/, '')
}
export const reviewUrl = (appUrl: string, reviewId: string) => `${base(appUrl)}/reviews/${encodeURIComponent(reviewId)}`
export const caseloadUrl = (appUrl: string) => `${base(appUrl)}/caseload`
export const setPasswordUrl = (appUrl: string, token: string) => `${base(appUrl)}/set-password/${encodeURIComponent(token)}`
export const resetPasswordUrl = (appUrl: string) => `${base(appUrl)}/reset-password`
export const familySignInUrl = (appUrl: string, token: string) => `${base(appUrl)}/family/sign-in/${encodeURIComponent(token)}`
/** Where a family member asks for a new sign-in link (and where emails to families send them). */
export const familyPortalUrl = (appUrl: string) => `${base(appUrl)}/family/sign-in`

export { formatDate }
