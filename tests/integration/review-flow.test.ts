// The SENCo's review through its real actions: concurrent edits are detected, submission checks every
// part, and a submission that fails part-way leaves the review exactly as it was.
import fs from 'node:fs'
import { expect, test } from 'vitest'
import { prisma } from '#app/db/db.server.ts'
import { addDays, todayInLondon } from '#app/domain/calendar-date.ts'
import { CLOCK_FACTS_SELECT, clocksFor } from '#app/domain/review-facts.ts'
import { partForSlug } from '#app/domain/review-parts.ts'
import { env } from '#app/env.server.ts'
import * as check from '#app/routes/review-check.tsx'
import * as evidence from '#app/routes/review-evidence.tsx'
import * as reviewNew from '#app/routes/review-new.tsx'
import * as part from '#app/routes/review-part.tsx'
import { openWithJavaScript, pdfFile } from '#tests/evidence-files.ts'
import { completedParts, cookieFor, dateFields, expectRedirect, request, reviewIdOf, run, startDraft } from '#tests/helpers.ts'

const SENCO = 'senco@oakfield-primary.example.org'

const startReview = (cookie: string) => startDraft(cookie, SENCO)

/** Posts a part's answers, saying whether it is complete and the version of the part the form was opened at. */
function savePart(cookie: string, reviewId: string, slug: string, answers: Record<string, string>, form: { completed: 'yes' | 'no'; version: number }) {
	return run(
		part.action,
		request(`/reviews/${reviewId}/parts/${slug}`, { cookie, form: { ...answers, completed: form.completed, version: String(form.version) } }),
		{
			reviewId,
			part: slug,
		},
	)
}

