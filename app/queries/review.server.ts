// A review as its pages show it: the fields every review page reads, each part's saved state, the plan's wording.
import { prisma } from '#app/db.server.ts'
import { PART_KEYS, type PartKey, type PartStatus } from '#app/domain/review-parts.ts'

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
			id: true,
			firstName: true,
			lastName: true,
			dateOfBirth: true,
			upn: true,
			yearGroup: true,
			phaseTransfer: true,
			parentName: true,
			parentEmail: true,
			youngPersonEmail: true,
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

/** The saved state of each part (missing rows are "not started"). */
export function partStates(review: Pick<LoadedReview, 'sections'>) {
	const states = {} as Record<PartKey, { status: PartStatus; data: Record<string, unknown>; version: number; updatedBy: string | null; updatedAt: Date | null }>
	for (const key of PART_KEYS) {
		const row = review.sections.find((s) => s.key === key)
		states[key] = row
			? { status: row.status as PartStatus, data: safeJson(row.data), version: row.version, updatedBy: row.updatedBy?.name ?? null, updatedAt: row.updatedAt }
			: { status: 'NOT_STARTED', data: {}, version: 0, updatedBy: null, updatedAt: null }
	}
	return states
}

function safeJson(text: string): Record<string, unknown> {
	try {
		const value = JSON.parse(text)
		return value && typeof value === 'object' ? value : {}
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
			return plan.provisions.map((p, i) => `${i + 1}. ${[p.what, p.who && `Delivered by: ${p.who}`, p.frequency && `How often: ${p.frequency}`, p.duration && `How long: ${p.duration}`].filter(Boolean).join('. ')}`).join('\n')
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
