import { redirect } from 'react-router'
import { destroySession } from '#app/auth/auth.server.ts'
import type { Route } from './+types/sign-out'

export async function loader() {
	throw redirect('/')
}

export async function action({ request }: Route.ActionArgs) {
	const cookie = await destroySession(request)
	throw redirect('/sign-in?signedOut=1', { headers: { 'Set-Cookie': cookie } })
}