/** A new draft with one part saved unfinished, by the SENCo: the part is then at version 1. */
async function draftWithPart(slug: string, answers: Record<string, string>) {
	const cookie = await cookieFor(SENCO)
	const { reviewId } = await startReview(cookie)
	expectRedirect(await savePart(cookie, reviewId, slug, answers, { completed: 'no', version: 0 }), /^\/reviews\//)
	return { cookie, reviewId }
}

async function completeEveryPart(cookie: string, reviewId: string) {
	for (const [slug, form] of await completedParts(reviewId, { recommendation: 'MAINTAIN', reasons: 'Still right.' })) {
		expectRedirect(
			await savePart(cookie, reviewId, slug, form, {
				completed: 'yes',
				version: (await prisma.reviewSection.findFirst({ where: { reviewId, key: partForSlug(slug)! }, select: { version: true } }))?.version ?? 0,
			}),
			/^\/reviews\//,
		)
	}
}

test('two people saving the same part: the second is told, keeps what they typed, and nothing is overwritten', async () => {
	// Both opened the part at version 0.
	const { cookie, reviewId } = await draftWithPart('parent-views', { views: 'First person’s words', givenBy: 'Mother' })
	const theirs = { views: 'Second person’s words', givenBy: 'Father' }
	const second = (await savePart(cookie, reviewId, 'parent-views', theirs, { completed: 'no', version: 0 })) as any
	expect(second.init.status).toBe(409)
	expect(second.data.conflict.theirs.views).toBe('First person’s words')
	expect(second.data.result.initialValue.views).toBe('Second person’s words')
	const saved = await prisma.reviewSection.findFirstOrThrow({ where: { reviewId, key: 'PARENT_VIEWS' } })
	expect(JSON.parse(saved.data).views).toBe('First person’s words')
	// Saving again from the version they were shown replaces it deliberately.
	expectRedirect(await savePart(cookie, reviewId, 'parent-views', theirs, { completed: 'no', version: second.data.conflict.version }), /^\/reviews\//)
	expect(JSON.parse((await prisma.reviewSection.findFirstOrThrow({ where: { reviewId, key: 'PARENT_VIEWS' } })).data).views).toBe('Second person’s words')
})

test('a part saved unfinished keeps its answers; marking it complete asks for what is missing', async () => {
	const answers = { pathway: 'observation', words: 'I like the swing.' }
	const { cookie, reviewId } = await draftWithPart('child-views', answers)
	const incomplete = (await savePart(cookie, reviewId, 'child-views', answers, { completed: 'yes', version: 1 })) as any
	expect(incomplete.init.status).toBe(400)
	expect(incomplete.data.result.error.recordedBy).toEqual(['Enter who recorded the views and their role'])
	expect(incomplete.data.result.error.howCommunicated[0]).toMatch(/how the child communicated/)
	expect(incomplete.data.result.initialValue.words).toBe('I like the swing.')
})

test('submission lists every unfinished part, linking to it, and submits nothing', async () => {
	const cookie = await cookieFor(SENCO)
	const { reviewId } = await startReview(cookie)
	const result = (await run(check.action, request(`/reviews/${reviewId}/check`, { cookie, form: { lockVersion: '0' } }), { reviewId })) as any
	expect(result.init.status).toBe(400)
	const hrefs = result.data.problems.map((p: any) => p.href)
	expect(hrefs).toEqual(
		expect.arrayContaining([`/reviews/${reviewId}/parts/child-views`, `/reviews/${reviewId}/parts/outcomes`, `/reviews/${reviewId}/parts/attendance`]),
	)
	expect((await prisma.annualReview.findUniqueOrThrow({ where: { id: reviewId } })).status).toBe('DRAFT')
})

test('a submission that fails part-way (an email cannot be queued) leaves the draft as it was; the retry submits once', async () => {
	const cookie = await cookieFor(SENCO)
	const { reviewId, child, meeting } = await startReview(cookie)
	await completeEveryPart(cookie, reviewId)
	const lockVersion = String((await prisma.annualReview.findUniqueOrThrow({ where: { id: reviewId } })).lockVersion)
	// The caseworker's address is broken: queuing their notification fails inside the transaction.
	const caseworker = await prisma.user.findUniqueOrThrow({ where: { id: child.caseworkerId! }, select: { email: true } })
	await prisma.user.update({ where: { id: child.caseworkerId! }, data: { email: 'broken address' } })
	await expect(run(check.action, request(`/reviews/${reviewId}/check`, { cookie, form: { lockVersion } }), { reviewId })).rejects.toThrow()
	const untouched = await prisma.annualReview.findUniqueOrThrow({
		where: { id: reviewId },
		select: { status: true, submittedAt: true, reportReceivedOn: true },
	})
	expect(untouched).toEqual({ status: 'DRAFT', submittedAt: null, reportReceivedOn: null })
	expect(await prisma.outboxMessage.count({ where: { reviewId } })).toBe(0)
	expect(await prisma.auditEvent.count({ where: { reviewId, action: 'review.submit' } })).toBe(0)

	await prisma.user.update({ where: { id: child.caseworkerId! }, data: { email: caseworker.email } })
	expectRedirect(
		await run(check.action, request(`/reviews/${reviewId}/check`, { cookie, form: { lockVersion } }), { reviewId }),
		`/reviews/${reviewId}/submitted`,
	)
	const submitted = await prisma.annualReview.findUniqueOrThrow({
		where: { id: reviewId },
		select: { status: true, reportReceivedOn: true, nextDeadlineOn: true, nextDeadlineId: true },
	})
	expect(submitted.status).toBe('SUBMITTED')
	expect(submitted.reportReceivedOn).toBe(todayInLondon(new Date()))
	expect(submitted).toMatchObject({ nextDeadlineId: 'la_decision', nextDeadlineOn: addDays(meeting, 28) })
	const messages = await prisma.outboxMessage.findMany({ where: { reviewId }, select: { template: true, toAddress: true } })
	// The council, the SENCo's receipt, and the report to the parent who was invited (reg 20(8)).
	expect(messages.map((m) => m.template).sort()).toEqual(['review-report-invitee', 'review-submitted-caseworker', 'review-submitted-receipt'])
	expect(messages.find((m) => m.template === 'review-report-invitee')!.toAddress).toBe('parent@example.org')
	expect(messages.find((m) => m.template === 'review-submitted-caseworker')!.toAddress).toBe(caseworker.email)
	// A second click finds nothing to submit.
	const again = (await run(check.action, request(`/reviews/${reviewId}/check`, { cookie, form: { lockVersion } }), { reviewId })) as any
	expect(again.init.status).toBe(409)
	expect(await prisma.outboxMessage.count({ where: { reviewId } })).toBe(3)
})

test('the dates the invitations and the advice went out are recorded, checked, and the clock counts them met', async () => {
	const cookie = await cookieFor(SENCO)
	const senco = await prisma.user.findUniqueOrThrow({ where: { email: SENCO }, select: { schoolId: true } })
	const child = await prisma.child.findFirstOrThrow({
		where: { schoolId: senco.schoolId!, plan: { isNot: null }, reviews: { none: { status: { not: 'CLOSED' } } } },
		select: { id: true },
	})
	const today = todayInLondon(new Date())
	const meeting = addDays(today, 10) // the 2-week dates have passed: without the records, both deadlines are missed
	const form = {
		...dateFields('meetingOn', meeting),
		meetingTime: '10:00',
		'invitees[0].role': 'PARENT',
		'invitees[0].name': 'Mr Novak',
	}
	// A date in the future is refused, with the rest of the form kept.
	const future = (await run(
		reviewNew.action,
		request(`/children/${child.id}/reviews/new`, { cookie, form: { ...form, ...dateFields('invitationsSentOn', addDays(today, 1)) } }),
		{ childId: child.id },
	)) as any
	expect(future.init.status).toBe(400)
	expect(future.data.result.error.invitationsSentOn).toEqual(['The date the invitations were sent must be today or in the past'])
	expect(future.data.result.initialValue['invitees[0].name'] ?? future.data.result.initialValue.invitees?.[0]?.name).toBe('Mr Novak')
	// Half a date says what is missing.
	const half = (await run(reviewNew.action, request(`/children/${child.id}/reviews/new`, { cookie, form: { ...form, 'adviceCirculatedOn.day': '3' } }), {
		childId: child.id,
	})) as any
	expect(half.data.result.error.adviceCirculatedOn).toEqual(['The date the advice was sent to everyone invited must include a month and year'])

	const invited = addDays(meeting, -16)
	const advised = addDays(meeting, -12) // 2 days late
	const created = await run(
		reviewNew.action,
		request(`/children/${child.id}/reviews/new`, {
			cookie,
			form: { ...form, ...dateFields('invitationsSentOn', invited), ...dateFields('adviceCirculatedOn', advised) },
		}),
		{ childId: child.id },
	)
	const reviewId = reviewIdOf(created)
	const review = await prisma.annualReview.findUniqueOrThrow({
		where: { id: reviewId },
		select: { ...CLOCK_FACTS_SELECT, nextDeadlineId: true, nextDeadlineOn: true },
	})
	expect(review).toMatchObject({ invitationsSentOn: invited, adviceCirculatedOn: advised })
	const { deadlines, next } = clocksFor(review, today)
	expect(deadlines.find((d) => d.id === 'invitations')).toMatchObject({ state: 'met', metOn: invited })
	expect(deadlines.find((d) => d.id === 'advice_circulated')).toMatchObject({ state: 'met', metOn: advised, daysLate: 2 })
	// Neither is outstanding, so neither is the caseload's next deadline (a false "missed").
	expect(['invitations', 'advice_circulated']).not.toContain(next?.id)
	expect(deadlines.filter((d) => d.state === 'missed').map((d) => d.id)).not.toContain('invitations')
	expect(review.nextDeadlineId).toBe(next?.id)
})

test('evidence refused for what is inside it keeps the title typed and stores nothing; a sound PDF is then stored', async () => {
	const cookie = await cookieFor(SENCO)
	const { reviewId } = await startReview(cookie)
	const title = 'Speech and language therapy report, May 2027'
	const upload = (file: File) =>
		run(evidence.action, request(`/reviews/${reviewId}/evidence`, { cookie, multipart: true, form: { title }, files: { file } }), {
			reviewId,
		}) as Promise<any>
	const storedFiles = () =>
		fs.existsSync(env.EVIDENCE_DIR)
			? fs
					.readdirSync(env.EVIDENCE_DIR)
					.filter((name) => name !== 'tmp')
					.sort()
			: []
	const before = storedFiles()
	const whole = await pdfFile()
	for (const [file, message] of [
		[
			new File([await pdfFile({ change: openWithJavaScript })], 'report.pdf'),
			'The selected PDF contains active content, such as JavaScript or embedded files. Print it to a new PDF and try again',
		],
		[new File([whole.subarray(0, Math.floor(whole.length / 2))], 'report.pdf'), 'The selected file is damaged or cannot be opened'],
		[new File([], 'report.pdf'), 'The selected file is empty'],
	] as const) {
		const refused = await upload(file)
		expect(refused.init.status).toBe(400)
		expect(refused.data.result.error.file).toEqual([message])
		expect(refused.data.result.initialValue.title).toBe(title)
	}
	expect(await prisma.evidenceFile.count({ where: { reviewId } })).toBe(0)
	expect(await prisma.auditEvent.count({ where: { reviewId, action: 'evidence.upload' } })).toBe(0)
	expect(storedFiles()).toEqual(before)

	expectRedirect(await upload(new File([whole], 'report.pdf')), new RegExp(`^/reviews/${reviewId}/evidence\\?uploaded=`))
	const stored = await prisma.evidenceFile.findFirstOrThrow({ where: { reviewId }, select: { title: true, contentType: true, storageKey: true } })
	expect(stored).toMatchObject({ title, contentType: 'application/pdf' })
	expect(storedFiles()).toEqual([...before, stored.storageKey].sort())
})
