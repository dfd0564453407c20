// The council's decision after the annual review, to the parent or young person and to the head teacher
// (SEND Regulations 2014 reg 20(10)), with the decision letter attached. An 'amend' decision is sent as
// the amendment notice instead (amendment-notice.ts), because the notice must go with it (reg 22(2)).
import { z } from 'zod'
import { capitalise, defineTemplate, formatDate, fullName, isoDate, reviewUrl, subjectName, whosePlan } from '#emails/common.ts'
import { facts, link, paragraph, renderEmail } from '#emails/layout.ts'
import { appealRights, readOnline, familyToldOfAppeal, letterSchema, questions, standing } from '#emails/letter.ts'

export const decisionLetter = defineTemplate({
	name: 'decision-letter',
	schema: letterSchema(['HEAD_TEACHER'], {
		decision: z.enum(['MAINTAIN', 'CEASE']),
		meetingOn: isoDate,
		decidedOn: isoDate,
		/** The last day to appeal: 2 months from the decision letter (later after mediation). */
		appealBy: isoDate,
		/** MAINTAIN: when the next annual review must be held (s.44(1)). */
		nextReviewDueOn: isoDate.nullable().default(null),
		// attachments: the decision letter (GeneratedDocument of kind DECISION_LETTER).
	}),
	render(p, ctx) {
		const whose = whosePlan(p.audience, p.child)
		const school = p.audience === 'HEAD_TEACHER'
		const outcome = p.decision === 'MAINTAIN' ? 'keep (maintain) the plan without changes' : 'stop maintaining (cease) the plan'
		const subjectOutcome = p.decision === 'MAINTAIN' ? 'the EHC plan will be kept as it is' : 'the EHC plan will be ceased'
		return renderEmail({
			ctx,
			subject:
				p.audience === 'YOUNG_PERSON'
					? `Your annual review decision of ${formatDate(p.decidedOn)}: ${subjectOutcome.replace('the EHC plan', 'your EHC plan')}`
					: `${p.audience === 'PARENT_COPY' ? 'Copy: annual' : 'Annual'} review decision for ${subjectName(p.child)}, ${formatDate(p.decidedOn)}: ${subjectOutcome}`,
			title:
				p.decision === 'MAINTAIN'
					? `${capitalise(whose)} EHC plan will be kept as it is`
					: `${ctx.councilName} will stop maintaining ${whose} EHC plan`,
			blocks: [
				standing(p),
				paragraph(
					`After the annual review meeting on ${formatDate(p.meetingOn)}, ${ctx.councilName} decided on ${formatDate(p.decidedOn)} to ${outcome}. The decision letter is attached: it gives the reasons.`,
				),
				facts([
					['Child or young person', fullName(p.child)],
					['Review meeting held', formatDate(p.meetingOn)],
					['Decision', p.decision === 'MAINTAIN' ? 'Keep the plan as it is' : 'Stop maintaining (cease) the plan'],
					['Decision made on', formatDate(p.decidedOn)],
					['Appeal by', formatDate(p.appealBy)],
					p.decision === 'MAINTAIN' && p.nextReviewDueOn !== null && ['Next annual review due by', formatDate(p.nextReviewDueOn)],
				]),
				p.decision === 'CEASE' &&
					paragraph(`The plan stays in place until the time to appeal has passed or, if there is an appeal, until the Tribunal decides it.`),
				...appealRights(p),
				school && familyToldOfAppeal(p.appealBy),
				school && link('View the review in the portal (for the school’s SENCo)', reviewUrl(ctx.appUrl, p.reviewId)),
				readOnline(p.audience, ctx),
				...questions(p.contact),
			],
		})
	},
})
