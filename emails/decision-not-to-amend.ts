// The council decided, after the representations, not to amend the plan after all: the family must be told,
// with reasons, within 8 weeks of the amendment notice (SEND Regulations 2014 reg 22(4)).
import { z } from 'zod'
import {
	appealText,
	attachmentsSchema,
	childSchema,
	contactSchema,
	contactText,
	defineTemplate,
	formatDate,
	fullName,
	isoDate,
	possessive,
	reviewUrl,
	SENDIASS_TEXT,
	subjectName,
	whosePlan,
} from '#emails/common.ts'
import { facts, heading, inset, link, paragraph, renderEmail } from '#emails/layout.ts'

export const decisionNotToAmend = defineTemplate({
	name: 'decision-not-to-amend',
	schema: z.object({
		reviewId: z.string().min(1),
		child: childSchema,
		audience: z.enum(['PARENT', 'YOUNG_PERSON', 'SCHOOL']),
		noticeIssuedOn: isoDate,
		decidedOn: isoDate,
		reasons: z.string().trim().min(1),
		appealBy: isoDate,
		contact: contactSchema,
		attachments: attachmentsSchema,
	}),
	render(p, ctx) {
		const name = fullName(p.child)
		const whose = whosePlan(p.audience, p.child)
		const family = p.audience !== 'SCHOOL'
		return renderEmail({
			ctx,
			subject:
				p.audience === 'YOUNG_PERSON'
					? `Your EHC plan will not be amended after all: decision of ${formatDate(p.decidedOn)}`
					: `${possessive(subjectName(p.child))} EHC plan will not be amended after all: decision of ${formatDate(p.decidedOn)}`,
			title: `${ctx.councilName} has decided not to amend ${whose} EHC plan`,
			blocks: [
				paragraph(
					`On ${formatDate(p.noticeIssuedOn)} the council sent a notice proposing changes to ${whose} EHC plan. Having considered ${family ? 'your' : 'the family’s'} response, it decided on ${formatDate(p.decidedOn)} not to make those changes. The plan stays as it was.`,
				),
				facts([
					['Child or young person', name],
					['Amendment notice sent', formatDate(p.noticeIssuedOn)],
					['Decision not to amend', formatDate(p.decidedOn)],
				]),
				heading('Reasons'),
				paragraph(p.reasons),
				family && heading('If you disagree'),
				family && inset(appealText(p.appealBy)),
				family && paragraph(SENDIASS_TEXT),
				!family && paragraph(`The family has been told of their right to appeal to the Tribunal, until ${formatDate(p.appealBy)}.`),
				!family && link(`View ${possessive(name)} review`, reviewUrl(ctx.appUrl, p.reviewId)),
				heading('Questions'),
				paragraph(`Contact ${contactText(p.contact)}.`),
			],
		})
	},
})
