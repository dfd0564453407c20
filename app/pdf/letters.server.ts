/**
 * The council's letters after an annual review: the decision notice (maintain or cease), the
 * amendment notice (draft amended plan) with its evidence, the final amended plan, and the notice of
 * a decision not to amend after all.
 *
 * What each must say comes from the law (shared/domain/annual-reviews.md): a decision the family can
 * appeal states the right of appeal to the First-tier Tribunal (SEND), the time limit, and that
 * mediation advice must be sought first (Children and Families Act 2014 ss.51 and 55; SEND Regulations
 * 2014 regs 31-32); an amendment notice specifies every amendment with its evidence and gives at least
 * 15 days for representations (reg 22(2)).
 *
 * Each letter speaks in one of three voices (LetterBase.voice, chosen by app/domain/young-person.ts familyLetter):
 * - to the parent of a child, about the child by name ("Amara's EHC plan"), as the letters always have;
 * - to a young person over compulsory school age, in the second person ("your EHC plan", "your special educational
 *   needs", "you can appeal"), because the rights are theirs (Children and Families Act 2014 s.83(2)), with a line
 *   saying why and whether their parent has a copy (only with their agreement);
 * - to the person acting for a young person who lacks capacity (SEND Regulations 2014 reg 64: a deputy, an attorney,
 *   or their parent), as "you" acting for them, about the young person by name, with a line saying in what capacity.
 * The rights paragraphs ("you can appeal", app/pdf/statutory-paragraphs.ts) are to whoever holds them, so read the
 * same in every voice.
 */
import { appealDeadline } from '#app/domain/appeal-deadline.ts'
import { addDays, formatDate } from '#app/domain/calendar-date.ts'
import { DEFAULT_PERIODS } from '#app/domain/statutory-clock.ts'
import { diffWording } from '#app/domain/wording-diff.ts'
import { actingAs, type LetterVoice, type RepresentativeRole } from '#app/domain/young-person.ts'
import { assembleWithEvidence, describePlaced, pageRange, type EvidenceItem } from '#app/pdf/bundle.server.ts'
import { PdfWriter, type DocumentMeta } from '#app/pdf/kit.server.ts'
import { sectionHeading } from '#app/pdf/review-record.server.ts'
import {
	currentPlanEnclosed,
	evidenceEnclosed,
	localOffer,
	mediationInformation,
	requestSchool,
	type StatutoryBlock,
	type StatutoryParagraph,
	type StatutorySettings,
} from '#app/pdf/statutory-paragraphs.ts'

export interface LetterBase {
	councilName: string
	/** Postal address, one line per line. */
	councilAddress: string
	/** How to reach the caseworker: email, phone, hours. */
	councilContact: string
	/** Name and job title, one per line. */
	letterSignatory: string
	/** The date of the letter, YYYY-MM-DD: the day it is sent, which appeal time runs from (app/domain/appeal-deadline.ts). */
	date: string
	to: Array<{ name: string; role: string }>
	child: { name: string; dateOfBirth: string; upn: string; school: string }
	/** The mediation service the council commissions: name, phone, email. */
	mediationText: string
	/** The local SEND information, advice and support service (SENDIASS). */
	iassText: string
	/** What the law makes every letter name: the Local Offer, the mediation adviser and contact (app/pdf/statutory-paragraphs.ts). */
	statutory: StatutorySettings
	/**
	 * Whom the letter speaks to (app/domain/young-person.ts): the parent of a child, about the child by name (the
	 * default); the young person, as "you"; or the person acting for a young person who lacks capacity (reg 64).
	 */
	voice?: LetterVoice
	/** For a REPRESENTATIVE letter: who they are to the young person (a deputy, an attorney, their parent). */
	representativeRole?: RepresentativeRole
	/** For a YOUNG_PERSON letter: the parent sent a copy with the young person's agreement, if any. */
	parentCopiedTo?: string
	/** Sent a copy, listed under the addressee: for a young person's letter, the school and the parent (with their agreement). */
	copies?: Array<{ name: string; role: string }>
}

