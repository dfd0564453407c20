// Types for access-log.server.js (plain JavaScript so that server.js can import it).
export declare function redactUrl(url: string): string
