// To the family member who replied online to the amendment notice: a receipt of what they sent and when (the
// accurate record of correspondence the petition behind issue 14 asks for), what happens next, and that the council
// must send the final plan within 8 weeks of the notice (SEND Regulations 2014 reg 22(3)-(4)). Plain words: read by
// parents and young people.
import { z } from 'zod'
import { defineTemplate, familyPortalUrl, formatDate, fullName, isoDate, possessive, subjectName } from '#emails/common.ts'
import { familyRepresentationFields } from '#emails/family-representation-caseworker.ts'
import { facts, heading, inset, link, list, paragraph, renderEmail } from '#emails/layout.ts'

const noticeUrl = (appUrl: string, reviewId: string) => `${appUrl.replace(/\/+$/, '')}/family/reviews/${encodeURIComponent(reviewId)}/notice`

export const familyRepresentationReceipt = defineTemplate({
	name: 'family-representation-receipt',
	schema: z.object({
		...familyRepresentationFields,
		/** A young person writing about their own plan: "your plan", not the child's name. */
		self: z.boolean().default(false),
		noticeIssuedOn: isoDate,
	}),
	render(p, ctx) {
		const name = fullName(p.child)
		const whose = p.self ? 'your' : possessive(name)
		return renderEmail({
			ctx,
			subject: p.self
				? `We have your reply about your EHC plan, sent on ${formatDate(p.receivedOn)}`
				: `We have your reply about ${possessive(subjectName(p.child))} EHC plan, sent on ${formatDate(p.receivedOn)}`,
			title: `${p.fromName}, we have your reply`,
			blocks: [
				paragraph(`You replied online on ${formatDate(p.receivedOn)} to the changes ${ctx.councilName} wants to make to ${whose} EHC plan.`),
				heading('What you sent'),
				...p.comments.map((c) => paragraph(`About section ${c.section}, ${c.title}: ${c.comment}`)),
				p.general ? paragraph(`Your other comments: ${p.general}`) : null,
				facts([
					['Child', name],
					['Sent', formatDate(p.receivedOn)],
					['School or college you asked for', p.requestedSchool ?? 'None'],
					['Meeting with the council', p.meetingRequested ? 'You asked for one' : 'You did not ask for one'],
					['Letter or report', p.fileName ?? 'None'],
				]),
				p.schoolRequestAlready
					? inset(
							`The council already has a request for a school for this review (${p.schoolRequestAlready}). Your caseworker can see the school you asked for this time.`,
						)
					: null,
				heading('What happens next'),
				list([
					'Your caseworker will read what you sent.',
					p.requestedSchool &&
						!p.schoolRequestAlready &&
						`The council will ask ${p.requestedSchool} about ${p.self ? 'you' : p.child.firstName}. Then it will tell you if it can name it in the plan.`,
					p.meetingRequested && 'The council will contact you to arrange a meeting.',
					`You can send more until ${formatDate(p.representationsCloseOn)}.`,
					`The council must send you the final plan by ${formatDate(p.finalPlanDueOn)}. That is 8 weeks after the notice of ${formatDate(p.noticeIssuedOn)} (SEND Regulations 2014, regulation 22).`,
				]),
				link('See the notice and your reply', noticeUrl(ctx.appUrl, p.reviewId)),
				paragraph(`To get a new link to sign in, go to ${familyPortalUrl(ctx.appUrl)} and enter your email address.`),
			],
		})
	},
})
