// The council's side of the review: decisions, amendment notices, representations and final plans.
// Each step is one transaction (the record, the status, the letter's document row, the emails and the
// audit), so a failure leaves the review as it was and nothing is sent. Letters are rendered first
// (they take longest) and their files written before the transaction; a failed transaction removes them.
import { createHash } from 'node:crypto'
import { audit } from '#app/auth/audit.server.ts'
import type { SessionUser } from '#app/auth/auth.server.ts'
import { prisma, type Tx } from '#app/db/db.server.ts'
import { appealDeadline, letterDates } from '#app/domain/appeal-deadline.ts'
import { todayInLondon, formatDate } from '#app/domain/calendar-date.ts'
import type { CeaseConsultationFacts } from '#app/domain/cease-consultation.ts'
import { mayIssueFinalPlan, type FinalPlanTiming } from '#app/domain/final-plan-timing.ts'
import { mustIncludePreparationForAdulthood, outcomeRowsFrom, provisionRowsFrom } from '#app/domain/plan-rows.ts'
import { checkStep, fromStatuses, statusAfter, type ReviewStep, type StepFacts } from '#app/domain/review-lifecycle.ts'
import { PLAN_SECTION_TITLES, type PlanSection } from '#app/domain/review-parts.ts'
import { mayIssueWithSchoolRequest, parseGrounds, schoolRequestParagraphs, sectionIWording, type SchoolRequestOutcome } from '#app/domain/school-request.ts'
import { finalPlanDueOn, nextReviewDueOn, representationsCloseOn } from '#app/domain/statutory-clock.ts'
import { familyLetter, type FamilyAudience, type RepresentativeRole } from '#app/domain/young-person.ts'
import { enqueueEmail } from '#app/email/enqueue.server.ts'
import { refreshNextDeadline } from '#app/jobs/deadlines.server.ts'
import { cannotGoInPdf } from '#app/pdf/bundle.server.ts'
import {
	renderAmendmentNotice,
	renderDecisionLetter,
	renderFinalPlan,
	renderNoAmendmentNotice,
	PREPARATION_FOR_ADULTHOOD_TITLE,
	type LetterBase,
	type PlanContent,
} from '#app/pdf/letters.server.ts'
import type { StatutorySettings } from '#app/pdf/statutory-paragraphs.ts'
import { childContactsSelect, childIdentitySelect, planWording, reviewPageSelect, type LoadedReview } from '#app/queries/review.server.ts'
import { deleteDocument, saveDocument } from '#app/storage/documents.server.ts'
import { readEvidenceBytes, type StoredEvidence } from '#app/storage/evidence.server.ts'
import type { PayloadOf } from '#emails/index.ts'

export class StepError extends Error {}

/** Refuses a step the review's lifecycle does not allow now (app/domain/review-lifecycle.ts), in the user's words. */
function requireStep(step: ReviewStep, facts: StepFacts) {
	const check = checkStep(step, facts)
	if (!check.ok) throw new StepError(check.reason)
}

/** The council's settings every letter must name (app/pdf/statutory-paragraphs.ts: reg 22(2)(d), reg 32(c), (f)). */
const CEASE_CONSULTATION_SELECT = { informedOn: true, familyConsulted: true, headTeacherConsulted: true } as const

const STATUTORY_SETTINGS_SELECT = {
	localOfferUrl: true,
	mediationAdviserContact: true,
	mediationContactName: true,
	mediationContactEmail: true,
	mediationContactPhone: true,
} as const

/** Everything the letters and emails need about a review, its child, school and council. */
export async function loadCaseFacts(reviewId: string) {
	return prisma.annualReview.findUniqueOrThrow({
		where: { id: reviewId },
		select: {
			id: true,
			status: true,
			meetingOn: true,
			laId: true,
			lockVersion: true,
			la: {
				select: {
					name: true,
					address: true,
					contactEmail: true,
					contactPhone: true,
					letterSignatory: true,
					mediationText: true,
					iassText: true,
					...STATUTORY_SETTINGS_SELECT,
					healthCommissionerName: true,
					healthCommissionerEmail: true,
				},
			},
			child: {
				select: {
					...childIdentitySelect,
					...childContactsSelect,
					// Who the family's letters go to from the end of compulsory school age (app/domain/young-person.ts).
					youngPersonParentCopyAgreedOn: true,
					youngPersonLacksCapacity: true,
					representativeRole: true,
					representativeName: true,
					representativeEmail: true,
					yearGroup: true, // preparation for adulthood in the plan from Year 9 (reg 12(3))
					caseworker: { select: { name: true, email: true } },
					school: { select: { id: true, name: true, contactEmail: true, headTeacherName: true, headTeacherEmail: true } },
					plan: { select: { id: true, firstIssuedOn: true, lastReviewOn: true, currentVersionNo: true, status: true } },
				},
			},
			planVersion: { select: { id: true, planId: true, ...reviewPageSelect.planVersion.select } },
			decision: { select: { outcome: true, decidedOn: true } },
			ceaseConsultation: { select: CEASE_CONSULTATION_SELECT },
			notice: { select: { issuedOn: true, representationsCloseOn: true } },
		},
	})
}
export type CaseFacts = Awaited<ReturnType<typeof loadCaseFacts>>

const childName = (f: CaseFacts) => `${f.child.firstName} ${f.child.lastName}`

/**
 * One person a letter goes to. `role`: as the letter and the check page name them (a family member's, from
 * app/domain/young-person.ts); `actingAs`: who a representative is to the young person (reg 64). A family member with
 * no `email` is addressed and posted to, not emailed.
 */
type Recipient<Audience extends string> = { email: string; name: string; audience: Audience; role?: string; actingAs?: RepresentativeRole }
const LETTER_ROLES: Record<string, string> = {
	PARENT: 'Parent or carer',
	YOUNG_PERSON: 'Young person',
	REPRESENTATIVE: 'Acting for the young person',
	PARENT_COPY: 'Parent or carer (a copy)',
	HEAD_TEACHER: 'Head teacher',
	SCHOOL: 'Head teacher',
	HEALTH: 'Health commissioner',
	NAMED_SCHOOL: 'The school named in the plan',
}

/** A school named in Section I at the family's request that is not the child's own: sent the final plan (reg 22(3)(b)). */
function namedSchool(
	f: CaseFacts,
	school: { id: string; name: string; headTeacherName: string; headTeacherEmail: string; contactEmail: string } | null,
): Array<Recipient<'NAMED_SCHOOL'>> {
	if (!school || school.id === f.child.school?.id) return []
	return [{ email: school.headTeacherEmail || school.contactEmail, name: school.headTeacherName || school.name, audience: 'NAMED_SCHOOL' }]
}

/** The family's letter dated `on` (app/domain/young-person.ts): to whom, copied to whom, in which voice. */
function familyOf(f: CaseFacts, on: string) {
	const c = f.child
	return familyLetter(
		{
			name: childName(f),
			dateOfBirth: c.dateOfBirth,
			parentName: c.parentName,
			parentEmail: c.parentEmail,
			youngPersonEmail: c.youngPersonEmail,
			youngPersonParentCopyAgreedOn: c.youngPersonParentCopyAgreedOn,
			youngPersonLacksCapacity: c.youngPersonLacksCapacity,
			representativeRole: c.representativeRole,
			representativeName: c.representativeName,
			representativeEmail: c.representativeEmail,
		},
		on,
	)
}

