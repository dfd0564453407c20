// A school the family asks for in a representation (Children and Families Act 2014 s.38(2)(b)(ii), s.39), through the
// real loaders and actions: the school consulted with the draft plan (s.39(2)) and named in Section I of the final
// plan, with its name and type (s.39(3); reg 12(1)(i)), read back from the PDF and the new plan version; or refused on
// the s.39(4) grounds with reasons the final plan's letter prints; and the final plan not issued while it is undecided.
import { expect, test } from 'vitest'
import { prisma } from '#app/db/db.server.ts'
import { addDays, todayInLondon } from '#app/domain/calendar-date.ts'
import { sectionIWording } from '#app/domain/school-request.ts'
import * as final from '#app/routes/council-final.tsx'
import * as representation from '#app/routes/council-representation.tsx'
import * as schoolRequest from '#app/routes/council-school-request.tsx'
import { finalPost, finalSent, noticed } from '#tests/council-steps.ts'
import { pdfText } from '#tests/documents.ts'
import { CASEWORKER, cookieFor, dateFields, expectRedirect, request, run } from '#tests/helpers.ts'

const used = new Set<string>()

/**
 * A submitted Kent review decided "amend", its notice served 20 days ago (the 15 days over), and a representation
 * from the family asking for `school` to be named.
 */
async function schoolRequested(cookie: string, school: string) {
	const reviewId = await noticed(cookie, used)
	const servedOn = addDays(todayInLondon(new Date()), -20)
	await prisma.amendmentNotice.update({ where: { reviewId }, data: { issuedOn: servedOn, representationsCloseOn: addDays(servedOn, 14) } })
	const form = {
		...dateFields('receivedOn', addDays(servedOn, 3)),
		fromName: 'Mr Okafor',
		summary: 'We would like our son to go to the school his brother attends.',
		requestedSchool: school,
	}
	expectRedirect(
		await run(representation.action, request(`/council/reviews/${reviewId}/representations/new`, { cookie, multipart: true, form }), { reviewId }),
		`/council/reviews/${reviewId}`,
	)
	return { reviewId, servedOn }
}

const schoolPost = (cookie: string, reviewId: string, form: Record<string, string | string[]>) =>
	run(schoolRequest.action, request(`/council/reviews/${reviewId}/final/school`, { cookie, form }), { reviewId }) as Promise<any>

