// What the four letter emails share: the decision letter (decision-letter.ts), the amendment notice
// (amendment-notice.ts), the final amended plan (final-plan-issued.ts) and the decision not to amend
// (decision-not-to-amend.ts). Each goes with a letter or notice of the council's to the family and to the
// school, so each carries the same payload fields; and what they say of the right of appeal, where to get
// advice and whom to contact is written here once.
import { z } from 'zod'
import { actingAs, REPRESENTATIVE_ROLES } from '#app/domain/young-person.ts'
import { mediationSummary } from '#app/pdf/statutory-paragraphs.ts'
import { attachmentSchema, childSchema, familyPortalUrl, formatDate, fullName, possessive, type ChildName } from '#emails/common.ts'
import { heading, inset, paragraph, type Block, type EmailContext } from '#emails/layout.ts'

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

/**
 * The family, who receive every letter (app/domain/young-person.ts familyLetter): the parent of a child; the young
 * person in their own right from the end of compulsory school age (CFA 2014 s.83(2)); the person acting for a young
 * person who lacks capacity (SEND Regulations 2014 reg 64); and the young person's parent sent a copy with their
 * agreement (PARENT_COPY).
 */
export const FAMILY_AUDIENCES = ['PARENT', 'YOUNG_PERSON', 'REPRESENTATIVE', 'PARENT_COPY'] as const

/** Whether the reader holds the family's rights (to reply, to ask for a school, to appeal) and is told them as "you". */
export function isFamily(audience: string): boolean {
	return audience === 'PARENT' || audience === 'YOUNG_PERSON' || audience === 'REPRESENTATIVE'
}

/** A parent sent a copy of a young person's letter, with the young person's agreement: the rights are the young person's. */
export function isParentCopy(audience: string): boolean {
	return audience === 'PARENT_COPY'
}

/** Who acts for a young person who lacks capacity (reg 64): set on a REPRESENTATIVE's email. */
export const actingAsSchema = z.enum(REPRESENTATIVE_ROLES).optional()

/** The first name of the young person, as a copy to their parent speaks of them. */
const firstName = (child: ChildName) => child.firstName

/**
 * Why this reader gets the letter, when it is not the parent of a child: the young person (the decisions are theirs
 * now), the person acting for them (reg 64), or their parent (a copy, with their agreement). Nothing for anyone else.
 */
export function standing(p: { audience: string; child: ChildName; actingAs?: z.output<typeof actingAsSchema> }): Block | null {
	const name = fullName(p.child)
	if (p.audience === 'YOUNG_PERSON')
		return paragraph(
			'We are writing to you, rather than to your parents, because you are over compulsory school age: the decisions about your EHC plan are yours to make (Children and Families Act 2014).',
		)
	if (p.audience === 'REPRESENTATIVE')
		return inset(
			`We are writing to you ${p.actingAs ? actingAs(p.actingAs, name) : `as the person acting for ${name}`}, because ${name} does not have the capacity to make decisions about their EHC plan. You act for them (SEND Regulations 2014, regulation 64): what this email says you can do, you do for ${p.child.firstName}.`,
		)
	if (p.audience === 'PARENT_COPY')
		return inset(
			`This is a copy for you. The letter is to ${name}, who has agreed that we send you copies of letters about their EHC plan. The decisions about the plan are ${possessive(p.child.firstName)} own (Children and Families Act 2014).`,
		)
	return null
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
		actingAs: actingAsSchema,
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
export function appealRights(
	p: { audience: string; child?: ChildName; appealBy: string; mediation?: z.output<typeof mediationSchema> },
	about?: string,
): Array<Block | null> {
	if (isParentCopy(p.audience) && p.child) {
		// The right of appeal is the young person's (CFA 2014 s.51(1)): their parent is told it, in the third person.
		const who = firstName(p.child)
		return [
			heading(`If ${who} disagrees`),
			inset(
				`${who} can appeal to the First-tier Tribunal (Special Educational Needs and Disability) until ${formatDate(p.appealBy)}: ` +
					`2 months from the day the letter was sent, or 1 month from the date of a mediation certificate if that is later. ` +
					`Before appealing ${who} must contact a mediation adviser, unless the appeal is only about the school or college named in the plan. The letter to ${who} explains how.`,
			),
			paragraph(SENDIASS_TEXT),
		]
	}
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

/**
 * Where the family reads their letters and replies online (issue 14): the portal's sign-in page, where they ask for a
 * link by their email address. For the family's own emails only (the school's and health's copies have staff links or
 * none). A parent sent a copy reads it there; the reply is the young person's.
 */
export function readOnline(audience: string, ctx: EmailContext, what: 'letter' | 'report' = 'letter'): Block | null {
	const url = familyPortalUrl(ctx.appUrl)
	if (isFamily(audience)) {
		return paragraph(
			what === 'letter' ? `You can read this letter and reply online: sign in at ${url}` : `You can read this report online: sign in at ${url}`,
		)
	}
	if (isParentCopy(audience)) return paragraph(`You can read this ${what} online: sign in at ${url}`)
	return null
}
