// Tenancy over every review route: another school's SENCo, another council's staff and signed-out
// visitors get nothing from any loader or action; council staff read but never edit a school's review.
import { randomBytes } from 'node:crypto'
import { expect, test } from 'vitest'
import { prisma } from '#app/db/db.server.ts'
import * as document from '#app/routes/document.ts'
import * as job from '#app/routes/job.tsx'
import * as bundle from '#app/routes/review-bundle.tsx'
import * as check from '#app/routes/review-check.tsx'
import * as evidenceFile from '#app/routes/review-evidence-file.tsx'
import * as evidence from '#app/routes/review-evidence.tsx'
import * as meeting from '#app/routes/review-meeting.tsx'
import * as reviewNew from '#app/routes/review-new.tsx'
import * as part from '#app/routes/review-part.tsx'
import * as proposal from '#app/routes/review-proposal.tsx'
import * as proposals from '#app/routes/review-proposals.tsx'
import * as recordPdf from '#app/routes/review-record-pdf.ts'
import * as submitted from '#app/routes/review-submitted.tsx'
import * as review from '#app/routes/review.tsx'
import { reviewOfChild } from '#app/services/school-review.server.ts'
import { cookieFor, request, run, statusOf } from '#tests/helpers.ts'

const OAKFIELD = 'senco@oakfield-primary.example.org'
const HIGHFIELD = 'senco@highfield-academy.example.org'
const MEDWAY = 'senco@medway-school.example.org'
const CASEWORKER = 'caseworker@kent.example.gov.uk'

async function fixture() {
	const oakfield = await prisma.user.findUniqueOrThrow({ where: { email: OAKFIELD }, select: { id: true, schoolId: true } })
	const child = await prisma.child.findFirstOrThrow({
		where: { schoolId: oakfield.schoolId!, plan: { isNot: null } },
		select: { id: true, laId: true, schoolId: true, plan: { select: { id: true, currentVersionNo: true, reviewDueOn: true } } },
	})
	const created = await prisma.annualReview.create({
		data: {
			...(await reviewOfChild(prisma, { ...child, plan: child.plan! })),
			meetingOn: '2026-11-10',
			meetingTime: '10:00',
			createdById: oakfield.id,
			status: 'SUBMITTED',
			submittedAt: new Date(),
		},
		select: { id: true },
	})
	const file = await prisma.evidenceFile.create({
		data: {
			reviewId: created.id,
			title: 'Report',
			fileName: 'r.pdf',
			contentType: 'application/pdf',
			sizeBytes: 4,
			sha256: 'x',
			storageKey: randomBytes(16).toString('hex'),
			uploadedById: oakfield.id,
		},
		select: { id: true },
	})
	const prop = await prisma.amendmentProposal.create({
		data: { reviewId: created.id, section: 'F', currentWording: 'a', proposedWording: 'b', reason: 'c', createdById: oakfield.id },
		select: { id: true },
	})
	const doc = await prisma.generatedDocument.create({
		data: { reviewId: created.id, kind: 'EVIDENCE_BUNDLE', title: 'b.pdf', storageKey: randomBytes(16).toString('hex'), sizeBytes: 1 },
		select: { id: true },
	})
	const jobRow = await prisma.job.create({ data: { kind: 'BUNDLE', createdById: oakfield.id, status: 'DONE' }, select: { id: true } })
	return { reviewId: created.id, childId: child.id, evidenceId: file.id, proposalId: prop.id, documentId: doc.id, jobId: jobRow.id }
}

