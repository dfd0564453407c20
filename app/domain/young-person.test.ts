import fc from 'fast-check'
import { expect, test } from 'vitest'
import { addDays, parseIsoDate, toIsoDate, weekday } from './calendar-date.ts'
import {
	endOfCompulsorySchoolAge,
	familyLetter,
	isYoungPerson,
	pastCompulsorySchoolAge,
	schoolLeavingDate,
	twentyFifthBirthday,
	youngPersonFrom,
	type FamilyContacts,
} from './young-person.ts'

test('the school leaving date is the last Friday in June, the 30th when that is a Friday', () => {
	expect(schoolLeavingDate(2026)).toBe('2026-06-26')
	expect(schoolLeavingDate(2027)).toBe('2027-06-25')
	// 30 June 2023 and 30 June 2028 are Fridays.
	expect(weekday('2023-06-30')).toBe('Friday')
	expect(schoolLeavingDate(2023)).toBe('2023-06-30')
	expect(schoolLeavingDate(2028)).toBe('2028-06-30')
	// 24 June is the earliest it can be (30 June a Thursday).
	expect(schoolLeavingDate(2033)).toBe('2033-06-24')
	fc.assert(
		fc.property(fc.integer({ min: 1998, max: 2200 }), (year) => {
			const date = schoolLeavingDate(year)
			expect(weekday(date)).toBe('Friday')
			expect(date.slice(0, 7)).toBe(`${year}-06`)
			expect(Number(date.slice(8))).toBeGreaterThan(23) // no later Friday in June
		}),
	)
})

test('born 31 August and 1 September: a day apart in age, a year apart in leaving (s.8(3)(a) and (c))', () => {
	// 16 on 31 August 2026: after the leaving date, before the next school year (s.8(3)(a)): that summer's.
	expect(endOfCompulsorySchoolAge('2010-08-31')).toBe('2026-06-26')
	expect(youngPersonFrom('2010-08-31')).toBe('2026-06-27')
	// 16 on 1 September 2026: the leaving date next following the birthday (s.8(3)(c)): June 2027.
	expect(endOfCompulsorySchoolAge('2010-09-01')).toBe('2027-06-25')
	expect(youngPersonFrom('2010-09-01')).toBe('2027-06-26')
	// 16 on 31 December 2026 and on 1 January 2027: the same leaving date.
	expect(endOfCompulsorySchoolAge('2010-12-31')).toBe('2027-06-25')
	expect(endOfCompulsorySchoolAge('2011-01-01')).toBe('2027-06-25')
})

test('a 16th birthday on the last Friday of June ends compulsory school age that day (s.8(3)(b)); a day later or earlier too', () => {
	expect(endOfCompulsorySchoolAge('2010-06-26')).toBe('2026-06-26') // 16 on Friday 26 June 2026
	expect(endOfCompulsorySchoolAge('2010-06-27')).toBe('2026-06-26') // 16 the day after: s.8(3)(a)
	expect(endOfCompulsorySchoolAge('2010-06-25')).toBe('2026-06-26') // 16 the day before: s.8(3)(c)
	// The end of that day: still of compulsory school age on it, a young person from the next.
	expect(isYoungPerson('2010-06-26', '2026-06-26')).toBe(false)
	expect(isYoungPerson('2010-06-26', '2026-06-27')).toBe(true)
})

test('a June whose 30th is a Friday: 16 on 30 June, 1 July or in August all leave on 30 June', () => {
	expect(endOfCompulsorySchoolAge('2012-06-30')).toBe('2028-06-30')
	expect(endOfCompulsorySchoolAge('2012-07-01')).toBe('2028-06-30')
	expect(endOfCompulsorySchoolAge('2012-08-31')).toBe('2028-06-30')
	expect(youngPersonFrom('2012-06-30')).toBe('2028-07-01')
	expect(isYoungPerson('2012-08-31', '2028-06-30')).toBe(false)
	expect(isYoungPerson('2012-08-31', '2028-07-01')).toBe(true) // a young person at 15, for two months
})

