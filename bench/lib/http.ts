// A browser without JavaScript, as far as the server can tell: one session cookie, its own keep-alive connection,
// an Origin header on every form post (the app refuses posts from other sites), forms sent URL-encoded or as
// multipart, redirects not followed.
import { randomBytes } from 'node:crypto'
import http from 'node:http'

export interface Reply {
	status: number
	location: string | null
	body: Buffer
	/** From sending the request to the last byte of the response. */
	ms: number
}

export type Fields = Record<string, string | number | Array<string | number>>
export interface FileField {
	bytes: Uint8Array
	name: string
	type: string
}

export class Browser {
	cookie = ''
	private agent: http.Agent

	/** `freshConnections`: a new connection per request (the primary hands each new one to the next worker). */
	constructor(
		readonly origin: string,
		options: { freshConnections?: boolean } = {},
	) {
		this.agent = new http.Agent({ keepAlive: !options.freshConnections, maxSockets: 1 })
	}

	request(
		method: string,
		path: string,
		init: { form?: Fields; multipart?: { fields: Fields; files: Record<string, FileField> }; timeoutMs?: number } = {},
	): Promise<Reply> {
		const headers: Record<string, string> = {}
		if (this.cookie) headers.cookie = this.cookie
		if (method !== 'GET') headers.origin = this.origin
		let body: Buffer | null = null
		if (init.form) {
			body = Buffer.from(encodeForm(init.form))
			headers['content-type'] = 'application/x-www-form-urlencoded'
		} else if (init.multipart) {
			const boundary = `----bench${randomBytes(12).toString('hex')}`
			body = encodeMultipart(boundary, init.multipart.fields, init.multipart.files)
			headers['content-type'] = `multipart/form-data; boundary=${boundary}`
		}
		if (body) headers['content-length'] = String(body.length)
		const started = performance.now()
		return new Promise((resolve, reject) => {
			const req = http.request(this.origin + path, { method, headers, agent: this.agent, timeout: init.timeoutMs ?? 60_000 }, (res) => {
				const chunks: Buffer[] = []
				res.on('data', (chunk: Buffer) => chunks.push(chunk))
				res.on('error', reject)
				res.on('end', () => {
					const setCookie = res.headers['set-cookie']?.[0]
					if (setCookie) {
						const pair = setCookie.split(';')[0]!
						// A cleared cookie (sign-out) has an empty value.
						this.cookie = pair.endsWith('=') ? '' : pair
					}
					resolve({
						status: res.statusCode ?? 0,
						location: res.headers.location ?? null,
						body: Buffer.concat(chunks),
						ms: performance.now() - started,
					})
				})
			})
			req.on('timeout', () => req.destroy(new Error(`no answer within ${init.timeoutMs ?? 60_000} ms`)))
			req.on('error', reject)
			req.end(body ?? undefined)
		})
	}

	get(path: string) {
		return this.request('GET', path)
	}

	post(path: string, form: Fields) {
		return this.request('POST', path, { form })
	}

	/** POST /sign-in as the sign-in form does; throws unless it redirects with a session cookie. */
	async signIn(email: string, password: string): Promise<Reply> {
		const reply = await this.post('/sign-in', { email, password })
		if (reply.status !== 302 || !this.cookie) {
			const title = /<title>([^<]*)<\/title>/.exec(reply.body.toString('utf8'))?.[1] ?? reply.body.toString('utf8').slice(0, 100)
			throw new Error(`sign-in as ${email} answered ${reply.status} (${title.trim()})`)
		}
		return reply
	}

	close() {
		this.agent.destroy()
	}
}

function encodeForm(fields: Fields): string {
	const form = new URLSearchParams()
	for (const [name, value] of Object.entries(fields)) for (const v of [value].flat()) form.append(name, String(v))
	return form.toString()
}

function encodeMultipart(boundary: string, fields: Fields, files: Record<string, FileField>): Buffer {
	const parts: Buffer[] = []
	for (const [name, value] of Object.entries(fields)) {
		for (const v of [value].flat()) parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${v}\r\n`))
	}
	for (const [name, file] of Object.entries(files)) {
		parts.push(
			Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"; filename="${file.name}"\r\nContent-Type: ${file.type}\r\n\r\n`),
			Buffer.from(file.bytes),
			Buffer.from('\r\n'),
		)
	}
	parts.push(Buffer.from(`--${boundary}--\r\n`))
	return Buffer.concat(parts)
}

/** A hidden input's value in a page, e.g. the version a part was opened at. */
export function inputValue(html: string, name: string): string | null {
	return inputValues(html, name)[0] ?? null
}

/** Every value of inputs with this name (e.g. the evidence listed with a Remove button each). */
export function inputValues(html: string, name: string): string[] {
	const values: string[] = []
	for (const [tag] of html.matchAll(/<input\b[^>]*>/g)) {
		if (!tag.includes(`name="${name}"`)) continue
		const value = /\bvalue="([^"]*)"/.exec(tag)
		if (value) values.push(value[1]!)
	}
	return values
}

export const DEMO_PASSWORD = 'Annual-Review-2026'
export const USERS = {
	senco: 'senco@oakfield-primary.example.org',
	caseworker: 'caseworker@kent.example.gov.uk',
	manager: 'manager@kent.example.gov.uk',
} as const
