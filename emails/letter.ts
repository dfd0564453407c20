// What the four letter emails share: the decision letter (decision-letter.ts), the amendment notice
// (amendment-notice.ts), the final amended plan (final-plan-issued.ts) and the decision not to amend
// (decision-not-to-amend.ts). Each goes with a letter or notice of the council's to the family and to the
// school, so each carries the same payload fields; and what they say of the right of appeal, where to get
// advice and whom to contact is written here once.
import { z } from 'zod'
import { mediationSummary } from '#app/pdf/statutory-paragraphs.ts'
import { attachmentSchema, childSchema, formatDate } from '#emails/common.ts'
import { heading, inset, paragraph, type Block } from '#emails/layout.ts'

/** The letter or notice the email goes with (a GeneratedDocument): these emails are sent for it. */
export const requiredAttachmentsSchema = z
	.array(attachmentSchema)
	.max(20)
	.refine((files) => files.some((f) => 'documentId' in f), 'The letter or notice itself must be attached')

/** Who the family (or school) should contact about this review: usually the caseworker. */
export const contactSchema = z.object({
	name: z.string().trim().min(1),
	email: z.email(),
	phone: z.string().trim().default(''),
})
export type Contact = z.output<typeof contactSchema>

/**
 * The council's mediation adviser and named contact, which every appealable letter must give (SEND Regulations 2014
 * reg 32(c), (f)); absent in messages queued before they were carried.
 */
export const mediationSchema = z
	.object({
		mediationAdviserContact: z.string().trim().default(''),
		mediationContactName: z.string().trim().default(''),
		mediationContactEmail: z.string().trim().default(''),
		mediationContactPhone: z.string().trim().default(''),
	})
	.optional()

/** The family, who receive every letter: the parent, or the young person in their own right from 16. */
export const FAMILY_AUDIENCES = ['PARENT', 'YOUNG_PERSON'] as const

export function isFamily(audience: string): boolean {
	return (FAMILY_AUDIENCES as readonly string[]).includes(audience)
}

/**
 * A letter email's payload: the review, the child, who reads it (the family, or one of `others`), the letter's
 * own `fields`, who to contact, the council's mediation contacts (reg 32) and the letter attached.
 */
export function letterSchema<const Others extends readonly string[], Fields extends z.ZodRawShape>(others: Others, fields: Fields) {
	return z.object({
		reviewId: z.string().min(1),
		child: childSchema,
		audience: z.enum([...FAMILY_AUDIENCES, ...others]),
		...fields,
		contact: contactSchema,
		mediation: mediationSchema,
		attachments: requiredAttachmentsSchema,
	})
}

export function contactText(contact: Contact): string {
	return `${contact.name}, ${contact.email}${contact.phone ? `, ${contact.phone}` : ''}`
}

/**
 * The appeal paragraph every decision a family can appeal must carry (SEND Regulations 2014 regs 29-32; CoP 11.45-11.47).
 * `appealBy` is 2 months from the day the letter was sent (HESC Rules 2008 r.20: app/domain/appeal-deadline.ts).
 */
export function appealText(appealBy: string): string {
	return (
		`You can appeal to the First-tier Tribunal (Special Educational Needs and Disability) until ${formatDate(appealBy)}: ` +
		`2 months from the day the letter was sent, or 1 month from the date of a mediation certificate if that is later. ` +
		`Before you appeal you must contact a mediation adviser, unless the appeal is only about the school or college named in the plan.`
	)
}

export const SENDIASS_TEXT =
	'You can get free, impartial information, advice and support from your local SEND information, advice and support service (SENDIASS).'

/**
 * The family's right of appeal, for the family only: the heading, what in the plan they can appeal about (when
 * the letter says), the appeal paragraph and where to get free advice.
 */
export function appealRights(p: { audience: string; appealBy: string; mediation?: z.output<typeof mediationSchema> }, about?: string): Array<Block | null> {
	if (!isFamily(p.audience)) return []
	return [
		heading('If you disagree'),
		about ? paragraph(about) : null,
		inset(appealText(p.appealBy)),
		// reg 32(a)-(f): the mediation adviser is contacted within the same 2 months (reg 33).
		p.mediation ? paragraph(mediationSummary(p.mediation, p.appealBy)) : null,
		paragraph(SENDIASS_TEXT),
	]
}

/** For the school's copy: the family has been told they can appeal, and until when. */
export function familyToldOfAppeal(appealBy: string): Block {
	return paragraph(`The family has been told of their right to appeal to the Tribunal, until ${formatDate(appealBy)}.`)
}

/** Whom to ask about the letter: the last block of every letter email a family can appeal. */
export function questions(contact: Contact): Block[] {
	return [heading('Questions'), paragraph(`Contact ${contactText(contact)}.`)]
}
