/**
 * Realistic inputs for the PDF documents, shared by app/pdf/pdf.test.ts and bench/pdf.bench.ts.
 * The people and places are invented.
 */
import { PDFDocument, StandardFonts } from 'pdf-lib'
import type { EvidenceItem } from '#app/pdf/bundle.server.ts'
import type { AmendmentNoticeInput, DecisionLetterInput, FinalPlanInput, LetterBase } from '#app/pdf/letters.server.ts'
import type { ReviewRecordInput } from '#app/pdf/review-record.server.ts'

export const CHILD = {
	name: 'Amara Okafor-Whitfield',
	dateOfBirth: '2013-11-04',
	upn: 'H801200001012',
	yearGroup: 'Year 9',
	school: 'Oakfield Community College',
}

export const SALT_CURRENT = 'Amara will have access to speech and language therapy as required. Staff will provide support with vocabulary in lessons.'
export const SALT_PROPOSED =
	'A speech and language therapist will deliver one 30-minute session each week in school, and will review the targets every term. ' +
	'A teaching assistant trained by the therapist will pre-teach key subject vocabulary for 20 minutes three times a week.'

export function reviewRecordFixture(): ReviewRecordInput {
	return {
		councilName: 'Kent County Council',
		child: CHILD,
		review: {
			meetingOn: '2027-03-03',
			meetingTime: '14:00',
			meetingPlace: 'Oakfield Community College, meeting room 2',
			dueOn: '2027-03-20',
			statusLabel: 'Report submitted',
			submittedAt: new Date('2027-03-10T16:05:00Z'),
			reportDueOn: '2027-03-17',
			decisionDueOn: '2027-03-31',
		},
		attendees: [
			{ role: 'PARENT', name: 'Grace Okafor', attended: true, contributedAdvice: true },
			{ role: 'YOUNG_PERSON', name: 'Amara Okafor-Whitfield', attended: true, contributedAdvice: false },
			{ role: 'SCHOOL_STAFF', name: 'Mr Daniel Hughes (SENCo)', attended: true, contributedAdvice: true },
			{ role: 'HEALTH', name: 'Priya Nair, speech and language therapist', attended: false, contributedAdvice: true },
			{ role: 'LA_OFFICER', name: 'Siobhan Clarke, SEN caseworker', attended: null, contributedAdvice: false },
		],
		childVoice: {
			pathway: 'Supported conversation with a trusted adult',
			words:
				'I like art and drawing animals. I want to work with animals when I am older, maybe at a vet.\n' +
				'Maths is hard when the teacher talks fast. It helps when Miss Patel writes the steps down.\n' +
				'I don\u2019t like the canteen because it is loud. 🙂',
			recordedBy: 'Mrs Laura Patel, teaching assistant',
		},
		parentViews:
			'Amara is much happier this year and has made two friends in her form.\nWe are worried that speech and language therapy has not happened since September and she is falling behind in science.',
		outcomes: [
			{
				text: 'By July 2027 Amara will explain the steps of a maths problem using the key words, in four out of five lessons, so that she can follow GCSE maths.',
				progress: 'PROGRESSING',
				evidence: 'Maths teacher observations in February: three out of five lessons.',
				next: 'CONTINUE',
			},
			{
				text: 'By the end of Year 9 Amara will travel to school on the bus on her own, so that she is more independent.',
				progress: 'ACHIEVED',
				evidence: 'Travelling alone since January; travel training completed.',
				next: 'END',
			},
		],
		sectionChanges: [
			{
				section: 'B',
				title: 'Special educational needs',
				currentWording: 'Amara has a developmental language disorder affecting her understanding of spoken language.',
				changes: 'Her understanding of subject vocabulary is now the main barrier to learning (speech and language therapy report, February 2027).',
			},
		],
		preparationForAdulthood: {
			employment: 'Amara wants to work with animals. She will do work experience at a local vet in Year 10.',
			independentLiving: 'Travels to school alone; learning to cook simple meals at home.',
			community: 'Attends an art club on Saturdays.',
			health: 'No health needs affecting learning.',
		},
		recommendation: {
			decision: 'AMEND',
			reasons: 'Section F does not specify the speech and language therapy Amara needs, and the travel outcome has been achieved.',
			disagreements: 'Parent wants therapy twice a week; the therapist recommends once a week with a trained teaching assistant.',
		},
		proposals: [
			{
				section: 'F',
				title: 'Special educational provision',
				currentWording: SALT_CURRENT,
				proposedWording: SALT_PROPOSED,
				reason: 'The current wording is not specific: it does not say who delivers the therapy, how often or for how long.',
				evidence: ['Speech and language therapy report, February 2027'],
			},
			{
				section: 'E',
				title: 'Outcomes',
				currentWording: 'By the end of Year 9 Amara will travel to school on the bus on her own.',
				proposedWording: 'By July 2028 Amara will plan a journey to a new place using a bus timetable, with no adult help.',
				reason: 'The travel outcome has been achieved; a new independence outcome builds on it.',
				evidence: [],
			},
			{
				section: 'A',
				title: 'Views, interests and aspirations',
				currentWording: '',
				proposedWording: 'Amara wants to work with animals, perhaps at a vet.',
				reason: "Amara's aspiration is new this year.",
				evidence: ['Notes of supported conversation, February 2027'],
			},
		],
		quality: [{ section: 'F', message: '"As required" does not say how often the provision happens.', example: 'One 30-minute session each week.' }],
		evidence: [
			{
				title: 'Speech and language therapy report, February 2027',
				fileName: 'SALT report Feb 2027.pdf',
				contentType: 'application/pdf',
				sizeBytes: 284_113,
				uploadedAt: new Date('2027-02-20T10:12:00Z'),
				uploadedBy: 'Daniel Hughes',
			},
			{
				title: 'Maths book sample',
				fileName: 'maths-book.jpg',
				contentType: 'image/jpeg',
				sizeBytes: 1_840_000,
				uploadedAt: new Date('2027-02-22T23:30:00Z'),
				uploadedBy: 'Daniel Hughes',
			},
		],
		generatedAt: new Date('2027-03-10T16:06:00Z'),
	}
}

