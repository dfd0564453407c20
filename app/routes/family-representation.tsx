import { requireFamily } from '#app/auth/family.server.ts'
import type { Route } from './+types/family-representation'

// Being built (issue 14).
export async function loader({ request }: Route.LoaderArgs) {
	await requireFamily(request)
	throw new Response('Not built yet', { status: 404 })
}

export default function Stub() {
	return null
}
