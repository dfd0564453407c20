// The timeliness dashboard, its lists and the CSV exports, on the seeded database. The expected figures are
// worked out here again, straight from the database rows and the definitions in words (not by calling
// app/domain/timeliness.ts), so a mistake in the module shows up as a difference.
import { parse } from 'csv-parse/sync'
import { createElement } from 'react'
import { renderToStaticMarkup } from 'react-dom/server'
import { expect, test } from 'vitest'
import { SchoolsMatched } from '#app/components/schools-matched.tsx'
import { prisma } from '#app/db/db.server.ts'
import * as caseloadExport from '#app/routes/caseload-export.ts'
import * as caseload from '#app/routes/caseload.tsx'
import * as decisionRoute from '#app/routes/council-decision.tsx'
import * as noticeRoute from '#app/routes/council-notice.tsx'
import * as timelinessExport from '#app/routes/timeliness-export.ts'
import * as timelinessReviews from '#app/routes/timeliness-reviews.tsx'
import * as sen2 from '#app/routes/timeliness-sen2.ts'
import * as timeliness from '#app/routes/timeliness.tsx'
import { checkAndSend, decideToAmend, decideToMaintain } from '#tests/check-and-send.ts'
import { CASEWORKER, cookieFor, expectRedirect, MANAGER, MEDWAY_SENCO, OAKFIELD_SENCO, OPEN, request, run, statusOf } from '#tests/helpers.ts'

type Dashboard = Exclude<Awaited<ReturnType<typeof timeliness.loader>>, Response>

