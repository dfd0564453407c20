// The council's caseload through its real loader: every filter returns exactly the rows its definition says
// (worked out here straight from the stored data, without the caseload's own `where` clauses), most urgent
// first, only the council's own; and assigning a caseworker, with its checks and audit.
import { expect, test } from 'vitest'
import { prisma } from '#app/db/db.server.ts'
import { addDays, todayInLondon } from '#app/domain/calendar-date.ts'
import * as caseload from '#app/routes/caseload.tsx'
import * as assign from '#app/routes/child-assign.tsx'
import { cookieFor, expectRedirect, request, run, statusOf } from '#tests/helpers.ts'

const PRIYA = 'caseworker@kent.example.gov.uk'
const MANAGER = 'manager@kent.example.gov.uk'
const ADMIN = 'admin@kent.example.gov.uk'
const OAKFIELD = 'senco@oakfield-primary.example.org'
const MEDWAY_SENCO = 'senco@medway-school.example.org'

type Loaded = Awaited<ReturnType<typeof caseload.loader>>
type Row = Loaded['rows'][number]

const today = () => todayInLondon(new Date())

/** Every row of the caseload for a query string, page after page. */
async function allRows(cookie: string, query: string): Promise<{ rows: Row[]; first: Loaded }> {
	const first = (await run(caseload.loader, request(`/caseload?${query}`, { cookie }))) as Loaded
	const rows = [...first.rows]
	for (let page = 2; page <= first.pages; page++) {
		const next = (await run(caseload.loader, request(`/caseload?${query}&page=${page}`, { cookie }))) as Loaded
		rows.push(...next.rows)
	}
	return { rows, first }
}

const keyOf = (row: Pick<Row, 'kind' | 'key'>) => `${row.kind}:${row.key}`

interface Candidate {
	kind: 'review' | 'due'
	key: string
	sortOn: string | null
	status: string | null
	child: { id: string; laId: string; caseworkerId: string | null; schoolId: string | null; phaseTransfer: string | null; searchText: string }
}

/**
 * The caseload's definition, from the data: every review not closed in the council, and every child of the
 * council with an active plan due within 12 weeks (or overdue) and no review that is not closed.
 */
async function candidates(laId: string): Promise<Candidate[]> {
	const childFields = { id: true, laId: true, caseworkerId: true, schoolId: true, phaseTransfer: true, searchText: true } as const
	const reviews = await prisma.annualReview.findMany({
		where: { laId },
		select: { id: true, status: true, nextDeadlineOn: true, child: { select: childFields } },
	})
	const plans = await prisma.ehcPlan.findMany({
		select: { status: true, reviewDueOn: true, child: { select: { ...childFields, reviews: { select: { status: true } } } } },
	})
	const windowEnd = addDays(today(), 84)
	return [
		...reviews
			.filter((r) => r.status !== 'CLOSED')
			.map((r) => ({ kind: 'review' as const, key: r.id, sortOn: r.nextDeadlineOn, status: r.status, child: r.child })),
		...plans
			.filter((p) => p.child.laId === laId && p.status === 'ACTIVE' && p.reviewDueOn <= windowEnd && p.child.reviews.every((r) => r.status === 'CLOSED'))
			.map((p) => ({ kind: 'due' as const, key: p.child.id, sortOn: p.reviewDueOn, status: null, child: p.child })),
	]
}

async function userOf(email: string) {
	return prisma.user.findUniqueOrThrow({ where: { email }, select: { id: true, laId: true } })
}

