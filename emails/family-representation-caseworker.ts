// To the child's caseworker (or the SEN managers when nobody is assigned): the family has replied online to the
// amendment notice (SEND Regulations 2014 reg 22(2)(c)), with what they asked for, so the council can answer it before
// the final plan (reg 22(3)-(4)): a school asked for is consulted on and named unless a s.39(4) exception applies
// (Children and Families Act 2014 s.39), and a meeting asked for is arranged.
import { z } from 'zod'
import { childSchema, defineTemplate, formatDate, fullName, isoDate, possessive, reviewerAudience, reviewUrl, subjectName } from '#emails/common.ts'
import { facts, heading, inset, link, list, paragraph, renderEmail } from '#emails/layout.ts'

/** What the family sent online, as both emails carry it (app/services/family-representation.server.ts). */
export const familyRepresentationFields = {
	reviewId: z.string().min(1),
	child: childSchema,
	/** The family member who sent it. */
	fromName: z.string().trim().min(1),
	/** The day it was sent, in London: the day it was received (Representation.receivedOn). */
	receivedOn: isoDate,
	/** Their comments on the notice's amendments, by plan section. */
	comments: z
		.array(z.object({ section: z.string().trim().min(1).max(3), title: z.string().trim().min(1).max(200), comment: z.string().trim().min(1).max(5000) }))
		.max(200)
		.default([]),
	general: z.string().trim().max(10000).default(''),
	/** The school or other institution they asked to be named (s.38(2)(b)(ii)), with its type if they gave one. */
	requestedSchool: z.string().trim().max(500).nullable().default(null),
	/** The school already asked for on this review, when there was one (one request a review): the new one was not recorded as a request. */
	schoolRequestAlready: z.string().trim().max(500).nullable().default(null),
	meetingRequested: z.boolean().default(false),
	/** The letter or report they attached, by its file name. */
	fileName: z.string().trim().max(300).nullable().default(null),
	/** The last day of the family's period (AmendmentNotice.representationsCloseOn). */
	representationsCloseOn: isoDate,
	/** The statutory clock's final_plan date: 8 weeks after the notice (reg 22(3)-(4)). */
	finalPlanDueOn: isoDate,
}

export const familyRepresentationCaseworker = defineTemplate({
	name: 'family-representation-caseworker',
	schema: z.object({ ...familyRepresentationFields, audience: reviewerAudience }),
	render(p, ctx) {
		const name = fullName(p.child)
		const n = p.comments.length
		return renderEmail({
			ctx,
			subject: `Representation made online for ${subjectName(p.child)} on ${formatDate(p.receivedOn)}: final plan due by ${formatDate(p.finalPlanDueOn)}`,
			title: `${p.fromName} has replied online to the amendment notice for ${name}`,
			blocks: [
				paragraph(`${p.fromName} made a representation about ${possessive(name)} amendment notice in the portal on ${formatDate(p.receivedOn)}.`),
				p.audience === 'MANAGER' &&
					paragraph(
						`No caseworker is assigned to ${name}, so this has come to the SEN managers. Assign a caseworker so that it is answered in time.`,
					),
				facts([
					['Child', name],
					['Made online by', p.fromName],
					['Received', formatDate(p.receivedOn)],
					['Comments on amendments', n ? `${n} (sections ${p.comments.map((c) => c.section).join(', ')})` : 'None'],
					['General comment', p.general ? 'Yes' : 'None'],
					['School or institution asked for', p.requestedSchool ?? 'None'],
					['Meeting with an officer asked for', p.meetingRequested ? 'Yes' : 'No'],
					['Letter or report attached', p.fileName ?? 'None'],
					['Representations close', formatDate(p.representationsCloseOn)],
					['Final plan due by', formatDate(p.finalPlanDueOn)],
				]),
				heading('What to do'),
				list([
					'Read the representation on the review and consider it before the final plan: it can change the amendments (SEND Regulations 2014 reg 22(2)(c)).',
					p.requestedSchool &&
						(p.schoolRequestAlready
							? `A school request was already recorded on this review (${p.schoolRequestAlready}): this one is on the representation, not recorded as a request. Record the request the family wants decided.`
							: `Consult ${p.requestedSchool} with a copy of the draft plan and decide whether to name it in Section I (Children and Families Act 2014 s.39). The final plan cannot be issued until you decide.`),
					p.meetingRequested && 'Arrange a meeting between the family and an officer of the council (reg 22(2)(c)).',
				]),
				inset(
					`Issue the final plan, or a decision not to amend, by ${formatDate(p.finalPlanDueOn)}: 8 weeks after the notice (SEND Regulations 2014 reg 22(3)-(4)). Not before ${formatDate(p.representationsCloseOn)} unless the family says they have no more to say.`,
				),
				link(`Open ${possessive(name)} review`, reviewUrl(ctx.appUrl, p.reviewId)),
			],
		})
	},
})
