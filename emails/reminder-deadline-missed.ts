// Written by the daily reminder job when one of the council's own deadlines has passed: to the caseworker,
// and a copy (audience MANAGER) to each SEN manager of the council, who answer for timeliness.
import { z } from 'zod'
import { days, defineTemplate, formatDate, fullName, isoDate, possessive, reminderFields, reviewUrl, subjectName } from '#emails/common.ts'
import { facts, inset, link, paragraph, renderEmail } from '#emails/layout.ts'

const MISSED = {
	la_decision: {
		what: 'council decision',
		rule: (due: string) =>
			`The council had to decide whether to keep, amend or cease the plan, and tell the family and the head teacher, by ${due}: 4 weeks after the review meeting (SEND Regulations 2014 reg 20(10)).`,
		action: 'Make the decision and send the decision notice as soon as possible.',
	},
	amendment_notice: {
		what: 'amendment notice',
		rule: (due: string) =>
			`A decision to amend must be sent with the amendment notice, so it was due by ${due}: 4 weeks after the review meeting (SEND Regulations 2014 reg 22(2)).`,
		action: 'Send the amendment notice, with the evidence for each proposed change, as soon as possible.',
	},
	final_plan: {
		what: 'final amended plan',
		rule: (due: string) =>
			`The final amended plan, or a notice that the plan will not be amended after all, had to be issued by ${due}: 8 weeks after the amendment notice (SEND Regulations 2014 reg 22(3)-(4)).`,
		action: 'Issue the final amended plan, or the notice not to amend with its reasons, as soon as possible.',
	},
} as const

export const reminderDeadlineMissed = defineTemplate({
	name: 'reminder-deadline-missed',
	schema: z.object({
		...reminderFields,
		deadline: z.enum(['la_decision', 'amendment_notice', 'final_plan']),
		dueOn: isoDate,
		daysLate: z.number().int().min(1),
	}),
	render(p, ctx) {
		const name = fullName(p.child)
		const missed = MISSED[p.deadline]
		const due = formatDate(p.dueOn)
		return renderEmail({
			ctx,
			subject:
				p.audience === 'MANAGER'
					? `Missed deadline on the caseload: the ${missed.what} for ${subjectName(p.child)} was due by ${due}`
					: `Deadline missed: the ${missed.what} for ${subjectName(p.child)} was due by ${due}`,
			title: `The ${missed.what} for ${name} is ${days(p.daysLate)} late`,
			blocks: [
				paragraph(missed.rule(due)),
				facts([
					['Child', name],
					['School', p.schoolName || 'No school recorded'],
					['Deadline', `${missed.what.charAt(0).toUpperCase()}${missed.what.slice(1)}, due by ${due}`],
					['Late by', days(p.daysLate)],
					p.audience === 'MANAGER' && ['Caseworker', p.caseworkerName ?? 'Not assigned'],
				]),
				inset(`${missed.action} Tell the family about the delay and when to expect it.`),
				p.audience === 'MANAGER' &&
					paragraph(
						`You are receiving this because you are an SEN manager at ${ctx.councilName}: the missed deadline counts in the council’s timeliness figures.`,
					),
				link(`Open ${possessive(name)} review`, reviewUrl(ctx.appUrl, p.reviewId)),
			],
		})
	},
})