type Fn = ((args: any) => unknown) | undefined
type RouteCase = { name: string; loader: Fn; action: Fn; path: string; params: Record<string, string> }
function routes(ids: Awaited<ReturnType<typeof fixture>>): RouteCase[] {
	const r = `/reviews/${ids.reviewId}`
	const p = { reviewId: ids.reviewId }
	return [
		{ name: 'review', loader: review.loader, action: undefined as Fn, path: r, params: p },
		{ name: 'meeting', loader: meeting.loader, action: meeting.action, path: `${r}/meeting`, params: p },
		{ name: 'part', loader: part.loader, action: part.action, path: `${r}/parts/child-views`, params: { ...p, part: 'child-views' } },
		{ name: 'proposals', loader: proposals.loader, action: undefined, path: `${r}/proposals`, params: p },
		{ name: 'proposal new', loader: proposal.loader, action: proposal.action, path: `${r}/proposals/new`, params: p },
		{
			name: 'proposal edit',
			loader: proposal.loader,
			action: proposal.action,
			path: `${r}/proposals/${ids.proposalId}`,
			params: { ...p, proposalId: ids.proposalId },
		},
		{ name: 'evidence', loader: evidence.loader, action: evidence.action, path: `${r}/evidence`, params: p },
		{
			name: 'evidence file',
			loader: evidenceFile.loader,
			action: undefined,
			path: `${r}/evidence/${ids.evidenceId}`,
			params: { ...p, evidenceId: ids.evidenceId },
		},
		{ name: 'check', loader: check.loader, action: check.action, path: `${r}/check`, params: p },
		{ name: 'submitted', loader: submitted.loader, action: undefined, path: `${r}/submitted`, params: p },
		{ name: 'record pdf', loader: recordPdf.loader, action: undefined, path: `${r}/record.pdf`, params: p },
		{ name: 'bundle', loader: bundle.loader, action: bundle.action, path: `${r}/bundle`, params: p },
		{ name: 'document', loader: document.loader, action: undefined, path: `/documents/${ids.documentId}`, params: { documentId: ids.documentId } },
		{
			name: 'new review',
			loader: reviewNew.loader,
			action: reviewNew.action,
			path: `/children/${ids.childId}/reviews/new`,
			params: { childId: ids.childId },
		},
	]
}

test('another school’s SENCo and another council’s SENCo get 403 from every review loader and action', async () => {
	const ids = await fixture()
	for (const email of [HIGHFIELD, MEDWAY]) {
		const cookie = await cookieFor(email)
		for (const route of routes(ids)) {
			expect(await statusOf(route.loader, request(route.path, { cookie }), route.params), `${email} GET ${route.name}`).toBe(403)
			if (route.action)
				expect(await statusOf(route.action, request(route.path, { cookie, form: {} }), route.params), `${email} POST ${route.name}`).toBe(403)
		}
	}
	// Every refusal was audited, and nothing was recorded as viewed or downloaded.
	expect(await prisma.auditEvent.count({ where: { action: 'access.denied', reviewId: ids.reviewId } })).toBeGreaterThan(10)
	expect(await prisma.auditEvent.count({ where: { action: { in: ['review.view', 'review.download', 'evidence.download'] }, reviewId: ids.reviewId } })).toBe(
		0,
	)
})

test('signed-out requests to every review route go to sign-in', async () => {
	const ids = await fixture()
	for (const route of routes(ids)) {
		const result = (await run(route.loader, request(route.path), route.params)) as Response
		expect(result.status, route.name).toBe(302)
		expect(result.headers.get('location'), route.name).toMatch(/^\/sign-in/)
	}
})

test('council staff can read a school’s review but not change it', async () => {
	const ids = await fixture()
	const cookie = await cookieFor(CASEWORKER)
	// The school's task list sends council staff to the council's page for the review.
	const page = (await run(review.loader, request(`/reviews/${ids.reviewId}`, { cookie }), { reviewId: ids.reviewId })) as Response
	expect(page.headers.get('location')).toBe(`/council/reviews/${ids.reviewId}`)
	expect(await statusOf(check.loader, request(`/reviews/${ids.reviewId}/check`, { cookie }), { reviewId: ids.reviewId })).toBe(200)
	for (const route of routes(ids).filter((r) => ['meeting', 'part', 'proposal new', 'check', 'evidence', 'new review'].includes(r.name))) {
		expect(await statusOf(route.action, request(route.path, { cookie, form: {} }), route.params), route.name).toBe(403)
	}
})

test('a submitted review is locked: even its own school’s SENCo cannot change it', async () => {
	const ids = await fixture()
	const cookie = await cookieFor(OAKFIELD)
	for (const route of routes(ids).filter((r) => ['meeting', 'part', 'proposal new', 'proposal edit', 'check'].includes(r.name))) {
		expect(await statusOf(route.action, request(route.path, { cookie, form: { completed: 'yes' } }), route.params), route.name).toBe(409)
	}
	expect(await prisma.amendmentProposal.findUniqueOrThrow({ where: { id: ids.proposalId }, select: { proposedWording: true } })).toEqual({
		proposedWording: 'b',
	})
})

test('a job’s progress is only for the person who started it', async () => {
	const ids = await fixture()
	expect(await statusOf(job.loader, request(`/jobs/${ids.jobId}`, { cookie: await cookieFor(HIGHFIELD) }), { jobId: ids.jobId })).toBe(403)
	expect(await statusOf(job.loader, request(`/jobs/${ids.jobId}`, { cookie: await cookieFor(OAKFIELD) }), { jobId: ids.jobId })).toBe(200)
})