test('born on 29 February: the 16th birthday is 29 February of a leap year, that summer; the 25th is 1 March', () => {
	expect(endOfCompulsorySchoolAge('2008-02-29')).toBe('2024-06-28')
	expect(endOfCompulsorySchoolAge('2012-02-29')).toBe('2028-06-30')
	expect(isYoungPerson('2012-02-29', '2028-02-29')).toBe(false)
	expect(isYoungPerson('2012-02-29', '2028-07-01')).toBe(true)
	expect(twentyFifthBirthday('2008-02-29')).toBe('2033-03-01')
	expect(isYoungPerson('2008-02-29', '2033-02-28')).toBe(true)
	expect(isYoungPerson('2008-02-29', '2033-03-01')).toBe(false)
	expect(twentyFifthBirthday('2003-02-28')).toBe('2028-02-28')
})

test('a young person until the day before their 25th birthday (s.83(2)); past compulsory school age after it too', () => {
	expect(isYoungPerson('2001-05-10', '2026-05-09')).toBe(true)
	expect(isYoungPerson('2001-05-10', '2026-05-10')).toBe(false)
	expect(pastCompulsorySchoolAge('2001-05-10', '2026-05-10')).toBe(true)
})

test('every birth date leaves in the June of the summer the person turns 16 (born January-August) or the next (September-December)', () => {
	fc.assert(
		fc.property(fc.integer({ min: 1990, max: 2090 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 28 }), (year, month, day) => {
			const born = toIsoDate(year, month, day)
			const end = endOfCompulsorySchoolAge(born)
			const leaving = parseIsoDate(end)
			expect(leaving.year).toBe(year + 16 + (month >= 9 ? 1 : 0))
			expect(weekday(end)).toBe('Friday')
			// At least 16 by the end of the school year they leave in (they turn 16 by 31 August of the leaving year).
			expect(toIsoDate(year + 16, month, day) <= `${leaving.year}-08-31`).toBe(true)
			// And never a year late: the leaving date before it was before their 16th birthday.
			expect(schoolLeavingDate(leaving.year - 1) < toIsoDate(year + 16, month, day)).toBe(true)
			expect(isYoungPerson(born, end)).toBe(false)
			expect(isYoungPerson(born, addDays(end, 1))).toBe(true)
		}),
	)
})

// ---------------------------------------------------------------------------------------------
// Who the family's letter is to

const TODAY = '2026-11-23'
const family = (over: Partial<FamilyContacts> = {}): FamilyContacts => ({
	name: 'Sam Jones',
	dateOfBirth: '2010-03-14', // 16 in March 2026, left school age on 26 June 2026: a young person on TODAY
	parentName: 'Karen Jones',
	parentEmail: 'karen.jones@example.com',
	youngPersonEmail: 'sam.jones@example.net',
	youngPersonParentCopyAgreedOn: null,
	youngPersonLacksCapacity: false,
	representativeRole: null,
	representativeName: '',
	representativeEmail: '',
	...over,
})

test('a child of 15 with an email of their own: the letter is to the parent, in the parent’s voice, and the caseworker is told why', () => {
	const letter = familyLetter(family({ dateOfBirth: '2011-02-03' }), TODAY)
	expect(letter.youngPerson).toBe(false)
	expect(letter.youngPersonFrom).toBe('2027-06-26')
	expect(letter.voice).toBe('PARENT')
	expect(letter.to).toMatchObject({ audience: 'PARENT', name: 'Karen Jones', email: 'karen.jones@example.com' })
	expect(letter.copies).toEqual([])
	expect(letter.notes.join(' ')).toContain('is not yet a young person: compulsory school age ends on 25 June 2027')
})

test('a young person: the letter is theirs, in the second person; the parent is not copied without their agreement', () => {
	const letter = familyLetter(family(), TODAY)
	expect(letter.youngPerson).toBe(true)
	expect(letter.youngPersonFrom).toBe('2026-06-27')
	expect(letter.voice).toBe('YOUNG_PERSON')
	expect(letter.to).toEqual({ audience: 'YOUNG_PERSON', name: 'Sam Jones', email: 'sam.jones@example.net', role: 'Young person' })
	expect(letter.copies).toEqual([])
	expect(letter.notes).toEqual([])
})

