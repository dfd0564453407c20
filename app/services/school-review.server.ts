// The school's side of the review: starting it, scheduling the meeting (reg 20(3)-(4)), the parts of the report,
// amendment proposals, evidence, submitting the report (reg 20(7)-(8)) and the evidence bundle. Each change is one
// transaction with its audit. Every change to a draft goes through touchDraft, which moves the review's lockVersion
// on: the check-your-answers page submits only the review it showed, so a change made after it was opened (in
// another tab, by a colleague) is checked again before it goes to the council.
import { audit } from '#app/auth/audit.server.ts'
import { prisma, type Tx } from '#app/db/db.server.ts'
import { todayInLondon } from '#app/domain/calendar-date.ts'
import { fromStatuses, statusAfter } from '#app/domain/review-lifecycle.ts'
import { meetingFields, type PartKey, type PartStatus, type PlanSection, type ScheduleValue } from '#app/domain/review-parts.ts'
import { reviewStatusLabel } from '#app/domain/review-status.ts'
import { decisionDueOn as decisionDue, reportDueOn as reportDue } from '#app/domain/statutory-clock.ts'
import { isYoungPerson } from '#app/domain/young-person.ts'
import { enqueueEmail } from '#app/email/enqueue.server.ts'
import { refreshNextDeadline } from '#app/jobs/deadlines.server.ts'
import { startJob } from '#app/jobs/jobs.server.ts'
import { renderEvidenceBundle } from '#app/pdf/bundle.server.ts'
import { renderReviewRecord } from '#app/pdf/review-record.server.ts'
import { buildReviewRecord, submissionProblems, type PartProblem } from '#app/queries/review-record.server.ts'
import { loadReview, type PartValues } from '#app/queries/review.server.ts'
import { deleteDocument, saveDocument } from '#app/storage/documents.server.ts'
import { deleteEvidenceFile, readEvidenceBytes, type StoredEvidence } from '#app/storage/evidence.server.ts'
import { INVITEE_AUDIENCES } from '#emails/review-report-invitee.ts'

/** The user making a change. */
export type Editor = { id: string }
/** The review being changed, as requireEditableReview returns it (the child for the audit trail). */
export type DraftReview = { id: string; childId: string }

/**
 * Records a change to a draft: moves the review's lockVersion on (the check-your-answers page's stale-submission
 * guard, submitReview) and its updatedAt, and recomputes its stored next deadline, which the caseload sorts by
 * (the daily refresh leaves a review changed since it read it to the change: app/jobs/deadlines.server.ts). Every
 * change to a draft calls it, in the change's transaction.
 */
export async function touchDraft(tx: Tx, reviewId: string) {
	await tx.annualReview.update({ where: { id: reviewId }, data: { lockVersion: { increment: 1 } }, select: { id: true } })
	await refreshNextDeadline(tx, reviewId)
}

// ---------------------------------------------------------------------------------------------
// Starting the review and scheduling the meeting (reg 20(3)-(4))

/** The child whose review starts, with their plan: the current version of the plan is the one reviewed. */
export type ChildToReview = { id: string; schoolId: string | null; laId: string; plan: { id: string; currentVersionNo: number; reviewDueOn: string } }

/** What a new review of this child is of: the child, their school and council, the plan's current version and its due date. */
export async function reviewOfChild(tx: Tx, child: ChildToReview) {
	const version = await tx.planVersion.findUniqueOrThrow({
		where: { planId_versionNo: { planId: child.plan.id, versionNo: child.plan.currentVersionNo } },
		select: { id: true },
	})
	return { childId: child.id, schoolId: child.schoolId, laId: child.laId, planVersionId: version.id, dueOn: child.plan.reviewDueOn }
}

