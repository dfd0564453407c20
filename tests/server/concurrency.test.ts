// An ordinary busy half-minute on the embedded default (issue 10): seven people at once against `npm start`'s two
// workers sharing one SQLite file: SENCos uploading and removing evidence and saving parts of their reviews,
// caseworkers and a manager reading their pages, people signing in and out. Nothing may fail (no 5xx, no dropped
// connection), and everyone can still sign in afterwards. (Before the fix: 951 errors in 1,739 requests, then no
// one could sign in.) The figures are printed; speed is measured in bench/load.bench.ts, not asserted here.
import { PDFDocument } from 'pdf-lib'
import { afterAll, beforeAll, expect, test } from 'vitest'
import { signIn, startServer, type TestServer } from './server.ts'

const SECONDS = Number(process.env.LOAD_SECONDS ?? 30)
let server: TestServer

beforeAll(async () => {
	server = await startServer({ port: 3102, workers: 2 })
})
afterAll(() => server?.stop())

type Tally = { requests: number; failures: string[]; statuses: Map<number, number> }

async function onePagePdf(label: string) {
	const pdf = await PDFDocument.create()
	pdf.addPage([200, 200]).drawText(label, { x: 20, y: 100, size: 12 })
	return pdf.save()
}

test(`seven people working at once for ${SECONDS} s: no errors, and signing in works afterwards`, async () => {
	const { url, prisma } = server
	// Three SENCos on their own schools' draft reviews: two at Oakfield, one at Highfield.
	const draftAt = (school: string, take: number) =>
		prisma.annualReview.findMany({ where: { status: 'DRAFT', child: { school: { name: school } } }, select: { id: true }, take, orderBy: { id: 'asc' } })
	const drafts = [
		...(await draftAt('Oakfield Primary School', 2)).map((d) => ({ ...d, email: 'senco@oakfield-primary.example.org' })),
		...(await draftAt('Highfield Academy', 1)).map((d) => ({ ...d, email: 'senco@highfield-academy.example.org' })),
	]
	expect(drafts).toHaveLength(3)
	const councilReviews = await prisma.annualReview.findMany({ where: { status: { not: 'DRAFT' } }, select: { id: true }, take: 20 })
	const pdf = await onePagePdf('Evidence for the load test')
	const tally: Tally = { requests: 0, failures: [], statuses: new Map() }
	const rounds = [0, 0, 0]
	const until = Date.now() + SECONDS * 1000

	async function send(cookie: string, path: string, init: RequestInit = {}) {
		tally.requests++
		try {
			const response = await fetch(`${url}${path}`, {
				redirect: 'manual',
				...init,
				headers: { cookie, origin: url, ...(init.headers as Record<string, string>) },
			})
			tally.statuses.set(response.status, (tally.statuses.get(response.status) ?? 0) + 1)
			if (response.status >= 500) tally.failures.push(`${init.method ?? 'GET'} ${path}: ${response.status}`)
			if (response.status >= 400 && process.env.LOAD_DEBUG)
				console.log(init.method ?? 'GET', path, response.status, (await response.clone().text()).slice(0, 300))
			await response.arrayBuffer()
			return response
		} catch (error) {
			tally.failures.push(`${init.method ?? 'GET'} ${path}: ${(error as Error).message}`)
			return null
		}
	}
	const form = (fields: Record<string, string>) => ({
		method: 'POST',
		headers: { 'content-type': 'application/x-www-form-urlencoded' },
		body: new URLSearchParams(fields),
	})

	async function senco(email: string, reviewId: string, n: number) {
		const cookie = await signIn(server, email)
		for (let round = 0; Date.now() < until; round++) {
			const upload = new FormData()
			upload.set('title', `Load test evidence ${n}.${round}`)
			upload.set('file', new File([Buffer.from(pdf)], `evidence-${n}-${round}.pdf`, { type: 'application/pdf' }))
			await send(cookie, `/reviews/${reviewId}/evidence`, { method: 'POST', body: upload })
			await send(cookie, `/reviews/${reviewId}`)
			const part = await prisma.reviewSection.findUnique({ where: { reviewId_key: { reviewId, key: 'PARENT_VIEWS' } }, select: { version: true } })
			await send(
				cookie,
				`/reviews/${reviewId}/parts/parent-views`,
				form({ views: `Saved in round ${round}`, givenBy: 'Parent', completed: 'no', version: String(part?.version ?? 0) }),
			)
			await send(cookie, `/reviews/${reviewId}/evidence`)
			const stored = await prisma.evidenceFile.findMany({ where: { reviewId, title: { startsWith: `Load test evidence ${n}.` } }, select: { id: true } })
			for (const file of stored) await send(cookie, `/reviews/${reviewId}/evidence`, form({ intent: 'delete', evidenceId: file.id }))
			await send(cookie, '/school')
			rounds[n]!++
		}
	}
	async function reader(email: string, paths: () => string[]) {
		const cookie = await signIn(server, email)
		while (Date.now() < until) for (const path of paths()) await send(cookie, path)
	}
	async function signInAndOut() {
		const emails = ['senco@medway-school.example.org', 'manager@kent.example.gov.uk', 'admin@kent.example.gov.uk']
		for (let i = 0; Date.now() < until; i++) {
			tally.requests++
			const cookie = await signIn(server, emails[i % emails.length]!).catch((error: Error) => {
				tally.failures.push(`sign-in: ${error.message}`)
				return null
			})
			if (cookie) await send(cookie, '/sign-out', form({}))
		}
	}
	const pick = () => councilReviews[Math.floor(Math.random() * councilReviews.length)]!.id
	await Promise.all([
		...drafts.map((d, n) => senco(d.email, d.id, n)),
		reader('caseworker@kent.example.gov.uk', () => ['/caseload', `/council/reviews/${pick()}`, '/calendar']),
		reader('manager@kent.example.gov.uk', () => ['/timeliness', '/workload', '/caseload?view=all']),
		signInAndOut(),
	])
	console.log(
		`${tally.requests} requests in ${SECONDS} s (SENCos' rounds: ${rounds.join(', ')}); statuses ${JSON.stringify(Object.fromEntries(tally.statuses))}; ${tally.failures.length} failures`,
	)
	expect(tally.failures.slice(0, 20)).toEqual([])
	// Every SENCo got through whole rounds (upload, save, remove), however busy the machine.
	expect(Math.min(...rounds)).toBeGreaterThan(0)
	// Everyone can still sign in, and a write still goes through.
	for (const email of ['senco@oakfield-primary.example.org', 'caseworker@kent.example.gov.uk', 'manager@kent.example.gov.uk', 'admin@kent.example.gov.uk']) {
		const cookie = await signIn(server, email)
		const home = await fetch(`${url}/`, { redirect: 'manual', headers: { cookie } })
		expect(home.status, email).toBeLessThan(500)
	}
	const leftover = await prisma.evidenceFile.count({ where: { title: { startsWith: 'Load test evidence' } } })
	expect(leftover).toBe(0)
})
