// The demo seed, checked against fresh SQLite databases: the logins the README and the journeys rely on, the
// shape of the data (every review state, two councils) and the statutory facts it must obey.
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, expect, test } from 'vitest'
import { verifyPassword } from '#app/auth/password.server.ts'
import { createPrisma, type PrismaClient } from '#app/db/db.server.ts'
import { addDays, addMonths, isIsoDate } from '#app/domain/calendar-date.ts'
import { clocksFor } from '#app/domain/review-facts.ts'
import { REVIEW_STATUSES } from '#app/domain/review-status.ts'
import { nextReviewDueOn } from '#app/domain/statutory-clock.ts'
import { pastCompulsorySchoolAge, YOUNG_PERSON_RIGHTS } from '#app/domain/young-person.ts'
import { selectOf } from '#app/lib/prisma-select.ts'
import { DEMO_PASSWORD, DEMO_USERS, seed, type SeedSummary } from '#prisma/seed-data.ts'
import { deployMigrations } from '../scripts/migrations.ts'

const TODAY = '2026-11-23'
const LEAP_DAY = '2028-02-29'

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ehc-seed-test-'))
const clients: PrismaClient[] = []

async function seededDatabase(name: string, today: string): Promise<{ prisma: PrismaClient; summary: SeedSummary }> {
	const url = `file:${path.join(dir, `${name}.db`)}`
	await deployMigrations(url)
	const prisma = await createPrisma(url)
	clients.push(prisma)
	return { prisma, summary: await seed(prisma, { scale: 'demo', today }) }
}

let db: PrismaClient
let summary: SeedSummary
let twin: PrismaClient
let leap: PrismaClient

beforeAll(async () => {
	;({ prisma: db, summary } = await seededDatabase('first', TODAY))
	;({ prisma: twin } = await seededDatabase('twin', TODAY))
	;({ prisma: leap } = await seededDatabase('leap', LEAP_DAY))
})

afterAll(async () => {
	for (const client of clients) await client.$disconnect()
	fs.rmSync(dir, { recursive: true, force: true })
})

const laId = async (prisma: PrismaClient, code: string) => (await prisma.localAuthority.findUniqueOrThrow({ where: { code }, select: { id: true } })).id

test('every demo login exists with its role, its school or council, and the demo password', async () => {
	expect(DEMO_USERS.map((u) => u.email)).toEqual([
		'senco@oakfield-primary.example.org',
		'senco@highfield-academy.example.org',
		'caseworker@kent.example.gov.uk',
		'manager@kent.example.gov.uk',
		'admin@kent.example.gov.uk',
		'senco@medway-school.example.org',
	])
	for (const demo of DEMO_USERS) {
		const user = await db.user.findUniqueOrThrow({
			where: { email: demo.email },
			include: {
				roles: { select: { role: true } },
				la: { select: { code: true } },
				school: { select: { name: true, la: { select: { code: true } } } },
			},
		})
		expect(user.name).toBe(demo.name)
		expect(user.active).toBe(true)
		expect(user.roles.map((r) => r.role)).toEqual([...demo.roles])
		if (demo.school) {
			expect(user.school?.name).toBe(demo.school)
			expect(user.school?.la.code).toBe(demo.laCode)
			expect(user.la).toBeNull()
		} else {
			expect(user.la?.code).toBe(demo.laCode)
			expect(user.school).toBeNull()
		}
		expect(await verifyPassword(DEMO_PASSWORD, user.passwordHash!)).toBe(true)
	}
	expect(DEMO_USERS.find((u) => u.email === 'caseworker@kent.example.gov.uk')?.name).toBe('Priya Shah')
	expect(DEMO_USERS.find((u) => u.email === 'manager@kent.example.gov.uk')?.name).toBe('Daniel Okafor')
	const emails = (await db.user.findMany({ select: { email: true } })).map((u) => u.email)
	for (const email of emails) expect(email).toBe(email.toLowerCase())
})

