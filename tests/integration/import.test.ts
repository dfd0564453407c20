// Importing from the council's case management system: a preview that writes nothing, then one transaction
// that writes every row or none, matched by URN and UPN so that a second import updates rather than duplicates.
import fs from 'node:fs'
import path from 'node:path'
import { stringify } from 'csv-stringify/sync'
import { expect, test } from 'vitest'
import { prisma } from '#app/db/db.server.ts'
import { upnCheckLetter } from '#app/domain/import-row.ts'
import { nextReviewDueOn } from '#app/domain/statutory-clock.ts'
import { env } from '#app/env.server.ts'
import * as adminImportTemplate from '#app/routes/admin-import-template.ts'
import * as adminImport from '#app/routes/admin-import.tsx'
import * as job from '#app/routes/job.tsx'
import { failInsertsWhen } from '#tests/db-faults.ts'
import { BASE, cookieFor, expectRedirect, request, run, statusOf } from '#tests/helpers.ts'

const MANAGER = 'manager@kent.example.gov.uk'
const ADMIN = 'admin@kent.example.gov.uk'
const OAKFIELD_SENCO = 'senco@oakfield-primary.example.org'
const MEDWAY_SENCO = 'senco@medway-school.example.org'
const HEADINGS = [
	'school_urn',
	'school_name',
	'school_phase',
	'upn',
	'first_name',
	'last_name',
	'date_of_birth',
	'year_group',
	'parent_name',
	'parent_email',
	'plan_first_issued_on',
	'plan_last_review_on',
	'section_b',
	'section_e',
	'section_f',
]

/** A valid UPN for this test's made-up school (LA 886, establishment 9999). */
function upn(serial: number) {
	const digits = `8869999${String(20 + (serial % 10))}${String(serial).padStart(3, '0')}`
	return upnCheckLetter(`X${digits}`) + digits
}

async function urnOf(email: string) {
	const user = await prisma.user.findUniqueOrThrow({ where: { email }, select: { school: { select: { urn: true } } } })
	return user.school!.urn
}

type Row = Record<(typeof HEADINGS)[number], string>

async function rows(count: number, start = 1): Promise<Row[]> {
	const oakfield = await urnOf(OAKFIELD_SENCO)
	return Array.from({ length: count }, (_, i) => {
		const n = start + i
		const atNewSchool = i % 3 === 2
		return {
			school_urn: atNewSchool ? '700001' : oakfield,
			school_name: atNewSchool ? 'Meadow View Primary School' : '',
			school_phase: atNewSchool ? 'Primary' : '',
			upn: upn(n),
			first_name: `Child${n}`,
			last_name: 'Importtest',
			date_of_birth: `0${(n % 9) + 1}/03/2016`,
			year_group: '5',
			parent_name: `Parent ${n}`,
			parent_email: `parent${n}@example.org`,
			plan_first_issued_on: '2022-09-14',
			plan_last_review_on: n % 2 ? '2025-10-02' : '',
			section_b: 'Autism; finds changes of routine hard.',
			section_e: 'Read a short book aloud by July 2027; Ask an adult for help when stuck',
			section_f: 'Speech and language therapy, 30 minutes weekly; Daily reading with a teaching assistant',
		}
	})
}

const csv = (records: Row[]) => stringify(records, { header: true, columns: [...HEADINGS] })

function upload(text: string, cookie: string, fileName = 'children.csv') {
	const form = new FormData()
	form.set('file', new File([text], fileName, { type: 'text/csv' }))
	return new Request(new URL('/admin/import', BASE), { method: 'POST', body: form, headers: { cookie } })
}

async function preview(text: string, cookie: string) {
	const result = await run(adminImport.action, upload(text, cookie))
	const location = expectRedirect(result, /^\/admin\/import\?upload=[a-f0-9]{32}$/).headers.get('location')!
	const key = new URL(location, BASE).searchParams.get('upload')!
	const page = (await run(adminImport.loader, request(location, { cookie }))) as Awaited<ReturnType<typeof adminImport.loader>>
	return { key, upload: page.upload! }
}

