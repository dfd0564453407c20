import { createPrisma } from '#app/db.server.ts'
import { seed } from './seed-data.ts'
const prisma = await createPrisma(process.env.DATABASE_URL!)
const mb = (n: number) => Math.round(n / 1e6)
await seed(prisma, { scale: 'kent', today: '2026-11-23', onProgress: (d) => { (globalThis as any).gc?.(); if (d % 3000 < 1000) { const m = process.memoryUsage(); console.log(d, 'rss', mb(m.rss), 'heap', mb(m.heapUsed), 'ext', mb(m.external), 'ab', mb(m.arrayBuffers)) } } })
