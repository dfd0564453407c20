// The text of a review's stored document (a letter, notice or plan), as the tests read it.
import { prisma } from '#app/db/db.server.ts'
import { readDocument } from '#app/storage/documents.server.ts'
import { extractText, getDocumentProxy } from '#tests/unpdf.ts'

/** The whole text of the review's first generated document of this kind, its white space folded to single spaces. */
export async function pdfText(reviewId: string, kind: string) {
	const doc = await prisma.generatedDocument.findFirstOrThrow({ where: { reviewId, kind }, select: { storageKey: true } })
	const { text } = await extractText(await getDocumentProxy(new Uint8Array(await readDocument(doc.storageKey))), { mergePages: true })
	return text.replace(/\s+/g, ' ')
}