export interface DecisionLetterInput extends LetterBase {
	meetingOn: string
	decision: 'MAINTAIN' | 'CEASE'
	reasons: string
}

export interface NoAmendmentNoticeInput extends LetterBase {
	meetingOn: string
	/** The day the amendment notice was sent. */
	noticeIssuedOn: string
	reasons: string
	/** Set when the decision came before the 15 days closed because the family said they had no more to say. */
	familyAgreedOn?: string
}

export interface AmendmentNoticeInput extends LetterBase {
	meetingOn?: string
	/** The day of service: day 1 of the 15 days (reg 22(2)(c)). */
	issuedOn: string
	representationsCloseOn: string
	amendments: Array<{ section: string; title: string; currentWording: string; proposedWording: string; reason: string; origin: 'SCHOOL' | 'LA' }>
	/** Copies of the evidence for the amendments, appended after the notice (reg 22(2)(b)). */
	evidence: EvidenceItem[]
	/** The plan as it is now, copied into the notice after the amendments (reg 22(2)(a)). */
	currentPlan: PlanContent
	onProgress?: (done: number, total: number) => void
}

/** What a plan says: its sections, outcomes (E) and provision (F). */
export interface PlanContent {
	/** Sections by key (A, B, C, D, G, H1, H2, I, J, K, and any others such as preparation for adulthood). */
	sections: Array<{ key: string; title: string; text: string }>
	outcomes: Array<{ area: string; text: string }>
	provision: Array<{ need: string; what: string; who: string; frequency: string; duration: string }>
}

export interface FinalPlanInput extends Omit<LetterBase, 'to' | 'date' | 'letterSignatory'>, PlanContent {
	versionNo: number
	issuedOn: string
	/** Each change, with a note when the notice did not carry it as made (changed or added after representations, reg 22(3)). */
	changes: Array<{ section: string; title: string; currentWording: string; proposedWording: string; note?: string }>
	/** The council's answer to the family's request for a school (Children and Families Act 2014 s.39), one paragraph each. */
	schoolRequest?: string[]
	/** Anything the council adds to the standard appeal rights. */
	appealText?: string
	/** Set when the plan came before the 15 days closed because the family said they had no more to say. */
	familyAgreedOn?: string
}

// ---------------------------------------------------------------------------------------------
// Shared parts

/** How a letter speaks of the child or young person in its voice: "your" to the young person, else their name. */
function voiceOf(input: Pick<LetterBase, 'voice' | 'child'>) {
	const you = input.voice === 'YOUNG_PERSON'
	return {
		you,
		/** "your" or "Amara's", before a noun. */
		whose: you ? 'your' : `${input.child.name}'s`,
		/** The same at the start of a sentence or heading. */
		Whose: you ? 'Your' : `${input.child.name}'s`,
	}
}

/**
 * Why this reader has the letter, when it is not the parent of a child: the young person, because the decisions are
 * now theirs (CFA 2014 s.83(2)), and whether their parent has a copy; the person acting for a young person who lacks
 * capacity, in which capacity (reg 64).
 */
function standing(pdf: PdfWriter, input: Pick<LetterBase, 'voice' | 'child' | 'representativeRole' | 'parentCopiedTo'>) {
	const name = input.child.name
	if (input.voice === 'YOUNG_PERSON') {
		pdf.paragraph(
			'We are writing to you, rather than to your parents, because you are over compulsory school age: the decisions about your ' +
				'education, health and care (EHC) plan are now yours to make (section 83 of the Children and Families Act 2014). ' +
				(input.parentCopiedTo
					? `As you agreed, we have sent a copy of this letter to ${input.parentCopiedTo}.`
					: 'We have not sent a copy to your parents. If you would like us to send them copies, tell us.'),
		)
	} else if (input.voice === 'REPRESENTATIVE') {
		pdf.paragraph(
			`We are writing to you ${input.representativeRole ? actingAs(input.representativeRole, name) : `as the person acting for ${name}`}, ` +
				`because ${name} does not have the capacity to make decisions about their education, health and care (EHC) plan. ` +
				'Under regulation 64 of the Special Educational Needs and Disability Regulations 2014 you act for them: ' +
				`where this letter says what you can do, it means you, acting for ${name}.`,
			{ bar: true },
		)
	}
}

