import { expect, test } from 'vitest'
import {
	cellsOf,
	IMPORT_COLUMNS,
	ImportChecker,
	parseImportDate,
	parseYearGroup,
	readHeader,
	templateCsv,
	upnCheckLetter,
	validateRow,
	type ImportCells,
} from './import-row.ts'

const TODAY = '2026-11-23'
const HEADINGS = IMPORT_COLUMNS.map((c) => c.name)

function cells(overrides: Partial<ImportCells> = {}): ImportCells {
	return {
		school_urn: '118000',
		school_name: 'Oakfield Primary School',
		school_phase: 'Primary',
		upn: 'E886200112345',
		first_name: 'Amira',
		last_name: 'Khan',
		date_of_birth: '27/03/2016',
		year_group: '5',
		parent_name: 'Sara Khan',
		parent_email: 'Sara.Khan@Example.org',
		young_person_email: '',
		plan_first_issued_on: '2022-09-14',
		plan_last_review_on: '',
		section_b: 'Autism',
		section_e: 'Read a short book aloud; ; Ask for help ',
		section_f: '',
		section_i: '',
		...overrides,
	}
}

function problemsOf(overrides: Partial<ImportCells>) {
	const result = validateRow(cells(overrides), 7, TODAY)
	return result.ok ? [] : result.problems.map((p) => `${p.column}: ${p.message}`)
}

test('a good row becomes a typed row: dates to ISO, emails lower-case, lists split on semicolons, blanks as null', () => {
	const result = validateRow(cells(), 2, TODAY)
	expect(result.ok).toBe(true)
	if (!result.ok) return
	expect(result.value).toMatchObject({
		row: 2,
		schoolUrn: '118000',
		schoolPhase: 'PRIMARY',
		upn: 'E886200112345',
		dateOfBirth: '2016-03-27',
		yearGroup: 5,
		parentEmail: 'sara.khan@example.org',
		youngPersonEmail: null,
		planFirstIssuedOn: '2022-09-14',
		planLastReviewOn: null,
		outcomes: ['Read a short book aloud', 'Ask for help'],
		provision: null,
		sectionI: null,
	})
})

test('every problem in a row is reported with its row and column, not just the first', () => {
	const result = validateRow(cells({ school_urn: '11800', upn: 'E886200112346', date_of_birth: '31/02/2016', parent_email: 'not-an-email' }), 9, TODAY)
	expect(result.ok).toBe(false)
	if (result.ok) return
	expect(result.problems.map((p) => [p.row, p.column])).toEqual([
		[9, 'school_urn'],
		[9, 'upn'],
		[9, 'date_of_birth'],
		[9, 'parent_email'],
	])
})

test('required cells must be filled', () => {
	expect(problemsOf({ first_name: '', plan_first_issued_on: '' })).toEqual([
		'first_name: Enter the child’s first name',
		'plan_first_issued_on: Enter the date the plan was first issued',
	])
})

test('UPNs: 13 characters with a check letter that matches (DfE algorithm), temporary UPNs end in a letter', () => {
	expect(upnCheckLetter('E886200112345')).toBe('E')
	expect(problemsOf({ upn: 'e886 2001 12345' })).toEqual([]) // case and spaces are forgiven
	expect(problemsOf({ upn: 'E88620011234' })[0]).toMatch(/^upn: UPN must be 13 characters/)
	expect(problemsOf({ upn: 'F886200112345' })[0]).toMatch(/does not match its digits/)
	const temporary = `886200112345`.slice(0, 11) + 'A'
	const withLetter = upnCheckLetter(`X${temporary}`) + temporary
	expect(problemsOf({ upn: withLetter })).toEqual([])
})

