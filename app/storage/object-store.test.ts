import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, expect, test } from 'vitest'
import { LocalFolderStore } from '#app/storage/object-store.server.ts'

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'object-store-'))
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }))

test('a download given up at once (a letter refused for its size) never takes bytes from the next one', async () => {
	const store = new LocalFolderStore(dir)
	const first = 'a'.repeat(32)
	const second = 'b'.repeat(32)
	await store.put(first, Buffer.alloc(1_000, 0x31))
	await store.put(second, Buffer.alloc(200_000, 0x32))
	for (let i = 0; i < 200; i++) {
		const refused = await store.get(first)
		await refused!.body.cancel()
		const sent = await store.get(second)
		const bytes = Buffer.from(await new Response(sent!.body).arrayBuffer())
		expect(bytes.length, `attempt ${i}`).toBe(200_000)
		expect(bytes.every((b) => b === 0x32)).toBe(true)
	}
})

test('a stream half read and then cancelled closes its file', async () => {
	const store = new LocalFolderStore(dir)
	const key = 'c'.repeat(32)
	await store.put(key, Buffer.alloc(300_000, 0x33))
	const open = () => fs.readdirSync('/proc/self/fd').length
	const before = open()
	const stored = await store.get(key)
	const reader = stored!.body.getReader()
	expect((await reader.read()).value?.length).toBe(64 * 1024)
	await reader.cancel()
	expect(open()).toBe(before)
})
