// The S3-compatible implementation of the object store (object-store.server.ts), loaded only when STORAGE_URL is set.
// Objects `[prefix/]evidence/<key>` and `[prefix/]documents/<key>` in one private bucket; why and what was measured:
// docs/decisions/018-storage-and-jobs.md.
import { createReadStream } from 'node:fs'
import type { Readable } from 'node:stream'
import { DeleteObjectsCommand, GetObjectCommand, ListObjectsV2Command, NoSuchKey, S3Client } from '@aws-sdk/client-s3'
import { Upload } from '@aws-sdk/lib-storage'
import { checkKey, SAFE_KEY, type ListedObject, type ObjectStore, type Storage, type StoredObject } from '#app/storage/object-store.server.ts'

export function createS3Storage(storageUrl: string): Storage {
	const { bucket, prefix, client } = s3Client(storageUrl)
	return {
		evidence: new S3Store(client, bucket, `${prefix}evidence/`),
		documents: new S3Store(client, bucket, `${prefix}documents/`),
		close: () => client.destroy(),
	}
}

// The smallest part S3 allows. With one part in flight an upload holds at most this much of a file in memory
// (lib-storage buffers queueSize * partSize); smaller files go as one PutObject.
const PART_BYTES = 5 * 1024 * 1024
const DELETE_BATCH = 1000 // DeleteObjects' limit

/**
 * s3://bucket[/prefix][?endpoint=https://…&region=…&forcePathStyle=true]. Credentials are the SDK's own chain
 * (AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY, a profile, an instance or container role); never in the URL.
 */
export function parseStorageUrl(storageUrl: string) {
	const url = new URL(storageUrl)
	if (url.protocol !== 's3:' || !url.hostname) throw new Error('STORAGE_URL must be s3://bucket-name')
	if (url.username || url.password) throw new Error('STORAGE_URL must not carry credentials: set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY')
	const prefix = decodeURIComponent(url.pathname).replace(/^\/+|\/+$/g, '')
	return {
		bucket: url.hostname,
		prefix: prefix ? `${prefix}/` : '',
		endpoint: url.searchParams.get('endpoint') ?? undefined,
		region: url.searchParams.get('region') ?? process.env.AWS_REGION ?? 'us-east-1',
		forcePathStyle: url.searchParams.get('forcePathStyle') === 'true',
	}
}

function s3Client(storageUrl: string) {
	const { bucket, prefix, endpoint, region, forcePathStyle } = parseStorageUrl(storageUrl)
	const client = new S3Client({
		region,
		endpoint,
		forcePathStyle,
		// Checksums only where S3 requires them: the newer default (a CRC trailer on every upload) is refused by
		// several S3-compatible stores; integrity is ours anyway (evidence rows keep their SHA-256).
		requestChecksumCalculation: 'WHEN_REQUIRED',
		responseChecksumValidation: 'WHEN_REQUIRED',
		requestHandler: {
			connectionTimeout: 10_000,
			socketTimeout: 60_000,
			// A download holds its socket until the browser has taken the file: room for many slow ones.
			httpAgent: { keepAlive: true, maxSockets: 200 },
			httpsAgent: { keepAlive: true, maxSockets: 200 },
		},
	})
	return { bucket, prefix, client }
}

export class S3Store implements ObjectStore {
	readonly location: string

	constructor(
		readonly client: S3Client,
		readonly bucket: string,
		readonly prefix: string,
	) {
		this.location = `s3://${bucket}/${prefix}`
	}

	#key(key: string) {
		return `${this.prefix}${checkKey(key)}`
	}

	/** Streamed with lib-storage's Upload, one part in flight: never the whole file in memory. No ACL: the bucket's own (private). */
	async put(key: string, body: Uint8Array | Readable, options: { contentType?: string } = {}) {
		const upload = new Upload({
			client: this.client,
			params: { Bucket: this.bucket, Key: this.#key(key), Body: body, ContentType: options.contentType },
			queueSize: 1,
			partSize: PART_BYTES,
			leavePartsOnError: false, // a failed multipart upload is aborted, its parts removed
		})
		await upload.done()
	}

	async putFile(key: string, file: string, options: { contentType?: string } = {}) {
		await this.put(key, createReadStream(file, { highWaterMark: 64 * 1024 }), options)
	}

	async get(key: string): Promise<StoredObject | null> {
		try {
			const object = await this.client.send(new GetObjectCommand({ Bucket: this.bucket, Key: this.#key(key) }))
			if (!object.Body || object.ContentLength === undefined) throw new Error(`${this.location}${key}: no body or length`)
			return { body: object.Body.transformToWebStream() as ReadableStream<Uint8Array>, size: object.ContentLength }
		} catch (error) {
			if (error instanceof NoSuchKey || (error as { name?: string }).name === 'NoSuchKey') return null
			throw error
		}
	}

	async delete(keys: string[]) {
		for (let i = 0; i < keys.length; i += DELETE_BATCH) {
			const batch = keys.slice(i, i + DELETE_BATCH)
			const result = await this.client.send(
				new DeleteObjectsCommand({ Bucket: this.bucket, Delete: { Objects: batch.map((key) => ({ Key: this.#key(key) })), Quiet: true } }),
			)
			const failed = result.Errors ?? []
			if (failed.length) throw new Error(`${this.location}: could not delete ${failed.map((e) => `${e.Key} (${e.Code})`).join(', ')}`)
		}
	}

	async *list(): AsyncIterable<ListedObject> {
		let ContinuationToken: string | undefined
		do {
			const page = await this.client.send(new ListObjectsV2Command({ Bucket: this.bucket, Prefix: this.prefix, ContinuationToken }))
			for (const object of page.Contents ?? []) {
				const key = object.Key?.slice(this.prefix.length)
				if (key && object.LastModified && SAFE_KEY.test(key)) yield { key, modifiedAt: object.LastModified }
			}
			ContinuationToken = page.IsTruncated ? page.NextContinuationToken : undefined
		} while (ContinuationToken)
	}
}
