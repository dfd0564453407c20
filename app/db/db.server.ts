import { createPrisma, type PrismaClient } from '#app/db/factory.server.ts'
import { env } from '#app/env.server.ts'

export { createPrisma, isPostgres } from '#app/db/factory.server.ts'
export type { PrismaClient }
export type Tx = Parameters<Parameters<PrismaClient['$transaction']>[0]>[0]

// One client per process, kept on globalThis so that dev-server reloads reuse the connection.
const globalForPrisma = globalThis as unknown as { __prisma?: Promise<PrismaClient> }
globalForPrisma.__prisma ??= createPrisma(env.DATABASE_URL, { poolSize: env.DATABASE_POOL_SIZE })
export const prisma: PrismaClient = await globalForPrisma.__prisma
