// Importing children, schools and plans from the council's case management system (a CSV, see
// app/domain/import-row.ts for its columns), in two steps:
//
// 1. Upload and preview (`receiveImportUpload`): the file streams from the request body to
//    DOCUMENTS_DIR/imports/<key>.csv and, at the same time, through csv-parse, so every row is checked as it
//    arrives and the file is never held in memory. The rows are then compared with the database (read only) to
//    count what would be new, updated or unchanged. The preview is kept beside the file (<key>.json) with who
//    uploaded it; nothing else is written.
// 2. Import (`runImport`, run as a Job): the stored file is read and checked again, then every row is written in
//    ONE transaction, so an import is all or nothing. Schools are matched by URN, children by UPN, so importing
//    the same file again updates rather than duplicates.
//
// On SQLite the adapter serialises the process's queries while a transaction is open, so the transaction is kept
// to the comparison and the writes (bulk inserts), and progress written during it appears when it commits.
// Decisions: docs/decisions/010-import-from-case-management.md.
import { createHash, randomBytes, randomUUID } from 'node:crypto'
import { createReadStream } from 'node:fs'
import fs from 'node:fs/promises'
import path from 'node:path'
import { parse, type CsvError } from 'csv-parse'
import { isPostgres, type PrismaClient } from '#app/db-factory.server.ts'
import type { Tx } from '#app/db.server.ts'
import { todayInLondon, type IsoDate } from '#app/domain/calendar-date.ts'
import { ImportChecker, readHeader, type HeaderMap, type ImportRow, type RowProblem } from '#app/domain/import-row.ts'
import { nextReviewDueOn } from '#app/domain/statutory-clock.ts'
import { env } from '#app/env.server.ts'
import type { Prisma } from '#app/generated/sqlite/client.ts'
import { multipartBoundary, readMultipart } from '#app/http/multipart.server.ts'

const MIB = 1024 * 1024
export const MAX_IMPORT_BYTES = 50 * MIB
/** Problems kept for the preview page; the count says how many more there were. */
const PROBLEMS_SHOWN = 500
const CHUNK = 500 // rows per read (`in` lists) and per bulk insert
const STALE_MS = 24 * 60 * 60 * 1000
const KEY = /^[a-f0-9]{32}$/

// ---------------------------------------------------------------------------------------------------------------
// Checking a CSV as it streams

export interface CsvCheckResult {
	/** Data rows (not counting the headings or blank lines). */
	rows: number
	header: HeaderMap | null
	checker: ImportChecker | null
	/** Problems with the file as a whole (unreadable CSV, missing columns, no rows). */
	fileProblems: RowProblem[]
}

/** Feeds csv-parse chunk by chunk and checks each record as soon as it is parsed. */
export class CsvCheck {
	private readonly parser = parse({ bom: true, relax_column_count: true, max_record_size: 1_000_000 })
	private header: HeaderMap | null = null
	private checker: ImportChecker | null = null
	private readonly fileProblems: RowProblem[] = []
	private spreadsheetRow = 0
	private failed = false
	private readonly finished: Promise<void>

	constructor(today: IsoDate) {
		this.parser.on('data', (record: string[]) => {
			this.spreadsheetRow++
			if (!this.header) {
				this.header = readHeader(record)
				if (this.header.problems.length) this.fileProblems.push(...this.header.problems)
				else this.checker = new ImportChecker(this.header, today)
				return
			}
			if (record.every((cell) => !cell.trim())) return // a blank line, or a row of empty cells
			this.checker?.add(record, this.spreadsheetRow)
		})
		this.finished = new Promise((resolve) => {
			this.parser.once('end', resolve)
			this.parser.once('error', (error: CsvError) => {
				this.failed = true
				this.fileProblems.push({ row: this.spreadsheetRow + 1, column: '', message: `The file could not be read as CSV from this row: ${csvErrorMessage(error)}` })
				resolve()
			})
		})
	}

	write(chunk: Uint8Array) {
		if (!this.failed) this.parser.write(chunk)
	}

	async end(): Promise<CsvCheckResult> {
		if (!this.failed) this.parser.end()
		await this.finished
		if (!this.header) this.fileProblems.push({ row: 1, column: '', message: 'The file is empty: it must have a row of column headings, then a row for each child' })
		else if (this.checker && this.checker.rowCount === 0 && !this.failed) this.fileProblems.push({ row: 2, column: '', message: 'The file has no rows after the column headings' })
		return { rows: this.checker?.rowCount ?? 0, header: this.header, checker: this.checker, fileProblems: this.fileProblems }
	}
}

