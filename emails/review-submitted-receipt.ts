// To the SENCo who submitted the review report: a receipt that says whether it met the 2-week deadline
// and what the council must do next, and by when.
import { z } from 'zod'
import { daysBetween, todayInLondon } from '#app/domain/calendar-date.ts'
import { formatDateTime } from '#app/lib/format.ts'
import { days, defineTemplate, formatDate, fullName, isoDate, meetingFacts, reviewUrl, subjectName, submittedReportFields } from '#emails/common.ts'
import { facts, heading, inset, link, list, paragraph, renderEmail } from '#emails/layout.ts'

export const reviewSubmittedReceipt = defineTemplate({
	name: 'review-submitted-receipt',
	schema: z.object({
		...submittedReportFields,
		/** The statutory clock's review_report date: 2 weeks after the meeting (reg 20(7)). */
		reportDueOn: isoDate,
	}),
	render(p, ctx) {
		const name = fullName(p.child)
		const daysLate = daysBetween(p.reportDueOn, todayInLondon(p.submittedAt))
		const onTime = daysLate <= 0
		return renderEmail({
			ctx,
			subject: `Review report received for ${subjectName(p.child)}: council decision due by ${formatDate(p.decisionDueOn)}`,
			title: `We have received the annual review report for ${name}`,
			blocks: [
				paragraph(`${p.schoolName} submitted the annual review report for ${name} to ${ctx.councilName} at ${formatDateTime(p.submittedAt)}.`),
				facts([
					...meetingFacts(name, p.schoolName, p.meetingOn),
					['Report submitted', formatDateTime(p.submittedAt)],
					['Report deadline', `${formatDate(p.reportDueOn)} (${onTime ? 'met' : `missed by ${days(daysLate)}`})`],
					['Council decision due by', formatDate(p.decisionDueOn)],
				]),
				onTime
					? inset(`The report was sent within 2 weeks of the meeting, as the law requires (SEND Regulations 2014 reg 20(7)).`)
					: inset(
							`The report was sent ${days(daysLate)} after the deadline of ${formatDate(p.reportDueOn)} (2 weeks after the meeting, SEND Regulations 2014 reg 20(7)). The council’s own deadline has not moved.`,
						),
				heading('What happens next'),
				list([
					`The council decides whether to keep ${name}’s plan as it is, amend it or stop maintaining it (cease it).`,
					`It must tell the family and the head teacher its decision by ${formatDate(p.decisionDueOn)}: 4 weeks after the meeting (SEND Regulations 2014 reg 20(10)).`,
					`If it decides to amend the plan, the family and the school get the proposed amendments and at least 15 days to comment on them.`,
					`We have emailed the report to everyone invited to the meeting who has an email address (reg 20(8)); send a copy to anyone invited who has none.`,
				]),
				link(`View ${name}’s review`, reviewUrl(ctx.appUrl, p.reviewId)),
			],
		})
	},
})
