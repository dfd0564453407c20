// A family's representations made online (issue 14, "What they can do" 3): SEND Regulations 2014 reg 22(2)(c), within
// the period the amendment notice gives (at least 15 days, the day of service counting as day 1), to comment on the
// proposed amendments, to ask for a particular school or other institution, or one of a type, to be named in the plan
// (Children and Families Act 2014 s.38(2)(b)(ii), s.38(3)), which the council must then consult on and name unless a
// s.39(4) exception applies, and to ask to meet an officer of the council.
// One transaction: the representation (recorded as a caseworker's is: council-review.server.ts writeRepresentation,
// which also moves the review's status), its comments per amendment, the school request, the letter attached, the
// audit, the email to the caseworker and the receipt to the family member. A failure leaves nothing behind.
import type { SessionUser } from '#app/auth/auth.server.ts'
import { prisma } from '#app/db/db.server.ts'
import { todayInLondon } from '#app/domain/calendar-date.ts'
import { PLAN_SECTION_TITLES, type PlanSection } from '#app/domain/review-parts.ts'
import { finalPlanDueOn } from '#app/domain/statutory-clock.ts'
import { enqueueEmail } from '#app/email/enqueue.server.ts'
import { replyWindow } from '#app/queries/family-notice.server.ts'
import { noticeAmendments, StepError, writeRepresentation } from '#app/services/council-review.server.ts'
import { schoolsOfCouncil } from '#app/services/school-request.server.ts'
import type { StoredEvidence } from '#app/storage/evidence.server.ts'

/** What the page tells the family when the time to reply is over. */
export const REPLY_CLOSED = 'The time to reply has ended'

export type FamilyRepresentationInput = {
	/** Comments on the notice's amendments, by the amendment's id (each optional on the page; blank ones left out). */
	comments: Array<{ proposalId: string; comment: string }>
	general: string
	/** A particular school or other institution to be named (s.38(2)(b)(ii)), with the type of institution if given. */
	school: { name: string; type: string } | null
	meetingRequested: boolean
}

export type FamilyRepresentationOutcome = {
	id: string
	/** created: the school request is recorded for the council to decide; already: the review had one, so it was not. */
	schoolRequest: 'created' | 'already' | null
}

/** The representation's summary, as the council's list shows it: the general comment, or what was sent. */
function summaryOf(input: FamilyRepresentationInput, file: StoredEvidence | null) {
	if (input.general) return input.general
	const n = input.comments.length
	if (n) return `Comments on ${n} ${n === 1 ? 'amendment' : 'amendments'}`
	const sent = [input.school && 'asked for a school', input.meetingRequested && 'asked for a meeting', file && 'attached a letter or report'].filter(Boolean)
	return `Made online: ${sent.join(', ')}`
}

/** The school or institution as the representation records it: its name, and the type the family gave. */
export function requestedSchoolText(school: { name: string; type: string }) {
	return school.type ? `${school.name} (${school.type})` : school.name
}

/**
 * Records a family member's representation made online. Refused (StepError) when the time to reply is over, the
 * final plan has been issued, or a comment names an amendment that is not in this review's notice.
 */
