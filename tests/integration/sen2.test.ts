// The SEN2 export: the annual review items of the DfE's SEN2 return, in its own element names and codes, one line per
// child whose plan was in force on the census date. Every line is worked out again here, straight from the database
// rows and the DfE's definitions in words (not by calling app/domain/timeliness.ts), so a mistake shows as a difference.
import { parse } from 'csv-parse/sync'
import { expect, test } from 'vitest'
import { prisma } from '#app/db/db.server.ts'
import * as sen2 from '#app/routes/timeliness-sen2.ts'
import { cookieFor, request, run, statusOf } from '#tests/helpers.ts'

const MANAGER = 'manager@kent.example.gov.uk'
const HEADER = [
	'UPN',
	'Surname',
	'Forename',
	'PersonBirthDate',
	'ReviewMeeting',
	'ReviewOutcome',
	'LastReview',
	'ReviewDraft',
	'PhaseTransferDueDate',
	'PhaseTransferFinalDate',
]

// Written independently of app/domain: UTC dates.
const londonToday = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' }).format(new Date())
/** The census date of a year: the third Thursday of January. */
function thirdThursdayOfJanuary(year: number) {
	for (let day = 15; day <= 21; day++) if (new Date(Date.UTC(year, 0, day)).getUTCDay() === 4) return `${year}-01-${day}`
	throw new Error('no Thursday')
}
/** The academic year (1 September to 31 August) a date falls in, by the calendar year it ends in. */
const academicYearEnding = (iso: string) => Number(iso.slice(0, 4)) + (Number(iso.slice(5, 7)) >= 9 ? 1 : 0)

type Review = {
	meetingOn: string | null
	outcome: string | null
	decidedOn: string | null
	noticeOn: string | null
	finalOn: string | null
	finalAmended: boolean | null
}

async function kentChildren() {
	const la = await prisma.localAuthority.findUniqueOrThrow({ where: { code: '886' }, select: { id: true } })
	const children = await prisma.child.findMany({
		where: { laId: la.id, plan: { isNot: null } },
		select: {
			upn: true,
			firstName: true,
			lastName: true,
			dateOfBirth: true,
			yearGroup: true,
			phaseTransfer: true,
			plan: { select: { firstIssuedOn: true, lastReviewOn: true, status: true } },
			reviews: {
				select: {
					meetingOn: true,
					decision: { select: { outcome: true, decidedOn: true } },
					notice: { select: { issuedOn: true } },
					finalPlan: { select: { issuedOn: true, amended: true } },
				},
			},
		},
	})
	return children.map((c) => ({
		...c,
		reviews: c.reviews.map((r): Review => ({
			meetingOn: r.meetingOn,
			outcome: r.decision?.outcome ?? null,
			decidedOn: r.decision?.decidedOn ?? null,
			noticeOn: r.notice?.issuedOn ?? null,
			finalOn: r.finalPlan?.issuedOn ?? null,
			finalAmended: r.finalPlan?.amended ?? null,
		})),
	}))
}

/** The SEN2 lines as the DfE defines the items, for a census date, from the rows. */
function expectedLines(children: Awaited<ReturnType<typeof kentChildren>>, census: string, today: string) {
	const by = (d: string | null) => (d !== null && d <= census ? d : '')
	const lines = new Map<string, string[]>()
	for (const c of children) {
		const plan = c.plan!
		// In force on the census date: issued by then, and not ceased by a decision made by then.
		if (plan.firstIssuedOn > census) continue
		if (plan.status !== 'ACTIVE') {
			const ceased = c.reviews.filter((r) => r.outcome === 'CEASE' && r.decidedOn).map((r) => r.decidedOn!)
			if (!ceased.length || ceased.sort().at(-1)! <= census) continue
		}
		// The latest review meeting on or before the census date (a review before the portal is known from the plan).
		const held = c.reviews.filter((r) => r.meetingOn && r.meetingOn <= census).sort((a, b) => a.meetingOn!.localeCompare(b.meetingOn!))
		const latest = held.at(-1)
		const planOnly = plan.lastReviewOn && plan.lastReviewOn <= census && (!latest || latest.meetingOn! < plan.lastReviewOn)
		const review = planOnly ? undefined : latest
		const code = review?.outcome && by(review.decidedOn) ? ({ AMEND: 'A', CEASE: 'C', MAINTAIN: 'M' } as Record<string, string>)[review.outcome]! : ''
		// The family is told of an amend by the amendment notice (reg 22(2); Devon [2022]), of the others by the decision.
		const told = review ? by(review.outcome === 'AMEND' ? review.noticeOn : review.decidedOn) : ''
		// Phase transfer: in the census's academic year the child was in Year 6, nursery or Year 11 (or flagged, if
		// that academic year is this one); the plan is due the day before 15 February or 31 March.
		const yearsBack = academicYearEnding(today) - academicYearEnding(census)
		const yearThen = c.yearGroup === null ? null : c.yearGroup - yearsBack
		let transfer: 'school' | 'post16' | null = yearThen === -1 || yearThen === 6 ? 'school' : yearThen === 11 ? 'post16' : null
		if (yearsBack === 0 && c.phaseTransfer === 'SCHOOL') transfer = 'school'
		if (yearsBack === 0 && c.phaseTransfer === 'POST16') transfer = 'post16'
		const transferYear = academicYearEnding(census)
		const dueDate = transfer === 'school' ? `${transferYear}-02-14` : transfer === 'post16' ? `${transferYear}-03-30` : ''
		const finalDate = transfer
			? (c.reviews
					.filter((r) => r.finalAmended && r.finalOn && r.finalOn >= `${transferYear - 1}-09-01` && r.finalOn <= census)
					.map((r) => r.finalOn!)
					.sort()
					.at(-1) ?? '')
			: ''
		lines.set(c.upn, [
			c.upn,
			c.lastName,
			c.firstName,
			c.dateOfBirth,
			planOnly ? plan.lastReviewOn! : (review?.meetingOn ?? ''),
			code,
			told,
			review ? by(review.noticeOn) : '',
			dueDate,
			finalDate,
		])
	}
	return lines
}

