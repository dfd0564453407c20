import http from 'node:http'
import type { AddressInfo } from 'node:net'
import express from 'express'
import { expect, test } from 'vitest'
import { CLIENT_ADDRESS_HEADER, setClientAddress, trustProxySetting } from './client-address.server.js'

test('TRUST_PROXY reads as express’s trust proxy setting: off, a number of proxies, or their addresses', () => {
	for (const off of [undefined, '', ' ', 'false', '0']) expect(trustProxySetting(off)).toBe(false)
	expect(trustProxySetting('1')).toBe(1)
	expect(trustProxySetting('2')).toBe(2)
	expect(trustProxySetting('loopback')).toEqual(['loopback'])
	expect(trustProxySetting('127.0.0.1, 10.0.0.0/8')).toEqual(['127.0.0.1', '10.0.0.0/8'])
	expect(trustProxySetting('loopback,uniquelocal,linklocal,::1,fd00::/8,192.168.0.0/16')).toHaveLength(6)
})

test('TRUST_PROXY refuses trusting everyone and anything that is not an address or range', () => {
	expect(() => trustProxySetting('true')).toThrow(/every client/)
	expect(() => trustProxySetting('11')).toThrow(/0 to 10/)
	for (const bad of ['proxy.example', '10.0.0.0/33', '::1/129', '10.0.0.0/8/1', '1.2.3', '127.0.0.1,', 'loopback, nowhere', '10.0.0.0/abc']) {
		expect(() => trustProxySetting(bad), bad).toThrow(/is not an address/)
	}
})

/** What the app would be told for one request from 127.0.0.1 through express with this TRUST_PROXY. */
async function addressSeen(trustProxy: string | undefined, headers: Record<string, string | string[]>): Promise<string | undefined> {
	const app = express()
	app.set('trust proxy', trustProxySetting(trustProxy))
	app.use(setClientAddress)
	// React Router's express adapter copies req.headers into the Fetch Request the app reads.
	app.use((req, res) => res.json({ seen: req.headers[CLIENT_ADDRESS_HEADER] }))
	const server = http.createServer(app)
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
	try {
		const { port } = server.address() as AddressInfo
		return await new Promise((resolve, reject) => {
			const req = http.request({ host: '127.0.0.1', port, path: '/sign-in', method: 'GET' }, (res) => {
				let body = ''
				res.on('data', (chunk) => (body += chunk))
				res.on('end', () => resolve((JSON.parse(body) as { seen?: string }).seen))
			})
			// setHeader with an array sends the header once per value, as a client smuggling two copies would.
			for (const [name, value] of Object.entries(headers)) req.setHeader(name, value)
			req.on('error', reject)
			req.end()
		})
	} finally {
		server.close()
	}
}

test('without TRUST_PROXY the address is the socket’s, whatever X-Forwarded-For or x-client-address the client sends', async () => {
	const forged = { 'x-forwarded-for': '198.51.100.7', 'x-client-address': ['203.0.113.66', '203.0.113.67'] }
	expect(await addressSeen(undefined, forged)).toBe('127.0.0.1')
	expect(await addressSeen('false', forged)).toBe('127.0.0.1')
	expect(await addressSeen(undefined, {})).toBe('127.0.0.1')
})

test('with TRUST_PROXY the address is the one the trusted proxies forwarded, and no further', async () => {
	// The client said 6.6.6.6; the outer proxy (10.1.2.3) saw 198.51.100.7; the inner one is this socket, 127.0.0.1.
	const chain = { 'x-forwarded-for': '6.6.6.6, 198.51.100.7, 10.1.2.3', 'x-client-address': '203.0.113.66' }
	expect(await addressSeen('loopback', chain)).toBe('10.1.2.3')
	expect(await addressSeen('127.0.0.1,10.0.0.0/8', chain)).toBe('198.51.100.7')
	expect(await addressSeen('1', chain)).toBe('10.1.2.3')
	expect(await addressSeen('2', chain)).toBe('198.51.100.7')
	// A proxy that is not named is not believed.
	expect(await addressSeen('192.0.2.1', chain)).toBe('127.0.0.1')
	// Trusted, but with nothing forwarded: the socket's address.
	expect(await addressSeen('loopback', {})).toBe('127.0.0.1')
})
