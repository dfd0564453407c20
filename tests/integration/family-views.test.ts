// The family's views before the meeting (issue 14, "Before the meeting"): a parent gives their views and their
// child's (with a drawing, checked like all evidence) while the school's report is a draft; sending again replaces
// their words; once the report is submitted the page is read-only; only their own child's review, never staff. The
// SENCo reads their words on the part page, marked as theirs, and cannot change them; the record and the chronology
// carry them as the family's own words.
import { createHash, randomBytes } from 'node:crypto'
import fs from 'node:fs'
import { expect, test } from 'vitest'
import { prisma } from '#app/db/db.server.ts'
import { env } from '#app/env.server.ts'
import { renderReviewRecord } from '#app/pdf/review-record.server.ts'
import { chronology } from '#app/queries/chronology.server.ts'
import { buildReviewRecord } from '#app/queries/review-record.server.ts'
import * as familyReview from '#app/routes/family-review.tsx'
import * as familyViews from '#app/routes/family-views.tsx'
import * as part from '#app/routes/review-part.tsx'
import * as reviewPage from '#app/routes/review.tsx'
import { pngFile } from '#tests/evidence-files.ts'
import { cookieFor, expectRedirect, familyMemberOf, HIGHFIELD_SENCO, OAKFIELD_SENCO, request, run, startDraft, statusOf } from '#tests/helpers.ts'
import { extractText, getDocumentProxy } from '#tests/unpdf.ts'

/** A draft review of an Oakfield child, started by the SENCo through the real page, and a parent named for the child. */
async function draftWithParent() {
	const senco = await cookieFor(OAKFIELD_SENCO)
	const { reviewId, child } = await startDraft(senco, OAKFIELD_SENCO)
	const parent = await familyMemberOf(child.id)
	return { senco, reviewId, childId: child.id, parent }
}

const sendParentViews = (reviewId: string, cookie: string, form: Record<string, string>) =>
	run(familyViews.action, request(`/family/reviews/${reviewId}/views/parent-views`, { cookie, form }), { reviewId, part: 'parent-views' }) as Promise<any>

const sendChildViews = (reviewId: string, cookie: string, form: Record<string, string>, file?: File) =>
	run(familyViews.action, request(`/family/reviews/${reviewId}/views/child-views`, { cookie, multipart: true, form, files: file ? { file } : {} }), {
		reviewId,
		part: 'child-views',
	}) as Promise<any>

const storedFiles = () => (fs.existsSync(env.EVIDENCE_DIR) ? fs.readdirSync(env.EVIDENCE_DIR).filter((name) => name !== 'tmp') : [])

test('the family’s review page shows the meeting, who is invited by name and role (no email addresses), and what they can do', async () => {
	const { reviewId, parent } = await draftWithParent()
	const page = (await run(familyReview.loader, request(`/family/reviews/${reviewId}`, { cookie: parent.cookie }), { reviewId })) as any
	expect(page.meeting.time).toBe('09:30')
	expect(page.invitees).toEqual([{ id: expect.any(String), name: 'Mrs Begum', role: 'parent or carer' }])
	expect(JSON.stringify(page)).not.toContain('parent@example.org')
	expect(page.tasks.map((t: any) => [t.slug, t.sentOn])).toEqual([
		['parent-views', null],
		['child-views', null],
	])
	expect(page.reportSent).toBe(false)
	expect(page.notice).toBeNull()
	// The view is audited.
	expect(await prisma.auditEvent.count({ where: { reviewId, userId: parent.userId, action: 'family.review_view' } })).toBe(1)
})

test('a parent’s views are saved as theirs with an audit; sending again replaces their words and the date', async () => {
	const { reviewId, parent } = await draftWithParent()
	const first = await sendParentViews(reviewId, parent.cookie, { views: 'He is happier this year.', givenBy: 'Pat Parent (mum)' })
	expectRedirect(first, `/family/reviews/${reviewId}?sent=parent-views`)
	const saved = await prisma.familyContribution.findFirstOrThrow({ where: { reviewId, userId: parent.userId, part: 'PARENT_VIEWS' } })
	expect(JSON.parse(saved.data)).toEqual({ views: 'He is happier this year.', givenBy: 'Pat Parent (mum)' })
	expect(await prisma.auditEvent.count({ where: { reviewId, userId: parent.userId, action: 'family.contribute' } })).toBe(1)

	await new Promise((resolve) => setTimeout(resolve, 5)) // a later send has a later time
	expectRedirect(await sendParentViews(reviewId, parent.cookie, { views: 'Reading is still hard.', givenBy: 'Pat Parent' }), /sent=parent-views/)
	const rows = await prisma.familyContribution.findMany({ where: { reviewId, userId: parent.userId } })
	expect(rows).toHaveLength(1)
	expect(JSON.parse(rows[0]!.data)).toEqual({ views: 'Reading is still hard.', givenBy: 'Pat Parent' })
	expect(rows[0]!.submittedAt.getTime()).toBeGreaterThan(saved.submittedAt.getTime())
	expect(await prisma.auditEvent.count({ where: { reviewId, userId: parent.userId, action: 'family.contribute' } })).toBe(2)

	const page = (await run(familyReview.loader, request(`/family/reviews/${reviewId}`, { cookie: parent.cookie }), { reviewId })) as any
	expect(page.tasks[0].sentOn).toMatch(/\d{4}$/)
})