test('Kent has about 200 children across about 10 schools, Medway 5 at its one school, with SENCos and council staff', async () => {
	const kent = await laId(db, '886')
	const medway = await laId(db, '887')
	const kentChildren = await db.child.count({ where: { laId: kent } })
	expect(kentChildren).toBeGreaterThanOrEqual(180)
	expect(kentChildren).toBeLessThanOrEqual(220)
	expect(await db.child.count({ where: { laId: medway } })).toBe(5)
	expect(await db.school.count({ where: { laId: kent } })).toBe(10)
	expect(await db.school.count({ where: { laId: medway } })).toBe(1)
	expect(new Set((await db.school.findMany({ select: { phase: true } })).map((s) => s.phase))).toEqual(new Set(['PRIMARY', 'SECONDARY', 'SPECIAL', 'POST16']))
	for (const school of await db.school.findMany({ select: { id: true, urn: true, contactEmail: true } })) {
		expect(school.urn).toMatch(/^\d{6}$/)
		expect(school.contactEmail).toMatch(/\.example\.org$/)
		expect(await db.user.count({ where: { schoolId: school.id, roles: { some: { role: 'SENCO' } } } })).toBe(1)
	}
	const kentStaff = await db.userRole.groupBy({ by: ['role'], where: { user: { laId: kent } }, _count: true })
	expect(Object.fromEntries(kentStaff.map((r) => [r.role, r._count]))).toEqual({ CASEWORKER: 3, MANAGER: 1, ADMIN: 1 })
	expect(await db.user.count({ where: { laId: medway } })).toBe(0)
	// Medway's children are only at Medway's school, and no Kent child is there.
	const medwaySchool = await db.school.findFirstOrThrow({ where: { laId: medway } })
	expect(await db.child.count({ where: { schoolId: medwaySchool.id, laId: { not: medway } } })).toBe(0)
	expect(await db.child.count({ where: { laId: medway, schoolId: { not: medwaySchool.id } } })).toBe(0)
	expect(summary.children).toBe(kentChildren + 5)
})

test('every review status is there at least 3 times in Kent, twice at Oakfield and on Priya Shah’s caseload', async () => {
	const kent = await laId(db, '886')
	const oakfield = await db.school.findFirstOrThrow({ where: { name: 'Oakfield Primary School' } })
	const priya = await db.user.findUniqueOrThrow({ where: { email: 'caseworker@kent.example.gov.uk' } })
	for (const status of REVIEW_STATUSES) {
		expect(await db.annualReview.count({ where: { laId: kent, status } }), status).toBeGreaterThanOrEqual(3)
		expect(
			await db.annualReview.count({ where: { schoolId: oakfield.id, child: { schoolId: oakfield.id }, status } }),
			`${status} at Oakfield`,
		).toBeGreaterThanOrEqual(2)
		expect(await db.annualReview.count({ where: { child: { caseworkerId: priya.id }, status } }), `${status} for Priya Shah`).toBeGreaterThanOrEqual(2)
	}
	expect(summary.reviews).toBe(await db.annualReview.count())
	// A year of closed reviews for month-by-month timeliness.
	expect(await db.annualReview.count({ where: { laId: kent, status: 'CLOSED', meetingOn: { gte: addMonths(TODAY, -12) } } })).toBeGreaterThanOrEqual(100)
})

