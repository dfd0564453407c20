// The council decided, after the representations, not to amend the plan after all: the family must be told,
// with reasons, within 8 weeks of the amendment notice (SEND Regulations 2014 reg 22(4)).
import { z } from 'zod'
import { attachmentsSchema, defineTemplate, formatDate, fullName, isoDate, possessive, reviewUrl, subjectName, whosePlan } from '#emails/common.ts'
import { facts, heading, link, paragraph, renderEmail } from '#emails/layout.ts'
import { appealRights, readOnline, familyToldOfAppeal, isFamily, letterSchema, questions, standing } from '#emails/letter.ts'

export const decisionNotToAmend = defineTemplate({
	name: 'decision-not-to-amend',
	schema: letterSchema(['SCHOOL'], {
		noticeIssuedOn: isoDate,
		decidedOn: isoDate,
		reasons: z.string().trim().min(1),
		appealBy: isoDate,
	}).extend({ attachments: attachmentsSchema }),
	render(p, ctx) {
		const name = fullName(p.child)
		const whose = whosePlan(p.audience, p.child)
		const family = isFamily(p.audience)
		const school = p.audience === 'SCHOOL'
		return renderEmail({
			ctx,
			subject:
				p.audience === 'YOUNG_PERSON'
					? `Your EHC plan will not be amended after all: decision of ${formatDate(p.decidedOn)}`
					: `${p.audience === 'PARENT_COPY' ? 'Copy: ' : ''}${possessive(subjectName(p.child))} EHC plan will not be amended after all: decision of ${formatDate(p.decidedOn)}`,
			title: `${ctx.councilName} has decided not to amend ${whose} EHC plan`,
			blocks: [
				standing(p),
				paragraph(
					`On ${formatDate(p.noticeIssuedOn)} the council sent a notice proposing changes to ${whose} EHC plan. Having considered ${family ? 'your' : p.audience === 'PARENT_COPY' ? `${possessive(p.child.firstName)}` : 'the family’s'} response, it decided on ${formatDate(p.decidedOn)} not to make those changes. The plan stays as it was.`,
				),
				facts([
					['Child or young person', name],
					['Amendment notice sent', formatDate(p.noticeIssuedOn)],
					['Decision not to amend', formatDate(p.decidedOn)],
				]),
				heading('Reasons'),
				paragraph(p.reasons),
				...appealRights(p),
				school && familyToldOfAppeal(p.appealBy),
				school && link(`View ${possessive(name)} review`, reviewUrl(ctx.appUrl, p.reviewId)),
				readOnline(p.audience, ctx),
				...questions(p.contact),
			],
		})
	},
})
