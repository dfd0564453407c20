import { expect, test } from 'vitest'
import { renderTemplate, TEMPLATE_NAMES, templates, type PayloadOf, type TemplateName } from '#emails/index.ts'

const ctx = { appUrl: 'https://reviews.kent.example.gov.uk', councilName: 'Kent County Council' }
const child = { firstName: 'Amira', lastName: 'Khan' }
const contact = { name: 'Priya Shah', email: 'priya.shah@kent.example.gov.uk', phone: '03000 412345' }
const reviewLink = 'https://reviews.kent.example.gov.uk/reviews/rev_123'

// One realistic payload per template: the meeting was on 1 March 2027, so the report was due on 15 March
// and the decision on 29 March (SEND Regulations 2014 reg 20(7) and 20(10)).
const samples: { [Name in TemplateName]: PayloadOf<Name> } = {
	'review-submitted-receipt': {
		reviewId: 'rev_123',
		child,
		schoolName: 'Oakfield Primary School',
		meetingOn: '2027-03-01',
		submittedAt: new Date('2027-03-10T14:05:00Z'),
		reportDueOn: '2027-03-15',
		decisionDueOn: '2027-03-29',
	},
	'review-submitted-caseworker': {
		reviewId: 'rev_123',
		child,
		schoolName: 'Oakfield Primary School',
		meetingOn: '2027-03-01',
		submittedAt: '2027-03-10T14:05:00.000Z',
		decisionDueOn: '2027-03-29',
		recommendation: 'AMEND',
		proposedAmendments: 3,
	},
	'review-report-invitee': {
		reviewId: 'rev_123',
		child,
		schoolName: 'Oakfield Primary School',
		meetingOn: '2027-03-01',
		submittedAt: new Date('2027-03-10T14:05:00Z'),
		decisionDueOn: '2027-03-29',
		audience: 'PARENT',
		attachments: [{ documentId: 'doc_record' }],
	},
	'decision-letter': {
		reviewId: 'rev_123',
		child,
		audience: 'PARENT',
		decision: 'MAINTAIN',
		meetingOn: '2027-03-01',
		decidedOn: '2027-03-20',
		appealBy: '2027-05-20',
		nextReviewDueOn: '2028-03-01',
		contact,
		attachments: [{ documentId: 'doc_1' }],
	},
	'amendment-notice': {
		reviewId: 'rev_123',
		child,
		audience: 'PARENT',
		meetingOn: '2027-03-01',
		issuedOn: '2027-03-22',
		representationsCloseOn: '2027-04-05',
		finalPlanDueOn: '2027-05-17',
		amendmentCount: 4,
		contact,
		attachments: [{ documentId: 'doc_2' }],
	},
	'final-plan-issued': {
		reviewId: 'rev_123',
		child,
		audience: 'PARENT',
		issuedOn: '2027-05-10',
		namedPlacement: 'Highfield Academy',
		appealBy: '2027-07-10',
		contact,
		attachments: [{ documentId: 'doc_3' }],
	},
	'plan-ceased-health': {
		reviewId: 'rev_123',
		child,
		schoolName: 'Oakfield Primary School',
		meetingOn: '2027-03-01',
		decidedOn: '2027-03-20',
		appealBy: '2027-05-20',
		contact,
		attachments: [{ documentId: 'doc_5' }],
	},
	'decision-not-to-amend': {
		reviewId: 'rev_123',
		child,
		audience: 'PARENT',
		noticeIssuedOn: '2027-03-22',
		decidedOn: '2027-04-20',
		reasons: 'The speech and language therapy report of April 2027 shows the current provision is meeting Amira’s needs.',
		appealBy: '2027-06-20',
		contact,
	},
	'reminder-decision-due': {
		reviewId: 'rev_123',
		child,
		schoolName: 'Oakfield Primary School',
		meetingOn: '2027-03-01',
		decisionDueOn: '2027-03-29',
		daysLeft: 5,
		reportReceivedOn: '2027-03-10',
	},
	'reminder-report-overdue': {
		reviewId: 'rev_123',
		child,
		schoolName: 'Oakfield Primary School',
		meetingOn: '2027-03-01',
		reportDueOn: '2027-03-15',
		daysLate: 2,
		decisionDueOn: '2027-03-29',
	},
	'reminder-deadline-missed': {
		reviewId: 'rev_123',
		child,
		schoolName: 'Oakfield Primary School',
		deadline: 'la_decision',
		dueOn: '2027-03-29',
		daysLate: 1,
		caseworkerName: 'Priya Shah',
	},
	'user-invite': {
		name: 'Sam Patel',
		organisationName: 'Oakfield Primary School',
		roles: ['SENCO'],
		invitedByName: 'Daniel Okafor',
		token: 'tok_0123456789abcdefghij',
		expiresAt: new Date('2027-03-04T17:00:00Z'),
	},
	'password-reset': {
		name: 'Sam Patel',
		email: 'sam.patel@oakfield-primary.example.org',
		requestedAt: new Date('2027-03-04T16:00:00Z'),
		token: 'tok_0123456789abcdefghij',
		expiresAt: new Date('2027-03-04T17:00:00Z'),
	},
	'family-sign-in': {
		name: 'Jo Smith',
		token: 'tok_0123456789abcdefghij',
		expiresAt: new Date('2027-03-04T17:00:00Z'),
		invitedByName: 'Sam Patel',
		child: { firstName: 'Amira', lastName: 'Khan' },
	},
	'family-representation-caseworker': {
		reviewId: 'rev_123',
		child,
		fromName: 'Jo Khan',
		receivedOn: '2027-03-30',
		comments: [{ section: 'F', title: 'Special educational provision', comment: 'Speech therapy should stay weekly, not monthly.' }],
		general: 'Amira is happier at school this year.',
		requestedSchool: 'Highfield Academy (secondary school)',
		meetingRequested: true,
		fileName: 'letter.pdf',
		representationsCloseOn: '2027-04-05',
		finalPlanDueOn: '2027-05-17',
	},
	'family-representation-receipt': {
		reviewId: 'rev_123',
		child,
		fromName: 'Jo Khan',
		receivedOn: '2027-03-30',
		comments: [{ section: 'F', title: 'Special educational provision', comment: 'Speech therapy should stay weekly, not monthly.' }],
		general: 'Amira is happier at school this year.',
		requestedSchool: 'Highfield Academy (secondary school)',
		meetingRequested: true,
		fileName: 'letter.pdf',
		representationsCloseOn: '2027-04-05',
		finalPlanDueOn: '2027-05-17',
		noticeIssuedOn: '2027-03-22',
	},
}

