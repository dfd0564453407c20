// Long work (evidence bundles, imports, bulk sends) runs as a job with progress that people can watch:
// a Job row records how far it has got; /jobs/:jobId shows it (refreshing itself, without JavaScript).
// Jobs run in the process that started them; one interrupted by a restart is marked failed on start-up.
import { prisma } from '#app/db.server.ts'

export type JobProgress = (done: number, total: number, message?: string) => Promise<void>

export async function startJob<T extends Record<string, unknown>>(
	job: { kind: 'BUNDLE' | 'IMPORT' | 'BULK_SEND'; laId?: string | null; createdById: string; input?: Record<string, unknown>; message: string },
	run: (progress: JobProgress, jobId: string) => Promise<T>,
): Promise<{ id: string; done: Promise<void> }> {
	const created = await prisma.job.create({
		data: { kind: job.kind, laId: job.laId ?? null, createdById: job.createdById, input: JSON.stringify(job.input ?? {}), status: 'RUNNING', message: job.message },
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
			await prisma.job.update({ where: { id: created.id }, data: { status: 'FAILED', message: `It did not finish: ${message}`, finishedAt: new Date() } }).catch(() => {})
		}
	})()
	return { id: created.id, done }
}

/** Jobs left running by a process that stopped will never finish: say so. */
export async function failInterruptedJobs() {
	await prisma.job.updateMany({ where: { status: { in: ['RUNNING', 'QUEUED'] } }, data: { status: 'FAILED', message: 'It was interrupted when the service restarted. Start it again.', finishedAt: new Date() } })
}
