// What the council records about a young person's own rights (issue 12 §3; app/domain/young-person.ts): their email
// address, whether they have agreed that their parent is copied into their letters (and the day they agreed), and,
// where they lack capacity, who acts for them (SEND Regulations 2014 reg 64). One transaction with its audit.
import { audit } from '#app/auth/audit.server.ts'
import type { SessionUser } from '#app/auth/auth.server.ts'
import { prisma } from '#app/db/db.server.ts'
import { YOUNG_PERSON_RIGHTS, type RepresentativeRole } from '#app/domain/young-person.ts'
import { selectOf } from '#app/lib/prisma-select.ts'

export type YoungPersonInput = {
	youngPersonEmail: string
	/** Has capacity: the day they agreed their parent is copied into their letters, or null (not agreed). */
	parentCopyAgreedOn: string | null
	lacksCapacity: boolean
	/** Lacks capacity: who acts for them (reg 64). */
	representative: { role: RepresentativeRole; name: string; email: string } | null
}

/** Records the young person's contact, agreement, capacity and representative on their record (the caller checks access). */
export async function recordYoungPerson(request: Request, user: SessionUser, childId: string, input: YoungPersonInput) {
	const data = {
		youngPersonEmail: input.youngPersonEmail,
		// A young person lacking capacity does not give the agreement: who acts for them receives the letters.
		youngPersonParentCopyAgreedOn: input.lacksCapacity ? null : input.parentCopyAgreedOn,
		youngPersonLacksCapacity: input.lacksCapacity,
		representativeRole: input.lacksCapacity ? (input.representative?.role ?? null) : null,
		representativeName: input.lacksCapacity ? (input.representative?.name ?? '') : '',
		representativeEmail: input.lacksCapacity ? (input.representative?.email ?? '') : '',
	}
	await prisma.$transaction(async (tx) => {
		const before = await tx.child.findUniqueOrThrow({ where: { id: childId }, select: selectOf(YOUNG_PERSON_RIGHTS) })
		const changed = (Object.keys(data) as Array<keyof typeof data>).filter((k) => before[k] !== data[k])
		if (!changed.length) return
		await tx.child.update({ where: { id: childId }, data })
		const details = [
			changed.includes('youngPersonEmail') && (data.youngPersonEmail ? 'young person’s email changed' : 'young person’s email removed'),
			changed.includes('youngPersonParentCopyAgreedOn') &&
				(data.youngPersonParentCopyAgreedOn ? `agreed on ${data.youngPersonParentCopyAgreedOn} to their parent being copied` : 'parent not copied'),
			changed.includes('youngPersonLacksCapacity') && (data.youngPersonLacksCapacity ? 'lacks capacity (reg 64)' : 'has capacity'),
			(changed.includes('representativeRole') || changed.includes('representativeName') || changed.includes('representativeEmail')) &&
				(data.representativeRole
					? `acting for them: ${data.representativeRole.toLowerCase()} ${data.representativeName}`
					: 'no one recorded as acting for them'),
		].filter(Boolean)
		await audit(request, user.id, 'child.update', { entityType: 'Child', entityId: childId, childId, details: details.join('; ') }, tx)
	})
}