/** Templates about an account, not a child. */
const ACCOUNT_TEMPLATES: TemplateName[] = ['user-invite', 'password-reset', 'family-sign-in']

function render<Name extends TemplateName>(name: Name, overrides: Partial<PayloadOf<Name>> = {}) {
	return renderTemplate(name, { ...samples[name], ...overrides }, ctx)
}

/** Checks an email's subject, what its plain-text part contains and does not, and what its HTML part contains. */
function expectEmail(
	email: { subject: string; text: string; html: string },
	{ subject, text = [], notText = [], html = [] }: { subject?: string; text?: string[]; notText?: string[]; html?: string[] },
) {
	if (subject !== undefined) expect(email.subject).toBe(subject)
	for (const part of text) expect(email.text).toContain(part)
	for (const part of notText) expect(email.text).not.toContain(part)
	for (const part of html) expect(email.html).toContain(part)
}

test('the registry lists each template under its own name', () => {
	expect(TEMPLATE_NAMES).toHaveLength(16) // plan-ceased-health: reg 31(2); review-report-invitee: reg 20(8)
	for (const name of TEMPLATE_NAMES) expect(templates[name].name).toBe(name)
})

test('no template sends a generic "you have new information" email: each names the child and a date', () => {
	for (const name of TEMPLATE_NAMES) {
		const email = render(name)
		for (const part of [email.subject, email.html, email.text]) {
			expect(part.toLowerCase()).not.toContain('new information')
			expect(part).toMatch(/\d{1,2} (January|February|March|April|May|June|July|August|September|October|November|December) 20\d\d/)
		}
		if (!ACCOUNT_TEMPLATES.includes(name)) {
			expect(email.subject, name).toContain('Amira K.')
			expect(email.subject, name).not.toContain('Khan') // first name and last initial in subjects
			expect(email.text, name).toContain('Amira Khan')
		}
		expect(email.text, name).not.toMatch(/<[a-z]/i)
		expect(email.html, name).toMatch(/^<!DOCTYPE html>/)
	}
})

