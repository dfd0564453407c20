import type { SessionUser } from '#app/auth/auth.server.ts'
import { prisma } from '#app/db/db.server.ts'

export type SchoolMatch = { id: string; name: string; urn: string }

/**
 * The council's schools a text names, or null when there is no text: a school's id (from a link), its URN or
 * its whole name (those schools only), or part of a name or URN (every school it is part of), case-insensitively.
 * A council of 600 schools is too many for a select (docs/decisions/012), so forms ask for a name or URN and the
 * server finds the school. `active` limits the match to schools that are open in the portal.
 */
export async function matchSchools(user: Pick<SessionUser, 'laId'>, text: string, options: { active?: boolean } = {}): Promise<SchoolMatch[] | null> {
	text = text.trim()
	if (!text) return null
	if (!user.laId) return []
	const schools = await prisma.school.findMany({
		where: { laId: user.laId, ...(options.active ? { active: true } : {}) },
		orderBy: { name: 'asc' },
		select: { id: true, name: true, urn: true },
	})
	const wanted = text.toLowerCase()
	const byId = schools.filter((s) => s.id === text)
	if (byId.length) return byId
	const whole = schools.filter((s) => s.name.toLowerCase() === wanted || s.urn.toLowerCase() === wanted)
	if (whole.length) return whole
	return schools.filter((s) => s.name.toLowerCase().includes(wanted) || s.urn.toLowerCase().includes(wanted))
}
