// Administration: schools, users (invitations, roles, deactivation) and settings, each kept to the manager's own
// council; and the public set-password page an invitation links to.
import { expect, test } from 'vitest'
import { getUser, verifySignIn } from '#app/auth/auth.server.ts'
import { prisma } from '#app/db/db.server.ts'
import * as adminImportTemplate from '#app/routes/admin-import-template.ts'
import * as adminImport from '#app/routes/admin-import.tsx'
import * as adminSchool from '#app/routes/admin-school.tsx'
import * as adminSchools from '#app/routes/admin-schools.tsx'
import * as adminSettings from '#app/routes/admin-settings.tsx'
import * as adminUserInvite from '#app/routes/admin-user-invite.tsx'
import * as adminUser from '#app/routes/admin-user.tsx'
import * as adminUsers from '#app/routes/admin-users.tsx'
import * as adminIndex from '#app/routes/admin.tsx'
import * as school from '#app/routes/school.tsx'
import * as setPassword from '#app/routes/set-password.tsx'
import { failInsertsWhen } from '#tests/db-faults.ts'
import { ADMIN, CASEWORKER, cookieFor, expectRedirect, MANAGER, MEDWAY_SENCO, OAKFIELD_SENCO, request, run, sha256, statusOf } from '#tests/helpers.ts'

const NEW_PASSWORD = 'correct horse battery staple'

async function laIdOf(email: string) {
	const user = await prisma.user.findUniqueOrThrow({ where: { email }, select: { laId: true, school: { select: { laId: true } } } })
	return user.laId ?? user.school!.laId
}
async function schoolOf(email: string) {
	const user = await prisma.user.findUniqueOrThrow({ where: { email }, select: { schoolId: true } })
	return user.schoolId!
}

/** Invites someone as the Kent manager and returns the raw token from the outbox row's payload. */
async function invite(form: Record<string, string>) {
	const result = await run(adminUserInvite.action, request('/admin/users/invite', { cookie: await cookieFor(MANAGER), form }))
	expectRedirect(result, /^\/admin\/users\?saved=.+&invited=1$/)
	const user = await prisma.user.findUniqueOrThrow({ where: { email: form.email!.toLowerCase() }, select: { id: true } })
	const message = await prisma.outboxMessage.findFirstOrThrow({
		where: { toAddress: form.email!.toLowerCase(), template: 'user-invite' },
		orderBy: { createdAt: 'desc' },
	})
	return { userId: user.id, token: (JSON.parse(message.payload) as { token: string }).token }
}

async function setPasswordWith(token: string, password = NEW_PASSWORD, confirm = password) {
	return run(setPassword.action, request(`/set-password/${token}`, { form: { password, confirm } }), { token })
}

test('an invitation writes the user (no password), their role, a hashed 7-day token and the email together', async () => {
	const before = Date.now()
	const { userId, token } = await invite({ name: 'Grace Ndlovu', email: 'Grace.Ndlovu@kent.example.gov.uk', role: 'CASEWORKER' })
	const user = await prisma.user.findUniqueOrThrow({
		where: { id: userId },
		select: { email: true, passwordHash: true, laId: true, schoolId: true, roles: true, tokens: true },
	})
	expect(user.email).toBe('grace.ndlovu@kent.example.gov.uk')
	expect(user.passwordHash).toBeNull()
	expect(user.laId).toBe(await laIdOf(MANAGER))
	expect(user.schoolId).toBeNull()
	expect(user.roles.map((r) => r.role)).toEqual(['CASEWORKER'])
	expect(user.tokens).toHaveLength(1)
	const stored = user.tokens[0]!
	expect(stored.purpose).toBe('INVITE')
	expect(stored.id).toBe(sha256(token)) // only the hash is kept
	expect(stored.id).not.toContain(token)
	const days = (stored.expiresAt.getTime() - before) / 86_400_000
	expect(days).toBeGreaterThan(6.99)
	expect(days).toBeLessThan(7.01)
	const message = await prisma.outboxMessage.findFirstOrThrow({ where: { toAddress: 'grace.ndlovu@kent.example.gov.uk' } })
	expect(message.template).toBe('user-invite')
	expect(JSON.parse(message.payload)).toMatchObject({
		name: 'Grace Ndlovu',
		organisationName: 'Kent County Council',
		roles: ['CASEWORKER'],
		invitedByName: 'Daniel Okafor',
	})
	expect(await prisma.auditEvent.count({ where: { action: 'user.invite', entityId: userId } })).toBe(1)
})

