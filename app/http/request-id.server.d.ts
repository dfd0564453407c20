// Types for request-id.server.js (plain JavaScript so that server.js can import it).
import type { IncomingMessage, ServerResponse } from 'node:http'

export declare function requestIdFrom(header: string | string[] | undefined | null): string
export declare function assignRequestId(req: IncomingMessage & { id?: string }, res: ServerResponse, next: () => void): void
