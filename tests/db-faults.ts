// A database that refuses one insert: a trigger raises an error when a new row matches `condition` (SQL over
// NEW."column"), on SQLite and PostgreSQL alike. Tests use it to show that a change is all or nothing when the
// database fails part-way through, for a reason no validation could catch.
import { isPostgres, prisma } from '#app/db/db.server.ts'

export async function failInsertsWhen(table: string, condition: string, message = 'simulated database failure'): Promise<() => Promise<void>> {
	const name = `test_fault_${table.toLowerCase()}`
	if (isPostgres(process.env.DATABASE_URL ?? '')) {
		await prisma.$executeRawUnsafe(
			`CREATE OR REPLACE FUNCTION ${name}() RETURNS trigger AS $$ BEGIN IF ${condition} THEN RAISE EXCEPTION '${message}'; END IF; RETURN NEW; END $$ LANGUAGE plpgsql`,
		)
		await prisma.$executeRawUnsafe(`CREATE TRIGGER ${name} BEFORE INSERT ON "${table}" FOR EACH ROW EXECUTE FUNCTION ${name}()`)
		return async () => {
			await prisma.$executeRawUnsafe(`DROP TRIGGER IF EXISTS ${name} ON "${table}"`)
			await prisma.$executeRawUnsafe(`DROP FUNCTION IF EXISTS ${name}()`)
		}
	}
	await prisma.$executeRawUnsafe(`CREATE TRIGGER ${name} BEFORE INSERT ON "${table}" WHEN ${condition} BEGIN SELECT RAISE(ABORT, '${message}'); END`)
	return async () => {
		await prisma.$executeRawUnsafe(`DROP TRIGGER IF EXISTS ${name}`)
	}
}