// Calendar arithmetic written independently of app/domain (UTC dates, whole days).
const plusDays = (iso: string, days: number) => new Date(Date.parse(`${iso}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10)
const monthStart = (iso: string, monthsBack: number) => {
	const d = new Date(Date.UTC(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1 - monthsBack, 1))
	return d.toISOString().slice(0, 10)
}
const lastDayOf = (month: string) => new Date(Date.UTC(Number(month.slice(0, 4)), Number(month.slice(5, 7)), 0)).toISOString().slice(0, 10)
const ageOn = (dob: string, on: string) => Number(on.slice(0, 4)) - Number(dob.slice(0, 4)) - (on.slice(5) < dob.slice(5) ? 1 : 0)

/** One review (or plan due with no review started) as the test sees it. */
type Fact = {
	childId: string
	status: string | null
	dueOn: string
	meetingOn: string | null
	reportOn: string | null
	decidedOn: string | null
	/** The day the decision letter was sent (its document's creation, in London), if the portal sent one. */
	letterOn: string | null
	outcome: string | null
	noticeOn: string | null
	finalOn: string | null
	schoolId: string | null
	phase: string | null
	caseworkerId: string | null
	dateOfBirth: string
}

async function kentLaId() {
	return (await prisma.localAuthority.findUniqueOrThrow({ where: { code: '886' }, select: { id: true } })).id
}

/** Every Kent review and every Kent plan whose review date has come with no review started for it. */
async function facts(laId: string): Promise<Fact[]> {
	const reviews = await prisma.annualReview.findMany({
		where: { child: { laId } },
		select: {
			childId: true,
			status: true,
			dueOn: true,
			meetingOn: true,
			reportReceivedOn: true,
			school: { select: { id: true, phase: true } },
			child: { select: { dateOfBirth: true, caseworkerId: true } },
			decision: { select: { decidedOn: true, outcome: true } },
			notice: { select: { issuedOn: true } },
			finalPlan: { select: { issuedOn: true } },
			documents: { where: { kind: 'DECISION_LETTER' }, orderBy: { createdAt: 'asc' }, take: 1, select: { createdAt: true } },
		},
	})
	const plans = await prisma.ehcPlan.findMany({
		where: { status: 'ACTIVE', child: { laId } },
		select: {
			reviewDueOn: true,
			child: {
				select: {
					id: true,
					dateOfBirth: true,
					caseworkerId: true,
					school: { select: { id: true, phase: true } },
					reviews: { select: { status: true, dueOn: true } },
				},
			},
		},
	})
	return [
		...reviews.map((r) => ({
			childId: r.childId,
			status: r.status,
			dueOn: r.dueOn,
			meetingOn: r.meetingOn,
			reportOn: r.reportReceivedOn,
			decidedOn: r.decision?.decidedOn ?? null,
			letterOn: r.documents[0] ? londonDay(r.documents[0].createdAt) : null,
			outcome: r.decision?.outcome ?? null,
			noticeOn: r.notice?.issuedOn ?? null,
			finalOn: r.finalPlan?.issuedOn ?? null,
			schoolId: r.school?.id ?? null,
			phase: r.school?.phase ?? null,
			caseworkerId: r.child.caseworkerId,
			dateOfBirth: r.child.dateOfBirth,
		})),
		// Not started: no open review, and no review answering this due date or a later one.
		...plans
			.filter((p) => !p.child.reviews.some((r) => OPEN.includes(r.status) || r.dueOn >= p.reviewDueOn))
			.map((p) => ({
				childId: p.child.id,
				status: null,
				dueOn: p.reviewDueOn,
				meetingOn: null,
				reportOn: null,
				decidedOn: null,
				letterOn: null,
				outcome: null,
				noticeOn: null,
				finalOn: null,
				schoolId: p.child.school?.id ?? null,
				phase: p.child.school?.phase ?? null,
				caseworkerId: p.child.caseworkerId,
				dateOfBirth: p.child.dateOfBirth,
			})),
	]
}

/**
 * The day the family was told of the decision (reg 20(10)): for a decision to amend, the day the amendment notice
 * was sent, which comes with the decision (reg 22(2); R (L, M & P) v Devon CC [2022] EWHC 493 (Admin)); for
 * maintain or cease, the day the decision letter was sent (HESC Rules 2008 r.20), or the decision date when the
 * decision was recorded without a letter (seeded or imported).
 */
const toldOn = (f: { outcome: string | null; decidedOn: string | null; letterOn?: string | null; noticeOn: string | null }) =>
	f.outcome === 'AMEND' ? f.noticeOn : f.decidedOn && (f.letterOn ?? f.decidedOn)
/** The calendar day in England of a moment. */
const londonDay = (at: Date) => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' }).format(at)

/** The figures, from the definitions in words (app/domain/timeliness.ts's FIGURE_TEXT and the brief). */
function expected(all: Fact[], from: string, to: string, today: string) {
	const inPeriod = (d: string | null) => d !== null && d >= from && d <= to
	const held = (f: Fact) => f.meetingOn !== null && f.meetingOn <= today
	const share = (list: Fact[], ok: (f: Fact) => boolean) => {
		const within = list.filter(ok).length
		return { kind: 'share', within, total: list.length, percent: list.length ? Math.round((within * 100) / list.length) : null }
	}
	const count = (list: Fact[]) => ({ kind: 'count', value: list.length })
	const due = all.filter((f) => inPeriod(f.dueOn))
	const decided = all.filter((f) => held(f) && inPeriod(f.meetingOn) && toldOn(f))
	return {
		due: count(due),
		held: count(due.filter(held)),
		not_held: count(due.filter((f) => !held(f) && f.dueOn < today)),
		held_on_time: share(
			due.filter((f) => held(f) || f.dueOn < today),
			(f) => held(f) && f.meetingOn! <= f.dueOn,
		),
		reports_2_weeks: share(
			all.filter((f) => held(f) && inPeriod(f.meetingOn) && f.reportOn),
			(f) => f.reportOn! <= plusDays(f.meetingOn!, 14),
		),
		decisions_4_weeks: share(decided, (f) => toldOn(f)! <= plusDays(f.meetingOn!, 28)),
		final_plans_8_weeks: share(
			all.filter((f) => inPeriod(f.noticeOn) && f.finalOn),
			(f) => f.finalOn! <= plusDays(f.noticeOn!, 56),
		),
		outcome_maintain: count(all.filter((f) => inPeriod(f.decidedOn) && f.outcome === 'MAINTAIN')),
		outcome_amend: count(all.filter((f) => inPeriod(f.decidedOn) && f.outcome === 'AMEND')),
		outcome_cease: count(all.filter((f) => inPeriod(f.decidedOn) && f.outcome === 'CEASE')),
	}
}

/** Today's lists, from their definitions. */
function expectedCurrent(all: Fact[], today: string) {
	const open = (f: Fact) => f.status !== null && OPEN.includes(f.status)
	const held = (f: Fact) => f.meetingOn !== null && f.meetingOn <= today
	const breaches = all.filter((f) => {
		if (!open(f) || !held(f)) return false
		let next: string | null = null
		if (!f.decidedOn) next = plusDays(f.meetingOn!, 28)
		else if (f.outcome === 'AMEND' && !f.noticeOn) next = plusDays(f.meetingOn!, 28)
		else if (f.noticeOn && !f.finalOn) next = plusDays(f.noticeOn, 56)
		return next !== null && next >= today && next <= plusDays(today, 14)
	})
	return {
		open_by_due: all.filter((f) => open(f) || (f.status === null && f.dueOn <= today)).length,
		awaiting_decision: all.filter((f) => open(f) && held(f) && !toldOn(f)).length,
		breaches_2_weeks: breaches.length,
	}
}

async function dashboard(path: string, email = MANAGER) {
	const result = await run(timeliness.loader, request(path, { cookie: await cookieFor(email) }))
	if (result instanceof Response) throw new Error(`dashboard answered ${result.status}`)
	return result as Dashboard
}

test('the dashboard’s figures equal the figures worked out from the database rows, for the last 12 complete months', async () => {
	const data = await dashboard('/timeliness')
	const { today } = data
	const from = monthStart(today, 12)
	const to = plusDays(monthStart(today, 0), -1)
	expect(data.query).toMatchObject({ from: from.slice(0, 7), to: to.slice(0, 7) })
	const all = await facts(await kentLaId())
	const want = expected(all, from, to, today)
	expect(data.report!.figures).toEqual(want)
	// The seed has a year of closed reviews: the test is not comparing zeros.
	expect(want.due.value).toBeGreaterThan(100)
	expect(want.decisions_4_weeks.total).toBeGreaterThan(100)
	expect(want.decisions_4_weeks.within).toBeGreaterThan(0)
	expect(want.decisions_4_weeks.within).toBeLessThan(want.decisions_4_weeks.total)
	expect(want.final_plans_8_weeks.total).toBeGreaterThan(10)
	// Month by month adds up to the whole period, and each month is the same definition over that month.
	expect(data.report!.months).toHaveLength(12)
	const sum = (id: 'due' | 'decisions_4_weeks') =>
		data.report!.months.reduce((n, m) => n + (m.figures[id].kind === 'count' ? (m.figures[id] as any).value : (m.figures[id] as any).total), 0)
	expect(sum('due')).toBe(want.due.value)
	expect(sum('decisions_4_weeks')).toBe(want.decisions_4_weeks.total)
	const march = data.report!.months.find((m) => m.month.endsWith('-03'))!
	expect(march.figures).toEqual(expected(all, `${march.month}-01`, `${march.month}-31`, today))
	// Today's lists.
	const current = expectedCurrent(all, today)
	expect(Object.fromEntries(Object.entries(data.report!.current).map(([k, v]) => [k, v.total]))).toEqual(current)
	expect(current.open_by_due).toBeGreaterThan(10)
	expect(data.report!.current.open_by_due.top).toHaveLength(10)
	const dues = data.report!.current.open_by_due.top.map((l) => l.dueOn)
	expect(dues).toEqual([...dues].sort())
})

test('filters narrow every figure: school, caseworker, phase and age group', async () => {
	const laId = await kentLaId()
	const all = await facts(laId)
	const oakfield = (await prisma.user.findUniqueOrThrow({ where: { email: OAKFIELD_SENCO }, select: { schoolId: true } })).schoolId!
	const priya = (await prisma.user.findUniqueOrThrow({ where: { email: CASEWORKER }, select: { id: true } })).id
	const cases: Array<[string, (f: Fact) => boolean]> = [
		[`school=${oakfield}`, (f) => f.schoolId === oakfield],
		[`caseworker=${priya}`, (f) => f.caseworkerId === priya],
		['caseworker=none', (f) => f.caseworkerId === null],
		['phase=SECONDARY', (f) => f.phase === 'SECONDARY'],
		['age=11to15', (f) => ageOn(f.dateOfBirth, f.dueOn) >= 11 && ageOn(f.dateOfBirth, f.dueOn) <= 15],
		[`phase=PRIMARY&caseworker=${priya}`, (f) => f.phase === 'PRIMARY' && f.caseworkerId === priya],
	]
	const unfiltered = await dashboard('/timeliness')
	for (const [search, keep] of cases) {
		const data = await dashboard(`/timeliness?${search}`)
		const want = expected(all.filter(keep), `${data.query.from}-01`, lastDayOf(data.query.to), data.today)
		expect(data.report!.figures, search).toEqual(want)
		expect((data.report!.figures.due as any).value, search).toBeGreaterThan(0)
		expect((data.report!.figures.due as any).value, search).toBeLessThan((unfiltered.report!.figures.due as any).value)
		expect(Object.fromEntries(Object.entries(data.report!.current).map(([k, v]) => [k, v.total])), search).toEqual(
			expectedCurrent(all.filter(keep), data.today),
		)
	}
})

test('the school filter takes part of a name or a URN (or an old link’s id), says which schools it matched, and only the council’s', async () => {
	const laId = await kentLaId()
	const all = await facts(laId)
	const cookie = await cookieFor(MANAGER)
	const schools = await prisma.school.findMany({ where: { laId }, orderBy: { name: 'asc' }, select: { id: true, name: true, urn: true } })
	const at = (ids: string[]) => all.filter((f) => f.schoolId !== null && ids.includes(f.schoolId))
	const totals = (data: Dashboard) => Object.fromEntries(Object.entries(data.report!.current).map(([k, v]) => [k, v.total]))
	const expectFiguresOf = (data: Dashboard, ids: string[], label: string) => {
		expect(data.report!.figures, label).toEqual(expected(at(ids), `${data.query.from}-01`, lastDayOf(data.query.to), data.today))
		expect(totals(data), label).toEqual(expectedCurrent(at(ids), data.today))
	}
	const unfiltered = await dashboard('/timeliness')
	const dueOf = (data: Dashboard) => (data.report!.figures.due as { value: number }).value

	// Part of a name several schools share, in any case: those schools' reviews, in every figure and list.
	const academies = schools.filter((s) => s.name.toLowerCase().includes('academy'))
	expect(academies.length).toBeGreaterThan(1)
	const several = await dashboard('/timeliness?school=ACADEMY')
	expect(several.schools).toEqual({ count: academies.length, first: academies.map((s) => s.name) })
	expect(several.schoolText).toBe('ACADEMY')
	expectFiguresOf(
		several,
		academies.map((s) => s.id),
		'academy',
	)
	expect(dueOf(several)).toBeGreaterThan(0)
	expect(dueOf(several)).toBeLessThan(dueOf(unfiltered))
	// The reviews behind a figure and the downloads use the same schools.
	const list = (await run(timelinessReviews.loader, request('/timeliness/reviews?figure=due&school=academy', { cookie }))) as any
	expect(list.total).toBe(dueOf(several))
	expect(list.schools).toEqual(several.schools)
	for (const row of list.rows) expect(academies.map((s) => s.name)).toContain(row.school)
	// SEN2 is one line per child with a plan on the census date: those at the schools matched, and no others.
	const [, ...sen2Rows] = await download(sen2.loader, '/timeliness/sen2.csv?school=academy')
	const academyUpns = new Set(
		(await prisma.child.findMany({ where: { schoolId: { in: academies.map((s) => s.id) } }, select: { upn: true } })).map((c) => c.upn),
	)
	const [, ...sen2All] = await download(sen2.loader, '/timeliness/sen2.csv')
	expect(sen2Rows.length).toBeGreaterThan(0)
	expect(sen2Rows).toEqual(sen2All.filter((r) => academyUpns.has(r[0]!)))
	const [, firstLine] = await download(timelinessExport.loader, '/timeliness/export.csv?school=academy')
	expect(firstLine![3]).toBe(`${academies.length} schools matching “academy”: ${academies.map((s) => s.name).join('; ')}`)

	// A URN: that school only.
	const oakfield = schools.find((s) => s.name === 'Oakfield Primary School')!
	const byUrn = await dashboard(`/timeliness?school=${oakfield.urn}`)
	expect(byUrn.schools).toEqual({ count: 1, first: [oakfield.name] })
	expectFiguresOf(byUrn, [oakfield.id], 'URN')
	expect(dueOf(byUrn)).toBeGreaterThan(0)
	// An older link by the school's id: still that school, its name in the field; the page's links keep the id.
	const byId = await dashboard(`/timeliness?school=${oakfield.id}`)
	expect(byId.schoolText).toBe(oakfield.name)
	expect(byId.query.school).toBe(oakfield.id)
	expect(byId.schools).toEqual({ count: 1, first: [oakfield.name] })
	expect(byId.report!.figures).toEqual(byUrn.report!.figures)
	const [, idLine] = await download(timelinessExport.loader, `/timeliness/export.csv?school=${oakfield.id}`)
	expect(idLine![3]).toBe(oakfield.name)

	// Nothing matched: no figures at all (not every school's), and the page says so.
	const none = await dashboard('/timeliness?school=zzzz%20no%20such%20school')
	expect(none.schools).toEqual({ count: 0, first: [] })
	expect(none.report!.figures).toEqual(expected([], `${none.query.from}-01`, lastDayOf(none.query.to), none.today))
	expect(Object.values(totals(none))).toEqual([0, 0, 0])
	expect(renderToStaticMarkup(createElement(SchoolsMatched, { text: none.query.school!, schools: none.schools!, subject: 'Figures for reviews' }))).toContain(
		'No school matches “zzzz no such school”',
	)
	expect(((await run(timelinessReviews.loader, request('/timeliness/reviews?figure=open_by_due&school=zzzz', { cookie }))) as any).total).toBe(0)
	expect(await download(sen2.loader, '/timeliness/sen2.csv?school=zzzz')).toHaveLength(1)

	// Another council's school, by its name, part of it, its URN or its id, matches nothing here.
	const medway = await prisma.school.findFirstOrThrow({ where: { la: { code: '887' } }, select: { id: true, name: true, urn: true } })
	expect(schools.some((s) => s.name.toLowerCase().includes('riverbank'))).toBe(false)
	for (const text of [medway.name, 'riverbank', medway.urn, medway.id]) {
		const other = await dashboard(`/timeliness?school=${encodeURIComponent(text)}`)
		expect(other.schools, text).toEqual({ count: 0, first: [] })
		expect(dueOf(other), text).toBe(0)
		expect(Object.values(totals(other)), text).toEqual([0, 0, 0])
	}

	// Too long: an error beside the field (what was typed kept), not figures; the lists and downloads refuse it.
	const long = 'x'.repeat(101)
	const refused = await dashboard(`/timeliness?school=${long}`)
	expect(refused.errors).toEqual({ school: 'The school’s name or URN must be 100 characters or fewer' })
	expect(refused.report).toBeNull()
	expect(refused.schoolText).toBe(long)
	expect(await statusOf(timelinessExport.loader, request(`/timeliness/export.csv?school=${long}`, { cookie }))).toBe(400)
	expect(await statusOf(timelinessReviews.loader, request(`/timeliness/reviews?figure=due&school=${long}`, { cookie }))).toBe(400)
	// The dashboard no longer sends every school of the council to the page.
	expect(unfiltered.options).not.toHaveProperty('schools')
})

test('a chosen period: figures for those months only; a start after the end is an error, not figures', async () => {
	const all = await facts(await kentLaId())
	const data = await dashboard('/timeliness?from=2026-01&to=2026-03')
	expect(data.report!.months.map((m) => m.month)).toEqual(['2026-01', '2026-02', '2026-03'])
	expect(data.report!.figures).toEqual(expected(all, '2026-01-01', '2026-03-31', data.today))
	const wrong = await dashboard('/timeliness?from=2026-05&to=2026-03')
	expect(wrong.report).toBeNull()
	expect(wrong.errors.from).toMatch(/start month/)
	const future = await dashboard('/timeliness?from=2026-05&to=2099-03')
	expect(future.errors.to).toBeTruthy()
})

test('caseworkers, SENCos and the signed-out cannot see the figures or their exports', async () => {
	const routes = [
		[timeliness.loader, '/timeliness'],
		[timelinessReviews.loader, '/timeliness/reviews?figure=due'],
		[timelinessExport.loader, '/timeliness/export.csv'],
		[sen2.loader, '/timeliness/sen2.csv'],
	] as const
	for (const email of [CASEWORKER, OAKFIELD_SENCO, MEDWAY_SENCO]) {
		const cookie = await cookieFor(email)
		for (const [loader, path] of routes) expect(await statusOf(loader, request(path, { cookie })), `${email} ${path}`).toBe(403)
	}
	for (const [loader, path] of routes) expectRedirect(await run(loader, request(path)), /^\/sign-in/)
	expect(await statusOf(caseloadExport.loader, request('/caseload/export.csv', { cookie: await cookieFor(OAKFIELD_SENCO) }))).toBe(403)
	expectRedirect(await run(caseloadExport.loader, request('/caseload/export.csv')), /^\/sign-in/)
})

test('another council’s reviews are never counted or listed', async () => {
	const medway = await prisma.localAuthority.findUniqueOrThrow({ where: { code: '887' }, select: { id: true } })
	const data0 = await dashboard('/timeliness')
	// Put a Medway review squarely in the period, held and decided late, so it would show if it leaked.
	const medwayReview = await prisma.annualReview.findFirstOrThrow({ where: { child: { laId: medway.id } }, select: { id: true, childId: true } })
	const dueOn = `${data0.query.from}-15`
	await prisma.annualReview.update({ where: { id: medwayReview.id }, data: { dueOn, meetingOn: dueOn, reportReceivedOn: dueOn } })
	const data = await dashboard('/timeliness')
	expect(data.report!.figures).toEqual(data0.report!.figures)
	const all = await facts(await kentLaId())
	expect(data.report!.figures).toEqual(expected(all, `${data.query.from}-01`, plusDays(monthStart(data.today, 0), -1), data.today))
	// The list behind "due" holds only Kent children, all of them.
	const cookie = await cookieFor(MANAGER)
	const list = (await run(timelinessReviews.loader, request('/timeliness/reviews?figure=due', { cookie }))) as any
	expect(list.total).toBe((data.report!.figures.due as any).value)
	const childIds: string[] = []
	for (let page = 1; page <= list.pages; page++) {
		const p = (await run(timelinessReviews.loader, request(`/timeliness/reviews?figure=due&page=${page}`, { cookie }))) as any
		childIds.push(...p.rows.map((r: any) => r.childId))
	}
	expect(childIds).toHaveLength(list.total)
	expect(childIds).not.toContain(medwayReview.childId)
	expect(await prisma.child.count({ where: { id: { in: childIds }, laId: { not: await kentLaId() } } })).toBe(0)
	// A Medway school as a filter finds nothing.
	const medwaySchool = (await prisma.user.findUniqueOrThrow({ where: { email: MEDWAY_SENCO }, select: { schoolId: true } })).schoolId!
	const filtered = await dashboard(`/timeliness?school=${medwaySchool}`)
	expect(filtered.report!.figures.due).toEqual({ kind: 'count', value: 0 })
})

test('each figure links to the reviews behind it, with whether each was in time', async () => {
	const cookie = await cookieFor(MANAGER)
	const data = await dashboard('/timeliness')
	const figure = data.report!.figures.decisions_4_weeks as { within: number; total: number }
	const all = (await run(timelinessReviews.loader, request('/timeliness/reviews?figure=decisions_4_weeks', { cookie }))) as any
	expect(all.total).toBe(figure.total)
	expect(all.counts).toEqual({ all: figure.total, yes: figure.within, no: figure.total - figure.within })
	expect(all.rows.length).toBe(Math.min(50, figure.total))
	for (const row of all.rows) {
		expect(row.within).toBe(
			toldOn({ outcome: row.decisionOutcome, decidedOn: row.decidedOn, noticeOn: row.noticeIssuedOn })! <= plusDays(row.meetingOn, 28),
		)
		expect(row.childName).not.toBe('Unknown')
	}
	const late = (await run(timelinessReviews.loader, request('/timeliness/reviews?figure=decisions_4_weeks&within=no', { cookie }))) as any
	expect(late.total).toBe(figure.total - figure.within)
	expect(late.rows.every((r: any) => r.within === false)).toBe(true)
	// An unknown figure is a bad request.
	expect(await statusOf(timelinessReviews.loader, request('/timeliness/reviews?figure=nope', { cookie }))).toBe(400)
})

test('an amend decision counts from the day the family was told of it, the amendment notice: a notice 45 days after the meeting is not within 4 weeks', async () => {
	// R (L, M & P) v Devon CC [2022] EWHC 493 (Admin): the notice comes with the decision (reg 20(10), reg 22(2)).
	const laId = await kentLaId()
	const cookie = await cookieFor(MANAGER)
	const caseworker = await cookieFor(CASEWORKER)
	const review = await prisma.annualReview.findFirstOrThrow({
		where: { laId, status: 'SUBMITTED', proposals: { some: { origin: 'SCHOOL' } }, child: { parentEmail: { not: '' } } },
		select: { id: true, childId: true, schoolId: true, proposals: { where: { origin: 'SCHOOL' }, orderBy: { createdAt: 'asc' }, select: { id: true } } },
		orderBy: { id: 'asc' },
	})
	const { today, meetingOn, decidedOn } = await metFortyFiveDaysAgo(review.id) // the decision itself was made in time
	const params = { reviewId: review.id }
	expectRedirect(await decideToAmend(decisionRoute.action, review.id, caseworker, decidedOn), `/council/reviews/${review.id}/notice`)
	const { month, search, mine } = listsOfItsMonth(review, meetingOn, cookie)

	// Decided but the family not yet told: still awaiting the decision (now overdue), not yet in the 4-week share.
	expect(await mine('decisions_4_weeks')).toEqual([])
	expect(await mine('awaiting_decision')).toHaveLength(1)

	// The notice goes today, 45 days after the meeting.
	const form: Record<string, string> = { intent: 'issue' }
	review.proposals.forEach((p, i) => {
		form[`choices[${i}].proposalId`] = p.id
		form[`choices[${i}].decision`] = 'ACCEPTED'
	})
	expectRedirect(await checkAndSend(noticeRoute.action, `/council/reviews/${review.id}/notice`, caseworker, form, params), `/council/reviews/${review.id}`)
	expect((await prisma.amendmentNotice.findUniqueOrThrow({ where: { reviewId: review.id } })).issuedOn).toBe(today)

	// Late in the figure, in the list behind it and in its "late" half; no longer awaiting.
	expect(await mine('decisions_4_weeks')).toMatchObject([{ within: false }])
	expect(await mine('decisions_4_weeks', '&within=yes')).toEqual([])
	expect(await mine('decisions_4_weeks', '&within=no')).toHaveLength(1)
	expect(await mine('awaiting_decision')).toEqual([])
	const data = await dashboard(`/timeliness?${search}`)
	const all = (await facts(laId)).filter((f) => f.schoolId === review.schoolId)
	expect(data.report!.figures).toEqual(expected(all, `${month}-01`, lastDayOf(month), today))
	expect(data.report!.figures.decisions_4_weeks).toMatchObject({ kind: 'share' })
	expect((data.report!.figures.decisions_4_weeks as { total: number; within: number }).total).toBeGreaterThan(
		(data.report!.figures.decisions_4_weeks as { within: number }).within,
	)
	// The council's own per-review export says the same.
	const [header, ...lines] = await download(timelinessExport.loader, `/timeliness/export.csv?lines=reviews&${search}`)
	const line = lines.find(
		(l) => l[header!.indexOf('Review meeting held date')] === meetingOn && l[header!.indexOf('Decision notified to the family date')] === today,
	)!
	expect(line[header!.indexOf('Decision notified within 4 weeks of the meeting (Y/N)')]).toBe('N')
})

/**
 * The review's meeting moved to 45 days before the dashboard's today, its report in a week later, and a decision
 * date 10 days after the meeting to type: as the dashboard's own today gives them.
 */
async function metFortyFiveDaysAgo(reviewId: string) {
	const today = (await dashboard('/timeliness')).today
	const meetingOn = plusDays(today, -45)
	const decidedOn = plusDays(meetingOn, 10)
	await prisma.annualReview.update({
		where: { id: reviewId },
		data: { meetingOn, reportReceivedOn: plusDays(meetingOn, 7), submittedAt: new Date(`${plusDays(meetingOn, 7)}T10:00:00Z`), dueOn: meetingOn },
	})
	return { today, meetingOn, decidedOn }
}

type ListedReview = { childId: string; within: boolean | null; notifiedOn: string | null; decidedOn: string | null }

/** The month of the review's meeting at its school, and the review's own rows in the list behind a figure for it. */
function listsOfItsMonth(review: { childId: string; schoolId: string | null }, meetingOn: string, cookie: string) {
	const month = meetingOn.slice(0, 7)
	const search = `from=${month}&to=${month}&school=${review.schoolId}`
	const mine = async (figure: string, extra = '') => {
		const listed = (await run(timelinessReviews.loader, request(`/timeliness/reviews?figure=${figure}&${search}${extra}`, { cookie }))) as any
		return (listed.rows as ListedReview[]).filter((r) => r.childId === review.childId)
	}
	return { month, search, mine }
}

function parseCsv(bytes: Uint8Array) {
	expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]) // UTF-8 byte-order mark, for spreadsheet programs
	return parse(Buffer.from(bytes), { bom: true }) as string[][]
}

async function download(loader: (args: any) => unknown, path: string, email = MANAGER) {
	const response = (await run(loader, request(path, { cookie: await cookieFor(email) }))) as Response
	expect(response).toBeInstanceOf(Response)
	expect(response.status).toBe(200)
	expect(response.headers.get('content-type')).toMatch(/^text\/csv/)
	expect(response.headers.get('content-disposition')).toMatch(/^attachment; filename="[^"]+\.csv"$/)
	return parseCsv(new Uint8Array(await response.arrayBuffer()))
}

/** A timeliness export's lines (its header first), checking that the download was audited, once. */
async function auditedExport(path: string) {
	const before = await prisma.auditEvent.count({ where: { action: 'export.download' } })
	const lines = await download(timelinessExport.loader, path)
	expect(await prisma.auditEvent.count({ where: { action: 'export.download' } })).toBe(before + 1)
	return lines
}

test('the figures export: the whole period then each month, every figure, matching the dashboard; audited', async () => {
	const data = await dashboard('/timeliness?from=2026-01&to=2026-06')
	const [header, ...rows] = await auditedExport('/timeliness/export.csv?from=2026-01&to=2026-06')
	expect(header).toEqual([
		'Period',
		'From',
		'To',
		'School',
		'Caseworker',
		'Phase of school',
		'Age group',
		'Figure',
		'Figure id',
		'Count or total',
		'In time',
		'Per cent in time',
		'Definition',
		'Regulation',
	])
	expect(rows).toHaveLength((1 + 6) * 10)
	const decisions = rows.find((r) => r[0] === 'Whole period' && r[8] === 'decisions_4_weeks')!
	const figure = data.report!.figures.decisions_4_weeks as { within: number; total: number; percent: number }
	expect(decisions.slice(1, 3)).toEqual(['2026-01-01', '2026-06-30'])
	expect(decisions.slice(9, 12)).toEqual([String(figure.total), String(figure.within), String(figure.percent)])
	expect(decisions[13]).toMatch(/reg 20\(10\)/)
	const february = rows.find((r) => r[0] === 'February 2026' && r[8] === 'due')!
	expect(february.slice(1, 3)).toEqual(['2026-02-01', '2026-02-28'])
	expect(february[9]).toBe(String((data.report!.months[1]!.figures.due as any).value))
})

test('the council’s own on-time lines (not SEN2): one per review due in the period, Y/N from the definitions', async () => {
	const data = await dashboard('/timeliness')
	const today = data.today
	const [header, ...rows] = await auditedExport('/timeliness/export.csv?lines=reviews')
	expect(header).toEqual([
		'UPN',
		'Surname',
		'Forename',
		'Date of birth',
		'Review due date',
		'Review meeting held date',
		'Review held by its due date (Y/N)',
		'Decision',
		'Decision date',
		'Decision notified to the family date',
		'Decision notified within 4 weeks of the meeting (Y/N)',
	])
	expect(rows).toHaveLength((data.report!.figures.due as any).value)
	const byUpn = new Map((await prisma.child.findMany({ where: { laId: await kentLaId() }, select: { upn: true, dateOfBirth: true } })).map((c) => [c.upn, c]))
	for (const [upn, , , dob, dueOn, heldOn, onTime, outcome, decidedOn, toldOn, within4] of rows) {
		expect(byUpn.get(upn!)?.dateOfBirth).toBe(dob)
		expect(dueOn! >= `${data.query.from}-01`).toBe(true)
		expect(onTime).toBe(heldOn ? (heldOn <= dueOn! ? 'Y' : 'N') : dueOn! < today ? 'N' : '')
		expect(['', 'Maintain', 'Amend', 'Cease']).toContain(outcome)
		if (outcome && outcome !== 'Amend') expect(toldOn).toBe(decidedOn)
		if (toldOn) expect(within4).toBe(toldOn <= plusDays(heldOn!, 28) ? 'Y' : 'N')
		else if (heldOn && plusDays(heldOn, 28) < today) expect(within4).toBe('N')
	}
	expect(rows.some((r) => r[10] === 'Y')).toBe(true)
	expect(rows.some((r) => r[10] === 'N')).toBe(true)
	// An amend is told by its amendment notice.
	const amends = rows.filter((r) => r[7] === 'Amend' && r[9])
	expect(amends.length).toBeGreaterThan(0)
	const notices = new Map(
		(
			await prisma.annualReview.findMany({
				where: { laId: await kentLaId(), notice: { isNot: null } },
				select: { meetingOn: true, child: { select: { upn: true } }, notice: { select: { issuedOn: true } } },
			})
		).map((r) => [`${r.child.upn} ${r.meetingOn}`, r.notice!.issuedOn]),
	)
	for (const r of amends) expect(r[9]).toBe(notices.get(`${r[0]} ${r[5]}`))
})

test('the caseload export: exactly the rows of /caseload for the same filters, in the same order, every page', async () => {
	const laId = await kentLaId()
	const oakfield = (await prisma.user.findUniqueOrThrow({ where: { email: OAKFIELD_SENCO }, select: { schoolId: true } })).schoolId!
	const today = (await dashboard('/timeliness')).today
	const cases: Array<[string, string]> = [
		[MANAGER, 'view=all'],
		[MANAGER, 'view=unassigned'],
		[MANAGER, `view=all&school=${oakfield}`],
		[MANAGER, 'view=all&status=SUBMITTED'],
		[MANAGER, 'view=all&status=NOT_STARTED'],
		[MANAGER, 'view=all&due=overdue'],
		[CASEWORKER, ''], // a caseworker's own caseload by default
	]
	for (const [email, search] of cases) {
		const cookie = await cookieFor(email)
		const page = (await run(caseload.loader, request(`/caseload?${search}`, { cookie }))) as { total: number; rows: Array<{ upn: string }> }
		const [header, ...rows] = await download(caseloadExport.loader, `/caseload/export.csv?${search}`, email)
		expect(header).toEqual(['Child', 'UPN', 'School', 'Caseworker', 'Review status', 'Next deadline', 'Next deadline date', 'Review due date', 'Days left'])
		expect(rows.length, search).toBe(page.total)
		expect(
			rows.slice(0, page.rows.length).map((r) => r[1]),
			search,
		).toEqual(page.rows.map((r) => r.upn))
		// Days left is the next deadline less today.
		for (const r of rows.filter((r) => r[6])) expect(Number(r[8])).toBe(Math.round((Date.parse(r[6]!) - Date.parse(today)) / 86_400_000))
	}
	const all = await download(caseloadExport.loader, '/caseload/export.csv?view=all')
	expect(all.length - 1).toBeGreaterThan(50)
	expect(all.slice(1).some((r) => r[4] === 'Not started')).toBe(true)
	const submitted = await download(caseloadExport.loader, '/caseload/export.csv?view=all&status=SUBMITTED')
	expect(submitted.length - 1).toBe(await prisma.annualReview.count({ where: { laId, status: 'SUBMITTED' } }))
	expect(submitted.slice(1).every((r) => r[4] === 'Report submitted')).toBe(true)
	// Never another council's children.
	const medwayUpns = (await prisma.child.findMany({ where: { laId: { not: laId } }, select: { upn: true } })).map((c) => c.upn)
	expect(all.some((r) => medwayUpns.includes(r[1]!))).toBe(false)
})

test('a cell that a spreadsheet would run as a formula is written as text', async () => {
	const laId = await kentLaId()
	const data = await dashboard('/timeliness')
	// A child with an open review due in the period and a plan since before the latest January census, so they are
	// on the caseload, in the on-time lines and in the SEN2 return.
	const from = `${data.query.from}-01`
	const review = await prisma.annualReview.findFirstOrThrow({
		where: {
			child: { laId, plan: { status: 'ACTIVE', firstIssuedOn: { lte: `${Number(data.today.slice(0, 4)) - 1}-01-01` } } },
			status: { in: OPEN },
			dueOn: { gte: from, lte: plusDays(monthStart(data.today, 0), -1) },
		},
		select: { childId: true },
	})
	const child = await prisma.child.update({
		where: { id: review.childId },
		data: { firstName: '=HYPERLINK("http://example.com/x","Click")', lastName: '+SUM(1,2)' },
		select: { upn: true, schoolId: true },
	})
	await prisma.school.update({ where: { id: child.schoolId! }, data: { name: '@Formula School' } })
	const caseload = await download(caseloadExport.loader, '/caseload/export.csv?view=all')
	const line = caseload.find((r) => r[1] === child.upn)!
	expect(line[0]).toBe(`'=HYPERLINK("http://example.com/x","Click") +SUM(1,2)`)
	expect(line[2]).toBe(`'@Formula School`)
	const sen2Rows = await download(sen2.loader, '/timeliness/sen2.csv')
	const sen2Line = sen2Rows.find((r) => r[0] === child.upn)!
	expect(sen2Line.slice(1, 3)).toEqual([`'+SUM(1,2)`, `'=HYPERLINK("http://example.com/x","Click")`])
	const onTimeRows = await download(timelinessExport.loader, '/timeliness/export.csv?lines=reviews')
	expect(onTimeRows.find((r) => r[0] === child.upn)!.slice(1, 3)).toEqual([`'+SUM(1,2)`, `'=HYPERLINK("http://example.com/x","Click")`])
	// Negative numbers stay numbers.
	expect(caseload.slice(1).some((r) => /^-\d+$/.test(r[8]!))).toBe(true)
	for (const row of [...caseload, ...sen2Rows, ...onTimeRows]) for (const cell of row) expect(cell, cell).not.toMatch(/^[=+@]/)
})

