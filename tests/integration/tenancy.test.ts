// Tenancy and permissions over every loader and action: a SENCo reads only their own school's children,
// council staff only their own council's. The first test makes sure no route escapes this file.
import fs from 'node:fs'
import { expect, test } from 'vitest'
import { prisma } from '#app/db/db.server.ts'
import * as caseload from '#app/routes/caseload.tsx'
import * as child from '#app/routes/child.tsx'
import * as home from '#app/routes/home.tsx'
import * as school from '#app/routes/school.tsx'
import { cookieFor, expectRedirect, request, run, statusOf } from '#tests/helpers.ts'

const OAKFIELD_SENCO = 'senco@oakfield-primary.example.org'
const HIGHFIELD_SENCO = 'senco@highfield-academy.example.org'
const MEDWAY_SENCO = 'senco@medway-school.example.org'
const CASEWORKER = 'caseworker@kent.example.gov.uk'
const MANAGER = 'manager@kent.example.gov.uk'

// Routes whose loaders/actions need no tenancy check, and why. Every other route must be tested below.
const PUBLIC_ROUTES: Record<string, string> = {
	'routes/sign-in.tsx': 'the sign-in form',
	'routes/sign-out.tsx': 'ends the caller’s own session',
	'routes/accessibility.tsx': 'static page',
	'routes/privacy.tsx': 'static page',
	'routes/not-found.tsx': 'always 404',
	'routes/healthz.ts': 'health check, no data',
	'routes/livez.ts': 'liveness check, no data',
	'routes/readyz.ts': 'readiness check, no data',
	'routes/download-problem.tsx': 'static page with a link back within the service (tests/integration/downloads.test.ts)',
	'routes/no-access.tsx': 'signed-in page with no data',
	'routes/home.tsx': 'redirects by role',
	'routes/set-password.tsx': 'public by design: the one-time link is the credential (tests/integration/admin.test.ts checks unknown, used and expired links)',
	'routes/family-sign-in.tsx':
		'public by design: sends a sign-in link and answers the same whether or not the address is known (tests/integration/family-access.test.ts)',
	'routes/family-sign-in-link.tsx':
		'public by design: the one-time link is the credential (tests/integration/family-access.test.ts checks unknown, used and expired links)',
	'routes/reset-password.tsx':
		'public by design: asks for a link by email and answers the same whether or not there is an account (tests/integration/password-reset.test.ts)',
}
const TESTED_ROUTES = [
	// tests/integration/admin.test.ts and import.test.ts:
	'routes/admin.tsx',
	'routes/admin-schools.tsx',
	'routes/admin-school.tsx',
	'routes/admin-users.tsx',
	'routes/admin-user-invite.tsx',
	'routes/admin-user.tsx',
	'routes/admin-settings.tsx',
	'routes/admin-import.tsx',
	'routes/admin-import-template.ts',
	'routes/school.tsx',
	// tests/integration/caseload.test.ts and calendar.test.ts:
	'routes/caseload.tsx',
	'routes/child-assign.tsx',
	'routes/calendar.tsx',
	'routes/calendar-feed.ts',
	'routes/child.tsx',
	// tests/integration/young-person.test.ts:
	'routes/child-young-person.tsx',
	// tests/integration/family-access.test.ts (another school and another council refused):
	'routes/child-family.tsx',
	// tests/integration/family-tenancy.test.ts (another family, staff, unknown ids, signed out):
	'routes/family.tsx',
	'routes/family-child.tsx',
	'routes/family-review.tsx',
	'routes/family-views.tsx',
	'routes/family-record-pdf.ts',
	'routes/family-notice.tsx',
	'routes/family-representation.tsx',
	'routes/family-document.ts',
	'routes/family-message.tsx',
	// tests/integration/review-tenancy.test.ts:
	'routes/review-new.tsx',
	'routes/review.tsx',
	'routes/review-meeting.tsx',
	'routes/review-part.tsx',
	'routes/review-proposals.tsx',
	'routes/review-proposal.tsx',
	'routes/review-evidence.tsx',
	'routes/review-evidence-file.tsx',
	// tests/integration/senco-forms.test.ts (another school's SENCo and a council get nothing; another review's file is 404):
	'routes/review-evidence-remove.tsx',
	'routes/review-check.tsx',
	'routes/review-submitted.tsx',
	'routes/review-record-pdf.ts',
	'routes/review-bundle.tsx',
	'routes/document.ts',
	'routes/job.tsx',
	// tests/integration/council.test.ts:
	'routes/council-review.tsx',
	'routes/council-decision.tsx',
	'routes/council-notice.tsx',
	'routes/council-representation.tsx',
	'routes/council-final.tsx',
	'routes/council-final-amendment.tsx',
	'routes/council-school-request.tsx',
	// tests/integration/preview-confirm.test.ts (another council's staff and schools get nothing):
	'routes/council-letter-preview.ts',
	// tests/integration/timeliness.test.ts:
	'routes/timeliness.tsx',
	'routes/timeliness-reviews.tsx',
	'routes/timeliness-export.ts',
	'routes/timeliness-sen2.ts',
	'routes/caseload-export.ts',
	// tests/integration/workload.test.ts:
	'routes/workload.tsx',
]