test('every interpolated value is escaped in the HTML part', () => {
	const hostile = { firstName: '<script>alert("x")</script>', lastName: 'O’Brien & <b>Sons</b>' }
	for (const name of TEMPLATE_NAMES) {
		const payload =
			name === 'user-invite'
				? { ...samples[name], name: hostile.firstName, organisationName: hostile.lastName }
				: name === 'password-reset'
					? { ...samples[name], name: hostile.firstName, sentByName: hostile.lastName }
					: name === 'family-sign-in'
						? { ...samples[name], name: hostile.firstName, invitedByName: hostile.lastName }
						: { ...samples[name], child: hostile }
		const email = renderTemplate(name, payload, { ...ctx, councilName: 'Kent <i>County</i> Council' })
		expect(email.html, name).not.toContain('<script>')
		expect(email.html, name).not.toContain('<b>Sons')
		expect(email.html, name).not.toContain('<i>County')
		expect(email.html, name).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;')
		expect(email.text, name).toContain('<script>alert("x")</script>') // the plain-text part is shown as text
	}
})

test('a line break in a value cannot add a header to the subject', () => {
	const email = render('review-submitted-caseworker', { schoolName: 'Oakfield\r\nBcc: everyone@example.com' })
	expect(email.subject).not.toMatch(/[\r\n]/)
	expect(email.subject).toContain('Oakfield Bcc: everyone@example.com')
})

test('review-submitted-receipt tells the SENCo the report met its deadline and when the council decides', () => {
	expectEmail(render('review-submitted-receipt'), {
		subject: 'Review report received for Amira K.: council decision due by 29 March 2027',
		text: [
			'Oakfield Primary School submitted the annual review report for Amira Khan to Kent County Council at 10 March 2027 at 2:05pm.',
			'Report deadline: 15 March 2027 (met)',
			'It must tell the family and the head teacher its decision by 29 March 2027',
			'We have emailed the report to everyone invited to the meeting who has an email address (reg 20(8))',
			reviewLink,
		],
		html: [`href="${reviewLink}"`],
	})
})

test('review-submitted-receipt says by how many days a late report missed the 2-week deadline', () => {
	// 23:30 UTC on 17 March 2027 is 17 March in London (GMT), 2 days after the deadline.
	expectEmail(render('review-submitted-receipt', { submittedAt: new Date('2027-03-17T23:30:00Z') }), {
		text: ['Report deadline: 15 March 2027 (missed by 2 days)', 'The report was sent 2 days after the deadline of 15 March 2027'],
	})
})

test('review-report-invitee sends the report to everyone invited, attached, with what happens next (reg 20(8))', () => {
	const email = render('review-report-invitee')
	expectEmail(email, {
		subject: 'Annual review report for Amira K.: meeting on 1 March 2027',
		text: [
			'You were invited to Amira Khan’s annual review meeting on 1 March 2027.',
			'the law says everyone who was invited gets a copy (SEND Regulations 2014, regulation 20(8))',
			'The report is attached.',
			'tells the family and the head teacher by 29 March 2027',
			'tell the council: it will consider what you say',
		],
		notText: [reviewLink], // most invitees have no account: the report is attached, not linked
	})
	expect(email.attachments).toEqual([{ documentId: 'doc_record' }])
	expectEmail(render('review-report-invitee', { audience: 'YOUNG_PERSON' }), { text: ['You were invited to your annual review meeting'] })
	expectEmail(render('review-report-invitee', { audience: 'HEALTH' }), { text: ['missing from your advice'], notText: ['it will consider what you say'] })
	// The report is what the email is for: without it, it is not written.
	expect(() => render('review-report-invitee', { attachments: [] })).toThrow()
	expect(templates['review-report-invitee'].secretFields).toBeUndefined()
})

test('review-submitted-caseworker gives the child, school, meeting, recommendation and decision date', () => {
	expectEmail(render('review-submitted-caseworker'), {
		subject: 'Review report to decide: Amira K. (Oakfield Primary School), decision due by 29 March 2027',
		text: [
			'Review meeting held: 1 March 2027',
			'School recommends: Amend the plan',
			'Amendments proposed: 3',
			'Decide, and tell the family and the head teacher, by 29 March 2027',
		],
		html: [`href="${reviewLink}"`],
	})
	expectEmail(render('review-submitted-caseworker', { audience: 'MANAGER' }), { text: ['No caseworker is assigned to Amira Khan'] })
})

