// What a family member reads of a review (issue 14, "Before the meeting"), and what the family gave online as staff
// and the review record show it. A family member's queries always carry their own user id: they see the meeting,
// who is invited (names and roles, never anyone's email address), and their own contributions and files, nothing else.
import { prisma } from '#app/db/db.server.ts'
import { formatDate, todayInLondon } from '#app/domain/calendar-date.ts'
import { ChildViewsSchema, ParentViewsSchema, VOICE_PATHWAY_LABELS, type PartKey } from '#app/domain/review-parts.ts'

/** The two parts of the review a family gives online: the parents' views and the child's views (SEND Regulations 2014 reg 20(3); CoP 9.166). */
export const FAMILY_PARTS = ['PARENT_VIEWS', 'CHILD_VIEWS'] as const satisfies readonly PartKey[]
export type FamilyPart = (typeof FAMILY_PARTS)[number]
export const FAMILY_PART_SLUGS: Record<FamilyPart, string> = { PARENT_VIEWS: 'parent-views', CHILD_VIEWS: 'child-views' }
export function familyPartForSlug(slug: string): FamilyPart | null {
	return FAMILY_PARTS.find((p) => FAMILY_PART_SLUGS[p] === slug) ?? null
}

/** How the family member is related to the child, in the words staff read beside their name. */
export const RELATIONSHIP_WORDS: Record<string, string> = { PARENT: 'parent', YOUNG_PERSON: 'young person', REPRESENTATIVE: 'representative' }
export const relationshipWord = (relationship: string | null | undefined) => RELATIONSHIP_WORDS[relationship ?? ''] ?? 'family'

export type ChildViewsAnswers = { pathway?: string; words?: string; recordedBy?: string; howCommunicated?: string }
export type ParentViewsAnswers = { views?: string; givenBy?: string }

/** The stored answers of a contribution, read back through the part's schema's fields (anything else is dropped). */
export function contributionAnswers(part: FamilyPart, json: string): ChildViewsAnswers & ParentViewsAnswers {
	let raw: unknown
	try {
		raw = JSON.parse(json)
	} catch {
		return {}
	}
	const schema = part === 'CHILD_VIEWS' ? ChildViewsSchema : ParentViewsSchema
	const parsed = schema.safeParse({ ...(raw as object), completed: 'no' })
	if (!parsed.success) return {}
	const { completed: _completed, ...answers } = parsed.data
	return answers
}

/** The family member's own page for one review: the meeting, who is invited, and what they have sent. */
export async function familyReviewPage(reviewId: string, userId: string) {
	const review = await prisma.annualReview.findUniqueOrThrow({
		where: { id: reviewId },
		select: {
			id: true,
			status: true,
			dueOn: true,
			meetingOn: true,
			meetingTime: true,
			meetingPlace: true,
			child: {
				select: {
					id: true,
					firstName: true,
					lastName: true,
					school: { select: { name: true } },
					family: { where: { userId }, select: { relationship: true } },
				},
			},
			// Names and roles only: the family never sees another person's email address.
			invitees: { orderBy: { id: 'asc' }, select: { id: true, name: true, role: true } },
			notice: { select: { issuedOn: true } },
			contributions: { where: { userId }, select: { part: true, submittedAt: true } },
			evidence: {
				where: { uploadedById: userId },
				orderBy: { uploadedAt: 'asc' },
				select: { id: true, title: true, fileName: true, sizeBytes: true, uploadedAt: true },
			},
		},
	})
	return review
}

/** One family member's contribution to one part, or null. */
export async function familyContributionOf(reviewId: string, userId: string, part: FamilyPart) {
	const row = await prisma.familyContribution.findUnique({
		where: { reviewId_userId_part: { reviewId, userId, part } },
		select: { data: true, submittedAt: true },
	})
	return row ? { answers: contributionAnswers(part, row.data), submittedAt: row.submittedAt } : null
}

export type FamilyContributionView = {
	id: string
	part: FamilyPart
	name: string
	relationship: string
	/** "Pat Parent (parent)" */
	who: string
	sentOn: string
	answers: ChildViewsAnswers & ParentViewsAnswers
}

/** Every family member's contribution to a review (staff pages, the chronology, the record), oldest first. */
export async function familyContributions(reviewId: string, part?: FamilyPart): Promise<FamilyContributionView[]> {
	const rows = await prisma.familyContribution.findMany({
		where: { reviewId, ...(part ? { part } : { part: { in: [...FAMILY_PARTS] } }) },
		orderBy: [{ submittedAt: 'asc' }, { id: 'asc' }],
		select: {
			id: true,
			part: true,
			data: true,
			submittedAt: true,
			user: { select: { name: true } },
			review: { select: { childId: true } },
			userId: true,
		},
	})
	const members = await prisma.familyMember.findMany({
		where: { userId: { in: rows.map((r) => r.userId) }, childId: { in: rows.map((r) => r.review.childId) } },
		select: { userId: true, childId: true, relationship: true },
	})
	return rows.map((r) => {
		const key = r.part as FamilyPart
		// A family member no longer named for the child keeps their words in the review: they are still theirs.
		const relationship = members.find((m) => m.userId === r.userId && m.childId === r.review.childId)?.relationship ?? ''
		return {
			id: r.id,
			part: key,
			name: r.user.name,
			relationship: relationshipWord(relationship),
			who: `${r.user.name} (${relationshipWord(relationship)})`,
			sentOn: formatDate(todayInLondon(r.submittedAt)),
			answers: contributionAnswers(key, r.data),
		}
	})
}

/** The family's own words for the review record (app/pdf/review-record.server.ts ReviewRecordInput.familyViews). */
export async function familyViewsForRecord(reviewId: string) {
	const rows = await familyContributions(reviewId)
	return rows.map((c) => ({
		part: c.part,
		heading: `In ${c.name}’s own words (${c.relationship}), sent online on ${c.sentOn}`,
		text:
			c.part === 'PARENT_VIEWS'
				? [c.answers.views, c.answers.givenBy && `Given by: ${c.answers.givenBy}`].filter(Boolean).join('\n\n')
				: [
						c.answers.pathway &&
							`How these views were given: ${VOICE_PATHWAY_LABELS[c.answers.pathway as keyof typeof VOICE_PATHWAY_LABELS]?.label ?? c.answers.pathway}`,
						c.answers.words,
						c.answers.recordedBy && `Written down by: ${c.answers.recordedBy}`,
						c.answers.howCommunicated && `How they communicated: ${c.answers.howCommunicated}`,
					]
						.filter(Boolean)
						.join('\n\n'),
	}))
}
export type FamilyRecordViews = Awaited<ReturnType<typeof familyViewsForRecord>>
