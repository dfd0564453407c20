// The CSV the council's case management system exports, row by row: which columns there are, what each may hold,
// and what a row means once it is checked. Pure (no database, no files), so every rule is tested on its own
// (import-row.test.ts); app/services/import/ reads the file and compares the rows with the database.
//
// Row numbers are the ones a spreadsheet shows: the headings are row 1, the first child is row 2.
import { z } from 'zod'
import { isIsoDate, toIsoDate, type IsoDate } from '#app/domain/calendar-date.ts'
import { SCHOOL_PHASES, SCHOOL_PHASE_LABELS } from '#app/domain/review-status.ts'

export type SchoolPhase = (typeof SCHOOL_PHASES)[number]

export interface ImportColumn {
	name: string
	required: boolean
	description: string
	example: string
}

/** The columns, in the template's order. Headings are matched ignoring case, spaces and hyphens. */
export const IMPORT_COLUMNS = [
	{
		name: 'school_urn',
		required: true,
		description: 'The school’s Unique Reference Number (6 digits). The school must be one of this council’s or new.',
		example: '118000',
	},
	{
		name: 'school_name',
		required: false,
		description: 'Needed when the school is not yet in the portal; otherwise it renames the school.',
		example: 'Oakfield Primary School',
	},
	{
		name: 'school_phase',
		required: false,
		description: `Needed when the school is new: ${SCHOOL_PHASES.map((p) => SCHOOL_PHASE_LABELS[p]).join(', ')}.`,
		example: 'Primary',
	},
	{
		name: 'upn',
		required: true,
		description: 'The child’s Unique Pupil Number: 13 characters, a check letter then 12 digits (the last may be a letter for a temporary UPN).',
		example: 'E886200112345',
	},
	{ name: 'first_name', required: true, description: 'The child’s first name.', example: 'Amira' },
	{ name: 'last_name', required: true, description: 'The child’s last name.', example: 'Khan' },
	{ name: 'date_of_birth', required: true, description: 'YYYY-MM-DD or DD/MM/YYYY.', example: '2016-03-27' },
	{ name: 'year_group', required: false, description: 'N (nursery), R (reception) or 1 to 14.', example: '5' },
	{ name: 'parent_name', required: false, description: 'The parent or carer who receives notices.', example: 'Sara Khan' },
	{ name: 'parent_email', required: false, description: 'Their email address.', example: 'sara.khan@example.org' },
	{ name: 'young_person_email', required: false, description: 'A young person aged 16 or over receives notices in their own right.', example: '' },
	{ name: 'plan_first_issued_on', required: true, description: 'When the EHC plan was first issued: YYYY-MM-DD or DD/MM/YYYY.', example: '2022-09-14' },
	{
		name: 'plan_last_review_on',
		required: false,
		description: 'The date of the last annual review meeting, if there has been one. The next review is due 12 months after it.',
		example: '2025-10-02',
	},
	{ name: 'section_b', required: false, description: 'Section B, special educational needs.', example: 'Amira has a diagnosis of autism.' },
	{
		name: 'section_e',
		required: false,
		description: 'Section E, outcomes, separated by semicolons (;).',
		example: 'By July 2027 Amira will read a short book aloud; Amira will ask an adult for help when she needs it',
	},
	{
		name: 'section_f',
		required: false,
		description: 'Section F, special educational provision, separated by semicolons (;).',
		example: 'Speech and language therapy, 30 minutes weekly; Daily reading with a teaching assistant, 15 minutes',
	},
	{
		name: 'section_i',
		required: false,
		description: 'Section I, placement: the type and name of the school.',
		example: 'Mainstream primary school (academy): Oakfield Primary School',
	},
] as const satisfies readonly ImportColumn[]

export type ColumnName = (typeof IMPORT_COLUMNS)[number]['name']
export type ImportCells = Record<ColumnName, string>

/** Columns whose blank cell leaves what the portal holds unchanged (an import never erases). */
export const KEEP_WHEN_BLANK = [
	'school_name',
	'school_phase',
	'year_group',
	'parent_name',
	'parent_email',
	'young_person_email',
	'plan_last_review_on',
	'section_b',
	'section_e',
	'section_f',
	'section_i',
] as const

/** A row once checked. `null` means the cell was blank. */
export interface ImportRow {
	row: number
	schoolUrn: string
	schoolName: string | null
	schoolPhase: SchoolPhase | null
	upn: string
	firstName: string
	lastName: string
	dateOfBirth: IsoDate
	yearGroup: number | null
	parentName: string | null
	parentEmail: string | null
	youngPersonEmail: string | null
	planFirstIssuedOn: IsoDate
	planLastReviewOn: IsoDate | null
	sectionB: string | null
	outcomes: string[] | null
	provision: string[] | null
	sectionI: string | null
}