async function importUpload(key: string, cookie: string) {
	const result = await run(adminImport.action, request('/admin/import', { cookie, form: { upload: key, intent: 'import' } }))
	const jobId = expectRedirect(result, /^\/jobs\/.+/)
		.headers.get('location')!
		.split('/')
		.pop()!
	for (let i = 0; i < 300; i++) {
		const found = await prisma.job.findUniqueOrThrow({ where: { id: jobId } })
		if (found.status !== 'RUNNING') return found
		await new Promise((resolve) => setTimeout(resolve, 50))
	}
	throw new Error('the import did not finish')
}

async function snapshot() {
	const [children, schools, plans, versions, outcomes, provisions] = await Promise.all([
		prisma.child.count(),
		prisma.school.count(),
		prisma.ehcPlan.count(),
		prisma.planVersion.count(),
		prisma.planOutcome.count(),
		prisma.planProvision.count(),
	])
	return { children, schools, plans, versions, outcomes, provisions }
}

test('the template downloads as CSV with every column', async () => {
	const response = (await run(adminImportTemplate.loader, request('/admin/import/template.csv', { cookie: await cookieFor(ADMIN) }))) as Response
	expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8')
	const bytes = Buffer.from(await response.arrayBuffer())
	expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]) // UTF-8 byte order mark, for Excel
	expect(bytes.subarray(3).toString('utf8').startsWith('school_urn,school_name,school_phase,upn,')).toBe(true)
})

test('a file with one bad row: the preview lists the problem by row and column, and nothing is written', async () => {
	const cookie = await cookieFor(MANAGER)
	const records = await rows(6)
	records[2]!.date_of_birth = '31/02/2016' // spreadsheet row 4
	const before = await snapshot()
	const { key, upload } = await preview(csv(records), cookie)
	expect(upload.rows).toBe(6)
	expect(upload.problemCount).toBe(1)
	expect(upload.problems).toEqual([{ row: 4, column: 'date_of_birth', message: 'Date of birth must be a real date, like 2016-03-27 or 27/03/2016' }])
	expect(await snapshot()).toEqual(before)
	// Asking to import it anyway goes back to the preview; no job starts.
	expectRedirect(await run(adminImport.action, request('/admin/import', { cookie, form: { upload: key, intent: 'import' } })), `/admin/import?upload=${key}`)
	expect(await prisma.job.count({ where: { kind: 'IMPORT' } })).toBe(0)
	expect(await snapshot()).toEqual(before)
})