test('when the email cannot be written, no user or token is left behind (one transaction)', async () => {
	const email = 'no-email@kent.example.gov.uk'
	const restore = await failInsertsWhen('OutboxMessage', `NEW."toAddress" = '${email}'`)
	try {
		await expect(
			run(
				adminUserInvite.action,
				request('/admin/users/invite', { cookie: await cookieFor(MANAGER), form: { name: 'No Email', email, role: 'MANAGER' } }),
			),
		).rejects.toThrow()
	} finally {
		await restore()
	}
	expect(await prisma.user.count({ where: { email } })).toBe(0)
	expect(await prisma.oneTimeToken.count({ where: { user: { email } } })).toBe(0)
	expect(await prisma.auditEvent.count({ where: { action: 'user.invite', details: { contains: email } } })).toBe(0)
})

test('the invitation form checks its answers: a SENCo needs one of the council’s schools, and an email is used once', async () => {
	const cookie = await cookieFor(MANAGER)
	const errorsOf = async (form: Record<string, string>) => {
		const result = (await run(adminUserInvite.action, request('/admin/users/invite', { cookie, form }))) as any
		expect(result.init.status).toBe(400)
		return result.data.result.error as Record<string, string[]>
	}
	expect(await errorsOf({ name: '', email: 'x', role: '' })).toMatchObject({
		name: ['Enter their full name'],
		email: ['Enter an email address in the correct format, like name@example.org'],
		role: ['Select what they will do'],
	})
	expect((await errorsOf({ name: 'A SENCo', email: 'a.senco@example.org', role: 'SENCO' })).school).toEqual(['Enter the SENCo’s school'])
	// A school's id alone (another council's, here) is no answer: the school is typed.
	expect(await errorsOf({ name: 'A SENCo', email: 'a.senco@example.org', role: 'SENCO', schoolId: await schoolOf(MEDWAY_SENCO) })).toEqual({
		school: ['Enter the SENCo’s school'],
	})
	expect((await errorsOf({ name: 'A SENCo', email: 'a.senco@example.org', role: 'SENCO', school: 'x'.repeat(101) })).school).toEqual([
		'The school’s name or URN must be 100 characters or fewer',
	])
	expect((await errorsOf({ name: 'Someone', email: CASEWORKER.toUpperCase(), role: 'CASEWORKER' })).email![0]).toMatch(/already an account/)
	expect(await prisma.user.count({ where: { email: 'a.senco@example.org' } })).toBe(0)
})

/** Posts the invitation form as the Kent manager: the action's answer, as the tests read it. */
async function postInvite(form: Record<string, string>) {
	return (await run(adminUserInvite.action, request('/admin/users/invite', { cookie: await cookieFor(MANAGER), form }))) as any
}
async function schoolOfUser(userId: string) {
	return prisma.user.findUniqueOrThrow({ where: { id: userId }, select: { schoolId: true, laId: true } })
}

test('inviting a SENCo: a name, part of one or a URN that names one of the council’s schools invites them there', async () => {
	const kent = await laIdOf(MANAGER)
	const willow = await prisma.school.findFirstOrThrow({ where: { laId: kent, name: 'Willow Brook Primary School' }, select: { id: true, urn: true } })
	for (const [email, text] of [
		['senco.one@willow-brook-primary.example.org', 'Willow Brook Primary School'],
		['senco.two@willow-brook-primary.example.org', '  WILLOW brook '],
		['senco.three@willow-brook-primary.example.org', willow.urn],
	] as const) {
		const { userId } = await invite({ name: 'Willow Senco', email, role: 'SENCO', school: text })
		expect(await schoolOfUser(userId), text).toEqual({ schoolId: willow.id, laId: null })
	}
	const message = await prisma.outboxMessage.findFirstOrThrow({ where: { toAddress: 'senco.three@willow-brook-primary.example.org' } })
	expect(JSON.parse(message.payload)).toMatchObject({ organisationName: 'Willow Brook Primary School', roles: ['SENCO'] })
	// The school only matters for a SENCo: for a caseworker the field is ignored.
	const { userId } = await invite({ name: 'Not A Senco', email: 'not.a.senco@kent.example.gov.uk', role: 'CASEWORKER', school: 'no such school' })
	expect(await schoolOfUser(userId)).toEqual({ schoolId: null, laId: kent })
})