function csvErrorMessage(error: CsvError) {
	switch (error.code) {
		case 'CSV_QUOTE_NOT_CLOSED':
			return 'a quoted cell is not closed'
		case 'CSV_INVALID_CLOSING_QUOTE':
		case 'CSV_NON_TRIMABLE_CHAR_AFTER_CLOSING_QUOTE':
			return 'a quote mark is in the wrong place'
		case 'CSV_MAX_RECORD_SIZE':
			return 'a row is longer than 1 million characters'
		default:
			return 'it is not a comma-separated file'
	}
}

/** Checks a stored file (the import step reads it again, as the database may have changed since the preview). */
export async function checkStoredFile(key: string, today: IsoDate): Promise<CsvCheckResult> {
	const check = new CsvCheck(today)
	for await (const chunk of createReadStream(uploadPath(key, 'csv'), { highWaterMark: 256 * 1024 })) check.write(chunk as Buffer)
	return check.end()
}

// ---------------------------------------------------------------------------------------------------------------
// Comparing the rows with the database

export interface ImportCounts {
	/** Children new to the portal, children whose details or plan changed, children exactly as the portal holds them. */
	created: number
	updated: number
	unchanged: number
	schoolsCreated: number
	schoolsUpdated: number
}

type NewVersion = { version: Prisma.PlanVersionCreateManyInput; outcomes: Prisma.PlanOutcomeCreateManyInput[]; provisions: Prisma.PlanProvisionCreateManyInput[] }

/** What the import will write: built by comparing, written by `writePlan`. */
export interface ImportPlan {
	problems: RowProblem[]
	counts: ImportCounts
	rows: number
	schoolCreates: Prisma.SchoolCreateManyInput[]
	schoolUpdates: Array<{ id: string; data: Prisma.SchoolUpdateInput }>
	childCreates: Prisma.ChildCreateManyInput[]
	childUpdates: Array<{ id: string; data: Prisma.ChildUncheckedUpdateInput }>
	planCreates: Prisma.EhcPlanCreateManyInput[]
	planUpdates: Array<{ id: string; data: Prisma.EhcPlanUncheckedUpdateInput }>
	versions: NewVersion[]
}

type Db = PrismaClient | Tx

function chunks<T>(items: T[], size = CHUNK): T[][] {
	const out: T[][] = []
	for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size))
	return out
}

function groupBy<T>(items: T[], key: (item: T) => string): Map<string, T[]> {
	const groups = new Map<string, T[]>()
	for (const item of items) {
		const k = key(item)
		const group = groups.get(k)
		if (group) group.push(item)
		else groups.set(k, [item])
	}
	return groups
}

const sameList = (a: string[], b: string[]) => a.length === b.length && a.every((x, i) => x === b[i])

/**
 * Compares checked rows with the database and works out every write, without writing. Rows that name a school
 * or a child of another council are refused (URNs and UPNs are unique across the whole portal), as is a school
 * new to the portal without a name and phase.
 */