test('decision-letter states the decision, the attached letter and the appeal deadline', () => {
	expectEmail(render('decision-letter'), {
		subject: 'Annual review decision for Amira K., 20 March 2027: the EHC plan will be kept as it is',
		text: [
			'decided on 20 March 2027 to keep (maintain) the plan without changes. The decision letter is attached',
			'until 20 May 2027',
			'you must contact a mediation adviser',
			'Next annual review due by: 1 March 2028',
			'Contact Priya Shah, priya.shah@kent.example.gov.uk, 03000 412345.',
		],
	})
	expectEmail(render('decision-letter', { decision: 'CEASE', audience: 'HEAD_TEACHER' }), {
		subject: 'Annual review decision for Amira K., 20 March 2027: the EHC plan will be ceased',
		text: ['stop maintaining (cease) the plan', 'The family has been told of their right to appeal to the Tribunal, until 20 May 2027.'],
		notText: ['you must contact a mediation adviser'],
		html: [`href="${reviewLink}"`],
	})
	expectEmail(render('decision-letter', { audience: 'YOUNG_PERSON' }), {
		subject: 'Your annual review decision of 20 March 2027: your EHC plan will be kept as it is',
		html: ['Your EHC plan will be kept as it is'],
	})
})

test('decision-letter, amendment-notice and final-plan-issued need their document attached', () => {
	for (const name of ['decision-letter', 'amendment-notice', 'final-plan-issued'] as const) {
		expect(() => render(name, { attachments: [] }), name).toThrow()
	}
})

test('amendment-notice says when representations close and how to respond', () => {
	expectEmail(render('amendment-notice'), {
		subject: 'Proposed changes to Amira K.’s EHC plan: please reply by 5 April 2027',
		text: [
			'Kent County Council proposes 4 changes to Amira Khan’s EHC plan',
			'Replies close: 5 April 2027 (end of the day)',
			'Ask for a particular school or college to be named in the plan.',
			'Reply by email or phone to Priya Shah, priya.shah@kent.example.gov.uk, 03000 412345 by 5 April 2027',
			'by 17 May 2027',
		],
	})
	expectEmail(render('amendment-notice', { audience: 'SCHOOL' }), {
		subject: 'Proposed changes to Amira K.’s EHC plan: the family can reply by 5 April 2027',
		text: ['The family has until 5 April 2027 to respond.'],
		html: [`href="${reviewLink}"`],
	})
})

test('final-plan-issued names the plan, the date, the school named and the right of appeal', () => {
	expectEmail(render('final-plan-issued'), {
		subject: 'Final amended EHC plan for Amira K., issued on 10 May 2027',
		text: [
			'Kent County Council issued the final amended EHC plan for Amira Khan on 10 May 2027. It is attached',
			'School or college named (section I): Highfield Academy',
			'until 10 July 2027',
		],
	})
	expectEmail(render('final-plan-issued', { audience: 'HEALTH' }), { text: ['Section G sets out the health provision'], notText: ['mediation adviser'] })
	// reg 22(3)(b), s.43(2): a school named at the family's request is told it must admit, and gets no link to a review it cannot open.
	expectEmail(render('final-plan-issued', { audience: 'NAMED_SCHOOL' }), { text: ['must admit', 's.39'], notText: ['mediation adviser', 'View '] })
})

test('decision-not-to-amend gives the reasons and the appeal deadline', () => {
	expectEmail(render('decision-not-to-amend'), {
		subject: 'Amira K.’s EHC plan will not be amended after all: decision of 20 April 2027',
		text: ['On 22 March 2027 the council sent a notice proposing changes', 'The speech and language therapy report of April 2027', 'until 20 June 2027'],
	})
})

test('reminder-decision-due says how many days are left, for which child, and by when', () => {
	expectEmail(render('reminder-decision-due'), {
		subject: 'Decision due in 5 days for Amira K. (by 29 March 2027)',
		text: ['4 weeks after the review meeting on 1 March 2027 (SEND Regulations 2014 reg 20(10))', 'Review report: Received on 10 March 2027'],
		html: [`href="${reviewLink}"`],
	})
	expectEmail(render('reminder-decision-due', { daysLeft: 0 }), { subject: 'Decision due today for Amira K. (by 29 March 2027)' })
	expectEmail(render('reminder-decision-due', { audience: 'MANAGER' }), { text: ['Caseworker: Not assigned', 'No caseworker is assigned to Amira Khan'] })
})

