// "Forgot your password?": the reset-password page answers the same whoever asks, sends a one-hour, one-time
// link only to an active account (and not too often), and using the link signs the account out everywhere.
// Administrators can send the same link to a user of their own council.
import { expect, test } from 'vitest'
import { getUser } from '#app/auth/auth.server.ts'
import { prisma } from '#app/db/db.server.ts'
import { RESET_MAX_PER_ADDRESS } from '#app/domain/accounts.ts'
import * as adminUser from '#app/routes/admin-user.tsx'
import * as adminUsers from '#app/routes/admin-users.tsx'
import * as resetPassword from '#app/routes/reset-password.tsx'
import * as setPassword from '#app/routes/set-password.tsx'
import * as signIn from '#app/routes/sign-in.tsx'
import { DEMO_PASSWORD } from '#prisma/seed-data.ts'
import {
	ADMIN,
	CASEWORKER,
	cookieFor,
	expectRedirect,
	HIGHFIELD_SENCO,
	MANAGER,
	MEDWAY_SENCO,
	OAKFIELD_SENCO,
	request,
	run,
	sha256,
	statusOf,
} from '#tests/helpers.ts'

const NEW_PASSWORD = 'a brand new long password'

/** Posts the reset-password form (from `address`, when given, as server.js says where a request came from) and returns what the page shows. */
async function askForReset(email: string, address?: string) {
	const headers = address ? { 'x-client-address': address } : undefined
	const result = (await run(resetPassword.action, request('/reset-password', { form: { email }, headers }))) as any
	return 'init' in result ? { status: result.init.status as number, page: result.data } : { status: 200, page: result }
}

const resetMessages = (email: string) =>
	prisma.outboxMessage.findMany({ where: { toAddress: email, template: 'password-reset' }, orderBy: { createdAt: 'asc' } })
const tokenOf = (message: { payload: string }) => (JSON.parse(message.payload) as { token: string }).token
const userId = async (email: string) => (await prisma.user.findUniqueOrThrow({ where: { email }, select: { id: true } })).id

async function setPasswordWith(token: string, password = NEW_PASSWORD) {
	return run(setPassword.action, request(`/set-password/${token}`, { form: { password, confirm: password } }), { token })
}
async function signInWith(email: string, password: string) {
	return run(signIn.action, request('/sign-in', { form: { email, password } }))
}

test('the form needs an email address in the right format, says so the GOV.UK way, and keeps what was typed', async () => {
	const empty = await askForReset('')
	expect(empty.status).toBe(400)
	expect(empty.page.result.error).toEqual({ email: ['Enter your email address'] })
	const wrong = await askForReset('helen at oakfield')
	expect(wrong.status).toBe(400)
	expect(wrong.page.result.error).toEqual({ email: ['Enter an email address in the correct format, like name@example.org'] })
	expect(wrong.page.result.initialValue.email).toBe('helen at oakfield')
	expect(await prisma.outboxMessage.count({ where: { template: 'password-reset' } })).toBe(0)
})