/**
 * The family's 15 days for representations (reg 22(2)(c)) were cut short only because they said they had no more
 * to say (app/domain/final-plan-timing.ts): the plan or decision says so, with the day they told us.
 */
function earlyIssue(familyAgreedOn: string | undefined, what: 'the plan' | 'our decision') {
	return familyAgreedOn
		? `You told us on ${formatDate(familyAgreedOn)} that you had no more to say, so we have issued ${what} before the 15 days ended.`
		: null
}

/** A paragraph the law requires (app/pdf/statutory-paragraphs.ts), as the letters print it. */
function statutoryParagraph(pdf: PdfWriter, p: StatutoryParagraph) {
	pdf.paragraph(p.text, p.inset ? { bar: true } : {})
}

function statutoryBlock(pdf: PdfWriter, block: StatutoryBlock) {
	pdf.h2(block.heading)
	for (const p of block.paragraphs) statutoryParagraph(pdf, p)
}

async function letterWriter(input: Pick<LetterBase, 'councilName' | 'child'>, title: string, subject: string, createdOn: string) {
	const meta: DocumentMeta = {
		title,
		subject,
		councilName: input.councilName,
		childName: input.child.name,
		createdAt: new Date(`${createdOn}T12:00:00Z`),
		keywords: ['EHC plan', 'annual review'],
	}
	return { pdf: await PdfWriter.create(meta), meta }
}

