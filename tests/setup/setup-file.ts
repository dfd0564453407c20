import { afterAll, afterEach, beforeEach, inject, vi } from 'vitest'
import { cloneTemplate } from './databases.ts'

// Each test file gets its own database, copied from the run's seeded template, before any app module
// reads DATABASE_URL.
const database = await cloneTemplate(inject('dbTemplate'))
process.env.DATABASE_URL = database.url
process.env.EVIDENCE_DIR ??= `tests/.tmp/evidence-${process.pid}`
process.env.DOCUMENTS_DIR ??= `tests/.tmp/documents-${process.pid}`
process.env.OUTBOX_DIR ??= `tests/.tmp/outbox-${process.pid}`

afterAll(async () => {
	// Only files that used the database opened a client (app/db/db.server.ts keeps it on globalThis).
	const client = (globalThis as { __prisma?: Promise<{ $disconnect(): Promise<void> }> }).__prisma
	if (client) await (await client).$disconnect()
	await database.drop()
})

// An unexpected console.error fails the test (STYLE.md): errors must be handled, not just logged.
let errorSpy: ReturnType<typeof vi.spyOn>
beforeEach(() => {
	errorSpy = vi.spyOn(console, 'error')
})
afterEach(() => {
	const calls = errorSpy.mock.calls
	errorSpy.mockRestore()
	if (calls.length) throw new Error(`console.error was called:\n${calls.map((c: unknown[]) => c.map((part: unknown) => String(part)).join(' ')).join('\n')}`)
})