test('an existing user gets one email whose link sets a new password once, ends their old sessions and clears failed sign-ins', async () => {
	const id = await userId(OAKFIELD_SENCO)
	const oldSession = await cookieFor(OAKFIELD_SENCO)
	await signInWith(OAKFIELD_SENCO, 'a wrong guess')
	expect(await prisma.signInFailure.count({ where: { email: OAKFIELD_SENCO } })).toBe(1)

	const before = Date.now()
	const asked = await askForReset(' Senco@Oakfield-Primary.example.org ')
	expect(asked).toEqual({ status: 200, page: { result: null, sentTo: 'Senco@Oakfield-Primary.example.org' } })
	const messages = await resetMessages(OAKFIELD_SENCO)
	expect(messages).toHaveLength(1)
	expect(JSON.parse(messages[0]!.payload)).toMatchObject({ name: 'Helen Carter', email: OAKFIELD_SENCO, sentByName: null })
	const token = tokenOf(messages[0]!)
	// Only the hash is stored, and it works for an hour.
	const stored = await prisma.oneTimeToken.findUniqueOrThrow({ where: { id: sha256(token) } })
	expect(stored).toMatchObject({ userId: id, purpose: 'RESET_PASSWORD', usedAt: null })
	expect(stored.expiresAt.getTime() - before).toBeGreaterThanOrEqual(60 * 60 * 1000 - 1000)
	expect(stored.expiresAt.getTime() - before).toBeLessThanOrEqual(60 * 60 * 1000 + 5000)
	expect(await prisma.auditEvent.count({ where: { action: 'auth.reset_requested', entityId: id } })).toBe(1)

	// Asking does not change the password: the old one still works until the link is used.
	const page = (await run(setPassword.loader, request(`/set-password/${token}`), { token })) as any
	expect(page).toMatchObject({ problem: null, email: OAKFIELD_SENCO, purpose: 'RESET_PASSWORD' })
	expect(await getUser(request('/', { cookie: oldSession }))).not.toBeNull()

	const response = expectRedirect(await setPasswordWith(token), '/')
	const newSession = response.headers.get('set-cookie')!.split(';')[0]!
	expect((await getUser(request('/', { cookie: newSession })))?.id).toBe(id)
	expect(await getUser(request('/', { cookie: oldSession }))).toBeNull()
	expect(await prisma.session.count({ where: { userId: id } })).toBe(1) // only the one just started
	expect(await prisma.signInFailure.count({ where: { email: OAKFIELD_SENCO } })).toBe(0)
	expect(await prisma.auditEvent.count({ where: { action: 'auth.password_reset', userId: id } })).toBe(1)
	expect(await prisma.auditEvent.count({ where: { action: 'auth.set_password', userId: id } })).toBe(0)

	// The link works once.
	const again = (await setPasswordWith(token, 'yet another long password')) as any
	expect(again.init.status).toBe(410)
	expect(again.data).toMatchObject({ problem: 'used', purpose: 'RESET_PASSWORD' })
	expect(((await run(setPassword.loader, request(`/set-password/${token}`), { token })) as any).data.problem).toBe('used')

	// The new password signs in; the old one and the refused one do not.
	expectRedirect(await signInWith(OAKFIELD_SENCO, NEW_PASSWORD), '/')
	expect(await statusOf(signIn.action, request('/sign-in', { form: { email: OAKFIELD_SENCO, password: DEMO_PASSWORD } }))).toBe(400)
	expect(await statusOf(signIn.action, request('/sign-in', { form: { email: OAKFIELD_SENCO, password: 'yet another long password' } }))).toBe(400)
	await prisma.signInFailure.deleteMany({})
})

test('an unknown email, a deactivated user and a user of a deactivated school see the same page, and nothing is sent', async () => {
	const known = await askForReset(HIGHFIELD_SENCO)
	expect(await resetMessages(HIGHFIELD_SENCO)).toHaveLength(1)
	const sameAsKnown = (email: string, answer: Awaited<ReturnType<typeof askForReset>>) =>
		expect(answer).toEqual({ ...known, page: { ...known.page, sentTo: email } })

	const unknown = 'nobody@nowhere.example.org'
	sameAsKnown(unknown, await askForReset(unknown))

	await prisma.user.update({ where: { email: CASEWORKER }, data: { active: false } })
	sameAsKnown(CASEWORKER, await askForReset(CASEWORKER))
	await prisma.user.update({ where: { email: CASEWORKER }, data: { active: true } })

	const medway = await prisma.user.findUniqueOrThrow({ where: { email: MEDWAY_SENCO }, select: { schoolId: true } })
	await prisma.school.update({ where: { id: medway.schoolId! }, data: { active: false } })
	sameAsKnown(MEDWAY_SENCO, await askForReset(MEDWAY_SENCO))
	await prisma.school.update({ where: { id: medway.schoolId! }, data: { active: true } })

	expect(await prisma.outboxMessage.count({ where: { template: 'password-reset', toAddress: { in: [unknown, CASEWORKER, MEDWAY_SENCO] } } })).toBe(0)
	expect(await prisma.oneTimeToken.count({ where: { purpose: 'RESET_PASSWORD', user: { email: { in: [CASEWORKER, MEDWAY_SENCO] } } } })).toBe(0)
	// What happened is in the audit log, not on the page.
	expect(await prisma.auditEvent.count({ where: { action: 'auth.reset_requested', details: { contains: 'not sent' } } })).toBe(3)
})