export async function planImport(db: Db, laId: string, checker: ImportChecker, today: IsoDate, onRow?: (done: number) => void): Promise<ImportPlan> {
	const rows = checker.rows
	const plan: ImportPlan = {
		problems: [],
		counts: { created: 0, updated: 0, unchanged: 0, schoolsCreated: 0, schoolsUpdated: 0 },
		rows: rows.length,
		schoolCreates: [],
		schoolUpdates: [],
		childCreates: [],
		childUpdates: [],
		planCreates: [],
		planUpdates: [],
		versions: [],
	}

	// Schools, by URN.
	const urns = [...new Set(rows.map((r) => r.schoolUrn))]
	const schools = new Map<string, { id: string; laId: string; name: string; phase: string }>()
	for (const part of chunks(urns)) {
		for (const s of await db.school.findMany({ where: { urn: { in: part } }, select: { id: true, laId: true, urn: true, name: true, phase: true } })) schools.set(s.urn, s)
	}
	const schoolIds = new Map<string, string | null>() // URN -> id, or null when refused
	for (const urn of urns) {
		const given = checker.school(urn)!
		const existing = schools.get(urn)
		if (existing && existing.laId !== laId) {
			schoolIds.set(urn, null)
			continue
		}
		if (existing) {
			schoolIds.set(urn, existing.id)
			const data: Prisma.SchoolUpdateInput = {}
			if (given.name && given.name !== existing.name) data.name = given.name
			if (given.phase && given.phase !== existing.phase) data.phase = given.phase
			if (Object.keys(data).length) {
				plan.schoolUpdates.push({ id: existing.id, data })
				plan.counts.schoolsUpdated++
			}
			continue
		}
		if (!given.name || !given.phase) {
			schoolIds.set(urn, null)
			continue
		}
		const id = randomUUID()
		schoolIds.set(urn, id)
		plan.schoolCreates.push({ id, laId, urn, name: given.name, phase: given.phase })
		plan.counts.schoolsCreated++
	}

	let done = 0
	for (const part of chunks(rows)) {
		const children = await db.child.findMany({
			where: { upn: { in: part.map((r) => r.upn) } },
			select: {
				id: true,
				laId: true,
				upn: true,
				schoolId: true,
				firstName: true,
				lastName: true,
				dateOfBirth: true,
				yearGroup: true,
				parentName: true,
				parentEmail: true,
				youngPersonEmail: true,
				plan: { select: { id: true, firstIssuedOn: true, lastReviewOn: true, reviewDueOn: true, currentVersionNo: true } },
			},
		})
		await breathe()
		const byUpn = new Map(children.map((c) => [c.upn, c]))
		const current = await currentVersions(db, children.flatMap((c) => (c.plan && c.laId === laId ? [c.plan] : [])))

		for (const row of part) {
			onRow?.(++done)
			const schoolId = schoolIds.get(row.schoolUrn)
			if (schoolId === null) {
				const existing = schools.get(row.schoolUrn)
				if (existing) plan.problems.push({ row: row.row, column: 'school_urn', message: `School URN ${row.schoolUrn} is a school of another council: you can only import your council’s schools` })
				else {
					const given = checker.school(row.schoolUrn)!
					if (!given.name) plan.problems.push({ row: row.row, column: 'school_name', message: `Enter the school’s name: URN ${row.schoolUrn} is not in the portal yet` })
					if (!given.phase) plan.problems.push({ row: row.row, column: 'school_phase', message: `Enter the school’s phase: URN ${row.schoolUrn} is not in the portal yet` })
				}
				continue
			}
			const child = byUpn.get(row.upn)
			if (child && child.laId !== laId) {
				plan.problems.push({ row: row.row, column: 'upn', message: 'This UPN is a child of another council: you can only import your council’s children' })
				continue
			}
			if (!child) {
				addNewChild(plan, row, laId, schoolId!)
				continue
			}
			const changed = updateChild(plan, row, child, schoolId!, child.plan ? current.get(child.plan.id) ?? null : null, today)
			if (changed) plan.counts.updated++
			else plan.counts.unchanged++
		}
	}
	return plan
}

type VersionContent = Awaited<ReturnType<typeof currentVersions>> extends Map<string, infer V> ? V : never

/** Each plan's current version (its content, outcomes and provision), and the highest version number it has. */
async function currentVersions(db: Db, plans: Array<{ id: string; currentVersionNo: number }>) {
	const result = new Map<
		string,
		{
			maxVersionNo: number
			version: Omit<Prisma.PlanVersionCreateManyInput, 'id' | 'planId' | 'versionNo' | 'issuedOn' | 'createdAt' | 'finalPlanId'> & { id: string }
			outcomes: Array<{ area: string; text: string }>
			provisions: Array<{ need: string; what: string; who: string; frequency: string; duration: string }>
		}
	>()
	if (!plans.length) return result
	const wanted = new Map(plans.map((p) => [p.id, p.currentVersionNo]))
	const all = await db.planVersion.findMany({ where: { planId: { in: [...wanted.keys()] } }, select: { id: true, planId: true, versionNo: true } })
	// The current version is the one the plan names (the highest, should it name none that exists).
	const pick = new Map<string, { id: string; versionNo: number; max: number }>()
	for (const v of all) {
		const seen = pick.get(v.planId)
		const max = Math.max(seen?.max ?? 0, v.versionNo)
		const better = !seen || (seen.versionNo !== wanted.get(v.planId) && (v.versionNo === wanted.get(v.planId) || v.versionNo > seen.versionNo))
		pick.set(v.planId, better ? { id: v.id, versionNo: v.versionNo, max } : { ...seen, max })
	}
	const ids = [...pick.values()].map((p) => p.id)
	const [versions, outcomes, provisions] = await Promise.all([
		db.planVersion.findMany({
			where: { id: { in: ids } },
			select: { id: true, planId: true, sectionA: true, sectionB: true, sectionC: true, sectionD: true, sectionG: true, sectionH1: true, sectionH2: true, sectionI: true, sectionJ: true, sectionK: true, preparationForAdulthood: true },
		}),
		db.planOutcome.findMany({ where: { planVersionId: { in: ids } }, orderBy: [{ planVersionId: 'asc' }, { position: 'asc' }], select: { planVersionId: true, area: true, text: true } }),
		db.planProvision.findMany({
			where: { planVersionId: { in: ids } },
			orderBy: [{ planVersionId: 'asc' }, { position: 'asc' }],
			select: { planVersionId: true, need: true, what: true, who: true, frequency: true, duration: true },
		}),
	])
	const outcomesOf = groupBy(outcomes, (o) => o.planVersionId)
	const provisionsOf = groupBy(provisions, (p) => p.planVersionId)
	for (const { planId, ...version } of versions) {
		result.set(planId, {
			maxVersionNo: pick.get(planId)!.max,
			version,
			outcomes: (outcomesOf.get(version.id) ?? []).map(({ area, text }) => ({ area, text })),
			provisions: (provisionsOf.get(version.id) ?? []).map(({ planVersionId: _, ...p }) => p),
		})
	}
	return result
}