/**
 * Who a letter dated `on` and its email go to, in this order: the family, as app/domain/young-person.ts decides (the
 * parent of a child, even when the child has an email address; from the end of compulsory school age the young person,
 * with their parent copied only with their agreement; for a young person who lacks capacity, who acts for them, reg 64),
 * then the school (its head teacher, or its SEN mailbox), which reads the email written for `schoolAudience`. A family
 * member with no email address is kept, with none: the letter is addressed to them and must be posted (checkOf says so).
 */
function recipients<S extends 'HEAD_TEACHER' | 'SCHOOL'>(f: CaseFacts, schoolAudience: S, on: string) {
	const family = familyOf(f, on)
	const list: Array<Recipient<FamilyAudience | S>> = [family.to, ...family.copies].map((p) => ({
		email: p.email,
		name: p.name,
		audience: p.audience,
		role: p.role,
		...(p.audience === 'REPRESENTATIVE' && family.representativeRole ? { actingAs: family.representativeRole } : {}),
	}))
	const school = f.child.school
	const schoolEmail = school?.headTeacherEmail || school?.contactEmail
	if (schoolEmail) list.push({ email: schoolEmail, name: school?.headTeacherName || school?.name || 'The school', audience: schoolAudience })
	return list
}

/** The health commissioner in the council's settings, sent the final plan (reg 22(3)(c)) and told of a cease (reg 31(2)). */
function healthCommissioner(f: CaseFacts): Array<Recipient<'HEALTH'>> {
	const email = f.la.healthCommissionerEmail.trim()
	return email ? [{ email, name: f.la.healthCommissionerName || 'Health commissioner', audience: 'HEALTH' }] : []
}

/** Who the check-before-sending page says a cease tells besides the family and school: the health commissioner (reg 31(2)). */
function ceaseAlsoTells(f: CaseFacts): AlsoTold[] {
	const role = 'Health commissioner: told the council has decided to cease the plan, with the decision letter (reg 31(2))'
	const named = healthCommissioner(f).map((p) => ({ name: p.name, email: p.email, role }))
	if (named.length) return named
	return [{ name: 'Health commissioner', email: '', role: `${role}: there is none in the council’s settings, so tell them another way` }]
}

/** The council has decided to cease: the health commissioner is told, with the decision letter (reg 31(2)). */
async function tellHealthCommissionerOfCease(tx: Tx, f: CaseFacts, user: SessionUser, letter: { decidedOn: string; appealBy: string; documentId: string }) {
	for (const person of healthCommissioner(f)) {
		await enqueueEmail(tx, {
			to: person.email,
			toName: person.name,
			template: 'plan-ceased-health',
			reviewId: f.id,
			dedupeKey: `cease-health:${f.id}:${person.email}`,
			payload: {
				reviewId: f.id,
				child: { firstName: f.child.firstName, lastName: f.child.lastName },
				schoolName: f.child.school?.name ?? '',
				meetingOn: f.meetingOn!,
				decidedOn: letter.decidedOn,
				appealBy: letter.appealBy, // the family's letter's: from the day it was sent
				contact: { name: f.child.caseworker?.name ?? user.name, email: f.child.caseworker?.email ?? user.email, phone: f.la.contactPhone },
				attachments: [{ documentId: letter.documentId }],
			},
		})
	}
}

/**
 * What every letter says of the council, the child and who it is to, dated `date`. A parent's letter is addressed to
 * everyone it goes to, as it always was; a young person's, or their representative's, is addressed to them, in their
 * voice, with the others copied (app/domain/young-person.ts).
 */
function letterBase(f: CaseFacts, user: SessionUser, date: string, to: Array<Recipient<string>>): LetterBase {
	const family = familyOf(f, date)
	const named = (p: Recipient<string>) => ({ name: p.name, role: p.role ?? LETTER_ROLES[p.audience]! })
	const addressed = family.voice === 'PARENT' ? to : to.filter((p) => p.audience === family.to.audience)
	return {
		councilName: f.la.name,
		councilAddress: f.la.address,
		councilContact: [`Your caseworker: ${f.child.caseworker?.name ?? user.name}`, f.child.caseworker?.email ?? user.email, f.la.contactPhone]
			.filter(Boolean)
			.join('\n'),
		letterSignatory: f.la.letterSignatory || `${user.name}\nSEN casework`,
		date,
		to: addressed.map(named),
		copies: to.filter((p) => !addressed.includes(p)).map(named),
		voice: family.voice,
		representativeRole: family.representativeRole ?? undefined,
		parentCopiedTo: family.copies[0]?.name,
		child: { name: childName(f), dateOfBirth: f.child.dateOfBirth, upn: f.child.upn, school: f.child.school?.name ?? '' },
		mediationText: f.la.mediationText,
		iassText: f.la.iassText,
		statutory: statutorySettings(f),
	}
}

function statutorySettings(f: CaseFacts): StatutorySettings {
	const la = f.la
	return {
		localOfferUrl: la.localOfferUrl,
		mediationAdviserContact: la.mediationAdviserContact,
		mediationContactName: la.mediationContactName,
		mediationContactEmail: la.mediationContactEmail,
		mediationContactPhone: la.mediationContactPhone,
	}
}

/** The plan version's wording by section, and its E and F rows: what the notice encloses and the final plan amends. */
function planParts(v: CaseFacts['planVersion']) {
	const sections: Record<string, string> = {
		A: v.sectionA,
		B: v.sectionB,
		C: v.sectionC,
		D: v.sectionD,
		G: v.sectionG,
		H1: v.sectionH1,
		H2: v.sectionH2,
		I: v.sectionI,
		J: v.sectionJ,
		K: v.sectionK,
	}
	const outcomes = v.outcomes.map((o) => ({ area: o.area, text: o.text }))
	const provision = v.provisions.map((p) => ({ need: p.need, what: p.what, who: p.who, frequency: p.frequency, duration: p.duration }))
	return { sections, outcomes, provision }
}

/** The plan under review as the letters print it: the copy of the current plan sent with the notice (reg 22(2)(a)). */
function currentPlanContent(f: CaseFacts): PlanContent {
	const { sections, outcomes, provision } = planParts(f.planVersion)
	return {
		sections: Object.entries(sections).map(([key, text]) => ({ key, title: PLAN_SECTION_TITLES[key as PlanSection], text })),
		outcomes,
		provision,
	}
}

type LetterTemplate = 'decision-letter' | 'amendment-notice' | 'final-plan-issued' | 'decision-not-to-amend'

/**
 * The letter's email to each of its recipients, written once each (its dedupe key: the step, the review and the
 * address), with the fields every letter email carries (emails/letter.ts): the review, the child, who to contact
 * (the caseworker, or whoever took the step) and the letter attached.
 */