const SENTENCES = [
	'Amara works best in a quiet space with visual prompts and short, clear instructions.',
	'Staff check her understanding by asking her to explain the task back in her own words.',
	'She has made steady progress in reading comprehension this year and now reads for pleasure at home.',
	'In science she finds new subject words difficult and benefits from pre-teaching before each topic.',
	'Her attendance is 96 per cent and she is rarely late.',
	'She sometimes becomes anxious at lunchtime when the canteen is crowded, and uses the library instead.',
]

/** n sentences of plausible report text, varied so that no line repeats exactly. */
export function longText(sentences: number): string {
	return Array.from({ length: sentences }, (_, i) => SENTENCES[i % SENTENCES.length].replace('.', i % 7 === 0 ? ` (note ${i + 1}).` : '.')).join(' ')
}

/** The review record scaled up: about 10 pages at scale 1, about 100 at scale 10. */
export function scaledReviewRecord(scale: number): ReviewRecordInput {
	const base = reviewRecordFixture()
	return {
		...base,
		parentViews: `${base.parentViews}\n\n${longText(40 * scale)}`,
		outcomes: Array.from({ length: 6 * scale }, (_, i) => ({
			text: `Outcome ${i + 1}: ${longText(2)}`,
			progress: ['ACHIEVED', 'PROGRESSING', 'NOT_YET'][i % 3],
			evidence: longText(2),
			next: ['CONTINUE', 'CHANGE', 'END'][i % 3],
		})),
		sectionChanges: Array.from({ length: 2 * scale }, (_, i) => ({
			section: 'BCDFG'[i % 5],
			title: 'Needs and provision',
			currentWording: longText(3),
			changes: longText(2),
		})),
		proposals: Array.from({ length: 4 * scale }, (_, i) => ({
			section: 'F',
			title: 'Special educational provision',
			currentWording: `${SALT_CURRENT} ${longText(2)}`,
			proposedWording: `${SALT_PROPOSED} ${longText(3)}`,
			reason: longText(1),
			evidence: [`Evidence item ${i + 1}`],
		})),
		evidence: Array.from({ length: 20 }, (_, i) => ({ ...base.evidence[0], title: `Evidence item ${i + 1}`, fileName: `evidence-${i + 1}.pdf` })),
	}
}

/** A small evidence PDF in the way other software makes them (standard fonts, letter size), with a phrase to find. */
export async function makeEvidencePdf(phrase: string, pages = 1): Promise<Uint8Array> {
	const doc = await PDFDocument.create()
	const font = await doc.embedFont(StandardFonts.Helvetica)
	for (let i = 0; i < pages; i++) {
		const page = doc.addPage([612, 792])
		page.drawText(`${phrase} - page ${i + 1}`, { x: 72, y: 700, size: 14, font })
		page.drawText(longText(1), { x: 72, y: 670, size: 10, font })
	}
	return doc.save()
}

/** A 4 x 3 pixel PNG (landscape), enough to exercise image evidence. */
export const TINY_PNG = Uint8Array.from(
	atob('iVBORw0KGgoAAAANSUhEUgAAAAQAAAADCAIAAAA7ljmRAAAAKElEQVR4nAXBMQEAAAjDsApDzkRwVhQiJosEcHDxEOLEjRehTt169QHt3w7pXle/QQAAAABJRU5ErkJggg=='),
	(c) => c.charCodeAt(0),
)

export function evidenceFixture(): EvidenceItem[] {
	return [
		{
			title: 'Speech and language therapy report, February 2027',
			fileName: 'SALT report Feb 2027.pdf',
			contentType: 'application/pdf',
			load: () => makeEvidencePdf('Expressive language: standard score 72', 2),
		},
		{ title: 'Maths book sample', fileName: 'maths-book.png', contentType: 'image/png', load: async () => TINY_PNG },
		{
			title: 'Educational psychologist advice',
			fileName: 'EP advice.docx',
			contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
			load: async () => new TextEncoder().encode('PK\u0003\u0004 not really a Word file'),
		},
	]
}

