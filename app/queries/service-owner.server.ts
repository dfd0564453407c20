import { prisma } from '#app/db/db.server.ts'
import { env } from '#app/env.server.ts'

let cached: string | undefined

/** The council named in the header before anyone signs in: COUNCIL_NAME, else the first council set up. */
export async function serviceOwnerName(): Promise<string> {
	if (env.COUNCIL_NAME) return env.COUNCIL_NAME
	cached ??= (await prisma.localAuthority.findFirst({ select: { name: true }, orderBy: { createdAt: 'asc' } }))?.name
	return cached ?? 'Your council'
}