async function emailLetter<Name extends LetterTemplate>(
	tx: Tx,
	f: CaseFacts,
	user: SessionUser,
	letter: { template: Name; step: string; documentId: string; to: Array<Recipient<PayloadOf<Name>['audience']>>; enclosures?: Enclosure[] },
	fields: Omit<PayloadOf<Name>, 'reviewId' | 'child' | 'audience' | 'contact' | 'attachments'>,
) {
	const contact = { name: f.child.caseworker?.name ?? user.name, email: f.child.caseworker?.email ?? user.email, phone: f.la.contactPhone }
	for (const person of letter.to) {
		if (!person.email) continue // posted: the check page told the caseworker (checkOf)
		const payload = {
			reviewId: f.id,
			child: { firstName: f.child.firstName, lastName: f.child.lastName },
			audience: person.audience,
			...(person.actingAs ? { actingAs: person.actingAs } : {}), // reg 64: as whom the representative is written to
			...fields,
			contact,
			mediation: statutorySettings(f), // reg 32(c), (f)
			attachments: [{ documentId: letter.documentId }, ...(letter.enclosures ?? []).map(({ evidenceId }) => ({ evidenceId }))],
		}
		await enqueueEmail(tx, {
			to: person.email,
			toName: person.name,
			template: letter.template,
			reviewId: f.id,
			dedupeKey: `${letter.step}:${f.id}:${person.email}`,
			payload: payload as PayloadOf<Name>,
		})
	}
}

async function withDocument<T>(bytes: Uint8Array, work: (storageKey: string) => Promise<T>): Promise<T> {
	const storageKey = await saveDocument(bytes)
	try {
		return await work(storageKey)
	} catch (error) {
		await deleteDocument(storageKey)
		throw error
	}
}

async function addDocument(tx: Tx, reviewId: string, kind: string, title: string, storageKey: string, bytes: Uint8Array) {
	return tx.generatedDocument.create({ data: { reviewId, kind, title, storageKey, sizeBytes: bytes.byteLength }, select: { id: true } })
}

// ---------------------------------------------------------------------------------------------
// What a step would send (issue 12 §1: preview and confirm before anything statutory is sent). Each step builds
// its letter once (decisionStep, noticeStep, finalStep): the check-before-sending page lists its recipients, the
// preview draws its PDF from the same inputs without storing or sending it, and the send checks that the digest
// the person confirmed is still what would go, so a change in between (another tab, another person) is refused.

type EmailFields<Name extends LetterTemplate> = Omit<PayloadOf<Name>, 'reviewId' | 'child' | 'audience' | 'contact' | 'attachments'>

/** A letter a step would send: its document (drawn on demand), who gets it and with which email, and a digest of all of it. */
export type OutgoingLetter<Name extends LetterTemplate = LetterTemplate> = {
	template: Name
	step: string
	kind: string
	title: string
	to: Array<Recipient<PayloadOf<Name>['audience']>>
	email: EmailFields<Name>
	render: () => Promise<Uint8Array>
	/** Others the step tells, with an email of their own (the health commissioner of a cease, reg 31(2)). */
	alsoTold: AlsoTold[]
	/** Evidence files attached to each email beside the PDF (the notice's Word documents, reg 22(2)(b)). */
	enclosures?: Enclosure[]
	/** What the person should know before sending (a Year 9 plan without preparation for adulthood, reg 12(3)). */
	warnings?: string[]
	/** The review's version, the recipients, the email and the document's inputs, hashed: what the person checked. */
	digest: string
}

/** An evidence file sent beside the letter's PDF as itself, because a PDF cannot hold it (reg 22(2)(b)). */
type Enclosure = { evidenceId: string; fileName: string }

/** Someone told of the step by an email of their own: their name, address (blank: none in the settings) and why. */
type AlsoTold = { name: string; email: string; role: string }

function outgoing<Name extends LetterTemplate>(
	f: CaseFacts,
	what: { template: Name; step: string; kind: string; title: string; enclosures?: Enclosure[]; warnings?: string[] },
	to: Array<Recipient<PayloadOf<Name>['audience']>>,
	email: EmailFields<Name>,
	document: unknown,
	render: () => Promise<Uint8Array>,
	alsoTold: AlsoTold[] = [],
): OutgoingLetter<Name> {
	const facts = JSON.stringify({ review: f.id, version: f.lockVersion, what, to, email, document, alsoTold }, (_key, value: unknown) =>
		typeof value === 'function' ? undefined : value,
	)
	return { ...what, to, email, render, alsoTold, digest: createHash('sha256').update(facts).digest('hex') }
}

export const LETTER_CHANGED = 'What would be sent has changed since you checked it. Check the letter and who it goes to again, then send it'

/** A statutory letter goes only as it was checked: `previewed` is the digest the check-before-sending page showed. */
function checkPreviewed(letter: OutgoingLetter, previewed: string | null) {
	if (!previewed) throw new StepError('Check the letter and who it goes to before sending it')
	if (previewed !== letter.digest) throw new StepError(LETTER_CHANGED)
}

/** Stores the letter's document and queues its email to each recipient, in the step's transaction. */
async function sendLetter<Name extends LetterTemplate>(
	tx: Tx,
	f: CaseFacts,
	user: SessionUser,
	letter: OutgoingLetter<Name>,
	document: { bytes: Uint8Array; storageKey: string },
) {
	const doc = await addDocument(tx, f.id, letter.kind, letter.title, document.storageKey, document.bytes)
	await emailLetter(
		tx,
		f,
		user,
		{ template: letter.template, step: letter.step, documentId: doc.id, to: letter.to, enclosures: letter.enclosures },
		letter.email,
	)
	return doc
}

/** What the check-before-sending page shows of a letter: its title, who it goes to (and as whom), and the digest to confirm. */
export function checkOf(letter: OutgoingLetter) {
	return {
		title: letter.title,
		digest: letter.digest,
		recipients: letter.to.map((p) => ({
			name: p.name,
			email: p.email,
			role: `${p.role ?? LETTER_ROLES[p.audience] ?? p.audience}${p.email ? '' : ': no email address, so print the letter and post it'}`,
		})),
		alsoTold: letter.alsoTold,
		separateFiles: (letter.enclosures ?? []).map((e) => e.fileName),
		warnings: letter.warnings ?? [],
	}
}
export type LetterCheck = ReturnType<typeof checkOf>

export type LetterStep = { step: 'decision'; input: DecisionInput } | { step: 'notice' } | { step: 'final'; input: FinalInput }

/**
 * What a step would send now, without storing or sending anything (null: the step sends no letter, an amend
 * decision): for the check-before-sending page and its preview PDF. Refused as the step itself would be.
 */
export async function letterToSend(user: SessionUser, reviewId: string, s: LetterStep, now = new Date()): Promise<OutgoingLetter | null> {
	const f = await loadCaseFacts(reviewId)
	if (s.step === 'decision') return decisionStep(f, user, s.input, now).letter as OutgoingLetter | null
	if (s.step === 'notice') return (await noticeStep(f, user, now)).letter as OutgoingLetter
	return (await finalStep(f, user, s.input, now)).letter as OutgoingLetter
}

// ---------------------------------------------------------------------------------------------
// The decision (reg 20(10)): maintain, amend or cease, within 4 weeks of the meeting.

/** What the council recorded before deciding to cease (reg 31(1)): the day the family was told, who was consulted, what was said. */
export type CeaseConsultationInput = CeaseConsultationFacts & { summary: string }

