// A busy database makes a request wait, not fail. Under 50 users on PostgreSQL, requests answered HTTP 500 "Unable to
// start a transaction in the given time" while every pooled connection was in use (Prisma's default wait is 2 s;
// bench/results/load.md). Here every connection (PostgreSQL: the pool's 10; SQLite: the one write lock) is held
// for longer than that default, and one more transaction must still start and commit once one is free.
import { expect, test } from 'vitest'
import { prisma } from '#app/db/db.server.ts'
import { isPostgres } from '#app/db/factory.server.ts'

const HOLD_MS = 3_000 // longer than Prisma's default maxWait (2 s)

test('a transaction waits for a free connection or the write lock rather than failing after 2 seconds', async () => {
	const holders = isPostgres(process.env.DATABASE_URL!) ? 10 : 1
	const user = await prisma.user.findFirstOrThrow({ select: { id: true, name: true } })
	let started = 0
	let release!: () => void
	const released = new Promise<void>((resolve) => (release = resolve))
	let allStarted!: () => void
	const everyoneIn = new Promise<void>((resolve) => (allStarted = resolve))
	const held = Array.from({ length: holders }, () =>
		prisma.$transaction(async (tx) => {
			await tx.user.findUnique({ where: { id: user.id }, select: { id: true } }) // holds a connection (and on SQLite the write lock: transactions begin IMMEDIATE)
			if (++started === holders) allStarted()
			await released
		}),
	)
	await everyoneIn
	// Every connection (or the lock) is taken; this one must queue.
	const waiting = prisma.$transaction(async (tx) => tx.user.update({ where: { id: user.id }, data: { name: `${user.name}` }, select: { id: true } }))
	const timer = setTimeout(release, HOLD_MS)
	await expect(waiting).resolves.toEqual({ id: user.id })
	clearTimeout(timer)
	release()
	await Promise.all(held)
}, 60_000)