export interface RowProblem {
	row: number
	column: string
	message: string
}

// ---------------------------------------------------------------------------------------------------------------
// Headings

export interface HeaderMap {
	/** For each cell position, the column it holds (null: ignored). */
	positions: Array<ColumnName | null>
	/** Headings we do not know: their cells are ignored. */
	ignored: string[]
	problems: RowProblem[]
}

const normaliseHeading = (heading: string) =>
	heading
		.replace(/^\uFEFF/, '')
		.trim()
		.toLowerCase()
		.replace(/[\s-]+/g, '_')

export function readHeader(headings: string[]): HeaderMap {
	const known = new Set<string>(IMPORT_COLUMNS.map((c) => c.name))
	const seen = new Set<string>()
	const positions: Array<ColumnName | null> = []
	const ignored: string[] = []
	const problems: RowProblem[] = []
	for (const heading of headings) {
		const name = normaliseHeading(heading)
		if (!known.has(name)) {
			positions.push(null)
			if (name) ignored.push(heading.trim())
			continue
		}
		if (seen.has(name)) problems.push({ row: 1, column: name, message: `The column ${name} appears more than once` })
		seen.add(name)
		positions.push(name as ColumnName)
	}
	for (const column of IMPORT_COLUMNS) {
		if (column.required && !seen.has(column.name))
			problems.push({ row: 1, column: column.name, message: `The file must have a column headed ${column.name}` })
	}
	return { positions, ignored, problems }
}

/** The cells of one record keyed by column; missing cells are blank. */
export function cellsOf(header: HeaderMap, record: string[]): ImportCells {
	const cells = Object.fromEntries(IMPORT_COLUMNS.map((c) => [c.name, ''])) as ImportCells
	header.positions.forEach((name, i) => {
		if (name) cells[name] = (record[i] ?? '').trim()
	})
	return cells
}

// ---------------------------------------------------------------------------------------------------------------
// Values

const UPN_CHECK_LETTERS = 'ABCDEFGHJKLMNPQRTUVWXYZ'

/**
 * The UPN's check letter (DfE, "Unique Pupil Numbers (UPN): a guide for schools and local authorities", annex):
 * characters 2-13 weighted 2 to 13, summed, modulo 23, as a letter of A-Z without I, O and S. The 13th character
 * of a temporary UPN is a letter, counted as its position in that same alphabet.
 */
export function upnCheckLetter(upn: string): string {
	let sum = 0
	for (let i = 1; i < 13; i++) {
		const c = upn[i]!
		const value = c >= '0' && c <= '9' ? Number(c) : UPN_CHECK_LETTERS.indexOf(c)
		sum += value * (i + 1)
	}
	return UPN_CHECK_LETTERS[sum % 23]!
}

/** 'YYYY-MM-DD' or 'DD/MM/YYYY' (also D/M/YYYY) as an ISO date, or null. */
export function parseImportDate(value: string): IsoDate | null {
	if (isIsoDate(value)) return value
	const m = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(value)
	if (!m) return null
	try {
		return toIsoDate(Number(m[3]), Number(m[2]), Number(m[1]))
	} catch {
		return null
	}
}

/** 'N' or 'Nursery' is -1, 'R' or 'Reception' 0, '7', 'Y7' or 'Year 7' 7; null when it is none of these. */
export function parseYearGroup(value: string): number | null {
	const v = value.trim().toLowerCase()
	if (v === 'n' || v === 'nursery' || v === '-1') return -1
	if (v === 'r' || v === 'reception' || v === '0') return 0
	const m = /^(?:y|year\s*)?(\d{1,2})$/.exec(v)
	if (!m) return null
	const n = Number(m[1])
	return n >= 1 && n <= 14 ? n : null
}

const PHASE_WORDS: Record<string, SchoolPhase> = Object.fromEntries(
	SCHOOL_PHASES.flatMap((phase) => [
		[phase.toLowerCase(), phase],
		[SCHOOL_PHASE_LABELS[phase].toLowerCase().replace(/[^a-z0-9]/g, ''), phase],
	]),
)
Object.assign(PHASE_WORDS, {
	earlyyears: 'EARLY_YEARS',
	nursery: 'EARLY_YEARS',
	allthrough: 'ALL_THROUGH',
	post16: 'POST16',
	sixthform: 'POST16',
	college: 'FE',
})