/**
 * Records (or corrects) that the council told the family it is considering ceasing the plan and consulted them and the
 * head teacher (SEND Regulations 2014 reg 31(1)), on a submitted review that has no decision yet.
 */
export async function recordCeaseConsultation(request: Request | null, user: SessionUser, reviewId: string, input: CeaseConsultationInput) {
	await prisma.$transaction(async (tx) => {
		const review = await tx.annualReview.findUniqueOrThrow({ where: { id: reviewId }, select: { status: true, childId: true } })
		requireStep('considerCeasing', review)
		const data = {
			informedOn: input.informedOn,
			familyConsulted: input.familyConsulted,
			headTeacherConsulted: input.headTeacherConsulted,
			summary: input.summary,
			recordedById: user.id,
		}
		const row = await tx.ceaseConsultation.upsert({ where: { reviewId }, create: { reviewId, ...data }, update: data, select: { id: true } })
		await tx.annualReview.update({ where: { id: reviewId }, data: { lockVersion: { increment: 1 } } })
		const who = [input.familyConsulted && 'the family', input.headTeacherConsulted && 'the head teacher'].filter(Boolean).join(' and ') || 'nobody yet'
		await audit(
			request,
			user.id,
			'review.update',
			{
				entityType: 'CeaseConsultation',
				entityId: row.id,
				reviewId,
				childId: review.childId,
				details: `considering ceasing: family told on ${input.informedOn}; consulted ${who} (reg 31(1))`,
			},
			tx,
		)
	})
}

export type DecisionInput = { outcome: 'MAINTAIN' | 'AMEND' | 'CEASE'; reasons: string; decidedOn: string }

/**
 * The decision as it would be made: whether it closes the review, the next review's due date, and for maintain or
 * cease the decision letter with appeal rights to the family and the head teacher (an amend sends no letter: the
 * amendment notice follows). One definition for the check-before-sending page, its preview and the send.
 */
function decisionStep(f: CaseFacts, user: SessionUser, input: DecisionInput, now: Date) {
	requireStep('decide', f)
	if (!f.meetingOn) throw new StepError('The review has no meeting date.')
	const closes = input.outcome !== 'AMEND'
	const nextDue = nextReviewDueOn(f.child.plan!.firstIssuedOn, f.meetingOn)
	if (!closes) return { closes, nextDue, letter: null }
	// reg 31(1): the family informed and consulted, and the head teacher consulted, before a cease decision.
	if (input.outcome === 'CEASE') requireStep('decide', { status: f.status, ceasing: { consultation: f.ceaseConsultation, decidedOn: input.decidedOn } })
	const decision = input.outcome as 'MAINTAIN' | 'CEASE'
	const to = recipients(f, 'HEAD_TEACHER', todayInLondon(now))
	// The letter is dated the day it is sent, and the appeal runs from that day, whatever decision date was typed
	// (HESC Rules 2008 r.20; reg 33): app/domain/appeal-deadline.ts. The decision keeps its own date.
	const { sentOn, appealBy } = letterDates(now)
	const document = { ...letterBase(f, user, sentOn, to), meetingOn: f.meetingOn, decision, reasons: input.reasons }
	const email = {
		decision,
		meetingOn: f.meetingOn,
		decidedOn: input.decidedOn,
		appealBy,
		nextReviewDueOn: input.outcome === 'MAINTAIN' ? nextDue : undefined,
	}
	const letter = outgoing(
		f,
		{ template: 'decision-letter', step: 'decision', kind: 'DECISION_LETTER', title: `Decision letter - ${childName(f)}.pdf` },
		to,
		email,
		document,
		() => renderDecisionLetter(document),
		input.outcome === 'CEASE' ? ceaseAlsoTells(f) : [],
	)
	return { closes, nextDue, letter }
}

export async function makeDecision(
	request: Request | null,
	user: SessionUser,
	reviewId: string,
	input: DecisionInput,
	previewed: string | null,
	now = new Date(),
) {
	const f = await loadCaseFacts(reviewId)
	const { closes, nextDue, letter } = decisionStep(f, user, input, now)
	if (letter) checkPreviewed(letter, previewed)
	const run = async (document: { bytes: Uint8Array; storageKey: string } | null) =>
		prisma.$transaction(async (tx) => {
			const moved = await tx.annualReview.updateMany({
				where: { id: f.id, status: { in: fromStatuses('decide') }, lockVersion: f.lockVersion },
				data: { status: statusAfter('decide', input.outcome), closedAt: closes ? new Date() : null, lockVersion: { increment: 1 } },
			})
			if (moved.count !== 1) throw new StepError('Someone else has just decided or changed this review. Reload the page.')
			if (input.outcome === 'CEASE') {
				// Checked again here: the consultation could have been changed since the letter was drawn.
				const consultation = await tx.ceaseConsultation.findUnique({ where: { reviewId: f.id }, select: CEASE_CONSULTATION_SELECT })
				requireStep('decide', { status: f.status, ceasing: { consultation, decidedOn: input.decidedOn } })
			}
			await tx.decision.create({
				data: { reviewId: f.id, outcome: input.outcome, reasons: input.reasons, decidedOn: input.decidedOn, decidedById: user.id },
			})
			if (closes) {
				// The review is done: the next one is due within 12 months of this meeting (s.44(1)).
				await tx.ehcPlan.update({
					where: { id: f.child.plan!.id },
					data: { lastReviewOn: f.meetingOn, reviewDueOn: nextDue, ...(input.outcome === 'CEASE' ? { status: 'CEASED' } : {}) },
				})
			}
			if (document && letter) {
				const doc = await sendLetter(tx, f, user, letter, document)
				if (input.outcome === 'CEASE')
					await tellHealthCommissionerOfCease(tx, f, user, { decidedOn: input.decidedOn, appealBy: letter.email.appealBy, documentId: doc.id })
			}
			await refreshNextDeadline(tx, f.id)
			await audit(
				request,
				user.id,
				'decision.make',
				{ entityType: 'AnnualReview', entityId: f.id, reviewId: f.id, childId: f.child.id, details: input.outcome },
				tx,
			)
		})
	if (!letter) return run(null)
	// Maintain or cease: the decision letter with appeal rights goes to the family and the head teacher.
	const bytes = await letter.render()
	return withDocument(bytes, (storageKey) => run({ bytes, storageKey }))
}

// ---------------------------------------------------------------------------------------------
// The amendment notice (reg 22(2)): each school proposal accepted, edited or rejected, plus the
// council's own; the family has 15 days beginning with the day of service (day 1) to respond.

export type ProposalDecision = { proposalId: string; decision: 'ACCEPTED' | 'EDITED' | 'REJECTED'; wording?: string; reason?: string }

/** The council's own amendment: its section, its wording and why. */
export type CouncilAmendment = { section: PlanSection; wording: string; reason: string }

/**
 * The amendment notice as far as the council has built it: what it does with each school proposal (only the
 * review's own are touched), and an amendment of its own if one was added. Saved before the notice is issued.
 */
