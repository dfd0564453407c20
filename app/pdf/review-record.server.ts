/**
 * The annual review record: everything the review found, in one document a parent can read.
 * It is what the school sends to the council and to everyone invited after the meeting (reg 20(7)-(8):
 * the report sets out the recommended amendments and any differences of view).
 */
import { todayInLondon, formatDate } from '#app/domain/calendar-date.ts'
import { diffWording } from '#app/domain/wording-diff.ts'
import { formatDateTime } from '#app/lib/format.ts'
import { formatBytes, PdfWriter } from '#app/pdf/kit.server.ts'

export interface ReviewRecordInput {
	councilName: string
	child: { name: string; dateOfBirth: string /* YYYY-MM-DD */; upn: string; yearGroup: string; school: string }
	review: {
		meetingOn: string | null
		meetingTime: string | null
		meetingPlace: string
		dueOn: string
		statusLabel: string
		submittedAt: Date | null
		reportDueOn: string | null
		decisionDueOn: string | null
	}
	attendees: Array<{ role: string; name: string; attended: boolean | null; contributedAdvice: boolean }>
	childVoice: { pathway: string; words: string; recordedBy?: string } | null
	parentViews: string
	/**
	 * What the family sent online in their own words (issue 14; app/queries/family-review.server.ts familyViewsForRecord),
	 * printed in the views' sections marked as theirs, before the school's record of them. Optional: absent, none.
	 */
	familyViews?: Array<{ part: 'PARENT_VIEWS' | 'CHILD_VIEWS'; heading: string; text: string }>
	outcomes: Array<{ text: string; progress: string; evidence: string; next: string }>
	sectionChanges: Array<{ section: string; title: string; currentWording: string; changes: string }>
	preparationForAdulthood: { employment: string; independentLiving: string; community: string; health: string } | null
	recommendation: { decision: string; reasons: string; disagreements: string } | null
	proposals: Array<{ section: string; title: string; currentWording: string; proposedWording: string; reason: string; evidence: string[] }>
	quality: Array<{ section: string; message: string; example: string }>
	evidence: Array<{ title: string; fileName: string; contentType: string; sizeBytes: number; uploadedAt: Date; uploadedBy: string }>
	generatedAt: Date
}

// The stored codes (prisma/schema.prisma) in the words a family would use; anything else is printed as given.
const ROLE_LABELS: Record<string, string> = {
	PARENT: 'Parent or carer',
	YOUNG_PERSON: 'Young person',
	SCHOOL_STAFF: 'School staff',
	LA_OFFICER: 'Council officer',
	HEALTH: 'Health',
	SOCIAL_CARE: 'Social care',
	OTHER: 'Other',
}
const PROGRESS_LABELS: Record<string, string> = { ACHIEVED: 'Achieved', PROGRESSING: 'Making progress', NOT_YET: 'Not yet making progress' }
const NEXT_LABELS: Record<string, string> = {
	CONTINUE: 'Keep this outcome',
	CHANGE: 'Change this outcome',
	END: 'End this outcome (achieved or no longer needed)',
}
const DECISION_LABELS: Record<string, string> = {
	MAINTAIN: 'Keep the plan as it is (maintain)',
	AMEND: 'Change the plan (amend)',
	CEASE: 'Stop the plan (cease to maintain)',
}

/** The columns of the invitees' and the evidence's tables. */
const ATTENDEE_COLUMNS = [
	{ header: 'Name', width: 3 },
	{ header: 'Role', width: 2.5 },
	{ header: 'Attended', width: 1.6 },
	{ header: 'Gave advice', width: 1.6 },
]
const EVIDENCE_COLUMNS = [
	{ header: 'Title', width: 3.2 },
	{ header: 'File', width: 2.4 },
	{ header: 'Size', width: 1 },
	{ header: 'Uploaded', width: 2.2 },
]

const label = (labels: Record<string, string>, value: string) => labels[value] ?? value
const orNone = (text: string, none = 'Not recorded.') => (text.trim() ? text : none)

