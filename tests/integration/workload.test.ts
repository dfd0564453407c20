// Caseworkers' workload and moving children between caseworkers in bulk, through the real loader and action.
import { expect, test } from 'vitest'
import { prisma } from '#app/db/db.server.ts'
import * as workload from '#app/routes/workload.tsx'
import { CASEWORKER, cookieFor, expectRedirect, MANAGER, MEDWAY_SENCO, OAKFIELD_SENCO, OPEN, request, run, statusOf } from '#tests/helpers.ts'

type Loaded = Exclude<Awaited<ReturnType<typeof workload.loader>>, Response>

async function people() {
	const [priya, mark, grace] = await Promise.all(
		[CASEWORKER, 'mark.bennett@kent.example.gov.uk', 'grace.adeyemi@kent.example.gov.uk'].map((email) =>
			prisma.user.findUniqueOrThrow({ where: { email }, select: { id: true, name: true, laId: true } }),
		),
	)
	return { priya: priya!, mark: mark!, grace: grace! }
}

async function load(path: string, email = MANAGER) {
	return (await run(workload.loader, request(path, { cookie: await cookieFor(email) }))) as Loaded
}

test('the workload table counts each caseworker’s children, open reviews, deadlines this week and overdue work', async () => {
	const { priya } = await people()
	const data = await load('/workload')
	const today = new Date().toLocaleDateString('en-CA', { timeZone: 'Europe/London' })
	const weekEnd = new Date(Date.parse(`${today}T00:00:00Z`) + 7 * 86_400_000).toISOString().slice(0, 10)
	const row = data.rows.find((r) => r.id === priya.id)!
	const open = await prisma.annualReview.findMany({ where: { status: { in: OPEN }, child: { caseworkerId: priya.id } }, select: { nextDeadlineOn: true } })
	const notStarted = await prisma.ehcPlan.count({
		where: { status: 'ACTIVE', reviewDueOn: { lt: today }, child: { caseworkerId: priya.id, reviews: { none: { status: { in: OPEN } } } } },
	})
	expect(row).toEqual({
		id: priya.id,
		name: priya.name,
		children: await prisma.child.count({ where: { caseworkerId: priya.id } }),
		open: open.length,
		dueThisWeek: open.filter((r) => r.nextDeadlineOn && r.nextDeadlineOn >= today && r.nextDeadlineOn <= weekEnd).length,
		overdue: open.filter((r) => r.nextDeadlineOn && r.nextDeadlineOn < today).length + notStarted,
	})
	expect(row.children).toBeGreaterThan(5)
	expect(row.open).toBeGreaterThan(0)
	// Every Kent child is in exactly one row; no Medway child is counted.
	const kent = priya.laId!
	expect(data.rows.reduce((n, r) => n + r.children, 0)).toBe(await prisma.child.count({ where: { laId: kent } }))
	expect(data.rows.find((r) => r.id === 'none')!.children).toBe(await prisma.child.count({ where: { laId: kent, caseworkerId: null } }))
	expect(data.canMove).toBe(true)
})

test('caseworkers see the table but cannot move children; SENCos and other councils get nothing', async () => {
	const { priya, mark } = await people()
	const cookie = await cookieFor(CASEWORKER)
	const data = await load(`/workload?caseworker=${priya.id}`, CASEWORKER)
	expect(data.canMove).toBe(false)
	expect(data.selected).toBeNull()
	expect(data.children).toEqual([])
	const child = await prisma.child.findFirstOrThrow({ where: { caseworkerId: priya.id }, select: { id: true } })
	expect(await statusOf(workload.action, request('/workload', { cookie, form: { from: priya.id, childIds: [child.id], to: mark.id } }))).toBe(403)
	expect((await prisma.child.findUniqueOrThrow({ where: { id: child.id } })).caseworkerId).toBe(priya.id)
	for (const email of [OAKFIELD_SENCO, MEDWAY_SENCO]) {
		expect(await statusOf(workload.loader, request('/workload', { cookie: await cookieFor(email) }))).toBe(403)
		expect(
			await statusOf(
				workload.action,
				request('/workload', { cookie: await cookieFor(email), form: { from: priya.id, childIds: [child.id], to: mark.id } }),
			),
		).toBe(403)
	}
	expectRedirect(await run(workload.loader, request('/workload')), /^\/sign-in/)
})