export async function saveNoticeDraft(
	request: Request | null,
	user: SessionUser,
	review: Pick<LoadedReview, 'id' | 'child' | 'planVersion'>,
	draft: { choices: ProposalDecision[]; councilAmendment: CouncilAmendment | null },
) {
	await prisma.$transaction(async (tx) => {
		for (const c of draft.choices) {
			await tx.amendmentProposal.updateMany({
				where: { id: c.proposalId, reviewId: review.id },
				data: { laDecision: c.decision, laWording: c.decision === 'EDITED' ? (c.wording ?? null) : null, laReason: c.reason ?? '' },
			})
		}
		const own = draft.councilAmendment
		if (own) {
			await tx.amendmentProposal.create({
				data: {
					reviewId: review.id,
					origin: 'LA',
					section: own.section,
					currentWording: planWording(review.planVersion, own.section),
					proposedWording: own.wording,
					reason: own.reason,
					createdById: user.id,
				},
			})
		}
		await audit(
			request,
			user.id,
			'review.update',
			{ entityType: 'AnnualReview', entityId: review.id, reviewId: review.id, childId: review.child.id, details: 'amendment notice choices saved' },
			tx,
		)
	})
}

/** Takes one of the council's own amendments off the notice before it is issued. */
export async function removeCouncilAmendment(reviewId: string, proposalId: string) {
	await prisma.amendmentProposal.deleteMany({ where: { id: proposalId, reviewId, origin: 'LA' } })
}

/**
 * The amendments a notice carries: accepted and edited school proposals, and the council's own; never one the council
 * added on the final plan page after representations (addedAfterNotice), which the family sees first in the final plan.
 */
export async function noticeAmendments(reviewId: string) {
	const proposals = await prisma.amendmentProposal.findMany({
		where: { reviewId, addedAfterNotice: false, OR: [{ origin: 'LA' }, { laDecision: { in: ['ACCEPTED', 'EDITED'] } }] },
		// One order on every database: proposals made in the same instant (an import, the seed) tie on createdAt.
		orderBy: [{ section: 'asc' }, { position: 'asc' }, { createdAt: 'asc' }, { id: 'asc' }],
		select: {
			id: true,
			section: true,
			origin: true,
			currentWording: true,
			proposedWording: true,
			laWording: true,
			reason: true,
			laReason: true,
			finalWording: true,
			finalDropped: true,
			finalReason: true,
			evidence: { select: { evidenceId: true } },
		},
	})
	return proposals.map((p) => ({
		id: p.id,
		section: p.section,
		title: PLAN_SECTION_TITLES[p.section as PlanSection] ?? p.section,
		origin: p.origin as 'SCHOOL' | 'LA',
		currentWording: p.currentWording,
		proposedWording: p.laWording ?? p.proposedWording,
		reason: p.laReason || p.reason,
		evidenceIds: p.evidence.map((e) => e.evidenceId),
		final: { wording: p.finalWording, dropped: p.finalDropped, reason: p.finalReason },
	}))
}

/**
 * The amendments as the final plan will carry them: the notice's, each with the wording changed after the
 * family's representations (or dropped). `noticedWording` is what the notice proposed, for the difference.
 */
export async function finalAmendments(reviewId: string) {
	return (await noticeAmendments(reviewId)).map(({ final, ...a }) => ({
		...a,
		noticedWording: a.proposedWording,
		finalWording: final.wording ?? a.proposedWording,
		dropped: final.dropped,
		finalReason: final.reason,
	}))
}

/** What the council does with one noticed amendment after representations: its wording for the plan, or dropped. */
export type FinalChange = { proposalId: string; wording: string; drop: boolean; reason: string }

/**
 * Changes the amendments after the family's representations (reg 22(2)(c): representations can change the plan),
 * before the final plan is issued. Only the review's noticed amendments are touched; the notice's wording is kept.
 */
export async function saveFinalChanges(request: Request | null, user: SessionUser, review: { id: string; childId: string }, changes: FinalChange[]) {
	const noticed = new Map((await noticeAmendments(review.id)).map((a) => [a.id, a]))
	await prisma.$transaction(async (tx) => {
		let changed = 0
		for (const c of changes) {
			const a = noticed.get(c.proposalId)
			if (!a) continue
			const finalWording = c.drop || c.wording.trim() === a.proposedWording.trim() ? null : c.wording
			if (finalWording === a.final.wording && c.drop === a.final.dropped && c.reason === a.final.reason) continue
			const moved = await tx.amendmentProposal.updateMany({
				where: { id: a.id, reviewId: review.id, review: { status: { in: fromStatuses('prepareFinalPlan') } } },
				data: { finalWording, finalDropped: c.drop, finalReason: c.reason },
			})
			if (moved.count !== 1) throw new StepError('The final plan has just been issued. Reload the page.')
			changed++
		}
		if (!changed) return
		await audit(
			request,
			user.id,
			'review.update',
			{
				entityType: 'AnnualReview',
				entityId: review.id,
				reviewId: review.id,
				childId: review.childId,
				details: `${changed} amendments changed after representations`,
			},
			tx,
		)
	})
}

/**
 * The amendments the council added on the final plan page after representations (reg 22(3): the final plan may change
 * the plan beyond what the notice proposed): not in the notice, first seen by the family in the final plan.
 */
export async function amendmentsAddedAfterNotice(reviewId: string) {
	const proposals = await prisma.amendmentProposal.findMany({
		where: { reviewId, addedAfterNotice: true },
		orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
		select: { id: true, section: true, currentWording: true, proposedWording: true, reason: true },
	})
	return proposals.map((p) => ({ ...p, title: PLAN_SECTION_TITLES[p.section as PlanSection] ?? p.section }))
}

/** An amendment the council makes after the family's representations: its section, its wording and why (required). */
export type AmendmentAfterNotice = { section: PlanSection; wording: string; reason: string }

/**
 * Adds an amendment of the council's own after the notice (reg 22(3)), from the plan's current wording of the section:
 * once the notice is issued and until the final plan is. Audited.
 */
export async function addAmendmentAfterNotice(request: Request | null, user: SessionUser, reviewId: string, input: AmendmentAfterNotice) {
	const f = await loadCaseFacts(reviewId)
	const currentWording = planWording(f.planVersion, input.section)
	if (input.wording.trim() === currentWording.trim()) throw new StepError('Change the wording: it is the same as the plan’s')
	await prisma.$transaction(async (tx) => {
		const open = await tx.annualReview.count({ where: { id: f.id, status: { in: fromStatuses('prepareFinalPlan') } } })
		if (!open) throw new StepError('Amendments are added after the amendment notice is issued and before the final plan.')
		const created = await tx.amendmentProposal.create({
			data: {
				reviewId: f.id,
				origin: 'LA',
				addedAfterNotice: true,
				section: input.section,
				currentWording,
				proposedWording: input.wording,
				reason: input.reason,
				createdById: user.id,
			},
			select: { id: true },
		})
		await audit(
			request,
			user.id,
			'review.update',
			{
				entityType: 'AmendmentProposal',
				entityId: created.id,
				reviewId: f.id,
				childId: f.child.id,
				details: `amendment to section ${input.section} added after representations (reg 22(3))`,
			},
			tx,
		)
	})
}