test('inviting a SENCo: a text matching several schools comes back with them to choose from, everything kept; only those can be chosen', async () => {
	const kent = await laIdOf(MANAGER)
	const academies = await prisma.school.findMany({
		where: { laId: kent, active: true, name: { contains: 'Academy' } },
		orderBy: { name: 'asc' },
		select: { id: true, name: true, urn: true },
	})
	expect(academies.length).toBeGreaterThan(1)
	// A closed academy of the council is never offered or taken.
	const closed = await prisma.school.create({
		data: { laId: kent, name: 'Closed Lane Academy', urn: '100001', phase: 'SECONDARY', active: false },
		select: { id: true },
	})
	const form = { name: 'Ada Lovelace', email: 'ada.lovelace@example.org', role: 'SENCO', school: 'academy' }
	const choose = { schoolId: [`${academies.length} schools match “academy”: choose one`] }

	const ambiguous = await postInvite(form)
	expect(ambiguous.init.status).toBe(400)
	expect(ambiguous.data.result.error).toEqual(choose)
	expect(ambiguous.data.offered).toEqual(academies)
	expect(ambiguous.data.result.initialValue).toMatchObject(form)
	// With another problem too, both are reported and the schools are still offered.
	const both = await postInvite({ ...form, name: '' })
	expect(both.data.result.error).toEqual({ name: ['Enter their full name'], ...choose })
	expect(both.data.offered).toEqual(academies)

	// A forged choice (another council's school, the closed one, nonsense) is not one of the matches: refused.
	for (const schoolId of [await schoolOf(MEDWAY_SENCO), closed.id, 'nope']) {
		const refused = await postInvite({ ...form, schoolId })
		expect(refused.init.status, schoolId).toBe(400)
		expect(refused.data.result.error, schoolId).toEqual(choose)
	}
	expect(await prisma.user.count({ where: { email: form.email } })).toBe(0)

	// One of the offered radios: invited at that school.
	const chosen = academies[academies.length - 1]!
	const { userId } = await invite({ ...form, schoolId: chosen.id })
	expect(await schoolOfUser(userId)).toEqual({ schoolId: chosen.id, laId: null })
	// A choice stays with the form while another answer is put right.
	const taken = await postInvite({ ...form, email: ADMIN, schoolId: chosen.id })
	expect(taken.data.result.error.email[0]).toMatch(/already an account/)
	expect(taken.data.result.initialValue).toMatchObject({ schoolId: chosen.id })
	expect(taken.data.offered).toEqual(academies)
	await prisma.school.delete({ where: { id: closed.id } })
})

test('inviting a SENCo: no school, another council’s or a closed one, is an error; more than 20 asks for more of the name', async () => {
	const kent = await laIdOf(MANAGER)
	const medway = await prisma.school.findUniqueOrThrow({ where: { id: await schoolOf(MEDWAY_SENCO) }, select: { id: true, name: true, urn: true } })
	const closed = await prisma.school.create({
		data: { laId: kent, name: 'Shut Down Primary School', urn: '100002', phase: 'PRIMARY', active: false },
		select: { id: true },
	})
	const form = { name: 'Grace Hopper', email: 'grace.hopper@example.org', role: 'SENCO' }
	for (const text of ['zzzz no such school', medway.name, medway.urn, medway.id, 'Shut Down Primary School', '100002', closed.id]) {
		const none = await postInvite({ ...form, school: text })
		expect(none.init.status, text).toBe(400)
		expect(none.data.result.error, text).toEqual({ school: [`No school of the council matches “${text}”. Check the spelling, or enter the URN`] })
		expect(none.data.offered, text).toEqual([])
		expect(none.data.result.initialValue, text).toMatchObject({ ...form, school: text })
	}
	// More matches than radios can sensibly offer.
	const many = Array.from({ length: 21 }, (_, i) => ({ laId: kent, name: `Quillfield School ${i + 1}`, urn: String(100100 + i), phase: 'PRIMARY' }))
	await prisma.school.createMany({ data: many })
	try {
		const tooMany = await postInvite({ ...form, school: 'quillfield' })
		expect(tooMany.init.status).toBe(400)
		expect(tooMany.data.result.error).toEqual({ school: ['21 schools match “quillfield”: enter more of the school’s name, or its URN'] })
		expect(tooMany.data.offered).toEqual([])
		// Its URN picks one out.
		const { userId } = await invite({ ...form, school: '100107' })
		expect((await prisma.school.findUniqueOrThrow({ where: { id: (await schoolOfUser(userId)).schoolId! } })).name).toBe('Quillfield School 8')
		await prisma.user.delete({ where: { id: userId } })
	} finally {
		await prisma.school.deleteMany({ where: { urn: { in: [...many.map((s) => s.urn), '100002'] } } })
	}
	expect(await prisma.user.count({ where: { email: form.email } })).toBe(0)
})

