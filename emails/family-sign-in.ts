// A family member's sign-in link (OneTimeToken, purpose FAMILY_SIGN_IN): sent when the school or caseworker invites
// them, or when they ask for one. Plain words: it is read by parents and young people (docs/decisions/017-family-access.md).
import { z } from 'zod'
import { formatDateTime } from '#app/lib/format.ts'
import { childSchema, defineTemplate, familyPortalUrl, familySignInUrl, fullName, instant, subjectName } from '#emails/common.ts'
import { inset, link, paragraph, renderEmail } from '#emails/layout.ts'

export const familySignIn = defineTemplate({
	name: 'family-sign-in',
	schema: z.object({
		name: z.string().trim().min(1),
		/** The raw one-time token (only its hash is stored in OneTimeToken). */
		token: z.string().min(16),
		expiresAt: instant,
		/** The member of staff who invited them, or null when they asked for a link themselves. */
		invitedByName: z.string().trim().nullable().default(null),
		/** The child whose review they are invited to, when invited. */
		child: childSchema.nullable().default(null),
	}),
	// The raw token signs its holder in until it is used: it is blanked once the email has gone.
	secretFields: ['token'],
	render(p, ctx) {
		const until = formatDateTime(p.expiresAt)
		return renderEmail({
			ctx,
			subject: p.child
				? `Take part in ${subjectName(p.child)}’s EHC plan review online: sign in by ${until}`
				: `Your link to sign in to the ${ctx.councilName} EHC review portal, until ${until}`,
			title: p.child ? `${p.name}, you can now take part in the review online` : `${p.name}, here is your link to sign in`,
			blocks: [
				p.child
					? paragraph(
							`${p.invitedByName ?? `The SEN team at ${ctx.councilName}`} has asked you to use the ${ctx.councilName} EHC review portal for ${fullName(p.child)}’s annual review. You can give your views, see the meeting, read letters and reply to them.`,
						)
					: paragraph(`You asked for a link to sign in to the ${ctx.councilName} EHC review portal.`),
				link('Sign in', familySignInUrl(ctx.appUrl, p.token)),
				inset(`This link works once. It stops working at ${until}.`),
				paragraph(`You do not need a password. To get a new link at any time, go to ${familyPortalUrl(ctx.appUrl)} and enter this email address.`),
				paragraph('If you were not expecting this email, you can ignore it. Nothing happens unless you use the link.'),
			],
		})
	},
})
