// Young people in their own right (issue 12 §3; app/domain/young-person.ts), read back from the letters and the outbox:
// past compulsory school age the decision letter is written to the young person ("your EHC plan") and emailed to them,
// their parent only with their recorded agreement; a young person lacking capacity: to who acts for them (reg 64); a
// child of 15 with an email address of their own: to the parent, not the child. The caseworker records the agreement,
// capacity and representative on the child's page (council staff only, their own council's children, audited).
import { expect, test } from 'vitest'
import { getUser } from '#app/auth/auth.server.ts'
import { prisma } from '#app/db/db.server.ts'
import { addDays, addMonths, formatDate, todayInLondon } from '#app/domain/calendar-date.ts'
import { isYoungPerson } from '#app/domain/young-person.ts'
import * as youngPersonPage from '#app/routes/child-young-person.tsx'
import * as child from '#app/routes/child.tsx'
import { checkOf, letterToSend, makeDecision } from '#app/services/council-review.server.ts'
import { readDocument } from '#app/storage/documents.server.ts'
import { renderTemplate } from '#emails/index.ts'
import { CASEWORKER, cookieFor, dateFields, expectRedirect, HIGHFIELD_SENCO, request, run, statusOf } from '#tests/helpers.ts'
import { extractText, getDocumentProxy } from '#tests/unpdf.ts'

const today = todayInLondon(new Date())
const PARENT_EMAIL = 'karen.young-person-test@example.com'
const YOUNG_PERSON_EMAIL = 'sam.young-person-test@example.net'
const DEPUTY_EMAIL = 'alan.price.deputy@example.org'
/** Seventeen today: compulsory school age ended at least a summer ago. */
const SEVENTEEN = addMonths(today, -17 * 12)
/** Fifteen today: sixteen in a year, so compulsory school age has not ended. */
const FIFTEEN = addMonths(today, -15 * 12)

async function pdfText(reviewId: string, kind: string) {
	const doc = await prisma.generatedDocument.findFirstOrThrow({ where: { reviewId, kind }, select: { storageKey: true } })
	const { text } = await extractText(await getDocumentProxy(new Uint8Array(await readDocument(doc.storageKey))), { mergePages: true })
	return text.replace(/\s+/g, ' ')
}

async function sessionUser(email: string) {
	return (await getUser(request('/', { cookie: await cookieFor(email) })))!
}

const used: string[] = []

/** A submitted Kent review at a school with an email address, not used by another test here, its child given `facts`. */
async function submittedFor(facts: Parameters<typeof prisma.child.update>[0]['data']) {
	const review = await prisma.annualReview.findFirstOrThrow({
		where: { status: 'SUBMITTED', la: { code: '886' }, id: { notIn: used }, child: { school: { headTeacherEmail: { not: '' } } } },
		orderBy: { id: 'asc' },
		select: { id: true, childId: true, child: { select: { firstName: true, lastName: true, school: { select: { headTeacherEmail: true } } } } },
	})
	used.push(review.id)
	await prisma.child.update({
		where: { id: review.childId },
		data: {
			parentName: 'Karen Young',
			parentEmail: PARENT_EMAIL,
			youngPersonEmail: YOUNG_PERSON_EMAIL,
			youngPersonParentCopyAgreedOn: null,
			youngPersonLacksCapacity: false,
			representativeRole: null,
			representativeName: '',
			representativeEmail: '',
			...facts,
		},
	})
	return { ...review, name: `${review.child.firstName} ${review.child.lastName}`, schoolEmail: review.child.school!.headTeacherEmail }
}

/** Decides to maintain the plan, through the check before sending (what it shows is returned) and Send. */
async function maintain(reviewId: string) {
	const user = await sessionUser(CASEWORKER)
	const input = { outcome: 'MAINTAIN' as const, reasons: 'The plan still meets the needs.', decidedOn: today }
	const letter = (await letterToSend(user, reviewId, { step: 'decision', input }))!
	await makeDecision(null, user, reviewId, input, letter.digest)
	return checkOf(letter)
}

async function outbox(reviewId: string) {
	const messages = await prisma.outboxMessage.findMany({
		where: { reviewId, template: 'decision-letter' },
		orderBy: { toAddress: 'asc' },
		select: { toAddress: true, payload: true },
	})
	return messages.map((m) => ({
		to: m.toAddress,
		payload: JSON.parse(m.payload),
		email: renderTemplate('decision-letter', JSON.parse(m.payload), { appUrl: 'http://localhost:3000', councilName: 'Kent County Council' }),
	}))
}

