// Written by the daily reminder job (app/jobs/reminders.server.ts) when the council's decision is 5 days
// away or less: to the child's caseworker, or to the SEN managers when no caseworker is assigned.
import { z } from 'zod'
import { days, defineTemplate, formatDate, fullName, isoDate, meetingFacts, possessive, reminderFields, reviewUrl, subjectName } from '#emails/common.ts'
import { facts, inset, link, paragraph, renderEmail } from '#emails/layout.ts'

export const reminderDecisionDue = defineTemplate({
	name: 'reminder-decision-due',
	schema: z.object({
		...reminderFields,
		meetingOn: isoDate,
		decisionDueOn: isoDate,
		daysLeft: z.number().int().min(0),
		reportReceivedOn: isoDate.nullable().default(null),
	}),
	render(p, ctx) {
		const name = fullName(p.child)
		const due = formatDate(p.decisionDueOn)
		const when = p.daysLeft === 0 ? 'today' : `in ${days(p.daysLeft)}`
		return renderEmail({
			ctx,
			subject: `Decision due ${when} for ${subjectName(p.child)} (by ${due})`,
			title: `The decision on ${possessive(name)} annual review is due ${p.daysLeft === 0 ? 'today' : `by ${due}`}`,
			blocks: [
				paragraph(
					`The council must decide whether to keep, amend or cease ${possessive(name)} EHC plan, and tell the family and the head teacher, by ${due}: 4 weeks after the review meeting on ${formatDate(p.meetingOn)} (SEND Regulations 2014 reg 20(10)).`,
				),
				facts([
					...meetingFacts(name, p.schoolName, p.meetingOn),
					['Review report', p.reportReceivedOn ? `Received on ${formatDate(p.reportReceivedOn)}` : 'Not received yet'],
					['Decision due by', `${due} (${p.daysLeft === 0 ? 'today' : `${days(p.daysLeft)} left`})`],
					p.audience === 'MANAGER' && ['Caseworker', p.caseworkerName ?? 'Not assigned'],
				]),
				p.audience === 'MANAGER' &&
					p.caseworkerName === null &&
					paragraph(`No caseworker is assigned to ${name}, so this reminder has come to the SEN managers. Assign a caseworker or make the decision.`),
				inset(`If you decide to amend the plan, the amendment notice must be sent with the decision, by ${due}.`),
				link(`Open ${possessive(name)} review`, reviewUrl(ctx.appUrl, p.reviewId)),
			],
		})
	},
})
