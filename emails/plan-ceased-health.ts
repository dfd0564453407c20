// The council has decided to cease to maintain a plan: the health commissioner (the integrated care board named in
// the council's settings) must be told of the decision (SEND Regulations 2014 reg 31(2)), so that health provision
// in section G is not withdrawn before the plan ends (it is maintained until any appeal is decided: CFA 2014 s.45).
import { z } from 'zod'
import { childSchema, defineTemplate, formatDate, fullName, isoDate, subjectName } from '#emails/common.ts'
import { facts, paragraph, renderEmail } from '#emails/layout.ts'
import { contactSchema, questions, requiredAttachmentsSchema } from '#emails/letter.ts'

export const planCeasedHealth = defineTemplate({
	name: 'plan-ceased-health',
	schema: z.object({
		reviewId: z.string().min(1),
		child: childSchema,
		/** The school or other institution named in the plan, if any. */
		schoolName: z.string().trim().default(''),
		meetingOn: isoDate,
		decidedOn: isoDate,
		/** The last day the family can appeal: the plan is maintained at least until then (s.45). */
		appealBy: isoDate,
		contact: contactSchema,
		// attachments: the decision letter sent to the family (GeneratedDocument of kind DECISION_LETTER).
		attachments: requiredAttachmentsSchema,
	}),
	render(p, ctx) {
		const name = fullName(p.child)
		return renderEmail({
			ctx,
			subject: `Decision of ${formatDate(p.decidedOn)} to cease the EHC plan of ${subjectName(p.child)}: notice to the health commissioner`,
			title: `${ctx.councilName} has decided to cease ${name}'s EHC plan`,
			blocks: [
				paragraph(
					`After the annual review meeting on ${formatDate(p.meetingOn)}, ${ctx.councilName} decided on ${formatDate(p.decidedOn)} to cease to maintain ${name}'s education, health and care plan. ` +
						'We are telling you as the health commissioner for the plan (SEND Regulations 2014 regulation 31(2)). The decision letter sent to the family is attached.',
				),
				facts([
					['Child or young person', name],
					p.schoolName !== '' && ['School or setting', p.schoolName],
					['Decision made on', formatDate(p.decidedOn)],
					['The family can appeal until', formatDate(p.appealBy)],
				]),
				paragraph(
					`The plan, including the health provision in section G, stays in place until the time to appeal has passed or, if the family appeals, until the Tribunal decides (Children and Families Act 2014 s.45).`,
				),
				...questions(p.contact),
			],
		})
	},
})
