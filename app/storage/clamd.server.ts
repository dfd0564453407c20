import { once } from 'node:events'
import net from 'node:net'

// A minimal client for clamd's INSTREAM command (clamd(8), "INSTREAM"): `zINSTREAM\0`, then chunks of
// [4-byte big-endian length][bytes], then a zero-length chunk; clamd answers `stream: OK` or
// `stream: <signature> FOUND`, NUL-terminated because of the `z` prefix. clamd refuses streams longer than its
// StreamMaxLength (25 MB by default) with an error, which we report as a failure, never as clean.

export type ScanVerdict = { clean: true } | { clean: false; signature: string }

/** clamd could not be reached, timed out or answered with an error: the file has NOT been checked. */
export class ClamdError extends Error {
	constructor(message: string, options?: ErrorOptions) {
		super(message, options)
		this.name = 'ClamdError'
	}
}

const CHUNK_BYTES = 64 * 1024

/**
 * Streams `readable` to clamd at `address` (a unix socket path such as `/var/run/clamav/clamd.ctl`, or `host:port`)
 * and returns its verdict. Throws ClamdError when there is no verdict; callers must then refuse the file.
 */
export async function scanStream(
	address: string,
	readable: AsyncIterable<Uint8Array> | Iterable<Uint8Array>,
	{ timeoutMs = 60_000 }: { timeoutMs?: number } = {},
): Promise<ScanVerdict> {
	const socket = connect(address)
	const reply = readReply(socket)
	reply.catch(() => {}) // awaited below; a failure while still sending is reported from the send
	const timer = setTimeout(() => socket.destroy(new ClamdError(`clamd did not answer within ${timeoutMs} ms`)), timeoutMs)
	try {
		try {
			await once(socket, 'connect')
			socket.write('zINSTREAM\0')
			for await (const chunk of readable) {
				for (let start = 0; start < chunk.length; start += CHUNK_BYTES) {
					const piece = chunk.subarray(start, start + CHUNK_BYTES)
					const length = Buffer.alloc(4)
					length.writeUInt32BE(piece.length)
					socket.write(length)
					await write(socket, piece) // wait for each piece to be flushed: a slow clamd slows the reading
				}
			}
			await write(socket, Buffer.alloc(4))
		} catch (error) {
			throw error instanceof ClamdError ? error : new ClamdError(`clamd at ${address}: ${(error as Error).message}`, { cause: error })
		}
		return parseReply(await reply)
	} finally {
		clearTimeout(timer)
		socket.destroy()
	}
}

function connect(address: string) {
	const hostPort = /^(?:tcp:\/\/)?(\[[^\]]+\]|[^/:]+):(\d+)$/.exec(address)
	return hostPort ? net.connect({ host: hostPort[1].replace(/^\[|\]$/g, ''), port: Number(hostPort[2]) }) : net.connect({ path: address })
}

function write(socket: net.Socket, data: Uint8Array) {
	return new Promise<void>((resolve, reject) => {
		socket.write(data, (error) => (error ? reject(error) : resolve()))
	})
}

function readReply(socket: net.Socket) {
	return new Promise<string>((resolve, reject) => {
		const received: Buffer[] = []
		const text = () => Buffer.concat(received).toString('utf8')
		socket.on('data', (data: Buffer) => {
			received.push(data)
			const all = Buffer.concat(received)
			const end = all.indexOf(0)
			if (end !== -1) resolve(all.subarray(0, end).toString('utf8'))
		})
		socket.on('end', () => (received.length ? resolve(text()) : reject(new ClamdError('clamd closed the connection without answering'))))
		socket.on('error', (error) => reject(error instanceof ClamdError ? error : new ClamdError(`clamd: ${error.message}`, { cause: error })))
		socket.on('close', () => reject(new ClamdError('clamd closed the connection without answering')))
	})
}

function parseReply(reply: string): ScanVerdict {
	const text = reply.trim()
	if (text === 'stream: OK') return { clean: true }
	const found = /^stream: (.+) FOUND$/.exec(text)
	if (found) return { clean: false, signature: found[1] }
	throw new ClamdError(`clamd answered: ${text || '(nothing)'}`)
}
