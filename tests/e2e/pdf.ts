import fs from 'node:fs'
import type { Download } from '@playwright/test'
import { extractText, getDocumentProxy } from '../unpdf.ts'

/** The text of a downloaded PDF, all pages joined, with its page count. */
export async function pdfText(download: Download): Promise<{ text: string; pages: number }> {
	const file = await download.path()
	const pdf = await getDocumentProxy(new Uint8Array(fs.readFileSync(file)))
	const { totalPages, text } = await extractText(pdf, { mergePages: true })
	return { text: text.replace(/\s+/g, ' '), pages: totalPages }
}
