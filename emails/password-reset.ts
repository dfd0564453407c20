// A link to set a new password (OneTimeToken, purpose RESET_PASSWORD): asked for on the sign-in page, or sent
// by an administrator. It says who asked and when, so that someone who did not ask knows nothing has changed.
import { z } from 'zod'
import { formatDateTime } from '#app/lib/format.ts'
import { defineTemplate, instant, resetPasswordUrl, setPasswordUrl } from '#emails/common.ts'
import { inset, link, paragraph, renderEmail } from '#emails/layout.ts'

export const passwordReset = defineTemplate({
	name: 'password-reset',
	schema: z.object({
		name: z.string().trim().min(1),
		/** The account's own address (the one the email goes to). */
		email: z.email(),
		/** The administrator who sent the link, or null when the person asked for it on the sign-in page. */
		sentByName: z.string().trim().nullable().default(null),
		requestedAt: instant,
		/** The raw one-time token (only its hash is stored in OneTimeToken). */
		token: z.string().min(16),
		expiresAt: instant,
	}),
	// The raw token is the key to the account until it is used: it is blanked once the email has gone.
	secretFields: ['token'],
	render(p, ctx) {
		const asked = formatDateTime(p.requestedAt)
		return renderEmail({
			ctx,
			subject: `Set a new password for the ${ctx.councilName} EHC annual review portal by ${formatDateTime(p.expiresAt)}`,
			title: `${p.name}, set a new password for your account`,
			blocks: [
				paragraph(
					p.sentByName
						? `${p.sentByName} of your council’s SEN team sent you a link to set a new password for the account ${p.email} on the EHC annual review portal, on ${asked}.`
						: `Someone asked to reset the password for the account ${p.email} on the EHC annual review portal, on ${asked}.`,
				),
				link('Set a new password', setPasswordUrl(ctx.appUrl, p.token)),
				inset(`This link works once and expires at ${formatDateTime(p.expiresAt)}.`),
				paragraph(
					`Setting a new password signs the account out everywhere it is signed in. If the link has expired, ask for a new one at ${resetPasswordUrl(ctx.appUrl)}.`,
				),
				paragraph(
					p.sentByName
						? 'If you did not ask for a new password, you can ignore this email; your password has not changed.'
						: 'If you did not ask, you can ignore this email; your password has not changed.',
				),
			],
		})
	},
})
