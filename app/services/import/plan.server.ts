// Comparing checked rows with the database: what the import will create, update or leave unchanged, worked out
// without writing (the preview shows the counts; the import writes the plan with write.server.ts).
import { randomUUID } from 'node:crypto'
import { breathe } from '#app/db/bulk-insert.server.ts'
import type { Tx } from '#app/db/db.server.ts'
import type { PrismaClient } from '#app/db/factory.server.ts'
import type { IsoDate } from '#app/domain/calendar-date.ts'
import type { ImportChecker, ImportRow, RowProblem } from '#app/domain/import-row.ts'
import { nextReviewDueOn } from '#app/domain/statutory-clock.ts'
import type { Prisma } from '#app/generated/sqlite/client.ts'
import { selectOf } from '#app/lib/prisma-select.ts'

const CHUNK = 500 // rows per read (`in` lists)

export interface ImportCounts {
	/** Children new to the portal, children whose details or plan changed, children exactly as the portal holds them. */
	created: number
	updated: number
	unchanged: number
	schoolsCreated: number
	schoolsUpdated: number
}

type NewVersion = {
	version: Prisma.PlanVersionCreateManyInput
	outcomes: Prisma.PlanOutcomeCreateManyInput[]
	provisions: Prisma.PlanProvisionCreateManyInput[]
}

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

export type Db = PrismaClient | Tx

export function chunks<T>(items: T[], size = CHUNK): T[][] {
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
		for (const s of await db.school.findMany({ where: { urn: { in: part } }, select: { id: true, laId: true, urn: true, name: true, phase: true } }))
			schools.set(s.urn, s)
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
		const current = await currentVersions(
			db,
			children.flatMap((c) => (c.plan && c.laId === laId ? [c.plan] : [])),
		)

		for (const row of part) {
			onRow?.(++done)
			const schoolId = schoolIds.get(row.schoolUrn)
			if (schoolId === null) {
				const existing = schools.get(row.schoolUrn)
				if (existing)
					plan.problems.push({
						row: row.row,
						column: 'school_urn',
						message: `School URN ${row.schoolUrn} is a school of another council: you can only import your council’s schools`,
					})
				else {
					const given = checker.school(row.schoolUrn)!
					if (!given.name)
						plan.problems.push({
							row: row.row,
							column: 'school_name',
							message: `Enter the school’s name: URN ${row.schoolUrn} is not in the portal yet`,
						})
					if (!given.phase)
						plan.problems.push({
							row: row.row,
							column: 'school_phase',
							message: `Enter the school’s phase: URN ${row.schoolUrn} is not in the portal yet`,
						})
				}
				continue
			}
			const child = byUpn.get(row.upn)
			if (child && child.laId !== laId) {
				plan.problems.push({
					row: row.row,
					column: 'upn',
					message: 'This UPN is a child of another council: you can only import your council’s children',
				})
				continue
			}
			if (!child) {
				addNewChild(plan, row, laId, schoolId!)
				continue
			}
			const changed = updateChild(plan, row, child, schoolId!, child.plan ? (current.get(child.plan.id) ?? null) : null, today)
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
			select: { id: true, planId: true, ...selectOf(SECTIONS) },
		}),
		db.planOutcome.findMany({
			where: { planVersionId: { in: ids } },
			orderBy: [{ planVersionId: 'asc' }, { position: 'asc' }],
			select: { planVersionId: true, area: true, text: true },
		}),
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
	addPlanFromRow(plan, row, childId)
	plan.counts.created++
}

/** A new plan for the child from the row: its dates, and its first version with the row's sections, outcomes and provision. */
function addPlanFromRow(plan: ImportPlan, row: ImportRow, childId: string) {
	const planId = randomUUID()
	plan.planCreates.push({
		id: planId,
		childId,
		firstIssuedOn: row.planFirstIssuedOn,
		lastReviewOn: row.planLastReviewOn,
		reviewDueOn: nextReviewDueOn(row.planFirstIssuedOn, row.planLastReviewOn),
		currentVersionNo: 1,
	})
	plan.versions.push(
		versionRows(
			randomUUID(),
			planId,
			1,
			row.planFirstIssuedOn,
			{ sectionB: row.sectionB ?? '', sectionI: row.sectionI ?? '' },
			(row.outcomes ?? []).map((text) => ({ area: '', text })),
			(row.provision ?? []).map((what) => ({ need: '', what, who: '', frequency: '', duration: '' })),
		),
	)
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

const SECTIONS = [
	'sectionA',
	'sectionB',
	'sectionC',
	'sectionD',
	'sectionG',
	'sectionH1',
	'sectionH2',
	'sectionI',
	'sectionJ',
	'sectionK',
	'preparationForAdulthood',
] as const

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
		addPlanFromRow(plan, row, child.id)
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
		const outcomesChanged =
			row.outcomes !== null &&
			!sameList(
				row.outcomes,
				current.outcomes.map((o) => o.text),
			)
		const provisionChanged =
			row.provision !== null &&
			!sameList(
				row.provision,
				current.provisions.map((p) => p.what),
			)
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
