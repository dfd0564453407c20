// The review record: everything the school recorded, as one view model for the check-your-answers
// page, the record PDF and the council's view of the review.
import { prisma } from '#app/db/db.server.ts'
import { checkQuality, type Finding, type QualityInput } from '#app/domain/quality-check.ts'
import {
	CHANGE_SECTIONS,
	INVITEE_ROLE_LABELS,
	NEXT_STEP_LABELS,
	PART_SCHEMAS,
	PART_SLUGS,
	PART_TITLES,
	PLAN_SECTION_TITLES,
	PROGRESS_LABELS,
	RECOMMENDATION_LABELS,
	requiredParts,
	sectionLabel,
	VOICE_PATHWAY_LABELS,
	needsPreparationForAdulthood,
	type InviteeRole,
	type PartKey,
	type PlanSection,
} from '#app/domain/review-parts.ts'
import { reviewStatusLabel, yearGroupLabel } from '#app/domain/review-status.ts'
import { decisionDueOn, reportDueOn } from '#app/domain/statutory-clock.ts'
import type { Prisma } from '#app/generated/sqlite/client.ts'
import { familyViewsForRecord } from '#app/queries/family-review.server.ts'
import { evidenceFileSelect, loadReview, partStates, planWording, type LoadedReview, type PartValues } from '#app/queries/review.server.ts'

/** The school's proposals in the order of the plan's sections, as the pages and the record list them. */
export const SCHOOL_PROPOSAL_ORDER: Prisma.AmendmentProposalOrderByWithRelationInput[] = [{ section: 'asc' }, { position: 'asc' }, { createdAt: 'asc' }]
/** A school's proposal: the section, the wording now and proposed, why, and the evidence it cites. */
export const schoolProposalSelect = {
	id: true,
	section: true,
	currentWording: true,
	proposedWording: true,
	reason: true,
	evidence: { select: { evidence: { select: { id: true, title: true } } } },
} as const

export async function loadProposalsAndEvidence(reviewId: string) {
	const [proposals, evidence] = await Promise.all([
		prisma.amendmentProposal.findMany({
			where: { reviewId, origin: 'SCHOOL' },
			orderBy: SCHOOL_PROPOSAL_ORDER,
			select: schoolProposalSelect,
		}),
		prisma.evidenceFile.findMany({
			where: { reviewId },
			orderBy: { uploadedAt: 'asc' },
			select: {
				...evidenceFileSelect,
				storageKey: true,
				uploadedBy: { select: { name: true } },
			},
		}),
	])
	return { proposals, evidence }
}
type Extras = Awaited<ReturnType<typeof loadProposalsAndEvidence>>

/** What the council's quality audit would flag, from the plan as the proposals would leave it. */
export function qualityInput(review: LoadedReview, proposals: Extras['proposals']): QualityInput {
	const states = partStates(review)
	const voice = states.CHILD_VIEWS.data
	const pfa = states.PFA.data
	const proposalFor = (s: string) => proposals.find((p) => p.section === s)
	return {
		yearGroup: review.child.yearGroup,
		childVoice: voice.pathway || voice.words ? { pathway: voice.pathway ?? 'written', words: voice.words ?? '' } : null,
		needs: proposalFor('B')?.proposedWording ?? review.planVersion.sectionB,
		// A proposal for E or F replaces the section; its wording is checked as a proposal.
		outcomes: proposalFor('E') ? [] : review.planVersion.outcomes.map((o) => ({ id: o.id, text: o.text })),
		provision: proposalFor('F')
			? []
			: review.planVersion.provisions.map((p) => ({ id: p.id, text: [p.what, p.who, p.frequency, p.duration].filter(Boolean).join('. ') })),
		preparationForAdulthood: needsPreparationForAdulthood(review.child.yearGroup)
			? { employment: pfa.employment ?? '', independentLiving: pfa.independentLiving ?? '', community: pfa.community ?? '', health: pfa.health ?? '' }
			: null,
		proposals: proposals.map((p) => ({ id: p.id, section: p.section as PlanSection, proposedWording: p.proposedWording })),
	}
}

export type PartProblem = { part: PartKey; href: string; message: string }

/** Every part the review needs, checked as if marked complete: what stops submission. */
export function submissionProblems(review: LoadedReview): PartProblem[] {
	const states = partStates(review)
	const problems: PartProblem[] = []
	for (const key of requiredParts(review.child.yearGroup)) {
		const href = `/reviews/${review.id}/parts/${PART_SLUGS[key]}`
		const state = states[key]
		if (state.status === 'NOT_STARTED') {
			problems.push({ part: key, href, message: `Complete ‘${PART_TITLES[key]}’` })
			continue
		}
		const data =
			key === 'OUTCOMES'
				? alignOutcomes(states.OUTCOMES.data, review)
				: key === 'ATTENDANCE'
					? alignAttendance(states.ATTENDANCE.data, review)
					: state.data
		const parsed = PART_SCHEMAS[key].safeParse({ ...data, completed: 'yes' })
		if (!parsed.success) {
			problems.push({ part: key, href, message: `${PART_TITLES[key]}: ${parsed.error.issues[0]!.message}` })
		} else if (state.status !== 'COMPLETED') {
			problems.push({ part: key, href, message: `Mark ‘${PART_TITLES[key]}’ as completed` })
		}
	}
	return problems
}

