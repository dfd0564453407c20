// The school's first page is its to-do list (issue 13): each child's review due now, most urgent first, and the
// children who need action. Through the real loader on the seeded school; the rule itself is app/domain/review-due-now.ts.
import { expect, test } from 'vitest'
import { prisma } from '#app/db/db.server.ts'
import { todayInLondon } from '#app/domain/calendar-date.ts'
import * as school from '#app/routes/school.tsx'
import { cookieFor, OAKFIELD_SENCO, request, run } from '#tests/helpers.ts'

type List = Awaited<ReturnType<typeof school.loader>>
const list = async (search: string) => (await run(school.loader, request(`/school${search}`, { cookie: await cookieFor(OAKFIELD_SENCO) }))) as List

async function everyRow(search: string) {
	const first = await list(search)
	const rows = [...first.rows]
	for (let page = 2; page <= first.pages; page++) rows.push(...(await list(`${search}${search ? '&' : '?'}page=${page}`)).rows)
	return { first, rows }
}

test('every child is listed once, most urgent first: overdue, then soonest due, then those with nothing to do', async () => {
	const { first, rows } = await everyRow('')
	const { schoolId } = await prisma.user.findUniqueOrThrow({ where: { email: OAKFIELD_SENCO }, select: { schoolId: true } })
	expect(rows.length).toBe(await prisma.child.count({ where: { schoolId } }))
	expect(new Set(rows.map((r) => r.id)).size).toBe(rows.length)
	expect(first.counts.children).toBe(rows.length)
	const dates = rows.map((r) => r.dueNow.next?.dueOn ?? '9999-12-31')
	expect(dates).toEqual([...dates].sort())
	expect(rows[0]!.dueNow.urgency?.words).toMatch(/^Overdue by /)
})

test('a child whose review is overdue with last year’s closed shows this year’s, not started and overdue', async () => {
	const today = todayInLondon(new Date())
	const { schoolId } = await prisma.user.findUniqueOrThrow({ where: { email: OAKFIELD_SENCO }, select: { schoolId: true } })
	const overdue = await prisma.child.findMany({
		where: { schoolId, plan: { status: 'ACTIVE', reviewDueOn: { lt: today } }, reviews: { some: {}, none: { status: { not: 'CLOSED' } } } },
		select: { id: true, plan: { select: { reviewDueOn: true } } },
	})
	expect(overdue.length).toBeGreaterThan(0)
	const { rows } = await everyRow('')
	for (const child of overdue) {
		expect(rows.find((r) => r.id === child.id)!.dueNow).toMatchObject({
			state: 'not_started',
			review: null,
			reviewDueOn: child.plan!.reviewDueOn,
			needsAction: true,
			urgency: { colour: 'red', words: expect.stringMatching(/^Overdue by \d+ days?$/) },
		})
	}
})

test('"need action now" lists exactly the children the count names, and a search keeps the filter', async () => {
	const all = await everyRow('')
	const { first, rows } = await everyRow('?show=action')
	expect(first.show).toBe('action')
	expect(rows.length).toBe(all.first.counts.needsAction)
	expect(rows.map((r) => r.id)).toEqual(all.rows.filter((r) => r.dueNow.needsAction).map((r) => r.id))
	const one = rows[0]!
	const searched = await list(`?show=action&q=${one.upn}`)
	expect(searched.rows.map((r) => r.id)).toEqual([one.id])
	const notNeeding = all.rows.find((r) => !r.dueNow.needsAction)!
	expect((await list(`?show=action&q=${notNeeding.upn}`)).total).toBe(0)
	expect((await list(`?q=${notNeeding.upn}`)).rows.map((r) => r.id)).toEqual([notNeeding.id])
})
