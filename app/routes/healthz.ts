import { prisma } from '#app/db/db.server.ts'

export async function loader() {
	await prisma.localAuthority.count()
	return new Response('ok', { headers: { 'Content-Type': 'text/plain', 'Cache-Control': 'no-store' } })
}