export const LETTER: LetterBase = {
	councilName: 'Kent County Council',
	councilAddress: 'SEN Service\nSessions House\nCounty Hall\nMaidstone\nME14 1XQ',
	councilContact: 'Email sen.casework@example.gov.uk or phone 03000 41 41 41 (Monday to Friday, 9am to 5pm).',
	letterSignatory: 'Siobhan Clarke\nSEN Caseworker, on behalf of Kent County Council',
	date: '2027-03-24',
	to: [
		{ name: 'Grace Okafor', role: 'Parent' },
		{ name: 'Mr Daniel Hughes', role: 'SENCo, Oakfield Community College' },
	],
	child: { name: CHILD.name, dateOfBirth: CHILD.dateOfBirth, upn: CHILD.upn, school: CHILD.school },
	mediationText: 'Global Mediation, phone 0800 064 4488, email info@example-mediation.co.uk. The service is free and independent of the council.',
	iassText: 'Information, Advice and Support Kent (IASK), phone 03000 41 3000, email iask@example.org.uk. IASK gives free, impartial advice.',
	statutory: {
		localOfferUrl: 'https://www.kent.example.gov.uk/local-offer',
		mediationAdviserContact: 'Global Mediation\nPhone 0800 064 4488\nEmail info@example-mediation.co.uk',
		mediationContactName: 'Siobhan Clarke, SEN Caseworker',
		mediationContactEmail: 'sen.mediation@example.gov.uk',
		mediationContactPhone: '03000 41 41 42',
	},
}

export function decisionLetterFixture(decision: 'MAINTAIN' | 'CEASE'): DecisionLetterInput {
	return {
		...LETTER,
		meetingOn: '2027-03-03',
		decision,
		reasons:
			decision === 'MAINTAIN'
				? 'The plan still describes Amara’s needs and the provision she receives, and her outcomes remain right for her.'
				: 'Amara has achieved the outcomes in her plan and her needs can now be met from the resources normally available in her school.',
	}
}

export function amendmentNoticeFixture(evidence: EvidenceItem[] = evidenceFixture()): AmendmentNoticeInput {
	const record = reviewRecordFixture()
	return {
		...LETTER,
		meetingOn: '2027-03-03',
		issuedOn: '2027-03-24',
		representationsCloseOn: '2027-04-07',
		amendments: record.proposals.map((p, i) => ({
			section: p.section,
			title: p.title,
			currentWording: p.currentWording,
			proposedWording: p.proposedWording,
			reason: p.reason,
			origin: i === 1 ? 'LA' : 'SCHOOL',
		})),
		evidence,
		currentPlan: (({ sections, outcomes, provision }) => ({ sections, outcomes, provision }))(finalPlanFixture()),
	}
}

export function finalPlanFixture(): FinalPlanInput {
	const record = reviewRecordFixture()
	return {
		...LETTER,
		versionNo: 3,
		issuedOn: '2027-05-12',
		sections: [
			{
				key: 'A',
				title: 'Views, interests and aspirations',
				text: 'Amara wants to work with animals, perhaps at a vet.\nShe likes art and drawing animals.',
			},
			{
				key: 'B',
				title: 'Special educational needs',
				text: 'Amara has a developmental language disorder affecting her understanding of spoken language and subject vocabulary.',
			},
			{ key: 'C', title: 'Health needs', text: 'No health needs relating to her special educational needs.' },
			{ key: 'D', title: 'Social care needs', text: 'None identified.' },
			{ key: 'G', title: 'Health provision', text: 'None.' },
			{ key: 'H1', title: 'Social care provision under section 2 of the Chronically Sick and Disabled Persons Act 1970', text: 'None.' },
			{ key: 'H2', title: 'Other social care provision', text: 'None.' },
			{ key: 'I', title: 'Placement', text: 'Oakfield Community College (mainstream secondary academy).' },
			{ key: 'J', title: 'Personal budget', text: 'No personal budget has been requested.' },
			{
				key: 'K',
				title: 'Advice and information',
				text: 'Speech and language therapy report, February 2027.\nEducational psychologist advice, January 2026.',
			},
		],
		outcomes: [
			{
				area: 'Communication and interaction',
				text: 'By July 2027 Amara will explain the steps of a maths problem using the key words, in four out of five lessons.',
			},
			{ area: 'Independence', text: 'By July 2028 Amara will plan a journey to a new place using a bus timetable, with no adult help.' },
		],
		provision: [
			{
				need: 'Understanding of spoken language',
				what: 'Speech and language therapy targeting subject vocabulary',
				who: 'Speech and language therapist (HCPC registered)',
				frequency: 'One 30-minute session each week',
				duration: 'Until the next annual review; targets reviewed each term',
			},
			{
				need: 'Subject vocabulary',
				what: 'Pre-teaching of key vocabulary',
				who: 'Teaching assistant trained by the therapist',
				frequency: '20 minutes, three times a week',
				duration: 'Until the next annual review',
			},
		],
		changes: record.proposals.map((p) => ({ section: p.section, title: p.title, currentWording: p.currentWording, proposedWording: p.proposedWording })),
	}
}
