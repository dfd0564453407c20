// Types for client-address.server.js (plain JavaScript so that server.js can import it).
export declare const CLIENT_ADDRESS_HEADER: 'x-client-address'
export declare function trustProxySetting(value: string | undefined): false | number | string[]
export declare function setClientAddress(req: { ip?: string; headers: Record<string, string | string[] | undefined> }, res: unknown, next: () => void): void
