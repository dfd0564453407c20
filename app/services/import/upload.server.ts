// Stored uploads: DOCUMENTS_DIR/imports/<key>.csv and <key>.json (who uploaded it, and the preview). A file is kept
// from its preview until it is imported or cancelled, or a day has passed; the import reads and checks it again.
import { createReadStream } from 'node:fs'
import fs from 'node:fs/promises'
import path from 'node:path'
import type { IsoDate } from '#app/domain/calendar-date.ts'
import type { RowProblem } from '#app/domain/import-row.ts'
import { env } from '#app/env.server.ts'
import { CsvCheck, type CsvCheckResult } from './check.server.ts'
import { planImport, type Db, type ImportCounts, type ImportPlan } from './plan.server.ts'

/** Problems kept for the preview page; the count says how many more there were. */
const PROBLEMS_SHOWN = 500
const STALE_MS = 24 * 60 * 60 * 1000
const KEY = /^[a-f0-9]{32}$/

export interface ImportPreview {
	rows: number
	problemCount: number
	rowsWithProblems: number
	/** The first PROBLEMS_SHOWN problems, in row order. */
	problems: RowProblem[]
	ignoredColumns: string[]
	counts: ImportCounts
}

export interface StoredUpload {
	key: string
	userId: string
	laId: string
	fileName: string
	sizeBytes: number
	sha256: string
	uploadedAt: string
	preview: ImportPreview
}

export function importsDir() {
	return path.resolve(env.DOCUMENTS_DIR, 'imports')
}

export function uploadPath(key: string, extension: 'csv' | 'json') {
	if (!KEY.test(key)) throw new Error('Not an import key')
	return path.join(importsDir(), `${key}.${extension}`)
}

/** The stored upload, only for the person who uploaded it (and in their council); null otherwise. */
export async function readStoredUpload(key: string, user: { id: string; laId: string | null }): Promise<StoredUpload | null> {
	if (!KEY.test(key)) return null
	const text = await fs.readFile(uploadPath(key, 'json'), 'utf8').catch(() => null)
	if (!text) return null
	const stored = JSON.parse(text) as StoredUpload
	return stored.userId === user.id && stored.laId === user.laId ? stored : null
}

export async function deleteStoredUpload(key: string) {
	if (!KEY.test(key)) return
	await Promise.all([fs.rm(uploadPath(key, 'csv'), { force: true }), fs.rm(uploadPath(key, 'json'), { force: true })])
}

/** Uploads previewed but never imported are removed after a day. */
export async function removeStaleUploads() {
	const names = await fs.readdir(importsDir()).catch(() => [] as string[])
	const now = Date.now()
	for (const name of names) {
		const file = path.join(importsDir(), name)
		const stat = await fs.stat(file).catch(() => null)
		if (stat && now - stat.mtimeMs > STALE_MS) await fs.rm(file, { force: true })
	}
}

/** The preview of a checked file: every problem (row, column, message) and, when there are none, the counts. */
export async function previewOf(db: Db, laId: string, checked: CsvCheckResult, today: IsoDate): Promise<{ preview: ImportPreview; plan: ImportPlan | null }> {
	const problems = [...checked.fileProblems, ...(checked.checker?.problems ?? [])]
	let plan: ImportPlan | null = null
	if (checked.checker && !checked.fileProblems.length) {
		plan = await planImport(db, laId, checked.checker, today)
		problems.push(...plan.problems)
	}
	problems.sort((a, b) => a.row - b.row)
	const rowsWithProblems = new Set(problems.map((p) => p.row)).size
	return {
		plan,
		preview: {
			rows: checked.rows,
			problemCount: problems.length,
			rowsWithProblems,
			problems: problems.slice(0, PROBLEMS_SHOWN),
			ignoredColumns: checked.header?.ignored ?? [],
			counts: plan?.counts ?? { created: 0, updated: 0, unchanged: 0, schoolsCreated: 0, schoolsUpdated: 0 },
		},
	}
}

/** Checks a stored file (the import step reads it again, as the database may have changed since the preview). */
export async function checkStoredFile(key: string, today: IsoDate): Promise<CsvCheckResult> {
	const check = new CsvCheck(today)
	for await (const chunk of createReadStream(uploadPath(key, 'csv'), { highWaterMark: 256 * 1024 })) check.write(chunk as Buffer)
	return check.end()
}
