// Prisma migrations without Prisma's native schema engine (docs/decisions/004-migrations-without-native-engine.md).
//
// The Prisma 7 CLI downloads a native schema engine before every command, and these machines cannot reach its
// host. This module drives the WebAssembly build of the same engine (@prisma/schema-engine-wasm, pinned exactly)
// through Prisma's driver adapters:
// - createMigration(): diffs the schema snapshot taken at the last migration (prisma/migrations/schema.snapshot.prisma)
//   against prisma/schema.prisma, for SQLite and PostgreSQL, with no database, and writes
//   prisma/migrations/{sqlite,postgresql}/<timestamp>_<name>/migration.sql (the same directory name for both).
// - deployMigrations(): applies pending migrations to a database, writing `_prisma_migrations` exactly as
//   `prisma migrate deploy` does (same checksums, same failed-migration handling).
// - checkMigrations(): reports whether the schema changed without a migration (for CI).
//
// The WebAssembly module is instantiated once per process and cached: instantiating it a second time against the
// same wasm-bindgen glue corrupts the glue's state. Each operation creates its own SchemaEngine object on top of it.

import fs from 'node:fs'
import { createRequire } from 'node:module'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { PrismaLibSql } from '@prisma/adapter-libsql'
import { PrismaPg } from '@prisma/adapter-pg'
import {
	bindMigrationAwareSqlAdapterFactory,
	ColumnTypeEnum,
	type SqlDriverAdapter,
	type SqlMigrationAwareDriverAdapterFactory,
	type SqlQuery,
} from '@prisma/driver-adapter-utils'
import * as glue from '@prisma/schema-engine-wasm/schema_engine_bg'
import type { MigrationList, SchemaEngine, SchemaFilter } from '@prisma/schema-engine-wasm/schema_engine_bg'
import pg from 'pg'

export type Provider = 'sqlite' | 'postgresql'
export const PROVIDERS: readonly Provider[] = ['sqlite', 'postgresql']

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
export const SCHEMA_PATH = path.join(ROOT, 'prisma', 'schema.prisma')
export const MIGRATIONS_ROOT = path.join(ROOT, 'prisma', 'migrations')
/** A copy of prisma/schema.prisma as it was when the last migration was created: the `from` side of the next diff. */
export const SNAPSHOT_PATH = path.join(MIGRATIONS_ROOT, 'schema.snapshot.prisma')
export const DEFAULT_DATABASE_URL = 'file:./data/portal.db'

export const migrationsDir = (provider: Provider) => path.join(MIGRATIONS_ROOT, provider)

const LOCKFILE = 'migration_lock.toml'
const MIGRATION_FILE = 'migration.sql'
const FILTERS: SchemaFilter = { externalTables: [], externalEnums: [] }
const EMPTY_MIGRATION = '-- This is an empty migration.'

export class MigrationError extends Error {
	override name = 'MigrationError'
}

// ---------------------------------------------------------------------------------------------------------------
// Schema text per provider

/**
 * The schema for a provider: prisma/schema.prisma is written for SQLite; PostgreSQL swaps the datasource's
 * provider line. `output` optionally replaces the client generator's output path.
 */
