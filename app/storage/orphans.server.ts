// Files no row names. Every step writes its file first and records it in the database after, in its
// transaction, so a row never names a missing file; the price is that a crash (kill -9, power) between the two,
// or a transaction that failed after its file was written, leaves a file nothing refers to: a letter that was
// never issued, evidence that was never added. Deleting a review also deletes its rows (cascade) but not the
// files. The daily job removes such files once they are older than any step could take, so a step still in
// flight never loses its file. Measured: bench/results/crash.md (kill -9 trials).
import fs from 'node:fs'
import path from 'node:path'
import { prisma } from '#app/db/db.server.ts'
import { env } from '#app/env.server.ts'

/** Longer than any step between writing a file and committing its row (a bundle of 100 evidence files: minutes). */
export const ORPHAN_MIN_AGE_MS = 6 * 60 * 60_000
const KEY = /^[a-f0-9]{32}$/
const TEMPORARY = /^[a-f0-9]{32}\.tmp$/
const BATCH = 500

type Store = { dir: string; known: (keys: string[]) => Promise<string[]> }

function stores(): Store[] {
	return [
		{
			dir: path.resolve(env.DOCUMENTS_DIR),
			known: async (keys) =>
				(await prisma.generatedDocument.findMany({ where: { storageKey: { in: keys } }, select: { storageKey: true } })).map((d) => d.storageKey),
		},
		{
			dir: path.resolve(env.EVIDENCE_DIR),
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
	const remove = async (file: string) => fs.promises.rm(file, { force: true })
	for (const store of stores()) {
		const candidates: string[] = []
		for (const entry of await entries(store.dir)) {
			if (!entry.isFile()) continue
			const file = path.join(store.dir, entry.name)
			if (TEMPORARY.test(entry.name) && (await olderThan(file, cutoff))) {
				await remove(file)
				removed.temporary++
			} else if (KEY.test(entry.name) && (await olderThan(file, cutoff))) candidates.push(entry.name)
		}
		for (let i = 0; i < candidates.length; i += BATCH) {
			const batch = candidates.slice(i, i + BATCH)
			const known = new Set(await store.known(batch))
			for (const key of batch) {
				if (known.has(key)) continue
				await remove(path.join(store.dir, key))
				removed.files++
			}
		}
	}
	// Uploads being received stream to EVIDENCE_DIR/tmp; one a crash interrupted stays there.
	const uploads = path.resolve(env.EVIDENCE_DIR, 'tmp')
	for (const entry of await entries(uploads)) {
		const file = path.join(uploads, entry.name)
		if (entry.isFile() && (await olderThan(file, cutoff))) {
			await remove(file)
			removed.temporary++
		}
	}
	return removed
}
