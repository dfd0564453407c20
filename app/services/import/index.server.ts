// Importing children, schools and plans from the council's case management system (a CSV, see
// app/domain/import-row.ts for its columns), in two steps:
//
// 1. Upload and preview (`receiveImportUpload`): the file streams from the request body to
//    DOCUMENTS_DIR/imports/<key>.csv and, at the same time, through csv-parse, so every row is checked as it
//    arrives and the file is never held in memory. The rows are then compared with the database (read only) to
//    count what would be new, updated or unchanged. The preview is kept beside the file (<key>.json) with who
//    uploaded it; nothing else is written.
// 2. Import (`runImport`, run as a Job): the stored file is read and checked again, then every row is written in
//    ONE transaction, so an import is all or nothing. Schools are matched by URN, children by UPN, so importing
//    the same file again updates rather than duplicates.
//
// On SQLite the adapter serialises the process's queries while a transaction is open, so the transaction is kept
// to the comparison and the writes (bulk inserts), and progress written during it appears when it commits.
// Decisions: docs/decisions/010-import-from-case-management.md.
//
// This module holds the two steps, as the admin-import route and its Job call them; beside it, check.server.ts
// checks the rows as the CSV streams, plan.server.ts compares them with the database, write.server.ts writes the
// plan and upload.server.ts keeps the uploaded file and its preview.
import { createHash, randomBytes } from 'node:crypto'
import fs from 'node:fs/promises'
import type { Tx } from '#app/db/db.server.ts'
import { providerOf, type PrismaClient } from '#app/db/factory.server.ts'
import { todayInLondon, type IsoDate } from '#app/domain/calendar-date.ts'
import { multipartBoundary, readMultipart } from '#app/http/multipart.server.ts'
import { CsvCheck } from './check.server.ts'
import { planImport, type Db, type ImportCounts } from './plan.server.ts'
import { checkStoredFile, deleteStoredUpload, importsDir, previewOf, removeStaleUploads, uploadPath, type StoredUpload } from './upload.server.ts'
import { writePlan } from './write.server.ts'

const MIB = 1024 * 1024
export const MAX_IMPORT_BYTES = 50 * MIB

// ---------------------------------------------------------------------------------------------------------------
// Receiving the upload

export const importUploadMessages = {
	noFile: 'Select a CSV file',
	empty: 'The selected file is empty',
	tooLarge: `The selected file must be smaller than ${MAX_IMPORT_BYTES / MIB}MB`,
	wrongType: 'The selected file must be a CSV file. In Excel, choose ‘Save as’, then ‘CSV UTF-8 (comma delimited)’',
}

export type ImportUploadResult = { ok: true; upload: StoredUpload } | { ok: false; error: string }

/**
 * Streams the form's CSV file to DOCUMENTS_DIR/imports and through the row checks at the same time, compares the
 * rows with the database (read only) and stores the preview beside the file. Mistakes come back as `error` for the
 * file field; a malformed request throws a 400/413/415 Response.
 */
export async function receiveImportUpload(
	db: Db,
	request: Request,
	user: { id: string; laId: string },
	options: { maxBytes?: number; today?: IsoDate } = {},
): Promise<ImportUploadResult> {
	const maxBytes = options.maxBytes ?? MAX_IMPORT_BYTES
	const today = options.today ?? todayInLondon(new Date())
	const boundary = multipartBoundary(request)
	if (!boundary || !request.body) throw new Response('Imports must be sent as multipart/form-data', { status: 415 })
	await fs.mkdir(importsDir(), { recursive: true })
	await removeStaleUploads()

	const key = randomBytes(16).toString('hex')
	const target = uploadPath(key, 'csv')
	const file = await fs.open(`${target}.part`, 'w')
	const hash = createHash('sha256')
	const check = new CsvCheck(today)
	let size = 0
	let fileName = ''
	let rawName = ''
	let fileSeen = false
	let wrongType = false
	let kept = false
	try {
		try {
			await readMultipart(request.body, boundary, (part) => {
				if (part.filename === null || part.name !== 'file' || fileSeen) return null // other fields are not used (limit: maxSkippedBytes)
				fileSeen = true
				rawName = part.filename
				fileName = safeName(part.filename)
				return {
					async write(chunk) {
						if (size === 0 && !looksLikeText(chunk)) wrongType = true
						size += chunk.length
						if (size > maxBytes) throw new FileTooLarge()
						if (wrongType) return
						hash.update(chunk)
						check.write(chunk)
						await file.write(chunk)
					},
				}
			})
		} catch (error) {
			if (error instanceof FileTooLarge) return { ok: false, error: importUploadMessages.tooLarge }
			throw error
		}
		if (!fileSeen || (size === 0 && !rawName)) return { ok: false, error: importUploadMessages.noFile }
		if (size === 0) return { ok: false, error: importUploadMessages.empty }
		if (wrongType) return { ok: false, error: importUploadMessages.wrongType }
		const checked = await check.end()
		const { preview } = await previewOf(db, user.laId, checked, today)
		await file.close()
		await fs.rename(`${target}.part`, target)
		const upload: StoredUpload = {
			key,
			userId: user.id,
			laId: user.laId,
			fileName,
			sizeBytes: size,
			sha256: hash.digest('hex'),
			uploadedAt: new Date().toISOString(),
			preview,
		}
		await fs.writeFile(uploadPath(key, 'json'), JSON.stringify(upload))
		kept = true
		return { ok: true, upload }
	} finally {
		if (!kept) {
			await file.close().catch(() => {})
			await fs.rm(`${target}.part`, { force: true })
			await deleteStoredUpload(key)
		}
	}
}