test('a requested school, consulted with the draft plan, is named in Section I of the final plan with its name and type', async () => {
	const cookie = await cookieFor(CASEWORKER)
	const school = await prisma.school.findFirstOrThrow({
		where: { la: { code: '886' }, active: true, phase: 'SECONDARY' },
		orderBy: [{ name: 'asc' }, { id: 'asc' }],
		select: { id: true, name: true, urn: true, phase: true, kind: true },
	})
	const { reviewId, servedOn } = await schoolRequested(cookie, school.name)
	const today = todayInLondon(new Date())

	// The final plan page shows the request; its button saves the page and goes to the school request.
	const page = (await run(final.loader, request(`/council/reviews/${reviewId}/final`, { cookie }), { reviewId })) as any
	expect(page.schoolRequest.asked[0].requestedSchool).toBe(school.name)
	expectRedirect(await finalPost(cookie, reviewId, { intent: 'school' }), `/council/reviews/${reviewId}/final/school`)
	// The school the family named is found in the council's list.
	const form = (await run(schoolRequest.loader, request(`/council/reviews/${reviewId}/final/school`, { cookie }), { reviewId })) as any
	expect(form.defaults).toMatchObject({ schoolName: school.name, schoolId: school.id, outcome: 'OPEN' })

	// Named only after the school was consulted with the draft plan (s.39(2)), on or after the notice.
	const notConsulted = await schoolPost(cookie, reviewId, { schoolName: school.name, schoolId: school.id, outcome: 'NAMED' })
	expect(notConsulted.init.status).toBe(400)
	expect(notConsulted.data.result.error.consultedOn[0]).toMatch(/s\.39\(2\)/)
	const tooEarly = await schoolPost(cookie, reviewId, {
		schoolName: school.name,
		schoolId: school.id,
		outcome: 'NAMED',
		...dateFields('consultedOn', addDays(servedOn, -1)),
	})
	expect(tooEarly.init.status).toBe(400)

	// Consulted, not decided yet: the final plan waits for the decision.
	expectRedirect(
		await schoolPost(cookie, reviewId, {
			schoolName: school.name,
			schoolId: school.id,
			outcome: 'OPEN',
			...dateFields('consultedOn', addDays(servedOn, 2)),
		}),
		`/council/reviews/${reviewId}/final#school-request`,
	)
	const undecided = await finalPost(cookie, reviewId, { intent: 'issue', amend: 'yes' })
	expect(undecided.init.status).toBe(409)
	expect(undecided.data.result.error[''][0]).toContain(`Decide the family’s request for ${school.name}`)

	expectRedirect(
		await schoolPost(cookie, reviewId, {
			schoolName: school.name,
			schoolId: school.id,
			outcome: 'NAMED',
			consulteeResponse: 'The governors agree the school can meet his needs.',
			...dateFields('consultedOn', addDays(servedOn, 2)),
		}),
		`/council/reviews/${reviewId}/final#school-request`,
	)
	const stored = await prisma.schoolRequest.findUniqueOrThrow({ where: { reviewId } })
	expect(stored).toMatchObject({ schoolId: school.id, outcome: 'NAMED', consultedOn: addDays(servedOn, 2), decidedOn: today, refusalGrounds: '' })
	expect(stored.representationId).not.toBeNull()
	expect(await prisma.auditEvent.count({ where: { reviewId, entityType: 'SchoolRequest' } })).toBe(2)

	// Naming the school changes Section I: not a decision not to amend.
	const notAmended = await finalPost(cookie, reviewId, { intent: 'issue', amend: 'no', reasons: 'No change after all.' })
	expect(notAmended.init.status).toBe(409)
	expect(notAmended.data.result.error[''][0]).toContain('changes Section I')

	expectRedirect(await finalSent(cookie, reviewId, { intent: 'issue', amend: 'yes' }), `/council/reviews/${reviewId}`)
	const named = sectionIWording(school)
	expect(named).toContain(school.name)
	expect(named).toMatch(/^Secondary school/)
	const version = await prisma.planVersion.findFirstOrThrow({ where: { finalPlan: { reviewId } }, select: { sectionI: true } })
	expect(version.sectionI).toBe(named)
	const text = await pdfText(reviewId, 'FINAL_PLAN')
	const sectionI = text.slice(text.lastIndexOf('Placement'))
	expect(sectionI).toContain(`Secondary school`)
	expect(sectionI).toContain(`${school.name} (URN ${school.urn})`)
	expect(text).toContain('We have named it in section I')
	// reg 22(3)(b): the school named is sent the final plan (it is not the child's own school), and told it must admit (s.43).
	const own = await prisma.annualReview.findUniqueOrThrow({ where: { id: reviewId }, select: { child: { select: { schoolId: true } } } })
	expect(own.child.schoolId).not.toBe(school.id)
	const contact = await prisma.school.findUniqueOrThrow({ where: { id: school.id }, select: { headTeacherEmail: true, contactEmail: true } })
	const toNamed = await prisma.outboxMessage.findMany({
		where: { reviewId, template: 'final-plan-issued', toAddress: contact.headTeacherEmail || contact.contactEmail },
		select: { payload: true },
	})
	expect(toNamed.map((m) => JSON.parse(m.payload).audience)).toEqual(['NAMED_SCHOOL'])
})