export async function makeFamilyRepresentation(
	request: Request | null,
	user: SessionUser,
	reviewId: string,
	input: FamilyRepresentationInput,
	file: StoredEvidence | null,
	now = new Date(),
): Promise<FamilyRepresentationOutcome> {
	const today = todayInLondon(now)
	// The notice's amendments are fixed once it is issued (those added later are not the notice's: addedAfterNotice).
	const amendments = await noticeAmendments(reviewId)
	const byId = new Map(amendments.map((a) => [a.id, a]))
	const seen = new Set<string>()
	for (const c of input.comments) {
		if (!byId.has(c.proposalId) || seen.has(c.proposalId)) throw new StepError('A comment is about a change that is not in this notice')
		seen.add(c.proposalId)
	}
	if (!input.comments.length && !input.general && !input.school && !input.meetingRequested && !file)
		throw new StepError('Write a comment, ask for a school or a meeting, or attach a letter or report')
	const facts = await prisma.annualReview.findUniqueOrThrow({
		where: { id: reviewId },
		select: {
			laId: true,
			child: {
				select: {
					firstName: true,
					lastName: true,
					caseworker: { select: { name: true, email: true, active: true } },
					family: { where: { userId: user.id } },
				},
			},
		},
	})
	const schools = input.school ? await schoolsOfCouncil(facts.laId) : []
	const self = facts.child.family[0]?.relationship === 'YOUNG_PERSON'
	const child = { firstName: facts.child.firstName, lastName: facts.child.lastName }

	return prisma.$transaction(async (tx) => {
		// Checked again inside the transaction: the period, and no final plan issued meanwhile.
		const review = await tx.annualReview.findUniqueOrThrow({
			where: { id: reviewId },
			select: {
				status: true,
				notice: { select: { issuedOn: true, representationsCloseOn: true } },
				finalPlan: { select: { id: true } },
				schoolRequest: { select: { schoolName: true } },
			},
		})
		if (!replyWindow(review, today).open) throw new StepError(REPLY_CLOSED)
		const notice = review.notice!
		const created = await writeRepresentation(
			tx,
			request,
			user,
			reviewId,
			{
				receivedOn: today,
				fromName: user.name,
				summary: summaryOf(input, file),
				requestedSchool: input.school ? requestedSchoolText(input.school) : '',
				meetingRequested: input.meetingRequested,
			},
			file,
			{ online: true },
		)
		if (input.comments.length)
			await tx.representationComment.createMany({
				data: input.comments.map((c) => ({ representationId: created.id, proposalId: c.proposalId, comment: c.comment })),
			})
		// One school request a review (SchoolRequest.reviewId is unique): a second one is kept on the representation, for
		// the caseworker to read beside the first (school-request.server.ts links the request to the newest asking).
		let schoolRequest: FamilyRepresentationOutcome['schoolRequest'] = null
		if (input.school) {
			if (review.schoolRequest) schoolRequest = 'already'
			else {
				// Matched to the council's list when a school there has that name, as the council's school request page does.
				const match = schools.find((s) => s.name.trim().toLowerCase() === input.school!.name.trim().toLowerCase())
				await tx.schoolRequest.create({
					data: { reviewId, representationId: created.id, schoolId: match?.id ?? null, schoolName: input.school.name, recordedById: user.id },
				})
				schoolRequest = 'created'
			}
		}

		const closesOn = notice.representationsCloseOn
		const dueOn = finalPlanDueOn(notice.issuedOn)
		const comments = input.comments.map((c) => {
			const a = byId.get(c.proposalId)!
			return { section: a.section, title: PLAN_SECTION_TITLES[a.section as PlanSection] ?? a.title, comment: c.comment }
		})
		const sent = {
			reviewId,
			child,
			fromName: user.name,
			receivedOn: today,
			comments,
			general: input.general,
			requestedSchool: input.school ? requestedSchoolText(input.school) : null,
			schoolRequestAlready: schoolRequest === 'already' ? (review.schoolRequest?.schoolName ?? null) : null,
			meetingRequested: input.meetingRequested,
			fileName: file?.fileName ?? null,
			representationsCloseOn: closesOn,
			finalPlanDueOn: dueOn,
		}
		// The assigned caseworker; with none (or one who has left), the council's SEN managers, as a submitted report is.
		const caseworker = facts.child.caseworker?.active ? facts.child.caseworker : null
		const staff = caseworker
			? [{ ...caseworker, audience: 'CASEWORKER' as const }]
			: (
					await tx.user.findMany({
						where: { laId: facts.laId, active: true, roles: { some: { role: 'MANAGER' } } },
						orderBy: { email: 'asc' },
						select: { email: true, name: true },
					})
				).map((m) => ({ ...m, audience: 'MANAGER' as const }))
		for (const person of staff)
			await enqueueEmail(tx, {
				to: person.email,
				toName: person.name,
				template: 'family-representation-caseworker',
				reviewId,
				dedupeKey: `family-representation:${created.id}:${person.email}`,
				payload: { ...sent, audience: person.audience },
			})
		await enqueueEmail(tx, {
			to: user.email,
			toName: user.name,
			template: 'family-representation-receipt',
			reviewId,
			dedupeKey: `family-representation:${created.id}:receipt`,
			payload: { ...sent, self, noticeIssuedOn: notice.issuedOn },
		})
		return { id: created.id, schoolRequest }
	})
}