/** A CSV is text: not a spreadsheet, PDF or other binary saved under a .csv name. */
function looksLikeText(head: Uint8Array) {
	const bytes = Buffer.from(head.buffer, head.byteOffset, Math.min(head.byteLength, 8192))
	if (bytes.subarray(0, 4).equals(Buffer.from([0x50, 0x4b, 0x03, 0x04]))) return false // XLSX (a ZIP)
	if (bytes.subarray(0, 4).equals(Buffer.from([0xd0, 0xcf, 0x11, 0xe0]))) return false // XLS
	return !bytes.includes(0)
}

function safeName(name: string) {
	return (name.split(/[/\\]/).pop() ?? '').replace(/[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g, '').slice(0, 200) || 'import.csv' // eslint-disable-line no-control-regex -- control and direction characters are what this removes
}

class FileTooLarge extends Error {}

// ---------------------------------------------------------------------------------------------------------------
// Importing (the Job's work)

export interface ImportResult extends ImportCounts {
	[key: string]: unknown
	kind: 'IMPORT'
	rows: number
	fileName: string
}

export class ImportRefused extends Error {}

/**
 * Reads the stored file again, checks it, compares and writes every row in one transaction. Throws (writing
 * nothing) if a row has a problem now, for example a school another council has added since the preview.
 */
export async function runImport(
	db: PrismaClient,
	options: {
		key: string
		laId: string
		fileName: string
		today?: IsoDate
		onProgress?: (done: number, total: number, message: string) => void
		afterWrite?: (tx: Tx, counts: ImportCounts) => Promise<void>
	},
): Promise<ImportResult> {
	const today = options.today ?? todayInLondon(new Date())
	const checked = await checkStoredFile(options.key, today)
	const refuse = (n: number) =>
		new ImportRefused(`${n === 1 ? '1 row has a problem' : `${n} rows have problems`}. Nothing was imported: upload the file again to see them`)
	if (checked.fileProblems.length || !checked.checker) throw refuse(1)
	if (checked.checker.rowsWithProblems) throw refuse(checked.checker.rowsWithProblems)
	const checker = checked.checker
	const total = checker.rows.length
	const progress = options.onProgress ?? (() => {})
	progress(0, total, `Comparing ${total.toLocaleString('en-GB')} rows with the portal`)
	const counts = await db.$transaction(
		async (tx) => {
			const plan = await planImport(tx, options.laId, checker, today, (done) => {
				if (done % 250 === 0) progress(done, total, `Compared ${done.toLocaleString('en-GB')} of ${total.toLocaleString('en-GB')} rows`)
			})
			if (plan.problems.length) throw refuse(new Set(plan.problems.map((p) => p.row)).size)
			await writePlan(tx, providerOf(db), plan, (done, all) => progress(Math.round((done / Math.max(all, 1)) * total), total, 'Writing the rows'))
			await options.afterWrite?.(tx, plan.counts)
			return plan.counts
		},
		{ timeout: 30 * 60_000, maxWait: 60_000 },
	)
	progress(total, total, `Imported ${total.toLocaleString('en-GB')} rows`)
	return { kind: 'IMPORT', rows: total, fileName: options.fileName, ...counts }
}