test('the invitation from a school’s page starts with that school, by name, and invites its SENCo there', async () => {
	const cookie = await cookieFor(MANAGER)
	const kent = await laIdOf(MANAGER)
	const orchard = await prisma.school.findFirstOrThrow({ where: { laId: kent, name: 'Orchard Bank School' }, select: { id: true } })
	const page = (await run(adminUserInvite.loader, request(`/admin/users/invite?schoolId=${orchard.id}`, { cookie }))) as any
	expect(page.defaults).toEqual({ role: 'SENCO', school: 'Orchard Bank School', schoolId: orchard.id })
	expect(page).not.toHaveProperty('schools') // the council's schools are no longer all sent to the page
	// Another council's school, or an unknown one, starts a blank form.
	for (const schoolId of [await schoolOf(MEDWAY_SENCO), 'nope']) {
		expect(((await run(adminUserInvite.loader, request(`/admin/users/invite?schoolId=${schoolId}`, { cookie }))) as any).defaults, schoolId).toBeUndefined()
	}
	// The form as the page fills it (the id rides along hidden): invited at that school, even when another shares its name.
	const twin = await prisma.school.create({ data: { laId: kent, name: 'Orchard Bank School', urn: '100003', phase: 'SPECIAL' }, select: { id: true } })
	const { userId } = await invite({ name: 'Orchard Senco', email: 'senco.new@orchard-bank.example.org', ...page.defaults })
	expect(await schoolOfUser(userId)).toEqual({ schoolId: orchard.id, laId: null })
	// Without the id the shared name is ambiguous: both are offered.
	const twins = await postInvite({ name: 'Orchard Senco', email: 'senco.other@orchard-bank.example.org', role: 'SENCO', school: 'Orchard Bank School' })
	expect(twins.data.offered.map((s: any) => s.id).sort()).toEqual([orchard.id, twin.id].sort())
	await prisma.school.delete({ where: { id: twin.id } })
})

test('set-password refuses unknown, used and expired links with a clear page', async () => {
	const unknown = (await run(setPassword.loader, request('/set-password/nope'), { token: 'not-a-real-token-at-all' })) as any
	expect(unknown.init.status).toBe(404)
	expect(unknown.data.problem).toBe('unknown')

	const { userId, token } = await invite({ name: 'Expired Person', email: 'expired@kent.example.gov.uk', role: 'CASEWORKER' })
	await prisma.oneTimeToken.update({ where: { id: sha256(token) }, data: { expiresAt: new Date(Date.now() - 1000) } })
	const expired = (await run(setPassword.loader, request(`/set-password/${token}`), { token })) as any
	expect(expired.init.status).toBe(410)
	expect(expired.data.problem).toBe('expired')
	// The form cannot be posted past the check either.
	expect(((await setPasswordWith(token)) as any).data.problem).toBe('expired')
	expect((await prisma.user.findUniqueOrThrow({ where: { id: userId } })).passwordHash).toBeNull()

	const fresh = await invite({ name: 'Used Person', email: 'used@kent.example.gov.uk', role: 'CASEWORKER' })
	expectRedirect(await setPasswordWith(fresh.token), '/')
	const used = (await run(setPassword.loader, request(`/set-password/${fresh.token}`), { token: fresh.token })) as any
	expect(used.init.status).toBe(410)
	expect(used.data.problem).toBe('used')
	expect(((await setPasswordWith(fresh.token, 'another long password')) as any).data.problem).toBe('used')
	expect((await verifySignIn(request('/sign-in'), 'used@kent.example.gov.uk', 'another long password')).ok).toBe(false)
})

