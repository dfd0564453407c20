// Evidence and generated documents in an S3-compatible store (issue 15; docs/decisions/018-storage-and-jobs.md),
// through the app's own code paths: the evidence upload action and download route, a review report stored on
// submission and served by the document route, removals that delete their objects, and the sweep of objects no row
// names. The store is a real S3-protocol server (s3rver) started here, and what is in the bucket is checked over the
// S3 protocol with a client of our own, never through the code under test.
import { createHash } from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { Readable } from 'node:stream'
import { GetObjectCommand, HeadObjectCommand, ListObjectsV2Command, PutObjectCommand, S3Client } from '@aws-sdk/client-s3'
// @ts-expect-error -- s3rver ships no type declarations; the little used here is typed below
import S3rverModule from 's3rver'
import { afterAll, beforeAll, expect, test } from 'vitest'
import { prisma } from '#app/db/db.server.ts'
import { partForSlug } from '#app/domain/review-parts.ts'
import { enqueueEmail } from '#app/email/enqueue.server.ts'
import { env } from '#app/env.server.ts'
import { deliverDueMessages } from '#app/jobs/outbox.server.ts'
import * as documentRoute from '#app/routes/document.ts'
import * as check from '#app/routes/review-check.tsx'
import * as evidenceFileRoute from '#app/routes/review-evidence-file.tsx'
import * as evidence from '#app/routes/review-evidence.tsx'
import * as part from '#app/routes/review-part.tsx'
import { saveDocument } from '#app/storage/documents.server.ts'
import { receiveEvidenceUpload } from '#app/storage/evidence.server.ts'
import { createStorage, LocalFolderStore, useStorage, type ObjectStore, type Storage } from '#app/storage/object-store.server.ts'
import { ORPHAN_MIN_AGE_MS, sweepOrphanFiles } from '#app/storage/orphans.server.ts'
import { parseStorageUrl, S3Store } from '#app/storage/s3-store.server.ts'
import { pdfFile, pngFile } from '#tests/evidence-files.ts'
import { completedParts, cookieFor, expectRedirect, HIGHFIELD_SENCO, OAKFIELD_SENCO, request, run, startDraft } from '#tests/helpers.ts'
import { startSmtp } from '#tests/smtp.ts'

type S3rverOptions = { port: number; address: string; silent: boolean; directory: string; configureBuckets: Array<{ name: string; configs: string[] }> }
const S3rver = S3rverModule as new (options: S3rverOptions) => { run(): Promise<{ port: number }>; close(): Promise<void> }

const BUCKET = 'evidence'
const MIB = 1024 * 1024
let server: InstanceType<typeof S3rver>
let dir: string
let storageUrl: string
let storage: Storage
let bucket: S3Client // our own client, to see what is really in the bucket
const savedCredentials = { id: process.env.AWS_ACCESS_KEY_ID, secret: process.env.AWS_SECRET_ACCESS_KEY }

