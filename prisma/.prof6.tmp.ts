import Database from 'libsql'
const mb = (n: number) => Math.round(n / 1e6)
const db = new Database(process.env.DB!)
db.exec('CREATE TABLE IF NOT EXISTS "P" ("id" TEXT PRIMARY KEY)')
const mode = process.argv[2]
for (let round = 0; round < 5; round++) {
  for (let i = 0; i < 20000; i++) {
    const s = db.prepare('SELECT count(*) FROM "P" WHERE "id" = ?')
    if (mode.includes('safe')) s.safeIntegers(true)
    if (mode.includes('raw')) s.raw(true)
    if (mode.includes('columns')) s.columns()
    s.all(['x' + i])
  }
  ;(globalThis as any).gc?.()
  await new Promise((r) => setTimeout(r, 50))
  console.log(round, 'rss', mb(process.memoryUsage().rss))
}