function addNewChild(plan: ImportPlan, row: ImportRow, laId: string, schoolId: string) {
	const childId = randomUUID()
	const planId = randomUUID()
	const versionId = randomUUID()
	plan.childCreates.push({
		id: childId,
		laId,
		schoolId,
		firstName: row.firstName,
		lastName: row.lastName,
		dateOfBirth: row.dateOfBirth,
		upn: row.upn,
		yearGroup: row.yearGroup,
		parentName: row.parentName ?? '',
		parentEmail: row.parentEmail ?? '',
		youngPersonEmail: row.youngPersonEmail ?? '',
		searchText: searchText(row.firstName, row.lastName, row.upn),
	})
	plan.planCreates.push({
		id: planId,
		childId,
		firstIssuedOn: row.planFirstIssuedOn,
		lastReviewOn: row.planLastReviewOn,
		reviewDueOn: nextReviewDueOn(row.planFirstIssuedOn, row.planLastReviewOn),
		currentVersionNo: 1,
	})
	plan.versions.push(
		versionRows(versionId, planId, 1, row.planFirstIssuedOn, { sectionB: row.sectionB ?? '', sectionI: row.sectionI ?? '' }, (row.outcomes ?? []).map((text) => ({ area: '', text })), (row.provision ?? []).map((what) => ({ need: '', what, who: '', frequency: '', duration: '' }))),
	)
	plan.counts.created++
}

function versionRows(
	id: string,
	planId: string,
	versionNo: number,
	issuedOn: IsoDate,
	content: Partial<Prisma.PlanVersionCreateManyInput>,
	outcomes: Array<{ area: string; text: string }>,
	provisions: Array<{ need: string; what: string; who: string; frequency: string; duration: string }>,
): NewVersion {
	// Every version row has every section (bulk inserts need the same columns in each row).
	const sections = Object.fromEntries(SECTIONS.map((key) => [key, content[key] ?? '']))
	return {
		version: { id, planId, versionNo, issuedOn, ...sections },
		outcomes: outcomes.map((o, i) => ({ id: randomUUID(), planVersionId: id, position: i + 1, area: o.area, text: o.text })),
		provisions: provisions.map((p, i) => ({ id: randomUUID(), planVersionId: id, position: i + 1, ...p })),
	}
}

const SECTIONS = ['sectionA', 'sectionB', 'sectionC', 'sectionD', 'sectionG', 'sectionH1', 'sectionH2', 'sectionI', 'sectionJ', 'sectionK', 'preparationForAdulthood'] as const

const searchText = (firstName: string, lastName: string, upn: string) => `${firstName} ${lastName} ${upn}`.toLowerCase()