test('every route is either tested here for tenancy or listed as needing none', () => {
	const routes = [...fs.readFileSync('app/routes.ts', 'utf8').matchAll(/'(routes\/[^']+)'/g)].map((m) => m[1]!)
	expect(routes.length).toBeGreaterThan(5)
	for (const route of routes) expect([...TESTED_ROUTES, ...Object.keys(PUBLIC_ROUTES)], `${route} needs a tenancy test`).toContain(route)
})

async function schoolIdOf(email: string) {
	return (await prisma.user.findUniqueOrThrow({ where: { email }, select: { schoolId: true } })).schoolId!
}
async function laIdOf(email: string) {
	return (await prisma.user.findUniqueOrThrow({ where: { email }, select: { laId: true } })).laId!
}
async function aChildOf(where: object) {
	return (await prisma.child.findFirstOrThrow({ where, select: { id: true } })).id
}

test('signed-out requests to every protected loader go to sign-in', async () => {
	const childId = await aChildOf({})
	for (const [fn, path, params] of [
		[school.loader, '/school', {}],
		[caseload.loader, '/caseload', {}],
		[child.loader, `/children/${childId}`, { childId }],
		[home.loader, '/', {}],
	] as const) {
		expectRedirect(await run(fn, request(path), params), /^\/sign-in/)
	}
})

test('a SENCo lists only their own school’s children, and search cannot reach others', async () => {
	const cookie = await cookieFor(OAKFIELD_SENCO)
	const oakfield = await schoolIdOf(OAKFIELD_SENCO)
	const result = (await run(school.loader, request('/school', { cookie }))) as Awaited<ReturnType<typeof school.loader>>
	expect(result.total).toBe(await prisma.child.count({ where: { schoolId: oakfield } }))
	expect(result.rows.length).toBeGreaterThan(0)
	const ids = result.rows.map((r) => r.id)
	expect(await prisma.child.count({ where: { id: { in: ids }, schoolId: { not: oakfield } } })).toBe(0)
	// Searching for another school's child by exact UPN finds nothing.
	const other = await prisma.child.findFirstOrThrow({ where: { schoolId: { not: oakfield } }, select: { upn: true } })
	const searched = (await run(school.loader, request(`/school?q=${other.upn}`, { cookie }))) as Awaited<ReturnType<typeof school.loader>>
	expect(searched.total).toBe(0)
})

test('a SENCo who requests another school’s child gets 403, and the attempt is audited', async () => {
	const cookie = await cookieFor(HIGHFIELD_SENCO)
	const oakfieldChild = await aChildOf({ schoolId: await schoolIdOf(OAKFIELD_SENCO) })
	expect(await statusOf(child.loader, request(`/children/${oakfieldChild}`, { cookie }), { childId: oakfieldChild })).toBe(403)
	const denied = await prisma.auditEvent.findFirst({ where: { action: 'access.denied', childId: oakfieldChild } })
	expect(denied).not.toBeNull()
	expect(await prisma.auditEvent.count({ where: { action: 'child.view', childId: oakfieldChild } })).toBe(0)
})