test('reminder-report-overdue names the school, the days late and the unchanged decision date', () => {
	expectEmail(render('reminder-report-overdue'), {
		subject: 'Review report overdue for Amira K.: it was due by 15 March 2027 from Oakfield Primary School',
		text: ['It is 2 days late.', 'The council’s decision is still due by 29 March 2027.'],
	})
})

test('reminder-deadline-missed has a caseworker version and a manager version', () => {
	expectEmail(render('reminder-deadline-missed'), {
		subject: 'Deadline missed: the council decision for Amira K. was due by 29 March 2027',
		text: ['Late by: 1 day'],
		notText: ['Caseworker: Priya Shah'],
	})
	expectEmail(render('reminder-deadline-missed', { audience: 'MANAGER', deadline: 'final_plan', dueOn: '2027-05-17', daysLate: 3 }), {
		subject: 'Missed deadline on the caseload: the final amended plan for Amira K. was due by 17 May 2027',
		text: [
			'Caseworker: Priya Shah',
			'8 weeks after the amendment notice (SEND Regulations 2014 reg 22(3)-(4))',
			'you are an SEN manager at Kent County Council',
		],
	})
})

test('user-invite has a one-time link to set a password and says when it expires', () => {
	expectEmail(render('user-invite'), {
		subject: 'Set your password for the Kent County Council EHC annual review portal by 4 March 2027',
		text: ['Daniel Okafor has given you an account as SENCo at Oakfield Primary School.', 'This link works once and expires at 4 March 2027 at 5:00pm.'],
		html: ['href="https://reviews.kent.example.gov.uk/set-password/tok_0123456789abcdefghij"'],
	})
	expect(templates['user-invite'].secretFields).toEqual(['token'])
})

test('family-sign-in gives the one-time link, when it stops working and where to get another, with no password', () => {
	const invited = render('family-sign-in')
	expectEmail(invited, {
		subject: 'Take part in Amira K.’s EHC plan review online: sign in by 4 March 2027 at 5:00pm',
		text: [
			'Sam Patel has asked you',
			'https://reviews.kent.example.gov.uk/family/sign-in/tok_0123456789abcdefghij',
			'works once',
			'https://reviews.kent.example.gov.uk/family/sign-in ',
		],
		html: ['href="https://reviews.kent.example.gov.uk/family/sign-in/tok_0123456789abcdefghij"'],
	})
	const asked = render('family-sign-in', { invitedByName: null, child: null })
	expectEmail(asked, {
		subject: 'Your link to sign in to the Kent County Council EHC review portal, until 4 March 2027 at 5:00pm',
		text: ['You asked for a link'],
		notText: ['Sam Patel'],
	})
})

test('family-representation-caseworker tells the caseworker what the family sent online and what the council must do next', () => {
	const email = render('family-representation-caseworker')
	expectEmail(email, {
		subject: 'Representation made online for Amira K. on 30 March 2027: final plan due by 17 May 2027',
		text: [
			'Jo Khan made a representation about Amira Khan’s amendment notice in the portal on 30 March 2027.',
			'Comments on amendments: 1 (sections F)',
			'School or institution asked for: Highfield Academy (secondary school)',
			'Meeting with an officer asked for: Yes',
			'Letter or report attached: letter.pdf',
			'Consult Highfield Academy (secondary school) with a copy of the draft plan',
			'Arrange a meeting between the family and an officer of the council',
			'by 17 May 2027: 8 weeks after the notice',
			reviewLink,
		],
		// What the family wrote is read in the portal, not copied into the council's mailboxes.
		notText: ['Speech therapy should stay weekly', 'No caseworker is assigned'],
		html: [`href="${reviewLink}"`],
	})
	expectEmail(render('family-representation-caseworker', { audience: 'MANAGER' }), { text: ['No caseworker is assigned to Amira Khan'] })
	expectEmail(render('family-representation-caseworker', { schoolRequestAlready: 'Oakfield Primary School' }), {
		text: ['A school request was already recorded on this review (Oakfield Primary School)'],
		notText: ['Consult Highfield'],
	})
	expectEmail(render('family-representation-caseworker', { requestedSchool: null, meetingRequested: false, fileName: null, comments: [] }), {
		text: ['School or institution asked for: None', 'Comments on amendments: None', 'Letter or report attached: None'],
		notText: ['Arrange a meeting', 'Consult '],
	})
	expect(templates['family-representation-caseworker'].secretFields).toBeUndefined()
})