test('Oakfield has at least 15 children, none of them recorded at another school, some on Priya Shah’s caseload', async () => {
	const oakfield = await db.school.findFirstOrThrow({ where: { name: 'Oakfield Primary School' } })
	const priya = await db.user.findUniqueOrThrow({ where: { email: 'caseworker@kent.example.gov.uk' } })
	const senco = await db.user.findUniqueOrThrow({ where: { email: 'senco@oakfield-primary.example.org' } })
	expect(senco.schoolId).toBe(oakfield.id)
	expect(await db.child.count({ where: { schoolId: oakfield.id } })).toBeGreaterThanOrEqual(15)
	expect(await db.child.count({ where: { schoolId: oakfield.id, laId: { not: oakfield.laId } } })).toBe(0)
	// Open reviews are held by the child's own school (closed ones may be at the school a child has since left).
	const open = { not: 'CLOSED' }
	expect(await db.annualReview.count({ where: { schoolId: oakfield.id, status: open, child: { schoolId: { not: oakfield.id } } } })).toBe(0)
	expect(await db.annualReview.count({ where: { child: { schoolId: oakfield.id }, status: open, schoolId: { not: oakfield.id } } })).toBe(0)
	expect(await db.child.count({ where: { schoolId: oakfield.id, caseworkerId: priya.id } })).toBeGreaterThan(0)
	const priyasSchools = await db.child.groupBy({ by: ['schoolId'], where: { caseworkerId: priya.id } })
	expect(priyasSchools.length).toBeGreaterThanOrEqual(3)
	const kent = oakfield.laId
	const unassigned = await db.child.count({ where: { laId: kent, caseworkerId: null } })
	const all = await db.child.count({ where: { laId: kent } })
	expect(unassigned / all).toBeGreaterThan(0.08)
	expect(unassigned / all).toBeLessThan(0.25)
})

test('children: unique UPNs in the DfE format with a valid check letter, ages that fit the year group, search text', async () => {
	for (const prisma of [db, leap]) {
		const children = await prisma.child.findMany({
			select: {
				firstName: true,
				lastName: true,
				upn: true,
				dateOfBirth: true,
				yearGroup: true,
				phaseTransfer: true,
				searchText: true,
				parentEmail: true,
			},
		})
		const today = prisma === db ? TODAY : LEAP_DAY
		const academicYear = Number(today.slice(0, 4)) - (Number(today.slice(5, 7)) >= 9 ? 0 : 1)
		expect(new Set(children.map((c) => c.upn)).size).toBe(children.length)
		for (const child of children) {
			expect(child.upn).toMatch(/^[A-Z]\d{12}$/)
			const sum = [...child.upn.slice(1)].reduce((total, digit, i) => total + Number(digit) * (i + 2), 0)
			expect(child.upn[0]).toBe('ABCDEFGHJKLMNPQRTUVWXYZ'[sum % 23])
			const year = child.yearGroup!
			expect(year).toBeGreaterThanOrEqual(-1)
			expect(year).toBeLessThanOrEqual(13)
			expect(isIsoDate(child.dateOfBirth)).toBe(true)
			expect(child.dateOfBirth >= `${academicYear - year - 5}-09-01` && child.dateOfBirth <= `${academicYear - year - 4}-08-31`).toBe(true)
			expect(child.phaseTransfer).toBe(year === -1 || year === 6 ? 'SCHOOL' : year === 11 ? 'POST16' : null)
			expect(child.searchText).toBe(`${child.firstName} ${child.lastName} ${child.upn}`.toLowerCase())
			expect(child.parentEmail).toMatch(/^[a-z0-9.]+@example\.com$/)
		}
		const years = new Set(children.map((c) => c.yearGroup))
		for (const year of [-1, 0, 6, 11, 13]) expect(years.has(year), `year ${year}`).toBe(true)
	}
})

