// To the caseworker assigned to the child (or the SEN managers when nobody is): a report has arrived
// and the council's decision is due by a date.
import { z } from 'zod'
import { formatDateTime } from '#app/lib/format.ts'
import {
	defineTemplate,
	formatDate,
	fullName,
	meetingFacts,
	possessive,
	reviewerAudience,
	reviewUrl,
	subjectName,
	submittedReportFields,
} from '#emails/common.ts'
import { facts, inset, link, paragraph, renderEmail } from '#emails/layout.ts'

const RECOMMENDATION_TEXT = {
	MAINTAIN: 'Keep the plan as it is',
	AMEND: 'Amend the plan',
	CEASE: 'Stop maintaining (cease) the plan',
} as const

export const reviewSubmittedCaseworker = defineTemplate({
	name: 'review-submitted-caseworker',
	schema: z.object({
		...submittedReportFields,
		/** What the meeting recommended (AnnualReview.recommendation). */
		recommendation: z.enum(['MAINTAIN', 'AMEND', 'CEASE']).nullable().default(null),
		proposedAmendments: z.number().int().min(0).default(0),
		/** MANAGER: the child has no caseworker, so the SEN managers are told instead. */
		audience: reviewerAudience,
	}),
	render(p, ctx) {
		const name = fullName(p.child)
		return renderEmail({
			ctx,
			subject: `Review report to decide: ${subjectName(p.child)} (${p.schoolName}), decision due by ${formatDate(p.decisionDueOn)}`,
			title: `${p.schoolName} has submitted ${possessive(name)} annual review report`,
			blocks: [
				paragraph(`The review meeting was held on ${formatDate(p.meetingOn)} and the school submitted the report at ${formatDateTime(p.submittedAt)}.`),
				p.audience === 'MANAGER' &&
					paragraph(
						`No caseworker is assigned to ${name}, so this has come to the SEN managers. Assign a caseworker so that the decision is made in time.`,
					),
				facts([
					...meetingFacts(name, p.schoolName, p.meetingOn),
					['School recommends', p.recommendation ? RECOMMENDATION_TEXT[p.recommendation] : 'No recommendation given'],
					['Amendments proposed', String(p.proposedAmendments)],
					['Decision due by', formatDate(p.decisionDueOn)],
				]),
				inset(
					`Decide, and tell the family and the head teacher, by ${formatDate(p.decisionDueOn)}: 4 weeks after the meeting (SEND Regulations 2014 reg 20(10)). A decision to amend must be sent with the amendment notice.`,
				),
				link(`Open ${possessive(name)} review`, reviewUrl(ctx.appUrl, p.reviewId)),
			],
		})
	},
})
