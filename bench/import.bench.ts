/**
 * How long an import of a whole council's caseload takes (Kent: about 21,000 plans), and how much memory,
 * through the same server functions the /admin/import route uses:
 *
 *   npx tsx bench/import.bench.ts            (SQLite, and PostgreSQL on 127.0.0.1:5432 when it answers)
 *   BENCH_ROWS=5000 npx tsx bench/import.bench.ts
 *
 * The CSV is generated once. Each database runs in its own child process (so its peak RSS is its own) on a fresh,
 * migrated database with one council, in four steps: upload and preview of all new rows (multipart streamed from
 * disk through receiveImportUpload), the import (runImport: check again, compare and write in one transaction),
 * the same file previewed and imported again (all unchanged), then a file with 10% of rows changed.
 * Results are printed and written to bench/results/import.md.
 */
import { fork } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { createReadStream, createWriteStream } from 'node:fs'
import fs from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { Readable } from 'node:stream'
import { fileURLToPath } from 'node:url'
import pg from 'pg'

const ROWS = Number(process.env.BENCH_ROWS ?? 21_000)
const SCHOOLS = 600
const PG_ADMIN = process.env.BENCH_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres'
const TMP = path.join(os.tmpdir(), `ehc-import-bench-${process.pid}`)

interface Step {
	name: string
	ms: number
	/** Of which: the transaction (comparing and writing), for imports. */
	transactionMs: number | null
	peakRssMb: number
	detail: string
}
interface ChildResult {
	database: string
	baseRssMb: number
	steps: Step[]
	maxRssMb: number
}

// ---------------------------------------------------------------------------------------------------------------
// The file

const FIRST = ['Amira', 'Oliver', 'Harper', 'Mohammed', 'Isla', 'Jack', 'Zofia', 'Kwame', 'Aisha', 'Noah', 'Ruby', 'Arjun']
const LAST = ['Khan', 'Smith', 'Patel', 'Nowak', 'Okafor', 'Jones', 'Gurung', 'Wright', 'Chen', 'Taylor', 'Begum', 'Evans']
const PHASES = ['Primary', 'Primary', 'Primary', 'Secondary', 'Special', 'Post-16']

function upn(estab: number, year: number, serial: number) {
	const digits = `886${String(estab).padStart(4, '0')}${String(year).padStart(2, '0')}${String(serial).padStart(3, '0')}`
	let sum = 0
	for (let i = 0; i < 12; i++) sum += Number(digits[i]) * (i + 2)
	return 'ABCDEFGHJKLMNPQRTUVWXYZ'[sum % 23] + digits
}