/** Works out what changes for a child already in the portal; returns whether anything does. Blank cells keep what is held. */
function updateChild(
	plan: ImportPlan,
	row: ImportRow,
	child: {
		id: string
		schoolId: string | null
		firstName: string
		lastName: string
		dateOfBirth: string
		yearGroup: number | null
		parentName: string
		parentEmail: string
		youngPersonEmail: string
		plan: { id: string; firstIssuedOn: string; lastReviewOn: string | null; reviewDueOn: string; currentVersionNo: number } | null
	},
	schoolId: string,
	current: VersionContent | null,
	today: IsoDate,
): boolean {
	const data: Prisma.ChildUncheckedUpdateInput = {}
	if (child.schoolId !== schoolId) data.schoolId = schoolId
	if (child.firstName !== row.firstName) data.firstName = row.firstName
	if (child.lastName !== row.lastName) data.lastName = row.lastName
	if (child.dateOfBirth !== row.dateOfBirth) data.dateOfBirth = row.dateOfBirth
	if (row.yearGroup !== null && child.yearGroup !== row.yearGroup) data.yearGroup = row.yearGroup
	if (row.parentName !== null && child.parentName !== row.parentName) data.parentName = row.parentName
	if (row.parentEmail !== null && child.parentEmail !== row.parentEmail) data.parentEmail = row.parentEmail
	if (row.youngPersonEmail !== null && child.youngPersonEmail !== row.youngPersonEmail) data.youngPersonEmail = row.youngPersonEmail
	if (data.firstName !== undefined || data.lastName !== undefined) data.searchText = searchText(row.firstName, row.lastName, row.upn)
	let changed = false
	if (Object.keys(data).length) {
		plan.childUpdates.push({ id: child.id, data })
		changed = true
	}

	if (!child.plan) {
		// A child the portal holds without a plan: the file brings the plan.
		const planId = randomUUID()
		plan.planCreates.push({ id: planId, childId: child.id, firstIssuedOn: row.planFirstIssuedOn, lastReviewOn: row.planLastReviewOn, reviewDueOn: nextReviewDueOn(row.planFirstIssuedOn, row.planLastReviewOn), currentVersionNo: 1 })
		plan.versions.push(versionRows(randomUUID(), planId, 1, row.planFirstIssuedOn, { sectionB: row.sectionB ?? '', sectionI: row.sectionI ?? '' }, (row.outcomes ?? []).map((text) => ({ area: '', text })), (row.provision ?? []).map((what) => ({ need: '', what, who: '', frequency: '', duration: '' }))))
		return true
	}

	// The statutory clock runs from the latest review meeting (s.44(1)): a file that lags behind a review the
	// portal has recorded never moves it back.
	const held = child.plan
	const lastReviewOn = row.planLastReviewOn && (!held.lastReviewOn || row.planLastReviewOn > held.lastReviewOn) ? row.planLastReviewOn : held.lastReviewOn
	const planData: Prisma.EhcPlanUncheckedUpdateInput = {}
	if (held.firstIssuedOn !== row.planFirstIssuedOn) planData.firstIssuedOn = row.planFirstIssuedOn
	if (held.lastReviewOn !== lastReviewOn) planData.lastReviewOn = lastReviewOn
	const reviewDueOn = nextReviewDueOn(row.planFirstIssuedOn, lastReviewOn)
	if (held.reviewDueOn !== reviewDueOn) planData.reviewDueOn = reviewDueOn

	// Plan content: when the file's wording differs from the current version, a new version is added (earlier
	// versions, and the reviews and outcome progress recorded against them, are kept).
	if (current) {
		const v = current.version
		const sectionB = row.sectionB ?? v.sectionB ?? ''
		const sectionI = row.sectionI ?? v.sectionI ?? ''
		const outcomesChanged = row.outcomes !== null && !sameList(row.outcomes, current.outcomes.map((o) => o.text))
		const provisionChanged = row.provision !== null && !sameList(row.provision, current.provisions.map((p) => p.what))
		if (sectionB !== (v.sectionB ?? '') || sectionI !== (v.sectionI ?? '') || outcomesChanged || provisionChanged) {
			const versionNo = current.maxVersionNo + 1
			const { id: _, ...content } = v
			plan.versions.push(
				versionRows(
					randomUUID(),
					held.id,
					versionNo,
					today,
					{ ...content, sectionB, sectionI },
					outcomesChanged ? row.outcomes!.map((text) => ({ area: '', text })) : current.outcomes,
					provisionChanged ? row.provision!.map((what) => ({ need: '', what, who: '', frequency: '', duration: '' })) : current.provisions,
				),
			)
			planData.currentVersionNo = versionNo
		}
	}
	if (Object.keys(planData).length) {
		plan.planUpdates.push({ id: held.id, data: planData })
		changed = true
	}
	return changed
}

// ---------------------------------------------------------------------------------------------------------------
// Writing

type Cell = string | number | null
type Table = 'School' | 'Child' | 'EhcPlan' | 'PlanVersion' | 'PlanOutcome' | 'PlanProvision'
const TIMESTAMPS: Record<Table, Array<'createdAt' | 'updatedAt'>> = {
	School: ['createdAt', 'updatedAt'],
	Child: ['createdAt', 'updatedAt'],
	EhcPlan: ['createdAt', 'updatedAt'],
	PlanVersion: ['createdAt'],
	PlanOutcome: [],
	PlanProvision: [],
}

