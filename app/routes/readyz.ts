// Readiness: whether a load balancer should send this instance requests. 503 while it is stopping (SIGTERM:
// server.js finishes what it has and exits, app/jobs/shutdown.server.ts) or when the database does not answer
// within 3 seconds; 200 otherwise.
import { prisma } from '#app/db/db.server.ts'
import { isStopping } from '#app/jobs/shutdown.server.ts'

const DATABASE_WAIT_MS = 3_000

export async function loader() {
	if (isStopping()) return answer(503, 'stopping')
	let timer: NodeJS.Timeout | undefined
	try {
		const timeout = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error('timed out')), DATABASE_WAIT_MS)))
		await Promise.race([prisma.$queryRawUnsafe('SELECT 1'), timeout])
	} catch {
		return answer(503, 'database unavailable')
	} finally {
		clearTimeout(timer)
	}
	return answer(isStopping() ? 503 : 200, isStopping() ? 'stopping' : 'ok')
}

function answer(status: number, body: string) {
	return new Response(body, { status, headers: { 'Content-Type': 'text/plain', 'Cache-Control': 'no-store' } })
}