test('each filter returns exactly the rows its definition says', async () => {
	const manager = await userOf(MANAGER)
	const priya = await userOf(PRIYA)
	const cookie = await cookieFor(MANAGER)
	const all = await candidates(manager.laId!)
	const t = today()
	const soon = addDays(t, 7)
	// A school with rows of both kinds, and a name fragment that matches several children.
	const school = all.find((c) => c.kind === 'due' && c.child.schoolId && all.some((o) => o.kind === 'review' && o.child.schoolId === c.child.schoolId))!.child
		.schoolId!
	const someone = all.find((c) => c.kind === 'review')!
	const name = someone.child.searchText.split(' ')[1]!.slice(0, 4)
	const upn = someone.child.searchText.split(' ').at(-1)!

	const cases: Array<[string, (c: Candidate) => boolean]> = [
		['view=all', () => true],
		['view=mine', (c) => c.child.caseworkerId === manager.id],
		['view=unassigned', (c) => c.child.caseworkerId === null],
		[`view=all&school=${school}`, (c) => c.child.schoolId === school],
		['view=all&status=DRAFT', (c) => c.status === 'DRAFT'],
		['view=all&status=SUBMITTED', (c) => c.status === 'SUBMITTED'],
		['view=all&status=NOT_STARTED', (c) => c.kind === 'due'],
		['view=all&due=overdue', (c) => c.sortOn !== null && c.sortOn < t],
		['view=all&due=soon', (c) => c.sortOn !== null && c.sortOn >= t && c.sortOn <= soon],
		['view=all&due=overdue&due=soon', (c) => c.sortOn !== null && c.sortOn <= soon],
		['view=all&transfer=yes', (c) => c.child.phaseTransfer !== null],
		[`view=all&q=${encodeURIComponent(name.toUpperCase())}`, (c) => c.child.searchText.includes(name.toLowerCase())],
		[`view=all&q=${encodeURIComponent(upn)}`, (c) => c.child.searchText.includes(upn.toLowerCase())],
		// LIKE's wildcards are searched for as themselves (no name has them): not "every child".
		['view=all&q=%25', (c) => c.child.searchText.includes('%')],
		['view=all&q=_', (c) => c.child.searchText.includes('_')],
		[`view=unassigned&due=overdue&status=NOT_STARTED`, (c) => c.child.caseworkerId === null && c.kind === 'due' && c.sortOn! < t],
	]
	for (const [query, wanted] of cases) {
		const { rows, first } = await allRows(cookie, query)
		const expected = all.filter(wanted).map(keyOf).sort()
		expect(rows.map(keyOf).sort(), query).toEqual(expected)
		expect(first.total, query).toBe(expected.length)
		expect(first.capped, query).toBe(false)
	}
	// The cases are not vacuous: the whole list is several pages, and each filter narrows it.
	expect(all.length).toBeGreaterThan(50)
	expect(all.filter((c) => c.kind === 'due').length).toBeGreaterThan(5)
	expect(all.filter((c) => c.sortOn !== null && c.sortOn < t).length).toBeGreaterThan(5)

	// A caseworker's own view is theirs by default.
	const mine = await allRows(await cookieFor(PRIYA), '')
	expect(mine.first.filter.view).toBe('mine')
	expect(mine.rows.map(keyOf).sort()).toEqual(
		all
			.filter((c) => c.child.caseworkerId === priya.id)
			.map(keyOf)
			.sort(),
	)
	expect(mine.rows.length).toBeGreaterThan(5)
})

test('the list is most urgent first: by the stored date, open reviews with no deadline last', async () => {
	const { rows } = await allRows(await cookieFor(MANAGER), 'view=all')
	const dated = rows.filter((r) => r.sortOn !== null)
	const undated = rows.filter((r) => r.sortOn === null)
	expect(rows.slice(0, dated.length)).toEqual(dated)
	expect(undated.every((r) => r.kind === 'review')).toBe(true)
	for (let i = 1; i < dated.length; i++) {
		const [a, b] = [dated[i - 1]!, dated[i]!]
		expect(a.sortOn! <= b.sortOn!, `${a.sortOn} before ${b.sortOn}`).toBe(true)
		// On the same date, an open review before a review due.
		if (a.sortOn === b.sortOn && a.kind !== b.kind) expect(a.kind).toBe('review')
	}
	// The stored date is the one shown for a review due, and for an open review unless the clock has moved on.
	for (const row of rows.filter((r) => r.kind === 'due')) expect(row.deadline).toMatchObject({ id: 'review_due', dueOn: row.sortOn })
	expect(rows.filter((r) => r.kind === 'review' && r.deadline?.dueOn === r.sortOn).length).toBeGreaterThan(rows.filter((r) => r.kind === 'review').length / 2)
})