test('the new password: at least 12 characters, not the email address, typed the same twice', async () => {
	const { token } = await invite({ name: 'Careful Person', email: 'careful.person@kent.example.gov.uk', role: 'ADMIN' })
	const errorsOf = async (password: string, confirm = password) => {
		const result = (await setPasswordWith(token, password, confirm)) as any
		expect(result.init.status).toBe(400)
		expect(result.data.result.initialValue?.password).toBeUndefined() // never sent back
		return result.data.result.error as Record<string, string[]>
	}
	expect((await errorsOf('short-pass')).password).toEqual(['Your password must be at least 12 characters'])
	expect((await errorsOf('Careful.Person@kent.example.gov.uk')).password).toEqual(['Your password must not be your email address'])
	expect((await errorsOf('a long enough password', 'a different password')).confirm).toEqual(['The passwords do not match: enter the same password twice'])
	expect(await prisma.oneTimeToken.count({ where: { id: sha256(token), usedAt: null } })).toBe(1) // still usable
})

test('a good link sets the password, is used up, signs the person in, and they can sign in again later', async () => {
	const { userId, token } = await invite({ name: 'Tom Reed', email: 'tom.reed@kent.example.gov.uk', role: 'MANAGER' })
	const page = (await run(setPassword.loader, request(`/set-password/${token}`), { token })) as any
	expect(page.email).toBe('tom.reed@kent.example.gov.uk')
	const response = expectRedirect(await setPasswordWith(token), '/')
	const cookie = response.headers.get('set-cookie')!.split(';')[0]!
	expect((await getUser(request('/', { cookie })))?.id).toBe(userId)
	expect(await prisma.oneTimeToken.count({ where: { id: sha256(token), usedAt: { not: null } } })).toBe(1)
	expect(await prisma.auditEvent.count({ where: { action: 'auth.set_password', userId } })).toBe(1)
	const signIn = await verifySignIn(request('/sign-in'), 'Tom.Reed@kent.example.gov.uk', NEW_PASSWORD)
	expect(signIn).toEqual({ ok: true, userId })
})

test('deactivating a user ends their sessions at once; reactivating lets them sign in again', async () => {
	const caseworker = await prisma.user.findUniqueOrThrow({ where: { email: CASEWORKER } })
	const theirCookie = await cookieFor(CASEWORKER)
	expect(await getUser(request('/', { cookie: theirCookie }))).not.toBeNull()
	const cookie = await cookieFor(MANAGER)
	expectRedirect(
		await run(adminUser.action, request(`/admin/users/${caseworker.id}`, { cookie, form: { intent: 'deactivate' } }), { userId: caseworker.id }),
		`/admin/users/${caseworker.id}`,
	)
	expect(await prisma.session.count({ where: { userId: caseworker.id } })).toBe(0)
	expect(await getUser(request('/', { cookie: theirCookie }))).toBeNull()
	expect((await verifySignIn(request('/sign-in'), CASEWORKER, 'Annual-Review-2026')).ok).toBe(false)
	await run(adminUser.action, request(`/admin/users/${caseworker.id}`, { cookie, form: { intent: 'reactivate' } }), { userId: caseworker.id })
	expect((await verifySignIn(request('/sign-in'), CASEWORKER, 'Annual-Review-2026')).ok).toBe(true)
	expect(await prisma.auditEvent.count({ where: { action: 'user.update', entityId: caseworker.id } })).toBe(2)
})