test('family-representation-receipt gives the family what they sent, the date, what happens next and the 8 weeks, with a link to the portal', () => {
	const notice = 'https://reviews.kent.example.gov.uk/family/reviews/rev_123/notice'
	expectEmail(render('family-representation-receipt'), {
		subject: 'We have your reply about Amira K.’s EHC plan, sent on 30 March 2027',
		text: [
			'You replied online on 30 March 2027 to the changes Kent County Council wants to make to Amira Khan’s EHC plan.',
			'About section F, Special educational provision: Speech therapy should stay weekly, not monthly.',
			'Your other comments: Amira is happier at school this year.',
			'School or college you asked for: Highfield Academy (secondary school)',
			'Letter or report: letter.pdf',
			'The council will contact you to arrange a meeting.',
			'You can send more until 5 April 2027.',
			'The council must send you the final plan by 17 May 2027. That is 8 weeks after the notice of 22 March 2027',
			notice,
			'https://reviews.kent.example.gov.uk/family/sign-in ',
		],
		html: [`href="${notice}"`],
	})
	expectEmail(render('family-representation-receipt', { self: true, schoolRequestAlready: 'Oakfield Primary School' }), {
		subject: 'We have your reply about your EHC plan, sent on 30 March 2027',
		text: ['make to your EHC plan', 'The council already has a request for a school for this review (Oakfield Primary School)'],
		notText: ['The council will ask Highfield'],
	})
})

test('password-reset says who asked and when, gives the one-time link and its expiry, and names only the account it is for', () => {
	const link = 'https://reviews.kent.example.gov.uk/set-password/tok_0123456789abcdefghij'
	const email = render('password-reset')
	expect(email.subject).toBe('Set a new password for the Kent County Council EHC annual review portal by 4 March 2027 at 5:00pm')
	for (const part of [email.html, email.text]) {
		expect(part).toContain(
			'Someone asked to reset the password for the account sam.patel@oakfield-primary.example.org on the EHC annual review portal, on 4 March 2027 at 4:00pm.',
		)
		expect(part).toContain('This link works once and expires at 4 March 2027 at 5:00pm.')
		expect(part).toContain('If you did not ask, you can ignore this email; your password has not changed.')
		// The only address in the message is the account's own (the reader learns of no other account).
		const addresses = part.match(/[\w.+-]+@[\w-]+(\.[\w-]+)+/g) ?? []
		expect(new Set(addresses)).toEqual(new Set(['sam.patel@oakfield-primary.example.org']))
	}
	expectEmail(email, { text: [link, 'https://reviews.kent.example.gov.uk/reset-password'], html: [`href="${link}"`] })
	expect(templates['password-reset'].secretFields).toEqual(['token'])

	expectEmail(render('password-reset', { sentByName: 'Daniel Okafor' }), {
		text: [
			'Daniel Okafor of your council’s SEN team sent you a link to set a new password for the account sam.patel@oakfield-primary.example.org',
			'your password has not changed',
		],
		notText: ['Someone asked'],
	})
})

test('payloads are validated: impossible dates and unknown templates are refused', () => {
	expect(() => render('reminder-decision-due', { decisionDueOn: '2027-02-30' })).toThrow()
	expect(() => render('reminder-decision-due', { daysLeft: -1 })).toThrow()
	expect(() => renderTemplate('you-have-new-information', {}, ctx)).toThrow(/Unknown email template/)
})

