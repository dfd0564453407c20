// The amendment notice (the proposed amendments, with their evidence) to the parent or young person and to
// the school: representations close 15 days after it was served, counting that day (reg 22(2)(c)).
import { z } from 'zod'
import { currentPlanEnclosed, localOffer, SECTION_38_3_INSTITUTIONS } from '#app/pdf/statutory-paragraphs.ts'
import { defineTemplate, formatDate, fullName, isoDate, possessive, reviewUrl, subjectName, whosePlan } from '#emails/common.ts'
import { facts, heading, inset, link, list, paragraph, renderEmail } from '#emails/layout.ts'
import { contactText, isFamily, isParentCopy, letterSchema, readOnline, SENDIASS_TEXT, standing } from '#emails/letter.ts'

export const amendmentNotice = defineTemplate({
	name: 'amendment-notice',
	schema: letterSchema(['SCHOOL'], {
		meetingOn: isoDate,
		issuedOn: isoDate,
		/** The last day for representations (AmendmentNotice.representationsCloseOn). */
		representationsCloseOn: isoDate,
		/** The statutory clock's final_plan date: 8 weeks after the notice (reg 22(3)). */
		finalPlanDueOn: isoDate,
		amendmentCount: z.number().int().min(1),
		/** The council's Local Offer, where families find information about schools and colleges (reg 22(2)(d)). */
		localOfferUrl: z.string().trim().default(''),
		// attachments: the amendment notice and draft amended plan (GeneratedDocument of kind AMENDMENT_NOTICE).
	}),
	render(p, ctx) {
		const whose = whosePlan(p.audience, p.child)
		const name = fullName(p.child)
		const family = isFamily(p.audience)
		const copy = isParentCopy(p.audience)
		const school = p.audience === 'SCHOOL'
		const closes = formatDate(p.representationsCloseOn)
		const changes = p.amendmentCount === 1 ? '1 change' : `${p.amendmentCount} changes`
		return renderEmail({
			ctx,
			subject:
				p.audience === 'YOUNG_PERSON'
					? `Proposed changes to your EHC plan: please reply by ${closes}`
					: copy
						? `Copy: proposed changes to ${possessive(subjectName(p.child))} EHC plan: ${p.child.firstName} can reply by ${closes}`
						: `Proposed changes to ${possessive(subjectName(p.child))} EHC plan: ${family ? 'please reply' : 'the family can reply'} by ${closes}`,
			title: `${ctx.councilName} proposes ${changes} to ${whose} EHC plan`,
			blocks: [
				standing(p),
				paragraph(
					`After the annual review meeting on ${formatDate(p.meetingOn)}, ${ctx.councilName} proposes ${changes} to ${whose} EHC plan. The amendment notice is attached: for each change it shows the current wording, the proposed wording, the reason and the evidence.`,
				),
				facts([
					['Child or young person', name],
					['Amendment notice sent', formatDate(p.issuedOn)],
					['Replies close', `${closes} (end of the day)`],
					['Final plan due by', formatDate(p.finalPlanDueOn)],
				]),
				family && inset(`You have until ${closes} to tell us what you think of the proposed changes.`),
				// reg 22(2)(a)
				family && paragraph(currentPlanEnclosed(whose).text),
				family && heading('How to respond'),
				family &&
					list([
						`Tell us whether you agree with each proposed change, and if not, why not.`,
						`Ask for a particular school or college to be named in the plan.`,
						`Ask to meet someone from the council to talk about the proposed changes.`,
					]),
				// reg 22(2)(c); Children and Families Act 2014 s.38(3)
				family && paragraph('The school or college you ask for can be any of these:'),
				family && list([...SECTION_38_3_INSTITUTIONS]),
				// reg 22(2)(d)
				family && paragraph(localOffer(p.localOfferUrl).text),
				family &&
					paragraph(
						`Reply by email or phone to ${contactText(p.contact)} by ${closes}${p.audience === 'PARENT' || p.audience === 'REPRESENTATIVE' ? `, giving ${possessive(name)} name` : ''}.`,
					),
				family &&
					paragraph(
						`After that, the council will consider what you said and issue the final plan, or tell you it has decided not to amend the plan after all, by ${formatDate(p.finalPlanDueOn)}.`,
					),
				readOnline(p.audience, ctx),
				family && paragraph(SENDIASS_TEXT),
				// A copy to the young person's parent: the reply is the young person's (reg 22(2)(c)).
				copy &&
					inset(
						`${p.child.firstName} has until ${closes} to tell us what they think of the proposed changes, to ask for a particular school or college to be named, or to ask to meet someone from the council. The notice to ${p.child.firstName} explains how.`,
					),
				copy && paragraph(SENDIASS_TEXT),
				school &&
					paragraph(
						`The family has until ${closes} to respond. If the school has comments on the proposed changes, send them to ${contactText(p.contact)} by then.`,
					),
				school && link(`View ${possessive(name)} review`, reviewUrl(ctx.appUrl, p.reviewId)),
				school && paragraph(`${ctx.councilName} will issue the final plan by ${formatDate(p.finalPlanDueOn)}.`),
			],
		})
	},
})
