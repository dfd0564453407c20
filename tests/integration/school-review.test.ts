// The school's changes to a draft through their real actions (app/services/school-review.server.ts): every
// change moves the review's lockVersion on, so a submission from a check-your-answers page opened before the
// change is refused and the SENCo checks again; saved answers of an older shape do not break the pages.
import { expect, test } from 'vitest'
import { prisma } from '#app/db/db.server.ts'
import * as check from '#app/routes/review-check.tsx'
import * as evidence from '#app/routes/review-evidence.tsx'
import * as meeting from '#app/routes/review-meeting.tsx'
import * as part from '#app/routes/review-part.tsx'
import * as proposal from '#app/routes/review-proposal.tsx'
import { pdfFile } from '#tests/evidence-files.ts'
import { completedParts, cookieFor, expectRedirect, request, run, startDraft } from '#tests/helpers.ts'

const SENCO = 'senco@oakfield-primary.example.org'

/** A draft for a child of the SENCo's school with no open review, every part completed: ready to submit. */
async function readyDraft(cookie: string) {
	const { reviewId, schedule } = await startDraft(cookie, SENCO)
	for (const [slug, form] of await completedParts(reviewId, { recommendation: 'AMEND', reasons: 'Needs have changed.' })) {
		expectRedirect(
			await run(part.action, request(`/reviews/${reviewId}/parts/${slug}`, { cookie, form: { ...form, completed: 'yes', version: '0' } }), {
				reviewId,
				part: slug,
			}),
			/^\/reviews\//,
		)
	}
	return { reviewId, schedule }
}

/** What the check-your-answers page carries in its form: the lockVersion it was drawn at. */
async function openCheck(cookie: string, reviewId: string) {
	const page = (await run(check.loader, request(`/reviews/${reviewId}/check`, { cookie }), { reviewId })) as { lockVersion: number; problems: unknown[] }
	expect(page.problems).toEqual([])
	return String(page.lockVersion)
}

function submit(cookie: string, reviewId: string, lockVersion: string) {
	return run(check.action, request(`/reviews/${reviewId}/check`, { cookie, form: { lockVersion } }), { reviewId }) as Promise<any>
}

async function addProposal(cookie: string, reviewId: string) {
	const form = { section: 'B', proposedWording: 'Sam now needs help with reading comprehension.', reason: 'The latest assessment shows it.' }
	expectRedirect(await run(proposal.action, request(`/reviews/${reviewId}/proposals/new`, { cookie, form }), { reviewId }), `/reviews/${reviewId}/proposals`)
	return (await prisma.amendmentProposal.findFirstOrThrow({ where: { reviewId }, orderBy: { createdAt: 'desc' }, select: { id: true } })).id
}

async function uploadEvidence(cookie: string, reviewId: string) {
	const file = new File([await pdfFile()], 'report.pdf')
	const result = await run(
		evidence.action,
		request(`/reviews/${reviewId}/evidence`, { cookie, multipart: true, form: { title: 'Speech and language therapy report' }, files: { file } }),
		{ reviewId },
	)
	expectRedirect(result, new RegExp(`^/reviews/${reviewId}/evidence\\?uploaded=`))
	return (await prisma.evidenceFile.findFirstOrThrow({ where: { reviewId }, orderBy: { uploadedAt: 'desc' }, select: { id: true } })).id
}

// Each change made after check-your-answers was opened; `before` runs first, before the page is opened.
const changes: Array<{
	name: string
	before?: (cookie: string, reviewId: string) => Promise<string>
	change: (cookie: string, reviewId: string, ref: string, schedule: Record<string, string>) => Promise<unknown>
}> = [
	{
		name: 'deleting a proposal',
		before: addProposal,
		change: async (cookie, reviewId, proposalId) =>
			expectRedirect(
				await run(proposal.action, request(`/reviews/${reviewId}/proposals/${proposalId}`, { cookie, form: { intent: 'delete' } }), {
					reviewId,
					proposalId,
				}),
				`/reviews/${reviewId}/proposals`,
			),
	},
	{ name: 'adding evidence', change: (cookie, reviewId) => uploadEvidence(cookie, reviewId) },
	{
		name: 'removing evidence',
		before: uploadEvidence,
		change: async (cookie, reviewId, evidenceId) =>
			expectRedirect(
				await run(evidence.action, request(`/reviews/${reviewId}/evidence`, { cookie, form: { intent: 'delete', evidenceId } }), { reviewId }),
				`/reviews/${reviewId}/evidence?removed=1`,
			),
	},
	{ name: 'adding a proposal', change: (cookie, reviewId) => addProposal(cookie, reviewId) },
	{
		name: 'saving a part',
		change: async (cookie, reviewId) =>
			expectRedirect(
				await run(
					part.action,
					request(`/reviews/${reviewId}/parts/parent-views`, {
						cookie,
						form: { views: 'Happier now.', givenBy: 'Father', completed: 'yes', version: '1' },
					}),
					{ reviewId, part: 'parent-views' },
				),
				/^\/reviews\//,
			),
	},
	{
		name: 'changing the meeting',
		change: async (cookie, reviewId, _ref, schedule) =>
			expectRedirect(
				await run(meeting.action, request(`/reviews/${reviewId}/meeting`, { cookie, form: { ...schedule, meetingTime: '10:15' } }), { reviewId }),
				`/reviews/${reviewId}`,
			),
	},
]