test('a form with a mistake keeps what was typed and saves nothing', async () => {
	const { reviewId, parent } = await draftWithParent()
	const refused = await sendParentViews(reviewId, parent.cookie, { views: '', givenBy: 'Pat Parent' })
	expect(refused.init.status).toBe(400)
	expect(refused.data.result.error.views).toBeTruthy()
	expect(refused.data.result.initialValue.givenBy).toBe('Pat Parent')
	const child = await sendChildViews(reviewId, parent.cookie, { pathway: 'supported', words: 'I like trains.' })
	expect(child.init.status).toBe(400)
	// A supported conversation needs who wrote it down (the SENCo's rule: ChildViewsSchema).
	expect(child.data.result.error.recordedBy).toBeTruthy()
	expect(child.data.result.initialValue.words).toBe('I like trains.')
	expect(await prisma.familyContribution.count({ where: { reviewId } })).toBe(0)
})

test('the child’s views come with a drawing stored as evidence of the review uploaded by the parent; files are checked like all evidence', async () => {
	const { reviewId, parent } = await draftWithParent()
	const before = storedFiles().length
	const words = { pathway: 'supported', words: 'I like the quiet room. Lunchtime is too loud.', recordedBy: 'Mum' }

	// A file that is not what it says it is: refused, the words kept, nothing stored.
	const fake = await sendChildViews(reviewId, parent.cookie, { ...words, fileTitle: 'My drawing' }, new File(['not a picture'], 'drawing.png'))
	expect(fake.init.status).toBe(400)
	expect(fake.data.result.error.file).toEqual(['The selected file must be a PDF, Word document (DOC or DOCX), JPEG or PNG'])
	expect(fake.data.result.initialValue.words).toBe(words.words)
	expect(await prisma.familyContribution.count({ where: { reviewId } })).toBe(0)

	const drawing = pngFile({ width: 2, height: 1 })
	expectRedirect(
		await sendChildViews(reviewId, parent.cookie, { ...words, fileTitle: 'My drawing of school' }, new File([drawing], 'drawing.png')),
		`/family/reviews/${reviewId}?sent=child-views`,
	)
	const file = await prisma.evidenceFile.findFirstOrThrow({
		where: { reviewId, uploadedById: parent.userId },
		select: { title: true, contentType: true, uploadedById: true },
	})
	expect(file).toEqual({ title: 'My drawing of school', contentType: 'image/png', uploadedById: parent.userId })
	expect(JSON.parse((await prisma.familyContribution.findFirstOrThrow({ where: { reviewId, part: 'CHILD_VIEWS' } })).data)).toEqual(words)
	expect(await prisma.auditEvent.count({ where: { reviewId, userId: parent.userId, action: 'evidence.upload' } })).toBe(1)

	// The same file again: refused as a duplicate, the words not changed.
	const again = await sendChildViews(reviewId, parent.cookie, { ...words, words: 'Changed words' }, new File([drawing], 'copy.png'))
	expect(again.init.status).toBe(400)
	expect(again.data.result.error.file).toEqual(['You have already sent this file, as ‘My drawing of school’. Choose a different file'])
	expect(await prisma.evidenceFile.count({ where: { reviewId } })).toBe(1)
	expect(JSON.parse((await prisma.familyContribution.findFirstOrThrow({ where: { reviewId, part: 'CHILD_VIEWS' } })).data).words).toBe(words.words)
	// A file the school already has: refused without telling the family what the school called it.
	const schoolsFile = pngFile({ width: 7, height: 7 })
	const senco = await prisma.user.findUniqueOrThrow({ where: { email: OAKFIELD_SENCO }, select: { id: true } })
	await prisma.evidenceFile.create({
		data: {
			reviewId,
			title: 'Educational psychologist’s notes',
			fileName: 'ep.png',
			contentType: 'image/png',
			sizeBytes: schoolsFile.length,
			sha256: createHash('sha256').update(schoolsFile).digest('hex'),
			storageKey: randomBytes(16).toString('hex'),
			uploadedById: senco.id,
		},
	})
	const schools = await sendChildViews(reviewId, parent.cookie, words, new File([schoolsFile], 'photo.png'))
	expect(schools.init.status).toBe(400)
	expect(schools.data.result.error.file).toEqual(['The school already has this file. Choose a different file'])
	expect(JSON.stringify(schools.data)).not.toContain('psychologist')
	// Only the one stored file is left on disk: refused uploads are deleted.
	expect(storedFiles().length).toBe(before + 1)

	// The page lists their files.
	const page = (await run(familyViews.loader, request(`/family/reviews/${reviewId}/views/child-views`, { cookie: parent.cookie }), {
		reviewId,
		part: 'child-views',
	})) as any
	expect(page.files.map((f: any) => f.title)).toEqual(['My drawing of school'])
})

