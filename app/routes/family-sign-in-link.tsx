import { data, Form, redirect, useActionData, useLoaderData } from 'react-router'
import { createSession } from '#app/auth/auth.server.ts'
import { checkFamilyLink, redeemFamilyLink } from '#app/auth/family.server.ts'
import { Button } from '#app/components/forms.tsx'
import { PageTitle } from '#app/components/page.tsx'
import { FAMILY_LINK_MINUTES } from '#app/domain/accounts.ts'
import { readForm } from '#app/http/request-limits.server.ts'
import type { Route } from './+types/family-sign-in-link'

// The page a family member's emailed link opens (public: the link is the credential). Opening it signs nobody in:
// the button does (a POST), so that an email scanner fetching the link does not use it up before its owner can.

type Problem = 'unknown' | 'used' | 'expired'
const STATUS: Record<Problem, number> = { unknown: 404, used: 410, expired: 410 }

export async function loader({ params }: Route.LoaderArgs) {
	const state = await checkFamilyLink(params.token)
	if (!state.ok) return data({ problem: state.reason as Problem, name: null }, { status: STATUS[state.reason] })
	return { problem: null, name: state.name }
}

export async function action({ request, params }: Route.ActionArgs) {
	await readForm(request)
	const userId = await redeemFamilyLink(params.token)
	if (!userId) {
		const state = await checkFamilyLink(params.token)
		const problem: Problem = state.ok ? 'used' : state.reason
		return data({ problem }, { status: STATUS[problem] })
	}
	const cookie = await createSession(request, userId)
	throw redirect('/family', { headers: { 'Set-Cookie': cookie } })
}

const TITLES: Record<Problem, string> = {
	unknown: 'This link does not work',
	used: 'This link has already been used',
	expired: 'This link has stopped working',
}
const WHY: Record<Problem, string> = {
	unknown: 'Check that you copied the whole link from the email.',
	used: 'Each link works once.',
	expired: `Each link works for ${FAMILY_LINK_MINUTES} minutes.`,
}

export default function FamilySignInLink() {
	const loaderData = useLoaderData<typeof loader>()
	const actionData = useActionData<typeof action>()
	const problem = actionData?.problem ?? loaderData.problem
	if (problem)
		return (
			<div className="govuk-grid-row">
				<div className="govuk-grid-column-two-thirds">
					<PageTitle title={TITLES[problem]} />
					<h1 className="govuk-heading-l">{TITLES[problem]}</h1>
					<p className="govuk-body">{WHY[problem]} You can get a new link by email.</p>
					<p className="govuk-body">
						<a className="govuk-link" href="/family/sign-in">
							Get a new link
						</a>
					</p>
				</div>
			</div>
		)
	return (
		<div className="govuk-grid-row">
			<div className="govuk-grid-column-two-thirds">
				<PageTitle title="Sign in" />
				<h1 className="govuk-heading-l">Hello {loaderData.name}</h1>
				<p className="govuk-body">Press the button to sign in to the EHC review portal.</p>
				<Form method="post">
					<Button>Sign in</Button>
				</Form>
			</div>
		</div>
	)
}
