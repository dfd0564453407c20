// An invitation to the portal: a one-time link to set a password (OneTimeToken, purpose INVITE).
import { z } from 'zod'
import { todayInLondon } from '#app/domain/calendar-date.ts'
import { formatDateTime } from '#app/lib/format.ts'
import { defineTemplate, formatDate, instant, setPasswordUrl } from '#emails/common.ts'
import { inset, link, paragraph, renderEmail } from '#emails/layout.ts'

const ROLE_TEXT = { SENCO: 'SENCo', CASEWORKER: 'caseworker', MANAGER: 'SEN manager', ADMIN: 'administrator' } as const

export const userInvite = defineTemplate({
	name: 'user-invite',
	schema: z.object({
		name: z.string().trim().min(1),
		/** The school or council the account belongs to. */
		organisationName: z.string().trim().min(1),
		roles: z.array(z.enum(['SENCO', 'CASEWORKER', 'MANAGER', 'ADMIN'])).min(1),
		invitedByName: z.string().trim().nullable().default(null),
		/** The raw one-time token (only its hash is stored in OneTimeToken). */
		token: z.string().min(16),
		expiresAt: instant,
	}),
	// The raw token is the key to the account until it is used: it is blanked once the email has gone.
	secretFields: ['token'],
	render(p, ctx) {
		const roles = p.roles.map((role) => ROLE_TEXT[role]).join(' and ')
		const inviter = p.invitedByName ?? `The SEN team at ${ctx.councilName}`
		return renderEmail({
			ctx,
			subject: `Set your password for the ${ctx.councilName} EHC annual review portal by ${formatDate(todayInLondon(p.expiresAt))}`,
			title: `${p.name}, you have an account on the EHC annual review portal`,
			blocks: [
				paragraph(`${inviter} has given you an account as ${roles} at ${p.organisationName}. You sign in with this email address.`),
				link('Set your password', setPasswordUrl(ctx.appUrl, p.token)),
				inset(
					`This link works once and expires at ${formatDateTime(p.expiresAt)}. After that, ask ${p.invitedByName ?? `the SEN team at ${ctx.councilName}`} for a new one.`,
				),
				paragraph(`If you were not expecting this email, you can ignore it: nothing happens unless the link is used.`),
			],
		})
	},
})
