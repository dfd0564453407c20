// Accounts: how long an invitation or password-reset link works, and the shortest password accepted.
// NCSC password guidance: length over complexity, so a minimum length and no composition rules.

export const INVITE_DAYS = 7
export const MIN_PASSWORD = 12

/**
 * A link to set a new password works for an hour (OWASP Forgot Password Cheat Sheet: short-lived), whoever
 * asked for it: the person on the sign-in page or an administrator for them. Anyone can ask for another.
 */
export const RESET_LINK_MINUTES = 60
/** The same, in words for the pages that say how long the link works. */
export const RESET_LINK_LIFETIME = RESET_LINK_MINUTES === 60 ? '1 hour' : `${RESET_LINK_MINUTES} minutes`
/** At most this many reset emails go to one account in an hour, so nobody can flood someone's inbox. */
export const RESET_MAX_PER_ACCOUNT = 3
/**
 * At most this many reset requests (for any addresses, known or not) from one network address in an hour. A
 * council office or school may share one address, hence more than one person's worth.
 */
export const RESET_MAX_PER_ADDRESS = 20

/**
 * A family member's sign-in link (docs/decisions/017-family-access.md): no password to remember, so the link is the
 * credential each time; it works once and for an hour, like a reset link.
 */
export const FAMILY_LINK_MINUTES = 60
/** At most this many sign-in links go to one family member's address in an hour. */
export const FAMILY_LINK_MAX_PER_ACCOUNT = 5

export type TokenPurpose = 'INVITE' | 'RESET_PASSWORD' | 'FAMILY_SIGN_IN'

/** How long a new one-time link of this purpose works, in milliseconds. */
export function linkLifetime(purpose: TokenPurpose): number {
	if (purpose === 'INVITE') return INVITE_DAYS * 24 * 60 * 60 * 1000
	return (purpose === 'FAMILY_SIGN_IN' ? FAMILY_LINK_MINUTES : RESET_LINK_MINUTES) * 60 * 1000
}