beforeAll(async () => {
	dir = fs.mkdtempSync(path.join(os.tmpdir(), 's3rver-'))
	server = new S3rver({ port: 0, address: '127.0.0.1', silent: true, directory: dir, configureBuckets: [{ name: BUCKET, configs: [] }] })
	const { port } = await server.run()
	// The SDK reads its credentials itself, from the standard variables, as it would in production.
	process.env.AWS_ACCESS_KEY_ID = 'S3RVER'
	process.env.AWS_SECRET_ACCESS_KEY = 'S3RVER'
	const endpoint = `http://127.0.0.1:${port}`
	storageUrl = `s3://${BUCKET}/portal-test?endpoint=${encodeURIComponent(endpoint)}&region=eu-west-2&forcePathStyle=true`
	storage = await createStorage({ ...env, STORAGE_URL: storageUrl })
	useStorage(storage)
	bucket = new S3Client({ endpoint, region: 'eu-west-2', forcePathStyle: true, credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' } })
})

afterAll(async () => {
	useStorage(null)
	storage?.close()
	bucket?.destroy()
	await server?.close()
	fs.rmSync(dir, { recursive: true, force: true })
	process.env.AWS_ACCESS_KEY_ID = savedCredentials.id
	process.env.AWS_SECRET_ACCESS_KEY = savedCredentials.secret
	if (savedCredentials.id === undefined) delete process.env.AWS_ACCESS_KEY_ID
	if (savedCredentials.secret === undefined) delete process.env.AWS_SECRET_ACCESS_KEY
})

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex')

/** The object's bytes as the bucket has them, or null when there is none. */
async function objectInBucket(key: string): Promise<Buffer | null> {
	try {
		const object = await bucket.send(new GetObjectCommand({ Bucket: BUCKET, Key: key }))
		return Buffer.from(await object.Body!.transformToByteArray())
	} catch (error) {
		if ((error as { name?: string }).name === 'NoSuchKey') return null
		throw error
	}
}

async function keysInBucket(prefix: string) {
	const listed = await bucket.send(new ListObjectsV2Command({ Bucket: BUCKET, Prefix: prefix }))
	return (listed.Contents ?? []).map((o) => o.Key!.slice(prefix.length)).sort()
}

const localFiles = (folder: string) => (fs.existsSync(folder) ? fs.readdirSync(folder).filter((name) => name !== 'tmp' && name !== 'imports') : [])

test('the settings choose the store: local folders without STORAGE_URL, S3 with it, with no restart', async () => {
	const local = await createStorage({ EVIDENCE_DIR: 'data/e', DOCUMENTS_DIR: 'data/d', STORAGE_URL: undefined })
	expect(local.evidence).toBeInstanceOf(LocalFolderStore)
	expect(local.evidence.location).toBe(path.resolve('data/e'))
	expect(local.documents.location).toBe(path.resolve('data/d'))
	const s3 = await createStorage({ EVIDENCE_DIR: 'data/e', DOCUMENTS_DIR: 'data/d', STORAGE_URL: 's3://council-files' })
	expect(s3.evidence).toBeInstanceOf(S3Store)
	expect(s3.evidence.location).toBe('s3://council-files/evidence/')
	expect(s3.documents.location).toBe('s3://council-files/documents/')
	s3.close()

	expect(parseStorageUrl('s3://council-files/kent/live/?endpoint=https%3A%2F%2Fminio.example%3A9000&region=eu-west-2&forcePathStyle=true')).toEqual({
		bucket: 'council-files',
		prefix: 'kent/live/',
		endpoint: 'https://minio.example:9000',
		region: 'eu-west-2',
		forcePathStyle: true,
	})
	expect(parseStorageUrl('s3://council-files?endpoint=http://127.0.0.1:9000')).toMatchObject({
		prefix: '',
		endpoint: 'http://127.0.0.1:9000',
		forcePathStyle: false,
	})
	expect(() => parseStorageUrl('s3://key:secret@council-files')).toThrow(/credentials/)
})

// The same contract, kept by both implementations.
for (const kind of ['local folder', 'S3'] as const) {
	test(`the ${kind} store puts bytes and streams whole, gets them back with their size, lists and deletes them`, async () => {
		const store: ObjectStore = kind === 'S3' ? storage.documents : new LocalFolderStore(fs.mkdtempSync(path.join(os.tmpdir(), 'store-')))
		const key = (n: number) => `${'f'.repeat(31)}${n}`
		const bytes = new TextEncoder().encode('%PDF-1.7 a letter')
		await store.put(key(1), bytes, { contentType: 'application/pdf' })
		await store.put(key(2), Readable.from([Buffer.from('streamed '), Buffer.from('in two chunks')]))

		const first = await store.get(key(1))
		expect(first?.size).toBe(bytes.byteLength)
		expect(Buffer.from(await new Response(first!.body).arrayBuffer()).toString()).toBe('%PDF-1.7 a letter')
		const second = await store.get(key(2))
		expect(Buffer.from(await new Response(second!.body).arrayBuffer()).toString()).toBe('streamed in two chunks')
		expect(await store.get(key(3))).toBeNull()

		const listed: string[] = []
		for await (const object of store.list()) {
			expect(Date.now() - object.modifiedAt.getTime()).toBeLessThan(60 * 60_000)
			listed.push(object.key)
		}
		expect(listed).toEqual(expect.arrayContaining([key(1), key(2)]))

		await store.delete([key(1), key(2), key(3)]) // one never stored: not an error
		expect(await store.get(key(1))).toBeNull()
		expect(await store.get(key(2))).toBeNull()
		for (const bad of ['../portal.db', 'a/b', '', '..']) await expect(store.get(bad)).rejects.toThrow(/storage key/)
	})
}

test('evidence uploaded through the form is streamed into the bucket, downloads through the route with its headers, and its removal deletes it', async () => {
	const cookie = await cookieFor(OAKFIELD_SENCO)
	const { reviewId } = await startDraft(cookie, OAKFIELD_SENCO)
	const before = localFiles(env.EVIDENCE_DIR)
	const bytes = await pdfFile({ pages: 2 })
	const fileName = 'Zoë’s SALT report.pdf'
	const uploaded = await run(
		evidence.action,
		request(`/reviews/${reviewId}/evidence`, { cookie, multipart: true, form: { title: 'SALT report' }, files: { file: new File([bytes], fileName) } }),
		{ reviewId },
	)
	expectRedirect(uploaded, new RegExp(`^/reviews/${reviewId}/evidence\\?uploaded=`))
	const row = await prisma.evidenceFile.findFirstOrThrow({ where: { reviewId }, select: { id: true, storageKey: true, sha256: true, sizeBytes: true } })

	// In the bucket, under the evidence prefix, whole; nothing left on local disk (the upload's temporary file is gone).
	const stored = await objectInBucket(`portal-test/evidence/${row.storageKey}`)
	expect(stored && sha256(stored)).toBe(sha256(bytes))
	expect(row).toMatchObject({ sha256: sha256(bytes), sizeBytes: bytes.length })
	expect(localFiles(env.EVIDENCE_DIR)).toEqual(before)
	expect(fs.existsSync(path.join(env.EVIDENCE_DIR, 'tmp')) ? fs.readdirSync(path.join(env.EVIDENCE_DIR, 'tmp')) : []).toEqual([])
	const head = await bucket.send(new HeadObjectCommand({ Bucket: BUCKET, Key: `portal-test/evidence/${row.storageKey}` }))
	expect(head.ContentType).toBe('application/pdf')

	// The download route: the same permission checks, audit and headers as from the local folder.
	const download = (await run(evidenceFileRoute.loader, request(`/reviews/${reviewId}/evidence/${row.id}`, { cookie }), {
		reviewId,
		evidenceId: row.id,
	})) as Response
	expect(download.status).toBe(200)
	expect(Object.fromEntries(download.headers)).toMatchObject({
		'content-type': 'application/pdf',
		'content-length': String(bytes.length),
		'content-disposition': `attachment; filename="Zoe_s SALT report.pdf"; filename*=UTF-8''Zo%C3%AB%E2%80%99s%20SALT%20report.pdf`,
		'x-content-type-options': 'nosniff',
		'cache-control': 'private, no-store',
		'content-security-policy': "default-src 'none'; sandbox",
	})
	expect(sha256(Buffer.from(await download.arrayBuffer()))).toBe(sha256(bytes))
	expect(await prisma.auditEvent.count({ where: { reviewId, action: 'evidence.download', entityId: row.id } })).toBe(1)

	// Another school's SENCo is refused before anything is read from the store.
	const other = await cookieFor(HIGHFIELD_SENCO)
	const refused = (await run(evidenceFileRoute.loader, request(`/reviews/${reviewId}/evidence/${row.id}`, { cookie: other }), {
		reviewId,
		evidenceId: row.id,
	})) as Response
	expect([403, 404]).toContain(refused.status)

	// "Yes, remove it": the row and the object go.
	const removed = await run(evidence.action, request(`/reviews/${reviewId}/evidence`, { cookie, form: { intent: 'delete', evidenceId: row.id } }), {
		reviewId,
	})
	expectRedirect(removed, `/reviews/${reviewId}/evidence?removed=1`)
	expect(await prisma.evidenceFile.count({ where: { id: row.id } })).toBe(0)
	expect(await objectInBucket(`portal-test/evidence/${row.storageKey}`)).toBeNull()
	const gone = (await run(evidenceFileRoute.loader, request(`/reviews/${reviewId}/evidence/${row.id}`, { cookie }), {
		reviewId,
		evidenceId: row.id,
	})) as Response
	expect(gone.status).toBe(404)
})

test('a refused upload leaves nothing in the bucket', async () => {
	const cookie = await cookieFor(OAKFIELD_SENCO)
	const { reviewId } = await startDraft(cookie, OAKFIELD_SENCO)
	const before = await keysInBucket('portal-test/evidence/')
	const whole = await pdfFile()
	const refused = (await run(
		evidence.action,
		request(`/reviews/${reviewId}/evidence`, {
			cookie,
			multipart: true,
			form: { title: 'SALT report' },
			files: { file: new File([whole.subarray(0, 100)], 'report.pdf') },
		}),
		{ reviewId },
	)) as { init: { status: number } }
	expect(refused.init.status).toBe(400)
	// A sound file with no title: stored, then deleted when the form is refused.
	const untitled = (await run(
		evidence.action,
		request(`/reviews/${reviewId}/evidence`, { cookie, multipart: true, form: { title: '' }, files: { file: new File([whole], 'report.pdf') } }),
		{ reviewId },
	)) as { init: { status: number } }
	expect(untitled.init.status).toBe(400)
	expect(await keysInBucket('portal-test/evidence/')).toEqual(before)
})

test('a file larger than one part goes up in parts, one at a time, never whole in memory, and comes back whole', async () => {
	// What the store sends, seen from the SDK's middleware: which commands, and how many parts at once.
	const sent: string[] = []
	let inFlight = 0
	let mostInFlight = 0
	const client = (storage.evidence as S3Store).client
	client.middlewareStack.add(
		(next, context) => async (args) => {
			sent.push(context.commandName ?? '?')
			inFlight++
			mostInFlight = Math.max(mostInFlight, inFlight)
			try {
				return await next(args)
			} finally {
				inFlight--
			}
		},
		{ step: 'initialize', name: 'watchParts' },
	)
	try {
		const fileBytes = 120 * MIB
		const upload = streamedUpload(fileBytes, pngFile())
		const rssBefore = process.memoryUsage().rss
		const result = await receiveEvidenceUpload(upload.request, { maxBytes: 150 * MIB, clamdSocket: null })
		const rssGrowth = process.memoryUsage().rss - rssBefore
		console.info(`storage-s3: a ${fileBytes / MIB} MiB upload grew the RSS by ${(rssGrowth / MIB).toFixed(1)} MiB`)
		expect(result.error).toBeNull()
		expect(result.file).toMatchObject({ contentType: 'image/png', sizeBytes: fileBytes, sha256: upload.sha256() })
		expect(sent.filter((c) => c === 'UploadPartCommand')).toHaveLength(Math.ceil(fileBytes / (5 * MIB)))
		expect(sent).toContain('CompleteMultipartUploadCommand')
		expect(mostInFlight).toBe(1)
		expect(rssGrowth).toBeLessThan(80 * MIB) // the whole file would be 120 MiB; measured: 40 MiB, s3rver's own included

		const head = await bucket.send(new HeadObjectCommand({ Bucket: BUCKET, Key: `portal-test/evidence/${result.file!.storageKey}` }))
		expect(head.ContentLength).toBe(fileBytes)
		const stored = await storage.evidence.get(result.file!.storageKey)
		expect(stored?.size).toBe(fileBytes)
		const hash = createHash('sha256')
		for await (const chunk of Readable.fromWeb(stored!.body as never)) hash.update(chunk as Buffer)
		expect(hash.digest('hex')).toBe(upload.sha256())
		await storage.evidence.delete([result.file!.storageKey])
	} finally {
		client.middlewareStack.remove('watchParts')
	}
})

test('a review report stored on submission is in the bucket, served by the document route, and not kept when the submission does not go through', async () => {
	const cookie = await cookieFor(OAKFIELD_SENCO)
	const { reviewId } = await startDraft(cookie, OAKFIELD_SENCO) // the parent is invited: the report is stored and sent
	for (const [slug, form] of await completedParts(reviewId, { recommendation: 'MAINTAIN', reasons: 'Still right.' })) {
		const version = (await prisma.reviewSection.findFirst({ where: { reviewId, key: partForSlug(slug)! }, select: { version: true } }))?.version ?? 0
		expectRedirect(
			await run(part.action, request(`/reviews/${reviewId}/parts/${slug}`, { cookie, form: { ...form, completed: 'yes', version: String(version) } }), {
				reviewId,
				part: slug,
			}),
			/^\/reviews\//,
		)
	}
	const documentsBefore = await keysInBucket('portal-test/documents/')
	const localBefore = localFiles(env.DOCUMENTS_DIR)
	const { lockVersion } = await prisma.annualReview.findUniqueOrThrow({ where: { id: reviewId }, select: { lockVersion: true } })

	// Opened before a change: the report is drawn and stored, the submission refused, and the object removed.
	const stale = await run(check.action, request(`/reviews/${reviewId}/check`, { cookie, form: { lockVersion: String(lockVersion - 1) } }), { reviewId })
	expect(stale).not.toBeInstanceOf(Response)
	expect(await keysInBucket('portal-test/documents/')).toEqual(documentsBefore)

	expectRedirect(
		await run(check.action, request(`/reviews/${reviewId}/check`, { cookie, form: { lockVersion: String(lockVersion) } }), { reviewId }),
		`/reviews/${reviewId}/submitted`,
	)
	const document = await prisma.generatedDocument.findFirstOrThrow({
		where: { reviewId, kind: 'REVIEW_RECORD' },
		select: { id: true, storageKey: true, sizeBytes: true, title: true },
	})
	expect(await keysInBucket('portal-test/documents/')).toEqual([...documentsBefore, document.storageKey].sort())
	expect(localFiles(env.DOCUMENTS_DIR)).toEqual(localBefore)
	const stored = await objectInBucket(`portal-test/documents/${document.storageKey}`)
	expect(stored?.length).toBe(document.sizeBytes)
	expect(stored!.subarray(0, 5).toString()).toBe('%PDF-')

	const served = (await run(documentRoute.loader, request(`/documents/${document.id}`, { cookie }), { documentId: document.id })) as Response
	expect(served.status).toBe(200)
	expect(served.headers.get('content-type')).toBe('application/pdf')
	expect(served.headers.get('content-length')).toBe(String(document.sizeBytes))
	expect(served.headers.get('cache-control')).toBe('private, no-store')
	expect(served.headers.get('content-disposition')).toMatch(/^attachment; filename="Annual review report - /)
	expect(Buffer.from(await served.arrayBuffer()).equals(stored!)).toBe(true)
	expect(await prisma.auditEvent.count({ where: { reviewId, action: 'review.download', entityId: document.id } })).toBe(1)

	// Another school cannot have it.
	const refused = (await run(documentRoute.loader, request(`/documents/${document.id}`, { cookie: await cookieFor(HIGHFIELD_SENCO) }), {
		documentId: document.id,
	})) as Response
	expect([403, 404]).toContain(refused.status)
})

test('the sweep removes old objects no row names, in both prefixes, and keeps recorded and recent ones', async () => {
	const review = await prisma.annualReview.findFirstOrThrow({ select: { id: true } })
	const user = await prisma.user.findFirstOrThrow({ select: { id: true } })
	const put = (prefix: string, key: string) => bucket.send(new PutObjectCommand({ Bucket: BUCKET, Key: `portal-test/${prefix}/${key}`, Body: 'x' }))
	const issued = 'a'.repeat(32)
	const crashed = 'b'.repeat(32)
	const recordedEvidence = 'c'.repeat(32)
	const strayEvidence = 'd'.repeat(32)
	await put('documents', issued)
	await put('documents', crashed)
	await put('evidence', recordedEvidence)
	await put('evidence', strayEvidence)
	await bucket.send(new PutObjectCommand({ Bucket: BUCKET, Key: 'elsewhere/documents/' + 'e'.repeat(32), Body: 'another prefix' }))
	await prisma.generatedDocument.create({
		data: { reviewId: review.id, kind: 'DECISION_LETTER', title: 'Decision letter.pdf', storageKey: issued, sizeBytes: 1 },
	})
	await prisma.evidenceFile.create({
		data: {
			reviewId: review.id,
			title: 'Report',
			fileName: 'report.pdf',
			contentType: 'application/pdf',
			sizeBytes: 1,
			sha256: '0'.repeat(64),
			storageKey: recordedEvidence,
			uploadedById: user.id,
		},
	})
	const rowless = async () => {
		const documents = new Set((await prisma.generatedDocument.findMany({ select: { storageKey: true } })).map((d) => d.storageKey))
		const evidenceKeys = new Set((await prisma.evidenceFile.findMany({ select: { storageKey: true } })).map((e) => e.storageKey))
		return [
			...(await keysInBucket('portal-test/documents/')).filter((k) => !documents.has(k)),
			...(await keysInBucket('portal-test/evidence/')).filter((k) => !evidenceKeys.has(k)),
		]
	}
	const orphans = await rowless()
	expect(orphans).toEqual(expect.arrayContaining([crashed, strayEvidence]))

	// Just written: too young to be anyone's orphan yet.
	expect(await sweepOrphanFiles()).toEqual({ files: 0, temporary: 0 })
	expect(await keysInBucket('portal-test/documents/')).toContain(crashed)

	const later = new Date(Date.now() + ORPHAN_MIN_AGE_MS + 60_000)
	expect(await sweepOrphanFiles({ now: later })).toEqual({ files: orphans.length, temporary: 0 })
	expect(await rowless()).toEqual([])
	expect(await keysInBucket('portal-test/documents/')).toContain(issued)
	expect(await keysInBucket('portal-test/evidence/')).toContain(recordedEvidence)
	expect(await keysInBucket('elsewhere/documents/')).toEqual(['e'.repeat(32)]) // outside the portal's prefix: not ours
	expect(await sweepOrphanFiles({ now: later })).toEqual({ files: 0, temporary: 0 })
})

/** A multipart request whose file is made as it is read (never whole in memory), starting with `firstBytes`. */
function streamedUpload(fileBytes: number, firstBytes: Buffer) {
	const boundary = '----ehc-test-s3-7MA4YWxkTrZu0gW'
	const head = Buffer.from(
		`--${boundary}\r\nContent-Disposition: form-data; name="title"\r\n\r\nScan\r\n` +
			`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="scan.png"\r\nContent-Type: image/png\r\n\r\n`,
	)
	const hash = createHash('sha256')
	let sent = 0
	let stage: 'head' | 'file' | 'done' = 'head'
	const body = new ReadableStream<Uint8Array>({
		pull(controller) {
			if (stage === 'head') {
				stage = 'file'
				controller.enqueue(Buffer.concat([head, firstBytes]))
				hash.update(firstBytes)
				sent = firstBytes.length
			} else if (stage === 'file' && sent < fileBytes) {
				const chunk = Buffer.alloc(Math.min(64 * 1024, fileBytes - sent), sent % 251)
				hash.update(chunk)
				sent += chunk.length
				controller.enqueue(chunk)
			} else if (stage === 'file') {
				stage = 'done'
				controller.enqueue(Buffer.from(`\r\n--${boundary}--\r\n`))
				controller.close()
			}
		},
	})
	const request = new Request('http://localhost/reviews/r1/evidence', {
		method: 'POST',
		headers: { 'Content-Type': `multipart/form-data; boundary=${boundary}` },
		body,
		duplex: 'half',
	} as RequestInit & { duplex: 'half' })
	let digest: string | undefined
	return { request, sha256: () => (digest ??= hash.digest('hex')) }
}

test('a letter attached to an email is read from the bucket when the email is sent', async () => {
	const review = await prisma.annualReview.findFirstOrThrow({
		where: { status: 'SUBMITTED' },
		orderBy: { id: 'asc' },
		select: { id: true, child: { select: { firstName: true, lastName: true } } },
	})
	const letter = Buffer.from(`%PDF-1.7\n% a letter kept in the bucket ${Date.now()}\n%%EOF\n`)
	const storageKey = await saveDocument(letter)
	expect(await keysInBucket('portal-test/documents/')).toContain(storageKey)
	expect(localFiles(env.DOCUMENTS_DIR)).not.toContain(storageKey)
	const document = await prisma.generatedDocument.create({
		data: { reviewId: review.id, kind: 'DECISION_LETTER', title: 'Decision letter, 20 March 2027', storageKey, sizeBytes: letter.length },
	})
	await prisma.$transaction((tx) =>
		enqueueEmail(tx, {
			to: 'parent.bucket@example.org',
			template: 'decision-letter',
			reviewId: review.id,
			payload: {
				reviewId: review.id,
				child: review.child,
				audience: 'PARENT',
				decision: 'MAINTAIN',
				meetingOn: '2027-03-01',
				decidedOn: '2027-03-20',
				appealBy: '2027-05-20',
				contact: { name: 'Priya Shah', email: 'caseworker@kent.example.gov.uk' },
				attachments: [{ documentId: document.id }],
			},
		}),
	)
	const smtp = await startSmtp()
	try {
		expect((await deliverDueMessages({ transport: smtp.transport })).sent).toBeGreaterThanOrEqual(1)
		const mail = smtp.received.find((m) => m.subject?.includes(review.child.firstName) && m.attachments.length === 1)
		expect(mail?.attachments[0]!.filename).toBe('Decision letter, 20 March 2027.pdf')
		expect(Buffer.compare(mail!.attachments[0]!.content, letter)).toBe(0)
	} finally {
		await smtp.close()
	}
})