const cell = (value: string) => (/[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value)

async function writeCsv(file: string, changedEvery = 0) {
	const out = createWriteStream(file)
	const write = (line: string) => (out.write(line) ? Promise.resolve() : new Promise<void>((resolve) => out.once('drain', () => resolve())))
	await write(
		'school_urn,school_name,school_phase,upn,first_name,last_name,date_of_birth,year_group,parent_name,parent_email,plan_first_issued_on,plan_last_review_on,section_b,section_e,section_f,section_i\r\n',
	)
	for (let i = 0; i < ROWS; i++) {
		const school = i % SCHOOLS
		const first = FIRST[i % FIRST.length]!
		const last = LAST[Math.floor(i / FIRST.length) % LAST.length]!
		const year = 2006 + (i % 14)
		const changed = changedEvery > 0 && i % changedEvery === 0
		const cells = [
			String(900000 + school),
			`School number ${school + 1}`,
			PHASES[school % PHASES.length]!,
			upn(2000 + school, (i % 14) + 10, Math.floor(i / SCHOOLS)),
			first,
			`${last}-${i}`,
			`${String((i % 28) + 1).padStart(2, '0')}/${String((i % 12) + 1).padStart(2, '0')}/${year}`,
			String(Math.min(14, Math.max(1, 2026 - year - 5))),
			`${first === 'Amira' ? 'Sara' : 'Alex'} ${last}-${i}`,
			changed ? `changed.${i}@example.org` : `parent.${i}@example.org`,
			`20${String(20 + (i % 5))}-0${(i % 9) + 1}-1${i % 10}`,
			i % 3 ? `2025-${String((i % 12) + 1).padStart(2, '0')}-0${(i % 9) + 1}` : '',
			`${first} has a diagnosis of autism, made by the community paediatrician. ${first} finds it hard to understand other people’s feelings and intentions, to take turns in conversation and to cope with changes to routine; instructions need to be broken into short steps.`,
			[
				`By the end of Year ${(i % 11) + 2}, ${first} will start and keep up a conversation with a classmate for three turns in 3 out of 4 observed sessions`,
				`${first} will use a visual timetable to move between lessons without adult prompting on 4 days out of 5`,
				`${first} will read a short book aloud to an adult, with no more than 5 errors`,
			].join('; '),
			[
				'Speech and language therapy: 30 minutes weekly, delivered by a specialist speech and language therapist, reviewed each term',
				'Small-group social communication sessions: 3 x 20 minutes a week with a trained teaching assistant, for the whole school year',
				'A visual timetable and now-and-next board, set up by the class teacher and checked daily',
			].join('; '),
			`Mainstream school: School number ${school + 1}`,
		]
		await write(cells.map(cell).join(',') + '\r\n')
	}
	await new Promise<void>((resolve, reject) => out.end((error?: Error | null) => (error ? reject(error) : resolve())))
}

// ---------------------------------------------------------------------------------------------------------------
// One database, in a child process

async function runChild(database: 'SQLite' | 'PostgreSQL', url: string, files: { all: string; changed: string }): Promise<ChildResult> {
	process.env.DATABASE_URL = url
	process.env.DOCUMENTS_DIR = path.join(TMP, `documents-${database}`)
	const { createPrisma } = await import('#app/db/factory.server.ts')
	const { receiveImportUpload, runImport } = await import('#app/services/import/index.server.ts')
	const db = await createPrisma(url)
	const la = await db.localAuthority.create({
		data: { name: 'Kent County Council', code: '886', contactEmail: 'sen@kent.example.gov.uk' },
		select: { id: true },
	})
	const manager = await db.user.create({
		data: { email: 'manager@kent.example.gov.uk', name: 'Bench Manager', laId: la.id, roles: { create: [{ role: 'MANAGER' }] } },
		select: { id: true },
	})
	const user = { id: manager.id, laId: la.id }
	const baseRssMb = process.memoryUsage().rss / 1e6
	const steps: Step[] = []

	const measure = async <T>(name: string, work: (markTransaction: () => void) => Promise<T>, describe: (result: T) => string) => {
		global.gc?.()
		let peak = process.memoryUsage().rss
		const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 10)
		const start = performance.now()
		let transactionStart: number | null = null
		const result = await work(() => (transactionStart ??= performance.now()))
		const end = performance.now()
		clearInterval(timer)
		peak = Math.max(peak, process.memoryUsage().rss)
		const step = {
			name,
			ms: end - start,
			transactionMs: transactionStart === null ? null : end - transactionStart,
			peakRssMb: peak / 1e6,
			detail: describe(result),
		}
		steps.push(step)
		console.log(
			`  ${database}: ${name}: ${(step.ms / 1000).toFixed(1)} s${step.transactionMs ? ` (transaction ${(step.transactionMs / 1000).toFixed(1)} s)` : ''}, peak RSS ${step.peakRssMb.toFixed(0)} MB; ${step.detail}`,
		)
		return result
	}

	const uploadRequest = (file: string) => {
		const boundary = `----bench${randomBytes(8).toString('hex')}`
		const body = Readable.toWeb(
			Readable.from(
				(async function* () {
					yield Buffer.from(
						`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${path.basename(file)}"\r\nContent-Type: text/csv\r\n\r\n`,
					)
					for await (const chunk of createReadStream(file, { highWaterMark: 64 * 1024 })) yield chunk as Buffer
					yield Buffer.from(`\r\n--${boundary}--\r\n`)
				})(),
			),
		) as ReadableStream<Uint8Array>
		return new Request('http://localhost/admin/import', {
			method: 'POST',
			body,
			duplex: 'half',
			headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
		} as RequestInit)
	}
	const preview = (name: string, file: string) =>
		measure(
			name,
			async () => {
				const received = await receiveImportUpload(db, uploadRequest(file), user)
				if (!received.ok) throw new Error(received.error)
				if (received.upload.preview.problemCount)
					throw new Error(`${received.upload.preview.problemCount} problems, e.g. ${JSON.stringify(received.upload.preview.problems[0])}`)
				return received.upload
			},
			(u) =>
				`${u.preview.rows} rows: ${u.preview.counts.created} new, ${u.preview.counts.updated} updated, ${u.preview.counts.unchanged} unchanged, ${u.preview.counts.schoolsCreated} new schools`,
		)
	const importIt = (name: string, upload: { key: string; fileName: string }) =>
		measure(
			name,
			(markTransaction) => runImport(db, { key: upload.key, laId: la.id, fileName: upload.fileName, onProgress: () => markTransaction() }),
			(r) => `${r.created} new, ${r.updated} updated, ${r.unchanged} unchanged`,
		)

	await importIt('Import: all new', await preview('Upload and preview: all new', files.all))
	await importIt('Import again: all unchanged', await preview('Upload and preview again: all unchanged', files.all))
	await importIt('Import: 10% changed', await preview('Upload and preview: 10% changed', files.changed))

	const counts = {
		children: await db.child.count(),
		plans: await db.ehcPlan.count(),
		versions: await db.planVersion.count(),
		schools: await db.school.count(),
	}
	if (counts.children !== ROWS || counts.plans !== ROWS || counts.schools !== SCHOOLS) throw new Error(`unexpected counts ${JSON.stringify(counts)}`)
	await db.$disconnect()
	return { database, baseRssMb, steps, maxRssMb: (process.resourceUsage().maxRSS * 1024) / 1e6 }
}