/**
 * Multi-row INSERTs of rows that all have the same columns. Prisma's createMany spends about 0.2 ms a row in the
 * client (about 40 s for a 21,000-row import's children, plans, versions, outcomes and provision), and on SQLite
 * every other request waits for the transaction; plain multi-row INSERTs take a tenth of that. Timestamps are
 * written as Prisma writes them (ISO text with +00:00 on SQLite; PostgreSQL reads the same text as UTC).
 */
async function insertMany(tx: Tx, table: Table, rows: readonly object[]) {
	if (!rows.length) return
	const now = new Date().toISOString().replace('Z', '+00:00')
	const columns = [...Object.keys(rows[0]!), ...TIMESTAMPS[table]]
	const postgres = isPostgres(env.DATABASE_URL)
	// About 5,000 bound values a statement: well under SQLite's 32,766 and PostgreSQL's 65,535, and small because
	// @prisma/debug keeps the arguments of the last 100 queries (MAX_ARGS_HISTORY) in memory even with logging off.
	const perStatement = Math.floor(5_000 / columns.length)
	for (let start = 0; start < rows.length; start += perStatement) {
		const part = rows.slice(start, start + perStatement)
		const values: Cell[] = []
		const tuples = part.map((row) => {
			const placeholders = columns.map((column) => {
				values.push(TIMESTAMPS[table].includes(column as 'createdAt') ? now : ((row as Record<string, Cell | undefined>)[column] ?? null))
				return postgres ? `$${values.length}` : '?'
			})
			return `(${placeholders.join(',')})`
		})
		await tx.$executeRawUnsafe(`INSERT INTO "${table}" (${columns.map((c) => `"${c}"`).join(',')}) VALUES ${tuples.join(',')}`, ...values)
		await breathe()
	}
}

/**
 * Lets the event loop turn. libsql frees a statement's native memory in a finaliser that runs on a later turn, so a
 * long loop of awaited queries that never yields holds every statement it ran (see prisma/seed-data.ts).
 */
const breathe = () => new Promise((resolve) => setImmediate(resolve))

/** Writes everything the plan holds, in foreign-key order, with bulk inserts. Run inside a transaction. */
export async function writePlan(tx: Tx, plan: ImportPlan, onProgress?: (done: number, total: number) => void) {
	const total = plan.schoolCreates.length + plan.schoolUpdates.length + plan.childCreates.length + plan.childUpdates.length + plan.planCreates.length + plan.planUpdates.length + plan.versions.length
	let done = 0
	const step = (n: number) => {
		done += n
		onProgress?.(done, total)
	}
	await insertMany(tx, 'School', plan.schoolCreates)
	step(plan.schoolCreates.length)
	for (const u of plan.schoolUpdates) {
		await tx.school.update({ where: { id: u.id }, data: u.data })
		step(1)
	}
	for (const part of chunks(plan.childCreates, 2000)) {
		await insertMany(tx, 'Child', part)
		step(part.length)
	}
	for (const [i, u] of plan.childUpdates.entries()) {
		await tx.child.update({ where: { id: u.id }, data: u.data })
		step(1)
		if (i % 200 === 199) await breathe()
	}
	for (const part of chunks(plan.planCreates, 2000)) {
		await insertMany(tx, 'EhcPlan', part)
		step(part.length)
	}
	for (const part of chunks(plan.versions, 1000)) {
		await insertMany(tx, 'PlanVersion', part.map((v) => v.version))
		await insertMany(tx, 'PlanOutcome', part.flatMap((v) => v.outcomes))
		await insertMany(tx, 'PlanProvision', part.flatMap((v) => v.provisions))
		step(part.length)
	}
	// Plans point at their new current version only once it exists.
	for (const [i, u] of plan.planUpdates.entries()) {
		await tx.ehcPlan.update({ where: { id: u.id }, data: u.data })
		step(1)
		if (i % 200 === 199) await breathe()
	}
}

// ---------------------------------------------------------------------------------------------------------------
// Stored uploads: DOCUMENTS_DIR/imports/<key>.csv and <key>.json (who uploaded it, and the preview)

export interface ImportPreview {
	rows: number
	problemCount: number
	rowsWithProblems: number
	/** The first PROBLEMS_SHOWN problems, in row order. */
	problems: RowProblem[]
	ignoredColumns: string[]
	counts: ImportCounts
}

export interface StoredUpload {
	key: string
	userId: string
	laId: string
	fileName: string
	sizeBytes: number
	sha256: string
	uploadedAt: string
	preview: ImportPreview
}