async function saveRights(childId: string, form: Record<string, string>, cookie?: string) {
	return run(youngPersonPage.action, request(`/children/${childId}/young-person`, { cookie: cookie ?? (await cookieFor(CASEWORKER)), form }), { childId })
}

test('past compulsory school age: the decision letter and its email are to the young person, in the second person; the parent is not sent it', async () => {
	const review = await submittedFor({ dateOfBirth: SEVENTEEN })
	expect(isYoungPerson(SEVENTEEN, today)).toBe(true)
	const check = await maintain(review.id)
	expect(check.recipients.map((r) => r.email)).toEqual([YOUNG_PERSON_EMAIL, review.schoolEmail])

	const text = await pdfText(review.id, 'DECISION_LETTER')
	expect(text).toContain(`${review.name} (Young person)`)
	expect(text).toContain(`Dear ${review.name},`)
	expect(text).toContain('Our decision after your annual review')
	expect(text).toContain('We have decided to maintain your education, health and care (EHC) plan as it is')
	expect(text).toContain('You can appeal about what the plan says about your special educational needs (section B)')
	expect(text).toContain('because you are over compulsory school age')
	expect(text).toContain('We have not sent a copy to your parents.')
	expect(text).not.toContain(`${review.name}'s`)
	expect(text).not.toContain('Karen Young')

	const sent = await outbox(review.id)
	expect(sent.map((m) => m.to).sort()).toEqual([YOUNG_PERSON_EMAIL, review.schoolEmail].sort())
	expect(sent.map((m) => m.to)).not.toContain(PARENT_EMAIL)
	const toThem = sent.find((m) => m.to === YOUNG_PERSON_EMAIL)!
	expect(toThem.payload.audience).toBe('YOUNG_PERSON')
	expect(toThem.email.subject).toContain('Your annual review decision of')
	expect(toThem.email.subject).toContain('your EHC plan will be kept as it is')
	expect(toThem.email.text).toContain('We are writing to you, rather than to your parents')
	expect(toThem.email.text).toContain('you must contact a mediation adviser')
})

test('with the young person’s agreement, recorded by the caseworker, their parent is sent a copy and the letter says so', async () => {
	const review = await submittedFor({ dateOfBirth: SEVENTEEN })
	const agreedOn = addDays(today, -3)
	expectRedirect(
		await saveRights(review.childId, {
			youngPersonEmail: YOUNG_PERSON_EMAIL,
			capacity: 'HAS',
			parentCopy: 'yes',
			...dateFields('parentCopyAgreedOn', agreedOn),
		}),
		`/children/${review.childId}#young-person`,
	)
	expect(await prisma.child.findUniqueOrThrow({ where: { id: review.childId }, select: { youngPersonParentCopyAgreedOn: true } })).toEqual({
		youngPersonParentCopyAgreedOn: agreedOn,
	})
	const audit = await prisma.auditEvent.findFirstOrThrow({ where: { action: 'child.update', childId: review.childId }, select: { details: true } })
	expect(audit.details).toContain(`agreed on ${agreedOn} to their parent being copied`)

	const check = await maintain(review.id)
	expect(check.recipients.map((r) => r.email)).toEqual([YOUNG_PERSON_EMAIL, PARENT_EMAIL, review.schoolEmail])
	const text = await pdfText(review.id, 'DECISION_LETTER')
	expect(text).toContain(`Dear ${review.name},`)
	expect(text).toContain(`Copy to: Karen Young (Parent or carer, sent a copy with ${review.name}`)
	expect(text).toContain(`agreement of ${formatDate(agreedOn)})`)
	expect(text).toContain('As you agreed, we have sent a copy of this letter to Karen Young.')

	const sent = await outbox(review.id)
	const copy = sent.find((m) => m.to === PARENT_EMAIL)!
	expect(copy.payload.audience).toBe('PARENT_COPY')
	expect(copy.email.subject).toMatch(/^Copy: annual review decision for /)
	expect(copy.email.text).toContain(`This is a copy for you. The letter is to ${review.name}`)
	expect(copy.email.text).toContain(`${review.child.firstName} can appeal`)
	expect(sent.find((m) => m.to === YOUNG_PERSON_EMAIL)!.payload.audience).toBe('YOUNG_PERSON')
})

