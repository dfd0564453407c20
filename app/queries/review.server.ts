// A review as its pages show it: the fields every review page reads, each part's saved answers (typed by the
// part's schema), the plan's wording; and the smaller reads of the school's review pages.
import type { z } from 'zod'
import { prisma } from '#app/db/db.server.ts'
import { fromStatuses } from '#app/domain/review-lifecycle.ts'
import { PART_KEYS, PART_SCHEMAS, type PartKey, type PartStatus } from '#app/domain/review-parts.ts'

/** Who a child is, as every page and letter about them names them. */
export const childIdentitySelect = { id: true, firstName: true, lastName: true, dateOfBirth: true, upn: true } as const
/** Whom the council writes to about a child: the parent, and the young person from 16. */
export const childContactsSelect = { parentName: true, parentEmail: true, youngPersonEmail: true } as const

/** An evidence file as the pages list it: its title, the file and when it was uploaded. */
export const evidenceFileSelect = { id: true, title: true, fileName: true, contentType: true, sizeBytes: true, uploadedAt: true } as const

export const reviewPageSelect = {
	id: true,
	status: true,
	dueOn: true,
	meetingOn: true,
	meetingTime: true,
	meetingPlace: true,
	invitationsSentOn: true,
	adviceCirculatedOn: true,
	recommendation: true,
	submittedAt: true,
	reportReceivedOn: true,
	lockVersion: true,
	child: {
		select: {
			...childIdentitySelect,
			yearGroup: true,
			phaseTransfer: true,
			...childContactsSelect,
			school: { select: { name: true } },
			plan: { select: { firstIssuedOn: true, lastReviewOn: true, reviewDueOn: true } },
		},
	},
	planVersion: {
		select: {
			versionNo: true,
			issuedOn: true,
			sectionA: true,
			sectionB: true,
			sectionC: true,
			sectionD: true,
			sectionG: true,
			sectionH1: true,
			sectionH2: true,
			sectionI: true,
			sectionJ: true,
			sectionK: true,
			preparationForAdulthood: true,
			outcomes: { orderBy: { position: 'asc' }, select: { id: true, area: true, text: true } },
			provisions: { orderBy: { position: 'asc' }, select: { id: true, need: true, what: true, who: true, frequency: true, duration: true } },
		},
	},
	invitees: { orderBy: { id: 'asc' }, select: { id: true, role: true, name: true, email: true, attended: true, contributedAdvice: true } },
	sections: { select: { key: true, status: true, data: true, version: true, updatedAt: true, updatedBy: { select: { name: true } } } },
	decision: { select: { outcome: true, decidedOn: true } },
	notice: { select: { issuedOn: true } },
	finalPlan: { select: { issuedOn: true } },
} as const

export async function loadReview(reviewId: string) {
	return prisma.annualReview.findUniqueOrThrow({ where: { id: reviewId }, select: reviewPageSelect })
}
export type LoadedReview = Awaited<ReturnType<typeof loadReview>>

/** A part's saved answers: what its form's schema gives, without the "have you completed this section" answer. */
export type PartValues<K extends PartKey> = Omit<z.output<(typeof PART_SCHEMAS)[K]>, 'completed'>
export type PartState<K extends PartKey> = { status: PartStatus; data: PartValues<K>; version: number; updatedBy: string | null; updatedAt: Date | null }
export type PartStates = { [K in PartKey]: PartState<K> }

/** The saved state of each part (missing rows are "not started", with empty answers). */
export function partStates(review: Pick<LoadedReview, 'sections'>): PartStates {
	return Object.fromEntries(PART_KEYS.map((key) => [key, partState(review, key)])) as PartStates
}

function partState<K extends PartKey>(review: Pick<LoadedReview, 'sections'>, key: K): PartState<K> {
	const row = review.sections.find((s) => s.key === key)
	return row
		? {
				status: row.status as PartStatus,
				data: readAnswers(key, row.data),
				version: row.version,
				updatedBy: row.updatedBy?.name ?? null,
				updatedAt: row.updatedAt,
			}
		: { status: 'NOT_STARTED', data: readAnswers(key, '{}'), version: 0, updatedBy: null, updatedAt: null }
}

/** What a part's answers start from before anything is saved: the one field no default fills. */
const EMPTY_ANSWERS: Partial<Record<PartKey, Record<string, unknown>>> = { NEEDS_PROVISION: { changes: {} } }
const LEFT_OUT = Symbol('left out')

/**
 * A part's saved answers (ReviewSection.data, JSON), read through the part's schema as the form reads an
 * unfinished part (only format rules apply). Answers saved in an older shape must not break a page: an answer
 * that no longer parses (a choice the form no longer offers, text where a list was) is left out, as if never
 * given, and the rest is kept; a list's row without its id (an outcome, an invitee) is left out whole. What was
 * left out is asked for again before the review can be submitted (submissionProblems), so nothing is lost
 * silently from a submitted report.
 */
export function readAnswers<K extends PartKey>(key: K, json: string): PartValues<K> {
	const schema: z.ZodType<{ completed: unknown }> = PART_SCHEMAS[key]
	let value: Record<string, unknown> = { ...EMPTY_ANSWERS[key], ...safeJson(json) }
	for (let attempt = 0; attempt < 3; attempt++) {
		const parsed = schema.safeParse({ ...value, completed: 'no' })
		if (parsed.success) return withoutCompleted(parsed.data)
		value = withoutIssues(value, parsed.error.issues, EMPTY_ANSWERS[key] ?? {})
	}
	return withoutCompleted(schema.parse({ ...EMPTY_ANSWERS[key], completed: 'no' }))
}