function importsDir() {
	return path.resolve(env.DOCUMENTS_DIR, 'imports')
}

function uploadPath(key: string, extension: 'csv' | 'json') {
	if (!KEY.test(key)) throw new Error('Not an import key')
	return path.join(importsDir(), `${key}.${extension}`)
}

/** The stored upload, only for the person who uploaded it (and in their council); null otherwise. */
export async function readStoredUpload(key: string, user: { id: string; laId: string | null }): Promise<StoredUpload | null> {
	if (!KEY.test(key)) return null
	const text = await fs.readFile(uploadPath(key, 'json'), 'utf8').catch(() => null)
	if (!text) return null
	const stored = JSON.parse(text) as StoredUpload
	return stored.userId === user.id && stored.laId === user.laId ? stored : null
}

export async function deleteStoredUpload(key: string) {
	if (!KEY.test(key)) return
	await Promise.all([fs.rm(uploadPath(key, 'csv'), { force: true }), fs.rm(uploadPath(key, 'json'), { force: true })])
}

/** Uploads previewed but never imported are removed after a day. */
async function removeStaleUploads() {
	const names = await fs.readdir(importsDir()).catch(() => [] as string[])
	const now = Date.now()
	for (const name of names) {
		const file = path.join(importsDir(), name)
		const stat = await fs.stat(file).catch(() => null)
		if (stat && now - stat.mtimeMs > STALE_MS) await fs.rm(file, { force: true })
	}
}

/** The preview of a checked file: every problem (row, column, message) and, when there are none, the counts. */
export async function previewOf(db: Db, laId: string, checked: CsvCheckResult, today: IsoDate): Promise<{ preview: ImportPreview; plan: ImportPlan | null }> {
	const problems = [...checked.fileProblems, ...(checked.checker?.problems ?? [])]
	let plan: ImportPlan | null = null
	if (checked.checker && !checked.fileProblems.length) {
		plan = await planImport(db, laId, checked.checker, today)
		problems.push(...plan.problems)
	}
	problems.sort((a, b) => a.row - b.row)
	const rowsWithProblems = new Set(problems.map((p) => p.row)).size
	return {
		plan,
		preview: {
			rows: checked.rows,
			problemCount: problems.length,
			rowsWithProblems,
			problems: problems.slice(0, PROBLEMS_SHOWN),
			ignoredColumns: checked.header?.ignored ?? [],
			counts: plan?.counts ?? { created: 0, updated: 0, unchanged: 0, schoolsCreated: 0, schoolsUpdated: 0 },
		},
	}
}

// ---------------------------------------------------------------------------------------------------------------
// Receiving the upload

export const importUploadMessages = {
	noFile: 'Select a CSV file',
	empty: 'The selected file is empty',
	tooLarge: `The selected file must be smaller than ${MAX_IMPORT_BYTES / MIB}MB`,
	wrongType: 'The selected file must be a CSV file. In Excel, choose ‘Save as’, then ‘CSV UTF-8 (comma delimited)’',
}

export type ImportUploadResult = { ok: true; upload: StoredUpload } | { ok: false; error: string }

/**
 * Streams the form's CSV file to DOCUMENTS_DIR/imports and through the row checks at the same time, compares the
 * rows with the database (read only) and stores the preview beside the file. Mistakes come back as `error` for the
 * file field; a malformed request throws a 400/413/415 Response.
 */