test('each row says its state in words, with a colour that agrees', async () => {
	const { rows } = await allRows(await cookieFor(MANAGER), 'view=all')
	const t = today()
	for (const row of rows) {
		if (!row.deadline) continue
		expect(row.deadline.words.length, row.childName).toBeGreaterThan(5)
		if (row.deadline.colour === 'red') expect(row.deadline.words).toMatch(/^Overdue by \d+ days?$/)
		if (row.deadline.words.startsWith('Overdue')) expect(row.deadline.dueOn < t).toBe(true)
	}
	expect(rows.some((r) => r.deadline?.colour === 'red')).toBe(true)
	expect(rows.some((r) => r.deadline?.colour === 'green')).toBe(true)
})

test('a council’s staff see only their own council’s rows; a SENCo and other councils get 403 or nothing', async () => {
	const kent = await userOf(MANAGER)
	const medwaySchool = (await prisma.user.findUniqueOrThrow({
		where: { email: MEDWAY_SENCO },
		select: { schoolId: true, school: { select: { laId: true } } },
	}))!
	const medwayLa = medwaySchool.school!.laId
	// A Medway caseworker, and a Medway review due so that Medway's caseload has something in it.
	const medwayCaseworker = await prisma.user.create({
		data: { email: 'caseworker@medway.example.gov.uk', name: 'Medway Caseworker', laId: medwayLa, roles: { create: { role: 'CASEWORKER' } } },
	})
	const medwayChild = await prisma.child.findFirstOrThrow({ where: { laId: medwayLa }, select: { id: true, upn: true } })
	await prisma.child.update({ where: { id: medwayChild.id }, data: { caseworkerId: medwayCaseworker.id } })
	await prisma.ehcPlan.update({ where: { childId: medwayChild.id }, data: { status: 'ACTIVE', reviewDueOn: addDays(today(), 10) } })
	await prisma.annualReview.updateMany({ where: { childId: medwayChild.id }, data: { status: 'CLOSED' } })

	for (const email of [PRIYA, MANAGER]) {
		const cookie = await cookieFor(email)
		const { rows } = await allRows(cookie, 'view=all')
		expect(rows.length).toBeGreaterThan(0)
		expect(await prisma.child.count({ where: { id: { in: rows.map((r) => r.childId) }, laId: { not: kent.laId! } } })).toBe(0)
		const searched = (await run(caseload.loader, request(`/caseload?view=all&q=${medwayChild.upn}`, { cookie }))) as Loaded
		expect(searched.total).toBe(0)
	}
	const medway = await allRows(await cookieFor('caseworker@medway.example.gov.uk'), 'view=all')
	expect(medway.rows.map((r) => r.childId)).toContain(medwayChild.id)
	expect(await prisma.child.count({ where: { id: { in: medway.rows.map((r) => r.childId) }, laId: { not: medwayLa } } })).toBe(0)
	// Kent's school as a filter finds nothing for Medway.
	const kentSchool = await prisma.school.findFirstOrThrow({ where: { laId: kent.laId! }, select: { id: true } })
	expect(
		(
			(await run(
				caseload.loader,
				request(`/caseload?view=all&school=${kentSchool.id}`, { cookie: await cookieFor('caseworker@medway.example.gov.uk') }),
			)) as Loaded
		).total,
	).toBe(0)

	expect(await statusOf(caseload.loader, request('/caseload', { cookie: await cookieFor(OAKFIELD) }))).toBe(403)
	expect(await statusOf(caseload.loader, request('/caseload', { cookie: await cookieFor(MEDWAY_SENCO) }))).toBe(403)
	expectRedirect(await run(caseload.loader, request('/caseload')), /^\/sign-in/)
})