function letterhead(pdf: PdfWriter, input: LetterBase) {
	pdf.paragraph(input.councilName, { font: 'bold', size: 13, align: 'right', spaceAfter: 2 })
	pdf.paragraph(input.councilAddress, { align: 'right', size: 10, spaceAfter: 12 })
	pdf.paragraph(formatDate(input.date), { spaceAfter: 10 })
	const copies = input.copies ?? []
	pdf.paragraph(input.to.map((r) => (r.role ? `${r.name} (${r.role})` : r.name)).join('\n'), { spaceAfter: copies.length ? 4 : 10 })
	if (copies.length) pdf.paragraph(`Copy to: ${copies.map((r) => (r.role ? `${r.name} (${r.role})` : r.name)).join('; ')}`, { size: 10, spaceAfter: 10 })
	const names = input.to.map((r) => r.name)
	const greeting = names.length <= 1 ? (names[0] ?? 'parent or carer') : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`
	pdf.paragraph(`Dear ${greeting},`)
}

function childDetails(pdf: PdfWriter, input: Pick<LetterBase, 'child'>, extra: Array<[string, string]> = []) {
	pdf.summaryList([
		['Name', input.child.name],
		['Date of birth', formatDate(input.child.dateOfBirth)],
		['Unique pupil number', input.child.upn],
		['School or setting', input.child.school],
		...extra,
	])
}

function contact(pdf: PdfWriter, input: Pick<LetterBase, 'councilContact'>) {
	pdf.h2('If you have questions')
	pdf.paragraph(input.councilContact)
}

function signOff(pdf: PdfWriter, input: LetterBase) {
	contact(pdf, input)
	pdf.space(6)
	pdf.ensure(11 * 1.45 * (3 + input.letterSignatory.split('\n').length)) // the sign-off stays with the name
	pdf.paragraph('Yours sincerely,', { spaceAfter: 18 })
	pdf.paragraph(input.letterSignatory)
}

/**
 * The appeal rights for a decision the family can take to the Tribunal: the time limit runs from the
 * date of the letter (or of the plan), 2 months, or 1 month from a mediation certificate if later.
 */
function appealRights(
	pdf: PdfWriter,
	input: Pick<LetterBase, 'date' | 'mediationText' | 'iassText' | 'statutory'>,
	options: { scope: string; extra?: string; document?: string },
) {
	const deadline = formatDate(appealDeadline(input.date)) // HESC Rules 2008 r.20: from the day the letter is sent
	const document = options.document ?? 'this letter'
	pdf.h2('Your right to appeal')
	pdf.paragraph(
		'If you disagree with this decision, you have the right to appeal to the First-tier Tribunal (Special Educational Needs and Disability), ' +
			`often called the SEND Tribunal. ${options.scope}`,
	)
	pdf.paragraph(
		`You must appeal within 2 months of the date ${document} was sent (that is, by ${deadline}), or within 1 month of the date ` +
			'on your mediation certificate, whichever is later.',
	)
	pdf.paragraph('You can find out how to appeal, and get the appeal form, at www.gov.uk/appeal-ehc-plan-decision.')

	// reg 32(a)-(f), reg 33: one definition for every appealable letter.
	statutoryBlock(pdf, mediationInformation(input.statutory, input.date, document))
	pdf.paragraph(
		'The mediation adviser must give you the certificate within 3 working days of you saying you do not want mediation, or after mediation has ended.',
	)
	if (input.mediationText.trim()) pdf.paragraph(input.mediationText, { bar: true })
	pdf.paragraph(
		'You can also ask for disagreement resolution: a free, independent meeting to help settle a disagreement with the council, ' +
			'your school or the health service. It does not affect your right to appeal. Ask us or the mediation service to arrange it.',
	)
	if (options.extra) pdf.paragraph(options.extra)

	pdf.h2('Free, impartial information and advice')
	pdf.paragraph('You can get free, confidential information, advice and support about special educational needs and disability from:')
	pdf.paragraph(input.iassText, { bar: true })
}

// ---------------------------------------------------------------------------------------------
// Decision notice (maintain or cease)

export async function renderDecisionLetter(input: DecisionLetterInput): Promise<Uint8Array> {
	const name = input.child.name
	const cease = input.decision === 'CEASE'
	const title = cease ? `Decision to cease to maintain the EHC plan: ${name}` : `Decision to maintain the EHC plan: ${name}`
	const { pdf } = await letterWriter(input, title, `Decision after the annual review of ${name}'s education, health and care plan`, input.date)

	const { whose } = voiceOf(input)
	letterhead(pdf, input)
	pdf.h1(`Our decision after ${whose} annual review`)
	standing(pdf, input)
	childDetails(pdf, input, [['Annual review meeting', formatDate(input.meetingOn)]])

	pdf.h2('Our decision')
	if (cease) {
		pdf.paragraph(`We have decided to cease to maintain ${whose} education, health and care (EHC) plan. This means the plan will end.`)
	} else {
		pdf.paragraph(`We have decided to maintain ${whose} education, health and care (EHC) plan as it is. We will not make any changes to the plan.`)
	}
	pdf.h2('Why we made this decision')
	pdf.paragraph(input.reasons)

	if (cease) {
		// CFA 2014 s.45 and SEND Regulations 2014 regs 29-32: the plan is kept until an appeal is out of time or decided.
		pdf.h2('What happens to the plan now')
		pdf.paragraph(
			`We will continue to maintain ${whose} EHC plan, and the provision in it, until the time for appealing has passed. ` +
				'If you appeal, we will continue to maintain the plan until the Tribunal has decided your appeal.',
		)
		pdf.paragraph(
			'This decision is made under section 45 of the Children and Families Act 2014 and regulations 29 to 32 of the Special Educational Needs and Disability Regulations 2014.',
			{
				size: 10,
			},
		)
	}

	appealRights(pdf, input, {
		scope: cease
			? `You can appeal against our decision to cease to maintain ${whose} plan.`
			: `You can appeal about what the plan says about ${whose} special educational needs (section B), the special educational provision (section F), and the school or other institution named, or not named (section I).`,
	})
	signOff(pdf, input)
	return pdf.save()
}

