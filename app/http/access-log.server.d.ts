// Types for access-log.server.js (plain JavaScript so that server.js can import it).
import type { IncomingMessage, ServerResponse } from 'node:http'

export declare function redactUrl(url: string): string

export interface AccessLogEntry {
	reqId: string
	method: string
	url: string
	status: number
	ms: number
	bytes?: number
	aborted?: true
}
export declare function accessLogEntry(request: {
	requestId: string
	method: string
	url: string
	status: number
	durationMs: number
	bytes?: number | string | undefined
	finished: boolean
}): AccessLogEntry
export declare function accessLog(logger: {
	info: (entry: object, message: string) => void
}): (req: IncomingMessage & { id?: string; originalUrl?: string }, res: ServerResponse, next: () => void) => void