test('every plan’s review date comes from the statutory clock, and its versions and reviews agree with it', async () => {
	for (const [prisma, today] of [
		[db, TODAY],
		[leap, LEAP_DAY],
	] as const) {
		const plans = await prisma.ehcPlan.findMany({
			select: {
				status: true,
				firstIssuedOn: true,
				lastReviewOn: true,
				reviewDueOn: true,
				currentVersionNo: true,
				versions: {
					select: { versionNo: true, issuedOn: true, finalPlanId: true, _count: { select: { outcomes: true, provisions: true } } },
					orderBy: { versionNo: 'asc' },
				},
				child: { select: { yearGroup: true, reviews: { select: { status: true, meetingOn: true, dueOn: true }, orderBy: { createdAt: 'asc' } } } },
			},
		})
		let overdue = 0
		for (const plan of plans) {
			expect(plan.reviewDueOn).toBe(nextReviewDueOn(plan.firstIssuedOn, plan.lastReviewOn))
			expect(plan.firstIssuedOn <= today).toBe(true)
			expect(plan.firstIssuedOn >= addMonths(today, -97)).toBe(true)
			if (plan.lastReviewOn) expect(plan.lastReviewOn > plan.firstIssuedOn && plan.lastReviewOn <= today).toBe(true)
			expect(plan.versions.map((v) => v.versionNo)).toEqual(plan.versions.map((_, i) => i + 1))
			expect(plan.currentVersionNo).toBe(plan.versions.length)
			expect(plan.versions[0]!.issuedOn).toBe(plan.firstIssuedOn)
			for (const version of plan.versions) {
				expect(version.issuedOn <= today).toBe(true)
				expect(version._count.outcomes).toBeGreaterThanOrEqual(3)
				expect(version._count.outcomes).toBeLessThanOrEqual(5)
				expect(version._count.provisions).toBeGreaterThanOrEqual(3)
				expect(version._count.provisions).toBeLessThanOrEqual(6)
			}
			// A finished review (closed, or its final plan issued) is the last review: the plan's clock runs from its
			// meeting, as the app moves it when the review closes or its final plan is issued.
			const finished = plan.child.reviews.filter((r) => r.status === 'CLOSED' || r.status === 'FINAL_ISSUED')
			if (finished.length) expect(plan.lastReviewOn).toBe(finished[finished.length - 1]!.meetingOn)
			const open = plan.child.reviews.filter((r) => r.status !== 'CLOSED')
			expect(open.length).toBeLessThanOrEqual(1)
			// An open review not yet finished answers the plan's current date.
			if (open[0] && open[0].status !== 'FINAL_ISSUED') expect(open[0].dueOn).toBe(plan.reviewDueOn)
			if (plan.status === 'ACTIVE' && plan.reviewDueOn < today && !(open[0]?.meetingOn && open[0].meetingOn <= today)) overdue++
		}
		// About 10% of plans are past their review date with no meeting held.
		expect(overdue / plans.length).toBeGreaterThan(0.04)
		expect(overdue / plans.length).toBeLessThan(0.2)
		// Most due dates fall in the coming months.
		const soon = plans.filter((p) => p.reviewDueOn >= today && p.reviewDueOn <= addMonths(today, 6)).length
		expect(soon / plans.length).toBeGreaterThan(0.4)
	}
})

test('plans from Year 9 prepare for adulthood; sections A-K are filled in; some provision is vague for the quality check', async () => {
	const versions = await db.planVersion.findMany({
		select: {
			sectionA: true,
			sectionB: true,
			sectionI: true,
			sectionK: true,
			preparationForAdulthood: true,
			plan: { select: { child: { select: { yearGroup: true } } } },
		},
	})
	for (const v of versions) {
		expect(v.sectionA.length).toBeGreaterThan(100)
		expect(v.sectionB).toContain('Communication and interaction:')
		expect(v.sectionI).toMatch(/\(URN \d{6}\)/)
		expect(v.sectionK).toContain('1. ')
	}
	const latest = await db.planVersion.findMany({
		where: { plan: { child: { yearGroup: { gte: 10 } } } },
		select: { preparationForAdulthood: true, issuedOn: true },
	})
	expect(latest.some((v) => v.preparationForAdulthood.includes('Independent living'))).toBe(true)
	expect(await db.planProvision.count({ where: { frequency: { in: ['As required', 'Regular', 'When needed', 'As needed', ''] } } })).toBeGreaterThan(10)
	expect(await db.planOutcome.count({ where: { text: { startsWith: 'By July ' } } })).toBeGreaterThan(
		await db.planOutcome.count({ where: { NOT: { text: { startsWith: 'By July ' } } } }),
	)
	expect(await db.planVersion.count({ where: { versionNo: 2 } })).toBeGreaterThan(10)
})

