// Reviews in the states a benchmark needs, many of them.
//
// One review is taken through each state by the app itself, over HTTP, as its users would: a SENCo schedules
// it and completes every part (a draft ready to submit), submits a copy (submitted), and a caseworker decides a
// copy of that to amend the plan and saves one council amendment on the notice page (ready to issue the notice).
// Each of those templates is then copied as many times as needed, child and plan included, straight into the
// database: every copy is a separate child of the same school and caseworker, in exactly the template's state.
import { randomBytes } from 'node:crypto'
import type { PrismaClient } from '#app/db/factory.server.ts'
import { addDays, todayInLondon } from '#app/domain/calendar-date.ts'
import type { Prisma } from '#app/generated/sqlite/client.ts'
import { Browser, DEMO_PASSWORD, USERS } from './http.ts'

export interface Templates {
	/** DRAFT, every part complete: the check-your-answers POST submits it. */
	draft: string
	/** SUBMITTED: a decision can be made. */
	submitted: string
	/** DECISION_MADE (amend) with one council amendment saved: the notice can be issued. */
	decided: string
}

const id = () => `c${randomBytes(12).toString('hex')}`

function dateFields(prefix: string, iso: string) {
	return { [`${prefix}.day`]: iso.slice(8), [`${prefix}.month`]: iso.slice(5, 7), [`${prefix}.year`]: iso.slice(0, 4) }
}

function expectRedirect(reply: { status: number; body: Buffer; location: string | null }, what: string): string {
	if (reply.status < 300 || reply.status >= 400 || !reply.location)
		throw new Error(`${what}: expected a redirect, got ${reply.status}: ${reply.body.toString('utf8').replace(/\s+/g, ' ').slice(0, 400)}`)
	return reply.location
}

/** The fields of each part of the review, complete, for a review with these outcomes and invitees. */
export function completeParts(outcomeIds: string[], inviteeIds: string[]): Array<[slug: string, key: string, fields: Record<string, string>]> {
	const outcomes: Record<string, string> = {}
	outcomeIds.forEach((outcomeId, i) =>
		Object.assign(outcomes, {
			[`outcomes[${i}].outcomeId`]: outcomeId,
			[`outcomes[${i}].progress`]: 'PROGRESSING',
			[`outcomes[${i}].evidence`]: 'Assessment data from the autumn term',
			[`outcomes[${i}].next`]: 'CONTINUE',
		}),
	)
	const attendance: Record<string, string> = {}
	inviteeIds.forEach((inviteeId, i) =>
		Object.assign(attendance, { [`invitees[${i}].inviteeId`]: inviteeId, [`invitees[${i}].attended`]: 'yes', [`invitees[${i}].contributedAdvice`]: 'yes' }),
	)
	const changes = Object.fromEntries(['B', 'C', 'D', 'F', 'G', 'H1', 'H2', 'I', 'J', 'K'].map((s) => [`changes.${s}`, 'No change']))
	return [
		['child-views', 'CHILD_VIEWS', { pathway: 'written', words: 'I like maths. I find spelling hard.' }],
		['parent-views', 'PARENT_VIEWS', { views: 'Happy with progress this year.', givenBy: 'Mother' }],
		['outcomes', 'OUTCOMES', outcomes],
		['needs-and-provision', 'NEEDS_PROVISION', changes],
		['recommendation', 'RECOMMENDATION', { recommendation: 'MAINTAIN', reasons: 'The plan still describes the needs and provision.', agreed: 'yes' }],
		['attendance', 'ATTENDANCE', attendance],
	]
}

/**
 * Makes the three templates through the running app (`origin`), reading ids from the database (`prisma`).
 * The caseworker demo user is made the template child's caseworker, so every copy is on their caseload.
 */