test('after the school submits the report the family cannot send or change their views: the page shows what they sent, and why', async () => {
	const { reviewId, parent } = await draftWithParent()
	expectRedirect(await sendParentViews(reviewId, parent.cookie, { views: 'Before the report.', givenBy: 'Pat' }), /sent=/)
	await prisma.annualReview.update({ where: { id: reviewId }, data: { status: 'SUBMITTED', submittedAt: new Date() } })
	const refused = await sendParentViews(reviewId, parent.cookie, { views: 'After the report.', givenBy: 'Pat' })
	expect(refused.init.status).toBe(409)
	expect(refused.data.closed).toMatch(/sent the review report to the council/)
	const child = await sendChildViews(reviewId, parent.cookie, { pathway: 'written', words: 'Late words' }, new File([pngFile()], 'd.png'))
	expect(child.init.status).toBe(409)
	expect(JSON.parse((await prisma.familyContribution.findFirstOrThrow({ where: { reviewId } })).data).views).toBe('Before the report.')
	expect(await prisma.familyContribution.count({ where: { reviewId } })).toBe(1)
	expect(await prisma.evidenceFile.count({ where: { reviewId } })).toBe(0)

	const page = (await run(familyViews.loader, request(`/family/reviews/${reviewId}/views/parent-views`, { cookie: parent.cookie }), {
		reviewId,
		part: 'parent-views',
	})) as any
	expect(page.open).toBe(false)
	expect(page.closedReason).toMatch(/cannot send or change your views/)
	expect(page.sent.answers.views).toBe('Before the report.')
	const review = (await run(familyReview.loader, request(`/family/reviews/${reviewId}`, { cookie: parent.cookie }), { reviewId })) as any
	expect(review.reportSent).toBe(true)
})

test('another family’s review is refused (403, audited), an unknown one is 404, staff are refused (403), signed-out visitors sign in', async () => {
	const { reviewId } = await draftWithParent()
	const other = await draftWithParent()
	const path = `/family/reviews/${reviewId}/views/parent-views`
	const params = { reviewId, part: 'parent-views' }
	const form = { views: 'Not my child.', givenBy: 'Someone else' }
	expect(await statusOf(familyViews.loader, request(path, { cookie: other.parent.cookie }), params)).toBe(403)
	expect(await statusOf(familyViews.action, request(path, { cookie: other.parent.cookie, form }), params)).toBe(403)
	expect(await statusOf(familyReview.loader, request(`/family/reviews/${reviewId}`, { cookie: other.parent.cookie }), { reviewId })).toBe(403)
	expect(await prisma.auditEvent.count({ where: { userId: other.parent.userId, action: 'access.denied', entityId: reviewId } })).toBeGreaterThanOrEqual(3)
	expect(
		await statusOf(familyViews.loader, request('/family/reviews/nope/views/parent-views', { cookie: other.parent.cookie }), {
			...params,
			reviewId: 'nope',
		}),
	).toBe(404)
	expect(await statusOf(familyReview.loader, request('/family/reviews/nope', { cookie: other.parent.cookie }), { reviewId: 'nope' })).toBe(404)
	// A part the family does not give is not a page.
	expect(await statusOf(familyViews.loader, request(path, { cookie: other.parent.cookie }), { reviewId: other.reviewId, part: 'outcomes' })).toBe(404)
	for (const staff of [OAKFIELD_SENCO, HIGHFIELD_SENCO]) {
		const cookie = await cookieFor(staff)
		expect(await statusOf(familyViews.loader, request(path, { cookie }), params)).toBe(403)
		expect(await statusOf(familyViews.action, request(path, { cookie, form }), params)).toBe(403)
		expect(await statusOf(familyReview.loader, request(`/family/reviews/${reviewId}`, { cookie }), { reviewId })).toBe(403)
	}
	expectRedirect(await run(familyViews.action, request(path, { form }), params), '/family/sign-in')
	expect(await prisma.familyContribution.count({ where: { reviewId } })).toBe(0)
})

