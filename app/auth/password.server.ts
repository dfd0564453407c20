import { randomBytes, scrypt as scryptCb, timingSafeEqual, type ScryptOptions } from 'node:crypto'

// scrypt (memory-hard, in node:crypto: no native add-on to build). N=2^15, r=8 uses 32 MiB per hash,
// the OWASP Password Storage Cheat Sheet's recommended minimum. Parameters are stored with each hash
// so they can be raised later without breaking existing passwords.
const PARAMS = { N: 2 ** 15, r: 8, p: 1 }
const KEY_LENGTH = 32

function scrypt(password: string, salt: Buffer, keylen: number, options: ScryptOptions): Promise<Buffer> {
	return new Promise((resolve, reject) => scryptCb(password.normalize('NFKC'), salt, keylen, options, (error, key) => (error ? reject(error) : resolve(key))))
}

export async function hashPassword(password: string): Promise<string> {
	const salt = randomBytes(16)
	const key = await scrypt(password, salt, KEY_LENGTH, { ...PARAMS, maxmem: 128 * PARAMS.N * PARAMS.r * 2 })
	return ['scrypt', PARAMS.N, PARAMS.r, PARAMS.p, salt.toString('base64url'), key.toString('base64url')].join('$')
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
	const [scheme, n, r, p, saltText, keyText] = stored.split('$')
	if (scheme !== 'scrypt' || !saltText || !keyText) return false
	const N = Number(n)
	const options = { N, r: Number(r), p: Number(p), maxmem: 128 * N * Number(r) * 2 }
	const expected = Buffer.from(keyText, 'base64url')
	const actual = await scrypt(password, Buffer.from(saltText, 'base64url'), expected.length, options)
	return actual.length === expected.length && timingSafeEqual(actual, expected)
}

// Verified against when no account matches, so that a wrong email takes as long as a wrong password.
let dummyHash: Promise<string> | undefined
export function dummyPasswordHash(): Promise<string> {
	dummyHash ??= hashPassword(randomBytes(12).toString('hex'))
	return dummyHash
}
