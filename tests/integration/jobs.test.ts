// Background work that keeps stored state honest: the daily refresh of each open review's next deadline
// (the caseload's order), and jobs left running by a process that has gone.
import { spawnSync } from 'node:child_process'
import os from 'node:os'
import { expect, test } from 'vitest'
import { prisma } from '#app/db/db.server.ts'
import { addDays } from '#app/domain/calendar-date.ts'
import { CLOCK_FACTS_SELECT, clocksFor } from '#app/domain/review-facts.ts'
import { refreshNextDeadlines } from '#app/jobs/deadlines.server.ts'
import { failInterruptedJobs, startJob, THIS_PROCESS } from '#app/jobs/jobs.server.ts'

const clockSelect = { id: true, nextDeadlineOn: true, nextDeadlineId: true, ...CLOCK_FACTS_SELECT } as const

test('the daily refresh moves each open review’s stored next deadline on with the calendar, once, and leaves a review changed meanwhile alone', async () => {
	// Drafts with a meeting booked ten days from "today": before the meeting their next deadline is before it.
	const today = '2027-05-10'
	const meetingOn = addDays(today, 10)
	// Not a phase-transfer year: a transfer deadline already missed (15 February) would be the next deadline instead.
	const drafts = await prisma.annualReview.findMany({
		where: { status: 'DRAFT', child: { phaseTransfer: null } },
		orderBy: { id: 'asc' },
		take: 3,
		select: { id: true },
	})
	expect(drafts).toHaveLength(3)
	await prisma.annualReview.updateMany({
		where: { id: { in: drafts.map((d) => d.id) } },
		data: { meetingOn, invitationsSentOn: addDays(today, -5), reportReceivedOn: null },
	})
	const first = await refreshNextDeadlines(prisma, { today })
	expect(first.checked).toBe(await prisma.annualReview.count({ where: { status: { not: 'CLOSED' } } }))
	const before = await prisma.annualReview.findMany({ where: { id: { in: drafts.map((d) => d.id) } }, select: clockSelect })
	for (const review of before) {
		expect(review.nextDeadlineId).not.toBe('review_report')
		expect(review.nextDeadlineOn! <= meetingOn).toBe(true)
	}
	// Run again the same day: nothing to change.
	expect((await refreshNextDeadlines(prisma, { today })).updated).toBe(0)

	// Two days after the meeting the next deadline is the report's, 2 weeks after it (reg 20(7)), as the clock says.
	const later = addDays(meetingOn, 2)
	// One of them is changed by someone else between the refresh's read and its write (a decision, say, which
	// recomputes the deadline itself): the refresh must not overwrite that with what it computed from before.
	const [changed, ...rest] = before
	let raced = false
	const bind = <T extends object>(target: T, prop: string | symbol) => {
		const value = Reflect.get(target, prop) as unknown
		return typeof value === 'function' ? value.bind(target) : value
	}
	const racing = new Proxy(prisma, {
		get(target, prop) {
			if (prop !== 'annualReview') return bind(target, prop)
			return new Proxy(target.annualReview, {
				get(delegate, name) {
					if (name !== 'findMany') return bind(delegate, name)
					return async (args: Parameters<typeof delegate.findMany>[0]) => {
						const page = await delegate.findMany(args)
						if (!raced) {
							raced = true
							await target.annualReview.update({
								where: { id: changed!.id },
								data: { nextDeadlineOn: '2099-01-01', nextDeadlineId: 'review_due' },
							})
						}
						return page
					}
				},
			})
		},
	})
	const second = await refreshNextDeadlines(racing, { today: later })
	expect(raced).toBe(true)
	expect(second.updated).toBeGreaterThanOrEqual(rest.length)
	expect(await prisma.annualReview.findUniqueOrThrow({ where: { id: changed!.id }, select: { nextDeadlineOn: true } })).toEqual({
		nextDeadlineOn: '2099-01-01',
	})
	// The next run (the next day's, or this one again) puts it right.
	expect((await refreshNextDeadlines(prisma, { today: later })).updated).toBeGreaterThanOrEqual(1)
	const after = await prisma.annualReview.findMany({ where: { id: { in: drafts.map((d) => d.id) } }, select: clockSelect })
	for (const review of after) {
		const expected = clocksFor(review, later).next!
		expect(expected).toMatchObject({ id: 'review_report', dueOn: addDays(meetingOn, 14) })
		expect({ id: review.nextDeadlineId, on: review.nextDeadlineOn }).toEqual({ id: expected.id, on: expected.dueOn })
	}
	// Every open review now agrees with the clock; closed reviews were not touched.
	const open = await prisma.annualReview.findMany({ where: { status: { not: 'CLOSED' } }, select: clockSelect })
	const disagree = open.filter((r) => (clocksFor(r, later).next?.dueOn ?? null) !== r.nextDeadlineOn)
	expect(disagree.map((r) => r.id)).toEqual([])
	expect(await prisma.annualReview.count({ where: { status: 'CLOSED', nextDeadlineOn: { not: null } } })).toBe(0)
})

test('a job whose process has gone is marked failed; a running worker’s, another machine’s and this process’s are left alone', async () => {
	const user = await prisma.user.findFirstOrThrow({ select: { id: true } })
	// A process that has certainly exited: a child that ran and was reaped.
	const exited = spawnSync(process.execPath, ['-e', '0']).pid
	const make = (owner: string) =>
		prisma.job.create({ data: { kind: 'BUNDLE', status: 'RUNNING', message: 'Making the bundle', createdById: user.id, owner }, select: { id: true } })
	const dead = await make(`${os.hostname()}:${exited}`)
	const legacy = await make('')
	const sibling = await make(`${os.hostname()}:${process.ppid}`) // a live process on this machine (the test runner's parent)
	const elsewhere = await make('another-host:1234')
	const mine = await make(THIS_PROCESS)

	expect(await failInterruptedJobs()).toBe(2)
	const status = async (job: { id: string }) =>
		(await prisma.job.findUniqueOrThrow({ where: { id: job.id }, select: { status: true, message: true } })).status
	expect(await status(dead)).toBe('FAILED')
	expect(await status(legacy)).toBe('FAILED')
	expect(await status(sibling)).toBe('RUNNING')
	expect(await status(elsewhere)).toBe('RUNNING')
	expect(await status(mine)).toBe('RUNNING')
	expect((await prisma.job.findUniqueOrThrow({ where: { id: dead.id }, select: { message: true } })).message).toMatch(/interrupted/)

	// A job started here records this process as its owner and finishes normally.
	const started = await startJob({ kind: 'BUNDLE', createdById: user.id, message: 'Working' }, async (progress) => {
		await progress(1, 1)
		return { ok: true }
	})
	await started.done
	expect(await prisma.job.findUniqueOrThrow({ where: { id: started.id }, select: { owner: true, status: true } })).toEqual({
		owner: THIS_PROCESS,
		status: 'DONE',
	})
	await prisma.job.deleteMany({ where: { id: { in: [sibling.id, elsewhere.id, mine.id] } } })
})