test('at most 3 emails per account per hour: the 4th request gets the same page and no email; only the latest link works', async () => {
	const email = 'grace.ndlovu@kent.example.gov.uk'
	const kent = (await prisma.user.findUniqueOrThrow({ where: { email: CASEWORKER }, select: { laId: true } })).laId
	const id = (
		await prisma.user.create({ data: { email, name: 'Grace Ndlovu', laId: kent, passwordHash: 'scrypt$x', roles: { create: [{ role: 'CASEWORKER' }] } } })
	).id

	const answers = []
	for (let i = 0; i < 4; i++) answers.push(await askForReset(email))
	for (const answer of answers) expect(answer).toEqual(answers[0])
	const messages = await resetMessages(email)
	expect(messages).toHaveLength(3)
	expect(
		await prisma.auditEvent.count({
			where: { action: 'auth.reset_requested', entityId: id, details: { contains: 'not sent: 3 links sent in the last hour' } },
		}),
	).toBe(1)
	// Each new link stopped the earlier ones working.
	const [first, , last] = messages.map(tokenOf)
	expect(((await run(setPassword.loader, request(`/set-password/${first}`), { token: first! })) as any).data.problem).toBe('used')
	expect(((await run(setPassword.loader, request(`/set-password/${last}`), { token: last! })) as any).email).toBe(email)

	// An hour later the account can be sent another.
	await prisma.oneTimeToken.updateMany({ where: { userId: id }, data: { createdAt: new Date(Date.now() - 61 * 60 * 1000) } })
	expect(await askForReset(email)).toEqual(answers[0])
	expect(await resetMessages(email)).toHaveLength(4)
})

test('one network address can ask only so many times an hour, for any addresses, and still sees the same page', async () => {
	const address = '203.0.113.7'
	for (let i = 0; i < RESET_MAX_PER_ADDRESS; i++) await askForReset(`someone.${i}@nowhere.example.org`, address)
	const answer = await askForReset(MANAGER, address)
	expect(answer).toEqual({ status: 200, page: { result: null, sentTo: MANAGER } })
	expect(await resetMessages(MANAGER)).toHaveLength(0)
	// Another address is not held up.
	await askForReset(MANAGER, '198.51.100.2')
	expect(await resetMessages(MANAGER)).toHaveLength(1)
})

test('an expired reset link is refused, and the password is unchanged', async () => {
	const email = 'expired.reset@kent.example.gov.uk'
	const kent = (await prisma.user.findUniqueOrThrow({ where: { email: CASEWORKER }, select: { laId: true } })).laId
	const user = await prisma.user.create({
		data: { email, name: 'Ex Pired', laId: kent, passwordHash: 'scrypt$unchanged', roles: { create: [{ role: 'CASEWORKER' }] } },
	})
	await askForReset(email)
	const token = tokenOf((await resetMessages(email))[0]!)
	await prisma.oneTimeToken.update({ where: { id: sha256(token) }, data: { expiresAt: new Date(Date.now() - 1000) } })
	const page = (await run(setPassword.loader, request(`/set-password/${token}`), { token })) as any
	expect(page.init.status).toBe(410)
	expect(page.data).toMatchObject({ problem: 'expired', purpose: 'RESET_PASSWORD' })
	const posted = (await setPasswordWith(token)) as any
	expect(posted.init.status).toBe(410)
	expect(posted.data).toMatchObject({ problem: 'expired', purpose: 'RESET_PASSWORD' })
	expect((await prisma.user.findUniqueOrThrow({ where: { id: user.id } })).passwordHash).toBe('scrypt$unchanged')
})

test('someone invited who never set a password is sent a reset link, and it sets their first password', async () => {
	const email = 'invited.only@kent.example.gov.uk'
	const kent = (await prisma.user.findUniqueOrThrow({ where: { email: CASEWORKER }, select: { laId: true } })).laId
	await prisma.user.create({ data: { email, name: 'Ina Vited', laId: kent, roles: { create: [{ role: 'CASEWORKER' }] } } })
	await askForReset(email)
	const token = tokenOf((await resetMessages(email))[0]!)
	expectRedirect(await setPasswordWith(token), '/')
	expectRedirect(await signInWith(email, NEW_PASSWORD), '/')
})