test('moving children moves exactly those selected, in one go, and audits each', async () => {
	const { priya, mark } = await people()
	const manager = await prisma.user.findUniqueOrThrow({ where: { email: MANAGER }, select: { id: true } })
	const data = await load(`/workload?caseworker=${priya.id}`)
	expect(data.selected).toEqual({ id: priya.id, name: priya.name })
	expect(data.children.map((c) => c.id).sort()).toEqual(
		(await prisma.child.findMany({ where: { caseworkerId: priya.id }, select: { id: true } })).map((c) => c.id).sort(),
	)
	expect(data.targets.map((t) => t.value)).toContain(mark.id)
	expect(data.targets.map((t) => t.value)).not.toContain(priya.id)

	const before = await prisma.child.findMany({ where: { caseworkerId: { in: [priya.id, mark.id] } }, select: { id: true, caseworkerId: true } })
	const chosen = data.children.slice(0, 3).map((c) => c.id)
	const result = await run(
		workload.action,
		request('/workload', { cookie: await cookieFor(MANAGER), form: { from: priya.id, childIds: chosen, to: mark.id } }),
	)
	const location = expectRedirect(result, /^\/workload\?/).headers.get('location')!
	const after = await prisma.child.findMany({ where: { id: { in: before.map((c) => c.id) } }, select: { id: true, caseworkerId: true } })
	for (const child of after)
		expect(child.caseworkerId, child.id).toBe(chosen.includes(child.id) ? mark.id : before.find((b) => b.id === child.id)!.caseworkerId)
	const audits = await prisma.auditEvent.findMany({
		where: { action: 'caseworker.assign', userId: manager.id },
		select: { childId: true, entityType: true, details: true },
	})
	expect(audits.map((a) => a.childId).sort()).toEqual([...chosen].sort())
	for (const a of audits) {
		expect(a.entityType).toBe('Child')
		expect(a.details).toBe(`${priya.name} (${priya.id}) -> ${mark.name} (${mark.id})`)
	}
	// The page it returns to says how many moved.
	const shown = await load(location.replace(/#.*$/, ''))
	expect(shown.banner).toBe(`3 children moved to ${mark.name}`)
})

test('a single child, and children with no caseworker, can be moved too', async () => {
	const { priya, grace } = await people()
	const cookie = await cookieFor(MANAGER)
	const one = await prisma.child.findFirstOrThrow({ where: { caseworkerId: priya.id }, select: { id: true } })
	expectRedirect(await run(workload.action, request('/workload', { cookie, form: { from: priya.id, childIds: one.id, to: grace.id } })), /moved=1/)
	expect((await prisma.child.findUniqueOrThrow({ where: { id: one.id } })).caseworkerId).toBe(grace.id)
	const unassigned = await prisma.child.findFirstOrThrow({ where: { caseworkerId: null, laId: priya.laId! }, select: { id: true } })
	expectRedirect(await run(workload.action, request('/workload', { cookie, form: { from: 'none', childIds: [unassigned.id], to: priya.id } })), /moved=1/)
	expect((await prisma.child.findUniqueOrThrow({ where: { id: unassigned.id } })).caseworkerId).toBe(priya.id)
	const audit = await prisma.auditEvent.findFirstOrThrow({ where: { action: 'caseworker.assign', childId: unassigned.id } })
	expect(audit.details).toBe(`No caseworker -> ${priya.name} (${priya.id})`)
})

test('nothing moves when the form is wrong: nothing selected, no target, another council’s child or caseworker, or a child no longer on the list', async () => {
	const { priya, mark } = await people()
	const cookie = await cookieFor(MANAGER)
	const mine = (await prisma.child.findMany({ where: { caseworkerId: priya.id }, select: { id: true }, take: 2 })).map((c) => c.id)
	const medwayChild = (await prisma.child.findFirstOrThrow({ where: { la: { code: '887' } }, select: { id: true } })).id
	const markChild = (await prisma.child.findFirstOrThrow({ where: { caseworkerId: mark.id }, select: { id: true } })).id
	const outsider = await prisma.user.create({
		data: {
			email: 'other.council.caseworker@medway.example.gov.uk',
			name: 'Other Council',
			laId: (await prisma.localAuthority.findUniqueOrThrow({ where: { code: '887' } })).id,
			roles: { create: { role: 'CASEWORKER' } },
		},
	})
	const inactive = await prisma.user.create({
		data: { email: 'left@kent.example.gov.uk', name: 'Left Council', laId: priya.laId, active: false, roles: { create: { role: 'CASEWORKER' } } },
	})
	const auditsBefore = await prisma.auditEvent.count({ where: { action: 'caseworker.assign' } })
	const attempts: Array<[string, Record<string, string | string[]>, RegExp]> = [
		['nothing selected', { from: priya.id, to: mark.id }, /Select the children to move/],
		['no target', { from: priya.id, childIds: mine }, /Select the caseworker to move them to/],
		['another council’s caseworker', { from: priya.id, childIds: mine, to: outsider.id }, /Select the caseworker/],
		['an inactive caseworker', { from: priya.id, childIds: mine, to: inactive.id }, /Select the caseworker/],
		['the same caseworker', { from: priya.id, childIds: mine, to: priya.id }, /Select the caseworker/],
		['another council’s child', { from: priya.id, childIds: [...mine, medwayChild], to: mark.id }, /no longer with this caseworker/],
		['a child not on this caseload', { from: priya.id, childIds: [...mine, markChild], to: mark.id }, /no longer with this caseworker/],
	]
	for (const [what, form, message] of attempts) {
		const result = (await run(workload.action, request('/workload', { cookie, form }))) as any
		expect(result?.init?.status, what).toBe(400)
		expect(JSON.stringify(result.data.result.error), what).toMatch(message)
	}
	for (const id of mine) expect((await prisma.child.findUniqueOrThrow({ where: { id } })).caseworkerId).toBe(priya.id)
	expect((await prisma.child.findUniqueOrThrow({ where: { id: medwayChild } })).caseworkerId).not.toBe(mark.id)
	expect((await prisma.child.findUniqueOrThrow({ where: { id: markChild } })).caseworkerId).toBe(mark.id)
	expect(await prisma.auditEvent.count({ where: { action: 'caseworker.assign' } })).toBe(auditsBefore)
})
