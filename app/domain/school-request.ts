// A school or college the family asks to be named in Section I of the plan (Children and Families Act 2014 ss.38-39).
//
// With the amendment notice the family may ask for a particular school or other institution of a type in s.38(3)
// (reg 22(2)(c); s.38(2)(b)(ii)). The council then:
//   - consults the governing body, proprietor or principal of the school, sending it a copy of the draft plan
//     (s.39(2)), before deciding either way: the portal records the day, and what the school said;
//   - names the school in the plan (s.39(3)) unless (s.39(4)):
//       (a) it is unsuitable for the age, ability, aptitude or special educational needs of the child or young person, or
//       (b) attendance there would be incompatible with (i) the provision of efficient education for others, or
//           (ii) the efficient use of resources;
//     a refusal gives the grounds and the council's reasons in words, which the final plan's letter prints (the
//     family can appeal the school named, or not named: s.51(2)(c)).
// Section I gives "the name and type" of the school (SEND Regulations 2014 reg 12(1)(i)): so a school is named only
// from the council's list of schools, which knows its type; a request for a school not on the list can still be
// consulted on and refused under its name as the family gave it.
//
// Readings this portal takes where the law leaves a choice:
//   - the consultation comes with the draft plan, so it is on or after the day the amendment notice was served, and
//     no later than today; the council consults before refusing as well as before naming (s.39(2) applies to the
//     request, not only to naming);
//   - the final plan, or a decision not to amend, is not issued while a recorded request is undecided: the family's
//     request must be answered (s.39(3)-(4)) in the document that gives them their right of appeal;
//   - naming the school changes Section I, so it needs the final amended plan, never a decision not to amend.
import { formatDate, isAfter, isBefore, type IsoDate } from './calendar-date.ts'
import { SCHOOL_PHASE_LABELS, type SCHOOL_PHASES } from './review-status.ts'

export const SCHOOL_REQUEST_OUTCOMES = ['NAMED', 'REFUSED'] as const
export type SchoolRequestOutcome = (typeof SCHOOL_REQUEST_OUTCOMES)[number]

export const REFUSAL_GROUNDS = ['UNSUITABLE', 'OTHERS', 'RESOURCES'] as const
export type RefusalGround = (typeof REFUSAL_GROUNDS)[number]

/** The s.39(4) exceptions, each with its clause, its words, and how the family's letter says it. */
export const REFUSAL_GROUND_TEXT: Record<RefusalGround, { citation: string; text: string; letter: string }> = {
	UNSUITABLE: {
		citation: 's.39(4)(a)',
		text: 'Unsuitable for the age, ability, aptitude or special educational needs of the child or young person',
		letter: 'the school is unsuitable for the age, ability, aptitude or special educational needs of the child or young person',
	},
	OTHERS: {
		citation: 's.39(4)(b)(i)',
		text: 'Incompatible with the provision of efficient education for others',
		letter: 'attending it would be incompatible with the provision of efficient education for others',
	},
	RESOURCES: {
		citation: 's.39(4)(b)(ii)',
		text: 'Incompatible with the efficient use of resources',
		letter: 'attending it would be incompatible with the efficient use of resources',
	},
}

/** The grounds as stored (SchoolRequest.refusalGrounds, comma-separated), unknown words left out. */
export function parseGrounds(stored: string): RefusalGround[] {
	const given = new Set(stored.split(',').map((g) => g.trim()))
	return REFUSAL_GROUNDS.filter((g) => given.has(g))
}

/** The grounds as stored: in the order of s.39(4), each once. */
export function storedGrounds(grounds: readonly string[]): string {
	return parseGrounds(grounds.join(',')).join(',')
}

export interface SchoolRequestFacts {
	/** The council's record of the school (School.id), when the request is for a school on its list. */
	schoolId: string | null
	/** The school as the family asked for it. */
	schoolName: string
	/** The day the governing body, proprietor or principal was consulted with a copy of the draft plan (s.39(2)). */
	consultedOn: IsoDate | null
	/** null: the consultation is open, no decision yet. */
	outcome: SchoolRequestOutcome | null
	refusalGrounds: readonly RefusalGround[]
	refusalReasons: string
}

export type SchoolRequestField = 'schoolName' | 'schoolId' | 'consultedOn' | 'outcome' | 'refusalGrounds' | 'refusalReasons'
export type SchoolRequestProblem = { field: SchoolRequestField; message: string }

/**
 * What stops the request being recorded as it stands, field by field, in the caseworker's words (none: it can be saved).
 * `noticeIssuedOn` is the day the draft plan was served; `today` the day in London.
 */