test('a maintain decision counts from the day its letter was sent, not the decision date typed: typed day 10, sent day 45, it is late', async () => {
	// The letter is the written notice the family is told by (HESC Rules 2008 r.20; reg 20(10)): app/domain/appeal-deadline.ts.
	const laId = await kentLaId()
	const cookie = await cookieFor(MANAGER)
	const caseworker = await cookieFor(CASEWORKER)
	const review = await prisma.annualReview.findFirstOrThrow({
		where: { laId, status: 'SUBMITTED', child: { parentEmail: { not: '' } } },
		select: { id: true, childId: true, schoolId: true },
		orderBy: { id: 'desc' },
	})
	const { today, meetingOn, decidedOn } = await metFortyFiveDaysAgo(review.id) // typed: within the 4 weeks
	expectRedirect(await decideToMaintain(decisionRoute.action, review.id, caseworker, decidedOn), `/council/reviews/${review.id}`)
	// The decision keeps the date typed; the letter went today.
	expect((await prisma.decision.findUniqueOrThrow({ where: { reviewId: review.id } })).decidedOn).toBe(decidedOn)
	const letter = await prisma.generatedDocument.findFirstOrThrow({ where: { reviewId: review.id, kind: 'DECISION_LETTER' }, select: { createdAt: true } })
	expect(londonDay(letter.createdAt)).toBe(today)

	const { month, search, mine } = listsOfItsMonth(review, meetingOn, cookie)
	expect(await mine('decisions_4_weeks')).toMatchObject([{ within: false, notifiedOn: today, decidedOn }])
	expect(await mine('decisions_4_weeks', '&within=yes')).toEqual([])
	const data = await dashboard(`/timeliness?${search}`)
	const all = (await facts(laId)).filter((f) => f.schoolId === review.schoolId)
	expect(all.find((f) => f.childId === review.childId && f.meetingOn === meetingOn)).toMatchObject({ letterOn: today, decidedOn })
	expect(data.report!.figures).toEqual(expected(all, `${month}-01`, lastDayOf(month), today))
	// The council's own per-review export says the same: told today, not within 4 weeks.
	const [header, ...lines] = await download(timelinessExport.loader, `/timeliness/export.csv?lines=reviews&${search}`)
	const line = lines.find((l) => l[header!.indexOf('Review meeting held date')] === meetingOn && l[header!.indexOf('Decision date')] === decidedOn)
	expect(line?.[header!.indexOf('Decision notified to the family date')]).toBe(today)
	expect(line?.[header!.indexOf('Decision notified within 4 weeks of the meeting (Y/N)')]).toBe('N')
})
