// The SENCo's forms through their real actions (issue 13): the meeting's invitees as add-another rows, bounded;
// times typed as people type them; the same evidence file refused twice for one review; "Fix this" on check your
// answers coming back there once the part is saved.
import fs from 'node:fs'
import { expect, test } from 'vitest'
import { prisma } from '#app/db/db.server.ts'
import { MAX_INVITEES } from '#app/domain/review-parts.ts'
import { env } from '#app/env.server.ts'
import * as removePage from '#app/routes/review-evidence-remove.tsx'
import * as evidence from '#app/routes/review-evidence.tsx'
import * as meeting from '#app/routes/review-meeting.tsx'
import * as reviewNew from '#app/routes/review-new.tsx'
import * as part from '#app/routes/review-part.tsx'
import * as proposal from '#app/routes/review-proposal.tsx'
import { pdfFile } from '#tests/evidence-files.ts'
import { cookieFor, expectRedirect, HIGHFIELD_SENCO, OAKFIELD_SENCO, request, run, startDraft } from '#tests/helpers.ts'

const SENCO = OAKFIELD_SENCO

function postMeeting(cookie: string, reviewId: string, form: Record<string, string>) {
	return run(meeting.action, request(`/reviews/${reviewId}/meeting`, { cookie, form }), { reviewId }) as Promise<any>
}

const rows = (n: number) =>
	Object.fromEntries(
		Array.from({ length: n }, (_, i) => [
			[`invitees[${i}].role`, i === 0 ? 'PARENT' : 'OTHER'],
			[`invitees[${i}].name`, `Person ${i + 1}`],
		]).flat(),
	)

test('a new review starts with the parent, the child’s caseworker and the SENCo as the first invitees', async () => {
	const cookie = await cookieFor(SENCO)
	const { schoolId } = await prisma.user.findUniqueOrThrow({ where: { email: SENCO }, select: { schoolId: true } })
	const child = await prisma.child.findFirstOrThrow({
		where: { schoolId: schoolId!, plan: { isNot: null }, reviews: { none: { status: { not: 'CLOSED' } } }, caseworker: { active: true } },
		select: { id: true, parentName: true, caseworker: { select: { name: true, email: true } } },
	})
	const page = (await run(reviewNew.loader, request(`/children/${child.id}/reviews/new`, { cookie }), { childId: child.id })) as any
	expect(page.defaults.invitees.map((i: { role: string; name: string }) => [i.role, i.name])).toEqual([
		['PARENT', child.parentName],
		['LA_OFFICER', child.caseworker!.name],
		['SCHOOL_STAFF', expect.any(String)],
	])
	expect(page.defaults.invitees[1].email).toBe(child.caseworker!.email)
})

test('times typed as people type them are stored as HH:MM; anything else is refused with a clear message and kept', async () => {
	const cookie = await cookieFor(SENCO)
	const { reviewId, schedule } = await startDraft(cookie, SENCO)
	for (const [typed, stored] of [
		['2.15 pm', '14:15'],
		['9.30am', '09:30'],
		['noon', '12:00'],
		['14:00', '14:00'],
	] as const) {
		expectRedirect(await postMeeting(cookie, reviewId, { ...schedule, meetingTime: typed }), `/reviews/${reviewId}`)
		expect(await prisma.annualReview.findUniqueOrThrow({ where: { id: reviewId }, select: { meetingTime: true } })).toEqual({ meetingTime: stored })
	}
	const refused = await postMeeting(cookie, reviewId, { ...schedule, meetingTime: 'half past ten' })
	expect(refused.init.status).toBe(400)
	expect(refused.data.result.error.meetingTime).toEqual(['Enter the time of the meeting as a time of day, like 9:30am, 2pm or 14:30'])
	expect(refused.data.result.initialValue.meetingTime).toBe('half past ten')
})