export async function makeTemplates(prisma: PrismaClient, origin: string): Promise<Templates> {
	const senco = new Browser(origin, { freshConnections: true })
	await senco.signIn(USERS.senco, DEMO_PASSWORD)
	const caseworker = new Browser(origin, { freshConnections: true })
	await caseworker.signIn(USERS.caseworker, DEMO_PASSWORD)
	const sencoUser = await prisma.user.findUniqueOrThrow({ where: { email: USERS.senco }, select: { schoolId: true } })
	const caseworkerUser = await prisma.user.findUniqueOrThrow({ where: { email: USERS.caseworker }, select: { id: true } })
	// A primary-age child (no preparation-for-adulthood part) with a plan and no review open.
	const child = await prisma.child.findFirstOrThrow({
		where: {
			schoolId: sencoUser.schoolId!,
			yearGroup: { gte: 0, lt: 9 },
			parentEmail: { not: '' },
			plan: { is: { status: 'ACTIVE' } },
			reviews: { none: { status: { not: 'CLOSED' } } },
		},
		orderBy: { upn: 'asc' },
		select: { id: true },
	})
	await prisma.child.update({ where: { id: child.id }, data: { caseworkerId: caseworkerUser.id } })

	const today = todayInLondon(new Date())
	const created = await senco.post(`/children/${child.id}/reviews/new`, {
		...dateFields('meetingOn', addDays(today, -2)),
		meetingTime: '09:30',
		...dateFields('invitationsSentOn', addDays(today, -20)),
		'invitees[0].role': 'PARENT',
		'invitees[0].name': 'Parent of the child',
		'invitees[0].email': 'parent@example.org',
	})
	const draft = expectRedirect(created, 'scheduling the review').split('/')[2]!
	const facts = await prisma.annualReview.findUniqueOrThrow({
		where: { id: draft },
		select: {
			invitees: { orderBy: { id: 'asc' }, select: { id: true } },
			planVersion: { select: { outcomes: { orderBy: { position: 'asc' }, select: { id: true } } } },
		},
	})
	for (const [slug, , fields] of completeParts(
		facts.planVersion.outcomes.map((o) => o.id),
		facts.invitees.map((i) => i.id),
	)) {
		expectRedirect(await senco.post(`/reviews/${draft}/parts/${slug}`, { ...fields, completed: 'yes', version: '0' }), `saving the part ${slug}`)
	}

	const [submitted] = await cloneReviews(prisma, draft, 1)
	const lockVersion = (await prisma.annualReview.findUniqueOrThrow({ where: { id: submitted! }, select: { lockVersion: true } })).lockVersion
	expectRedirect(await senco.post(`/reviews/${submitted}/check`, { lockVersion }), 'submitting the review')

	const [decided] = await cloneReviews(prisma, submitted!, 1)
	expectRedirect(
		await caseworker.post(`/council/reviews/${decided}/decision`, {
			outcome: 'AMEND',
			reasons: 'The plan needs to name the new provision.',
			...dateFields('decidedOn', today),
		}),
		'deciding to amend',
	)
	expectRedirect(
		await caseworker.post(`/council/reviews/${decided}/notice`, {
			newSection: 'F',
			newWording: 'Speech and language therapy: 30 minutes a week, delivered by the NHS therapist.',
			newReason: 'The therapist’s advice.',
			intent: 'save',
		}),
		'saving the council’s amendment',
	)
	senco.close()
	caseworker.close()
	return { draft, submitted: submitted!, decided: decided! }
}

/** The models a cloned review is copied into, in foreign-key order (each row's parents go in before it). */
const CLONED_MODELS = [
	'child',
	'ehcPlan',
	'planVersion',
	'planOutcome',
	'planProvision',
	'annualReview',
	'reviewInvitee',
	'reviewSection',
	'outcomeProgress',
	'amendmentProposal',
	'decision',
	'amendmentNotice',
] as const
type ClonedModel = (typeof CLONED_MODELS)[number]
type CreateMany = { createMany(args: { data: any[] }): Prisma.PrismaPromise<unknown> }

