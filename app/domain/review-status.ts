// The annual review's lifecycle, in the words users see. Tag colours follow the GOV.UK task list and
// are never the only signal: the words say the state.
export const REVIEW_STATUSES = ['DRAFT', 'SUBMITTED', 'DECISION_MADE', 'NOTICE_ISSUED', 'REPRESENTATIONS', 'FINAL_ISSUED', 'CLOSED'] as const
export type ReviewStatus = (typeof REVIEW_STATUSES)[number]

export const REVIEW_STATUS_LABELS: Record<ReviewStatus, string> = {
	DRAFT: 'Draft',
	SUBMITTED: 'Report submitted',
	DECISION_MADE: 'Decision made',
	NOTICE_ISSUED: 'Amendment notice issued',
	REPRESENTATIONS: 'Representations received',
	FINAL_ISSUED: 'Final plan issued',
	CLOSED: 'Closed',
}

const TAG_CLASSES: Record<ReviewStatus, string> = {
	DRAFT: 'govuk-tag--light-blue',
	SUBMITTED: 'govuk-tag--blue',
	DECISION_MADE: 'govuk-tag--purple',
	NOTICE_ISSUED: 'govuk-tag--orange',
	REPRESENTATIONS: 'govuk-tag--yellow',
	FINAL_ISSUED: 'govuk-tag--green',
	CLOSED: 'govuk-tag--grey',
}

export function isReviewStatus(value: string): value is ReviewStatus {
	return (REVIEW_STATUSES as readonly string[]).includes(value)
}

export function reviewStatusLabel(status: string | null | undefined): string {
	if (!status) return 'Not started'
	return isReviewStatus(status) ? REVIEW_STATUS_LABELS[status] : status
}

export function reviewStatusTag(status: string | null | undefined): string {
	if (!status) return 'govuk-tag govuk-tag--grey'
	return `govuk-tag ${isReviewStatus(status) ? TAG_CLASSES[status] : ''}`
}

/** Open reviews are on a caseload: everything before the review is closed. */
export const OPEN_REVIEW_STATUSES: ReviewStatus[] = ['DRAFT', 'SUBMITTED', 'DECISION_MADE', 'NOTICE_ISSUED', 'REPRESENTATIONS', 'FINAL_ISSUED']

export function yearGroupLabel(yearGroup: number | null | undefined): string {
	if (yearGroup === null || yearGroup === undefined) return 'Not known'
	if (yearGroup < 0) return 'Nursery'
	if (yearGroup === 0) return 'Reception'
	if (yearGroup > 13) return 'Post-19'
	return `Year ${yearGroup}`
}

export const SCHOOL_PHASES = ['EARLY_YEARS', 'PRIMARY', 'SECONDARY', 'ALL_THROUGH', 'SPECIAL', 'POST16', 'FE'] as const
export const SCHOOL_PHASE_LABELS: Record<(typeof SCHOOL_PHASES)[number], string> = {
	EARLY_YEARS: 'Early years',
	PRIMARY: 'Primary',
	SECONDARY: 'Secondary',
	ALL_THROUGH: 'All-through',
	SPECIAL: 'Special',
	POST16: 'Post-16',
	FE: 'Further education',
}
