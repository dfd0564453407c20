// The family's request for a school to be named in Section I (Children and Families Act 2014 ss.38-39): the school
// consulted with a copy of the draft plan, what it said, and the council's decision, recorded on the way to the
// final plan and answered in it (council-review.server.ts finalStep). The rules are app/domain/school-request.ts.
import { audit } from '#app/auth/audit.server.ts'
import type { SessionUser } from '#app/auth/auth.server.ts'
import { prisma } from '#app/db/db.server.ts'
import { todayInLondon } from '#app/domain/calendar-date.ts'
import { fromStatuses } from '#app/domain/review-lifecycle.ts'
import { parseGrounds, schoolRequestProblems, storedGrounds, type RefusalGround, type SchoolRequestOutcome } from '#app/domain/school-request.ts'
import { StepError } from '#app/services/council-review.server.ts'

/** The representations that named a school, newest first, and the request as recorded. */
export async function loadSchoolRequest(reviewId: string) {
	const [requestedBy, row] = await Promise.all([
		prisma.representation.findMany({
			where: { reviewId, requestedSchool: { not: '' } },
			orderBy: [{ receivedOn: 'desc' }, { createdAt: 'desc' }, { id: 'desc' }],
			select: { id: true, fromName: true, receivedOn: true, requestedSchool: true },
		}),
		prisma.schoolRequest.findUnique({
			where: { reviewId },
			select: {
				id: true,
				representationId: true,
				schoolId: true,
				schoolName: true,
				consultedOn: true,
				consulteeResponse: true,
				outcome: true,
				refusalGrounds: true,
				refusalReasons: true,
				decidedOn: true,
				school: { select: { name: true } },
			},
		}),
	])
	const request = row ? { ...row, outcome: row.outcome as SchoolRequestOutcome | null, refusalGrounds: parseGrounds(row.refusalGrounds) } : null
	return { requestedBy, request }
}

/** The council's schools a request can name: its own list (tenancy), active ones, by name. */
export function schoolsOfCouncil(laId: string) {
	return prisma.school.findMany({ where: { laId, active: true }, orderBy: [{ name: 'asc' }, { id: 'asc' }], select: { id: true, name: true, urn: true } })
}

export type SchoolRequestInput = {
	schoolId: string | null
	schoolName: string
	consultedOn: string | null
	consulteeResponse: string
	outcome: SchoolRequestOutcome | null
	refusalGrounds: RefusalGround[]
	refusalReasons: string
}

/**
 * Records the family's school request as it stands: the school, its consultation (s.39(2)) and the council's decision
 * (s.39(3)-(4)), after the notice and before the final plan. A decision is dated the day it is first recorded; the
 * grounds and reasons are kept only with a refusal. Audited.
 */
export async function saveSchoolRequest(
	request: Request | null,
	user: SessionUser,
	review: { id: string; childId: string; laId: string },
	input: SchoolRequestInput,
	now = new Date(),
) {
	const today = todayInLondon(now)
	await prisma.$transaction(async (tx) => {
		const open = await tx.annualReview.findFirst({
			where: { id: review.id, status: { in: fromStatuses('prepareFinalPlan') } },
			select: { notice: { select: { issuedOn: true } } },
		})
		if (!open?.notice) throw new StepError('The family’s school request is recorded after the amendment notice and before the final plan.')
		// Only a school on this council's list (tenancy), and the representation of this review that asked for it.
		if (input.schoolId && !(await tx.school.count({ where: { id: input.schoolId, laId: review.laId } })))
			throw new StepError('Choose a school from the council’s list')
		const problems = schoolRequestProblems(input, { noticeIssuedOn: open.notice.issuedOn, today })
		if (problems.length) throw new StepError(problems[0]!.message)
		const asking = await tx.representation.findFirst({
			where: { reviewId: review.id, requestedSchool: { not: '' } },
			orderBy: [{ receivedOn: 'desc' }, { createdAt: 'desc' }, { id: 'desc' }],
			select: { id: true },
		})
		const before = await tx.schoolRequest.findUnique({ where: { reviewId: review.id }, select: { outcome: true, decidedOn: true } })
		const refused = input.outcome === 'REFUSED'
		const data = {
			representationId: asking?.id ?? null,
			schoolId: input.schoolId,
			schoolName: input.schoolName,
			consultedOn: input.consultedOn,
			consulteeResponse: input.consulteeResponse,
			outcome: input.outcome,
			refusalGrounds: refused ? storedGrounds(input.refusalGrounds) : '',
			refusalReasons: refused ? input.refusalReasons : '',
			decidedOn: !input.outcome ? null : before?.outcome === input.outcome && before.decidedOn ? before.decidedOn : today,
			recordedById: user.id,
		}
		const saved = await tx.schoolRequest.upsert({
			where: { reviewId: review.id },
			create: { reviewId: review.id, ...data },
			update: data,
			select: { id: true },
		})
		const decision = !input.outcome
			? 'not decided yet'
			: refused
				? `refused on ${storedGrounds(input.refusalGrounds)} (s.39(4))`
				: 'named in Section I (s.39(3))'
		await audit(
			request,
			user.id,
			'review.update',
			{
				entityType: 'SchoolRequest',
				entityId: saved.id,
				reviewId: review.id,
				childId: review.childId,
				details: `school request: ${input.schoolName}; consulted ${input.consultedOn ?? 'not yet'} (s.39(2)); ${decision}`,
			},
			tx,
		)
	})
}