export async function startReview(request: Request | null, user: Editor, child: ChildToReview, schedule: ScheduleValue): Promise<{ id: string }> {
	return prisma.$transaction(async (tx) => {
		const created = await tx.annualReview.create({
			data: {
				...(await reviewOfChild(tx, child)),
				...meetingFields(schedule),
				createdById: user.id,
				invitees: { create: invitedRows(schedule).map((i) => ({ ...i, email: i.email ?? '' })) },
			},
			select: { id: true },
		})
		// A new draft: nothing has been checked yet, so its lockVersion starts at 0.
		await refreshNextDeadline(tx, created.id)
		await audit(request, user.id, 'review.create', { entityType: 'AnnualReview', entityId: created.id, reviewId: created.id, childId: child.id }, tx)
		return created
	})
}

export async function scheduleMeeting(request: Request | null, user: Editor, review: DraftReview, schedule: ScheduleValue) {
	const wanted = invitedRows(schedule)
	await prisma.$transaction(async (tx) => {
		await tx.annualReview.update({ where: { id: review.id }, data: meetingFields(schedule), select: { id: true } })
		// Rows are updated in place, so attendance recorded against an invitee stays with them.
		const existing = await tx.reviewInvitee.findMany({ where: { reviewId: review.id }, orderBy: { id: 'asc' }, select: { id: true } })
		for (let i = 0; i < Math.max(existing.length, wanted.length); i++) {
			const row = wanted[i]
			const current = existing[i]
			if (row && current) await tx.reviewInvitee.update({ where: { id: current.id }, data: { role: row.role, name: row.name, email: row.email ?? '' } })
			else if (row) await tx.reviewInvitee.create({ data: { reviewId: review.id, role: row.role, name: row.name, email: row.email ?? '' } })
			else if (current) await tx.reviewInvitee.delete({ where: { id: current.id } })
		}
		await touchDraft(tx, review.id)
		await audit(
			request,
			user.id,
			'review.update',
			{ entityType: 'AnnualReview', entityId: review.id, reviewId: review.id, childId: review.childId, details: 'meeting' },
			tx,
		)
	})
}

/** The schedule form's invitee rows that name someone (the form has blank rows to fill). */
function invitedRows(schedule: ScheduleValue) {
	return (schedule.invitees ?? []).flatMap((i) => (i.name && i.role ? [{ role: i.role, name: i.name, email: i.email }] : []))
}

// ---------------------------------------------------------------------------------------------
// The parts of the report

/** One part's answers, as its form's schema gave them, with the key that says which. */
export type PartAnswers = { [K in PartKey]: { key: K; answers: PartValues<K> } }[PartKey]
export type SaveOutcome = { ok: true; version: number } | { ok: false; conflict: { savedBy: string; savedAt: Date } }

/**
 * Saves one part as a draft, only if nobody saved it since the user opened it (optimistic concurrency: the form
 * carries the version it was opened at). Two people never silently overwrite each other.
 *
 * The answers are stored once, as the part's JSON (ReviewSection.data), with structured copies of the two the
 * council's pages and the timeliness figures read: the recommendation and who attended. Progress against each
 * outcome was also copied to OutcomeProgress, which nothing read (the record, the PDF and the quality check read
 * the part), and which kept rows for answers since cleared: it is no longer written.
 */
export async function savePart(
	request: Request | null,
	user: Editor,
	review: DraftReview,
	part: PartAnswers & { status: PartStatus; openedVersion: number },
): Promise<SaveOutcome> {
	return prisma.$transaction(async (tx) => {
		const saved = await writePart(tx, {
			reviewId: review.id,
			key: part.key,
			data: part.answers,
			status: part.status,
			openedVersion: part.openedVersion,
			userId: user.id,
		})
		if (!saved.ok) return saved
		if (part.key === 'RECOMMENDATION')
			await tx.annualReview.update({ where: { id: review.id }, data: { recommendation: part.answers.recommendation ?? null }, select: { id: true } })
		if (part.key === 'ATTENDANCE') {
			for (const row of part.answers.invitees) {
				await tx.reviewInvitee.updateMany({
					where: { id: row.inviteeId, reviewId: review.id },
					data: { attended: row.attended ? row.attended === 'yes' : null, contributedAdvice: row.contributedAdvice === 'yes' },
				})
			}
		}
		await touchDraft(tx, review.id)
		await audit(
			request,
			user.id,
			'review.update',
			{ entityType: 'AnnualReview', entityId: review.id, reviewId: review.id, childId: review.childId, details: part.key },
			tx,
		)
		return saved
	})
}

