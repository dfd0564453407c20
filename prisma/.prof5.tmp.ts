import { createClient } from '@libsql/client'
const url = process.env.DATABASE_URL!
const mb = (n: number) => Math.round(n / 1e6)
const text = 'Individual speech and language therapy to develop understanding of language. '.repeat(3)
let db = createClient({ url })
await db.execute('PRAGMA journal_mode=WAL')
await db.execute('CREATE TABLE IF NOT EXISTS "P" ("id" TEXT PRIMARY KEY, "a" TEXT, "b" TEXT)')
let id = 0
const mode = process.argv[2]
for (let round = 0; round < 8; round++) {
  if (mode.startsWith('small')) {
    for (let i = 0; i < 20000; i++) { await db.execute({ sql: 'SELECT count(*) FROM "P" WHERE "id" = ?', args: ['x' + i] }); if (mode === 'small-yield' && i % 500 === 0) await new Promise((r) => setImmediate(r)) }
  } else {
    const stmts = Array.from({ length: 500 }, () => ({ sql: 'INSERT INTO "P" VALUES ' + Array.from({ length: 40 }, () => '(?,?,?)').join(','), args: Array.from({ length: 40 }, () => ['i' + ++id, text, text]).flat() }))
    await db.batch(stmts, 'write')
    if (mode === 'reconnect') { db.close(); db = createClient({ url }) }
  }
  ;(globalThis as any).gc?.()
  console.log(round, mb(process.memoryUsage().rss))
}
