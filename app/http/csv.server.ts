// CSV downloads, streamed: rows go through csv-stringify as they are produced, so a 21,000-row export never
// sits in memory as one string. UTF-8 with a byte-order mark, so spreadsheet programs read names such as
// "Zoë" and "Wójcik" correctly.
import { Readable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import { createReadableStreamFromReadable } from '@react-router/node'
import { stringify } from 'csv-stringify'

export type CsvCell = string | number | null | undefined

// A cell that starts with one of these is run as a formula by spreadsheet programs ("CSV injection",
// OWASP); a leading apostrophe makes it text. Numbers are written as numbers (-3 days left is not a formula).
const FORMULA_START = /^[=+\-@\t\r]/

export function neutraliseFormula(value: string): string {
	return FORMULA_START.test(value) ? `'${value}` : value
}

/** A download of `header` then each row of `rows`, written as the rows come. */
export function csvResponse(filename: string, header: readonly string[], rows: Iterable<CsvCell[]> | AsyncIterable<CsvCell[]>): Response {
	const stringifier = stringify({ bom: true, cast: { string: neutraliseFormula } })
	async function* records() {
		yield [...header]
		yield* rows
	}
	// On a failure half-way (the database going away), the download is cut short rather than left hanging.
	pipeline(Readable.from(records()), stringifier).catch((error: unknown) => stringifier.destroy(error as Error))
	return new Response(createReadableStreamFromReadable(stringifier), {
		headers: {
			'Content-Type': 'text/csv; charset=utf-8',
			'Content-Disposition': `attachment; filename="${filename.replace(/[^A-Za-z0-9._-]/g, '-')}"`,
			'Cache-Control': 'private, no-store',
			'X-Content-Type-Options': 'nosniff',
		},
	})
}
