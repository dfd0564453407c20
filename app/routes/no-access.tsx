import { requireUser } from '#app/auth/auth.server.ts'
import { PageTitle } from '#app/components/page.tsx'
import type { Route } from './+types/no-access'

export async function loader({ request }: Route.LoaderArgs) {
	await requireUser(request)
	return null
}

export default function NoAccess() {
	return (
		<>
			<PageTitle title="Your account has no role yet" />
			<h1 className="govuk-heading-l">Your account has no role yet</h1>
			<p className="govuk-body">Ask your council's SEN manager to give your account a role.</p>
		</>
	)
}
