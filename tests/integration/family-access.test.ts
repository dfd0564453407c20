// Families online (issue 14; docs/decisions/017-family-access.md): who is invited, the one-time sign-in links (an
// hour, once, the same answer whether or not an address is known), and what a family member can never reach: another
// child, any staff page, a password.
import fs from 'node:fs'
import { expect, test } from 'vitest'
import { getUser } from '#app/auth/auth.server.ts'
import { prisma } from '#app/db/db.server.ts'
import { FAMILY_LINK_MAX_PER_ACCOUNT } from '#app/domain/accounts.ts'
import * as childFamily from '#app/routes/child-family.tsx'
import * as familySignInLink from '#app/routes/family-sign-in-link.tsx'
import * as familySignIn from '#app/routes/family-sign-in.tsx'
import * as family from '#app/routes/family.tsx'
import * as home from '#app/routes/home.tsx'
import * as resetPassword from '#app/routes/reset-password.tsx'
import * as signIn from '#app/routes/sign-in.tsx'
import { CASEWORKER, cookieFor, expectRedirect, familyMemberOf, HIGHFIELD_SENCO, MEDWAY_SENCO, OAKFIELD_SENCO, request, run, statusOf } from '#tests/helpers.ts'

const HOUR = 60 * 60 * 1000

/** A child of the Oakfield SENCo's school, under compulsory school age, with the parent's email recorded. */
async function oakfieldChild(skip = 0) {
	const { schoolId } = await prisma.user.findUniqueOrThrow({ where: { email: OAKFIELD_SENCO }, select: { schoolId: true } })
	return prisma.child.findFirstOrThrow({
		where: { schoolId: schoolId!, yearGroup: { lt: 9 }, parentEmail: { not: '' }, family: { none: {} } },
		orderBy: { id: 'asc' },
		skip,
		select: { id: true, firstName: true, parentEmail: true, parentName: true },
	})
}

const linksTo = (email: string) =>
	prisma.outboxMessage.findMany({ where: { toAddress: email, template: 'family-sign-in' }, orderBy: [{ createdAt: 'asc' }, { id: 'asc' }] })
const tokenOf = (message: { payload: string }) => (JSON.parse(message.payload) as { token: string }).token

async function invite(cookie: string, childId: string) {
	return run(childFamily.action, request(`/children/${childId}/family`, { cookie, form: { intent: 'invite' } }), { childId })
}
async function askForLink(email: string) {
	const result = (await run(familySignIn.action, request('/family/sign-in', { form: { email } }))) as any
	return 'init' in result ? { status: result.init.status as number, page: result.data } : { status: 200, page: result }
}
async function useLink(token: string) {
	return run(familySignInLink.action, request(`/family/sign-in/${token}`, { method: 'POST', form: {} }), { token })
}
const cookieOf = (response: unknown) => (response as Response).headers.get('set-cookie')!.split(';')[0]!

test('the school invites the parent: an account with the FAMILY role only, named for that child, and an emailed link', async () => {
	const child = await oakfieldChild()
	const senco = await cookieFor(OAKFIELD_SENCO)
	const page = (await run(childFamily.loader, request(`/children/${child.id}/family`, { cookie: senco }), { childId: child.id })) as any
	expect(page.toInvite).toEqual([expect.objectContaining({ name: child.parentName, email: child.parentEmail })])
	expect(page.members).toEqual([])

	const result = (await invite(senco, child.id)) as any
	expect(result.outcome.invited).toEqual([{ name: child.parentName, email: child.parentEmail.toLowerCase(), relationship: 'PARENT' }])
	const parent = await prisma.user.findUniqueOrThrow({
		where: { email: child.parentEmail.toLowerCase() },
		select: { id: true, laId: true, schoolId: true, passwordHash: true, roles: { select: { role: true } }, families: { select: { childId: true } } },
	})
	expect(parent).toMatchObject({ laId: null, schoolId: null, passwordHash: null, roles: [{ role: 'FAMILY' }], families: [{ childId: child.id }] })
	const [link] = await linksTo(child.parentEmail.toLowerCase())
	expect(link).toBeDefined()
	expect(JSON.parse(link!.payload)).toMatchObject({ invitedByName: expect.any(String), child: { firstName: child.firstName } })
	expect(await prisma.auditEvent.count({ where: { action: 'family.invite', childId: child.id } })).toBe(1)

	// Sent again: a new link, and the first stops working.
	await invite(senco, child.id)
	const [first, second] = await linksTo(child.parentEmail.toLowerCase())
	expect(await statusOf(familySignInLink.loader, request(`/family/sign-in/${tokenOf(first!)}`), { token: tokenOf(first!) })).toBe(410)
	const signedIn = await useLink(tokenOf(second!))
	expectRedirect(signedIn, '/family')
	const user = await getUser(request('/family', { cookie: cookieOf(signedIn) }))
	expect(user?.roles).toEqual(['FAMILY'])
	expectRedirect(await run(home.loader, request('/', { cookie: cookieOf(signedIn) })), '/family')
	const list = (await run(family.loader, request('/family', { cookie: cookieOf(signedIn) }))) as any
	expect(list.children.map((c: { id: string }) => c.id)).toEqual([child.id])
})

