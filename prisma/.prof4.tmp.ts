import { createClient } from '@libsql/client'
import { createPrisma } from '#app/db.server.ts'
const mode = process.argv[2]
const url = process.env.DATABASE_URL!
const text = 'Individual speech and language therapy to develop understanding of language. '.repeat(3)
const mb = (n: number) => Math.round(n / 1e6)
const per = 40
let id = 0
const rowsSql = (n: number) => { let k = 0; return 'INSERT INTO "P" VALUES ' + Array.from({ length: n }, () => '(' + Array.from({ length: 8 }, () => '$' + ++k).join(',') + ')').join(',') }
const args = () => Array.from({ length: per }, () => [`id${++id}`, 'pv', 1, text, text, text, text, text]).flat()
if (mode === 'libsql') {
  const db = createClient({ url })
  await db.execute('PRAGMA journal_mode=WAL')
  await db.execute('CREATE TABLE IF NOT EXISTS "P" ("id" TEXT PRIMARY KEY, "pv" TEXT, "position" INTEGER, "need" TEXT, "what" TEXT, "who" TEXT, "frequency" TEXT, "duration" TEXT)')
  for (let round = 0; round < 10; round++) {
    const stmts = Array.from({ length: 500 }, () => ({ sql: rowsSql(per), args: args() }))
    await db.batch(stmts, 'write')
    ;(globalThis as any).gc?.()
    console.log(round, 'rss', mb(process.memoryUsage().rss))
  }
} else {
  const prisma: any = await createPrisma(url)
  await prisma.$executeRawUnsafe('CREATE TABLE IF NOT EXISTS "P" ("id" TEXT PRIMARY KEY, "pv" TEXT, "position" INTEGER, "need" TEXT, "what" TEXT, "who" TEXT, "frequency" TEXT, "duration" TEXT)')
  for (let round = 0; round < 10; round++) {
    const ops = Array.from({ length: 500 }, () => prisma.$executeRawUnsafe(rowsSql(per), ...args()))
    if (mode === 'prisma-tx') await prisma.$transaction(ops); else await Promise.all(ops)
    ;(globalThis as any).gc?.()
    console.log(round, 'rss', mb(process.memoryUsage().rss))
  }
}
