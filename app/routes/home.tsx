import { redirect } from 'react-router'
import type { Route } from './+types/home'
import { homePathFor } from '#app/domain/permissions.ts'
import { requireUser } from '#app/auth/auth.server.ts'

export async function loader({ request }: Route.LoaderArgs) {
	const user = await requireUser(request)
	throw redirect(homePathFor(user.roles))
}
