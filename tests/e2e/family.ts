// Journeys as a parent, carer or young person (docs/decisions/017-family-access.md): they sign in by the link the
// portal emails them, read here from the local outbox folder the outbox worker writes (scripts/e2e-server.ts).
import fs from 'node:fs'
import path from 'node:path'
import { simpleParser } from 'mailparser'
import { e2eDb } from './db.ts'
import { expect, type test } from './fixtures.ts'

type Page = Parameters<Parameters<typeof test>[2]>[0]['page']
type A11y = { check: () => Promise<void> }

const OUTBOX = path.resolve('data/e2e/outbox')

/** The newest family sign-in link sent to `email` after the message `afterId` (if given), as the outbox saved it. */
export async function familyLinkFor(email: string, afterId: string | null = null): Promise<string> {
	const db = await e2eDb()
	const newest = () =>
		db.outboxMessage.findFirst({
			where: { toAddress: email.toLowerCase(), template: 'family-sign-in' },
			orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
			select: { id: true },
		})
	await expect.poll(async () => (await newest())?.id ?? null, { message: `no new sign-in link was written for ${email}`, timeout: 20_000 }).not.toBe(afterId)
	const message = (await newest())!
	const saved = () => (fs.existsSync(OUTBOX) ? fs.readdirSync(OUTBOX).find((name) => name.endsWith(`-${message.id}.eml`)) : undefined)
	// The outbox worker runs every few seconds.
	await expect.poll(saved, { message: 'the sign-in link was not delivered to the outbox folder', timeout: 40_000 }).toBeTruthy()
	const mail = await simpleParser(fs.readFileSync(path.join(OUTBOX, saved()!)))
	const link = /https?:\/\/\S+\/family\/sign-in\/[A-Za-z0-9_%-]+/.exec(mail.text ?? '')
	if (!link) throw new Error('the email has no family sign-in link')
	return link[0]
}

/** The id of the newest sign-in link email to `email` so far (to wait for the next one), or null. */
export async function lastFamilyLinkId(email: string): Promise<string | null> {
	const db = await e2eDb()
	const last = await db.outboxMessage.findFirst({
		where: { toAddress: email.toLowerCase(), template: 'family-sign-in' },
		orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
		select: { id: true },
	})
	return last?.id ?? null
}

/** Opens an emailed sign-in link and signs in with its button; lands on the family's first page. */
export async function openFamilyLink(page: Page, a11y: A11y, link: string) {
	await page.goto(new URL(link).pathname)
	await a11y.check()
	await page.getByRole('button', { name: 'Sign in' }).click()
	await page.waitForURL(/\/family$/)
	await a11y.check()
}

/** Asks for a sign-in link on the family's sign-in page, reads it from the outbox and uses it. */
export async function signInAsFamily(page: Page, a11y: A11y, email: string) {
	const before = await lastFamilyLinkId(email)
	await page.goto('/family/sign-in')
	await a11y.check()
	await page.getByLabel('Your email address').fill(email)
	await page.getByRole('button', { name: 'Send me a link' }).click()
	await expect(page.getByRole('heading', { name: 'Check your email', level: 1 })).toBeVisible()
	await a11y.check()
	await openFamilyLink(page, a11y, await familyLinkFor(email, before))
}
