// Database tasks without Prisma's native schema engine (docs/decisions/004-migrations-without-native-engine.md).
//
//   npx tsx scripts/db.ts generate            Prisma clients for SQLite (app/generated/sqlite) and PostgreSQL (app/generated/postgresql)
//   npx tsx scripts/db.ts migrate:new NAME    write prisma/migrations/{sqlite,postgresql}/<timestamp>_<name>/migration.sql
//   npx tsx scripts/db.ts migrate:deploy      apply pending migrations to DATABASE_URL (default file:./data/portal.db)
//   npx tsx scripts/db.ts migrate:check       exit 1 if prisma/schema.prisma changed without a migration (CI)
//   npx tsx scripts/db.ts migrate:resolve --applied NAME | --rolled-back NAME   after fixing a failed migration by hand
//   npx tsx scripts/db.ts reset               empty DATABASE_URL's database, then deploy (refused when NODE_ENV=production)

import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import { createRequire } from 'node:module'
import path from 'node:path'
import {
	DEFAULT_DATABASE_URL,
	MigrationError,
	ROOT,
	SCHEMA_PATH,
	checkMigrations,
	createMigration,
	deployMigrations,
	providerForUrl,
	readSchema,
	redact,
	resetDatabase,
	resolveMigration,
	schemaEngineVersion,
	schemaForProvider,
} from './migrations.ts'

const GENERATED_SCHEMA_DIR = path.join(ROOT, 'prisma', '.generated')
const NO_SCHEMA_ENGINE = path.join(ROOT, 'scripts', 'no-schema-engine.sh')
const LEGACY_CLIENT_DIR = path.join(ROOT, 'app', 'generated', 'prisma')

const rel = (file: string) => path.relative(ROOT, file) || '.'
const databaseUrl = () => process.env.DATABASE_URL || DEFAULT_DATABASE_URL

function prismaCli(args: string[]) {
	const cli = createRequire(import.meta.url).resolve('prisma/build/index.js')
	const result = spawnSync(process.execPath, [cli, ...args], {
		cwd: ROOT,
		stdio: 'inherit',
		env: {
			...process.env,
			PRISMA_SCHEMA_ENGINE_BINARY: NO_SCHEMA_ENGINE,
			PRISMA_HIDE_UPDATE_MESSAGE: '1',
			CHECKPOINT_DISABLE: '1',
		},
	})
	if (result.status !== 0) throw new MigrationError(`prisma ${args.join(' ')} failed (exit ${result.status ?? result.signal})`)
}

async function generate() {
	// prisma/.generated holds derived schemas; it ignores itself in git.
	fs.mkdirSync(GENERATED_SCHEMA_DIR, { recursive: true })
	fs.writeFileSync(path.join(GENERATED_SCHEMA_DIR, '.gitignore'), '*\n')
	const postgresSchema = path.join(GENERATED_SCHEMA_DIR, 'postgresql.prisma')
	fs.writeFileSync(
		postgresSchema,
		'// Derived from prisma/schema.prisma by scripts/db.ts generate: do not edit.\n' +
			schemaForProvider(readSchema(), 'postgresql', { output: '../../app/generated/postgresql' }),
	)
	for (const schema of [SCHEMA_PATH, postgresSchema]) {
		console.log(`\n> prisma generate --schema ${rel(schema)}`)
		prismaCli(['generate', '--schema', schema])
	}
	if (fs.existsSync(LEGACY_CLIENT_DIR)) {
		fs.rmSync(LEGACY_CLIENT_DIR, { recursive: true, force: true })
		console.log(`Removed the old client in ${rel(LEGACY_CLIENT_DIR)}.`)
	}
}

async function migrateNew(name: string | undefined) {
	if (!name) throw new MigrationError('Usage: npx tsx scripts/db.ts migrate:new NAME')
	const created = await createMigration(name)
	if (!created) {
		console.log('No changes: prisma/schema.prisma matches the last migration. Nothing written.')
		return
	}
	console.log(`Created migration ${created.name}:`)
	for (const file of created.files) console.log(`  ${rel(file)}`)
	console.log('Review the SQL (data changes may need hand edits), then run migrate:deploy.')
}

async function migrateDeploy() {
	const url = databaseUrl()
	console.log(`Deploying ${providerForUrl(url)} migrations to ${redact(url)}`)
	const applied = await deployMigrations(url)
	console.log(applied.length ? `Applied ${applied.length} migration(s):\n${applied.map((n) => `  ${n}`).join('\n')}` : 'No pending migrations.')
}

async function migrateCheck() {
	const { ok, problems } = await checkMigrations()
	if (ok) {
		console.log('Migrations are up to date with prisma/schema.prisma.')
		return
	}
	console.error(`Migration check failed:\n\n${problems.map((p) => `- ${p}`).join('\n\n')}\n`)
	console.error('Create a migration with `npx tsx scripts/db.ts migrate:new NAME` and commit it with the schema change.')
	process.exitCode = 1
}

async function reset(args: string[]) {
	if (process.env.NODE_ENV === 'production' && !args.includes('--force')) {
		throw new MigrationError('Refusing to reset with NODE_ENV=production (pass --force if you really mean it).')
	}
	const url = databaseUrl()
	console.log(`Resetting ${redact(url)}`)
	const applied = await resetDatabase(url)
	console.log(`Applied ${applied.length} migration(s):\n${applied.map((n) => `  ${n}`).join('\n')}`)
}

async function migrateResolve(args: string[]) {
	const [flag, name] = args
	if ((flag !== '--applied' && flag !== '--rolled-back') || !name) {
		throw new MigrationError('Usage: npx tsx scripts/db.ts migrate:resolve --applied NAME | --rolled-back NAME')
	}
	const url = databaseUrl()
	await resolveMigration(url, name, flag === '--applied' ? 'applied' : 'rolled-back')
	console.log(`Marked ${name} as ${flag.slice(2)} in ${redact(url)}.`)
}

const commands: Record<string, (args: string[]) => Promise<void>> = {
	generate: () => generate(),
	'migrate:new': (args) => migrateNew(args[0]),
	'migrate:deploy': () => migrateDeploy(),
	'migrate:check': () => migrateCheck(),
	'migrate:resolve': migrateResolve,
	reset,
	version: async () => console.log(`@prisma/schema-engine-wasm ${await schemaEngineVersion()}`),
}

const [command, ...args] = process.argv.slice(2)
const run = command ? commands[command] : undefined
if (!run) {
	console.error(`Usage: npx tsx scripts/db.ts <${Object.keys(commands).join(' | ')}>`)
	process.exit(2)
}
try {
	await run(args)
} catch (error) {
	console.error(`\n${command} failed: ${error instanceof Error ? error.message : String(error)}`)
	if (!(error instanceof MigrationError) || process.env.DEBUG) console.error(error)
	process.exitCode = 1
}
