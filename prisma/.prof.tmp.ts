import { createPrisma } from '#app/db.server.ts'
import { seed } from './seed-data.ts'
const prisma = await createPrisma(process.env.DATABASE_URL!)
const times: Record<string, { ms: number; rows: number }> = {}
const wrapped = new Proxy(prisma, {
  get(target: any, model: string) {
    if (model === '$transaction') return async (ops: any[]) => { for (const op of ops) await op() }
    const delegate = target[model]
    if (!delegate?.createMany) return delegate
    return { ...delegate, count: (...a: any[]) => delegate.count(...a), createMany: (args: any) => async () => {
      const t = performance.now(); await delegate.createMany(args); const e = (times[model] ??= { ms: 0, rows: 0 }); e.ms += performance.now() - t; e.rows += args.data.length } }
  },
})
const t = performance.now()
try { await seed(wrapped, { scale: 'kent', today: '2026-11-23', onProgress: (d) => { if (d >= 3000) throw new Error('stop') } }) } catch (e) { if ((e as Error).message !== 'stop') throw e }
console.log(((performance.now() - t) / 1000).toFixed(1) + 's', Math.round(process.memoryUsage().rss / 1e6) + 'MB')
console.table(Object.fromEntries(Object.entries(times).map(([k, v]) => [k, { ms: Math.round(v.ms), rows: v.rows, usPerRow: Math.round(v.ms * 1000 / v.rows) }])))
