// The family's own views, given online before the meeting (issue 14, "Before the meeting"). The review must seek and
// take account of the views, wishes and feelings of the child and their parent, or the young person (Children and
// Families Act 2014 s.19(a)-(b); SEND Regulations 2014 reg 20(3)-(4), 20(7)-(8); CoP 9.166): what they send here is
// kept as their own words (FamilyContribution), shown to the SENCo marked as theirs, and goes into the review report.
// They can send or change it only while the school's report is a draft (the lifecycle's editDraft step): once the
// report is submitted it is the record the council decides on.
import { audit } from '#app/auth/audit.server.ts'
import { prisma } from '#app/db/db.server.ts'
import { fromStatuses } from '#app/domain/review-lifecycle.ts'
import { refreshNextDeadline } from '#app/jobs/deadlines.server.ts'
import type { ChildViewsAnswers, FamilyPart, ParentViewsAnswers } from '#app/queries/family-review.server.ts'
import { deleteEvidenceFile, type StoredEvidence } from '#app/storage/evidence.server.ts'

/** Why the family can no longer send or change their views, in their words. */
export const VIEWS_CLOSED =
	'The school has sent the review report to the council. You cannot send or change your views here now. If you want to add something, contact the school or the council’s SEN team.'

/** A file already in the review: its title only when it was the family member's own (staff's evidence titles are not theirs to read). */
export type FamilyViewsOutcome = { ok: true } | { ok: false; closed: string } | { ok: false; duplicateOf: { title: string | null } }

/**
 * Saves a family member's views for one part, with a file they chose (a drawing, photo or recording transcript for
 * the child's views) stored as evidence of the review uploaded by them, in one transaction with its audit. Sending
 * again replaces their earlier words (one row per review, family member and part), and the date sent is the latest.
 * A file already in the review (the same bytes) is refused as for staff; a review no longer a draft is refused, and
 * the check is the transaction's update (so a school submitting at the same moment cannot lose either step).
 */
export async function saveFamilyViews(
	request: Request | null,
	user: { id: string },
	review: { id: string; childId: string },
	part: FamilyPart,
	answers: ChildViewsAnswers | ParentViewsAnswers,
	file: { title: string; stored: StoredEvidence } | null = null,
	now = new Date(),
): Promise<FamilyViewsOutcome> {
	try {
		const outcome = await prisma.$transaction(async (tx): Promise<FamilyViewsOutcome> => {
			if (file) {
				const same = await tx.evidenceFile.findFirst({
					where: { reviewId: review.id, sha256: file.stored.sha256 },
					select: { title: true, uploadedById: true },
				})
				if (same) return { ok: false, duplicateOf: { title: same.uploadedById === user.id ? same.title : null } }
			}
			// reg 20(7)-(8): the report changes only while it is a draft. The guard is also the draft's change mark
			// (lockVersion, as touchDraft moves it): a school checking its answers sees the family's new words first.
			const draft = await tx.annualReview.updateMany({
				where: { id: review.id, status: { in: fromStatuses('editDraft') } },
				data: { lockVersion: { increment: 1 } },
			})
			if (draft.count === 0) return { ok: false, closed: VIEWS_CLOSED }
			await tx.familyContribution.upsert({
				where: { reviewId_userId_part: { reviewId: review.id, userId: user.id, part } },
				create: { reviewId: review.id, userId: user.id, part, data: JSON.stringify(answers), submittedAt: now },
				update: { data: JSON.stringify(answers), submittedAt: now },
			})
			if (file) {
				const created = await tx.evidenceFile.create({
					data: {
						reviewId: review.id,
						title: file.title,
						fileName: file.stored.fileName,
						contentType: file.stored.contentType,
						sizeBytes: file.stored.sizeBytes,
						sha256: file.stored.sha256,
						storageKey: file.stored.storageKey,
						scanStatus: file.stored.scanStatus,
						uploadedById: user.id,
					},
					select: { id: true },
				})
				await audit(
					request,
					user.id,
					'evidence.upload',
					{
						entityType: 'EvidenceFile',
						entityId: created.id,
						reviewId: review.id,
						childId: review.childId,
						details: `${file.stored.fileName} (${file.stored.sha256}), sent online by the family`,
					},
					tx,
				)
			}
			await refreshNextDeadline(tx, review.id)
			const member = await tx.familyMember.findUnique({
				where: { childId_userId: { childId: review.childId, userId: user.id } },
				select: { relationship: true },
			})
			// The details are read by the chronology (app/lib/chronology-words.ts familyContributionWords): the part, then who they are.
			await audit(
				request,
				user.id,
				'family.contribute',
				{
					entityType: 'FamilyContribution',
					entityId: review.id,
					reviewId: review.id,
					childId: review.childId,
					details: `${part} ${member?.relationship ?? 'FAMILY'}`,
				},
				tx,
			)
			return { ok: true }
		})
		if (!outcome.ok && file) await deleteEvidenceFile(file.stored.storageKey)
		return outcome
	} catch (error) {
		if (file) await deleteEvidenceFile(file.stored.storageKey)
		throw error
	}
}
