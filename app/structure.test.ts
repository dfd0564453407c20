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

// The review's lifecycle has one home (app/domain/review-lifecycle.ts): no route, service, job or query compares
// a status by hand, and the statutory periods come from the clock (app/domain/statutory-clock.ts), never a bare
// day count.
const STATUS_LITERAL = /'(DRAFT|SUBMITTED|DECISION_MADE|NOTICE_ISSUED|REPRESENTATIONS|FINAL_ISSUED|CLOSED)'/
const LIFECYCLE_HOMES = ['app/domain/review-status.ts', 'app/domain/review-lifecycle.ts']

test('statuses are compared only in the lifecycle module', () => {
	const checking = filesIn('app')
		.filter((file) => !file.includes('.test.') && !file.startsWith('app/generated') && !LIFECYCLE_HOMES.includes(file))
		.filter((file) => STATUS_LITERAL.test(fs.readFileSync(file, 'utf8')))
	expect(checking).toEqual([])
})

test('statutory periods are not written as day counts outside the clock', () => {
	const counting = filesIn('app')
		.filter((file) => !file.includes('.test.') && file !== 'app/domain/statutory-clock.ts')
		.filter((file) => /addDays\([^)]*,\s*-?(14|15|28|56)\s*\)/.test(fs.readFileSync(file, 'utf8')))
	expect(counting).toEqual([])
})
