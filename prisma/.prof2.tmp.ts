import { createPrisma } from '#app/db.server.ts'
const prisma: any = await createPrisma(process.env.DATABASE_URL!)
for (const p of ['cache_size', 'mmap_size', 'journal_mode', 'synchronous', 'wal_autocheckpoint', 'cache_spill', 'temp_store']) console.log(p, await prisma.$queryRawUnsafe(`PRAGMA ${p}`))