/** The decision not to amend the plan after all, with reasons and appeal rights (reg 22(4)); the same layout as the decision notice. */
export async function renderNoAmendmentNotice(input: NoAmendmentNoticeInput): Promise<Uint8Array> {
	const name = input.child.name
	const { pdf } = await letterWriter(
		input,
		`Decision not to amend the EHC plan: ${name}`,
		`Decision not to amend ${name}'s education, health and care plan`,
		input.date,
	)

	const { whose } = voiceOf(input)
	letterhead(pdf, input)
	pdf.h1(`We have decided not to amend ${whose} plan`)
	standing(pdf, input)
	childDetails(pdf, input, [
		['Annual review meeting', formatDate(input.meetingOn)],
		['Amendment notice sent', formatDate(input.noticeIssuedOn)],
	])
	pdf.h2('Our decision')
	pdf.paragraph(
		`On ${formatDate(input.noticeIssuedOn)} we sent you a notice proposing amendments to ${whose} education, health and care (EHC) plan. ` +
			'Having considered everything we received, we have decided not to make those amendments. The plan stays as it was.',
	)
	const early = earlyIssue(input.familyAgreedOn, 'our decision')
	if (early) pdf.paragraph(early)
	pdf.h2('Why we made this decision')
	pdf.paragraph(input.reasons)
	appealRights(pdf, input, {
		scope: `You can appeal about what the plan says about ${whose} special educational needs (section B), the special educational provision (section F), and the school or other institution named, or not named (section I).`,
	})
	signOff(pdf, input)
	return pdf.save()
}

// ---------------------------------------------------------------------------------------------
// Amendment notice (reg 22(2)) with copies of the evidence

