import { expect, test } from 'vitest'
import { getUser } from '#app/auth/auth.server.ts'
import { hashPassword, verifyPassword } from '#app/auth/password.server.ts'
import { prisma } from '#app/db/db.server.ts'
import * as school from '#app/routes/school.tsx'
import * as signIn from '#app/routes/sign-in.tsx'
import * as signOut from '#app/routes/sign-out.tsx'
import { DEMO_PASSWORD } from '#prisma/seed-data.ts'
import { cookieFor, expectRedirect, request, run, statusOf } from '#tests/helpers.ts'

const SENCO = 'senco@oakfield-primary.example.org'

function fieldErrors(result: unknown): Record<string, string[]> {
	return ((result as any).data.result.error ?? {}) as Record<string, string[]>
}

test('a correct email and password starts a session with a safe cookie and goes where the user was heading', async () => {
	const result = await run(
		signIn.action,
		request('/sign-in', { form: { email: 'Senco@Oakfield-Primary.example.org ', password: DEMO_PASSWORD, redirectTo: '/school?page=2' } }),
	)
	const response = expectRedirect(result, '/school?page=2')
	const cookie = response.headers.get('set-cookie')!
	expect(cookie).toMatch(/HttpOnly/i)
	expect(cookie).toMatch(/SameSite=Lax/i)
	const user = await getUser(request('/', { cookie: cookie.split(';')[0] }))
	expect(user?.email).toBe(SENCO)
	expect(user?.roles).toEqual(['SENCO'])
	const audit = await prisma.auditEvent.findFirst({ where: { action: 'auth.sign_in', userId: user!.id } })
	expect(audit).not.toBeNull()
})

test('sign-in never redirects to another site', async () => {
	const result = await run(signIn.action, request('/sign-in', { form: { email: SENCO, password: DEMO_PASSWORD, redirectTo: '//evil.example.com/x' } }))
	expectRedirect(result, '/')
})

test('a wrong password and an unknown email get the same message, keep the email and drop the password', async () => {
	const wrong = await run(signIn.action, request('/sign-in', { form: { email: SENCO, password: 'not-it' } }))
	const unknown = await run(signIn.action, request('/sign-in', { form: { email: 'nobody@nowhere.example', password: 'not-it' } }))
	expect((wrong as any).init.status).toBe(400)
	expect(fieldErrors(wrong).email).toEqual(['Enter a correct email address and password'])
	expect(fieldErrors(unknown).email).toEqual(fieldErrors(wrong).email)
	const reply = (wrong as any).data.result
	expect(reply.initialValue.email).toBe(SENCO)
	expect(reply.initialValue.password).toBeUndefined()
	expect(await prisma.auditEvent.count({ where: { action: 'auth.sign_in_failed' } })).toBe(2)
})

test('an empty form says what to enter', async () => {
	const result = await run(signIn.action, request('/sign-in', { form: { email: '', password: '' } }))
	expect(fieldErrors(result).email).toEqual(['Enter your email address'])
	expect(fieldErrors(result).password).toEqual(['Enter your password'])
})

test('repeated failures lock the account for the window, even with the right password', async () => {
	const email = 'senco@highfield-academy.example.org'
	for (let i = 0; i < 5; i++) {
		expect(await statusOf(signIn.action, request('/sign-in', { form: { email, password: `wrong-${i}` } }))).toBe(400)
	}
	const locked = await run(signIn.action, request('/sign-in', { form: { email, password: DEMO_PASSWORD } }))
	expect((locked as any).init.status).toBe(429)
	expect(fieldErrors(locked).email![0]).toMatch(/too many attempts/i)
	// Other accounts are unaffected.
	expectRedirect(await run(signIn.action, request('/sign-in', { form: { email: SENCO, password: DEMO_PASSWORD } })), '/')
	// Once the window has passed, the right password works again.
	await prisma.signInFailure.updateMany({ where: { email }, data: { at: new Date(Date.now() - 16 * 60 * 1000) } })
	expectRedirect(await run(signIn.action, request('/sign-in', { form: { email, password: DEMO_PASSWORD } })), '/')
})

