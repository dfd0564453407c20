// Background work started with the web server: the outbox worker (email) and the daily reminders.
// RUN_JOBS=false turns them off, e.g. for a web-only instance when several run against PostgreSQL
// (any number of instances may run them: claims and dedupe keys keep each email single); server.js runs
// them in its first worker only.
//
// And how this process stops (server.js on SIGTERM or SIGINT; app/jobs/shutdown.server.ts): the outbox claims no
// more email and finishes the one it is sending, the reminders finish their run, the jobs people started finish;
// an email still being sent when time is up is handed back; then the database pool is closed.
import { prisma } from '#app/db/db.server.ts'
import { env } from '#app/env.server.ts'
import { failInterruptedJobs, waitForRunningJobs } from '#app/jobs/jobs.server.ts'
import { releaseClaimedMessages, startOutboxWorker } from '#app/jobs/outbox.server.ts'
import { startReminderJob } from '#app/jobs/reminders.server.ts'
import { onStop } from '#app/jobs/shutdown.server.ts'

let started = false

export function startBackgroundJobs() {
	if (started || env.NODE_ENV === 'test') return
	started = true
	onStop('finish', waitForRunningJobs)
	onStop('close', () => prisma.$disconnect())
	// Every process (each web worker runs the jobs people start): jobs whose process has gone will not finish.
	void failInterruptedJobs().catch((error) => console.warn('Could not mark interrupted jobs', error))
	if (!env.RUN_JOBS) return
	const outbox = startOutboxWorker(10_000)
	const reminders = startReminderJob()
	onStop('stopClaiming', outbox.stop)
	onStop('stopClaiming', reminders.stop)
	onStop('handBack', async () => {
		const released = await releaseClaimedMessages()
		if (released) console.warn(`Handed back ${released} email${released === 1 ? '' : 's'} being sent when time ran out`)
	})
}