test('assigning a caseworker: only an active caseworker of the council, audited, and off the unassigned list', async () => {
	const manager = await userOf(MANAGER)
	const priya = await userOf(PRIYA)
	const cookie = await cookieFor(MANAGER)
	const before = await allRows(cookie, 'view=unassigned')
	const row = before.rows[0]!
	const childId = row.childId
	const params = { childId }
	const path = `/children/${childId}/assign`

	// The form offers the council's active caseworkers, and nobody else.
	const form = (await run(assign.loader, request(`${path}?back=${encodeURIComponent('/caseload?view=unassigned')}`, { cookie }), params)) as any
	const offered = form.caseworkers.map((c: { id: string }) => c.id)
	expect(offered).toContain(priya.id)
	expect(offered).not.toContain(manager.id)
	expect(
		await prisma.user.count({
			where: { id: { in: offered }, OR: [{ laId: { not: manager.laId! } }, { active: false }, { roles: { none: { role: 'CASEWORKER' } } }] },
		}),
	).toBe(0)
	expect(form.back).toBe('/caseload?view=unassigned')

	// Refused: nobody chosen, a manager (not a caseworker), an inactive caseworker, a caseworker of another council.
	const inactive = await prisma.user.create({
		data: { email: 'left@kent.example.gov.uk', name: 'Left Kent', laId: manager.laId, active: false, roles: { create: { role: 'CASEWORKER' } } },
	})
	const medwayLa = (await prisma.localAuthority.findFirstOrThrow({ where: { code: '887' }, select: { id: true } })).id
	const medway = await prisma.user.create({
		data: { email: 'other@medway.example.gov.uk', name: 'Medway Officer', laId: medwayLa, roles: { create: { role: 'CASEWORKER' } } },
	})
	for (const caseworkerId of ['', manager.id, inactive.id, medway.id, 'no-such-user']) {
		const result = (await run(assign.action, request(path, { cookie, form: { caseworkerId, back: '/caseload?view=unassigned' } }), params)) as any
		expect(result.init?.status, caseworkerId || 'empty').toBe(400)
		expect(result.data.result.error.caseworkerId[0]).toMatch(/Select a caseworker/)
	}
	expect((await prisma.child.findUniqueOrThrow({ where: { id: childId } })).caseworkerId).toBeNull()
	expect(await prisma.auditEvent.count({ where: { action: 'caseworker.assign', childId } })).toBe(0)

	// Assigned to Priya: back to the list it came from, saying so.
	const done = expectRedirect(
		await run(assign.action, request(path, { cookie, form: { caseworkerId: priya.id, back: '/caseload?view=unassigned' } }), params),
		/^\/caseload\?/,
	)
	const location = new URL(done.headers.get('location')!, 'http://x')
	expect(location.searchParams.get('view')).toBe('unassigned')
	expect(location.searchParams.get('assigned')).toBe(childId)
	expect((await prisma.child.findUniqueOrThrow({ where: { id: childId } })).caseworkerId).toBe(priya.id)
	const events = await prisma.auditEvent.findMany({ where: { action: 'caseworker.assign', childId } })
	expect(events).toHaveLength(1)
	expect(events[0]).toMatchObject({ userId: manager.id, entityType: 'Child', entityId: childId, details: `from unassigned to ${priya.id}` })
	const after = (await run(caseload.loader, request(`/caseload?view=unassigned&assigned=${childId}`, { cookie }))) as Loaded
	expect(after.assigned).toEqual({ child: row.childName, caseworker: 'Priya Shah' })
	expect(after.total).toBe(before.first.total - 1)
	expect((await allRows(cookie, 'view=unassigned')).rows.map((r) => r.childId)).not.toContain(childId)
	expect((await allRows(await cookieFor(PRIYA), 'view=mine')).rows.map((r) => r.childId)).toContain(childId)

	// Reassigned by Priya to a colleague; never to a Medway caseworker.
	const mark = await userOf('mark.bennett@kent.example.gov.uk')
	const priyaCookie = await cookieFor(PRIYA)
	expect((await run(assign.action, request(path, { cookie: priyaCookie, form: { caseworkerId: medway.id } }), params)) as any).toMatchObject({
		init: { status: 400 },
	})
	expectRedirect(
		await run(assign.action, request(path, { cookie: priyaCookie, form: { caseworkerId: mark.id, back: 'https://evil.example/' } }), params),
		/^\/caseload\?assigned=/,
	)
	expect((await prisma.child.findUniqueOrThrow({ where: { id: childId } })).caseworkerId).toBe(mark.id)
	expect(await prisma.auditEvent.findFirst({ where: { action: 'caseworker.assign', childId, userId: priya.id } })).toMatchObject({
		details: `from ${priya.id} to ${mark.id}`,
	})
})