/**
 * Copies a review `count` times, each with a copy of its child, plan (every version, its outcomes and provision),
 * invitees, parts, outcome progress, proposals, decision and notice. Not copied: evidence, documents, emails and
 * the audit log. `schoolId` puts the copies' children (and reviews) at another school. Returns the new reviews' ids.
 */
export async function cloneReviews(prisma: PrismaClient, templateId: string, count: number, options: { schoolId?: string } = {}): Promise<string[]> {
	const review = await prisma.annualReview.findUniqueOrThrow({
		where: { id: templateId },
		include: { invitees: true, sections: true, outcomeProgress: true, proposals: true, decision: true, notice: true, representations: true },
	})
	const child = await prisma.child.findUniqueOrThrow({ where: { id: review.childId } })
	const plan = await prisma.ehcPlan.findUniqueOrThrow({ where: { childId: child.id } })
	const versions = await prisma.planVersion.findMany({ where: { planId: plan.id }, include: { outcomes: true, provisions: true } })
	if (review.representations.length) throw new Error('cloneReviews: reviews with representations are not copied')

	const ids: string[] = []
	const BATCH = 50
	for (let start = 0; start < count; start += BATCH) {
		const rows = Object.fromEntries(CLONED_MODELS.map((model) => [model, [] as any[]])) as Record<ClonedModel, any[]>
		for (let n = start; n < Math.min(count, start + BATCH); n++) {
			const map = new Map<string, string>()
			const to = (old: string) => {
				let fresh = map.get(old)
				if (!fresh) map.set(old, (fresh = id()))
				return fresh
			}
			const upn = `Z${randomBytes(6).toString('hex').toUpperCase()}`
			rows.child.push({
				...child,
				id: to(child.id),
				schoolId: options.schoolId ?? child.schoolId,
				upn,
				searchText: `${child.firstName} ${child.lastName} ${upn}`.toLowerCase(),
			})
			rows.ehcPlan.push({ ...plan, id: to(plan.id), childId: to(child.id) })
			for (const { outcomes, provisions, ...version } of versions) {
				rows.planVersion.push({ ...version, id: to(version.id), planId: to(plan.id), finalPlanId: null })
				for (const o of outcomes) rows.planOutcome.push({ ...o, id: to(o.id), planVersionId: to(version.id) })
				for (const p of provisions) rows.planProvision.push({ ...p, id: to(p.id), planVersionId: to(version.id) })
			}
			const { invitees, sections, outcomeProgress, proposals, decision, notice, representations: _, ...fields } = review
			rows.annualReview.push({
				...fields,
				id: to(review.id),
				childId: to(child.id),
				schoolId: options.schoolId ?? fields.schoolId,
				planVersionId: to(review.planVersionId),
			})
			for (const i of invitees) rows.reviewInvitee.push({ ...i, id: to(i.id), reviewId: to(review.id) })
			for (const p of proposals) rows.amendmentProposal.push({ ...p, id: to(p.id), reviewId: to(review.id) })
			for (const p of outcomeProgress) rows.outcomeProgress.push({ ...p, id: to(p.id), reviewId: to(review.id), planOutcomeId: to(p.planOutcomeId) })
			if (decision) rows.decision.push({ ...decision, id: to(decision.id), reviewId: to(review.id) })
			if (notice) rows.amendmentNotice.push({ ...notice, id: to(notice.id), reviewId: to(review.id) })
			// A part's answers name outcomes and invitees by id: point them at the copies.
			const pattern = map.size ? new RegExp([...map.keys()].join('|'), 'g') : null
			for (const s of sections)
				rows.reviewSection.push({ ...s, id: id(), reviewId: to(review.id), data: pattern ? s.data.replace(pattern, (old) => map.get(old)!) : s.data })
			ids.push(to(review.id))
		}
		await prisma.$transaction(CLONED_MODELS.map((model) => (prisma[model] as unknown as CreateMany).createMany({ data: rows[model] })))
	}
	return ids
}