/** Takes back an amendment added after the notice, before the final plan is issued. Audited. */
export async function removeAmendmentAddedAfterNotice(request: Request | null, user: SessionUser, review: { id: string; childId: string }, proposalId: string) {
	await prisma.$transaction(async (tx) => {
		const removed = await tx.amendmentProposal.deleteMany({
			where: { id: proposalId, reviewId: review.id, addedAfterNotice: true, review: { status: { in: fromStatuses('prepareFinalPlan') } } },
		})
		if (!removed.count) return
		await audit(
			request,
			user.id,
			'review.update',
			{
				entityType: 'AmendmentProposal',
				entityId: proposalId,
				reviewId: review.id,
				childId: review.childId,
				details: 'amendment added after representations removed',
			},
			tx,
		)
	})
}

/** The amendment notice as it would be issued today: its amendments, its dates and the letter (reg 22(2)). */
async function noticeStep(f: CaseFacts, user: SessionUser, now: Date) {
	requireStep('issueNotice', f)
	const amendments = await noticeAmendments(f.id)
	if (!amendments.length) throw new StepError('Accept or edit at least one proposal, or add one of the council’s own amendments')
	const issuedOn = todayInLondon(now)
	const closesOn = representationsCloseOn(issuedOn)
	const evidenceIds = new Set(amendments.flatMap((a) => a.evidenceIds))
	const evidence = await prisma.evidenceFile.findMany({
		where: { reviewId: f.id, ...(evidenceIds.size ? { id: { in: [...evidenceIds] } } : {}) },
		orderBy: { uploadedAt: 'asc' },
		select: { id: true, title: true, fileName: true, contentType: true, storageKey: true, sha256: true },
	})
	// reg 22(2)(b): evidence a PDF cannot hold (a Word document) goes with the notice's email as the file itself.
	const enclosures = evidence.filter((e) => cannotGoInPdf(e.contentType)).map((e) => ({ evidenceId: e.id, fileName: e.fileName }))
	const to = recipients(f, 'SCHOOL', issuedOn)
	const document = {
		...letterBase(f, user, issuedOn, to),
		meetingOn: f.meetingOn ?? undefined,
		issuedOn,
		representationsCloseOn: closesOn,
		currentPlan: currentPlanContent(f), // reg 22(2)(a)
		amendments: amendments.map(({ section, title, currentWording, proposedWording, reason, origin }) => ({
			section,
			title,
			currentWording,
			proposedWording,
			reason,
			origin,
		})),
		evidence: evidence.map((e) => ({
			title: e.title,
			fileName: e.fileName,
			contentType: e.contentType,
			sha256: e.sha256,
			load: () => readEvidenceBytes(e.storageKey),
			sentAlongside: cannotGoInPdf(e.contentType),
		})),
	}
	const email = {
		meetingOn: f.meetingOn!,
		issuedOn,
		representationsCloseOn: closesOn,
		finalPlanDueOn: finalPlanDueOn(issuedOn),
		amendmentCount: amendments.length,
		localOfferUrl: f.la.localOfferUrl, // reg 22(2)(d)
	}
	const letter = outgoing(
		f,
		{ template: 'amendment-notice', step: 'notice', kind: 'AMENDMENT_NOTICE', title: `Amendment notice - ${childName(f)}.pdf`, enclosures },
		to,
		email,
		document,
		() => renderAmendmentNotice(document),
	)
	return { amendments, issuedOn, closesOn, letter }
}

export async function issueAmendmentNotice(request: Request | null, user: SessionUser, reviewId: string, previewed: string | null, now = new Date()) {
	const f = await loadCaseFacts(reviewId)
	const { amendments, issuedOn, closesOn, letter } = await noticeStep(f, user, now)
	checkPreviewed(letter, previewed)
	const bytes = await letter.render()
	return withDocument(bytes, (storageKey) =>
		prisma.$transaction(async (tx) => {
			const moved = await tx.annualReview.updateMany({
				where: { id: f.id, status: { in: fromStatuses('issueNotice') }, lockVersion: f.lockVersion },
				data: { status: statusAfter('issueNotice'), lockVersion: { increment: 1 } },
			})
			if (moved.count !== 1) throw new StepError('Someone else has just issued this notice or changed the review. Reload the page.')
			await tx.amendmentNotice.create({ data: { reviewId: f.id, issuedOn, representationsCloseOn: closesOn, issuedById: user.id } })
			await sendLetter(tx, f, user, letter, { bytes, storageKey })
			await refreshNextDeadline(tx, f.id)
			await audit(
				request,
				user.id,
				'notice.issue',
				{
					entityType: 'AmendmentNotice',
					entityId: f.id,
					reviewId: f.id,
					childId: f.child.id,
					details: `${amendments.length} amendments; representations close ${closesOn}`,
				},
				tx,
			)
			return { issuedOn, closesOn }
		}),
	)
}

// ---------------------------------------------------------------------------------------------
// Representations (reg 22(2)(c))

export type RepresentationInput = {
	receivedOn: string
	fromName: string
	summary: string
	requestedSchool?: string
	meetingRequested: boolean
	response?: string
}

/** Records a representation, with the letter or email it came in (an evidence upload already checked and stored), if any. */
export async function recordRepresentation(
	request: Request | null,
	user: SessionUser,
	reviewId: string,
	input: RepresentationInput,
	file?: StoredEvidence | null,
) {
	return prisma.$transaction((tx) => writeRepresentation(tx, request, user, reviewId, input, file))
}

/**
 * recordRepresentation inside the caller's transaction: the representation, its file, the review's status
 * (statusAfter('recordRepresentation')) and the audit. `online`: made by the family in the portal
 * (app/services/family-representation.server.ts), who is `user`, audited as 'family.representation'.
 */
export async function writeRepresentation(
	tx: Tx,
	request: Request | null,
	user: SessionUser,
	reviewId: string,
	input: RepresentationInput,
	file?: StoredEvidence | null,
	options: { online?: boolean } = {},
) {
	const review = await tx.annualReview.findUniqueOrThrow({ where: { id: reviewId }, select: { status: true, childId: true } })
	requireStep('recordRepresentation', review)
	const created = await tx.representation.create({
		data: {
			reviewId,
			receivedOn: input.receivedOn,
			fromName: input.fromName,
			summary: input.summary,
			requestedSchool: input.requestedSchool ?? '',
			meetingRequested: input.meetingRequested,
			response: input.response ?? '',
			respondedOn: input.response ? todayInLondon(new Date()) : null,
			recordedById: user.id,
			online: options.online ?? false,
		},
		select: { id: true },
	})
	if (file) {
		await tx.evidenceFile.create({
			data: {
				reviewId,
				representationId: created.id,
				title: `Representation from ${input.fromName}, received ${formatDate(input.receivedOn)}`,
				fileName: file.fileName,
				contentType: file.contentType,
				sizeBytes: file.sizeBytes,
				sha256: file.sha256,
				storageKey: file.storageKey,
				scanStatus: file.scanStatus,
				uploadedById: user.id,
			},
		})
	}
	await tx.annualReview.update({ where: { id: reviewId }, data: { status: statusAfter('recordRepresentation'), lockVersion: { increment: 1 } } })
	await audit(
		request,
		user.id,
		options.online ? 'family.representation' : 'representation.record',
		{
			entityType: 'Representation',
			entityId: created.id,
			reviewId,
			childId: review.childId,
			details: `${options.online ? 'made online by ' : 'from '}${input.fromName}, received ${input.receivedOn}`,
		},
		tx,
	)
	return created
}