test('the fixed file imports every row in a job; importing it again updates rather than duplicates', async () => {
	const cookie = await cookieFor(MANAGER)
	const records = await rows(6)
	const before = await snapshot()
	const first = await preview(csv(records), cookie)
	expect(first.upload.problemCount).toBe(0)
	expect(first.upload.counts).toEqual({ created: 6, updated: 0, unchanged: 0, schoolsCreated: 1, schoolsUpdated: 0 })
	expect(await snapshot()).toEqual(before) // the preview wrote nothing

	const done = await importUpload(first.key, cookie)
	expect(done.status).toBe('DONE')
	expect(JSON.parse(done.result)).toMatchObject({ kind: 'IMPORT', rows: 6, created: 6, updated: 0, unchanged: 0, schoolsCreated: 1 })
	expect(await snapshot()).toEqual({
		...before,
		children: before.children + 6,
		schools: before.schools + 1,
		plans: before.plans + 6,
		versions: before.versions + 6,
		outcomes: before.outcomes + 12,
		provisions: before.provisions + 12,
	})
	const child = await prisma.child.findUniqueOrThrow({
		where: { upn: upn(1) },
		select: {
			laId: true,
			school: { select: { urn: true } },
			dateOfBirth: true,
			searchText: true,
			caseworkerId: true,
			plan: {
				include: {
					versions: {
						select: { sectionB: true, outcomes: { orderBy: { position: 'asc' }, select: { text: true } }, provisions: { select: { what: true } } },
					},
				},
			},
		},
	})
	expect(child.laId).toBe((await prisma.user.findUniqueOrThrow({ where: { email: MANAGER } })).laId)
	expect(child.dateOfBirth).toBe('2016-03-02')
	expect(child.searchText).toBe(`child1 importtest ${upn(1).toLowerCase()}`)
	expect(child.caseworkerId).toBeNull() // lands in the 'Unassigned' view
	expect(child.plan).toMatchObject({
		firstIssuedOn: '2022-09-14',
		lastReviewOn: '2025-10-02',
		reviewDueOn: nextReviewDueOn('2022-09-14', '2025-10-02'),
		currentVersionNo: 1,
	})
	expect(child.plan!.versions[0]!.outcomes.map((o) => o.text)).toEqual(['Read a short book aloud by July 2027', 'Ask an adult for help when stuck'])
	expect((await prisma.school.findUniqueOrThrow({ where: { urn: '700001' } })).name).toBe('Meadow View Primary School')
	expect(await prisma.auditEvent.count({ where: { action: 'import.run', entityId: done.id } })).toBe(1)
	expect(fs.existsSync(path.resolve(env.DOCUMENTS_DIR, 'imports', `${first.key}.csv`))).toBe(false) // the upload is removed once imported
	const page = (await run(job.loader, request(`/jobs/${done.id}`, { cookie }), { jobId: done.id })) as any
	expect(page.importSummary).toContainEqual(['New children', '6'])

	// The same file again: nothing new, nothing changed.
	const again = await preview(csv(records), cookie)
	expect(again.upload.counts).toEqual({ created: 0, updated: 0, unchanged: 6, schoolsCreated: 0, schoolsUpdated: 0 })
	const second = await importUpload(again.key, cookie)
	expect(JSON.parse(second.result)).toMatchObject({ rows: 6, created: 0, updated: 0, unchanged: 6 })
	const afterFirst = await snapshot()
	expect(afterFirst.children).toBe(before.children + 6)

	// A changed row updates that child; changed provision adds a plan version; blank optional cells keep what is held.
	records[0]!.parent_email = 'new.address@example.org'
	records[0]!.section_f = 'Speech and language therapy, 45 minutes weekly'
	records[1]!.parent_name = ''
	const third = await preview(csv(records), cookie)
	expect(third.upload.counts).toEqual({ created: 0, updated: 1, unchanged: 5, schoolsCreated: 0, schoolsUpdated: 0 })
	const result = JSON.parse((await importUpload(third.key, cookie)).result)
	expect(result).toMatchObject({ created: 0, updated: 1, unchanged: 5 })
	const changed = await prisma.child.findUniqueOrThrow({
		where: { upn: upn(1) },
		select: {
			parentEmail: true,
			plan: {
				select: {
					currentVersionNo: true,
					versions: {
						orderBy: { versionNo: 'asc' },
						select: { versionNo: true, sectionB: true, provisions: { select: { what: true } }, outcomes: { select: { text: true } } },
					},
				},
			},
		},
	})
	expect(changed.parentEmail).toBe('new.address@example.org')
	expect(changed.plan!.currentVersionNo).toBe(2)
	expect(changed.plan!.versions.map((v) => v.provisions.map((p) => p.what))).toEqual([
		['Speech and language therapy, 30 minutes weekly', 'Daily reading with a teaching assistant'],
		['Speech and language therapy, 45 minutes weekly'],
	])
	expect(changed.plan!.versions[1]!.outcomes).toHaveLength(2) // carried over
	expect((await prisma.child.findUniqueOrThrow({ where: { upn: upn(2) } })).parentName).toBe('Parent 2')
	expect(await snapshot()).toMatchObject({ children: before.children + 6, versions: before.versions + 7 })
})

test('rows naming another council’s school or child are refused', async () => {
	const cookie = await cookieFor(MANAGER)
	const records = await rows(3, 50)
	records[0]!.school_urn = await urnOf(MEDWAY_SENCO)
	const medwayChild = await prisma.child.findFirstOrThrow({ where: { school: { urn: await urnOf(MEDWAY_SENCO) } }, select: { upn: true } })
	records[1]!.upn = medwayChild.upn
	records[2]!.school_urn = '700099' // new, but no name or phase
	records[2]!.school_name = ''
	records[2]!.school_phase = ''
	const before = await snapshot()
	const { upload } = await preview(csv(records), cookie)
	expect(upload.problems.map((p) => [p.row, p.column])).toEqual([
		[2, 'school_urn'],
		[3, 'upn'],
		[4, 'school_name'],
		[4, 'school_phase'],
	])
	expect(upload.problems[0]!.message).toMatch(/another council/)
	expect(await snapshot()).toEqual(before)
})