test('"Add another person" and "Remove" draw the form again with a row more or less, keeping what was typed, and save nothing', async () => {
	const cookie = await cookieFor(SENCO)
	const { reviewId, schedule } = await startDraft(cookie, SENCO)
	const before = await prisma.annualReview.findUniqueOrThrow({ where: { id: reviewId }, select: { lockVersion: true, meetingTime: true } })
	const typed = { ...schedule, meetingTime: 'not a time yet', ...rows(2) }
	const added = await postMeeting(cookie, reviewId, { ...typed, intent: 'add' })
	expect(added.init?.status ?? 200).toBe(200)
	expect(added.data.result).toBeUndefined()
	expect(added.data.redraw.values.meetingTime).toBe('not a time yet')
	expect(added.data.redraw.values.invitees).toEqual([
		{ role: 'PARENT', name: 'Person 1', email: 'parent@example.org' },
		{ role: 'OTHER', name: 'Person 2', email: '' },
		{ role: '', name: '', email: '' },
	])
	expect(added.data.redraw.focus).toBe('schedule-invitees[2].role')

	const removed = await postMeeting(cookie, reviewId, { ...typed, intent: 'remove-0' })
	expect(removed.data.redraw.values.invitees).toEqual([{ role: 'OTHER', name: 'Person 2', email: '' }])
	// Removing the last row leaves one empty row to fill.
	const last = await postMeeting(cookie, reviewId, { ...schedule, ...rows(1), intent: 'remove-0' })
	expect(last.data.redraw.values.invitees).toEqual([{ role: '', name: '', email: '' }])
	// A row the form does not have is nothing to remove.
	expect((await postMeeting(cookie, reviewId, { ...typed, intent: 'remove-5' })).init.status).toBe(400)

	expect(await prisma.annualReview.findUniqueOrThrow({ where: { id: reviewId }, select: { lockVersion: true, meetingTime: true } })).toEqual(before)
})

test(`a meeting invites at most ${MAX_INVITEES} people: a 31st row is refused with a clear message, not added and not saved`, async () => {
	const cookie = await cookieFor(SENCO)
	const { reviewId, schedule } = await startDraft(cookie, SENCO)
	const full = await postMeeting(cookie, reviewId, { ...schedule, ...rows(MAX_INVITEES), intent: 'add' })
	expect(full.init.status).toBe(400)
	expect(full.data.result.error.invitees).toEqual([`You can invite up to ${MAX_INVITEES} people to one meeting`])

	expectRedirect(await postMeeting(cookie, reviewId, { ...schedule, ...rows(MAX_INVITEES) }), `/reviews/${reviewId}`)
	expect(await prisma.reviewInvitee.count({ where: { reviewId } })).toBe(MAX_INVITEES)

	for (const n of [MAX_INVITEES + 1, 150]) {
		const refused = await postMeeting(cookie, reviewId, { ...schedule, ...rows(n) })
		expect(refused.init.status).toBe(400)
		expect(refused.data.result.error.invitees).toEqual([`You can invite up to ${MAX_INVITEES} people to one meeting. Remove the people you do not need`])
	}
	expect(await prisma.reviewInvitee.count({ where: { reviewId } })).toBe(MAX_INVITEES)
})

test('the same file uploaded twice to one review is refused, naming the file already uploaded; nothing is stored twice', async () => {
	const cookie = await cookieFor(SENCO)
	const { reviewId } = await startDraft(cookie, SENCO)
	const bytes = await pdfFile({ body: `report for ${reviewId}` })
	const upload = (title: string, name: string) =>
		run(evidence.action, request(`/reviews/${reviewId}/evidence`, { cookie, multipart: true, form: { title }, files: { file: new File([bytes], name) } }), {
			reviewId,
		}) as Promise<any>
	const storedFiles = () => (fs.existsSync(env.EVIDENCE_DIR) ? fs.readdirSync(env.EVIDENCE_DIR).filter((n) => n !== 'tmp').length : 0)

	const first = expectRedirect(await upload('Speech and language therapy report', 'salt.pdf'), new RegExp(`^/reviews/${reviewId}/evidence\\?uploaded=`))
	const files = storedFiles()
	const again = await upload('SALT report again', 'salt-copy.pdf')
	expect(again.init.status).toBe(400)
	expect(again.data.result.error.file).toEqual([
		'This file has already been uploaded, as ‘Speech and language therapy report’ (salt.pdf). Choose a different file',
	])
	expect(again.data.result.initialValue.title).toBe('SALT report again')
	expect(await prisma.evidenceFile.count({ where: { reviewId } })).toBe(1)
	expect(await prisma.auditEvent.count({ where: { reviewId, action: 'evidence.upload' } })).toBe(1)
	expect(storedFiles()).toBe(files)

	// The page after the upload names what was added; another review may hold the same file.
	const evidenceId = new URL(first.headers.get('location')!, 'http://x').searchParams.get('uploaded')!
	const page = (await run(evidence.loader, request(`/reviews/${reviewId}/evidence?uploaded=${evidenceId}`, { cookie }), { reviewId })) as any
	expect(page.uploaded).toBe('Speech and language therapy report')
	const other = await cookieFor(HIGHFIELD_SENCO)
	const { reviewId: otherReview } = await startDraft(other, HIGHFIELD_SENCO)
	expectRedirect(
		await run(
			evidence.action,
			request(`/reviews/${otherReview}/evidence`, {
				cookie: other,
				multipart: true,
				form: { title: 'Report' },
				files: { file: new File([bytes], 'salt.pdf') },
			}),
			{ reviewId: otherReview },
		),
		new RegExp(`^/reviews/${otherReview}/evidence\\?uploaded=`),
	)
})

