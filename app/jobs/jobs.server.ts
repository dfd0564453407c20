// Long work (evidence bundles, imports, bulk sends) runs as a job with progress that people can watch:
// a Job row records how far it has got; /jobs/:jobId shows it (refreshing itself, without JavaScript).
// Jobs run in the process that started them (any web worker, server.js), which each job records as its
// owner; one whose process has gone (a restart, a crash) is marked failed when a process starts.
import os from 'node:os'
import { prisma } from '#app/db/db.server.ts'

/** This process, as a job's owner: "host:pid". */
export const THIS_PROCESS = `${os.hostname()}:${process.pid}`

/** The jobs this process is running (a stopping process waits for them: app/jobs/start.server.ts). */
const running = new Set<Promise<void>>()

/**
 * Resolves when this process runs no job, including any started while it waited. A job still running when the
 * process is made to exit stays RUNNING with this process as its owner, and the next start marks it interrupted
 * (failInterruptedJobs); its files and rows are written as it goes, so nothing half-done is taken as finished.
 */
export async function waitForRunningJobs(): Promise<void> {
	while (running.size) await Promise.allSettled([...running])
}

export type JobProgress = (done: number, total: number, message?: string) => Promise<void>

export async function startJob<T extends Record<string, unknown>>(
	job: { kind: 'BUNDLE' | 'IMPORT' | 'BULK_SEND'; laId?: string | null; createdById: string; input?: Record<string, unknown>; message: string },
	run: (progress: JobProgress, jobId: string) => Promise<T>,
): Promise<{ id: string; done: Promise<void> }> {
	const created = await prisma.job.create({
		data: {
			kind: job.kind,
			laId: job.laId ?? null,
			createdById: job.createdById,
			input: JSON.stringify(job.input ?? {}),
			status: 'RUNNING',
			message: job.message,
			owner: THIS_PROCESS,
		},
		select: { id: true },
	})
	let lastWrite = 0
	const progress: JobProgress = async (done, total, message) => {
		// At most a few writes a second, and always the last one.
		const now = Date.now()
		if (done < total && now - lastWrite < 250) return
		lastWrite = now
		await prisma.job.update({ where: { id: created.id }, data: { done, total, ...(message ? { message } : {}) } })
	}
	const done = (async () => {
		try {
			const result = await run(progress, created.id)
			await prisma.job.update({ where: { id: created.id }, data: { status: 'DONE', result: JSON.stringify(result), finishedAt: new Date() } })
		} catch (error) {
			const message = error instanceof Error ? error.message : String(error)
			await prisma.job
				.update({ where: { id: created.id }, data: { status: 'FAILED', message: `It did not finish: ${message}`, finishedAt: new Date() } })
				.catch(() => {})
		}
	})()
	running.add(done)
	void done.finally(() => running.delete(done))
	return { id: created.id, done }
}

/** Whether the process named by a job's owner is still running here (another host's jobs are its own business). */
function ownerGone(owner: string, alive: (pid: number) => boolean): boolean {
	const at = owner.lastIndexOf(':')
	const host = owner.slice(0, at)
	const pid = Number(owner.slice(at + 1))
	if (at < 0 || !Number.isInteger(pid) || pid <= 0) return true // from before owners were recorded
	if (host !== os.hostname()) return false
	return pid !== process.pid && !alive(pid)
}

function isAlive(pid: number): boolean {
	try {
		process.kill(pid, 0)
		return true
	} catch (error) {
		// EPERM: it exists but belongs to someone else.
		return (error as NodeJS.ErrnoException).code === 'EPERM'
	}
}

/**
 * Jobs left running by a process that stopped will never finish: say so. Jobs of processes still running on
 * this machine (other web workers) and of other machines are left alone.
 */
export async function failInterruptedJobs(alive: (pid: number) => boolean = isAlive) {
	const running = await prisma.job.findMany({ where: { status: { in: ['RUNNING', 'QUEUED'] } }, select: { id: true, owner: true } })
	const gone = running.filter((job) => ownerGone(job.owner, alive)).map((job) => job.id)
	if (!gone.length) return 0
	const { count } = await prisma.job.updateMany({
		where: { id: { in: gone }, status: { in: ['RUNNING', 'QUEUED'] } },
		data: { status: 'FAILED', message: 'It was interrupted when the service restarted. Start it again.', finishedAt: new Date() },
	})
	return count
}