for (const { name, before, change } of changes) {
	test(`${name} after check-your-answers was opened refuses the submission from that page; checking again submits`, async () => {
		const cookie = await cookieFor(SENCO)
		const { reviewId, schedule } = await readyDraft(cookie)
		const ref = (await before?.(cookie, reviewId)) ?? ''
		const opened = await openCheck(cookie, reviewId)
		await change(cookie, reviewId, ref, schedule)

		const refused = await submit(cookie, reviewId, opened)
		// A Response here is the redirect to the submitted page: the stale page was let through.
		expect(refused instanceof Response ? refused.status : refused.init.status).toBe(409)
		expect(refused.data.problems[0].message).toMatch(/The review changed after you opened this page/)
		expect(await prisma.annualReview.findUniqueOrThrow({ where: { id: reviewId }, select: { status: true } })).toEqual({ status: 'DRAFT' })
		expect(await prisma.outboxMessage.count({ where: { reviewId } })).toBe(0)

		expectRedirect(await submit(cookie, reviewId, await openCheck(cookie, reviewId)), `/reviews/${reviewId}/submitted`)
	})
}

test('saved answers of an older shape do not break the pages: what no longer fits is left empty, the rest is kept', async () => {
	const cookie = await cookieFor(SENCO)
	const { reviewId } = await readyDraft(cookie)
	const outcomes = await prisma.reviewSection.findFirstOrThrow({ where: { reviewId, key: 'OUTCOMES' }, select: { data: true } })
	const [first, ...others] = JSON.parse(outcomes.data).outcomes
	// A pathway and a progress value the form no longer offers, a view that is a list, an outcome row without its id,
	// changes that are not an object.
	await prisma.reviewSection.updateMany({
		where: { reviewId, key: 'CHILD_VIEWS' },
		data: { data: JSON.stringify({ pathway: 'drawing', words: 'I like maths.' }) },
	})
	await prisma.reviewSection.updateMany({
		where: { reviewId, key: 'PARENT_VIEWS' },
		data: { data: JSON.stringify({ views: ['Happy', 'Worried'], givenBy: 'Mother' }) },
	})
	await prisma.reviewSection.updateMany({
		where: { reviewId, key: 'OUTCOMES' },
		data: { data: JSON.stringify({ outcomes: [{ ...first, progress: 'MOSTLY' }, ...others, { progress: 'ACHIEVED' }] }) },
	})
	await prisma.reviewSection.updateMany({ where: { reviewId, key: 'NEEDS_PROVISION' }, data: { data: '"not an object"' } })
	// A recommendation the form no longer offers: its label was read without a check, and the page answered 500.
	await prisma.reviewSection.updateMany({
		where: { reviewId, key: 'RECOMMENDATION' },
		data: { data: JSON.stringify({ recommendation: 'DISCONTINUE', reasons: 'Needs have changed.', agreed: 'yes' }) },
	})

	const views = (await run(part.loader, request(`/reviews/${reviewId}/parts/child-views`, { cookie }), { reviewId, part: 'child-views' })) as any
	expect(views.initial).toMatchObject({ words: 'I like maths.', completed: 'yes' })
	expect(views.initial.pathway).toBeUndefined()
	const parents = (await run(part.loader, request(`/reviews/${reviewId}/parts/parent-views`, { cookie }), { reviewId, part: 'parent-views' })) as any
	expect(parents.initial).toMatchObject({ givenBy: 'Mother' })
	expect(parents.initial.views).toBeUndefined()
	const progress = (await run(part.loader, request(`/reviews/${reviewId}/parts/outcomes`, { cookie }), { reviewId, part: 'outcomes' })) as any
	expect(progress.initial.outcomes[0]).toEqual({ outcomeId: first.outcomeId, evidence: 'Assessment data', next: 'CONTINUE' })
	expect(progress.initial.outcomes.slice(1)).toEqual(others)

	const page = (await run(check.loader, request(`/reviews/${reviewId}/check`, { cookie }), { reviewId })) as any
	expect(page.record.childVoice).toMatchObject({ pathway: 'Not recorded', words: 'I like maths.' })
	expect(page.record.outcomes[0]).toMatchObject({ progress: 'Not recorded', evidence: 'Assessment data', next: 'Continue' })
	expect(page.record.sectionChanges.every((s: { changes: string }) => s.changes === '')).toBe(true)
	expect(page.record.recommendation).toBeNull()
	// What was lost is asked for again before the review can be submitted.
	expect(page.problems.map((p: { message: string }) => p.message)).toEqual(
		expect.arrayContaining([
			expect.stringMatching(/Select how the child/),
			expect.stringMatching(/Enter the parents/),
			expect.stringMatching(/Select the progress made towards outcome 1/),
			expect.stringMatching(/Select the meeting’s recommendation/),
		]),
	)
})