test('a young person lacking capacity: the deputy recorded on the child’s page gets the letter, written to as acting for them (reg 64)', async () => {
	const review = await submittedFor({ dateOfBirth: SEVENTEEN, youngPersonParentCopyAgreedOn: addDays(today, -30) })
	expectRedirect(
		await saveRights(review.childId, {
			youngPersonEmail: YOUNG_PERSON_EMAIL,
			capacity: 'LACKS',
			representativeRole: 'DEPUTY',
			representativeName: 'Alan Price',
			representativeEmail: DEPUTY_EMAIL,
			// Answers to the other branch, as a browser without JavaScript sends them, are not kept.
			parentCopy: 'yes',
			...dateFields('parentCopyAgreedOn', today),
		}),
		`/children/${review.childId}#young-person`,
	)
	expect(
		await prisma.child.findUniqueOrThrow({
			where: { id: review.childId },
			select: { youngPersonLacksCapacity: true, representativeRole: true, representativeName: true, youngPersonParentCopyAgreedOn: true },
		}),
	).toEqual({ youngPersonLacksCapacity: true, representativeRole: 'DEPUTY', representativeName: 'Alan Price', youngPersonParentCopyAgreedOn: null })

	const page = (await run(child.loader, request(`/children/${review.childId}`, { cookie: await cookieFor(CASEWORKER) }), { childId: review.childId })) as any
	expect(page.age.youngPerson).toBe(true)
	expect(page.letters.to).toMatchObject({ audience: 'REPRESENTATIVE', name: 'Alan Price', email: DEPUTY_EMAIL })

	const check = await maintain(review.id)
	expect(check.recipients.map((r) => r.email)).toEqual([DEPUTY_EMAIL, review.schoolEmail])
	const text = await pdfText(review.id, 'DECISION_LETTER')
	expect(text).toContain(`Dear Alan Price,`)
	expect(text).toContain(`Alan Price (Deputy for ${review.name})`)
	expect(text).toContain(`We are writing to you as ${review.name}`)
	expect(text).toContain('deputy, appointed by the Court of Protection')
	expect(text).toContain('regulation 64 of the Special Educational Needs and Disability Regulations 2014 you act for them')

	const sent = await outbox(review.id)
	expect(sent.map((m) => m.to).sort()).toEqual([DEPUTY_EMAIL, review.schoolEmail].sort())
	const toDeputy = sent.find((m) => m.to === DEPUTY_EMAIL)!
	expect(toDeputy.payload).toMatchObject({ audience: 'REPRESENTATIVE', actingAs: 'DEPUTY' })
	expect(toDeputy.email.text).toContain(`We are writing to you as ${review.name}`)
	expect(toDeputy.email.text).toContain('regulation 64')
})

test('a child of 15 with an email address of their own: the parent gets the letter, not the child', async () => {
	const review = await submittedFor({ dateOfBirth: FIFTEEN })
	expect(isYoungPerson(FIFTEEN, today)).toBe(false)
	const check = await maintain(review.id)
	expect(check.recipients.map((r) => r.email)).toEqual([PARENT_EMAIL, review.schoolEmail])
	const sent = await outbox(review.id)
	expect(sent.map((m) => m.to)).not.toContain(YOUNG_PERSON_EMAIL)
	expect(sent.find((m) => m.to === PARENT_EMAIL)!.payload.audience).toBe('PARENT')
	const text = await pdfText(review.id, 'DECISION_LETTER')
	expect(text).toContain(`Our decision after ${review.name}'s annual review`)
	expect(text).toContain('Karen Young (Parent or carer)')
	expect(text).not.toContain('your annual review')
	// The child's page says why, and when they will be a young person.
	const page = (await run(child.loader, request(`/children/${review.childId}`, { cookie: await cookieFor(CASEWORKER) }), { childId: review.childId })) as any
	expect(page.age.youngPerson).toBe(false)
	expect(page.letters.notes.join(' ')).toContain('is not yet a young person')
})

test('a young person with no email address: the letter is addressed to them and must be posted; nobody else is emailed it instead', async () => {
	const review = await submittedFor({ dateOfBirth: SEVENTEEN, youngPersonEmail: '' })
	const check = await maintain(review.id)
	expect(check.recipients[0]).toEqual({
		name: review.name,
		email: '',
		role: 'Young person: no email address, so print the letter and post it',
	})
	expect((await outbox(review.id)).map((m) => m.to)).toEqual([review.schoolEmail])
	expect(await pdfText(review.id, 'DECISION_LETTER')).toContain(`Dear ${review.name},`)
})