test('assigning: a SENCo, an administrator and another council get 403; an unknown child 404', async () => {
	const priya = await userOf(PRIYA)
	const kentChild = await prisma.child.findFirstOrThrow({ where: { laId: priya.laId! }, select: { id: true } })
	const medwayChild = await prisma.child.findFirstOrThrow({ where: { la: { code: '887' } }, select: { id: true } })
	const form = { caseworkerId: priya.id }
	for (const email of [OAKFIELD, ADMIN]) {
		const cookie = await cookieFor(email)
		expect(await statusOf(assign.loader, request(`/children/${kentChild.id}/assign`, { cookie }), { childId: kentChild.id }), email).toBe(403)
		expect(await statusOf(assign.action, request(`/children/${kentChild.id}/assign`, { cookie, form }), { childId: kentChild.id }), email).toBe(403)
	}
	const manager = await cookieFor(MANAGER)
	expect(await statusOf(assign.loader, request(`/children/${medwayChild.id}/assign`, { cookie: manager }), { childId: medwayChild.id })).toBe(403)
	expect(await statusOf(assign.action, request(`/children/${medwayChild.id}/assign`, { cookie: manager, form }), { childId: medwayChild.id })).toBe(403)
	expect((await prisma.child.findUniqueOrThrow({ where: { id: medwayChild.id } })).caseworkerId).not.toBe(priya.id)
	expect(await prisma.auditEvent.count({ where: { action: 'access.denied', childId: medwayChild.id } })).toBeGreaterThan(0)
	expect(await statusOf(assign.loader, request('/children/nope/assign', { cookie: manager }), { childId: 'nope' })).toBe(404)
	expectRedirect(await run(assign.loader, request(`/children/${kentChild.id}/assign`), { childId: kentChild.id }), /^\/sign-in/)
})

test('the school filter takes part of a name or a URN, says which schools it matched, and only the council’s', async () => {
	const manager = await userOf(MANAGER)
	const cookie = await cookieFor(MANAGER)
	const all = await candidates(manager.laId!)
	const schools = await prisma.school.findMany({ where: { laId: manager.laId! }, select: { id: true, name: true, urn: true } })
	const rowsAt = (ids: string[]) =>
		all
			.filter((c) => c.child.schoolId !== null && ids.includes(c.child.schoolId))
			.map(keyOf)
			.sort()

	// A word several school names share (case as typed does not matter): every one of those schools.
	const words = schools.flatMap((s) => s.name.split(' ').filter((w) => w.length > 3 && !['School', 'Primary'].includes(w)))
	const shared = words.find((w) => schools.filter((s) => s.name.includes(w)).length > 1)!
	expect(shared).toBeTruthy()
	const matching = schools.filter((s) => s.name.toLowerCase().includes(shared.toLowerCase()))
	const several = await allRows(cookie, `view=all&school=${encodeURIComponent(shared.toUpperCase())}`)
	expect(several.first.schools).toEqual({ count: matching.length, first: matching.map((s) => s.name).sort() })
	expect(several.rows.map(keyOf).sort()).toEqual(rowsAt(matching.map((s) => s.id)))
	expect(several.rows.length).toBeGreaterThan(0)

	// A whole name is that school only (even when another school's name contains it); so is a URN.
	const one = schools.find((s) => all.some((c) => c.child.schoolId === s.id))!
	for (const text of [one.name.toLowerCase(), one.urn]) {
		const { rows, first } = await allRows(cookie, `view=all&school=${encodeURIComponent(text)}`)
		expect(first.schools, text).toEqual({ count: 1, first: [one.name] })
		expect(rows.map(keyOf).sort(), text).toEqual(rowsAt([one.id]))
	}
	// A school's id (from a link) is shown, and paged, by its name.
	const linked = (await run(caseload.loader, request(`/caseload?view=all&school=${one.id}`, { cookie }))) as Loaded
	expect(linked.filter.school).toBe(one.name)
	expect(linked.schools).toEqual({ count: 1, first: [one.name] })

	// Nothing matched: no rows, and the page says so rather than listing everything.
	const none = (await run(caseload.loader, request('/caseload?view=all&school=zzzz-no-such-school', { cookie }))) as Loaded
	expect(none.schools).toEqual({ count: 0, first: [] })
	expect(none.rows).toEqual([])
	expect(none.total).toBe(0)

	// Another council's school, by name or id, matches nothing here.
	const medway = await prisma.school.findFirstOrThrow({ where: { la: { name: 'Medway Council' } }, select: { id: true, name: true } })
	for (const text of [medway.id, medway.name]) {
		const other = (await run(caseload.loader, request(`/caseload?view=all&school=${encodeURIComponent(text)}`, { cookie }))) as Loaded
		expect(other.schools, text).toEqual({ count: 0, first: [] })
		expect(other.rows, text).toEqual([])
	}
})

