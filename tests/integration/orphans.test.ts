// A crash between writing a letter's file and committing its row leaves a file no row names (bench/results/crash.md
// found 3 in 100 kill -9 trials). The daily job's sweep removes such files once no step could still be recording
// them, and never a file a row names or one written moments ago.
import fs from 'node:fs'
import path from 'node:path'
import { expect, test } from 'vitest'
import { prisma } from '#app/db/db.server.ts'
import { env } from '#app/env.server.ts'
import { documentPath, saveDocument } from '#app/storage/documents.server.ts'
import { evidencePath } from '#app/storage/evidence.server.ts'
import { ORPHAN_MIN_AGE_MS, sweepOrphanFiles } from '#app/storage/orphans.server.ts'

const exists = (file: string) => fs.existsSync(file)
async function age(file: string, ms: number) {
	const when = new Date(Date.now() - ms)
	await fs.promises.utimes(file, when, when)
}

test('the sweep removes old stored files no row names and interrupted temporary files, and keeps recorded and recent ones', async () => {
	const review = await prisma.annualReview.findFirstOrThrow({ select: { id: true } })
	const old = ORPHAN_MIN_AGE_MS + 60_000

	// A letter issued properly: file and row.
	const issued = await saveDocument(new TextEncoder().encode('%PDF-1.7 issued'))
	await prisma.generatedDocument.create({
		data: { reviewId: review.id, kind: 'DECISION_LETTER', title: 'Decision letter.pdf', storageKey: issued, sizeBytes: 15 },
	})
	// A letter whose step was killed after the file was written: no row.
	const crashed = await saveDocument(new TextEncoder().encode('%PDF-1.7 never issued'))
	// A letter being issued right now: no row yet, and young.
	const inFlight = await saveDocument(new TextEncoder().encode('%PDF-1.7 being issued'))
	// A write interrupted before its rename.
	const partial = `${documentPath(crashed).slice(0, -32)}${'c'.repeat(32)}.tmp`
	await fs.promises.writeFile(partial, 'half')
	// Evidence: one recorded, one stored by an upload whose row was never written, one upload still streaming.
	await fs.promises.mkdir(path.resolve(env.EVIDENCE_DIR, 'tmp'), { recursive: true })
	const recordedKey = 'a'.repeat(32)
	const strayKey = 'b'.repeat(32)
	await fs.promises.writeFile(evidencePath(recordedKey), 'evidence')
	await fs.promises.writeFile(evidencePath(strayKey), 'evidence')
	const user = await prisma.user.findFirstOrThrow({ select: { id: true } })
	await prisma.evidenceFile.create({
		data: {
			reviewId: review.id,
			title: 'Report',
			fileName: 'report.pdf',
			contentType: 'application/pdf',
			sizeBytes: 8,
			sha256: '0'.repeat(64),
			storageKey: recordedKey,
			uploadedById: user.id,
		},
	})
	const streaming = path.resolve(env.EVIDENCE_DIR, 'tmp', 'upload-old')
	await fs.promises.writeFile(streaming, 'part')

	for (const file of [documentPath(issued), documentPath(crashed), partial, evidencePath(recordedKey), evidencePath(strayKey), streaming])
		await age(file, old)

	const removed = await sweepOrphanFiles()
	expect(removed).toEqual({ files: 2, temporary: 2 })
	expect(exists(documentPath(issued))).toBe(true)
	expect(exists(documentPath(crashed))).toBe(false)
	expect(exists(documentPath(inFlight))).toBe(true)
	expect(exists(partial)).toBe(false)
	expect(exists(evidencePath(recordedKey))).toBe(true)
	expect(exists(evidencePath(strayKey))).toBe(false)
	expect(exists(streaming)).toBe(false)

	// The young file is removed only once it is old enough and still has no row; run again: nothing more to do.
	expect(await sweepOrphanFiles()).toEqual({ files: 0, temporary: 0 })
	expect(await sweepOrphanFiles({ now: new Date(Date.now() + old) })).toEqual({ files: 1, temporary: 0 })
	expect(exists(documentPath(inFlight))).toBe(false)
	expect(exists(documentPath(issued))).toBe(true)
})