test('a SENCo who leaves: deactivating them keeps the school’s reviews, and the school’s new SENCo sees everything', async () => {
	const oakfield = await schoolOf(OAKFIELD_SENCO)
	const reviewsBefore = await prisma.annualReview.count({ where: { child: { schoolId: oakfield } } })
	expect(reviewsBefore).toBeGreaterThan(0)
	const { token } = await invite({ name: 'New Senco', email: 'new.senco@oakfield-primary.example.org', role: 'SENCO', school: 'Oakfield Primary School' })
	const newCookie = expectRedirect(await setPasswordWith(token), '/')
		.headers.get('set-cookie')!
		.split(';')[0]!
	const leaver = await prisma.user.findUniqueOrThrow({ where: { email: OAKFIELD_SENCO } })
	await run(adminUser.action, request(`/admin/users/${leaver.id}`, { cookie: await cookieFor(MANAGER), form: { intent: 'deactivate' } }), {
		userId: leaver.id,
	})
	expect(await prisma.annualReview.count({ where: { child: { schoolId: oakfield } } })).toBe(reviewsBefore)
	const list = (await run(school.loader, request('/school', { cookie: newCookie }))) as Awaited<ReturnType<typeof school.loader>>
	expect(list.total).toBe(await prisma.child.count({ where: { schoolId: oakfield } }))
	// Including the reviews the leaver created.
	expect(await prisma.annualReview.count({ where: { createdById: leaver.id, child: { schoolId: oakfield } } })).toBeGreaterThan(0)
	const page = (await run(adminUsers.loader, request('/admin/users', { cookie: await cookieFor(ADMIN) }))) as any
	expect(page.rows.find((r: any) => r.email === OAKFIELD_SENCO).status).toBe('Deactivated')
})

test('roles of council staff can be changed, but not your own, and never to nothing', async () => {
	const cookie = await cookieFor(MANAGER)
	const caseworker = await prisma.user.findUniqueOrThrow({ where: { email: CASEWORKER } })
	expectRedirect(
		await run(adminUser.action, request(`/admin/users/${caseworker.id}`, { cookie, form: { intent: 'roles', roles: ['CASEWORKER', 'MANAGER'] } }), {
			userId: caseworker.id,
		}),
		/saved=/,
	)
	expect((await prisma.userRole.findMany({ where: { userId: caseworker.id } })).map((r) => r.role).sort()).toEqual(['CASEWORKER', 'MANAGER'])
	expect(await statusOf(adminUser.action, request(`/admin/users/${caseworker.id}`, { cookie, form: { intent: 'roles' } }), { userId: caseworker.id })).toBe(
		400,
	)
	const me = await prisma.user.findUniqueOrThrow({ where: { email: MANAGER } })
	expect(await statusOf(adminUser.action, request(`/admin/users/${me.id}`, { cookie, form: { intent: 'roles', roles: ['ADMIN'] } }), { userId: me.id })).toBe(
		400,
	)
	expect(await statusOf(adminUser.action, request(`/admin/users/${me.id}`, { cookie, form: { intent: 'deactivate' } }), { userId: me.id })).toBe(400)
	expect((await prisma.userRole.findMany({ where: { userId: me.id } })).map((r) => r.role)).toEqual(['MANAGER'])
	await run(adminUser.action, request(`/admin/users/${caseworker.id}`, { cookie, form: { intent: 'roles', roles: ['CASEWORKER'] } }), {
		userId: caseworker.id,
	})
})

test('schools: add with a unique 6-digit URN, edit, deactivate (its SENCos are signed out and cannot sign in), reactivate', async () => {
	const cookie = await cookieFor(ADMIN)
	const form = {
		name: 'Brookside Special School',
		urn: '123456',
		phase: 'SPECIAL',
		contactEmail: 'SEN@brookside.example.org',
		headTeacherName: 'Ann Lee',
		headTeacherEmail: 'head@brookside.example.org',
	}
	expectRedirect(await run(adminSchool.action, request('/admin/schools/new', { cookie, form })), /^\/admin\/schools\?q=123456&saved=/)
	const created = await prisma.school.findUniqueOrThrow({ where: { urn: '123456' } })
	expect(created).toMatchObject({ laId: await laIdOf(ADMIN), phase: 'SPECIAL', contactEmail: 'sen@brookside.example.org', active: true })
	const existingUrn = (await prisma.school.findUniqueOrThrow({ where: { id: await schoolOf(OAKFIELD_SENCO) } })).urn
	const duplicate = (await run(adminSchool.action, request('/admin/schools/new', { cookie, form: { ...form, urn: existingUrn } }))) as any
	expect(duplicate.init.status).toBe(400)
	expect(duplicate.data.result.error.urn[0]).toMatch(/already Oakfield Primary School’s/)
	const badUrn = (await run(adminSchool.action, request('/admin/schools/new', { cookie, form: { ...form, urn: '12345', phase: '' } }))) as any
	expect(badUrn.data.result.error).toMatchObject({ urn: ['The URN must be 6 digits, like 118000'], phase: ['Select the school’s phase'] })

	const oakfield = await schoolOf(OAKFIELD_SENCO)
	const senco = await prisma.user.findUniqueOrThrow({ where: { email: 'senco@highfield-academy.example.org' } })
	const highfield = senco.schoolId!
	await cookieFor(senco.email)
	expectRedirect(
		await run(adminSchool.action, request(`/admin/schools/${highfield}`, { cookie, form: { intent: 'deactivate' } }), { schoolId: highfield }),
		`/admin/schools/${highfield}`,
	)
	expect(await prisma.session.count({ where: { userId: senco.id } })).toBe(0)
	expect((await verifySignIn(request('/sign-in'), senco.email, 'Annual-Review-2026')).ok).toBe(false)
	await run(adminSchool.action, request(`/admin/schools/${highfield}`, { cookie, form: { intent: 'reactivate' } }), { schoolId: highfield })
	expect((await verifySignIn(request('/sign-in'), senco.email, 'Annual-Review-2026')).ok).toBe(true)
	const edited = await run(
		adminSchool.action,
		request(`/admin/schools/${oakfield}`, {
			cookie,
			form: { name: 'Oakfield Primary', urn: existingUrn, phase: 'PRIMARY', contactEmail: 'senco@oakfield-primary.example.org' },
		}),
		{ schoolId: oakfield },
	)
	expectRedirect(edited, /saved=/)
	expect((await prisma.school.findUniqueOrThrow({ where: { id: oakfield } })).name).toBe('Oakfield Primary')
	expect(await prisma.auditEvent.count({ where: { action: { in: ['school.create', 'school.update'] } } })).toBe(4)
})

