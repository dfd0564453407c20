/**
 * The paragraphs the law requires in the council's letters, written once and used by every document that needs
 * them: the letters and notices in app/pdf/letters.server.ts and their emails in emails/. Pure: no pdf-lib, no
 * database; each paragraph names the regulation or section it serves.
 *
 * | paragraph | serves | used by |
 * |---|---|---|
 * | currentPlanEnclosed | SEND Regulations 2014 reg 22(2)(a): a copy of the existing plan | amendment notice and its email |
 * | evidenceEnclosed | reg 22(2)(b): copies of the evidence for the amendments | amendment notice and its email |
 * | requestSchool | reg 22(2)(c); Children and Families Act 2014 s.38(2)(b), s.38(3): the types of institution | amendment notice and its email |
 * | localOffer | reg 22(2)(d): where to find information about schools and colleges | amendment notice and its email |
 * | mediationInformation (a)-(f) | reg 32(a)-(f); CFA 2014 ss.53-55; reg 33 | every appealable letter: maintain, cease, not to amend, the final plan |
 *
 * Every paragraph speaks to "you": the parent of a child, the young person in their own right (CFA 2014 s.83(2)), or the
 * person acting for a young person who lacks capacity (SEND Regulations 2014 reg 64), who hold the rights it describes
 * (app/domain/young-person.ts). Where a paragraph names whose plan or needs it is about, it takes the young person's voice.
 */
import { mediationAdviserDeadline } from '#app/domain/appeal-deadline.ts'
import { formatDate } from '#app/domain/calendar-date.ts'

/** The council's settings the letters must name (LocalAuthority, edited in /admin/settings). */
export interface StatutorySettings {
	/** The council's Local Offer web address (reg 22(2)(d)). */
	localOfferUrl: string
	/** The mediation adviser's contact details, one per line (reg 32(c)). */
	mediationAdviserContact: string
	/** The council's named contact for mediation (reg 32(f)). */
	mediationContactName: string
	mediationContactEmail: string
	mediationContactPhone: string
}

/** One paragraph: `inset` is set apart (a barred block in a PDF, an inset in an email). */
export type StatutoryParagraph = { text: string; inset?: boolean }
export type StatutoryBlock = { heading: string; paragraphs: StatutoryParagraph[] }

const NOT_SET = 'Ask us for these details (see "If you have questions").'

// ---------------------------------------------------------------------------------------------
// Amendment notice (reg 22(2))

/** reg 22(2)(a): the existing plan is sent with the notice. `whose`: "Amara's" or "your". */
export function currentPlanEnclosed(whose: string): StatutoryParagraph {
	return {
		text: `A copy of ${whose} current EHC plan, as it is before these amendments, is enclosed with the amendment notice, after the proposed amendments.`,
	}
}

/**
 * reg 22(2)(b): copies of the evidence. `separateFiles` lists the evidence a PDF cannot hold (a Word document), sent with
 * the notice as the files themselves (attached to its email; printed with a posted copy); `notInPdf` what could not be
 * sent at all (a damaged file): the notice says plainly where each is, and how to get what is missing.
 */
export function evidenceEnclosed(notInPdf: string[], contact: string, separateFiles: string[] = []): StatutoryParagraph[] {
	const paragraphs: StatutoryParagraph[] = []
	const exceptions = notInPdf.length + separateFiles.length
	paragraphs.push({
		text: exceptions
			? 'Copies of the evidence are enclosed after this letter, on the pages shown, except as set out below.'
			: 'Copies of the evidence are enclosed after this letter, on the pages shown.',
	})
	if (separateFiles.length)
		paragraphs.push(
			{
				text: 'These cannot be shown in a PDF, so they are sent with this notice as separate files (attached to its email, or enclosed with a copy sent by post):',
			},
			{ text: separateFiles.join('\n'), inset: true },
		)
	if (notInPdf.length) paragraphs.push({ text: 'These could not be put into this PDF:' }, { text: notInPdf.join('\n'), inset: true })
	if (exceptions)
		paragraphs.push({
			text: `If any is missing, we will send you a copy straight away if you ask: contact ${contact}. The 15 days for your comments do not change.`,
		})
	return paragraphs
}

/**
 * The kinds of school or other institution the family may ask to be named: CFA 2014 s.38(3) (a) to (f), in its order.
 * A maintained nursery school is one of them (s.38(3)(b)).
 */
export const SECTION_38_3_INSTITUTIONS = [
	'a maintained school (a community, foundation or voluntary school, or a community or foundation special school)',
	'a maintained nursery school',
	'an academy (including a free school)',
	'an institution within the further education sector in England (a further education or sixth form college)',
	'a non-maintained special school',
	'an independent special school or special post-16 institution approved by the Secretary of State (section 41)',
] as const