export function parsePhase(value: string): SchoolPhase | null {
	const key = value.toLowerCase().replace(/[^a-z0-9]/g, '')
	return PHASE_WORDS[key] ?? null
}

const email = z.email()
const MAX_NAME = 100
const MAX_TEXT = 20_000
const MAX_ITEM = 2_000
const MAX_ITEMS = 50

/** Section E or F: items separated by semicolons, blanks dropped. */
export function splitList(value: string): string[] {
	return value
		.split(';')
		.map((item) => item.trim())
		.filter(Boolean)
}

// ---------------------------------------------------------------------------------------------------------------
// One row

/**
 * Checks one row on its own. `today` is the date in England (dates of birth and plan dates may not be later).
 * Returns the row, or every problem found in it (not just the first), so one upload shows all there is to fix.
 */
export function validateRow(cells: ImportCells, row: number, today: IsoDate): { ok: true; value: ImportRow } | { ok: false; problems: RowProblem[] } {
	const problems: RowProblem[] = []
	const problem = (column: ColumnName, message: string) => problems.push({ row, column, message })
	const text = (column: ColumnName, label: string, max: number) => {
		const value = cells[column]
		if (value.length > max) problem(column, `${label} must be ${max.toLocaleString('en-GB')} characters or fewer`)
		return value || null
	}
	const required = (column: ColumnName, label: string, max: number) => {
		if (!cells[column]) problem(column, `Enter the ${label}`)
		return text(column, capitalise(label), max) ?? ''
	}
	const date = (column: ColumnName, label: string, isRequired: boolean): IsoDate | null => {
		const value = cells[column]
		if (!value) {
			if (isRequired) problem(column, `Enter the ${label}`)
			return null
		}
		const parsed = parseImportDate(value)
		if (!parsed) problem(column, `${capitalise(label)} must be a real date, like 2016-03-27 or 27/03/2016`)
		else if (parsed > today) problem(column, `${capitalise(label)} must be today or in the past`)
		else return parsed
		return null
	}
	const optionalEmail = (column: ColumnName, label: string) => {
		const value = cells[column].toLowerCase()
		if (!value) return null
		if (!email.safeParse(value).success) problem(column, `${label} must be an email address, like name@example.org`)
		return value
	}
	const list = (column: ColumnName, label: string) => {
		if (!cells[column]) return null
		const items = splitList(cells[column])
		if (items.length > MAX_ITEMS) problem(column, `${label} can have at most ${MAX_ITEMS} items separated by semicolons`)
		if (items.some((item) => item.length > MAX_ITEM))
			problem(column, `Each item in ${label.toLowerCase()} must be ${MAX_ITEM.toLocaleString('en-GB')} characters or fewer`)
		return items.length ? items : null
	}

	const schoolUrn = cells.school_urn
	if (!schoolUrn) problem('school_urn', 'Enter the school’s URN')
	else if (!/^\d{6}$/.test(schoolUrn)) problem('school_urn', 'School URN must be 6 digits, like 118000')
	const schoolName = text('school_name', 'School name', 200)
	let schoolPhase: SchoolPhase | null = null
	if (cells.school_phase) {
		schoolPhase = parsePhase(cells.school_phase)
		if (!schoolPhase) problem('school_phase', `School phase must be one of: ${SCHOOL_PHASES.map((p) => SCHOOL_PHASE_LABELS[p]).join(', ')}`)
	}

	const upn = cells.upn.toUpperCase().replace(/\s+/g, '')
	if (!upn) problem('upn', 'Enter the child’s UPN')
	else if (!/^[A-Z]\d{11}[0-9A-Z]$/.test(upn) || /[IOS]/.test(upn.slice(12)))
		problem('upn', 'UPN must be 13 characters: a letter, 11 digits, then a digit or a letter')
	else if (upnCheckLetter(upn) !== upn[0]) problem('upn', 'The UPN’s first letter does not match its digits: check it was copied correctly')

	const firstName = required('first_name', 'child’s first name', MAX_NAME)
	const lastName = required('last_name', 'child’s last name', MAX_NAME)
	const dateOfBirth = date('date_of_birth', 'date of birth', true)
	let yearGroup: number | null = null
	if (cells.year_group) {
		yearGroup = parseYearGroup(cells.year_group)
		if (yearGroup === null) problem('year_group', 'Year group must be N (nursery), R (reception) or a number from 1 to 14')
	}
	const parentName = text('parent_name', 'Parent’s name', 200)
	const parentEmail = optionalEmail('parent_email', 'Parent’s email')
	const youngPersonEmail = optionalEmail('young_person_email', 'Young person’s email')
	const planFirstIssuedOn = date('plan_first_issued_on', 'date the plan was first issued', true)
	const planLastReviewOn = date('plan_last_review_on', 'date of the last review', false)
	if (dateOfBirth && planFirstIssuedOn && planFirstIssuedOn < dateOfBirth)
		problem('plan_first_issued_on', 'The plan cannot have been issued before the child was born')
	if (planFirstIssuedOn && planLastReviewOn && planLastReviewOn < planFirstIssuedOn)
		problem('plan_last_review_on', 'The last review cannot be before the plan was first issued')
	if (dateOfBirth && dateOfBirth < `${Number(today.slice(0, 4)) - 26}${today.slice(4)}`)
		problem('date_of_birth', 'Date of birth must be in the last 26 years: EHC plans end by the age of 25')
	const sectionB = text('section_b', 'Section B', MAX_TEXT)
	const outcomes = list('section_e', 'Section E')
	const provision = list('section_f', 'Section F')
	const sectionI = text('section_i', 'Section I', MAX_TEXT)

	if (problems.length) return { ok: false, problems }
	return {
		ok: true,
		value: {
			row,
			schoolUrn,
			schoolName,
			schoolPhase,
			upn,
			firstName,
			lastName,
			dateOfBirth: dateOfBirth!,
			yearGroup,
			parentName,
			parentEmail,
			youngPersonEmail,
			planFirstIssuedOn: planFirstIssuedOn!,
			planLastReviewOn,
			sectionB,
			outcomes,
			provision,
			sectionI,
		},
	}
}