// ---------------------------------------------------------------------------------------------
// The final amended plan, or the decision not to amend after all (reg 22(3)-(4)), within 8 weeks.

/** Whether the final plan may be issued today (app/domain/final-plan-timing.ts: the family's 15 days, reg 22(2)(c)). */
async function finalPlanTiming(db: Tx | typeof prisma, reviewId: string, today: string): Promise<FinalPlanTiming> {
	const review = await db.annualReview.findUniqueOrThrow({
		where: { id: reviewId },
		select: {
			notice: { select: { issuedOn: true, representationsCloseOn: true, familyAgreedCompleteOn: true } },
			_count: { select: { representations: true } },
		},
	})
	return mayIssueFinalPlan(
		{ notice: review.notice, representationsRecorded: review._count.representations, familyAgreedOn: review.notice?.familyAgreedCompleteOn ?? null },
		today,
	)
}

/**
 * Records, or takes back, that the family has told the council they have no more to say (the date they said so),
 * which lets the final plan be issued before the 15 days close (app/domain/final-plan-timing.ts).
 */
export async function recordFamilyAgreement(
	request: Request | null,
	user: SessionUser,
	review: { id: string; childId: string },
	familyAgreedOn: string | null,
) {
	await prisma.$transaction(async (tx) => {
		const notice = await tx.amendmentNotice.findFirst({
			where: { reviewId: review.id, review: { status: { in: fromStatuses('prepareFinalPlan') } } },
			select: { familyAgreedCompleteOn: true },
		})
		if (!notice || notice.familyAgreedCompleteOn === familyAgreedOn) return
		await tx.amendmentNotice.update({ where: { reviewId: review.id }, data: { familyAgreedCompleteOn: familyAgreedOn } })
		await audit(
			request,
			user.id,
			'review.update',
			{
				entityType: 'AmendmentNotice',
				entityId: review.id,
				reviewId: review.id,
				childId: review.childId,
				details: familyAgreedOn ? `family said on ${familyAgreedOn} they had no more to say` : 'family’s agreement taken back',
			},
			tx,
		)
	})
}

/** What the council issues after the notice: the amended plan or a decision not to amend, with its reasons (reg 22(3)-(4)). */
export type FinalInput = { amend: boolean; reasons: string }

// What the final plan's list of changes says of a change the amendment notice did not carry as it is made.
const CHANGED_AFTER_NOTICE = 'Changed after your representations: the amendment notice proposed different wording.'
const ADDED_AFTER_NOTICE = 'Added after your representations: this change was not in the amendment notice (reg 22(3)).'
const NAMED_AT_REQUEST = 'The school you asked for, named after consulting it (Children and Families Act 2014 s.39(3)).'

/** The family's school request as the final plan answers it (app/domain/school-request.ts), with the school's record when it has one. */
async function schoolRequestForFinalPlan(db: Tx | typeof prisma, reviewId: string) {
	const row = await db.schoolRequest.findUnique({
		where: { reviewId },
		select: {
			schoolName: true,
			consultedOn: true,
			outcome: true,
			refusalGrounds: true,
			refusalReasons: true,
			school: { select: { id: true, name: true, urn: true, phase: true, kind: true, headTeacherName: true, headTeacherEmail: true, contactEmail: true } },
		},
	})
	if (!row) return null
	return { ...row, outcome: row.outcome as SchoolRequestOutcome | null, refusalGrounds: parseGrounds(row.refusalGrounds) }
}

/** The final plan, or the decision not to amend, as it would be issued today, with its letter (reg 22(3)-(4)). */
async function finalStep(f: CaseFacts, user: SessionUser, input: FinalInput, now: Date) {
	requireStep('issueFinalPlan', f)
	const issuedOn = todayInLondon(now)
	// The 15 days are the family's (reg 22(2)(c)): checked here to refuse before a letter is drawn, and again in the transaction.
	const timing = await finalPlanTiming(prisma, f.id, issuedOn)
	if (!timing.ok) throw new StepError(timing.reason)
	const familyAgreedOn = timing.early ? timing.familyAgreedOn : undefined
	// The family's request for a school (s.39): decided before the plan or the decision goes (app/domain/school-request.ts).
	const asked = await schoolRequestForFinalPlan(prisma, f.id)
	const mayIssue = mayIssueWithSchoolRequest(asked, input.amend)
	if (!mayIssue.ok) throw new StepError(mayIssue.reason)
	const named = asked?.outcome === 'NAMED' && asked.school ? asked.school : null
	// The wording as changed after representations (a dropped amendment is not made), then those added after the notice.
	const amendments = [
		...(await finalAmendments(f.id))
			.filter((a) => !a.dropped)
			.map((a) => ({ ...a, proposedWording: a.finalWording, note: a.finalWording !== a.noticedWording ? CHANGED_AFTER_NOTICE : undefined })),
		...(await amendmentsAddedAfterNotice(f.id)).map((a) => ({ ...a, note: ADDED_AFTER_NOTICE })),
	]
	if (input.amend && !amendments.length && !named)
		throw new StepError('Every amendment is dropped: issue a decision not to amend the plan instead, or keep at least one amendment')
	const v = f.planVersion
	const { sections, outcomes: currentOutcomes, provision: currentProvision } = planParts(v)
	let outcomes = currentOutcomes
	let provision = currentProvision
	for (const a of amendments) {
		// An amended row keeps its need (or area) and the columns its line names (app/domain/plan-rows.ts).
		if (a.section === 'E') outcomes = outcomeRowsFrom(a.proposedWording, outcomes)
		else if (a.section === 'F') provision = provisionRowsFrom(a.proposedWording, provision)
		else sections[a.section] = a.proposedWording
	}
	// The school the family asked for, named after consulting it (s.39(3)): Section I gives its name and type (reg 12(1)(i)).
	const changes = amendments.map((a) => ({
		section: a.section,
		title: a.title,
		currentWording: a.currentWording,
		proposedWording: a.proposedWording,
		note: a.note,
	}))
	if (named) {
		sections.I = sectionIWording(named)
		changes.push({ section: 'I', title: PLAN_SECTION_TITLES.I, currentWording: v.sectionI, proposedWording: sections.I, note: NAMED_AT_REQUEST })
	}
	const schoolRequest = asked ? schoolRequestParagraphs(asked) : []
	// reg 12(3): from Year 9 the plan includes provision to prepare for adulthood and independent living.
	const adulthood = mustIncludePreparationForAdulthood({ yearGroup: f.child.yearGroup, dateOfBirth: f.child.dateOfBirth }, issuedOn)
		? [{ key: 'PfA', title: PREPARATION_FOR_ADULTHOOD_TITLE, text: v.preparationForAdulthood }]
		: []
	const nextDue = nextReviewDueOn(f.child.plan!.firstIssuedOn, f.meetingOn ?? issuedOn)
	const to = recipients(f, 'SCHOOL', issuedOn)
	const base = letterBase(f, user, issuedOn, to)
	const versionNo = f.child.plan!.currentVersionNo + 1
	const title = `${input.amend ? `Final amended EHC plan (version ${versionNo})` : 'Decision not to amend'} - ${childName(f)}.pdf`
	// reg 12(3): a plan from Year 9 without preparation for adulthood is not what the law asks for: the check says so.
	const warnings =
		input.amend && adulthood.length && !v.preparationForAdulthood.trim()
			? [
					'From Year 9 the plan must include provision to prepare for adulthood and independent living (reg 12(3)), and this plan has none recorded: the plan will say so. Add it through an amendment (for example to Sections E and F) before issuing.',
				]
			: []
	const step = { step: 'final', kind: input.amend ? 'FINAL_PLAN' : 'NO_AMENDMENT_NOTICE', title, warnings }
	let letter: OutgoingLetter<'final-plan-issued'> | OutgoingLetter<'decision-not-to-amend'>
	if (input.amend) {
		const document = {
			councilName: base.councilName,
			councilAddress: base.councilAddress,
			councilContact: base.councilContact,
			child: base.child,
			mediationText: base.mediationText,
			statutory: base.statutory,
			iassText: base.iassText,
			voice: base.voice, // the plan's own words to a young person, or their representative
			representativeRole: base.representativeRole,
			versionNo,
			issuedOn,
			sections: [...Object.entries(sections).map(([key, text]) => ({ key, title: PLAN_SECTION_TITLES[key as PlanSection], text })), ...adulthood],
			outcomes,
			provision,
			changes,
			schoolRequest,
			familyAgreedOn,
		}
		const email = { issuedOn, namedPlacement: sections.I || undefined, appealBy: appealDeadline(issuedOn), nextReviewDueOn: nextDue }
		// The final plan also goes to the school named in it (reg 22(3)(b)): a school named at the family's request that is
		// not the child's own is sent it too, and told it must admit the child (s.43); and to the health commissioner (reg 22(3)(c)).
		const toAll = [...to, ...namedSchool(f, named), ...healthCommissioner(f)]
		letter = outgoing(f, { template: 'final-plan-issued', ...step }, toAll, email, document, () => renderFinalPlan(document))
	} else {
		// A refused school request is answered in the decision's reasons, with its s.39(4) grounds (the family can appeal it).
		const reasons = [input.reasons, ...schoolRequest].filter(Boolean).join('\n\n')
		const document = { ...base, meetingOn: f.meetingOn ?? issuedOn, noticeIssuedOn: f.notice!.issuedOn, reasons, familyAgreedOn }
		const email = { noticeIssuedOn: f.notice!.issuedOn, decidedOn: issuedOn, reasons: input.reasons, appealBy: appealDeadline(issuedOn) }
		letter = outgoing(f, { template: 'decision-not-to-amend', ...step }, to, email, document, () => renderNoAmendmentNotice(document))
	}
	return { issuedOn, timing, sections, outcomes, provision, nextDue, versionNo, letter }
}

