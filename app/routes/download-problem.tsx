import { useLoaderData } from 'react-router'
import { PageTitle } from '#app/components/page.tsx'
import { safeRedirect } from '#app/http/request.server.ts'
import type { Route } from './+types/download-problem'

// Where a download that could not be made sends the person (app/http/download.server.ts). `back` is a path in
// this service only (safeRedirect), so the link cannot lead anywhere else.
export function loader({ request }: Route.LoaderArgs) {
	return { back: safeRedirect(new URL(request.url).searchParams.get('back'), '/') }
}

export default function DownloadProblem() {
	const { back } = useLoaderData<typeof loader>()
	return (
		<div className="govuk-grid-row">
			<div className="govuk-grid-column-two-thirds">
				<PageTitle title="Sorry, the file could not be made" />
				<h1 className="govuk-heading-l">Sorry, the file could not be made</h1>
				<p className="govuk-body">Try again. If it happens again, tell your council’s SEN team: the problem has been recorded.</p>
				<p className="govuk-body">Nothing you saved has been lost.</p>
				<p className="govuk-body">
					<a className="govuk-link" href={back}>
						Go back
					</a>
				</p>
			</div>
		</div>
	)
}
