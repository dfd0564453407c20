// Where evidence files and generated documents are kept: one small interface, two implementations.
// - Local folders (the embedded default): EVIDENCE_DIR and DOCUMENTS_DIR, one file per key, exactly the layout the
//   portal has always written, so existing data keeps working with nothing to set and nothing to run.
// - An S3-compatible store (AWS S3, MinIO, Ceph, a cloud's S3 API) when STORAGE_URL is set, so several instances
//   share the files: objects `[prefix/]evidence/<key>` and `[prefix/]documents/<key>` in one private bucket
//   (s3-store.server.ts, loaded only then).
// Why, and what was measured: docs/decisions/018-storage-and-jobs.md.
import { closeSync, createWriteStream, fstatSync, openSync, read } from 'node:fs'
import fs from 'node:fs/promises'
import path from 'node:path'
import { Readable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import { env, type Env } from '#app/env.server.ts'

/** A stored object on its way out: a pull-based stream and its size, known before the first byte is sent. */
export type StoredObject = { body: ReadableStream<Uint8Array>; size: number }
export type ListedObject = { key: string; modifiedAt: Date }

export interface ObjectStore {
	/** A folder or s3://bucket/prefix/, for messages. */
	readonly location: string
	/** Stores the bytes under the key, whole or not at all: a reader never sees half an object. */
	put(key: string, body: Uint8Array | Readable, options?: { contentType?: string }): Promise<void>
	/** Stores a local file's content under the key. The file may be moved (local folders) or left for the caller to remove. */
	putFile(key: string, file: string, options?: { contentType?: string }): Promise<void>
	/** The object, or null when there is none under the key. */
	get(key: string): Promise<StoredObject | null>
	/** Removes the objects; one already gone is not an error. */
	delete(keys: string[]): Promise<void>
	/** Every object, with when it was written: for the sweep of files no row names (orphans.server.ts). */
	list(): AsyncIterable<ListedObject>
}

export type Storage = { evidence: ObjectStore; documents: ObjectStore; close(): void }
export type StorageSettings = Pick<Env, 'EVIDENCE_DIR' | 'DOCUMENTS_DIR' | 'STORAGE_URL'>

// A key is one plain name: no folders, nothing that could walk out of a folder or a prefix.
export const SAFE_KEY = /^[A-Za-z0-9][A-Za-z0-9._-]{0,199}$/

export function checkKey(key: string) {
	if (!SAFE_KEY.test(key) || key.includes('..')) throw new Error('Not a storage key')
	return key
}

/**
 * The storage these settings describe: local folders unless STORAGE_URL is set. The AWS SDK is loaded only then, so
 * the embedded default neither loads it (about 90 ms and 20 MB a process) nor hears its warnings.
 */
export async function createStorage(settings: StorageSettings): Promise<Storage> {
	if (!settings.STORAGE_URL) {
		return {
			evidence: new LocalFolderStore(path.resolve(settings.EVIDENCE_DIR)),
			documents: new LocalFolderStore(path.resolve(settings.DOCUMENTS_DIR)),
			close() {},
		}
	}
	const { createS3Storage } = await import('#app/storage/s3-store.server.ts')
	return createS3Storage(settings.STORAGE_URL)
}

let current: Promise<Storage> | null = null

/** The app's storage, made from the environment on first use. */
export function storage(): Promise<Storage> {
	return (current ??= createStorage(env))
}

/** Points the app at other storage (a test's S3 server); null goes back to the environment's. */
export function useStorage(next: Storage | null) {
	current = next ? Promise.resolve(next) : null
}

// ---------------------------------------------------------------------------------------------------------------
// Local folders

export class LocalFolderStore implements ObjectStore {
	constructor(readonly location: string) {}

	path(key: string) {
		return path.join(this.location, checkKey(key))
	}

	/** Written to `<key>.tmp` and renamed, as the portal always has; a `.tmp` left by a crash is swept. */
	async put(key: string, body: Uint8Array | Readable) {
		const target = this.path(key)
		await fs.mkdir(this.location, { recursive: true })
		const temporary = `${target}.tmp`
		try {
			if (body instanceof Uint8Array) await fs.writeFile(temporary, body)
			else await pipeline(body, createWriteStream(temporary))
			await fs.rename(temporary, target)
		} catch (error) {
			await fs.rm(temporary, { force: true })
			throw error
		}
	}

	/** A rename: the upload's temporary file is in EVIDENCE_DIR/tmp, on the same disk. */
	async putFile(key: string, file: string) {
		const target = this.path(key)
		await fs.mkdir(this.location, { recursive: true })
		await fs.rename(file, target)
	}

	async get(key: string): Promise<StoredObject | null> {
		let fd: number
		try {
			fd = openSync(this.path(key), 'r')
		} catch (error) {
			if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null
			throw error
		}
		const size = fstatSync(fd).size // what is on disk is what we send
		return { body: fileStream(fd), size }
	}

	async delete(keys: string[]) {
		for (const key of keys) await fs.rm(this.path(key), { force: true })
	}

	async *list(): AsyncIterable<ListedObject> {
		let entries
		try {
			entries = await fs.readdir(this.location, { withFileTypes: true })
		} catch (error) {
			if ((error as NodeJS.ErrnoException).code === 'ENOENT') return
			throw error
		}
		for (const entry of entries) {
			if (!entry.isFile() || !SAFE_KEY.test(entry.name)) continue // EVIDENCE_DIR/tmp, DOCUMENTS_DIR/imports
			try {
				yield { key: entry.name, modifiedAt: (await fs.stat(path.join(this.location, entry.name))).mtime }
			} catch {
				// gone meanwhile
			}
		}
	}
}

/**
 * A pull-based stream over an open file: nothing is read until the reader asks (highWaterMark 0), then 64 KiB at a
 * time. Reads give their position, and a stream cancelled while a read is in flight closes the file only when that
 * read returns: closing under it would let the read land on whatever file reuses the descriptor next (another
 * download's), which is how a letter once came out empty after an earlier one was refused for its size.
 */
function fileStream(fd: number) {
	let position = 0
	let reading = false
	let cancelled = false
	let closed = false
	const close = () => {
		if (!closed) {
			closed = true
			closeSync(fd)
		}
	}
	return new ReadableStream<Uint8Array>(
		{
			pull(controller) {
				reading = true
				return new Promise<void>((resolve) => {
					const buffer = Buffer.allocUnsafe(64 * 1024)
					read(fd, buffer, 0, buffer.length, position, (error, bytesRead) => {
						reading = false
						if (cancelled) close()
						else if (error) {
							close()
							controller.error(error)
						} else if (bytesRead === 0) {
							close()
							controller.close()
						} else {
							position += bytesRead
							controller.enqueue(buffer.subarray(0, bytesRead))
						}
						resolve()
					})
				})
			},
			cancel() {
				cancelled = true
				if (!reading) close()
			},
		},
		{ highWaterMark: 0 },
	)
}

/** The whole object, for the few readers that need bytes (PDF bundles, email attachments); at most MAX_UPLOAD_MB for evidence. */
export async function readAll(object: StoredObject): Promise<Uint8Array> {
	const chunks: Uint8Array[] = []
	for await (const chunk of Readable.fromWeb(object.body as import('node:stream/web').ReadableStream<Uint8Array>)) chunks.push(chunk as Uint8Array)
	return Buffer.concat(chunks)
}