test('a SENCo reads their own child’s record and the view is audited', async () => {
	const cookie = await cookieFor(OAKFIELD_SENCO)
	const own = await aChildOf({ schoolId: await schoolIdOf(OAKFIELD_SENCO) })
	const result = (await run(child.loader, request(`/children/${own}`, { cookie }), { childId: own })) as any
	expect(result.child.id).toBe(own)
	const views = await prisma.auditEvent.findMany({ where: { action: 'child.view', childId: own } })
	expect(views).toHaveLength(1)
	expect(views[0]!.userId).toBe((await prisma.user.findUniqueOrThrow({ where: { email: OAKFIELD_SENCO } })).id)
})

test('an unknown child is 404, not 403', async () => {
	const cookie = await cookieFor(OAKFIELD_SENCO)
	expect(await statusOf(child.loader, request('/children/nope', { cookie }), { childId: 'nope' })).toBe(404)
})

test('a council’s staff never see another council’s children', async () => {
	const medwayChild = await aChildOf({ schoolId: await schoolIdOf(MEDWAY_SENCO) })
	for (const email of [CASEWORKER, MANAGER]) {
		const cookie = await cookieFor(email)
		expect(await statusOf(child.loader, request(`/children/${medwayChild}`, { cookie }), { childId: medwayChild })).toBe(403)
		// The caseload (tests/integration/caseload.test.ts checks its rows in full) holds only the council's own.
		const medwayUpn = (await prisma.child.findUniqueOrThrow({ where: { id: medwayChild }, select: { upn: true } })).upn
		const list = (await run(caseload.loader, request('/caseload?view=all', { cookie }))) as Awaited<ReturnType<typeof caseload.loader>>
		expect(list.total).toBeGreaterThan(0)
		expect(await prisma.child.count({ where: { id: { in: list.rows.map((r) => r.childId) }, laId: { not: await laIdOf(email) } } })).toBe(0)
		const searched = (await run(caseload.loader, request(`/caseload?view=all&q=${medwayUpn}`, { cookie }))) as Awaited<ReturnType<typeof caseload.loader>>
		expect(searched.total).toBe(0)
	}
	const medwayCookie = await cookieFor(MEDWAY_SENCO)
	const kentChild = await aChildOf({ laId: await laIdOf(CASEWORKER) })
	expect(await statusOf(child.loader, request(`/children/${kentChild}`, { cookie: medwayCookie }), { childId: kentChild })).toBe(403)
})

test('a caseworker’s own caseload holds only children assigned to them', async () => {
	const cookie = await cookieFor(CASEWORKER)
	const me = await prisma.user.findUniqueOrThrow({ where: { email: CASEWORKER } })
	const list = (await run(caseload.loader, request('/caseload', { cookie }))) as Awaited<ReturnType<typeof caseload.loader>>
	expect(list.filter.view).toBe('mine')
	expect(list.total).toBeGreaterThan(0)
	expect(
		await prisma.child.count({ where: { id: { in: list.rows.map((r) => r.childId) }, OR: [{ caseworkerId: { not: me.id } }, { caseworkerId: null }] } }),
	).toBe(0)
	const unassigned = (await run(caseload.loader, request('/caseload?view=unassigned', { cookie }))) as Awaited<ReturnType<typeof caseload.loader>>
	expect(unassigned.total).toBeGreaterThan(0)
	expect(
		await prisma.child.count({
			where: { id: { in: unassigned.rows.map((r) => r.childId) }, OR: [{ caseworkerId: { not: null } }, { laId: { not: me.laId! } }] },
		}),
	).toBe(0)
})

test('roles keep to their own pages: a SENCo cannot open the caseload, a caseworker not a school list', async () => {
	expect(await statusOf(caseload.loader, request('/caseload', { cookie: await cookieFor(OAKFIELD_SENCO) }))).toBe(403)
	expect(await statusOf(school.loader, request('/school', { cookie: await cookieFor(CASEWORKER) }))).toBe(403)
})

test('each role lands on its own home page', async () => {
	expectRedirect(await run(home.loader, request('/', { cookie: await cookieFor(OAKFIELD_SENCO) })), '/school')
	expectRedirect(await run(home.loader, request('/', { cookie: await cookieFor(CASEWORKER) })), '/caseload?view=mine')
	expectRedirect(await run(home.loader, request('/', { cookie: await cookieFor(MANAGER) })), '/caseload?view=all')
})
