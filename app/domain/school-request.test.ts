import { expect, test } from 'vitest'
import {
	mayIssueWithSchoolRequest,
	parseGrounds,
	schoolRequestParagraphs,
	schoolRequestProblems,
	schoolType,
	sectionIWording,
	storedGrounds,
	type SchoolRequestFacts,
} from '#app/domain/school-request.ts'

const when = { noticeIssuedOn: '2026-11-02', today: '2026-11-20' }
const open: SchoolRequestFacts = {
	schoolId: 'school-1',
	schoolName: 'Downsview Academy',
	consultedOn: null,
	outcome: null,
	refusalGrounds: [],
	refusalReasons: '',
}
const fields = (r: SchoolRequestFacts) => schoolRequestProblems(r, when).map((p) => p.field)

test('a request still being consulted on can be recorded with only the school’s name', () => {
	expect(schoolRequestProblems(open, when)).toEqual([])
	expect(schoolRequestProblems({ ...open, schoolId: null }, when)).toEqual([])
	expect(fields({ ...open, schoolName: '  ' })).toEqual(['schoolName'])
})

test('naming the school needs the day it was consulted with the draft plan (s.39(2)) and the school from the council’s list (reg 12(1)(i))', () => {
	const named = { ...open, outcome: 'NAMED' as const }
	const missing = schoolRequestProblems(named, when)
	expect(missing.map((p) => p.field)).toEqual(['consultedOn'])
	expect(missing[0]!.message).toMatch(/s\.39\(2\)/)
	expect(schoolRequestProblems({ ...named, consultedOn: '2026-11-05' }, when)).toEqual([])
	const notListed = schoolRequestProblems({ ...named, consultedOn: '2026-11-05', schoolId: null }, when)
	expect(notListed.map((p) => p.field)).toEqual(['schoolId'])
	expect(notListed[0]!.message).toMatch(/reg 12\(1\)\(i\)/)
})

test('refusing needs the consultation, at least one s.39(4) ground and the reasons in words', () => {
	const refused = { ...open, outcome: 'REFUSED' as const }
	expect(fields(refused)).toEqual(['consultedOn', 'refusalGrounds', 'refusalReasons'])
	expect(fields({ ...refused, consultedOn: '2026-11-05', refusalGrounds: ['RESOURCES'], refusalReasons: ' ' })).toEqual(['refusalReasons'])
	// A school not on the council's list can be refused under the name the family gave.
	expect(schoolRequestProblems({ ...refused, schoolId: null, consultedOn: '2026-11-05', refusalGrounds: ['OTHERS'], refusalReasons: 'Full.' }, when)).toEqual(
		[],
	)
})

test('the consultation comes with the draft plan: not before the notice, not in the future; the notice’s own day and today count', () => {
	expect(fields({ ...open, consultedOn: '2026-11-01' })).toEqual(['consultedOn'])
	expect(fields({ ...open, consultedOn: '2026-11-21' })).toEqual(['consultedOn'])
	expect(fields({ ...open, consultedOn: '2026-11-02' })).toEqual([])
	expect(fields({ ...open, consultedOn: '2026-11-20' })).toEqual([])
})

test('the final plan is not issued while a recorded request is undecided; a named school needs the amended plan', () => {
	expect(mayIssueWithSchoolRequest(null, true)).toEqual({ ok: true })
	expect(mayIssueWithSchoolRequest(null, false)).toEqual({ ok: true })
	for (const amend of [true, false]) {
		const undecided = mayIssueWithSchoolRequest({ schoolName: 'Downsview Academy', outcome: null }, amend)
		expect(undecided.ok).toBe(false)
		expect(!undecided.ok && undecided.reason).toContain('Downsview Academy')
	}
	expect(mayIssueWithSchoolRequest({ schoolName: 'Downsview Academy', outcome: 'NAMED' }, true)).toEqual({ ok: true })
	expect(mayIssueWithSchoolRequest({ schoolName: 'Downsview Academy', outcome: 'NAMED' }, false).ok).toBe(false)
	expect(mayIssueWithSchoolRequest({ schoolName: 'Downsview Academy', outcome: 'REFUSED' }, false)).toEqual({ ok: true })
	expect(mayIssueWithSchoolRequest({ schoolName: 'Downsview Academy', outcome: 'REFUSED' }, true)).toEqual({ ok: true })
})

test('the grounds are stored in the order of s.39(4), each once, and unknown words are dropped when read', () => {
	expect(storedGrounds(['RESOURCES', 'UNSUITABLE', 'RESOURCES'])).toBe('UNSUITABLE,RESOURCES')
	expect(parseGrounds('OTHERS,nonsense,UNSUITABLE')).toEqual(['UNSUITABLE', 'OTHERS'])
	expect(parseGrounds('')).toEqual([])
})

test('Section I gives the school’s name and type (reg 12(1)(i))', () => {
	expect(schoolType({ phase: 'SECONDARY', kind: 'Academy' })).toBe('Secondary school (academy)')
	expect(schoolType({ phase: 'SPECIAL', kind: 'Special school' })).toBe('Special school')
	expect(schoolType({ phase: 'FE', kind: '' })).toBe('Further education college')
	expect(sectionIWording({ name: 'Downsview Academy', urn: '118765', phase: 'SECONDARY', kind: 'Academy' })).toBe(
		'Secondary school (academy): Downsview Academy (URN 118765). Named at the family’s request (Children and Families Act 2014 s.39(3)).',
	)
})

test('the letter gives a refusal’s grounds with their clauses and the reasons; a named school is said to be named', () => {
	const refused = schoolRequestParagraphs({
		schoolName: 'Downsview Academy',
		consultedOn: '2026-11-05',
		outcome: 'REFUSED',
		refusalGrounds: ['UNSUITABLE', 'RESOURCES'],
		refusalReasons: 'The school has no place in a resourced provision.',
	}).join('\n')
	expect(refused).toContain('We consulted Downsview Academy on 5 November 2026')
	expect(refused).toContain('unsuitable for the age, ability, aptitude or special educational needs of the child or young person (s.39(4)(a))')
	expect(refused).toContain('incompatible with the efficient use of resources (s.39(4)(b)(ii))')
	expect(refused).not.toContain('s.39(4)(b)(i))')
	expect(refused).toContain('Our reasons: The school has no place in a resourced provision.')
	const named = schoolRequestParagraphs({
		schoolName: 'Downsview Academy',
		consultedOn: '2026-11-05',
		outcome: 'NAMED',
		refusalGrounds: [],
		refusalReasons: '',
	})
	expect(named.join('\n')).toContain('We have named it in section I')
	expect(schoolRequestParagraphs({ ...open, outcome: null })).toEqual([])
})
