import { requireFamily } from '#app/auth/family.server.ts'
import type { Route } from './+types/family-document'

// Being built (issue 14).
export async function loader({ request }: Route.LoaderArgs) {
	await requireFamily(request)
	return new Response('Not built yet', { status: 404 })
}