test('a refused request’s s.39(4) grounds and the council’s reasons are printed in the final plan’s letter', async () => {
	const cookie = await cookieFor(CASEWORKER)
	const asked = 'St Anselm’s Independent School'
	const { reviewId, servedOn } = await schoolRequested(cookie, asked)
	const consulted = addDays(servedOn, 4)

	// A school not on the council's list can be consulted on and refused under the family's name for it.
	const noGrounds = await schoolPost(cookie, reviewId, { schoolName: asked, outcome: 'REFUSED', ...dateFields('consultedOn', consulted) })
	expect(noGrounds.init.status).toBe(400)
	expect(Object.keys(noGrounds.data.result.error)).toEqual(expect.arrayContaining(['refusalGrounds', 'refusalReasons']))
	// Naming it needs the council's record of it, which gives its type (reg 12(1)(i)).
	const notListed = await schoolPost(cookie, reviewId, { schoolName: asked, outcome: 'NAMED', ...dateFields('consultedOn', consulted) })
	expect(notListed.data.result.error.schoolId[0]).toMatch(/reg 12\(1\)\(i\)/)
	// Only this council's schools can be chosen.
	const other = await prisma.school.findFirstOrThrow({ where: { la: { code: { not: '886' } } }, select: { id: true } })
	const elsewhere = await schoolPost(cookie, reviewId, { schoolName: asked, schoolId: other.id, outcome: 'OPEN' })
	expect(elsewhere.init.status).toBe(400)
	expect(await prisma.schoolRequest.count({ where: { reviewId } })).toBe(0)

	const reasons = 'The school is a mainstream independent school without the specialist autism provision set out in Section F.'
	expectRedirect(
		await schoolPost(cookie, reviewId, {
			schoolName: asked,
			schoolId: '',
			outcome: 'REFUSED',
			refusalGrounds: ['RESOURCES', 'UNSUITABLE'],
			refusalReasons: reasons,
			consulteeResponse: 'The head teacher said they could not meet his needs.',
			...dateFields('consultedOn', consulted),
		}),
		`/council/reviews/${reviewId}/final#school-request`,
	)
	expect(await prisma.schoolRequest.findUniqueOrThrow({ where: { reviewId } })).toMatchObject({
		schoolId: null,
		outcome: 'REFUSED',
		refusalGrounds: 'UNSUITABLE,RESOURCES',
		refusalReasons: reasons,
	})

	expectRedirect(await finalSent(cookie, reviewId, { intent: 'issue', amend: 'yes' }), `/council/reviews/${reviewId}`)
	const text = await pdfText(reviewId, 'FINAL_PLAN')
	expect(text).toContain(`You asked for ${asked} to be named in the plan.`)
	expect(text).toContain('the school is unsuitable for the age, ability, aptitude or special educational needs of the child or young person (s.39(4)(a))')
	expect(text).toContain('attending it would be incompatible with the efficient use of resources (s.39(4)(b)(ii))')
	expect(text).not.toContain('(s.39(4)(b)(i))')
	expect(text).toContain(reasons)
	const version = await prisma.planVersion.findFirstOrThrow({ where: { finalPlan: { reviewId } }, select: { sectionI: true } })
	expect(version.sectionI).not.toContain(asked)
})

test('a decision not to amend answers a refused request with its grounds and reasons', async () => {
	const cookie = await cookieFor(CASEWORKER)
	const asked = 'Riverside Free School'
	const { reviewId, servedOn } = await schoolRequested(cookie, asked)
	const reasons = 'Every class in the year group is over its planned number.'
	expectRedirect(
		await schoolPost(cookie, reviewId, {
			schoolName: asked,
			outcome: 'REFUSED',
			refusalGrounds: 'OTHERS',
			refusalReasons: reasons,
			...dateFields('consultedOn', addDays(servedOn, 1)),
		}),
		`/council/reviews/${reviewId}/final#school-request`,
	)
	expectRedirect(await finalSent(cookie, reviewId, { intent: 'issue', amend: 'no', reasons: 'The plan stays as it is.' }), `/council/reviews/${reviewId}`)
	const text = await pdfText(reviewId, 'NO_AMENDMENT_NOTICE')
	expect(text).toContain('attending it would be incompatible with the provision of efficient education for others (s.39(4)(b)(i))')
	expect(text).toContain(reasons)
})
