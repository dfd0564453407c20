/**
 * Young people in their own right (issue 12 §3): when a child becomes a young person, and who the family's letters
 * are addressed to, who is copied, and in which voice. Pure: dates are ISO calendar dates, no database, no clock.
 *
 * Which clause each rule serves:
 *
 * | rule | serves |
 * |---|---|
 * | schoolLeavingDate: the last Friday in June | Education (School Leaving Date) Order 1997 art.2, made under Education Act 1996 s.8(4) |
 * | endOfCompulsorySchoolAge: the end of the school leaving date of the summer in which the 16th birthday falls (a birthday from 1 September: the next summer's) | Education Act 1996 s.8(3)(a) (16 after the leaving date, before the next school year), (b) (16 on it), (c) (the leaving date next following the 16th birthday) |
 * | youngPersonFrom: the day after; isYoungPerson: from then until the 25th birthday | Children and Families Act 2014 s.83(2): a "young person" is over compulsory school age but under 25 |
 * | familyLetter, a child: addressed to the parent, about the child by name, even when the child has an email address of their own | CFA 2014 Part 3 gives the child's rights to "the child's parent" (e.g. s.51(1), reg 20, reg 22) |
 * | familyLetter, a young person: addressed to them, in the second person ("your EHC plan", "you can appeal") | CFA 2014 s.83(2) with Part 3 (the rights are "the young person's"); SEND Code of Practice 2015 chapter 8: from the end of compulsory school age the rights apply to the young person directly, rather than to their parents |
 * | the parent copied only with the young person's agreement, on a recorded day | the same: parents stay involved where the young person is happy for them to be (Code of Practice chapter 8); a copy without it discloses the young person's personal data (UK GDPR art.5(1)(a)) |
 * | a young person lacking capacity: addressed to who acts for them, as that person (a deputy, an attorney, else their parent) | CFA 2014 s.80; SEND Regulations 2014 reg 64 and Schedule 3: references to the young person read as references to the "alternative person", their representative (a Court of Protection deputy, MCA 2005 s.16(2)(b), or an attorney under a lasting or enduring power, reg 63), or their parent where they have none (reg 64(2)) |
 * | no email address: the letter is posted to the person it is for, and the caseworker is told; it is never sent to someone else instead | the notice must be given to the person the Act names (s.83(2); reg 64) |
 *
 * Two choices the law leaves open, decided here:
 * - s.8(3)(a) runs to "the beginning of the school year next following", and a school year begins with the first term to
 *   begin after July (Education Act 1996 s.579(1)). The portal takes that to be 1 September, the academic year the
 *   year groups use: a 16th birthday on 1 September to 31 December falls under s.8(3)(c), the next June.
 * - Someone born on 29 February attains an age, in a year with no 29 February, on 1 March (no English statute says;
 *   this follows Age of Legal Capacity (Scotland) Act 1991 s.6(2), the one UK rule). It matters only for the 25th
 *   birthday: the 16th birthday of someone born on 29 February is itself in a leap year (until 2100), and a birthday
 *   in February or March falls in the same summer either way.
 */
import { addDays, compareDates, formatDate, isAfter, isBefore, isLeapYear, parseIsoDate, toIsoDate, weekday, type IsoDate } from './calendar-date.ts'

// ---------------------------------------------------------------------------------------------
// When a child becomes a young person

/** The school leaving date of `year`: the last Friday in June (Education (School Leaving Date) Order 1997 art.2). */
export function schoolLeavingDate(year: number): IsoDate {
	for (let day = 30; day > 23; day--) {
		const date = toIsoDate(year, 6, day)
		if (weekday(date) === 'Friday') return date
	}
	throw new Error('unreachable: the last 7 days of June include a Friday')
}

/**
 * The last day of compulsory school age (Education Act 1996 s.8(3)): the school leaving date of the summer in which the
 * person turns 16, whether the birthday is before it (s.8(3)(c)), on it (s.8(3)(b)) or after it in July or August
 * (s.8(3)(a)); a 16th birthday from 1 September is followed by the next summer's leaving date (s.8(3)(c)). A person
 * born January to August turns 16 in the year of birth + 16 on or before 31 August; September to December, after it.
 */
export function endOfCompulsorySchoolAge(dateOfBirth: IsoDate): IsoDate {
	const { year, month } = parseIsoDate(dateOfBirth)
	return schoolLeavingDate(year + 16 + (month >= 9 ? 1 : 0))
}

/** The first day as a young person: the day after compulsory school age ends, at the end of the school leaving date (s.83(2)). */
export function youngPersonFrom(dateOfBirth: IsoDate): IsoDate {
	return addDays(endOfCompulsorySchoolAge(dateOfBirth), 1)
}

