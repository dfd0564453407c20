// Checking a caseload CSV as it streams: csv-parse reads it chunk by chunk and every record goes through the row
// rules (app/domain/import-row.ts) as soon as it is parsed, so a file is never held in memory.
import { parse, type CsvError } from 'csv-parse'
import type { IsoDate } from '#app/domain/calendar-date.ts'
import { ImportChecker, readHeader, type HeaderMap, type RowProblem } from '#app/domain/import-row.ts'

export interface CsvCheckResult {
	/** Data rows (not counting the headings or blank lines). */
	rows: number
	header: HeaderMap | null
	checker: ImportChecker | null
	/** Problems with the file as a whole (unreadable CSV, missing columns, no rows). */
	fileProblems: RowProblem[]
}

/** Feeds csv-parse chunk by chunk and checks each record as soon as it is parsed. */
export class CsvCheck {
	private readonly parser = parse({ bom: true, relax_column_count: true, max_record_size: 1_000_000 })
	private header: HeaderMap | null = null
	private checker: ImportChecker | null = null
	private readonly fileProblems: RowProblem[] = []
	private spreadsheetRow = 0
	private failed = false
	private readonly finished: Promise<void>

	constructor(today: IsoDate) {
		this.parser.on('data', (record: string[]) => {
			this.spreadsheetRow++
			if (!this.header) {
				this.header = readHeader(record)
				if (this.header.problems.length) this.fileProblems.push(...this.header.problems)
				else this.checker = new ImportChecker(this.header, today)
				return
			}
			if (record.every((cell) => !cell.trim())) return // a blank line, or a row of empty cells
			this.checker?.add(record, this.spreadsheetRow)
		})
		this.finished = new Promise((resolve) => {
			this.parser.once('end', resolve)
			this.parser.once('error', (error: CsvError) => {
				this.failed = true
				this.fileProblems.push({
					row: this.spreadsheetRow + 1,
					column: '',
					message: `The file could not be read as CSV from this row: ${csvErrorMessage(error)}`,
				})
				resolve()
			})
		})
	}

	write(chunk: Uint8Array) {
		if (!this.failed) this.parser.write(chunk)
	}

	async end(): Promise<CsvCheckResult> {
		if (!this.failed) this.parser.end()
		await this.finished
		if (!this.header)
			this.fileProblems.push({ row: 1, column: '', message: 'The file is empty: it must have a row of column headings, then a row for each child' })
		else if (this.checker && this.checker.rowCount === 0 && !this.failed)
			this.fileProblems.push({ row: 2, column: '', message: 'The file has no rows after the column headings' })
		return { rows: this.checker?.rowCount ?? 0, header: this.header, checker: this.checker, fileProblems: this.fileProblems }
	}
}

function csvErrorMessage(error: CsvError) {
	switch (error.code) {
		case 'CSV_QUOTE_NOT_CLOSED':
			return 'a quoted cell is not closed'
		case 'CSV_INVALID_CLOSING_QUOTE':
		case 'CSV_NON_TRIMABLE_CHAR_AFTER_CLOSING_QUOTE':
			return 'a quote mark is in the wrong place'
		case 'CSV_MAX_RECORD_SIZE':
			return 'a row is longer than 1 million characters'
		default:
			return 'it is not a comma-separated file'
	}
}