// Young people in their own right (app/domain/young-person.ts): the letter emails in each family voice.
test('to a young person the letter emails say "you" and "your plan", and why the letter is to them', () => {
	const standing = 'We are writing to you, rather than to your parents, because you are over compulsory school age'
	expectEmail(render('decision-letter', { audience: 'YOUNG_PERSON' }), { text: [standing, 'until 20 May 2027', 'you must contact a mediation adviser'] })
	expectEmail(render('amendment-notice', { audience: 'YOUNG_PERSON' }), {
		subject: 'Proposed changes to your EHC plan: please reply by 5 April 2027',
		text: [standing, 'proposes 4 changes to your EHC plan', 'A copy of your current EHC plan', 'Ask for a particular school or college'],
		notText: ['giving Amira Khan’s name'],
	})
	expectEmail(render('final-plan-issued', { audience: 'YOUNG_PERSON' }), {
		subject: 'Your final amended EHC plan, issued on 10 May 2027',
		text: ['issued the final amended EHC plan for you on 10 May 2027', 'the description of your special educational needs (section B)'],
	})
	expectEmail(render('decision-not-to-amend', { audience: 'YOUNG_PERSON' }), {
		subject: 'Your EHC plan will not be amended after all: decision of 20 April 2027',
		text: ['changes to your EHC plan', 'Having considered your response'],
	})
})

test('to the person acting for a young person who lacks capacity: as that person (reg 64), the rights theirs to use', () => {
	const email = render('decision-letter', { audience: 'REPRESENTATIVE', actingAs: 'DEPUTY' })
	expectEmail(email, {
		subject: 'Annual review decision for Amira K., 20 March 2027: the EHC plan will be kept as it is',
		text: [
			'We are writing to you as Amira Khan’s deputy, appointed by the Court of Protection, because Amira Khan does not have the capacity',
			'regulation 64',
			'until 20 May 2027',
			'you must contact a mediation adviser',
		],
		notText: ['The family has been told', 'for the school’s SENCo'],
	})
	expectEmail(render('amendment-notice', { audience: 'REPRESENTATIVE', actingAs: 'PARENT' }), {
		text: ['as the parent acting for Amira Khan', 'You have until 5 April 2027 to tell us what you think'],
	})
	expect(() => render('decision-letter', { audience: 'REPRESENTATIVE', actingAs: 'GUARDIAN' as never })).toThrow()
})

test('a copy to a young person’s parent (with their agreement) says it is a copy, and that the rights are the young person’s', () => {
	const copy = 'This is a copy for you. The letter is to Amira Khan, who has agreed that we send you copies'
	expectEmail(render('decision-letter', { audience: 'PARENT_COPY' }), {
		subject: 'Copy: annual review decision for Amira K., 20 March 2027: the EHC plan will be kept as it is',
		text: [copy, 'If Amira disagrees', 'Amira can appeal to the First-tier Tribunal (Special Educational Needs and Disability) until 20 May 2027'],
		notText: ['you must contact a mediation adviser', 'The family has been told', 'for the school’s SENCo'],
	})
	expectEmail(render('amendment-notice', { audience: 'PARENT_COPY' }), {
		subject: 'Copy: proposed changes to Amira K.’s EHC plan: Amira can reply by 5 April 2027',
		text: [copy, 'Amira has until 5 April 2027 to tell us what they think of the proposed changes'],
		notText: ['You have until', 'The family has until', reviewLink],
	})
	expectEmail(render('final-plan-issued', { audience: 'PARENT_COPY' }), {
		subject: 'Copy: final amended EHC plan for Amira K., issued on 10 May 2027',
		text: [copy, 'Amira can appeal'],
		notText: ['Please make sure everyone who works with Amira'],
	})
	expectEmail(render('decision-not-to-amend', { audience: 'PARENT_COPY' }), {
		subject: 'Copy: Amira K.’s EHC plan will not be amended after all: decision of 20 April 2027',
		text: ['Having considered Amira’s response', 'Amira can appeal'],
	})
})

test('review-report-invitee: for a young person, the council tells them (or who acts for them) its decision, not the family', () => {
	expectEmail(render('review-report-invitee', { audience: 'YOUNG_PERSON', youngPerson: true }), {
		text: ['and tells you and the head teacher by 29 March 2027'],
	})
	expectEmail(render('review-report-invitee', { audience: 'PARENT', youngPerson: true }), {
		text: ['and tells Amira (or the person acting for them) and the head teacher by 29 March 2027'],
		notText: ['tells the family'],
	})
	// A child invited to their own review: the decision goes to their parents.
	expectEmail(render('review-report-invitee', { audience: 'YOUNG_PERSON' }), { text: ['and tells your parents and the head teacher'] })
})