/** The saved progress, one row per outcome of the plan in the plan's order (a row for an outcome no longer in it is left out). */
export function alignOutcomes(data: PartValues<'OUTCOMES'>, review: Pick<LoadedReview, 'planVersion'>): PartValues<'OUTCOMES'> {
	const byId = new Map(data.outcomes.map((o) => [o.outcomeId, o]))
	return { ...data, outcomes: review.planVersion.outcomes.map((o) => ({ outcomeId: o.id, ...byId.get(o.id) })) }
}
function alignAttendance(data: PartValues<'ATTENDANCE'>, review: LoadedReview): PartValues<'ATTENDANCE'> {
	const byId = new Map(data.invitees.map((o) => [o.inviteeId, o]))
	return { ...data, invitees: review.invitees.map((i) => ({ inviteeId: i.id, ...byId.get(i.id) })) }
}

/** The whole record, ready for the page and the PDF (app/pdf/review-record.server.ts). */
export async function buildReviewRecord(reviewId: string) {
	const review = await loadReview(reviewId)
	const { proposals, evidence } = await loadProposalsAndEvidence(reviewId)
	const la = await prisma.annualReview.findUniqueOrThrow({ where: { id: reviewId }, select: { la: { select: { name: true } } } })
	const states = partStates(review)
	const voice = states.CHILD_VIEWS.data
	const parents = states.PARENT_VIEWS.data
	const outcomes = alignOutcomes(states.OUTCOMES.data, review).outcomes
	const changes = states.NEEDS_PROVISION.data.changes
	const pfa = states.PFA.data
	const rec = states.RECOMMENDATION.data
	const attendance = new Map(states.ATTENDANCE.data.invitees.map((r) => [r.inviteeId, r]))
	const findings: Finding[] = checkQuality(qualityInput(review, proposals))
	const sectionName = (s: string) => (s === 'PfA' ? 'Preparation for adulthood' : `Section ${s}: ${PLAN_SECTION_TITLES[s as PlanSection] ?? ''}`)
	// What the family sent online, in their own words (issue 14), beside the school's record of their views.
	const familyViews = await familyViewsForRecord(reviewId)
	return {
		review,
		parts: states,
		findings,
		proposals,
		evidence,
		record: {
			councilName: la.la.name,
			child: {
				name: `${review.child.firstName} ${review.child.lastName}`,
				dateOfBirth: review.child.dateOfBirth,
				upn: review.child.upn,
				yearGroup: yearGroupLabel(review.child.yearGroup),
				school: review.child.school?.name ?? '',
			},
			review: {
				meetingOn: review.meetingOn,
				meetingTime: review.meetingTime,
				meetingPlace: review.meetingPlace,
				dueOn: review.dueOn,
				statusLabel: reviewStatusLabel(review.status),
				submittedAt: review.submittedAt,
				reportDueOn: review.meetingOn ? reportDueOn(review.meetingOn) : null,
				decisionDueOn: review.meetingOn ? decisionDueOn(review.meetingOn) : null,
			},
			attendees: review.invitees.map((i) => {
				const row = attendance.get(i.id)
				return {
					role: INVITEE_ROLE_LABELS[i.role as InviteeRole] ?? i.role,
					name: i.name,
					attended: row?.attended ? row.attended === 'yes' : i.attended,
					contributedAdvice: row?.contributedAdvice ? row.contributedAdvice === 'yes' : i.contributedAdvice,
				}
			}),
			childVoice: voice.words
				? {
						pathway: voice.pathway ? VOICE_PATHWAY_LABELS[voice.pathway].label : 'Not recorded',
						words: voice.words,
						recordedBy:
							[voice.recordedBy, voice.howCommunicated && `How they communicated: ${voice.howCommunicated}`].filter(Boolean).join('. ') ||
							undefined,
					}
				: null,
			parentViews: [parents.views, parents.givenBy && `Given by: ${parents.givenBy}`].filter(Boolean).join('\n\n'),
			familyViews,
			outcomes: review.planVersion.outcomes.map((o, i) => ({
				text: o.text,
				progress: outcomes[i]?.progress ? PROGRESS_LABELS[outcomes[i].progress] : 'Not recorded',
				evidence: outcomes[i]?.evidence ?? '',
				next: outcomes[i]?.next ? NEXT_STEP_LABELS[outcomes[i].next] : 'Not recorded',
			})),
			sectionChanges: CHANGE_SECTIONS.map((s) => ({
				section: s,
				title: PLAN_SECTION_TITLES[s],
				currentWording: planWording(review.planVersion, s),
				changes: changes[s] ?? '',
			})),
			preparationForAdulthood: needsPreparationForAdulthood(review.child.yearGroup)
				? { employment: pfa.employment ?? '', independentLiving: pfa.independentLiving ?? '', community: pfa.community ?? '', health: pfa.health ?? '' }
				: null,
			recommendation: rec.recommendation
				? {
						decision: RECOMMENDATION_LABELS[rec.recommendation].label,
						reasons: rec.reasons ?? '',
						disagreements: rec.agreed === 'yes' ? 'Everyone at the meeting agreed.' : (rec.disagreements ?? ''),
					}
				: null,
			proposals: proposals.map((p) => ({
				section: p.section,
				title: sectionLabel(p.section as PlanSection),
				currentWording: p.currentWording,
				proposedWording: p.proposedWording,
				reason: p.reason,
				evidence: p.evidence.map((e) => e.evidence.title),
			})),
			quality: findings.map((f) => ({ section: sectionName(f.section), message: f.message, example: f.example })),
			evidence: evidence.map((e) => ({
				title: e.title,
				fileName: e.fileName,
				contentType: e.contentType,
				sizeBytes: e.sizeBytes,
				uploadedAt: e.uploadedAt,
				uploadedBy: e.uploadedBy.name,
			})),
			generatedAt: new Date(),
		},
	}
}
export type BuiltRecord = Awaited<ReturnType<typeof buildReviewRecord>>