test('each review’s facts are consistent with its status and the statutory clocks', async () => {
	const reviews = await db.annualReview.findMany({
		include: {
			decision: true,
			notice: true,
			finalPlan: { include: { planVersion: true } },
			proposals: true,
			invitees: true,
			representations: true,
			planVersion: { select: { issuedOn: true, planId: true } },
			child: {
				select: {
					schoolId: true,
					laId: true,
					dateOfBirth: true,
					yearGroup: true,
					phaseTransfer: true,
					plan: { select: { id: true, firstIssuedOn: true, lastReviewOn: true } },
				},
			},
		},
	})
	for (const r of reviews) {
		const label = `${r.status} review ${r.id}`
		expect(r.laId, label).toBe(r.child.laId)
		expect(r.schoolId, label).not.toBeNull()
		expect(r.planVersion.planId, label).toBe(r.child.plan!.id)
		if (r.meetingOn) {
			expect(r.meetingTime, label).toMatch(/^\d{2}:\d{2}$/)
			expect(r.planVersion.issuedOn < r.meetingOn, label).toBe(true)
			expect(
				r.invitees.map((i) => i.role),
				label,
			).toEqual(expect.arrayContaining(['PARENT', 'SCHOOL_STAFF', 'LA_OFFICER', 'HEALTH']))
		}
		const submitted = r.status !== 'DRAFT'
		expect(r.submittedAt !== null, label).toBe(submitted)
		expect(r.reportReceivedOn !== null, label).toBe(submitted)
		if (r.reportReceivedOn) {
			expect(r.submittedAt!.toISOString().slice(0, 10), label).toBe(r.reportReceivedOn)
			expect(r.reportReceivedOn >= r.meetingOn!, label).toBe(true)
		}
		const decided = !['DRAFT', 'SUBMITTED'].includes(r.status)
		expect(r.decision !== null, label).toBe(decided && r.laId === (await laId(db, '886')))
		if (r.decision) expect(r.decision.decidedOn >= r.reportReceivedOn!, label).toBe(true)
		if (r.recommendation === 'AMEND' || r.decision?.outcome === 'AMEND') expect(r.proposals.length, label).toBeGreaterThan(0)
		for (const p of r.proposals) expect(p.currentWording && p.proposedWording && p.reason && p.currentWording !== p.proposedWording, label).toBeTruthy()
		const noticed = ['NOTICE_ISSUED', 'REPRESENTATIONS', 'FINAL_ISSUED'].includes(r.status) || (r.status === 'CLOSED' && r.decision?.outcome === 'AMEND')
		expect(r.notice !== null, label).toBe(noticed)
		if (r.notice) {
			expect(r.decision?.outcome, label).toBe('AMEND')
			expect(r.notice.representationsCloseOn, label).toBe(addDays(r.notice.issuedOn, 14))
		}
		if (r.status === 'REPRESENTATIONS') expect(r.representations.length, label).toBeGreaterThan(0)
		if (r.status === 'FINAL_ISSUED') expect(r.finalPlan, label).not.toBeNull()
		if (r.finalPlan?.amended) expect(r.finalPlan.planVersion?.issuedOn, label).toBe(r.finalPlan.issuedOn)
		if (r.finalPlan && !r.finalPlan.amended) expect(r.finalPlan.planVersion, label).toBeNull()
		expect(r.closedAt !== null, label).toBe(r.status === 'CLOSED')

		// The stored next deadline (the caseload's order) is the statutory clock's, as of the seed's today.
		const next = r.status === 'CLOSED' ? null : clocksFor(r, TODAY).next
		expect([r.nextDeadlineOn, r.nextDeadlineId], label).toEqual([next?.dueOn ?? null, next?.id ?? null])
	}
	expect(await db.amendmentNotice.count()).toBeGreaterThan(0)
	// Some reports and decisions on time, some late.
	const closed = reviews.filter((r) => r.status === 'CLOSED')
	const decidedInTime = closed.filter((r) => r.decision!.decidedOn <= addDays(r.meetingOn!, 28)).length
	expect(decidedInTime).toBeGreaterThan(closed.length * 0.2)
	expect(decidedInTime).toBeLessThan(closed.length * 0.9)
	const outcomes = closed.map((r) => r.decision!.outcome)
	expect(outcomes.filter((o) => o === 'MAINTAIN' || o === 'AMEND').length).toBeGreaterThan(outcomes.length * 0.9)
})