test('a young person gives their own views, not their parents’', async () => {
	const senco = await cookieFor(OAKFIELD_SENCO)
	const { reviewId, child } = await startDraft(senco, OAKFIELD_SENCO)
	const young = await familyMemberOf(child.id, 'YOUNG_PERSON')
	const page = (await run(familyReview.loader, request(`/family/reviews/${reviewId}`, { cookie: young.cookie }), { reviewId })) as any
	expect(page.tasks.map((t: any) => [t.slug, t.title])).toEqual([['child-views', 'Give your views']])
	expect(
		await statusOf(familyViews.loader, request(`/family/reviews/${reviewId}/views/parent-views`, { cookie: young.cookie }), {
			reviewId,
			part: 'parent-views',
		}),
	).toBe(404)
	expectRedirect(await sendChildViews(reviewId, young.cookie, { pathway: 'young_person', words: 'I want to go to college.' }), /sent=child-views/)
	const rows = await chronology(reviewId)
	expect(rows.map((r) => r.title)).toContain('Young Person (young person) gave their views online')
})

test('the SENCo reads the family’s words on the part page and the task list, marked as theirs, and their own save does not change them', async () => {
	const { senco, reviewId, parent } = await draftWithParent()
	expectRedirect(await sendParentViews(reviewId, parent.cookie, { views: 'She loves drama club.', givenBy: 'Pat Parent' }), /sent=/)
	const params = { reviewId, part: 'parent-views' }
	const loaded = (await run(part.loader, request(`/reviews/${reviewId}/parts/parent-views`, { cookie: senco }), params)) as any
	expect(loaded.family.contributions).toEqual([
		expect.objectContaining({ name: 'Pat Parent', relationship: 'parent', answers: { views: 'She loves drama club.', givenBy: 'Pat Parent' } }),
	])
	// The SENCo's own answers stay theirs: the form starts empty, not with the family's words.
	expect(loaded.initial.views).toBeUndefined()

	const saved = await run(
		part.action,
		request(`/reviews/${reviewId}/parts/parent-views`, {
			cookie: senco,
			form: { views: 'Mum says drama club helps.', givenBy: 'Mother', completed: 'yes', version: '0' },
		}),
		params,
	)
	expectRedirect(saved, `/reviews/${reviewId}#task-list`)
	const theirs = await prisma.familyContribution.findFirstOrThrow({ where: { reviewId, part: 'PARENT_VIEWS' } })
	expect(JSON.parse(theirs.data)).toEqual({ views: 'She loves drama club.', givenBy: 'Pat Parent' })
	const section = await prisma.reviewSection.findFirstOrThrow({ where: { reviewId, key: 'PARENT_VIEWS' }, select: { data: true } })
	expect(JSON.parse(section.data).views).toBe('Mum says drama club helps.')

	const task = (await run(reviewPage.loader, request(`/reviews/${reviewId}`, { cookie: senco }), { reviewId })) as any
	expect(task.family.map((f: any) => f.text)).toEqual([expect.stringMatching(/^Pat Parent \(parent\) sent their views online on \d{1,2} \w+ \d{4}\.$/)])

	// Another school's SENCo cannot read them.
	expect(await statusOf(part.loader, request(`/reviews/${reviewId}/parts/parent-views`, { cookie: await cookieFor(HIGHFIELD_SENCO) }), params)).toBe(403)
})

test('the review record prints the family’s words as their own, and the chronology says they gave them online', async () => {
	const { reviewId, parent } = await draftWithParent()
	expectRedirect(await sendParentViews(reviewId, parent.cookie, { views: 'Swimming lessons have helped a lot.', givenBy: 'Pat Parent' }), /sent=/)
	expectRedirect(await sendChildViews(reviewId, parent.cookie, { pathway: 'written', words: 'I am good at drawing dinosaurs.' }), /sent=child-views/)
	const { record } = await buildReviewRecord(reviewId)
	const bytes = await renderReviewRecord(record)
	const { text } = await extractText(await getDocumentProxy(bytes), { mergePages: true })
	const flat = text.replace(/\s+/g, ' ')
	expect(flat).toContain('Swimming lessons have helped a lot.')
	expect(flat).toContain('I am good at drawing dinosaurs.')
	expect(flat).toMatch(/In Pat Parent.s own words \(parent\), sent online on \d{1,2} \w+ \d{4}/)

	const titles = (await chronology(reviewId)).map((r) => r.title)
	expect(titles).toContain('Pat Parent (parent) gave their views online')
	expect(titles).toContain('Pat Parent (parent) gave their child’s views online')
})
