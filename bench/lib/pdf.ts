// A small, valid PDF to upload as evidence (the portal checks a file's type by its content).
import { PDFDocument, StandardFonts } from 'pdf-lib'

export async function smallPdf(title = 'Speech and language therapy report'): Promise<Uint8Array> {
	const pdf = await PDFDocument.create()
	const font = await pdf.embedFont(StandardFonts.Helvetica)
	const page = pdf.addPage([595, 842])
	page.drawText(title, { x: 50, y: 780, size: 16, font })
	page.drawText('Progress this year: good. Recommendation: continue the current provision.', { x: 50, y: 750, size: 10, font })
	return pdf.save()
}