test('the young person’s page: council staff who send letters only, their own council’s children, answers checked', async () => {
	const kentChild = await prisma.child.findFirstOrThrow({ where: { la: { code: '886' } }, select: { id: true } })
	const medwayChild = await prisma.child.findFirstOrThrow({ where: { la: { code: '887' } }, select: { id: true } })
	const caseworker = await cookieFor(CASEWORKER)
	const path = (id: string) => `/children/${id}/young-person`
	// A SENCo does not record these; a caseworker cannot reach another council's child (refused and audited).
	expect(await statusOf(youngPersonPage.loader, request(path(kentChild.id), { cookie: await cookieFor(HIGHFIELD_SENCO) }), { childId: kentChild.id })).toBe(
		403,
	)
	expect(
		await statusOf(
			youngPersonPage.action,
			request(path(kentChild.id), { cookie: await cookieFor(HIGHFIELD_SENCO), form: { capacity: 'HAS', parentCopy: 'no' } }),
			{ childId: kentChild.id },
		),
	).toBe(403)
	expect(await statusOf(youngPersonPage.loader, request(path(medwayChild.id), { cookie: caseworker }), { childId: medwayChild.id })).toBe(403)
	expect(
		await statusOf(youngPersonPage.action, request(path(medwayChild.id), { cookie: caseworker, form: { capacity: 'HAS', parentCopy: 'no' } }), {
			childId: medwayChild.id,
		}),
	).toBe(403)
	expect(await prisma.auditEvent.count({ where: { action: 'access.denied', childId: medwayChild.id } })).toBeGreaterThanOrEqual(2)
	expect(await prisma.auditEvent.count({ where: { action: 'child.update', childId: medwayChild.id } })).toBe(0)
	expectRedirect(await run(youngPersonPage.loader, request(path(kentChild.id)), { childId: kentChild.id }), /^\/sign-in/)

	const page = (await run(youngPersonPage.loader, request(path(kentChild.id), { cookie: caseworker }), { childId: kentChild.id })) as any
	expect(page.defaults.capacity).toMatch(/^(HAS|LACKS)$/)

	const errorsOf = async (form: Record<string, string>) =>
		Object.keys(((await saveRights(kentChild.id, form, caseworker)) as any).data.result.error ?? {}).sort()
	expect(await errorsOf({})).toEqual(['capacity'])
	expect(await errorsOf({ capacity: 'HAS' })).toEqual(['parentCopy'])
	expect(await errorsOf({ capacity: 'HAS', parentCopy: 'yes' })).toEqual(['parentCopyAgreedOn'])
	expect(await errorsOf({ capacity: 'HAS', parentCopy: 'yes', ...dateFields('parentCopyAgreedOn', addDays(today, 1)) })).toEqual(['parentCopyAgreedOn'])
	expect(await errorsOf({ capacity: 'LACKS' })).toEqual(['representativeRole'])
	expect(await errorsOf({ capacity: 'LACKS', representativeRole: 'ATTORNEY' })).toEqual(['representativeName'])
	expect(await errorsOf({ capacity: 'LACKS', representativeRole: 'PARENT', representativeEmail: 'not an email' })).toEqual(['representativeEmail'])
	expect(await errorsOf({ capacity: 'HAS', parentCopy: 'no', youngPersonEmail: 'nope' })).toEqual(['youngPersonEmail'])
	// A parent acting for them needs no name of their own: the parent on the record is used.
	expectRedirect(await saveRights(kentChild.id, { capacity: 'LACKS', representativeRole: 'PARENT' }, caseworker), `/children/${kentChild.id}#young-person`)
	expect(
		await prisma.child.findUniqueOrThrow({
			where: { id: kentChild.id },
			select: { youngPersonLacksCapacity: true, representativeRole: true, youngPersonEmail: true },
		}),
	).toEqual({ youngPersonLacksCapacity: true, representativeRole: 'PARENT', youngPersonEmail: '' })
	// Saving the same answers again changes nothing and audits nothing more.
	const audits = await prisma.auditEvent.count({ where: { action: 'child.update', childId: kentChild.id } })
	await saveRights(kentChild.id, { capacity: 'LACKS', representativeRole: 'PARENT' }, caseworker)
	expect(await prisma.auditEvent.count({ where: { action: 'child.update', childId: kentChild.id } })).toBe(audits)
	// A SENCo sees whether the child is a young person, but not who the council's letters go to.
	const senco = await prisma.user.findUniqueOrThrow({ where: { email: HIGHFIELD_SENCO }, select: { schoolId: true } })
	const theirs = await prisma.child.findFirstOrThrow({ where: { schoolId: senco.schoolId! }, select: { id: true } })
	const seen = (await run(child.loader, request(`/children/${theirs.id}`, { cookie: await cookieFor(HIGHFIELD_SENCO) }), { childId: theirs.id })) as any
	expect(typeof seen.age.youngPerson).toBe('boolean')
	expect(seen.letters).toBeNull()
})