async function writePart(
	tx: Tx,
	args: { reviewId: string; key: PartKey; data: unknown; status: PartStatus; openedVersion: number; userId: string },
): Promise<SaveOutcome> {
	const json = JSON.stringify(args.data)
	const existing = await tx.reviewSection.findUnique({
		where: { reviewId_key: { reviewId: args.reviewId, key: args.key } },
		select: { id: true, version: true, updatedAt: true, updatedBy: { select: { name: true } } },
	})
	if (!existing) {
		if (args.openedVersion !== 0) return { ok: false, conflict: { savedBy: 'Someone', savedAt: new Date() } }
		await tx.reviewSection.create({
			data: { reviewId: args.reviewId, key: args.key, data: json, status: args.status, version: 1, updatedById: args.userId },
		})
		return { ok: true, version: 1 }
	}
	const updated = await tx.reviewSection.updateMany({
		where: { id: existing.id, version: args.openedVersion },
		data: { data: json, status: args.status, version: { increment: 1 }, updatedById: args.userId },
	})
	if (updated.count === 0) return { ok: false, conflict: { savedBy: existing.updatedBy?.name ?? 'Someone', savedAt: existing.updatedAt } }
	return { ok: true, version: args.openedVersion + 1 }
}

// ---------------------------------------------------------------------------------------------
// Amendment proposals

export type ProposalInput = { section: PlanSection; currentWording: string; proposedWording: string; reason: string; evidenceIds: string[] }

/** Saves a new proposal (proposalId null) or changes one of the school's, with the evidence linked to it. */
export async function saveProposal(
	request: Request | null,
	user: Editor,
	review: DraftReview,
	proposalId: string | null,
	input: ProposalInput,
): Promise<{ id: string }> {
	return prisma.$transaction(async (tx) => {
		// Only this review's evidence can be linked.
		const evidence = await tx.evidenceFile.findMany({ where: { reviewId: review.id, id: { in: input.evidenceIds } }, select: { id: true } })
		const fields = { section: input.section, proposedWording: input.proposedWording, reason: input.reason }
		const saved = proposalId
			? await tx.amendmentProposal.update({ where: { id: proposalId, reviewId: review.id, origin: 'SCHOOL' }, data: fields, select: { id: true } })
			: await tx.amendmentProposal.create({
					data: { ...fields, reviewId: review.id, currentWording: input.currentWording, createdById: user.id, origin: 'SCHOOL' },
					select: { id: true },
				})
		await tx.proposalEvidence.deleteMany({ where: { proposalId: saved.id } })
		if (evidence.length) await tx.proposalEvidence.createMany({ data: evidence.map((e) => ({ proposalId: saved.id, evidenceId: e.id })) })
		await touchDraft(tx, review.id)
		await audit(
			request,
			user.id,
			'review.update',
			{
				entityType: 'AmendmentProposal',
				entityId: saved.id,
				reviewId: review.id,
				childId: review.childId,
				details: `proposal for section ${input.section}`,
			},
			tx,
		)
		return saved
	})
}

export async function deleteProposal(request: Request | null, user: Editor, review: DraftReview, proposalId: string) {
	await prisma.$transaction(async (tx) => {
		await tx.amendmentProposal.delete({ where: { id: proposalId, reviewId: review.id, origin: 'SCHOOL' }, select: { id: true } })
		await touchDraft(tx, review.id)
		await audit(
			request,
			user.id,
			'review.update',
			{ entityType: 'AmendmentProposal', entityId: proposalId, reviewId: review.id, childId: review.childId, details: 'proposal deleted' },
			tx,
		)
	})
}

// ---------------------------------------------------------------------------------------------
// Evidence (the file itself is checked and stored by app/storage/evidence.server.ts before it gets here)

/** What became of an upload: recorded, or refused as a copy of a file the review already has (its title and name). */
export type AddedEvidence = { ok: true; id: string } | { ok: false; duplicateOf: { title: string; fileName: string } }