/** The 25th birthday, when a person stops being a young person (s.83(2)); 29 February is 1 March in a common year. */
export function twentyFifthBirthday(dateOfBirth: IsoDate): IsoDate {
	const { year, month, day } = parseIsoDate(dateOfBirth)
	if (month === 2 && day === 29 && !isLeapYear(year + 25)) return toIsoDate(year + 25, 3, 1)
	return toIsoDate(year + 25, month, day)
}

/** Over compulsory school age on `today`: the rights under Part 3 are the person's own from then. */
export function pastCompulsorySchoolAge(dateOfBirth: IsoDate, today: IsoDate): boolean {
	return isAfter(today, endOfCompulsorySchoolAge(dateOfBirth))
}

/** A young person on `today` (CFA 2014 s.83(2)): over compulsory school age, under 25. */
export function isYoungPerson(dateOfBirth: IsoDate, today: IsoDate): boolean {
	return pastCompulsorySchoolAge(dateOfBirth, today) && isBefore(today, twentyFifthBirthday(dateOfBirth))
}

// ---------------------------------------------------------------------------------------------
// Who acts for a young person who lacks capacity (reg 64)

/** The child's columns that hold a young person's own rights: their email, the parent-copy agreement, capacity and who acts for them. */
export const YOUNG_PERSON_RIGHTS = [
	'youngPersonEmail',
	'youngPersonParentCopyAgreedOn',
	'youngPersonLacksCapacity',
	'representativeRole',
	'representativeName',
	'representativeEmail',
] as const

/** The child's columns a family letter's recipients are worked out from (FamilyContacts, besides the name and birth date). */
export const FAMILY_CONTACTS = ['parentName', 'parentEmail', ...YOUNG_PERSON_RIGHTS] as const

export const REPRESENTATIVE_ROLES = ['DEPUTY', 'ATTORNEY', 'PARENT'] as const
export type RepresentativeRole = (typeof REPRESENTATIVE_ROLES)[number]

export function isRepresentativeRole(value: unknown): value is RepresentativeRole {
	return typeof value === 'string' && (REPRESENTATIVE_ROLES as readonly string[]).includes(value)
}

/** Who may act for a young person lacking capacity (reg 63's "representative", else reg 64(2)'s parent). */
export const REPRESENTATIVE_ROLE_LABELS: Record<RepresentativeRole, string> = {
	DEPUTY: 'A deputy appointed by the Court of Protection',
	ATTORNEY: 'An attorney under a lasting or enduring power of attorney',
	PARENT: 'Their parent (they have no deputy or attorney)',
}

/** The representative's standing, as a letter's role line puts it: "Deputy for Sam Jones". */
export function representativeRoleLine(role: RepresentativeRole, youngPersonName: string): string {
	if (role === 'DEPUTY') return `Deputy for ${youngPersonName}`
	if (role === 'ATTORNEY') return `Attorney for ${youngPersonName}`
	return `Parent acting for ${youngPersonName}`
}

/** In a sentence: "as Sam Jones's deputy", "as the parent acting for Sam Jones". */
export function actingAs(role: RepresentativeRole, youngPersonName: string): string {
	if (role === 'DEPUTY') return `as ${possessive(youngPersonName)} deputy, appointed by the Court of Protection`
	if (role === 'ATTORNEY') return `as ${possessive(youngPersonName)} attorney`
	return `as the parent acting for ${youngPersonName}`
}

function possessive(name: string): string {
	return /s$/i.test(name) ? `${name}’` : `${name}’s`
}

// ---------------------------------------------------------------------------------------------
// Who a family letter is addressed to

/** What the council has recorded about the child's family, as the Child row holds it. */
export interface FamilyContacts {
	/** The child's or young person's full name. */
	name: string
	dateOfBirth: IsoDate
	parentName: string
	parentEmail: string
	youngPersonEmail: string
	/** YYYY-MM-DD: the day the young person agreed that their parent is copied into their letters. */
	youngPersonParentCopyAgreedOn: string | null
	youngPersonLacksCapacity: boolean
	representativeRole: string | null
	representativeName: string
	representativeEmail: string
}

/**
 * Whom the letter speaks to: the parent about their child (named), the young person ("you", "your EHC plan"), or the
 * person acting for a young person who lacks capacity ("you" are asked to act; the plan is the young person's).
 */
export type LetterVoice = 'PARENT' | 'YOUNG_PERSON' | 'REPRESENTATIVE'

/** Who reads a family letter, and as whom: its addressee, or a parent copied with the young person's agreement. */
export type FamilyAudience = 'PARENT' | 'YOUNG_PERSON' | 'REPRESENTATIVE' | 'PARENT_COPY'