test('only the school that holds the child and its council may invite: another school and another council are refused', async () => {
	const child = await oakfieldChild(1)
	for (const email of [HIGHFIELD_SENCO, MEDWAY_SENCO])
		expect(
			await statusOf(childFamily.action, request(`/children/${child.id}/family`, { cookie: await cookieFor(email), form: { intent: 'invite' } }), {
				childId: child.id,
			}),
		).toBe(403)
	expect(await linksTo(child.parentEmail.toLowerCase())).toEqual([])
	const caseworker = (await invite(await cookieFor(CASEWORKER), child.id)) as any
	expect(caseworker.outcome.invited).toHaveLength(1)
})

test('a sign-in link works once, for an hour; opening it signs nobody in (a mail scanner cannot use it up)', async () => {
	const child = await oakfieldChild(2)
	await invite(await cookieFor(OAKFIELD_SENCO), child.id)
	const [message] = await linksTo(child.parentEmail.toLowerCase())
	const token = tokenOf(message!)
	const row = await prisma.oneTimeToken.findFirstOrThrow({ where: { purpose: 'FAMILY_SIGN_IN', user: { email: child.parentEmail.toLowerCase() } } })
	expect(row.expiresAt.getTime() - row.createdAt.getTime()).toBe(HOUR)

	const opened = (await run(familySignInLink.loader, request(`/family/sign-in/${token}`), { token })) as any
	expect(opened).toMatchObject({ problem: null, name: child.parentName })
	expect(await prisma.session.count({ where: { user: { email: child.parentEmail.toLowerCase() } } })).toBe(0)

	// Two presses at once: one session.
	const both = await Promise.all([useLink(token), useLink(token)])
	expect(both.filter((r) => r instanceof Response && r.status === 302)).toHaveLength(1)
	expect(await prisma.session.count({ where: { user: { email: child.parentEmail.toLowerCase() } } })).toBe(1)
	expect(await statusOf(familySignInLink.action, request(`/family/sign-in/${token}`, { method: 'POST', form: {} }), { token })).toBe(410)

	// An expired link does not work.
	await invite(await cookieFor(OAKFIELD_SENCO), child.id)
	const latest = (await linksTo(child.parentEmail.toLowerCase())).at(-1)!
	await prisma.oneTimeToken.updateMany({ where: { usedAt: null, purpose: 'FAMILY_SIGN_IN' }, data: { expiresAt: new Date(Date.now() - 1000) } })
	expect(
		await statusOf(familySignInLink.action, request(`/family/sign-in/${tokenOf(latest)}`, { method: 'POST', form: {} }), { token: tokenOf(latest) }),
	).toBe(410)
	// An unknown one, or a staff invitation's token, is not a family link.
	expect(
		await statusOf(familySignInLink.loader, request('/family/sign-in/not-a-real-token-at-all-xxxxxxxx'), { token: 'not-a-real-token-at-all-xxxxxxxx' }),
	).toBe(404)
})

test('"send me a link" answers the same for a family member, a stranger and a member of staff, and sends only to the family member', async () => {
	const child = await oakfieldChild(3)
	await invite(await cookieFor(OAKFIELD_SENCO), child.id)
	const parentEmail = child.parentEmail.toLowerCase()
	const before = (await linksTo(parentEmail)).length
	const answers = await Promise.all([askForLink(parentEmail), askForLink('nobody-known@example.com'), askForLink(OAKFIELD_SENCO)])
	for (const a of answers) expect(a.status).toBe(200)
	expect(new Set(answers.map((a) => Object.keys(a.page).sort().join()))).toEqual(new Set(['result,sentTo']))
	expect((await linksTo(parentEmail)).length).toBe(before + 1)
	expect(await linksTo('nobody-known@example.com')).toEqual([])
	expect(await linksTo(OAKFIELD_SENCO)).toEqual([])
	// Not too many: at most FAMILY_LINK_MAX_PER_ACCOUNT links an hour, whatever is asked.
	for (let i = 0; i < FAMILY_LINK_MAX_PER_ACCOUNT + 2; i++) expect((await askForLink(parentEmail)).status).toBe(200)
	expect(
		await prisma.oneTimeToken.count({ where: { purpose: 'FAMILY_SIGN_IN', user: { email: parentEmail }, createdAt: { gt: new Date(Date.now() - HOUR) } } }),
	).toBe(FAMILY_LINK_MAX_PER_ACCOUNT)
	// A bad address is a form error, and keeps what was typed.
	const bad = await askForLink('not an address')
	expect(bad.status).toBe(400)
	expect(bad.page.result.initialValue.email).toBe('not an address')
})