test('past 1,000 rows the list stops, says so, and still shows the most urgent first', async () => {
	const manager = await userOf(MANAGER)
	const school = await prisma.school.findFirstOrThrow({ where: { laId: manager.laId! }, select: { id: true } })
	// 1,000 more children due a review, spread over the next 10 weeks.
	const t = today()
	const children = Array.from({ length: 1000 }, (_, i) => ({
		id: `cbulk${String(i).padStart(20, '0')}`,
		laId: manager.laId!,
		schoolId: school.id,
		firstName: 'Bulk',
		lastName: `Child ${i}`,
		dateOfBirth: '2015-01-01',
		upn: `Z${String(i).padStart(12, '0')}`,
		searchText: `bulk child ${i} z${String(i).padStart(12, '0')}`,
	}))
	await prisma.child.createMany({ data: children })
	await prisma.ehcPlan.createMany({ data: children.map((c, i) => ({ childId: c.id, firstIssuedOn: '2020-01-01', reviewDueOn: addDays(t, 1 + (i % 70)) })) })

	const cookie = await cookieFor(MANAGER)
	const expected = (await candidates(manager.laId!))
		.filter((c) => c.sortOn !== null)
		.sort((a, b) => (a.sortOn! < b.sortOn! ? -1 : a.sortOn! > b.sortOn! ? 1 : a.kind === b.kind ? 0 : a.kind === 'review' ? -1 : 1))
	const first = (await run(caseload.loader, request('/caseload?view=all', { cookie }))) as Loaded
	expect(first).toMatchObject({ total: 1000, capped: true, pages: 40 })
	// Any page past the end shows the last; its rows are the 976th to 1,000th most urgent.
	const last = (await run(caseload.loader, request('/caseload?view=all&page=99', { cookie }))) as Loaded
	expect(last.page).toBe(40)
	expect(last.rows).toHaveLength(25)
	expect(last.rows.map((r) => r.sortOn)).toEqual(expected.slice(975, 1000).map((c) => c.sortOn))
	// A filter that fits shows its exact count again.
	const bulk = (await run(caseload.loader, request('/caseload?view=all&q=bulk%20child%2099', { cookie }))) as Loaded
	expect(bulk).toMatchObject({ total: 11, capped: false })
	// A search or a school with more children than one statement can list by id is walked in date order instead.
	for (const query of ['q=bulk', `school=${school.id}`]) {
		const many = (await run(caseload.loader, request(`/caseload?view=all&${query}&page=40`, { cookie }))) as Loaded
		expect(many, query).toMatchObject({ total: 1000, page: 40 })
		expect(many.rows, query).toHaveLength(25)
	}
})