/**
 * Records an uploaded file against the review; if the row cannot be written the file is removed, so nothing is left
 * unaccounted for. The same file twice (Upload pressed twice, or chosen again) is refused: the review keeps one copy.
 * Checked in the transaction, so two uploads at once cannot both pass.
 */
export async function addEvidence(
	request: Request | null,
	user: Editor,
	review: DraftReview,
	input: { title: string; file: StoredEvidence },
): Promise<AddedEvidence> {
	const stored = input.file
	try {
		const added = await prisma.$transaction(async (tx): Promise<AddedEvidence> => {
			const same = await tx.evidenceFile.findFirst({ where: { reviewId: review.id, sha256: stored.sha256 }, select: { title: true, fileName: true } })
			if (same) return { ok: false, duplicateOf: same }
			const created = await tx.evidenceFile.create({
				data: {
					reviewId: review.id,
					title: input.title,
					fileName: stored.fileName,
					contentType: stored.contentType,
					sizeBytes: stored.sizeBytes,
					sha256: stored.sha256,
					storageKey: stored.storageKey,
					scanStatus: stored.scanStatus,
					uploadedById: user.id,
				},
				select: { id: true },
			})
			await touchDraft(tx, review.id)
			await audit(
				request,
				user.id,
				'evidence.upload',
				{
					entityType: 'EvidenceFile',
					entityId: created.id,
					reviewId: review.id,
					childId: review.childId,
					details: `${stored.fileName} (${stored.sha256})`,
				},
				tx,
			)
			return { ok: true, id: created.id }
		})
		if (!added.ok) await deleteEvidenceFile(stored.storageKey)
		return added
	} catch (error) {
		await deleteEvidenceFile(stored.storageKey)
		throw error
	}
}

/** Removes one of the review's evidence files (and its links to proposals): false when the review has no such file. */
export async function removeEvidence(request: Request | null, user: Editor, review: DraftReview, evidenceId: string): Promise<boolean> {
	const file = await prisma.evidenceFile.findFirst({ where: { id: evidenceId, reviewId: review.id }, select: { id: true, storageKey: true, title: true } })
	if (!file) return false
	await prisma.$transaction(async (tx) => {
		await tx.evidenceFile.delete({ where: { id: file.id, reviewId: review.id }, select: { id: true } })
		await touchDraft(tx, review.id)
		await audit(
			request,
			user.id,
			'review.update',
			{ entityType: 'EvidenceFile', entityId: file.id, reviewId: review.id, childId: review.childId, details: `evidence removed: ${file.title}` },
			tx,
		)
	})
	await deleteEvidenceFile(file.storageKey)
	return true
}

// ---------------------------------------------------------------------------------------------
// Submitting the review report (reg 20(7)-(8)): everything in one transaction, so a failure at any step (a bad
// email address, a crash, a concurrent edit) leaves the review as it was, still editable, with nothing
// half-written and no email queued.

/** Who the report is sent to besides the council (reg 20(8)): every invitee with an email address, each address once. */
function reportRecipients(invitees: Array<{ role: string; name: string; email: string }>) {
	const seen = new Set<string>()
	const list: Array<{ email: string; name: string; audience: (typeof INVITEE_AUDIENCES)[number] }> = []
	for (const i of invitees) {
		const email = i.email.trim()
		if (!email || seen.has(email.toLowerCase())) continue
		seen.add(email.toLowerCase())
		const audience = (INVITEE_AUDIENCES as readonly string[]).includes(i.role) ? (i.role as (typeof INVITEE_AUDIENCES)[number]) : 'OTHER'
		list.push({ email, name: i.name, audience })
	}
	return list
}

/** Runs the submission; the report's file, written before it, is removed unless the review was submitted. */
async function withReportFile(storageKey: string | null, submit: () => Promise<'submitted' | 'changed'>) {
	const remove = () => (storageKey ? deleteDocument(storageKey) : undefined)
	try {
		const outcome = await submit()
		if (outcome === 'changed') await remove()
		return outcome
	} catch (error) {
		await remove()
		throw error
	}
}