test('seeding is deterministic: the same day gives the same children, plans and reviews', async () => {
	const children = (prisma: PrismaClient) =>
		prisma.child.findMany({
			orderBy: { upn: 'asc' },
			select: {
				id: true,
				firstName: true,
				lastName: true,
				upn: true,
				dateOfBirth: true,
				schoolId: true,
				caseworkerId: true,
				plan: { select: { reviewDueOn: true, currentVersionNo: true } },
			},
		})
	const first = await children(db)
	expect(first.length).toBeGreaterThan(200)
	expect(await children(twin)).toEqual(first)
	const statuses = (prisma: PrismaClient) => prisma.annualReview.groupBy({ by: ['status'], _count: true, orderBy: { status: 'asc' } })
	expect(await statuses(twin)).toEqual(await statuses(db))
	const text = (prisma: PrismaClient) => prisma.planVersion.findMany({ orderBy: { id: 'asc' }, select: { id: true, sectionA: true, sectionB: true } })
	expect(await text(twin)).toEqual(await text(db))
})

test('seeding refuses a database that already has a council', async () => {
	await expect(seed(db, { scale: 'demo', today: TODAY })).rejects.toThrow(/already has a council/)
	await expect(seed(db, { scale: 'demo', today: '2026-02-30' })).rejects.toThrow(RangeError)
})

test('young people in their own right (issue 12 §3): own email only past compulsory school age; one lacking capacity with a deputy; agreements not in the future', async () => {
	for (const [prisma, today] of [
		[db, TODAY],
		[leap, LEAP_DAY],
	] as const) {
		const children = await prisma.child.findMany({
			where: { la: { code: '886' } },
			select: { dateOfBirth: true, ...selectOf(YOUNG_PERSON_RIGHTS) },
		})
		for (const c of children) {
			if (c.youngPersonEmail) expect(pastCompulsorySchoolAge(c.dateOfBirth, today), c.dateOfBirth).toBe(true)
			if (c.youngPersonLacksCapacity || c.youngPersonParentCopyAgreedOn) expect(pastCompulsorySchoolAge(c.dateOfBirth, today)).toBe(true)
			if (c.youngPersonParentCopyAgreedOn) {
				expect(isIsoDate(c.youngPersonParentCopyAgreedOn)).toBe(true)
				expect(c.youngPersonParentCopyAgreedOn <= today).toBe(true)
				expect(c.youngPersonLacksCapacity).toBe(false)
			}
			if (!c.youngPersonLacksCapacity) expect([c.representativeRole, c.representativeName, c.representativeEmail]).toEqual([null, '', ''])
		}
		const young = children.filter((c) => pastCompulsorySchoolAge(c.dateOfBirth, today))
		expect(young.some((c) => c.youngPersonEmail && !c.youngPersonLacksCapacity && !c.youngPersonParentCopyAgreedOn)).toBe(true)
		expect(young.some((c) => c.youngPersonEmail && c.youngPersonParentCopyAgreedOn)).toBe(true)
		expect(young.some((c) => c.youngPersonLacksCapacity && c.representativeRole === 'DEPUTY' && c.representativeName && c.representativeEmail)).toBe(true)
	}
})