export function schemaForProvider(schema: string, provider: Provider, options: { output?: string } = {}): string {
	let result = replaceInBlock(schema, /^datasource\s+\w+\s*\{/m, /^(\s*provider\s*=\s*)"[^"]*"/m, `$1"${provider}"`, 'datasource provider')
	if (options.output !== undefined) {
		result = replaceInBlock(result, /^generator\s+client\s*\{/m, /^(\s*output\s*=\s*)"[^"]*"/m, `$1"${options.output}"`, 'generator output')
	}
	return result
}

function replaceInBlock(text: string, blockStart: RegExp, line: RegExp, replacement: string, what: string): string {
	const start = text.search(blockStart)
	if (start < 0) throw new MigrationError(`prisma/schema.prisma: cannot find the block holding the ${what}`)
	const end = text.indexOf('\n}', start)
	if (end < 0) throw new MigrationError(`prisma/schema.prisma: the block holding the ${what} is not closed`)
	const block = text.slice(start, end)
	if (!line.test(block)) throw new MigrationError(`prisma/schema.prisma: cannot find the ${what}`)
	return text.slice(0, start) + block.replace(line, replacement) + text.slice(end)
}

export function readSchema(): string {
	return fs.readFileSync(SCHEMA_PATH, 'utf8')
}

// ---------------------------------------------------------------------------------------------------------------
// The WebAssembly schema engine (instantiated once per process)

type Glue = typeof glue
interface LoadedEngine {
	glue: Glue
	/** Timers the engine started and that have not fired yet (it never cancels them). */
	timers: Set<ReturnType<typeof setTimeout>>
	/** Engine operations in progress in this process. */
	active: number
}
const ENGINE_CACHE = Symbol.for('ehc.schemaEngineWasm')
type EngineCache = WeakMap<object, Promise<LoadedEngine>>

/**
 * Instantiates @prisma/schema-engine-wasm once per process. The cache lives on globalThis, keyed by the glue module,
 * so that a second copy of this module (vitest re-evaluates project files per test file while node_modules stay
 * cached) reuses the instance instead of re-initialising the shared glue.
 */
function loadEngine(): Promise<LoadedEngine> {
	const g = globalThis as typeof globalThis & { [ENGINE_CACHE]?: EngineCache }
	const cache = (g[ENGINE_CACHE] ??= new WeakMap())
	let loading = cache.get(glue)
	if (!loading) {
		loading = (async () => {
			// Makes an engine panic surface as a message rather than an opaque `unreachable` trap.
			const panicRegistry = {
				message: '',
				set_message(message: string) {
					panicRegistry.message = message
				},
			}
			;(globalThis as Record<string, unknown>).PRISMA_WASM_PANIC_REGISTRY ??= panicRegistry
			const require = createRequire(import.meta.url)
			const gluePath = require.resolve('@prisma/schema-engine-wasm/schema_engine_bg')
			const bytes = await fs.promises.readFile(path.join(path.dirname(gluePath), 'schema_engine_bg.wasm'))
			const loaded: LoadedEngine = { glue, timers: new Set(), active: 0 }
			// The engine races some waits (the PostgreSQL advisory lock, for one) against a 10-second setTimeout that it
			// never cancels, which would keep the process alive for 10 s after the work is done. Track those timers so that
			// withEngine() can clear them once no engine operation is running.
			const imports: Record<string, unknown> = { ...glue }
			for (const name of Object.keys(glue)) {
				if (!name.startsWith('__wbg_setTimeout_')) continue
				imports[name] = (callback: () => void, ms: number) => {
					const timer = setTimeout(() => {
						loaded.timers.delete(timer)
						callback()
					}, ms >>> 0)
					loaded.timers.add(timer)
					return timer
				}
			}
			const module = new WebAssembly.Module(bytes)
			const instance = new WebAssembly.Instance(module, { './schema_engine_bg.js': imports as WebAssembly.ModuleImports })
			glue.__wbg_set_wasm(instance.exports)
			;(instance.exports.__wbindgen_start as () => void)()
			return loaded
		})()
		cache.set(glue, loading)
	}
	return loading
}

/** The wasm-bindgen glue of the (once per process) instantiated schema engine. */
export async function loadSchemaEngine(): Promise<Glue> {
	return (await loadEngine()).glue
}

export async function schemaEngineVersion(): Promise<string> {
	return (await loadSchemaEngine()).version()
}

function engineLog(line: string) {
	if (process.env.SCHEMA_ENGINE_LOG) {
		console.error(`[schema-engine] ${line}`)
		return
	}
	try {
		const entry = JSON.parse(line) as { level?: string; fields?: { message?: string } }
		if (entry.level === 'WARN' || entry.level === 'ERROR') console.error(`[schema-engine] ${entry.level}: ${entry.fields?.message ?? line}`)
	} catch {
		console.error(`[schema-engine] ${line}`)
	}
}

/** Turns whatever the engine threw (an Error, a string, a JSON-encoded user-facing error, a panic) into a message. */
function engineErrorMessage(error: unknown): string {
	const panic = (globalThis as { PRISMA_WASM_PANIC_REGISTRY?: { message: string } }).PRISMA_WASM_PANIC_REGISTRY
	if (panic?.message) {
		const message = panic.message
		panic.message = ''
		return `schema engine panicked: ${message}`
	}
	const raw = error instanceof Error ? error.message : typeof error === 'string' ? error : JSON.stringify(error)
	try {
		const parsed = JSON.parse(raw) as { message?: string; error_code?: string }
		if (parsed && typeof parsed.message === 'string') return parsed.error_code ? `${parsed.error_code}: ${parsed.message}` : parsed.message
	} catch {
		// not JSON
	}
	return raw
}

/**
 * Runs `fn` with a SchemaEngine bound to `factory`, then frees the engine and disposes every connection the engine
 * opened (so that a pg pool does not keep the process alive).
 */
async function withEngine<T>(
	provider: Provider,
	schema: string,
	factory: SqlMigrationAwareDriverAdapterFactory,
	fn: (engine: SchemaEngine) => Promise<T>,
): Promise<T> {
	const loaded = await loadEngine()
	const wasm = loaded.glue
	loaded.active++
	const opened: SqlDriverAdapter[] = []
	const track = async (connecting: Promise<SqlDriverAdapter>) => {
		const adapter = await connecting
		opened.push(adapter)
		return adapter
	}
	const tracked: SqlMigrationAwareDriverAdapterFactory = {
		provider: factory.provider,
		adapterName: factory.adapterName,
		connect: () => track(factory.connect()),
		connectToShadowDb: () => track(factory.connectToShadowDb()),
	}
	let engine: SchemaEngine | undefined
	try {
		engine = await wasm.SchemaEngine.new(
			{ datamodels: [['schema.prisma', schemaForProvider(schema, provider)]] },
			engineLog,
			bindMigrationAwareSqlAdapterFactory(tracked),
		)
		return await fn(engine)
	} catch (error) {
		if (error instanceof MigrationError) throw error
		throw new MigrationError(engineErrorMessage(error), { cause: error })
	} finally {
		engine?.free()
		for (const adapter of opened) await adapter.dispose().catch(() => {})
		if (--loaded.active === 0) {
			for (const timer of loaded.timers) clearTimeout(timer)
			loaded.timers.clear()
		}
	}
}

// ---------------------------------------------------------------------------------------------------------------
// Driver-adapter factories

/**
 * PostgreSQL diffs need no server: at start-up the engine sends one version probe (a query on
 * `server_version_num`), which this factory answers; any other query fails loudly.
 */
function offlinePostgresFactory(): SqlMigrationAwareDriverAdapterFactory {
	const refuse = (what: string) => Promise.reject(new Error(`offline PostgreSQL adapter: no database behind it (${what})`))
	const adapter = (): SqlDriverAdapter => ({
		provider: 'postgres',
		adapterName: 'ehc-offline-postgres',
		queryRaw: (query: SqlQuery) =>
			query.sql.includes('server_version_num')
				? Promise.resolve({
						columnNames: ['exists', 'version', 'numeric_version'],
						columnTypes: [ColumnTypeEnum.Boolean, ColumnTypeEnum.Text, ColumnTypeEnum.Int32],
						rows: [[true, 'PostgreSQL 15.0 (offline)', 150000]],
					})
				: refuse(query.sql),
		executeRaw: (query: SqlQuery) => refuse(query.sql),
		executeScript: () => refuse('executeScript'),
		startTransaction: () => refuse('startTransaction'),
		dispose: () => Promise.resolve(),
	})
	return {
		provider: 'postgres',
		adapterName: 'ehc-offline-postgres',
		connect: () => Promise.resolve(adapter()),
		connectToShadowDb: () => Promise.resolve(adapter()),
	}
}

function offlineFactory(provider: Provider): SqlMigrationAwareDriverAdapterFactory {
	return provider === 'sqlite' ? new PrismaLibSql({ url: ':memory:' }) : offlinePostgresFactory()
}

export function providerForUrl(databaseUrl: string): Provider {
	if (/^postgres(ql)?:\/\//i.test(databaseUrl)) return 'postgresql'
	if (/^file:/i.test(databaseUrl) || databaseUrl === ':memory:') return 'sqlite'
	throw new MigrationError(`DATABASE_URL must be a libsql file URL (file:./data/portal.db) or a postgres:// / postgresql:// URL, not ${redact(databaseUrl)}`)
}

/** The file behind a libsql file URL (relative to the working directory, like libsql), or null for :memory:. */
export function sqliteFilePath(databaseUrl: string): string | null {
	if (databaseUrl === ':memory:' || databaseUrl === 'file::memory:') return null
	let rest = databaseUrl.replace(/^file:/i, '').replace(/[?#].*$/, '')
	if (rest.startsWith('//')) rest = decodeURIComponent(new URL(databaseUrl).pathname)
	if (rest === ':memory:' || rest === '') return null
	return path.resolve(rest)
}

/**
 * Prisma's `?schema=` URL parameter, which pg does not know: the engine writes unqualified SQL, so the schema is
 * applied as the connection's search_path (PrismaPg's own `schema` option does not reach the schema engine).
 */
export function postgresOptions(databaseUrl: string): { connectionString: string; adminConnectionString: string; schema: string } {
	const url = new URL(databaseUrl)
	const schema = url.searchParams.get('schema') ?? 'public'
	url.searchParams.delete('schema')
	const adminConnectionString = url.toString()
	if (schema !== 'public') {
		if (url.searchParams.has('options')) throw new MigrationError('DATABASE_URL: use either ?schema= or ?options=, not both')
		url.searchParams.set('options', `-c search_path=${quoteIdentifier(schema)}`)
	}
	return { connectionString: url.toString(), adminConnectionString, schema }
}

const quoteIdentifier = (name: string) => `"${name.replaceAll('"', '""')}"`

/** Runs statements on a plain pg connection (no search_path option), e.g. to create or drop the schema. */
async function postgresAdmin(databaseUrl: string, statements: string[]): Promise<void> {
	const client = new pg.Client({ connectionString: postgresOptions(databaseUrl).adminConnectionString })
	await client.connect()
	try {
		for (const statement of statements) await client.query(statement)
	} finally {
		await client.end()
	}
}

/**
 * PrismaPg's executeScript splits a script on every `;` (even inside string literals, comments or function bodies)
 * and runs the pieces one by one, so a failing migration leaves its earlier statements applied. This runs the whole
 * script as one simple query instead, as the native engine does: PostgreSQL parses it, and runs it atomically.
 */
function wholeScriptPostgresAdapter(adapter: SqlDriverAdapter): SqlDriverAdapter {
	const internals = adapter as unknown as { client?: { query?: (sql: string) => Promise<unknown> }; onError?: (error: unknown) => never }
	const query = internals.client?.query?.bind(internals.client)
	const onError = internals.onError?.bind(adapter)
	if (!query || !onError) throw new MigrationError('@prisma/adapter-pg changed: cannot run migration scripts whole (see scripts/migrations.ts)')
	return {
		provider: adapter.provider,
		adapterName: adapter.adapterName,
		queryRaw: (q) => adapter.queryRaw(q),
		executeRaw: (q) => adapter.executeRaw(q),
		startTransaction: (isolationLevel) => adapter.startTransaction(isolationLevel),
		getConnectionInfo: adapter.getConnectionInfo?.bind(adapter),
		dispose: () => adapter.dispose(),
		executeScript: async (script) => {
			try {
				await query(script)
			} catch (error) {
				onError(error)
			}
		},
	}
}

function databaseFactory(databaseUrl: string): SqlMigrationAwareDriverAdapterFactory {
	if (providerForUrl(databaseUrl) === 'sqlite') {
		const file = sqliteFilePath(databaseUrl)
		if (file) fs.mkdirSync(path.dirname(file), { recursive: true })
		return new PrismaLibSql({ url: databaseUrl })
	}
	const factory = new PrismaPg({ connectionString: postgresOptions(databaseUrl).connectionString })
	return {
		provider: factory.provider,
		adapterName: factory.adapterName,
		connect: async () => wholeScriptPostgresAdapter(await factory.connect()),
		connectToShadowDb: async () => wholeScriptPostgresAdapter(await factory.connectToShadowDb()),
	}
}

export function redact(databaseUrl: string): string {
	return databaseUrl.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@')
}

// ---------------------------------------------------------------------------------------------------------------
// Diffing schemas (no database)

/**
 * The SQL that takes a database from `from` (null: an empty database) to `to`, for `provider`; null when there is
 * nothing to do. Both schemas are SQLite schema text (as in prisma/schema.prisma); they are swapped per provider.
 */
export async function diffSchemas(provider: Provider, from: string | null, to: string): Promise<string | null> {
	const toSchema = schemaForProvider(to, provider)
	return withEngine(provider, to, offlineFactory(provider), async (engine) => {
		const result = await engine.diff({
			from: from === null ? { tag: 'empty' } : { tag: 'schemaDatamodel', files: [{ path: 'schema.prisma', content: schemaForProvider(from, provider) }] },
			to: { tag: 'schemaDatamodel', files: [{ path: 'schema.prisma', content: toSchema }] },
			script: true,
			exitCode: true, // 2 when the diff is not empty
			filters: FILTERS,
		})
		if (result.exitCode !== 2) return null
		return normaliseScript(result.stdout ?? '')
	})
}

/** Shapes the engine's diff script like the migration.sql `prisma migrate dev` writes. */
function normaliseScript(script: string): string {
	return (
		script
			// `prisma migrate dev` never writes this: the schema comes from the connection.
			.replace(/^\s*-- CreateSchema\s*\nCREATE SCHEMA IF NOT EXISTS "public";\s*\n/, '')
			.replace(/^\s+/, '')
			.replace(/\s*$/, '\n')
	)
}

// ---------------------------------------------------------------------------------------------------------------
// The migrations folder

export interface MigrationInfo {
	name: string
	dir: string
}

export function listMigrations(provider: Provider): MigrationInfo[] {
	const base = migrationsDir(provider)
	if (!fs.existsSync(base)) return []
	return fs
		.readdirSync(base, { withFileTypes: true })
		.filter((entry) => entry.isDirectory())
		.map((entry) => ({ name: entry.name, dir: path.join(base, entry.name) }))
		.sort((a, b) => a.name.localeCompare(b.name)) // the order `prisma migrate` uses
}

/** The migrations folder as `prisma migrate` reads it and hands it to the engine. */
export function readMigrationList(provider: Provider, baseDir = migrationsDir(provider)): MigrationList {
	const lockPath = path.join(baseDir, LOCKFILE)
	const directories = fs.existsSync(baseDir)
		? fs
				.readdirSync(baseDir, { withFileTypes: true })
				.filter((entry) => entry.isDirectory())
				.map((entry) => entry.name)
				.sort((a, b) => a.localeCompare(b))
		: []
	return {
		baseDir,
		lockfile: { path: LOCKFILE, content: fs.existsSync(lockPath) ? fs.readFileSync(lockPath, 'utf8') : null },
		shadowDbInitScript: '',
		migrationDirectories: directories.map((dir) => {
			const file = path.join(baseDir, dir, MIGRATION_FILE)
			let content: { tag: 'ok'; value: string } | { tag: 'error'; value: string }
			try {
				content = { tag: 'ok', value: fs.readFileSync(file, 'utf8') }
			} catch (error) {
				content = { tag: 'error', value: (error as Error).message }
			}
			return { path: dir, migrationFile: { path: MIGRATION_FILE, content } }
		}),
	}
}

/** As `prisma migrate dev` writes it. */
export function lockfileContent(provider: Provider): string {
	return `# Please do not edit this file manually\n# It should be added in your version-control system (e.g., Git)\nprovider = "${provider}"\n`
}

/** `prisma migrate dev --name` slugifies the name the same way (separator `_`, lower case, at most 200 characters). */
export function slugifyMigrationName(name: string): string {
	return name
		.replace(/([a-z\d])([A-Z])/g, '$1_$2')
		.toLowerCase()
		.replace(/[^a-z\d]+/g, '_')
		.replace(/^_+|_+$/g, '')
		.slice(0, 200)
}

function timestamp(now: Date): string {
	return now.toISOString().replace(/\D/g, '').slice(0, 14) // UTC YYYYMMDDHHMMSS, as Prisma names migrations
}

/** The schema at the last migration, or null before the first one. */
export function readSnapshot(): string | null {
	if (fs.existsSync(SNAPSHOT_PATH)) return fs.readFileSync(SNAPSHOT_PATH, 'utf8')
	const existing = PROVIDERS.flatMap((provider) => listMigrations(provider))
	if (existing.length > 0) {
		throw new MigrationError(
			`${path.relative(ROOT, SNAPSHOT_PATH)} is missing but migrations exist: restore it from version control ` +
				'(it must be the schema as of the last migration).',
		)
	}
	return null
}

// ---------------------------------------------------------------------------------------------------------------
// Commands

export interface PendingChanges {
	sqlite: string | null
	postgresql: string | null
}

/** The SQL a new migration would hold for each provider (null: no change for that provider). */
export async function pendingChanges(schema = readSchema()): Promise<PendingChanges> {
	const snapshot = readSnapshot()
	return {
		sqlite: await diffSchemas('sqlite', snapshot, schema),
		postgresql: await diffSchemas('postgresql', snapshot, schema),
	}
}

export interface CreatedMigration {
	name: string
	files: string[]
}

/**
 * Writes prisma/migrations/{sqlite,postgresql}/<timestamp>_<name>/migration.sql from the changes since the last
 * migration, the lock files, and the new snapshot. Returns null (and writes nothing) when the schema has not changed.
 */
export async function createMigration(name: string, now = new Date()): Promise<CreatedMigration | null> {
	const slug = slugifyMigrationName(name)
	if (!slug) throw new MigrationError('Give the migration a name made of letters or digits, e.g. `migrate:new add_school_phone`.')
	const schema = readSchema()
	const changes = await pendingChanges(schema)
	if (changes.sqlite === null && changes.postgresql === null) return null

	const dirName = `${timestamp(now)}_${slug}`
	for (const provider of PROVIDERS) {
		const last = listMigrations(provider).at(-1)
		if (last && last.name.localeCompare(dirName) >= 0) {
			throw new MigrationError(`${provider}: the new migration ${dirName} would not sort after the last one (${last.name}).`)
		}
	}
	const files: string[] = []
	for (const provider of PROVIDERS) {
		const dir = path.join(migrationsDir(provider), dirName)
		fs.mkdirSync(dir, { recursive: true })
		const file = path.join(dir, MIGRATION_FILE)
		// Both providers get the directory, so their histories keep the same names.
		fs.writeFileSync(file, changes[provider] ?? `${EMPTY_MIGRATION}\n`)
		const lock = path.join(migrationsDir(provider), LOCKFILE)
		fs.writeFileSync(lock, lockfileContent(provider))
		files.push(file, lock)
	}
	fs.writeFileSync(SNAPSHOT_PATH, schema)
	files.push(SNAPSHOT_PATH)
	return { name: dirName, files }
}

export interface CheckResult {
	ok: boolean
	problems: string[]
}

/**
 * Whether the committed migrations match prisma/schema.prisma:
 * - the schema has no change since the snapshot (for either provider);
 * - both providers hold the same migration names, each with a migration.sql, and lock files naming their provider;
 * - replaying the SQLite migrations into a scratch file yields the snapshot's schema, so neither can drift from the other.
 */
export async function checkMigrations(): Promise<CheckResult> {
	const problems: string[] = []
	const schema = readSchema()
	const changes = await pendingChanges(schema)
	for (const provider of PROVIDERS) {
		const sql = changes[provider]
		if (sql !== null) problems.push(`prisma/schema.prisma changed since the last migration (${provider}); the next migration would be:\n${indent(sql)}`)
	}

	const names = Object.fromEntries(PROVIDERS.map((p) => [p, listMigrations(p).map((m) => m.name)])) as Record<Provider, string[]>
	if (names.sqlite.join('\n') !== names.postgresql.join('\n')) {
		problems.push(
			`prisma/migrations/sqlite and prisma/migrations/postgresql hold different migrations:\n  sqlite: ${names.sqlite.join(', ') || '(none)'}\n  postgresql: ${names.postgresql.join(', ') || '(none)'}`,
		)
	}
	for (const provider of PROVIDERS) {
		const list = readMigrationList(provider)
		for (const dir of list.migrationDirectories) {
			if (dir.migrationFile.content.tag === 'error')
				problems.push(`${provider}/${dir.path}: cannot read migration.sql (${dir.migrationFile.content.value})`)
		}
		if (list.migrationDirectories.length > 0 && list.lockfile.content?.trim() !== lockfileContent(provider).trim()) {
			problems.push(`prisma/migrations/${provider}/${LOCKFILE} is missing or does not name provider "${provider}"`)
		}
	}

	if (names.sqlite.length > 0 && problems.length === 0) {
		const snapshot = readSnapshot()
		// Replays the SQLite migrations into a scratch file, then diffs that database against the snapshot. (The
		// engine's own `migrations` diff target replays into a shadow database through the adapter's raw query path,
		// which runs only the first statement of each script on SQLite; applyMigrations runs whole scripts.)
		const scratchDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ehc-migrations-check-'))
		const drift = await withEngine('sqlite', schema, new PrismaLibSql({ url: `file:${path.join(scratchDir, 'replay.db')}` }), async (engine) => {
			await engine.applyMigrations({ migrationsList: readMigrationList('sqlite'), filters: FILTERS })
			const result = await engine.diff({
				from: { tag: 'schemaDatasource', files: [{ path: 'schema.prisma', content: schemaForProvider(schema, 'sqlite') }], configDir: ROOT },
				to: { tag: 'schemaDatamodel', files: [{ path: 'schema.prisma', content: schemaForProvider(snapshot ?? '', 'sqlite') }] },
				script: true,
				exitCode: true,
				filters: FILTERS,
			})
			return result.exitCode === 2 ? normaliseScript(result.stdout ?? '') : null
		}).finally(() => fs.rmSync(scratchDir, { recursive: true, force: true }))
		if (drift !== null) {
			problems.push(`the SQLite migrations do not produce ${path.relative(ROOT, SNAPSHOT_PATH)}; replaying them would still need:\n${indent(drift)}`)
		}
	}
	return { ok: problems.length === 0, problems }
}

function indent(text: string): string {
	return text
		.trimEnd()
		.split('\n')
		.map((line) => `    ${line}`)
		.join('\n')
}

/**
 * Applies the pending migrations for the database's provider to `databaseUrl` (a libsql `file:` URL or a
 * `postgres://`/`postgresql://` URL) and records them in `_prisma_migrations` as `prisma migrate deploy` does.
 * Returns the names of the migrations applied now (empty when the database was up to date).
 */
export async function deployMigrations(databaseUrl: string, options: { migrationsDir?: string } = {}): Promise<string[]> {
	const provider = providerForUrl(databaseUrl)
	const list = readMigrationList(provider, options.migrationsDir ?? migrationsDir(provider))
	if (list.migrationDirectories.length === 0) {
		throw new MigrationError(`No migrations in ${path.relative(ROOT, list.baseDir) || list.baseDir}: create one with \`migrate:new NAME\`.`)
	}
	if (provider === 'postgresql') {
		// Migrations do not create their schema (as `prisma migrate dev` writes them); `public` always exists.
		const { schema } = postgresOptions(databaseUrl)
		if (schema !== 'public') await postgresAdmin(databaseUrl, [`CREATE SCHEMA IF NOT EXISTS ${quoteIdentifier(schema)}`])
	}
	const { appliedMigrationNames } = await withEngine(provider, readSchema(), databaseFactory(databaseUrl), (engine) =>
		engine.applyMigrations({ migrationsList: list, filters: FILTERS }),
	)
	return appliedMigrationNames
}

/** Empties the database (SQLite: deletes the file; PostgreSQL: drops and recreates the schema), then deploys. */
export async function resetDatabase(databaseUrl: string): Promise<string[]> {
	if (providerForUrl(databaseUrl) === 'sqlite') {
		const file = sqliteFilePath(databaseUrl)
		if (file) for (const suffix of ['', '-journal', '-wal', '-shm']) fs.rmSync(file + suffix, { force: true })
	} else {
		const schema = quoteIdentifier(postgresOptions(databaseUrl).schema)
		await postgresAdmin(databaseUrl, [`DROP SCHEMA IF EXISTS ${schema} CASCADE`, `CREATE SCHEMA ${schema}`])
	}
	return deployMigrations(databaseUrl)
}

/**
 * As `prisma migrate resolve`: after fixing a failed migration by hand, record it as rolled back (so that deploy
 * retries it) or as applied (so that deploy skips it).
 */
export async function resolveMigration(
	databaseUrl: string,
	migrationName: string,
	as: 'applied' | 'rolled-back',
	options: { migrationsDir?: string } = {},
): Promise<void> {
	const provider = providerForUrl(databaseUrl)
	await withEngine(provider, readSchema(), databaseFactory(databaseUrl), async (engine) => {
		if (as === 'rolled-back') await engine.markMigrationRolledBack({ migrationName })
		else await engine.markMigrationApplied({ migrationName, migrationsList: readMigrationList(provider, options.migrationsDir ?? migrationsDir(provider)) })
	})
}