test('a family member has no password: the staff sign-in refuses them and no reset link is sent', async () => {
	const child = await oakfieldChild(4)
	const member = await familyMemberOf(child.id)
	const signedIn = await run(signIn.action, request('/sign-in', { form: { email: member.email, password: 'any password at all' } }))
	expect(signedIn instanceof Response && signedIn.headers.get('set-cookie')).toBeFalsy()
	await run(resetPassword.action, request('/reset-password', { form: { email: member.email } }))
	expect(await prisma.outboxMessage.count({ where: { toAddress: member.email, template: 'password-reset' } })).toBe(0)
})

test('a young person in their own right is invited instead of their parent, and the parent loses access without the young person’s agreement', async () => {
	const child = await oakfieldChild(5)
	const senco = await cookieFor(OAKFIELD_SENCO)
	await invite(senco, child.id)
	const parentEmail = child.parentEmail.toLowerCase()
	expect(await prisma.familyMember.count({ where: { childId: child.id, user: { email: parentEmail } } })).toBe(1)
	// They turn 17: past compulsory school age, with their own address and no agreement to copy the parent.
	await prisma.child.update({
		where: { id: child.id },
		data: { dateOfBirth: '2009-01-15', youngPersonEmail: `yp-${child.id}@example.com`.toLowerCase(), youngPersonParentCopyAgreedOn: null },
	})
	const result = (await invite(senco, child.id)) as any
	expect(result.outcome.invited).toEqual([expect.objectContaining({ email: `yp-${child.id}@example.com`.toLowerCase(), relationship: 'YOUNG_PERSON' })])
	expect(await prisma.familyMember.findMany({ where: { childId: child.id }, select: { relationship: true } })).toEqual([{ relationship: 'YOUNG_PERSON' }])
})

test('a member of staff’s address is never made a family account', async () => {
	const child = await oakfieldChild(6)
	await prisma.child.update({ where: { id: child.id }, data: { parentEmail: HIGHFIELD_SENCO } })
	const result = (await invite(await cookieFor(OAKFIELD_SENCO), child.id)) as any
	expect(result.outcome.invited).toEqual([])
	expect(result.outcome.missing).toEqual([expect.stringContaining('belongs to a member of staff')])
	expect(await prisma.userRole.count({ where: { user: { email: HIGHFIELD_SENCO }, role: 'FAMILY' } })).toBe(0)
	expect(await linksTo(HIGHFIELD_SENCO)).toEqual([])
})

// Every staff page refuses a family member: no staff permission is granted to the FAMILY role, and every staff loader
// asks for one (or for a staff role). Loaders are called with made-up ids: the answer must come before any lookup.
const PUBLIC_OR_FAMILY =
	/^routes\/(family.*|sign-in|sign-out|accessibility|privacy|not-found|healthz|livez|readyz|download-problem|no-access|home|set-password|reset-password|calendar-feed)\.tsx?$/

test('a family member reaches no staff page: every other route’s loader refuses them', async () => {
	const child = await oakfieldChild(7)
	const member = await familyMemberOf(child.id)
	const routes = [...fs.readFileSync('app/routes.ts', 'utf8').matchAll(/'(routes\/[^']+)'/g)].map((m) => m[1]!).filter((r) => !PUBLIC_OR_FAMILY.test(r))
	expect(routes.length).toBeGreaterThan(40)
	const params = {
		childId: child.id,
		reviewId: 'x',
		evidenceId: 'x',
		documentId: 'x',
		jobId: 'x',
		proposalId: 'x',
		part: 'child-views',
		schoolId: 'x',
		userId: 'x',
		step: 'decision',
		feed: 'x',
	}
	for (const route of [...new Set(routes)]) {
		const mod = await import(`#app/${route}`)
		for (const fn of [mod.loader, mod.action].filter(Boolean)) {
			const status = await statusOf(
				fn,
				request('/', { cookie: member.cookie, method: fn === mod.action ? 'POST' : 'GET', ...(fn === mod.action ? { form: {} } : {}) }),
				params,
			)
			expect([403, 404], `${route} ${fn === mod.action ? 'action' : 'loader'}`).toContain(status)
		}
	}
})
