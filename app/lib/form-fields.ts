// The zod fields the forms ask for again and again, each with the GOV.UK error messages it is given.
import { z } from 'zod'

/** A text that must be given: trimmed, `missing` when empty or absent, `tooLong` past `max` characters. */
export const requiredText = (missing: string, max: number, tooLong: string) => z.string({ error: missing }).trim().min(1, missing).max(max, tooLong)

/** The email address a person types to sign in or to reset their password. */
export const ownEmailAddress = () =>
	z
		.string({ error: 'Enter your email address' })
		.trim()
		.min(1, 'Enter your email address')
		.pipe(z.email('Enter an email address in the correct format, like name@example.org'))
