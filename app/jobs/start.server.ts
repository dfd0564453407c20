// Background work started with the web server: the outbox worker (email) and the daily reminders.
// RUN_JOBS=false turns it off, e.g. for a web-only instance when several run against PostgreSQL
// (any number of instances may run the jobs: claims and dedupe keys keep each email single).
import { isPostgres } from '#app/db-factory.server.ts'
import { env } from '#app/env.server.ts'
import { failInterruptedJobs } from '#app/jobs/jobs.server.ts'
import { startOutboxWorker } from '#app/jobs/outbox.server.ts'
import { startReminderJob } from '#app/jobs/reminders.server.ts'

let started = false

export function startBackgroundJobs() {
	if (started || !env.RUN_JOBS || env.NODE_ENV === 'test') return
	started = true
	// On the embedded database there is one instance: jobs it was running when it stopped will not finish.
	if (!isPostgres(env.DATABASE_URL)) void failInterruptedJobs().catch((error) => console.warn('Could not mark interrupted jobs', error))
	startOutboxWorker(10_000)
	startReminderJob()
}
