// Saving one part of a school's review draft, with optimistic concurrency.
import { type Tx } from '#app/db.server.ts'
import { type PartKey, type PartStatus } from '#app/domain/review-parts.ts'

export type SaveOutcome = { ok: true; version: number } | { ok: false; conflict: { savedBy: string; savedAt: Date } }

/**
 * Saves one part as a draft, only if nobody saved it since the user opened it (optimistic concurrency:
 * the form carries the version it was opened at). Two people never silently overwrite each other.
 */
export async function savePart(
	tx: Tx,
	args: { reviewId: string; key: PartKey; data: unknown; status: PartStatus; openedVersion: number; userId: string },
): Promise<SaveOutcome> {
	const json = JSON.stringify(args.data)
	const existing = await tx.reviewSection.findUnique({
		where: { reviewId_key: { reviewId: args.reviewId, key: args.key } },
		select: { id: true, version: true, updatedAt: true, updatedBy: { select: { name: true } } },
	})
	if (!existing) {
		if (args.openedVersion !== 0) return { ok: false, conflict: { savedBy: 'Someone', savedAt: new Date() } }
		await tx.reviewSection.create({ data: { reviewId: args.reviewId, key: args.key, data: json, status: args.status, version: 1, updatedById: args.userId } })
		return { ok: true, version: 1 }
	}
	const updated = await tx.reviewSection.updateMany({
		where: { id: existing.id, version: args.openedVersion },
		data: { data: json, status: args.status, version: { increment: 1 }, updatedById: args.userId },
	})
	if (updated.count === 0) return { ok: false, conflict: { savedBy: existing.updatedBy?.name ?? 'Someone', savedAt: existing.updatedAt } }
	return { ok: true, version: args.openedVersion + 1 }
}
