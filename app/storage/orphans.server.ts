// Files no row names. Every step writes its file first and records it in the database after, in its
// transaction, so a row never names a missing file; the price is that a crash (kill -9, power) between the two,
// or a transaction that failed after its file was written, leaves a file nothing refers to: a letter that was
// never issued, evidence that was never added. Deleting a review also deletes its rows (cascade) but not the
// files. The daily job removes such files once they are older than any step could take, so a step still in
// flight never loses its file. Measured: bench/results/crash.md (kill -9 trials). The same sweep runs over the local
// folders or the S3 store (object-store.server.ts); uploads are always received in the local EVIDENCE_DIR/tmp.
import fs from 'node:fs'
import path from 'node:path'
import { prisma } from '#app/db/db.server.ts'
import { env } from '#app/env.server.ts'
import { storage, type ObjectStore } from '#app/storage/object-store.server.ts'

/** Longer than any step between writing a file and committing its row (a bundle of 100 evidence files: minutes). */
export const ORPHAN_MIN_AGE_MS = 6 * 60 * 60_000
const KEY = /^[a-f0-9]{32}$/
const TEMPORARY = /^[a-f0-9]{32}\.tmp$/ // a local write cut short before its rename
const BATCH = 500

type Area = { store: ObjectStore; known: (keys: string[]) => Promise<string[]> }

async function areas(): Promise<Area[]> {
	const { documents, evidence } = await storage()
	return [
		{
			store: documents,
			known: async (keys) =>
				(await prisma.generatedDocument.findMany({ where: { storageKey: { in: keys } }, select: { storageKey: true } })).map((d) => d.storageKey),
		},
		{
			store: evidence,
			known: async (keys) =>
				(await prisma.evidenceFile.findMany({ where: { storageKey: { in: keys } }, select: { storageKey: true } })).map((e) => e.storageKey),
		},
	]
}

async function olderThan(file: string, cutoff: number) {
	try {
		return (await fs.promises.stat(file)).mtimeMs < cutoff
	} catch {
		return false // gone meanwhile
	}
}

async function entries(dir: string) {
	try {
		return await fs.promises.readdir(dir, { withFileTypes: true })
	} catch (error) {
		if ((error as NodeJS.ErrnoException).code === 'ENOENT') return []
		throw error
	}
}

/**
 * Removes stored documents and evidence files that no row names, and temporary files left by interrupted writes
 * and uploads (EVIDENCE_DIR/tmp), when older than `minAgeMs`. Returns what it removed, per kind.
 */
export async function sweepOrphanFiles(options: { now?: Date; minAgeMs?: number } = {}) {
	const cutoff = (options.now ?? new Date()).getTime() - (options.minAgeMs ?? ORPHAN_MIN_AGE_MS)
	const removed = { files: 0, temporary: 0 }
	for (const { store, known } of await areas()) {
		const candidates: string[] = []
		const temporary: string[] = []
		for await (const object of store.list()) {
			if (object.modifiedAt.getTime() >= cutoff) continue
			if (TEMPORARY.test(object.key)) temporary.push(object.key)
			else if (KEY.test(object.key)) candidates.push(object.key)
		}
		await store.delete(temporary)
		removed.temporary += temporary.length
		for (let i = 0; i < candidates.length; i += BATCH) {
			const batch = candidates.slice(i, i + BATCH)
			const named = new Set(await known(batch))
			const orphans = batch.filter((key) => !named.has(key))
			await store.delete(orphans)
			removed.files += orphans.length
		}
	}
	// Uploads being received stream to EVIDENCE_DIR/tmp (on local disk, whichever the store); one a crash interrupted stays there.
	const uploads = path.resolve(env.EVIDENCE_DIR, 'tmp')
	for (const entry of await entries(uploads)) {
		const file = path.join(uploads, entry.name)
		if (entry.isFile() && (await olderThan(file, cutoff))) {
			await fs.promises.rm(file, { force: true })
			removed.temporary++
		}
	}
	return removed
}