export async function issueFinalPlan(
	request: Request | null,
	user: SessionUser,
	reviewId: string,
	input: FinalInput,
	previewed: string | null,
	now = new Date(),
) {
	const f = await loadCaseFacts(reviewId)
	const { issuedOn, timing, sections, outcomes, provision, nextDue, versionNo, letter } = await finalStep(f, user, input, now)
	checkPreviewed(letter, previewed)
	const v = f.planVersion
	const bytes = await letter.render()
	return withDocument(bytes, (storageKey) =>
		prisma.$transaction(async (tx) => {
			const moved = await tx.annualReview.updateMany({
				where: { id: f.id, status: { in: fromStatuses('issueFinalPlan') }, lockVersion: f.lockVersion },
				data: { status: statusAfter('issueFinalPlan'), lockVersion: { increment: 1 } },
			})
			if (moved.count !== 1) throw new StepError('Someone else has just issued the final plan or changed the review. Reload the page.')
			const recheck = await finalPlanTiming(tx, f.id, issuedOn)
			if (!recheck.ok) throw new StepError(recheck.reason)
			if (recheck.early !== timing.early) throw new StepError('The family’s agreement has just changed. Reload the page.')
			// The school request is checked again here: it could have been changed since the letter was drawn (s.39).
			const asked = await schoolRequestForFinalPlan(tx, f.id)
			const answered = mayIssueWithSchoolRequest(asked, input.amend)
			if (!answered.ok) throw new StepError(answered.reason)
			const finalPlan = await tx.finalPlan.create({
				data: { reviewId: f.id, amended: input.amend, reasons: input.reasons, issuedOn, issuedById: user.id },
				select: { id: true },
			})
			if (input.amend) {
				// A new version of the plan; the old one is kept as it was.
				await tx.planVersion.create({
					data: {
						planId: v.planId,
						versionNo,
						issuedOn,
						finalPlanId: finalPlan.id,
						sectionA: sections.A!,
						sectionB: sections.B!,
						sectionC: sections.C!,
						sectionD: sections.D!,
						sectionG: sections.G!,
						sectionH1: sections.H1!,
						sectionH2: sections.H2!,
						sectionI: sections.I!,
						sectionJ: sections.J!,
						sectionK: sections.K!,
						preparationForAdulthood: v.preparationForAdulthood,
						outcomes: { create: outcomes.map((o, i) => ({ position: i, area: o.area, text: o.text })) },
						provisions: { create: provision.map((p, i) => ({ position: i, ...p })) },
					},
				})
			}
			await tx.ehcPlan.update({
				where: { id: f.child.plan!.id },
				data: { lastReviewOn: f.meetingOn ?? issuedOn, reviewDueOn: nextDue, ...(input.amend ? { currentVersionNo: versionNo } : {}) },
			})
			await sendLetter(tx, f, user, letter as OutgoingLetter, { bytes, storageKey })
			await refreshNextDeadline(tx, f.id)
			await audit(
				request,
				user.id,
				'final.issue',
				{
					entityType: 'FinalPlan',
					entityId: finalPlan.id,
					reviewId: f.id,
					childId: f.child.id,
					details: [
						input.amend ? `plan version ${versionNo}` : 'not amended',
						asked?.outcome && `${asked.schoolName} ${asked.outcome.toLowerCase()} (s.39)`,
					]
						.filter(Boolean)
						.join('; '),
				},
				tx,
			)
			return { versionNo: input.amend ? versionNo : null }
		}),
	)
}

export async function closeReview(request: Request | null, user: SessionUser, reviewId: string) {
	await prisma.$transaction(async (tx) => {
		const moved = await tx.annualReview.updateMany({
			where: { id: reviewId, status: { in: fromStatuses('closeReview') } },
			data: { status: statusAfter('closeReview'), closedAt: new Date(), lockVersion: { increment: 1 } },
		})
		if (moved.count !== 1) throw new StepError('Only a review whose final plan has been issued can be closed.')
		const review = await tx.annualReview.findUniqueOrThrow({ where: { id: reviewId }, select: { childId: true } })
		await refreshNextDeadline(tx, reviewId)
		await audit(
			request,
			user.id,
			'review.update',
			{ entityType: 'AnnualReview', entityId: reviewId, reviewId, childId: review.childId, details: 'closed' },
			tx,
		)
	})
}
