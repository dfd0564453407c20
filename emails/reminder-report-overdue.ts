// Written by the daily reminder job when the school's review report is past its 2-week deadline
// (SEND Regulations 2014 reg 20(7)): the caseworker chases the school, because the council's own
// decision deadline does not move.
import { z } from 'zod'
import { days, defineTemplate, formatDate, fullName, isoDate, meetingFacts, possessive, reminderFields, reviewUrl, subjectName } from '#emails/common.ts'
import { facts, inset, link, paragraph, renderEmail } from '#emails/layout.ts'

export const reminderReportOverdue = defineTemplate({
	name: 'reminder-report-overdue',
	schema: z.object({
		...reminderFields,
		meetingOn: isoDate,
		reportDueOn: isoDate,
		daysLate: z.number().int().min(1),
		decisionDueOn: isoDate,
	}),
	render(p, ctx) {
		const name = fullName(p.child)
		const school = p.schoolName || 'The school'
		return renderEmail({
			ctx,
			subject: `Review report overdue for ${subjectName(p.child)}: it was due by ${formatDate(p.reportDueOn)}${p.schoolName ? ` from ${p.schoolName}` : ''}`,
			title: `${school} has not sent ${possessive(name)} review report`,
			blocks: [
				paragraph(
					`The annual review meeting was held on ${formatDate(p.meetingOn)}, so the review report had to reach the council by ${formatDate(p.reportDueOn)} (SEND Regulations 2014 reg 20(7)). It is ${days(p.daysLate)} late.`,
				),
				facts([
					...meetingFacts(name, p.schoolName, p.meetingOn),
					['Report due by', formatDate(p.reportDueOn)],
					['Council decision due by', formatDate(p.decisionDueOn)],
					p.audience === 'MANAGER' && ['Caseworker', p.caseworkerName ?? 'Not assigned'],
				]),
				inset(`The council’s decision is still due by ${formatDate(p.decisionDueOn)}. Contact the school’s SENCo to get the report.`),
				p.audience === 'MANAGER' &&
					p.caseworkerName === null &&
					paragraph(`No caseworker is assigned to ${name}, so this reminder has come to the SEN managers.`),
				link(`Open ${possessive(name)} review`, reviewUrl(ctx.appUrl, p.reviewId)),
			],
		})
	},
})
