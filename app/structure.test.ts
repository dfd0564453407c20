// The layout's rules (docs/decisions/016), checked on the tree so they stay true.
import fs from 'node:fs'
import path from 'node:path'
import { expect, test } from 'vitest'

const filesIn = (dir: string): string[] =>
	fs
		.readdirSync(dir, { withFileTypes: true })
		.flatMap((e) => (e.isDirectory() ? filesIn(path.join(dir, e.name)) : /\.(ts|tsx|js)$/.test(e.name) ? [path.join(dir, e.name)] : []))

const WRITE = /\bprisma\.\w+\.(create|createMany|update|updateMany|upsert|delete|deleteMany)\b|\$transaction|\$executeRaw/

test('no route writes to the database: writes are services', () => {
	const writing = filesIn('app/routes').filter((file) => WRITE.test(fs.readFileSync(file, 'utf8')))
	expect(writing).toEqual([])
})

test('the rules and the pure helpers touch no database, request or file', () => {
	const impure = filesIn('app/domain')
		.concat(filesIn('app/lib'))
		.filter((file) => !file.endsWith('.test.ts'))
		.filter((file) =>
			/from '#app\/(db|generated|queries|services|auth|storage|jobs|email)\b|from 'node:fs'|\.server\.ts'/.test(fs.readFileSync(file, 'utf8')),
		)
	expect(impure).toEqual([])
})

test('there is no grab-bag folder', () => {
	expect(fs.existsSync('app/utils')).toBe(false)
})