export interface FamilyRecipient {
	audience: FamilyAudience
	name: string
	/** '' when none is recorded: the letter is posted to this person, never emailed to someone else instead. */
	email: string
	/** As the letter's address block and the check-before-sending page name them. */
	role: string
}

export interface FamilyLetter {
	/** Over compulsory school age on the letter's date: the young person's rights are their own. */
	youngPerson: boolean
	/** The first day as a young person (the day after compulsory school age ends). */
	youngPersonFrom: IsoDate
	voice: LetterVoice
	/** The person the letter is addressed to. */
	to: FamilyRecipient
	/** Family members sent a copy: the parent, only with the young person's agreement. */
	copies: FamilyRecipient[]
	/** Set for a representative: who they are to the young person (reg 64). */
	representativeRole: RepresentativeRole | null
	/** For the caseworker: what is missing, or what must be done by hand (a letter to post), in words. */
	notes: string[]
}

const PARENT_ROLE = 'Parent or carer'

/** The family's letter on `today` (its date): who it is to, who is copied, in which voice, and what the caseworker must do. */
export function familyLetter(c: FamilyContacts, today: IsoDate): FamilyLetter {
	const from = youngPersonFrom(c.dateOfBirth)
	const youngPerson = compareDates(today, from) >= 0
	const notes: string[] = []
	const parentName = c.parentName.trim() || 'Parent or carer'
	const post = (who: FamilyRecipient, what = 'the letter') => {
		if (!who.email) notes.push(`${who.name} has no email address recorded: print ${what} and post it to them.`)
	}

	if (!youngPerson) {
		// A child: the rights are the parent's, whatever email address the child has.
		const to: FamilyRecipient = { audience: 'PARENT', name: parentName, email: c.parentEmail.trim(), role: PARENT_ROLE }
		post(to)
		if (c.youngPersonEmail.trim())
			notes.push(
				`${c.name} is not yet a young person: compulsory school age ends on ${formatDate(addDays(from, -1))}. Until then letters go to their parent, not to their own email address.`,
			)
		return { youngPerson, youngPersonFrom: from, voice: 'PARENT', to, copies: [], representativeRole: null, notes }
	}

	if (c.youngPersonLacksCapacity) {
		// reg 64(2): the representative (deputy or attorney); where there is none, the young person's parent.
		const recorded = isRepresentativeRole(c.representativeRole) ? c.representativeRole : null
		const role = recorded ?? 'PARENT'
		if (!recorded)
			notes.push(
				`${c.name} lacks capacity and no one is recorded as acting for them: the letter goes to their parent, who acts for them when they have no deputy or attorney (SEND Regulations 2014 reg 64). If they have a deputy or attorney, record them first.`,
			)
		const byParent = role === 'PARENT'
		// A parent acting for them with no contact of their own recorded is the parent on the child's record.
		const sameParent = byParent && (!c.representativeName.trim() || c.representativeName.trim() === c.parentName.trim())
		const name = c.representativeName.trim() || (byParent ? c.parentName.trim() : '')
		const email = c.representativeEmail.trim() || (sameParent ? c.parentEmail.trim() : '')
		if (!name) notes.push(`Record the name of the person acting for ${c.name}.`)
		const to: FamilyRecipient = {
			audience: 'REPRESENTATIVE',
			name: name || (byParent ? 'Parent or carer' : role === 'DEPUTY' ? 'The deputy' : 'The attorney'),
			email,
			role: representativeRoleLine(role, c.name),
		}
		post(to)
		return { youngPerson, youngPersonFrom: from, voice: 'REPRESENTATIVE', to, copies: [], representativeRole: role, notes }
	}

	// A young person in their own right: the letter is theirs; their parent is copied only with their agreement.
	const to: FamilyRecipient = { audience: 'YOUNG_PERSON', name: c.name, email: c.youngPersonEmail.trim(), role: 'Young person' }
	if (!to.email) notes.push(`${c.name} has no email address recorded: print the letter and post it to them. It is not sent to their parent instead.`)
	const agreedOn = c.youngPersonParentCopyAgreedOn
	const copies: FamilyRecipient[] = []
	if (agreedOn && !isAfter(agreedOn, today)) {
		const copy: FamilyRecipient = {
			audience: 'PARENT_COPY',
			name: parentName,
			email: c.parentEmail.trim(),
			role: `Parent or carer, sent a copy with ${possessive(c.name)} agreement of ${formatDate(agreedOn)}`,
		}
		post(copy, 'their copy')
		copies.push(copy)
	}
	return { youngPerson, youngPersonFrom: from, voice: 'YOUNG_PERSON', to, copies, representativeRole: null, notes }
}