/** The review record as it is sent on submission: what was recorded, marked submitted at `now`. */
async function renderSubmittedReport(reviewId: string, now: Date) {
	const { record } = await buildReviewRecord(reviewId)
	const bytes = await renderReviewRecord({
		...record,
		review: { ...record.review, statusLabel: reviewStatusLabel(statusAfter('submitReport')), submittedAt: now },
		generatedAt: now,
	})
	return { bytes, title: `Annual review report - ${record.child.name}.pdf` }
}

export type SubmitResult = { ok: true } | { ok: false; status: 400 | 409; problems: Array<Pick<PartProblem, 'href' | 'message'>> }

/** `openedLockVersion`: the review's lockVersion when the check-your-answers page was drawn. */
export async function submitReview(
	request: Request | null,
	user: Editor,
	review: DraftReview,
	input: { openedLockVersion: number; now?: Date },
): Promise<SubmitResult> {
	const loaded = await loadReview(review.id)
	const problems = submissionProblems(loaded)
	if (!loaded.meetingOn) problems.unshift({ part: 'ATTENDANCE', href: `/reviews/${loaded.id}/meeting`, message: 'Enter the date of the review meeting' })
	if (problems.length) return { ok: false, status: 400, problems }
	const now = input.now ?? new Date()
	const today = todayInLondon(now)
	const meetingOn = loaded.meetingOn!
	// reg 20(8): the report goes to everyone invited, not only the council. Most invitees have no account, so it goes
	// as the review record PDF, drawn as submitted (it takes longest, so before the transaction) and stored as the
	// council's letters are; the file is written first and removed if the submission does not go through.
	const invited = reportRecipients(loaded.invitees)
	const report = invited.length ? await renderSubmittedReport(loaded.id, now) : null
	const storageKey = report ? await saveDocument(report.bytes) : null
	const outcome = await withReportFile(storageKey, () =>
		prisma.$transaction(async (tx) => {
			// Only a draft, unchanged since the user checked it (touchDraft moves lockVersion on with every change),
			// moves on: a second click or a concurrent edit finds nothing to update.
			const moved = await tx.annualReview.updateMany({
				where: { id: loaded.id, status: { in: fromStatuses('submitReport') }, lockVersion: input.openedLockVersion },
				data: { status: statusAfter('submitReport'), submittedAt: now, submittedById: user.id, reportReceivedOn: today, lockVersion: { increment: 1 } },
			})
			if (moved.count !== 1) return 'changed' as const
			await refreshNextDeadline(tx, loaded.id)
			const facts = await tx.annualReview.findUniqueOrThrow({
				where: { id: loaded.id },
				select: {
					recommendation: true,
					laId: true,
					child: {
						select: {
							id: true,
							firstName: true,
							lastName: true,
							dateOfBirth: true, // a young person is told the decision in their own right (CFA 2014 s.83(2))
							school: { select: { name: true } },
							caseworker: { select: { email: true, name: true, active: true } },
						},
					},
					submittedBy: { select: { email: true, name: true } },
					_count: { select: { proposals: { where: { origin: 'SCHOOL' } } } },
				},
			})
			const child = { firstName: facts.child.firstName, lastName: facts.child.lastName }
			const schoolName = facts.child.school?.name ?? 'The school'
			const reportDueOn = reportDue(meetingOn)
			const decisionDueOn = decisionDue(meetingOn)
			await enqueueEmail(tx, {
				to: facts.submittedBy!.email,
				toName: facts.submittedBy!.name,
				template: 'review-submitted-receipt',
				reviewId: loaded.id,
				dedupeKey: `submitted:${loaded.id}:receipt`,
				payload: { reviewId: loaded.id, child, schoolName, meetingOn, submittedAt: now, reportDueOn, decisionDueOn },
			})
			// The assigned caseworker; with none (or one who has left), the council's SEN managers.
			const caseworker = facts.child.caseworker?.active ? facts.child.caseworker : null
			const recipients = caseworker
				? [{ ...caseworker, audience: 'CASEWORKER' as const }]
				: (
						await tx.user.findMany({
							where: { laId: facts.laId, active: true, roles: { some: { role: 'MANAGER' } } },
							select: { email: true, name: true },
						})
					).map((m) => ({ ...m, audience: 'MANAGER' as const }))
			for (const person of recipients) {
				await enqueueEmail(tx, {
					to: person.email,
					toName: person.name,
					template: 'review-submitted-caseworker',
					reviewId: loaded.id,
					dedupeKey: `submitted:${loaded.id}:council:${person.email}`,
					payload: {
						reviewId: loaded.id,
						child,
						schoolName,
						meetingOn,
						submittedAt: now,
						decisionDueOn,
						recommendation: (facts.recommendation as 'MAINTAIN' | 'AMEND' | 'CEASE' | null) ?? null,
						proposedAmendments: facts._count.proposals,
						audience: person.audience,
					},
				})
			}
			if (report && storageKey) {
				const document = await tx.generatedDocument.create({
					data: { reviewId: loaded.id, kind: 'REVIEW_RECORD', title: report.title, storageKey, sizeBytes: report.bytes.byteLength },
					select: { id: true },
				})
				// One email per address (the dedupe key), however many times this runs.
				for (const person of invited) {
					await enqueueEmail(tx, {
						to: person.email,
						toName: person.name,
						template: 'review-report-invitee',
						reviewId: loaded.id,
						dedupeKey: `submitted:${loaded.id}:invitee:${person.email.toLowerCase()}`,
						payload: {
							reviewId: loaded.id,
							child,
							schoolName,
							meetingOn,
							submittedAt: now,
							decisionDueOn,
							audience: person.audience,
							youngPerson: isYoungPerson(facts.child.dateOfBirth, today),
							attachments: [{ documentId: document.id }],
						},
					})
				}
			}
			const sentTo = invited.length ? `; report sent to ${invited.length} invited (reg 20(8))` : ''
			await audit(
				request,
				user.id,
				'review.submit',
				{ entityType: 'AnnualReview', entityId: loaded.id, reviewId: loaded.id, childId: facts.child.id, details: `report received ${today}${sentTo}` },
				tx,
			)
			return 'submitted' as const
		}),
	)
	if (outcome === 'changed') {
		return {
			ok: false,
			status: 409,
			problems: [
				{
					href: `/reviews/${loaded.id}/check`,
					message: 'The review changed after you opened this page, or has already been submitted. Check the answers again before submitting',
				},
			],
		}
	}
	return { ok: true }
}