function inChild(database: string, url: string, files: { all: string; changed: string }): Promise<ChildResult> {
	return new Promise((resolve, reject) => {
		const child = fork(fileURLToPath(import.meta.url), ['--child', database, url, files.all, files.changed], {
			stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
			execArgv: [...process.execArgv, '--expose-gc'],
		})
		child.once('message', (message) => resolve(message as ChildResult))
		child.once('exit', (code) => (code === 0 ? undefined : reject(new Error(`${database}: exit ${code}`))))
	})
}

async function postgresReachable() {
	const client = new pg.Client({ connectionString: PG_ADMIN, connectionTimeoutMillis: 2000 })
	try {
		await client.connect()
		await client.end()
		return true
	} catch {
		return false
	}
}

async function pgAdmin(sql: string) {
	const client = new pg.Client({ connectionString: PG_ADMIN })
	await client.connect()
	try {
		await client.query(sql)
	} finally {
		await client.end()
	}
}

const childArg = process.argv.indexOf('--child')
if (childArg !== -1) {
	const [database, url, all, changed] = process.argv.slice(childArg + 1)
	const result = await runChild(database as 'SQLite' | 'PostgreSQL', url!, { all: all!, changed: changed! })
	process.send?.(result)
	process.disconnect?.()
} else {
	await fs.mkdir(TMP, { recursive: true })
	const files = { all: path.join(TMP, 'children.csv'), changed: path.join(TMP, 'children-changed.csv') }
	const start = performance.now()
	await writeCsv(files.all)
	await writeCsv(files.changed, 10)
	const sizeMb = (await fs.stat(files.all)).size / 1e6
	console.log(`Generated ${ROWS.toLocaleString('en-GB')} rows (${sizeMb.toFixed(1)} MB) x 2 files in ${((performance.now() - start) / 1000).toFixed(1)} s`)
	const results: ChildResult[] = []
	try {
		// Migrated here, so the schema engine (WebAssembly) is not in the measured process.
		const { deployMigrations } = await import('../scripts/migrations.ts')
		const sqliteUrl = `file:${path.join(TMP, 'portal.db')}`
		await deployMigrations(sqliteUrl)
		results.push(await inChild('SQLite', sqliteUrl, files))
		if (await postgresReachable()) {
			const name = `bench_import_${process.pid}`
			await pgAdmin(`CREATE DATABASE "${name}"`)
			try {
				const url = new URL(PG_ADMIN)
				url.pathname = `/${name}`
				await deployMigrations(url.toString())
				results.push(await inChild('PostgreSQL', url.toString(), files))
			} finally {
				await pgAdmin(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)
			}
		} else console.log(`PostgreSQL is not reachable at ${PG_ADMIN}: skipped`)
	} finally {
		await fs.rm(TMP, { recursive: true, force: true })
	}
	const cpus = os.cpus()
	const lines = [
		'# Import benchmark',
		'',
		`Machine: ${cpus[0]?.model ?? 'unknown CPU'}, ${cpus.length} cores (shared with other work), ${Math.round(os.totalmem() / 1e9)} GB RAM; Node ${process.version}; ${os.platform()} ${os.release()}.`,
		`Date: ${new Date().toISOString().slice(0, 10)}. Command: \`npx tsx bench/import.bench.ts\`.`,
		'',
		`A generated CSV of ${ROWS.toLocaleString('en-GB')} children (Kent's scale) in ${SCHOOLS} schools, ${sizeMb.toFixed(1)} MB, with sections B, E (3 outcomes), F (3 provisions) and I;`,
		'each database fresh and migrated, in its own process. Steps, in order, through the functions the /admin/import route calls:',
		'`receiveImportUpload` (multipart streamed from disk, parsed and checked as it arrives, compared with the database read-only) and',
		'`runImport` (the stored file read and checked again, then compared and written in one transaction).',
		'',
		'| Database | Step | Time (s) | Of which the transaction (s) | Peak RSS (MB, sampled) | Result |',
		'|---|---|---:|---:|---:|---|',
		...results.flatMap((r) =>
			r.steps.map(
				(s) =>
					`| ${r.database} | ${s.name} | ${(s.ms / 1000).toFixed(1)} | ${s.transactionMs === null ? '' : (s.transactionMs / 1000).toFixed(1)} | ${s.peakRssMb.toFixed(0)} | ${s.detail} |`,
			),
		),
		'',
		...results.map(
			(r) =>
				`${r.database}: RSS ${r.baseRssMb.toFixed(0)} MB before the first step (tsx and the Prisma client loaded); process peak (maxRSS) ${r.maxRssMb.toFixed(0)} MB.`,
		),
		'',
		'RSS is sampled every 10 ms during each step. On SQLite the Prisma adapter serialises the process’s queries while a',
		'transaction is open, so for the length of the transaction column other requests to the same process wait; progress written',
		'during it becomes visible when it commits (docs/decisions/010-import-from-case-management.md).',
		'',
	]
	const dir = fileURLToPath(new URL('./results/', import.meta.url))
	await fs.mkdir(dir, { recursive: true })
	await fs.writeFile(`${dir}import.md`, lines.join('\n'))
	console.log('\nWritten to bench/results/import.md')
}