export async function renderAmendmentNotice(input: AmendmentNoticeInput): Promise<Uint8Array> {
	const name = input.child.name
	const title = `Proposed amendments to the EHC plan: ${name}`
	const subject = `Amendment notice for ${name}'s education, health and care plan (SEND Regulations 2014, regulation 22)`
	const { you, whose, Whose } = voiceOf(input)
	const closes = formatDate(input.representationsCloseOn)
	const finalBy = formatDate(addDays(input.issuedOn, DEFAULT_PERIODS.finalPlanDaysAfterNotice))
	const { meta } = await letterWriter(input, title, subject, input.issuedOn)

	return assembleWithEvidence({
		meta,
		evidence: input.evidence,
		onProgress: input.onProgress,
		pageLabel: (n, total) => `Page ${n} of ${total}`,
		align: 'centre',
		front: async (placed) => {
			const pdf = (await letterWriter(input, title, subject, input.issuedOn)).pdf
			letterhead(pdf, input)
			pdf.h1(`Proposed amendments to ${whose} EHC plan`)
			standing(pdf, input)
			childDetails(pdf, input, [
				...(input.meetingOn ? [['Annual review meeting', formatDate(input.meetingOn)] as [string, string]] : []),
				['Date of this notice', formatDate(input.issuedOn)],
				['Comments by', closes],
			])
			pdf.paragraph(
				`After ${whose} annual review we have decided to amend ${you ? 'your' : 'their'} education, health and care (EHC) plan. ` +
					'This notice sets out each change we propose, the reason for it and the evidence for it. ' +
					'The plan has not been changed yet: these are proposals, and we want to know what you think of them.',
			)
			statutoryParagraph(pdf, currentPlanEnclosed(whose))

			pdf.h2('Your right to comment')
			pdf.paragraph(
				`You have 15 days, until ${closes}, to make representations about the proposed amendments, to ask for a particular school ` +
					'or other institution to be named, or to ask to meet an officer of the council.',
				{ font: 'bold' },
			)
			pdf.paragraph(`The 15 days began on ${formatDate(input.issuedOn)}, the day this notice was sent. To do any of these things, contact us:`)
			pdf.paragraph(input.councilContact, { bar: true })
			pdf.paragraph(`You can write, email or phone. Please give ${whose} name and date of birth. You can send us any evidence you want us to consider.`)

			// reg 22(2)(c)-(d); CFA 2014 s.38(3)
			statutoryBlock(pdf, requestSchool(name, you))
			statutoryParagraph(pdf, localOffer(input.statutory.localOfferUrl))

			pdf.h2('The proposed amendments')
			pdf.paragraph('Each amendment shows what the plan says now, then the proposed wording with the changes marked.')
			pdf.legend()
			input.amendments.forEach((amendment, i) => {
				pdf.h3(`Amendment ${i + 1}: ${sectionHeading(amendment.section, amendment.title)}`)
				pdf.paragraph(amendment.origin === 'LA' ? 'Proposed by the council.' : "Proposed at the annual review (in the school's review report).", {
					font: 'italic',
					size: 10,
				})
				pdf.paragraph('Current wording', { font: 'bold', spaceAfter: 3 })
				pdf.paragraph(amendment.currentWording.trim() ? amendment.currentWording : 'This section has no wording yet.', { bar: true })
				pdf.paragraph('Proposed wording, with the changes marked', { font: 'bold', spaceAfter: 3 })
				pdf.diffBlock(diffWording(amendment.currentWording, amendment.proposedWording))
				pdf.paragraph('Reason', { font: 'bold', spaceAfter: 3 })
				pdf.paragraph(amendment.reason)
			})

			pdf.h2('Evidence for the amendments')
			if (placed.length === 0) pdf.paragraph('There is no written evidence for these amendments beyond the annual review itself.')
			else {
				// reg 22(2)(b): what is enclosed, and plainly what is not.
				const named = (outcomes: string[]) => placed.filter((p) => outcomes.includes(p.outcome)).map((p) => `${p.title} (${p.fileName})`)
				const contactLine = input.councilContact.replace(/\n/g, ', ')
				for (const p of evidenceEnclosed(named(['separate', 'not-included']), contactLine, named(['attached']))) statutoryParagraph(pdf, p)
				pdf.table(
					[
						{ header: 'Evidence', width: 4 },
						{ header: 'Pages', width: 1.2 },
					],
					placed.map((p) => [describePlaced(p), pageRange(p.firstPage, p.lastPage)]),
				)
			}

			pdf.h2('What happens next')
			pdf.paragraph(
				`We will consider everything you tell us. We will then send you the final amended plan, or tell you if we decide not to amend it, ` +
					`within 8 weeks of the date of this notice (by ${finalBy}). When we send it, we will tell you about your right to appeal.`,
			)
			pdf.h2('Free, impartial information and advice')
			pdf.paragraph('You can get free, confidential information, advice and support about special educational needs and disability from:')
			pdf.paragraph(input.iassText, { bar: true })
			signOff(pdf, input)
			const notice = await pdf.save({ footer: false })

			// reg 22(2)(a): a copy of the plan as it is now.
			const copy = (await letterWriter(input, title, subject, input.issuedOn)).pdf
			copy.h1(`${Whose} current EHC plan`)
			statutoryParagraph(copy, currentPlanEnclosed(whose))
			planBody(copy, input.currentPlan)
			return [
				{ bytes: notice, bookmark: 'Amendment notice' },
				{ bytes: await copy.save({ footer: false }), bookmark: 'Current EHC plan' },
			]
		},
	})
}

// ---------------------------------------------------------------------------------------------
// Final amended plan (reg 22(3))

const SECTION_ORDER = ['A', 'B', 'C', 'D', 'E', 'F', 'G', 'H1', 'H2', 'I', 'J', 'K']

/** The plan's preparation for adulthood, which it must include from Year 9 (SEND Regulations 2014 reg 12(3)): key 'PfA'. */
export const PREPARATION_FOR_ADULTHOOD_TITLE = 'Preparation for adulthood and independent living'
const SECTION_TITLES: Record<string, string> = {
	A: 'Views, interests and aspirations',
	B: 'Special educational needs',
	C: 'Health needs',
	D: 'Social care needs',
	E: 'Outcomes',
	F: 'Special educational provision',
	G: 'Health provision',
	H1: 'Social care provision under section 2 of the Chronically Sick and Disabled Persons Act 1970',
	H2: 'Other social care provision',
	I: 'Placement',
	J: 'Personal budget',
	K: 'Advice and information',
}

