import { redirect } from 'react-router'
import { requireUser } from '#app/auth/auth.server.ts'
import { homePathFor } from '#app/domain/permissions.ts'
import type { Route } from './+types/home'

export async function loader({ request }: Route.LoaderArgs) {
	const user = await requireUser(request)
	throw redirect(homePathFor(user.roles))
}