test('an administrator sends a reset link to a user of their council; another council’s cannot, nor can staff without the permission', async () => {
	const caseworker = await userId(CASEWORKER)
	const cookie = await cookieFor(ADMIN)
	const before = await resetMessages(CASEWORKER)

	// The page offers the button for an active user with a password.
	const page = (await run(adminUser.loader, request(`/admin/users/${caseworker}`, { cookie }), { userId: caseworker })) as any
	expect(page.user).toMatchObject({ active: true, hasPassword: true })

	expectRedirect(
		await run(adminUser.action, request(`/admin/users/${caseworker}`, { cookie, form: { intent: 'send-reset' } }), { userId: caseworker }),
		`/admin/users?saved=${caseworker}&reset=1`,
	)
	const messages = await resetMessages(CASEWORKER)
	expect(messages).toHaveLength(before.length + 1)
	expect(JSON.parse(messages.at(-1)!.payload)).toMatchObject({ email: CASEWORKER, sentByName: 'Sam Whitfield' })
	expect(await prisma.auditEvent.count({ where: { action: 'user.send_reset', entityId: caseworker } })).toBe(1)
	const list = (await run(adminUsers.loader, request(`/admin/users?saved=${caseworker}&reset=1`, { cookie }))) as any
	expect(list.saved).toMatchObject({ email: CASEWORKER, reset: true })
	// The link works like one the user asked for.
	expectRedirect(await setPasswordWith(tokenOf(messages.at(-1)!)), '/')

	// An invited user without a password is not sent one (their invitation is sent again instead).
	const kent = (await prisma.user.findUniqueOrThrow({ where: { email: CASEWORKER }, select: { laId: true } })).laId
	const invited = await prisma.user.create({
		data: { email: 'not.yet@kent.example.gov.uk', name: 'Not Yet', laId: kent, roles: { create: [{ role: 'CASEWORKER' }] } },
	})
	expectRedirect(
		await run(adminUser.action, request(`/admin/users/${invited.id}`, { cookie, form: { intent: 'send-reset' } }), { userId: invited.id }),
		`/admin/users/${invited.id}`,
	)
	expect(await resetMessages(invited.email)).toHaveLength(0)

	// Another council's manager: 403 for Kent's user, and nothing sent; an unknown user is 404.
	const medwayLa = (await prisma.user.findUniqueOrThrow({ where: { email: MEDWAY_SENCO }, select: { school: { select: { laId: true } } } })).school!.laId
	const medwayManager = await prisma.user.create({
		data: { email: 'manager@medway.example.gov.uk', name: 'Medway Manager', laId: medwayLa, roles: { create: [{ role: 'MANAGER' }] } },
	})
	const medwayCookie = await cookieFor(medwayManager.email)
	const highfield = await userId(HIGHFIELD_SENCO)
	const sentBefore = await prisma.outboxMessage.count({ where: { template: 'password-reset' } })
	expect(
		await statusOf(adminUser.action, request(`/admin/users/${highfield}`, { cookie: medwayCookie, form: { intent: 'send-reset' } }), { userId: highfield }),
	).toBe(403)
	expect(await statusOf(adminUser.action, request('/admin/users/nope', { cookie: medwayCookie, form: { intent: 'send-reset' } }), { userId: 'nope' })).toBe(
		404,
	)
	// Staff without the administration permission: 403.
	expect(
		await statusOf(adminUser.action, request(`/admin/users/${highfield}`, { cookie: await cookieFor(OAKFIELD_SENCO), form: { intent: 'send-reset' } }), {
			userId: highfield,
		}),
	).toBe(403)
	expect(await prisma.outboxMessage.count({ where: { template: 'password-reset' } })).toBe(sentBefore)
	expect(await prisma.auditEvent.count({ where: { action: 'access.denied', entityId: highfield } })).toBe(1)
})