/** The plan's sections in order, with outcomes (E) and provision (F) as tables: the final plan, and the copy of the current plan in the notice. */
function planBody(pdf: PdfWriter, input: PlanContent) {
	const byKey = new Map(input.sections.map((s) => [s.key, s]))
	const keys = [...SECTION_ORDER, ...input.sections.map((s) => s.key).filter((k) => !SECTION_ORDER.includes(k))]
	for (const key of keys) {
		const section = byKey.get(key)
		if (key === 'PfA') {
			// reg 12(3): from Year 9, provision to prepare for adulthood and independent living (its own heading, not a lettered section).
			pdf.h2(PREPARATION_FOR_ADULTHOOD_TITLE)
			pdf.paragraph(section?.text.trim() ? section.text : 'No preparation for adulthood provision is recorded in this plan yet.')
			continue
		}
		pdf.h2(sectionHeading(key, section?.title ?? SECTION_TITLES[key] ?? key))
		if (section?.text.trim()) pdf.paragraph(section.text)
		if (key === 'E') {
			if (input.outcomes.length === 0) pdf.paragraph('No outcomes are recorded.')
			else
				pdf.table(
					[
						{ header: 'Area', width: 1.4 },
						{ header: 'Outcome', width: 4 },
					],
					input.outcomes.map((o) => [o.area, o.text]),
				)
		} else if (key === 'F') {
			// Specified and quantified: what, who, how often, for how long (CoP 9.69).
			if (input.provision.length === 0) pdf.paragraph('No provision is recorded.')
			else
				pdf.table(
					[
						{ header: 'Need', width: 1.5 },
						{ header: 'Provision', width: 2 },
						{ header: 'Who', width: 1.6 },
						{ header: 'How often', width: 1.4 },
						{ header: 'How long', width: 1.4 },
					],
					input.provision.map((p) => [p.need, p.what, p.who, p.frequency, p.duration]),
					{ size: 9 },
				)
		} else if (!section?.text.trim()) pdf.paragraph('Nothing is recorded in this section.')
	}
}

export async function renderFinalPlan(input: FinalPlanInput): Promise<Uint8Array> {
	const name = input.child.name
	const { pdf } = await letterWriter(
		input,
		`Education, health and care plan: ${name}`,
		`${name}'s amended education, health and care plan, version ${input.versionNo}, issued ${formatDate(input.issuedOn)}`,
		input.issuedOn,
	)
	pdf.h1(`Education, health and care plan: ${name}`)
	const { whose } = voiceOf(input)
	pdf.paragraph(`This is ${whose} amended plan, issued by ${input.councilName} after the annual review. It replaces the previous version.`)
	standing(pdf, input)
	const early = earlyIssue(input.familyAgreedOn, 'the plan')
	if (early) pdf.paragraph(early)
	childDetails(pdf, input, [
		['Plan version', String(input.versionNo)],
		['Issued on', formatDate(input.issuedOn)],
	])

	pdf.h2('What has changed in this version')
	if (input.changes.length === 0) pdf.paragraph('No wording has changed.')
	else pdf.legend()
	for (const change of input.changes) {
		pdf.h3(sectionHeading(change.section, change.title))
		if (change.note) pdf.paragraph(change.note, { bar: true })
		pdf.diffBlock(diffWording(change.currentWording, change.proposedWording))
	}

	if (input.schoolRequest?.length) {
		// s.39(3)-(4): the family asked for a school; they are told whether it is named and, if not, on which grounds and why.
		pdf.h2('The school or college you asked for')
		for (const p of input.schoolRequest) pdf.paragraph(p)
	}

	planBody(pdf, input)

	const letterDate = { ...input, date: input.issuedOn }
	appealRights(pdf, letterDate, {
		scope: `You can appeal about what this plan says about ${whose} special educational needs (section B), the special educational provision (section F), and the school or other institution named, or not named (section I).`,
		extra: input.appealText,
		document: 'this plan',
	})
	contact(pdf, input)
	return pdf.save()
}