// ---------------------------------------------------------------------------------------------
// The evidence bundle: the review record and every piece of evidence in one PDF, made by a job
// (docs/decisions/008-long-work-as-jobs.md). It changes nothing in the review, so it does not touch the draft.

export async function startEvidenceBundle(user: Editor, review: { id: string; laId: string }) {
	return startJob(
		{
			kind: 'BUNDLE',
			laId: review.laId,
			createdById: user.id,
			input: { reviewId: review.id },
			message: 'Putting the review record and the evidence together',
		},
		async (progress) => {
			const { record, evidence } = await buildReviewRecord(review.id)
			const recordBytes = await renderReviewRecord(record)
			const bytes = await renderEvidenceBundle({
				title: `Annual review record and evidence: ${record.child.name}`,
				councilName: record.councilName,
				childName: record.child.name,
				record: recordBytes,
				evidence: evidence.map((e) => ({
					title: e.title,
					fileName: e.fileName,
					contentType: e.contentType,
					load: () => readEvidenceBytes(e.storageKey),
				})),
				onProgress: (done, total) => void progress(done, total, `Added ${done} of ${total} evidence files`),
			})
			const storageKey = await saveDocument(bytes)
			const document = await prisma.generatedDocument.create({
				data: {
					reviewId: review.id,
					kind: 'EVIDENCE_BUNDLE',
					title: `Annual review record and evidence - ${record.child.name}.pdf`,
					storageKey,
					sizeBytes: bytes.byteLength,
				},
				select: { id: true },
			})
			await progress(evidence.length, evidence.length, 'The bundle is ready')
			return { documentId: document.id, reviewId: review.id }
		},
	)
}