test('with the young person’s recorded agreement the parent gets a copy, and says so; an agreement dated after the letter does not count', () => {
	const letter = familyLetter(family({ youngPersonParentCopyAgreedOn: '2026-09-01' }), TODAY)
	expect(letter.copies).toEqual([
		{
			audience: 'PARENT_COPY',
			name: 'Karen Jones',
			email: 'karen.jones@example.com',
			role: 'Parent or carer, sent a copy with Sam Jones’ agreement of 1 September 2026',
		},
	])
	expect(familyLetter(family({ youngPersonParentCopyAgreedOn: '2026-11-24' }), TODAY).copies).toEqual([])
})

test('a young person with no email: posted to them, never sent to the parent instead, and the caseworker is told', () => {
	const letter = familyLetter(family({ youngPersonEmail: '' }), TODAY)
	expect(letter.to).toMatchObject({ audience: 'YOUNG_PERSON', email: '' })
	expect(letter.copies).toEqual([])
	expect(letter.notes).toEqual(['Sam Jones has no email address recorded: print the letter and post it to them. It is not sent to their parent instead.'])
})

test('a young person lacking capacity: the letter is to who acts for them (reg 64), written to them as that person', () => {
	const deputy = familyLetter(
		family({
			youngPersonLacksCapacity: true,
			representativeRole: 'DEPUTY',
			representativeName: 'Alan Price',
			representativeEmail: 'alan.price@example.org',
			youngPersonParentCopyAgreedOn: '2026-09-01', // their agreement does not make a copy: the deputy acts for them
		}),
		TODAY,
	)
	expect(deputy.voice).toBe('REPRESENTATIVE')
	expect(deputy.representativeRole).toBe('DEPUTY')
	expect(deputy.to).toEqual({ audience: 'REPRESENTATIVE', name: 'Alan Price', email: 'alan.price@example.org', role: 'Deputy for Sam Jones' })
	expect(deputy.copies).toEqual([])
	expect(deputy.notes).toEqual([])
	// A deputy with no email: posted to the deputy, not emailed to the young person or the parent.
	const posted = familyLetter(family({ youngPersonLacksCapacity: true, representativeRole: 'ATTORNEY', representativeName: 'Alan Price' }), TODAY)
	expect(posted.to).toMatchObject({ audience: 'REPRESENTATIVE', email: '', role: 'Attorney for Sam Jones' })
	expect(posted.notes).toEqual(['Alan Price has no email address recorded: print the letter and post it to them.'])
	// Their parent acting for them, with no contact of their own recorded: the parent on the record.
	const parent = familyLetter(family({ youngPersonLacksCapacity: true, representativeRole: 'PARENT' }), TODAY)
	expect(parent.to).toEqual({ audience: 'REPRESENTATIVE', name: 'Karen Jones', email: 'karen.jones@example.com', role: 'Parent acting for Sam Jones' })
})

test('lacking capacity with no one recorded: the parent acts (reg 64(2)), and the caseworker is asked to record a deputy or attorney if there is one', () => {
	const letter = familyLetter(family({ youngPersonLacksCapacity: true }), TODAY)
	expect(letter.to).toMatchObject({ audience: 'REPRESENTATIVE', name: 'Karen Jones', email: 'karen.jones@example.com' })
	expect(letter.representativeRole).toBe('PARENT')
	expect(letter.notes.join(' ')).toContain('no one is recorded as acting for them')
})

test('capacity and agreement recorded for a child make no difference until they are a young person', () => {
	const child = family({
		dateOfBirth: '2011-02-03',
		youngPersonLacksCapacity: true,
		representativeRole: 'DEPUTY',
		youngPersonParentCopyAgreedOn: '2026-09-01',
	})
	expect(familyLetter(child, TODAY)).toMatchObject({ voice: 'PARENT', to: { audience: 'PARENT' }, copies: [] })
	// The day after compulsory school age ends, the same record sends the letter to the deputy.
	expect(familyLetter(child, '2027-06-25').voice).toBe('PARENT')
	expect(familyLetter(child, '2027-06-26').voice).toBe('REPRESENTATIVE')
})
