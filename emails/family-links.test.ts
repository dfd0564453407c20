// The family's emails send them to the portal (issue 14: "Emails to families link to the portal"): each letter email
// to the parent, young person or the person acting for them says they can read it and reply online and where to sign
// in; the school's, the head teacher's and health's copies do not.
import { expect, test } from 'vitest'
import { renderTemplate } from '#emails/index.ts'

const ctx = { appUrl: 'https://reviews.council.example.gov.uk/', councilName: 'Example Council' }
const SIGN_IN = 'https://reviews.council.example.gov.uk/family/sign-in'
const READ_AND_REPLY = `You can read this letter and reply online: sign in at ${SIGN_IN}`

const letter = {
	reviewId: 'review-1',
	child: { firstName: 'Sam', lastName: 'Okafor' },
	contact: { name: 'Jo Caseworker', email: 'jo@council.example.gov.uk', phone: '01234 567890' },
	attachments: [{ documentId: 'doc-1' }],
}

const samples = {
	'decision-letter': {
		...letter,
		decision: 'MAINTAIN',
		meetingOn: '2027-03-01',
		decidedOn: '2027-03-20',
		appealBy: '2027-05-20',
		nextReviewDueOn: '2028-02-29',
	},
	'amendment-notice': {
		...letter,
		meetingOn: '2027-03-01',
		issuedOn: '2027-03-20',
		representationsCloseOn: '2027-04-03',
		finalPlanDueOn: '2027-05-15',
		amendmentCount: 2,
	},
	'final-plan-issued': { ...letter, issuedOn: '2027-04-20', namedPlacement: 'Oakfield Primary School', appealBy: '2027-06-20' },
	'decision-not-to-amend': {
		...letter,
		noticeIssuedOn: '2027-03-20',
		decidedOn: '2027-04-20',
		reasons: 'The family asked us not to.',
		appealBy: '2027-06-20',
	},
} as const

const render = (name: keyof typeof samples, audience: string) => renderTemplate(name, { ...samples[name], audience }, ctx)

const familyAudiences = ['PARENT', 'YOUNG_PERSON', 'REPRESENTATIVE'] as const

test.each(Object.keys(samples) as Array<keyof typeof samples>)('%s to the family says they can read it and reply online, and where', (name) => {
	for (const audience of familyAudiences) {
		const email = render(name, audience)
		expect(email.text, `${name} to ${audience}`).toContain(READ_AND_REPLY)
		expect(email.html, `${name} to ${audience}`).toContain(`You can read this letter and reply online: sign in at ${SIGN_IN}`)
	}
	// A parent's copy of a young person's letter: they can read it there; the reply is the young person's.
	const copy = render(name, 'PARENT_COPY')
	expect(copy.text).toContain(`You can read this letter online: sign in at ${SIGN_IN}`)
	expect(copy.text).not.toContain('reply online')
})

test('the school’s, the head teacher’s and health’s copies have no family sign-in link', () => {
	const staff = [
		render('decision-letter', 'HEAD_TEACHER'),
		render('amendment-notice', 'SCHOOL'),
		render('final-plan-issued', 'SCHOOL'),
		render('final-plan-issued', 'HEALTH'),
		render('final-plan-issued', 'NAMED_SCHOOL'),
		render('decision-not-to-amend', 'SCHOOL'),
	]
	for (const email of staff) {
		expect(email.text).not.toContain('/family/sign-in')
		expect(email.html).not.toContain('/family/sign-in')
	}
})

test('the review report to a parent or young person invited says they can read it online; to a professional it does not', () => {
	const report = (audience: string) =>
		renderTemplate(
			'review-report-invitee',
			{
				reviewId: 'review-1',
				child: { firstName: 'Sam', lastName: 'Okafor' },
				schoolName: 'Oakfield Primary School',
				meetingOn: '2027-03-01',
				submittedAt: new Date('2027-03-10T10:00:00Z'),
				decisionDueOn: '2027-03-29',
				audience,
				attachments: [{ documentId: 'doc-1' }],
			},
			ctx,
		)
	for (const audience of ['PARENT', 'YOUNG_PERSON']) expect(report(audience).text).toContain(`You can read this report online: sign in at ${SIGN_IN}`)
	for (const audience of ['SCHOOL_STAFF', 'LA_OFFICER', 'HEALTH', 'SOCIAL_CARE', 'OTHER']) expect(report(audience).text).not.toContain('/family/sign-in')
})