test('a failure part-way through the import (a database error no check could foresee) leaves nothing written', async () => {
	const cookie = await cookieFor(MANAGER)
	const records = await rows(9, 100)
	for (const r of records) if (r.school_urn === '700001') r.school_urn = '700002'
	records[7]!.plan_first_issued_on = '2022-09-15' // the database will refuse this plan, after the children are written
	const { key, upload } = await preview(csv(records), cookie)
	expect(upload.counts).toMatchObject({ created: 9, schoolsCreated: 1 })
	const before = await snapshot()
	const restore = await failInsertsWhen('EhcPlan', `NEW."firstIssuedOn" = '2022-09-15'`)
	let failed
	try {
		failed = await importUpload(key, cookie)
	} finally {
		await restore()
	}
	expect(failed.status).toBe('FAILED')
	expect(failed.message).toMatch(/^It did not finish/)
	expect(await snapshot()).toEqual(before)
	expect(await prisma.school.count({ where: { urn: '700002' } })).toBe(0)
	expect(await prisma.child.count({ where: { upn: { in: records.map((r) => r.upn) } } })).toBe(0)
	expect(await prisma.auditEvent.count({ where: { action: 'import.run', entityId: failed.id } })).toBe(0)
	// The upload is kept, so once the cause is fixed the same file imports.
	const retried = await importUpload(key, cookie)
	expect(retried.status).toBe('DONE')
	expect(await prisma.child.count({ where: { upn: { in: records.map((r) => r.upn) } } })).toBe(9)
})

test('the file field’s own mistakes: no file, an empty file, a spreadsheet saved as .csv', async () => {
	const cookie = await cookieFor(MANAGER)
	const errorOf = async (req: Request) => {
		const result = (await run(adminImport.action, req)) as any
		expect(result.init.status).toBe(400)
		return result.data.result.error.file[0]
	}
	const none = new FormData()
	none.set('file', new File([], '', { type: 'application/octet-stream' }))
	expect(await errorOf(new Request(new URL('/admin/import', BASE), { method: 'POST', body: none, headers: { cookie } }))).toBe('Select a CSV file')
	expect(await errorOf(upload('', cookie))).toBe('The selected file is empty')
	const xlsx = new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2, 3, 4])
	const form = new FormData()
	form.set('file', new File([xlsx], 'children.csv'))
	expect(await errorOf(new Request(new URL('/admin/import', BASE), { method: 'POST', body: form, headers: { cookie } }))).toMatch(/must be a CSV file/)
	const headingsOnly = await preview('school_urn,upn,first_name\r\n', cookie)
	expect(headingsOnly.upload.problems.map((p) => p.message)).toEqual([
		'The file must have a column headed last_name',
		'The file must have a column headed date_of_birth',
		'The file must have a column headed plan_first_issued_on',
	])
})

test('an upload is only ever seen and imported by the person who uploaded it', async () => {
	const { key } = await preview(csv(await rows(2, 200)), await cookieFor(MANAGER))
	const other = await cookieFor(ADMIN)
	expect(await statusOf(adminImport.loader, request(`/admin/import?upload=${key}`, { cookie: other }))).toBe(404)
	expect(await statusOf(adminImport.action, request('/admin/import', { cookie: other, form: { upload: key, intent: 'import' } }))).toBe(404)
	expect(await statusOf(adminImport.action, request('/admin/import', { cookie: other, form: { upload: '../../etc/passwd', intent: 'import' } }))).toBe(404)
	expect(await statusOf(adminImport.action, upload('x', await cookieFor(OAKFIELD_SENCO)))).toBe(403)
	expect(await prisma.child.count({ where: { upn: upn(200) } })).toBe(0)
})