export function sectionHeading(section: string, title: string) {
	return `Section ${section}: ${title}`
}

export async function renderReviewRecord(input: ReviewRecordInput): Promise<Uint8Array> {
	const { child, review } = input
	const pdf = await PdfWriter.create({
		title: `Annual review record: ${child.name}`,
		subject: `Record of the annual review of ${child.name}'s education, health and care plan`,
		councilName: input.councilName,
		childName: child.name,
		createdAt: input.generatedAt,
		keywords: ['EHC plan', 'annual review'],
	})
	const note = (text: string) => pdf.paragraph(text, { font: 'bold', size: 11, spaceAfter: 3 })

	pdf.h1(`Annual review record: ${child.name}`)
	pdf.paragraph(
		`This is the record of the annual review of ${child.name}'s education, health and care (EHC) plan. ` +
			`It was produced on ${formatDateTime(input.generatedAt)} for ${input.councilName}. The review is: ${review.statusLabel}.`,
	)

	pdf.h2(`About ${child.name}`)
	pdf.summaryList([
		['Name', child.name],
		['Date of birth', formatDate(child.dateOfBirth)],
		['Unique pupil number', child.upn],
		['Year group', child.yearGroup],
		['School or setting', child.school],
	])

	pdf.h2('The review meeting')
	pdf.summaryList([
		['Review due by', formatDate(review.dueOn)],
		['Meeting date', review.meetingOn ? formatDate(review.meetingOn) : 'Not arranged yet'],
		['Time', review.meetingTime ?? 'Not set'],
		['Place', orNone(review.meetingPlace, 'Not set')],
		['Review report sent to the council', review.submittedAt ? formatDateTime(review.submittedAt) : 'Not sent yet'],
		...(review.reportDueOn ? [['Report due by', formatDate(review.reportDueOn)] as [string, string]] : []),
		...(review.decisionDueOn ? [['Council decision due by', formatDate(review.decisionDueOn)] as [string, string]] : []),
	])
	pdf.h3('Who was invited')
	pdf.tableOr(
		'No one has been recorded as invited.',
		ATTENDEE_COLUMNS,
		input.attendees.map((a) => [
			a.name,
			label(ROLE_LABELS, a.role),
			a.attended === null ? 'Not recorded' : a.attended ? 'Yes' : 'No',
			a.contributedAdvice ? 'Yes' : 'No',
		]),
	)

	// The family's own words, marked as theirs: the review took account of them (Children and Families Act 2014 s.19).
	const familyWords = (part: 'PARENT_VIEWS' | 'CHILD_VIEWS') => {
		for (const views of (input.familyViews ?? []).filter((v) => v.part === part)) {
			note(views.heading)
			pdf.paragraph(orNone(views.text), { bar: true })
		}
	}
	const familyGave = (part: 'PARENT_VIEWS' | 'CHILD_VIEWS') => (input.familyViews ?? []).some((v) => v.part === part)

	pdf.h2(`${child.name}'s views`)
	familyWords('CHILD_VIEWS')
	if (familyGave('CHILD_VIEWS') && input.childVoice) note("The school's record of these views")
	if (!input.childVoice) pdf.paragraph(familyGave('CHILD_VIEWS') ? 'The school has not recorded these views separately.' : 'Not recorded.')
	else {
		pdf.paragraph(`How these views were gathered: ${input.childVoice.pathway}`)
		note('In their own words')
		pdf.paragraph(orNone(input.childVoice.words), { bar: true })
		if (input.childVoice.recordedBy) pdf.paragraph(`Recorded by ${input.childVoice.recordedBy}.`, { font: 'italic', size: 10 })
	}

	pdf.h2("Parents' and carers' views")
	familyWords('PARENT_VIEWS')
	if (familyGave('PARENT_VIEWS')) {
		note("The school's record of these views")
		pdf.paragraph(orNone(input.parentViews, 'The school has not recorded these views separately.'), { bar: Boolean(input.parentViews.trim()) })
	} else pdf.paragraph(orNone(input.parentViews), { bar: Boolean(input.parentViews.trim()) })

	pdf.h2('Progress towards each outcome')
	if (input.outcomes.length === 0) pdf.paragraph('No outcomes were reviewed.')
	input.outcomes.forEach((outcome, i) => {
		pdf.h3(`Outcome ${i + 1}`)
		pdf.paragraph(outcome.text, { bar: true })
		pdf.summaryList([
			['Progress', label(PROGRESS_LABELS, outcome.progress)],
			['Evidence of progress', orNone(outcome.evidence)],
			['What next', label(NEXT_LABELS, outcome.next)],
		])
	})

	pdf.h2('Changes since the last review, section by section')
	if (input.sectionChanges.length === 0) pdf.paragraph('No changes were recorded.')
	for (const change of input.sectionChanges) {
		pdf.h3(sectionHeading(change.section, change.title))
		note('What the plan says now')
		pdf.paragraph(orNone(change.currentWording, 'This section is empty.'), { bar: true })
		note('What has changed')
		pdf.paragraph(orNone(change.changes, 'No change.'))
	}

	if (input.preparationForAdulthood) {
		const pfa = input.preparationForAdulthood
		// From Year 9 every review considers preparation for adulthood (reg 20(6); CoP 9.179).
		pdf.h2('Preparing for adulthood')
		pdf.summaryList([
			['Employment and further education', orNone(pfa.employment)],
			['Independent living', orNone(pfa.independentLiving)],
			['Friends, relationships and community', orNone(pfa.community)],
			['Good health', orNone(pfa.health)],
		])
	}

	pdf.h2("The meeting's recommendation")
	if (!input.recommendation) pdf.paragraph('No recommendation has been recorded yet.')
	else
		pdf.summaryList([
			['Recommendation', label(DECISION_LABELS, input.recommendation.decision)],
			['Reasons', orNone(input.recommendation.reasons)],
			['Differences of view', orNone(input.recommendation.disagreements, 'None recorded.')],
		])

	pdf.h2('Proposed amendments to the plan')
	if (input.proposals.length === 0) pdf.paragraph('No amendments were proposed.')
	else {
		pdf.paragraph('Each proposal shows what the plan says now, then the proposed wording with the changes marked.')
		pdf.legend()
	}
	input.proposals.forEach((proposal, i) => {
		pdf.h3(`Proposal ${i + 1}: ${sectionHeading(proposal.section, proposal.title)}`)
		note('Current wording')
		pdf.paragraph(orNone(proposal.currentWording, 'This section has no wording yet.'), { bar: true })
		note('Proposed wording, with the changes marked')
		pdf.diffBlock(diffWording(proposal.currentWording, proposal.proposedWording))
		note('Reason')
		pdf.paragraph(orNone(proposal.reason))
		note('Evidence')
		if (proposal.evidence.length) pdf.bullets(proposal.evidence)
		else pdf.paragraph('No evidence linked.')
	})

	pdf.h2('Quality check')
	if (input.quality.length === 0) pdf.paragraph("The portal's quality check found nothing to improve.")
	else {
		pdf.paragraph(
			`The portal's quality check found ${input.quality.length === 1 ? '1 thing' : `${input.quality.length} things`} to improve before the plan is amended.`,
		)
		pdf.table(
			[
				{ header: 'Section', width: 1 },
				{ header: 'What to improve', width: 3 },
				{ header: 'For example', width: 3 },
			],
			input.quality.map((q) => [q.section, q.message, q.example]),
		)
	}

	pdf.h2('Evidence')
	pdf.tableOr(
		'No evidence was uploaded.',
		EVIDENCE_COLUMNS,
		input.evidence.map((e) => [e.title, e.fileName, formatBytes(e.sizeBytes), `${formatDate(todayInLondon(e.uploadedAt))} by ${e.uploadedBy}`]),
	)

	return pdf.save()
}
