// Background work started with the web server: the outbox worker (email) and the daily reminders.
// RUN_JOBS=false turns them off, e.g. for a web-only instance when several run against PostgreSQL
// (any number of instances may run them: claims and dedupe keys keep each email single); server.js runs
// them in its first worker only.
import { env } from '#app/env.server.ts'
import { failInterruptedJobs } from '#app/jobs/jobs.server.ts'
import { startOutboxWorker } from '#app/jobs/outbox.server.ts'
import { startReminderJob } from '#app/jobs/reminders.server.ts'

let started = false

export function startBackgroundJobs() {
	if (started || env.NODE_ENV === 'test') return
	started = true
	// Every process (each web worker runs the jobs people start): jobs whose process has gone will not finish.
	void failInterruptedJobs().catch((error) => console.warn('Could not mark interrupted jobs', error))
	if (!env.RUN_JOBS) return
	startOutboxWorker(10_000)
	startReminderJob()
}
