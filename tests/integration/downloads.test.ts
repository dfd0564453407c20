// A download that cannot be made sends the person to a page that says so and links back, instead of a bare
// "Unexpected Server Error" or a PDF that breaks off half-way (a letter's file missing after a restore).
import { randomBytes } from 'node:crypto'
import fs from 'node:fs'
import { expect, test, vi } from 'vitest'
import { prisma } from '#app/db/db.server.ts'
import * as documentRoute from '#app/routes/document.ts'
import * as problemRoute from '#app/routes/download-problem.tsx'
import { documentPath } from '#app/storage/documents.server.ts'
import { cookieFor, request, run } from '../helpers.ts'

const SENCO = 'senco@oakfield-primary.example.org'

async function storedLetter(bytes: number | null) {
	const senco = await prisma.user.findUniqueOrThrow({ where: { email: SENCO }, select: { schoolId: true } })
	const review = await prisma.annualReview.findFirstOrThrow({ where: { schoolId: senco.schoolId! }, select: { id: true } })
	const storageKey = randomBytes(16).toString('hex')
	if (bytes !== null) {
		fs.mkdirSync(process.env.DOCUMENTS_DIR!, { recursive: true })
		fs.writeFileSync(documentPath(storageKey), Buffer.alloc(bytes, 0x25))
	}
	const document = await prisma.generatedDocument.create({
		data: { reviewId: review.id, kind: 'DECISION_LETTER', title: 'Decision letter.pdf', storageKey, sizeBytes: 2_000 },
		select: { id: true },
	})
	return { reviewId: review.id, documentId: document.id }
}

test('a stored letter whose file is missing, or not the size recorded, leads to the problem page and back to its review', async () => {
	const cookie = await cookieFor(SENCO)
	const errors = vi.spyOn(console, 'error').mockImplementation(() => {})
	for (const bytes of [null, 1_000]) {
		const { reviewId, documentId } = await storedLetter(bytes)
		const response = (await run(documentRoute.loader, request(`/documents/${documentId}`, { cookie }), { documentId })) as Response
		expect(response.status).toBe(303)
		expect(response.headers.get('location')).toBe(`/download-problem?back=${encodeURIComponent(`/reviews/${reviewId}`)}`)
	}
	expect(errors).toHaveBeenCalledTimes(2)
	errors.mockClear()
	errors.mockRestore()

	// A whole file still downloads.
	const { documentId } = await storedLetter(2_000)
	const ok = (await run(documentRoute.loader, request(`/documents/${documentId}`, { cookie }), { documentId })) as Response
	expect(ok.status).toBe(200)
	expect((await ok.arrayBuffer()).byteLength).toBe(2_000)
})

test('the problem page links back only within the service', async () => {
	const back = (path: string) =>
		(problemRoute.loader({ request: request(`/download-problem?back=${encodeURIComponent(path)}`) } as never) as { back: string }).back
	expect(back('/reviews/abc')).toBe('/reviews/abc')
	expect(back('//evil.example/x')).toBe('/')
	expect(back('https://evil.example/')).toBe('/')
})