test('a deactivated account cannot sign in', async () => {
	await prisma.user.update({ where: { email: SENCO }, data: { active: false } })
	expect(await statusOf(signIn.action, request('/sign-in', { form: { email: SENCO, password: DEMO_PASSWORD } }))).toBe(400)
	await prisma.user.update({ where: { email: SENCO }, data: { active: true } })
})

test('an expired session is refused and the user is sent to sign in, coming back afterwards', async () => {
	const cookie = await cookieFor(SENCO)
	expect(await statusOf(school.loader, request('/school', { cookie }))).toBe(200)
	await prisma.session.updateMany({ data: { expiresAt: new Date(Date.now() - 1000) } })
	expectRedirect(await run(school.loader, request('/school?q=a', { cookie })), '/sign-in?redirectTo=%2Fschool%3Fq%3Da')
})

test('signing out ends the session in the database and clears the cookie', async () => {
	const cookie = await cookieFor(SENCO)
	const response = expectRedirect(await run(signOut.action, request('/sign-out', { method: 'POST', cookie })), /^\/sign-in/)
	expect(response.headers.get('set-cookie')).toMatch(/Max-Age=0/)
	expect(await getUser(request('/', { cookie }))).toBeNull()
	expect(await prisma.auditEvent.count({ where: { action: 'auth.sign_out' } })).toBe(1)
})

test('passwords are hashed with scrypt and verified only with the right password', async () => {
	const hash = await hashPassword('correct horse battery staple')
	expect(hash).toMatch(/^scrypt\$32768\$8\$1\$/)
	expect(hash).not.toContain('correct horse')
	expect(await verifyPassword('correct horse battery staple', hash)).toBe(true)
	expect(await verifyPassword('correct horse battery stapl', hash)).toBe(false)
	expect(await hashPassword('x')).not.toBe(await hashPassword('x'))
})

test('a session reads its user, roles and council in one go, once per request, and ends when the user or school is switched off', async () => {
	const cookie = await cookieFor(SENCO)
	const req = request('/school', { cookie })
	const user = await getUser(req)
	expect(user).toMatchObject({ email: SENCO, roles: ['SENCO'], schoolName: 'Oakfield Primary School', laName: 'Kent County Council', laId: null })
	// A second role shows up as a second role, not a second user.
	const admin = await prisma.user.findUniqueOrThrow({ where: { email: 'admin@kent.example.gov.uk' }, select: { id: true } })
	await prisma.userRole.create({ data: { userId: admin.id, role: 'MANAGER' } })
	const both = await getUser(request('/', { cookie: await cookieFor('admin@kent.example.gov.uk') }))
	expect(both?.roles.sort()).toEqual(['ADMIN', 'MANAGER'])
	expect(both).toMatchObject({ laName: 'Kent County Council', schoolId: null, schoolName: null })
	await prisma.userRole.delete({ where: { userId_role: { userId: admin.id, role: 'MANAGER' } } })

	// The same request asks again (the layout and the page): the same answer without reading the database.
	await prisma.session.deleteMany({ where: { user: { email: SENCO } } })
	expect(await getUser(req)).toEqual(user)
	// A new request reads it afresh: gone.
	expect(await getUser(request('/school', { cookie }))).toBeNull()

	// A school switched off ends its SENCo's sessions.
	const fresh = await cookieFor(SENCO)
	const senco = await prisma.user.findUniqueOrThrow({ where: { email: SENCO }, select: { schoolId: true } })
	await prisma.school.update({ where: { id: senco.schoolId! }, data: { active: false } })
	expectRedirect(await run(school.loader, request('/school', { cookie: fresh })), '/sign-in?redirectTo=%2Fschool')
	expect(await prisma.session.count({ where: { user: { email: SENCO } } })).toBe(0)
	await prisma.school.update({ where: { id: senco.schoolId! }, data: { active: true } })
	// So does a user switched off.
	const again = await cookieFor(SENCO)
	await prisma.user.update({ where: { email: SENCO }, data: { active: false } })
	expect(await getUser(request('/school', { cookie: again }))).toBeNull()
	await prisma.user.update({ where: { email: SENCO }, data: { active: true } })
	expect(await getUser(request('/school', { cookie: await cookieFor(SENCO) }))).toMatchObject({ email: SENCO })
})
