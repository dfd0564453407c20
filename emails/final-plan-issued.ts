// The final amended plan, to the parent or young person, the school named in it and the health
// commissioner, within 8 weeks of the amendment notice (SEND Regulations 2014 reg 22(3)).
import { z } from 'zod'
import { capitalise, defineTemplate, formatDate, fullName, isoDate, possessive, reviewUrl, subjectName, whosePlan } from '#emails/common.ts'
import { facts, link, paragraph, renderEmail } from '#emails/layout.ts'
import { appealRights, readOnline, letterSchema, questions, standing } from '#emails/letter.ts'

export const finalPlanIssued = defineTemplate({
	name: 'final-plan-issued',
	schema: letterSchema(['SCHOOL', 'HEALTH', 'NAMED_SCHOOL'], {
		issuedOn: isoDate,
		/** Section I: the school or college named. */
		namedPlacement: z.string().trim().default(''),
		appealBy: isoDate,
		nextReviewDueOn: isoDate.nullable().default(null),
		// attachments: the final amended plan (GeneratedDocument of kind FINAL_PLAN).
	}),
	render(p, ctx) {
		const name = fullName(p.child)
		const whose = whosePlan(p.audience, p.child)
		return renderEmail({
			ctx,
			subject:
				p.audience === 'YOUNG_PERSON'
					? `Your final amended EHC plan, issued on ${formatDate(p.issuedOn)}`
					: `${p.audience === 'PARENT_COPY' ? 'Copy: final' : 'Final'} amended EHC plan for ${subjectName(p.child)}, issued on ${formatDate(p.issuedOn)}`,
			title: `${capitalise(whose)} final amended EHC plan`,
			blocks: [
				standing(p),
				paragraph(
					`${ctx.councilName} issued the final amended EHC plan for ${p.audience === 'YOUNG_PERSON' ? 'you' : name} on ${formatDate(p.issuedOn)}. It is attached, and replaces the previous plan from that date.`,
				),
				facts([
					['Child or young person', name],
					['Issued on', formatDate(p.issuedOn)],
					p.namedPlacement !== '' && ['School or college named (section I)', p.namedPlacement],
					p.nextReviewDueOn !== null && ['Next annual review due by', formatDate(p.nextReviewDueOn)],
				]),
				...appealRights(
					p,
					`You can appeal about the description of ${p.audience === 'YOUNG_PERSON' ? 'your ' : ''}special educational needs (section B), the special educational provision (section F) and the school or college named (section I).`,
				),
				p.audience === 'SCHOOL' &&
					paragraph(
						`Please make sure everyone who works with ${p.child.firstName} knows what the plan now says, especially the special educational provision in section F.`,
					),
				p.audience === 'SCHOOL' && link(`View ${possessive(name)} review`, reviewUrl(ctx.appUrl, p.reviewId)),
				p.audience === 'NAMED_SCHOOL' &&
					paragraph(
						`Your school is named in section I of ${possessive(name)} EHC plan, at the family's request, after we consulted you (Children and Families Act 2014 s.39). The school must admit ${p.child.firstName} (s.43(2)). Please contact us to plan the move.`,
					),
				p.audience === 'HEALTH' &&
					paragraph(
						`Section G sets out the health provision that must be arranged for ${name} (Children and Families Act 2014 s.42(3)). Please check it against what is commissioned.`,
					),
				readOnline(p.audience, ctx),
				...questions(p.contact),
			],
		})
	},
})