function capitalise(text: string) {
	return text.charAt(0).toUpperCase() + text.slice(1)
}

// ---------------------------------------------------------------------------------------------------------------
// The whole file

/**
 * Checks rows one at a time, as the file streams in, and what rows say about each other: a UPN appears once,
 * and every row of one school agrees on its name and phase.
 */
export class ImportChecker {
	readonly rows: ImportRow[] = []
	readonly problems: RowProblem[] = []
	rowsWithProblems = 0
	rowCount = 0
	private readonly upnRows = new Map<string, number>()
	private readonly schools = new Map<string, { row: number; name: string | null; phase: SchoolPhase | null }>()

	constructor(
		private readonly header: HeaderMap,
		private readonly today: IsoDate,
	) {}

	/** `row` is the spreadsheet row number (the first record after the headings is row 2). */
	add(record: string[], row: number) {
		this.rowCount++
		const problems: RowProblem[] = []
		if (record.length > this.header.positions.length && record.slice(this.header.positions.length).some((cell) => cell.trim())) {
			problems.push({ row, column: '', message: 'The row has more cells than there are column headings' })
		}
		const checked = validateRow(cellsOf(this.header, record), row, this.today)
		if (!checked.ok) problems.push(...checked.problems)
		else {
			const r = checked.value
			const earlier = this.upnRows.get(r.upn)
			if (earlier !== undefined) problems.push({ row, column: 'upn', message: `The same UPN is on row ${earlier}: each child must be on one row` })
			const school = this.schools.get(r.schoolUrn)
			if (school) {
				if (r.schoolName && school.name && r.schoolName !== school.name)
					problems.push({ row, column: 'school_name', message: `Row ${school.row} gives this school’s name as ‘${school.name}’` })
				if (r.schoolPhase && school.phase && r.schoolPhase !== school.phase)
					problems.push({
						row,
						column: 'school_phase',
						message: `Row ${school.row} gives this school’s phase as ${SCHOOL_PHASE_LABELS[school.phase]}`,
					})
				school.name ??= r.schoolName
				school.phase ??= r.schoolPhase
			} else this.schools.set(r.schoolUrn, { row, name: r.schoolName, phase: r.schoolPhase })
			if (earlier === undefined) this.upnRows.set(r.upn, row)
			if (!problems.length) this.rows.push(r)
		}
		if (problems.length) {
			this.rowsWithProblems++
			this.problems.push(...problems)
		}
	}

	/** The school's name and phase as the file gives them (from whichever row says). */
	school(urn: string) {
		return this.schools.get(urn) ?? null
	}
}

// ---------------------------------------------------------------------------------------------------------------
// The template

function csvCell(value: string) {
	return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value
}

/** The template to download: the headings and one example row. */
export function templateCsv(): string {
	const lines = [IMPORT_COLUMNS.map((c) => c.name), IMPORT_COLUMNS.map((c) => c.example)]
	return lines.map((cells) => cells.map(csvCell).join(',')).join('\r\n') + '\r\n'
}