export async function receiveImportUpload(db: Db, request: Request, user: { id: string; laId: string }, options: { maxBytes?: number; today?: IsoDate } = {}): Promise<ImportUploadResult> {
	const maxBytes = options.maxBytes ?? MAX_IMPORT_BYTES
	const today = options.today ?? todayInLondon(new Date())
	const boundary = multipartBoundary(request)
	if (!boundary || !request.body) throw new Response('Imports must be sent as multipart/form-data', { status: 415 })
	await fs.mkdir(importsDir(), { recursive: true })
	await removeStaleUploads()

	const key = randomBytes(16).toString('hex')
	const target = uploadPath(key, 'csv')
	const file = await fs.open(`${target}.part`, 'w')
	const hash = createHash('sha256')
	const check = new CsvCheck(today)
	let size = 0
	let fileName = ''
	let rawName = ''
	let fileSeen = false
	let wrongType = false
	let kept = false
	try {
		try {
			await readMultipart(request.body, boundary, (part) => {
				if (part.filename === null || part.name !== 'file' || fileSeen) return null // other fields are not used (limit: maxSkippedBytes)
				fileSeen = true
				rawName = part.filename
				fileName = safeName(part.filename)
				return {
					async write(chunk) {
						if (size === 0 && !looksLikeText(chunk)) wrongType = true
						size += chunk.length
						if (size > maxBytes) throw new FileTooLarge()
						if (wrongType) return
						hash.update(chunk)
						check.write(chunk)
						await file.write(chunk)
					},
				}
			})
		} catch (error) {
			if (error instanceof FileTooLarge) return { ok: false, error: importUploadMessages.tooLarge }
			throw error
		}
		if (!fileSeen || (size === 0 && !rawName)) return { ok: false, error: importUploadMessages.noFile }
		if (size === 0) return { ok: false, error: importUploadMessages.empty }
		if (wrongType) return { ok: false, error: importUploadMessages.wrongType }
		const checked = await check.end()
		const { preview } = await previewOf(db, user.laId, checked, today)
		await file.close()
		await fs.rename(`${target}.part`, target)
		const upload: StoredUpload = { key, userId: user.id, laId: user.laId, fileName, sizeBytes: size, sha256: hash.digest('hex'), uploadedAt: new Date().toISOString(), preview }
		await fs.writeFile(uploadPath(key, 'json'), JSON.stringify(upload))
		kept = true
		return { ok: true, upload }
	} finally {
		if (!kept) {
			await file.close().catch(() => {})
			await fs.rm(`${target}.part`, { force: true })
			await deleteStoredUpload(key)
		}
	}
}

/** A CSV is text: not a spreadsheet, PDF or other binary saved under a .csv name. */
function looksLikeText(head: Uint8Array) {
	const bytes = Buffer.from(head.buffer, head.byteOffset, Math.min(head.byteLength, 8192))
	if (bytes.subarray(0, 4).equals(Buffer.from([0x50, 0x4b, 0x03, 0x04]))) return false // XLSX (a ZIP)
	if (bytes.subarray(0, 4).equals(Buffer.from([0xd0, 0xcf, 0x11, 0xe0]))) return false // XLS
	return !bytes.includes(0)
}

function safeName(name: string) {
	return (name.split(/[/\\]/).pop() ?? '').replace(/[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g, '').slice(0, 200) || 'import.csv'
}

class FileTooLarge extends Error {}

// ---------------------------------------------------------------------------------------------------------------
// Importing (the Job's work)

export interface ImportResult extends ImportCounts {
	[key: string]: unknown
	kind: 'IMPORT'
	rows: number
	fileName: string
}

export class ImportRefused extends Error {}

/**
 * Reads the stored file again, checks it, compares and writes every row in one transaction. Throws (writing
 * nothing) if a row has a problem now, for example a school another council has added since the preview.
 */
export async function runImport(
	db: PrismaClient,
	options: { key: string; laId: string; fileName: string; today?: IsoDate; onProgress?: (done: number, total: number, message: string) => void; afterWrite?: (tx: Tx, counts: ImportCounts) => Promise<void> },
): Promise<ImportResult> {
	const today = options.today ?? todayInLondon(new Date())
	const checked = await checkStoredFile(options.key, today)
	const refuse = (n: number) => new ImportRefused(`${n === 1 ? '1 row has a problem' : `${n} rows have problems`}. Nothing was imported: upload the file again to see them`)
	if (checked.fileProblems.length || !checked.checker) throw refuse(1)
	if (checked.checker.rowsWithProblems) throw refuse(checked.checker.rowsWithProblems)
	const checker = checked.checker
	const total = checker.rows.length
	const progress = options.onProgress ?? (() => {})
	progress(0, total, `Comparing ${total.toLocaleString('en-GB')} rows with the portal`)
	const counts = await db.$transaction(
		async (tx) => {
			const plan = await planImport(tx, options.laId, checker, today, (done) => {
				if (done % 250 === 0) progress(done, total, `Compared ${done.toLocaleString('en-GB')} of ${total.toLocaleString('en-GB')} rows`)
			})
			if (plan.problems.length) throw refuse(new Set(plan.problems.map((p) => p.row)).size)
			await writePlan(tx, plan, (done, all) => progress(Math.round((done / Math.max(all, 1)) * total), total, 'Writing the rows'))
			await options.afterWrite?.(tx, plan.counts)
			return plan.counts
		},
		{ timeout: 30 * 60_000, maxWait: 60_000 },
	)
	progress(total, total, `Imported ${total.toLocaleString('en-GB')} rows`)
	return { kind: 'IMPORT', rows: total, fileName: options.fileName, ...counts }
}