test('council settings are saved and audited', async () => {
	const cookie = await cookieFor(MANAGER)
	const laId = await laIdOf(MANAGER)
	const form = {
		name: 'Kent County Council',
		contactEmail: 'SEN@kent.example.gov.uk',
		contactPhone: '03000 41 41 41',
		address: 'Sessions House, Maidstone',
		letterSignatory: 'Daniel Okafor, SEN Manager',
		letterFooter: 'Kent County Council',
		mediationText: 'Global Mediation, 0800 064 4488',
		iassText: 'IASK, 03000 41 3000',
	}
	expectRedirect(await run(adminSettings.action, request('/admin/settings', { cookie, form })), '/admin/settings?saved')
	expect(await prisma.localAuthority.findUniqueOrThrow({ where: { id: laId } })).toMatchObject({ ...form, contactEmail: 'sen@kent.example.gov.uk' })
	const bad = (await run(adminSettings.action, request('/admin/settings', { cookie, form: { ...form, name: '', contactEmail: 'nope' } }))) as any
	expect(Object.keys(bad.data.result.error).sort()).toEqual(['contactEmail', 'name'])
	expect(await prisma.auditEvent.count({ where: { action: 'settings.update', entityId: laId } })).toBe(1)
})

test('a manager of one council cannot see or change another council’s schools and users (403), and unknown ones are 404', async () => {
	const medwayLa = await laIdOf(MEDWAY_SENCO)
	const medwayManager = await prisma.user.create({
		data: { email: 'manager@medway.example.gov.uk', name: 'Medway Manager', laId: medwayLa, roles: { create: [{ role: 'MANAGER' }] } },
	})
	const kentCookie = await cookieFor(MANAGER)
	const medwayCookie = await cookieFor(medwayManager.email)
	const medwaySchool = await schoolOf(MEDWAY_SENCO)
	const medwaySenco = await prisma.user.findUniqueOrThrow({ where: { email: MEDWAY_SENCO } })
	const kentSchool = await schoolOf(OAKFIELD_SENCO)
	const kentCaseworker = await prisma.user.findUniqueOrThrow({ where: { email: CASEWORKER } })

	expect(await statusOf(adminSchool.loader, request(`/admin/schools/${medwaySchool}`, { cookie: kentCookie }), { schoolId: medwaySchool })).toBe(403)
	expect(
		await statusOf(adminSchool.action, request(`/admin/schools/${medwaySchool}`, { cookie: kentCookie, form: { intent: 'deactivate' } }), {
			schoolId: medwaySchool,
		}),
	).toBe(403)
	expect(await statusOf(adminUser.loader, request(`/admin/users/${medwaySenco.id}`, { cookie: kentCookie }), { userId: medwaySenco.id })).toBe(403)
	expect(
		await statusOf(adminUser.action, request(`/admin/users/${medwaySenco.id}`, { cookie: kentCookie, form: { intent: 'deactivate' } }), {
			userId: medwaySenco.id,
		}),
	).toBe(403)
	expect(await statusOf(adminSchool.loader, request(`/admin/schools/${kentSchool}`, { cookie: medwayCookie }), { schoolId: kentSchool })).toBe(403)
	expect(
		await statusOf(adminUser.action, request(`/admin/users/${kentCaseworker.id}`, { cookie: medwayCookie, form: { intent: 'roles', roles: ['ADMIN'] } }), {
			userId: kentCaseworker.id,
		}),
	).toBe(403)
	expect(await statusOf(adminSchool.loader, request('/admin/schools/nope', { cookie: kentCookie }), { schoolId: 'nope' })).toBe(404)
	expect(await statusOf(adminUser.loader, request('/admin/users/nope', { cookie: kentCookie }), { userId: 'nope' })).toBe(404)
	expect((await prisma.school.findUniqueOrThrow({ where: { id: medwaySchool } })).active).toBe(true)
	expect((await prisma.user.findUniqueOrThrow({ where: { id: medwaySenco.id } })).active).toBe(true)
	expect(await prisma.userRole.count({ where: { userId: kentCaseworker.id, role: 'ADMIN' } })).toBe(0)
	expect(await prisma.auditEvent.count({ where: { action: 'access.denied', entityType: { in: ['School', 'User'] } } })).toBe(6)

	// Lists and settings show only their own council's.
	const kentSchools = (await run(adminSchools.loader, request('/admin/schools', { cookie: kentCookie }))) as any
	expect(kentSchools.total).toBe(await prisma.school.count({ where: { laId: await laIdOf(MANAGER) } }))
	const medwayUsers = (await run(adminUsers.loader, request('/admin/users', { cookie: medwayCookie }))) as any
	expect(medwayUsers.rows.map((r: any) => r.email).sort()).toEqual([medwayManager.email, MEDWAY_SENCO].sort())
	const settings = (await run(adminSettings.loader, request('/admin/settings', { cookie: medwayCookie }))) as any
	expect(settings.la.name).toBe('Medway Council')
})

