// To everyone invited to the review meeting who has an email address (the parent or young person, the professionals):
// the review report, attached. The school must send it to the council and to everyone invited within 2 weeks of the
// meeting (SEND Regulations 2014 reg 20(7)-(8); CoP 9.176). Many invitees have no account, so the report travels as
// the review record PDF (a GeneratedDocument rendered at submission), not as a link into the portal.
//
// Nothing in the payload is secret (no sign-in link or token): no secretFields.
import { z } from 'zod'
import { defineTemplate, formatDate, fullName, meetingFacts, possessive, subjectName, submittedReportFields } from '#emails/common.ts'
import { facts, heading, list, paragraph, renderEmail } from '#emails/layout.ts'
import { readOnline, requiredAttachmentsSchema } from '#emails/letter.ts'

/** Who was invited, as ReviewInvitee.role stores it. */
export const INVITEE_AUDIENCES = ['PARENT', 'YOUNG_PERSON', 'SCHOOL_STAFF', 'LA_OFFICER', 'HEALTH', 'SOCIAL_CARE', 'OTHER'] as const

export const reviewReportInvitee = defineTemplate({
	name: 'review-report-invitee',
	schema: z.object({
		...submittedReportFields,
		audience: z.enum(INVITEE_AUDIENCES),
		/**
		 * The child is a young person (over compulsory school age, app/domain/young-person.ts): the council's decision
		 * goes to them, or to whoever acts for them, not to their parent (CFA 2014 s.83(2); SEND Regulations 2014 reg 64).
		 */
		youngPerson: z.boolean().default(false),
		/** The review record, rendered when the school submitted it: the email is sent for it. */
		attachments: requiredAttachmentsSchema,
	}),
	render(p, ctx) {
		const name = fullName(p.child)
		const youngPerson = p.audience === 'YOUNG_PERSON'
		const family = youngPerson || p.audience === 'PARENT'
		const whose = youngPerson ? 'your' : possessive(name)
		// Who the council tells its decision: a child's parents; a young person themself, or who acts for them (reg 64).
		const told = p.youngPerson
			? youngPerson
				? 'you'
				: `${p.child.firstName} (or the person acting for them)`
			: youngPerson
				? 'your parents'
				: 'the family'
		return renderEmail({
			ctx,
			subject: `Annual review report for ${subjectName(p.child)}: meeting on ${formatDate(p.meetingOn)}`,
			title: youngPerson ? 'The report of your annual review' : `The annual review report for ${name}`,
			blocks: [
				paragraph(
					`You were invited to ${whose} annual review meeting on ${formatDate(p.meetingOn)}. ${p.schoolName} has sent the review report ` +
						`to ${ctx.councilName}, and the law says everyone who was invited gets a copy (SEND Regulations 2014, regulation 20(8)). ` +
						'The report is attached.',
				),
				facts([...meetingFacts(name, p.schoolName, p.meetingOn), ['Council decision due by', formatDate(p.decisionDueOn)]]),
				heading('What happens next'),
				list([
					`${ctx.councilName} decides whether to keep ${whose} plan as it is, amend it or stop maintaining it (cease it), and tells ${told} ` +
						`and the head teacher by ${formatDate(p.decisionDueOn)}: 4 weeks after the meeting (regulation 20(10)).`,
					family
						? 'If anything in the report is wrong, or you disagree with what it recommends, tell the council: it will consider what you say before deciding.'
						: 'If anything in the report is wrong or missing from your advice, tell the council and the school.',
				]),
				// The parent or young person can read it in the portal too (issue 14); the professionals have no family account.
				readOnline(p.audience, ctx, 'report'),
			],
		})
	},
})
