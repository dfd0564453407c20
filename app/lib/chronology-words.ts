/** What each email is, in the chronology's words. */
export const TEMPLATE_SUBJECT_HINTS: Record<string, string> = {
	'review-submitted-receipt': 'receipt for the review report, to the SENCo',
	'review-submitted-caseworker': 'review report received, to the council',
	'review-report-invitee': 'review report, to someone invited to the meeting (reg 20(8))',
	'decision-letter': 'decision letter',
	'amendment-notice': 'amendment notice (proposed amendments)',
	'final-plan-issued': 'final amended plan',
	'decision-not-to-amend': 'decision not to amend',
	'reminder-decision-due': 'reminder: decision due',
	'reminder-report-overdue': 'reminder: report overdue',
	'reminder-deadline-missed': 'deadline missed',
	'user-invite': 'invitation',
}