test('people without administration permissions get 403 on every administration page', async () => {
	const oakfield = await schoolOf(OAKFIELD_SENCO)
	const someone = await prisma.user.findUniqueOrThrow({ where: { email: ADMIN } })
	// (Oakfield's first SENCo was deactivated above: Highfield's stands in for the SENCos.)
	for (const email of [CASEWORKER, 'senco@highfield-academy.example.org']) {
		const cookie = await cookieFor(email)
		for (const [fn, path, params] of [
			[adminIndex.loader, '/admin', {}],
			[adminSchools.loader, '/admin/schools', {}],
			[adminSchool.loader, `/admin/schools/${oakfield}`, { schoolId: oakfield }],
			[adminUsers.loader, '/admin/users', {}],
			[adminUserInvite.loader, '/admin/users/invite', {}],
			[adminUser.loader, `/admin/users/${someone.id}`, { userId: someone.id }],
			[adminSettings.loader, '/admin/settings', {}],
			[adminImport.loader, '/admin/import', {}],
			[adminImportTemplate.loader, '/admin/import/template.csv', {}],
		] as const) {
			expect(await statusOf(fn, request(path, { cookie }), params), `${email} ${path}`).toBe(403)
		}
		expect(
			await statusOf(adminUserInvite.action, request('/admin/users/invite', { cookie, form: { name: 'X', email: 'x@example.org', role: 'ADMIN' } })),
		).toBe(403)
		expect(
			await statusOf(adminSchool.action, request(`/admin/schools/${oakfield}`, { cookie, form: { intent: 'deactivate' } }), { schoolId: oakfield }),
		).toBe(403)
		expect(await statusOf(adminSettings.action, request('/admin/settings', { cookie, form: { name: 'Hacked', contactEmail: 'x@example.org' } }))).toBe(403)
	}
	expect(await prisma.user.count({ where: { email: 'x@example.org' } })).toBe(0)
	expectRedirect(await run(adminIndex.loader, request('/admin')), /^\/sign-in/)
})