async function download(path: string) {
	const response = (await run(sen2.loader, request(path, { cookie: await cookieFor(MANAGER) }))) as Response
	expect(response).toBeInstanceOf(Response)
	expect(response.status).toBe(200)
	expect(response.headers.get('content-disposition')).toMatch(/^attachment; filename="sen2-annual-review-items-census-\d{4}-\d{2}-\d{2}\.csv"$/)
	return parse(Buffer.from(await response.arrayBuffer()), { bom: true }) as string[][]
}

test('SEN2 on the latest January census date: one line per child with a plan in force, every item recomputed from the rows', async () => {
	const today = londonToday()
	const year = Number(today.slice(0, 4))
	const census = thirdThursdayOfJanuary(year) <= today ? thirdThursdayOfJanuary(year) : thirdThursdayOfJanuary(year - 1)

	// A cease recorded before the census date is reported as C; a plan ceased with no date to go on is left out.
	const children = await kentChildren()
	const withMeeting = children.filter(
		(c) => c.plan!.status === 'ACTIVE' && c.reviews.some((r) => r.decidedOn && r.decidedOn <= census && r.meetingOn! <= census),
	)
	const toCease = withMeeting[0]!
	const ceasedReview = toCease.reviews
		.filter((r) => r.decidedOn && r.decidedOn <= census)
		.sort((a, b) => a.meetingOn!.localeCompare(b.meetingOn!))
		.at(-1)!
	await prisma.decision.updateMany({ where: { review: { child: { upn: toCease.upn }, meetingOn: ceasedReview.meetingOn } }, data: { outcome: 'CEASE' } })
	const undated = withMeeting[1]!
	await prisma.ehcPlan.updateMany({ where: { child: { upn: undated.upn } }, data: { status: 'CEASED' } })

	const [header, ...rows] = await download('/timeliness/sen2.csv')
	expect(header).toEqual(HEADER)
	const want = expectedLines(await kentChildren(), census, today)
	expect(new Map(rows.map((r) => [r[0]!, r]))).toEqual(want)
	expect(rows).toHaveLength(want.size) // one line per child
	expect(want.get(toCease.upn)![5]).toBe('C')
	expect(want.has(undated.upn)).toBe(false)
	// Not comparing blanks: the seed gives this census dated items of every kind but the phase-transfer final plan.
	const column = (name: string) => rows.map((r) => r[HEADER.indexOf(name)]!)
	expect(rows.length).toBeGreaterThan(100)
	expect(new Set(column('ReviewOutcome'))).toEqual(new Set(['', 'A', 'C', 'M']))
	for (const name of ['ReviewMeeting', 'LastReview', 'PhaseTransferDueDate']) expect(column(name).filter(Boolean).length, name).toBeGreaterThan(0)
	for (const name of ['ReviewMeeting', 'LastReview', 'ReviewDraft', 'PhaseTransferFinalDate'])
		for (const d of column(name).filter(Boolean)) expect(d <= census, name).toBe(true)
})

test('SEN2 on a chosen census date: amendment notices, draft plans and phase-transfer final plans; a bad date is refused', async () => {
	const today = londonToday()
	const census = '2026-11-20'
	const [header, ...rows] = await download(`/timeliness/sen2.csv?census=${census}`)
	expect(header).toEqual(HEADER)
	const want = expectedLines(await kentChildren(), census, today)
	expect(new Map(rows.map((r) => [r[0]!, r]))).toEqual(want)
	const column = (name: string) => rows.map((r) => r[HEADER.indexOf(name)]!)
	for (const name of ['ReviewMeeting', 'LastReview', 'ReviewDraft', 'PhaseTransferDueDate', 'PhaseTransferFinalDate'])
		expect(column(name).filter(Boolean).length, name).toBeGreaterThan(0)
	expect(new Set(column('PhaseTransferDueDate').filter(Boolean))).toEqual(new Set(['2027-02-14', '2027-03-30']))
	// An amend whose family had been told: LastReview is the day of the amendment notice, the draft amended plan.
	const told = rows.filter((r) => r[5] === 'A' && r[6])
	expect(told.length).toBeGreaterThan(0)
	for (const r of told) expect(r[6]).toBe(r[7])

	const cookie = await cookieFor(MANAGER)
	for (const bad of ['2026-13-01', '15/01/2026', '2999-01-01'])
		expect(await statusOf(sen2.loader, request(`/timeliness/sen2.csv?census=${bad}`, { cookie })), bad).toBe(400)
})