/**
 * reg 22(2)(c); CFA 2014 s.38(2)(b), s.38(3), s.39: the right to ask for a particular school or other institution.
 * `youngPerson`: the notice is to the young person, whose own age and needs the exceptions are about ("your age").
 */
export function requestSchool(childName: string, youngPerson = false): StatutoryBlock {
	const whose = youngPerson ? 'your' : `${childName}'s`
	const attending = youngPerson ? 'your' : 'their'
	return {
		heading: 'Asking for a particular school or college',
		paragraphs: [
			{
				text:
					'You can ask us to name a particular school or other institution in the plan (section 38 of the Children and Families Act 2014). ' +
					'It can be any of these:',
			},
			{ text: SECTION_38_3_INSTITUTIONS.map((kind) => `- ${kind}`).join('\n'), inset: true },
			{
				text:
					`We must name the school or college you ask for unless it would be unsuitable for ${whose} age, ability, aptitude or special ` +
					`educational needs, or ${attending} attending it would be incompatible with the efficient education of others or the efficient use of ` +
					'resources (section 39 of the Children and Families Act 2014). We will consult the school or college before naming it.',
			},
		],
	}
}

/** reg 22(2)(d): where to find information about schools and colleges, the council's Local Offer. */
export function localOffer(url: string): StatutoryParagraph {
	return {
		text: url.trim()
			? `Information about the schools and colleges you can ask for, and about other services for children and young people with special educational needs, is in our Local Offer: ${url.trim()}`
			: 'Information about the schools and colleges you can ask for is in our Local Offer: ask us for its address.',
	}
}

// ---------------------------------------------------------------------------------------------
// Mediation (reg 32), on every letter the family can appeal

export function mediationContactText(s: Pick<StatutorySettings, 'mediationContactName' | 'mediationContactEmail' | 'mediationContactPhone'>): string {
	return [s.mediationContactName, s.mediationContactEmail, s.mediationContactPhone]
		.map((x) => x.trim())
		.filter(Boolean)
		.join(', ')
}

/**
 * The mediation information every appealable decision must carry (SEND Regulations 2014 reg 32), each item with its
 * letter. `sentOn` is the day the letter is sent: the 2 months to contact the adviser run from it (reg 33), as do the
 * 2 months to appeal (Tribunal Procedure Rules 2008 r.20).
 */
export function mediationInformation(s: StatutorySettings, sentOn: string, document = 'this letter'): StatutoryBlock {
	const by = formatDate(mediationAdviserDeadline(sentOn)) // reg 33
	const contact = mediationContactText(s)
	return {
		heading: 'Mediation',
		paragraphs: [
			// reg 32(a); CFA 2014 ss.53-54
			{
				text:
					'You have the right to mediation about this decision (sections 53 and 54 of the Children and Families Act 2014). ' +
					'Mediation can also cover the health and social care parts of the plan. It is free and independent of the council.',
			},
			// reg 32(b); CFA 2014 s.55
			{
				text:
					'Before you can appeal to the Tribunal you must contact a mediation adviser and get a mediation certificate (section 55). ' +
					'You do not have to take part in mediation to get a certificate. You do not need a certificate if your appeal is only about ' +
					'the school or other institution named in the plan, the type of school or institution, or that no school or institution is named.',
			},
			// reg 32(c)
			{ text: 'The mediation adviser:' },
			{ text: s.mediationAdviserContact.trim() || NOT_SET, inset: true },
			// reg 32(d); reg 33
			{
				text:
					`If you want mediation, or a certificate, contact the mediation adviser within 2 months of the date ${document} was sent, that is by ${by}. ` +
					`You can then appeal within 2 months of the date ${document} was sent, or within 1 month of the date on your mediation certificate, whichever is later.`,
			},
			// reg 32(e)
			{
				text:
					'If you decide to go to mediation, you must tell us: say which issues you want to take to mediation and, if it is about health ' +
					'provision, what health provision you are asking for.',
			},
			// reg 32(f)
			{ text: 'Our contact for mediation:' },
			{ text: contact || NOT_SET, inset: true },
		],
	}
}

/**
 * The same, in one short paragraph for an email (the letter attached carries it in full): reg 32(a)-(f), with
 * `contactBy` the last day to contact the adviser, 2 months from the day the letter was sent (reg 33).
 */
export function mediationSummary(s: Omit<StatutorySettings, 'localOfferUrl'>, contactBy: string): string {
	const contact = mediationContactText(s)
	const adviser = s.mediationAdviserContact.trim().replace(/\s*\n\s*/g, ', ')
	return (
		`You have the right to mediation, including about health and social care (Children and Families Act 2014 ss.53-54). ` +
		`Before appealing you need a mediation certificate, unless the appeal is only about the school or college named. ` +
		`Contact the mediation adviser${adviser ? ` (${adviser})` : ''} by ${formatDate(contactBy)}. ` +
		`If you want mediation, tell us which issues, and any health provision you are asking for${contact ? `: ${contact}` : ''}.`
	)
}