test('dates: ISO or UK order, real dates only, not in the future, in a sensible order', () => {
	expect(parseImportDate('2016-03-27')).toBe('2016-03-27')
	expect(parseImportDate('7/3/2016')).toBe('2016-03-07')
	expect(parseImportDate('2016-02-30')).toBeNull()
	expect(parseImportDate('03/27/2016')).toBeNull() // American order is not a date here
	expect(problemsOf({ date_of_birth: '2027-01-01' })).toEqual(['date_of_birth: Date of birth must be today or in the past'])
	expect(problemsOf({ plan_first_issued_on: '2015-01-01' })).toEqual(['plan_first_issued_on: The plan cannot have been issued before the child was born'])
	expect(problemsOf({ plan_last_review_on: '2021-01-01' })).toEqual(['plan_last_review_on: The last review cannot be before the plan was first issued'])
	expect(problemsOf({ date_of_birth: '1990-01-01', plan_first_issued_on: '2010-01-01' })).toEqual([
		'date_of_birth: Date of birth must be in the last 26 years: EHC plans end by the age of 25',
	])
})

test('year groups and school phases accept the words people use', () => {
	expect([parseYearGroup('N'), parseYearGroup('Reception'), parseYearGroup('Y7'), parseYearGroup('Year 11'), parseYearGroup('14')]).toEqual([
		-1, 0, 7, 11, 14,
	])
	expect(parseYearGroup('15')).toBeNull()
	expect(problemsOf({ school_phase: 'all-through' })).toEqual([])
	expect(problemsOf({ school_phase: 'Secondary modern' })[0]).toMatch(/^school_phase: School phase must be one of/)
})

test('headings are matched loosely; missing required columns and duplicates are file problems; unknown ones are ignored', () => {
	const header = readHeader(['\uFEFFSchool URN', 'UPN', 'First-Name', 'last_name', 'date_of_birth', 'plan_first_issued_on', 'Notes'])
	expect(header.problems).toEqual([])
	expect(header.ignored).toEqual(['Notes'])
	expect(cellsOf(header, ['118000', 'E886200112345', ' Amira ', 'Khan', '2016-03-27', '2022-09-14', 'x']).first_name).toBe('Amira')
	const bad = readHeader(['upn', 'upn', 'first_name'])
	expect(bad.problems.map((p) => p.message)).toContain('The column upn appears more than once')
	expect(bad.problems.map((p) => p.message)).toContain('The file must have a column headed school_urn')
})

test('across rows: a UPN appears once, and rows of one school agree on its name and phase', () => {
	const checker = new ImportChecker(readHeader(HEADINGS), TODAY)
	const row = (c: ImportCells) => HEADINGS.map((h) => c[h])
	checker.add(row(cells()), 2)
	checker.add(row(cells({ first_name: 'Sam' })), 3)
	checker.add(row(cells({ upn: 'A886200112346'.replace(/^./, upnCheckLetter('X886200112346')), school_name: 'Oakfield Primary' })), 4)
	expect(checker.rows.map((r) => r.row)).toEqual([2])
	expect(checker.problems).toEqual([
		{ row: 3, column: 'upn', message: 'The same UPN is on row 2: each child must be on one row' },
		{ row: 4, column: 'school_name', message: 'Row 2 gives this school’s name as ‘Oakfield Primary School’' },
	])
	expect(checker.rowsWithProblems).toBe(2)
	expect(checker.rowCount).toBe(3)
})

test('the template has every column and an example row that passes the checks', () => {
	const [headings, example] = templateCsv().trim().split('\r\n')
	expect(headings!.split(',')).toEqual(HEADINGS)
	const checker = new ImportChecker(readHeader(headings!.split(',')), TODAY)
	// The example has commas inside quotes: parse it the simple way for this known row.
	const cellsInRow = [...example!.matchAll(/("(?:[^"]|"")*"|[^,]*)(?:,|$)/g)]
		.map((m) => m[1]!.replace(/^"|"$/g, '').replace(/""/g, '"'))
		.slice(0, HEADINGS.length)
	checker.add(cellsInRow, 2)
	expect(checker.problems).toEqual([])
})