export function schoolRequestProblems(r: SchoolRequestFacts, when: { noticeIssuedOn: IsoDate; today: IsoDate }): SchoolRequestProblem[] {
	const problems: SchoolRequestProblem[] = []
	if (!r.schoolName.trim()) problems.push({ field: 'schoolName', message: 'Enter the school or college the family asked for' })
	if (r.consultedOn && isBefore(r.consultedOn, when.noticeIssuedOn))
		problems.push({
			field: 'consultedOn',
			message: `The school is consulted with a copy of the draft plan: the day must be on or after ${formatDate(when.noticeIssuedOn)}, when the amendment notice was sent (s.39(2))`,
		})
	if (r.consultedOn && isAfter(r.consultedOn, when.today))
		problems.push({ field: 'consultedOn', message: 'The day the school was consulted must be today or in the past' })
	if (r.outcome && !r.consultedOn)
		problems.push({
			field: 'consultedOn',
			message: 'Enter the day the school was consulted: the council consults its governing body, proprietor or principal before deciding (s.39(2))',
		})
	if (r.outcome === 'NAMED' && !r.schoolId)
		problems.push({
			field: 'schoolId',
			message: 'Choose the school from the council’s list to name it: Section I gives the school’s name and type (SEND Regulations 2014 reg 12(1)(i))',
		})
	if (r.outcome === 'REFUSED' && r.refusalGrounds.length === 0)
		problems.push({ field: 'refusalGrounds', message: 'Select the grounds for not naming the school (s.39(4))' })
	if (r.outcome === 'REFUSED' && !r.refusalReasons.trim())
		problems.push({ field: 'refusalReasons', message: 'Enter the council’s reasons for not naming the school, for the family’s letter' })
	return problems
}

export type MayIssue = { ok: true } | { ok: false; reason: string }

/** Whether the final plan (`amend`) or a decision not to amend may be issued with the family's school request as recorded. */
export function mayIssueWithSchoolRequest(r: Pick<SchoolRequestFacts, 'schoolName' | 'outcome'> | null, amend: boolean): MayIssue {
	if (!r) return { ok: true }
	if (!r.outcome)
		return {
			ok: false,
			reason: `Decide the family’s request for ${r.schoolName} to be named in Section I before issuing: name it, or refuse it on a ground in s.39(4)`,
		}
	if (r.outcome === 'NAMED' && !amend)
		return { ok: false, reason: `Naming ${r.schoolName} changes Section I: issue the final amended plan, not a decision not to amend` }
	return { ok: true }
}

const PHASE_NOUNS: Record<(typeof SCHOOL_PHASES)[number], string> = {
	EARLY_YEARS: 'early years setting',
	PRIMARY: 'primary school',
	SECONDARY: 'secondary school',
	ALL_THROUGH: 'all-through school',
	SPECIAL: 'special school',
	POST16: 'post-16 institution',
	FE: 'further education college',
}

/** The school's type as Section I gives it (reg 12(1)(i)): its phase, and what kind of school it is when that adds anything. */
export function schoolType(school: { phase: string; kind: string }): string {
	const noun = PHASE_NOUNS[school.phase as keyof typeof PHASE_NOUNS] ?? SCHOOL_PHASE_LABELS[school.phase as keyof typeof SCHOOL_PHASE_LABELS] ?? 'school'
	const kind = school.kind.trim().toLowerCase()
	const type = kind && !noun.includes(kind) && !kind.includes(noun) ? `${noun} (${kind})` : kind.includes(noun) ? kind : noun
	return type.charAt(0).toUpperCase() + type.slice(1)
}

/** Section I of the final plan when the council names the school the family asked for (s.39(3); reg 12(1)(i)). */
export function sectionIWording(school: { name: string; urn: string; phase: string; kind: string }): string {
	return `${schoolType(school)}: ${school.name} (URN ${school.urn}). Named at the family’s request (Children and Families Act 2014 s.39(3)).`
}

/** What the final plan's letter tells the family of their request (s.39(3)-(4)), one paragraph a line. */
export function schoolRequestParagraphs(r: Pick<SchoolRequestFacts, 'schoolName' | 'consultedOn' | 'outcome' | 'refusalGrounds' | 'refusalReasons'>): string[] {
	const consulted = r.consultedOn ? ` We consulted ${r.schoolName} on ${formatDate(r.consultedOn)}, with a copy of the draft plan.` : ''
	if (r.outcome === 'NAMED')
		return [`You asked for ${r.schoolName} to be named in the plan.${consulted} We have named it in section I (Children and Families Act 2014 s.39(3)).`]
	if (r.outcome !== 'REFUSED') return []
	return [
		`You asked for ${r.schoolName} to be named in the plan.${consulted} We have not named it, because (Children and Families Act 2014 s.39(4)):`,
		...r.refusalGrounds.map((g) => `${REFUSAL_GROUND_TEXT[g].letter} (${REFUSAL_GROUND_TEXT[g].citation})`),
		`Our reasons: ${r.refusalReasons.trim()}`,
		'You can appeal to the Tribunal about the school or other institution named, or not named, in section I (see your right to appeal).',
	]
}