/** The parsed answers of PART_SCHEMAS[key] (indexed by a generic key, the schemas are only their union to TypeScript). */
function withoutCompleted<K extends PartKey>({ completed: _, ...answers }: { completed: unknown }): PartValues<K> {
	return answers as PartValues<K>
}

/** The answers with each value an issue names left out (or, when it names a missing value, the row that lacks it). */
function withoutIssues(value: Record<string, unknown>, issues: z.core.$ZodIssue[], empty: Record<string, unknown>) {
	const next = structuredClone(value)
	for (const { path } of issues) {
		const at = get(next, path) === undefined ? path.slice(0, -1) : path
		if (!at.length) continue
		const parent = get(next, at.slice(0, -1)) as Record<PropertyKey, unknown> | unknown[] | undefined
		const last = at[at.length - 1]!
		if (Array.isArray(parent)) parent[last as number] = LEFT_OUT
		else if (parent && typeof parent === 'object') {
			if (at.length === 1 && typeof last === 'string' && last in empty) parent[last] = empty[last]
			else delete parent[last]
		}
	}
	return compact(next) as Record<string, unknown>
}

function get(value: unknown, path: readonly PropertyKey[]): unknown {
	return path.reduce<unknown>((v, k) => (v && typeof v === 'object' ? (v as Record<PropertyKey, unknown>)[k] : undefined), value)
}

/** Removes the rows left out, once every issue has been seen (so that the others' indexes still held). */
function compact(value: unknown): unknown {
	if (Array.isArray(value)) return value.filter((v) => v !== LEFT_OUT).map(compact)
	if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, compact(v)]))
	return value
}

function safeJson(text: string): Record<string, unknown> {
	try {
		const value = JSON.parse(text)
		return value && typeof value === 'object' && !Array.isArray(value) ? value : {}
	} catch {
		return {}
	}
}

/** The plan's current wording of a section (E and F are rows; the rest text). */
export function planWording(plan: LoadedReview['planVersion'], section: string): string {
	switch (section) {
		case 'E':
			return plan.outcomes.map((o, i) => `${i + 1}. ${o.text}`).join('\n')
		case 'F':
			return plan.provisions
				.map(
					(p, i) =>
						`${i + 1}. ${[p.what, p.who && `Delivered by: ${p.who}`, p.frequency && `How often: ${p.frequency}`, p.duration && `How long: ${p.duration}`].filter(Boolean).join('. ')}`,
				)
				.join('\n')
		case 'A':
		case 'B':
		case 'C':
		case 'D':
		case 'G':
		case 'H1':
		case 'H2':
		case 'I':
		case 'J':
		case 'K':
			return plan[`section${section}`]
		default:
			return ''
	}
}

// ---------------------------------------------------------------------------------------------
// The smaller reads of the school's review pages (tenancy is checked first, by app/auth/review-access.server.ts)

/** A child whose review the school may start: their plan, and the review already in draft if there is one. */
export async function loadChildToReview(childId: string) {
	return prisma.child.findUniqueOrThrow({
		where: { id: childId },
		select: {
			id: true,
			firstName: true,
			lastName: true,
			parentName: true,
			parentEmail: true,
			schoolId: true,
			laId: true,
			caseworker: { select: { name: true, email: true, active: true } },
			plan: { select: { reviewDueOn: true, currentVersionNo: true, id: true } },
			reviews: { where: { status: { in: fromStatuses('editDraft') } }, select: { id: true }, take: 1 },
		},
	})
}

/** The meeting page: the meeting as scheduled and who is invited. */
export async function loadMeeting(reviewId: string) {
	return prisma.annualReview.findUniqueOrThrow({
		where: { id: reviewId },
		select: {
			id: true,
			meetingOn: true,
			meetingTime: true,
			meetingPlace: true,
			invitationsSentOn: true,
			adviceCirculatedOn: true,
			child: { select: { firstName: true, lastName: true } },
			invitees: { orderBy: { id: 'asc' }, select: { role: true, name: true, email: true } },
		},
	})
}

/** One of the school's amendment proposals on the review (null when the review has no such proposal). */
export async function loadSchoolProposal(reviewId: string, proposalId: string) {
	return prisma.amendmentProposal.findFirst({
		where: { id: proposalId, reviewId, origin: 'SCHOOL' },
		select: { id: true, section: true, currentWording: true, proposedWording: true, reason: true, evidence: { select: { evidenceId: true } } },
	})
}

/** The evidence a proposal can link to, in the order it was uploaded. */
export async function listEvidenceTitles(reviewId: string) {
	return prisma.evidenceFile.findMany({ where: { reviewId }, orderBy: { uploadedAt: 'asc' }, select: { id: true, title: true, fileName: true } })
}

/** The evidence page: every file, oldest first, with who uploaded it. */
export async function loadEvidencePage(reviewId: string) {
	return prisma.annualReview.findUniqueOrThrow({
		where: { id: reviewId },
		select: {
			id: true,
			status: true,
			child: { select: { firstName: true, lastName: true } },
			evidence: {
				orderBy: { uploadedAt: 'asc' },
				select: {
					...evidenceFileSelect,
					scanStatus: true,
					uploadedBy: { select: { name: true } },
				},
			},
		},
	})
}

/** The bundle page: the child and how many evidence files the bundle will hold. */
export async function loadBundlePage(reviewId: string) {
	return prisma.annualReview.findUniqueOrThrow({
		where: { id: reviewId },
		select: { id: true, child: { select: { firstName: true, lastName: true } }, _count: { select: { evidence: true } } },
	})
}