test('removing evidence asks first: the page names the file; another review’s file is not found', async () => {
	const cookie = await cookieFor(SENCO)
	const { reviewId } = await startDraft(cookie, SENCO)
	const file = new File([await pdfFile({ body: `remove ${reviewId}` })], 'salt.pdf')
	await run(evidence.action, request(`/reviews/${reviewId}/evidence`, { cookie, multipart: true, form: { title: 'Therapy report' }, files: { file } }), {
		reviewId,
	})
	const { id: evidenceId } = await prisma.evidenceFile.findFirstOrThrow({ where: { reviewId }, select: { id: true } })
	const page = (await run(removePage.loader, request(`/reviews/${reviewId}/evidence/${evidenceId}/remove`, { cookie }), { reviewId, evidenceId })) as any
	expect(page.file).toEqual({ title: 'Therapy report', fileName: 'salt.pdf' })
	const stranger = await cookieFor(HIGHFIELD_SENCO)
	const refused = (await run(removePage.loader, request(`/reviews/${reviewId}/evidence/${evidenceId}/remove`, { cookie: stranger }), {
		reviewId,
		evidenceId,
	})) as Response
	expect(refused.status).toBe(403) // another school's SENCo: refused (and audited by requireReviewAccess)
	const otherDraft = await startDraft(stranger, HIGHFIELD_SENCO)
	const notHere = (await run(removePage.loader, request(`/reviews/${otherDraft.reviewId}/evidence/${evidenceId}/remove`, { cookie: stranger }), {
		reviewId: otherDraft.reviewId,
		evidenceId,
	})) as Response
	expect(notHere.status).toBe(404)
	expectRedirect(
		await run(evidence.action, request(`/reviews/${reviewId}/evidence`, { cookie, form: { intent: 'delete', evidenceId } }), { reviewId }),
		`/reviews/${reviewId}/evidence?removed=1`,
	)
	expect(await prisma.evidenceFile.count({ where: { reviewId } })).toBe(0)
})

test('a part opened from "Fix this" goes back to check your answers once saved; any other returnTo is ignored', async () => {
	const cookie = await cookieFor(SENCO)
	const { reviewId } = await startDraft(cookie, SENCO)
	const save = (returnTo: string, version: string) =>
		run(
			part.action,
			request(`/reviews/${reviewId}/parts/child-views?returnTo=${encodeURIComponent(returnTo)}`, {
				cookie,
				form: { pathway: 'written', words: 'I like maths.', completed: 'no', version, returnTo },
			}),
			{ reviewId, part: 'child-views' },
		)
	expectRedirect(await save('check', '0'), `/reviews/${reviewId}/check`)
	expectRedirect(await save('https://evil.example', '1'), `/reviews/${reviewId}#task-list`)
	const page = (await run(part.loader, request(`/reviews/${reviewId}/parts/child-views?returnTo=check`, { cookie }), {
		reviewId,
		part: 'child-views',
	})) as any
	expect(page.returnTo).toBe('check')
})

test('a proposal opened from "Fix this" goes back to check your answers once saved; any other returnTo goes to the proposals', async () => {
	const cookie = await cookieFor(SENCO)
	const { reviewId } = await startDraft(cookie, SENCO)
	const save = (returnTo: string) =>
		run(
			proposal.action,
			request(`/reviews/${reviewId}/proposals/new?section=B&returnTo=${encodeURIComponent(returnTo)}`, {
				cookie,
				form: { section: 'B', proposedWording: `Needs described again (${returnTo}).`, reason: 'New assessment', returnTo },
			}),
			{ reviewId },
		)
	expectRedirect(await save('check'), `/reviews/${reviewId}/check`)
	expectRedirect(await save('https://evil.example'), `/reviews/${reviewId}/proposals`)
	const page = (await run(proposal.loader, request(`/reviews/${reviewId}/proposals/new?section=B&returnTo=check`, { cookie }), { reviewId })) as any
	expect(page.returnToCheck).toBe(true)
})
