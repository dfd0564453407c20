import { getFormProps } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod/v4'
import { data, Form, redirect, useActionData, useLoaderData } from 'react-router'
import { z } from 'zod'
import { createSession } from '#app/auth/auth.server.ts'
import { setPasswordWithLink } from '#app/auth/password-reset.server.ts'
import { Button, ErrorSummary, summaryErrors, TextField, useGovukForm } from '#app/components/forms.tsx'
import { PageTitle } from '#app/components/page.tsx'
import { INVITE_DAYS, MIN_PASSWORD, RESET_LINK_LIFETIME, type TokenPurpose } from '#app/domain/accounts.ts'
import { readForm } from '#app/http/request-limits.server.ts'
import { checkToken } from '#app/services/admin.server.ts'
import type { Route } from './+types/set-password'

// The page an invitation or password-reset email links to (public: the link is the credential).

export const SetPasswordSchema = z
	.object({
		password: z
			.string({ error: 'Enter a password' })
			.min(MIN_PASSWORD, `Your password must be at least ${MIN_PASSWORD} characters`)
			.max(256, 'Your password must be 256 characters or fewer'),
		confirm: z.string({ error: 'Enter the password again' }),
	})
	.refine((v) => v.password === v.confirm, { path: ['confirm'], message: 'The passwords do not match: enter the same password twice' })

type LinkProblem = 'unknown' | 'used' | 'expired'
const STATUS: Record<LinkProblem, number> = { unknown: 404, used: 410, expired: 410 }
// `purpose` says what the link was for, when it is known (an invitation or a reset): the words and advice differ.

export async function loader({ params }: Route.LoaderArgs) {
	const state = await checkToken(params.token)
	if (!state.ok)
		return data({ problem: state.reason as LinkProblem, purpose: 'purpose' in state ? state.purpose : null, email: null }, { status: STATUS[state.reason] })
	return { problem: null, purpose: state.purpose, email: state.user.email }
}

export async function action({ request, params }: Route.ActionArgs) {
	const state = await checkToken(params.token)
	if (!state.ok)
		return data(
			{ result: null, problem: state.reason as LinkProblem, purpose: 'purpose' in state ? state.purpose : null },
			{ status: STATUS[state.reason] },
		)
	const submission = parseWithZod(await readForm(request), { schema: SetPasswordSchema })
	const hide = { hideFields: ['password', 'confirm'] }
	if (submission.status !== 'success') return data({ result: submission.reply(hide), problem: null, purpose: state.purpose }, { status: 400 })
	const { password } = submission.value
	const email = state.user.email
	const lowered = password.trim().toLowerCase()
	if (lowered === email || lowered === email.split('@')[0]) {
		return data(
			{
				result: submission.reply({ ...hide, fieldErrors: { password: ['Your password must not be your email address'] } }),
				problem: null,
				purpose: state.purpose,
			},
			{ status: 400 },
		)
	}
	const used = await setPasswordWithLink(request, state, password)
	if (!used) return data({ result: null, problem: 'used' as LinkProblem, purpose: state.purpose }, { status: 410 })
	const cookie = await createSession(request, state.user.id)
	throw redirect('/', { headers: { 'Set-Cookie': cookie } })
}

export default function SetPassword() {
	const loaderData = useLoaderData<typeof loader>()
	const actionData = useActionData<typeof action>()
	const problem = actionData?.problem ?? loaderData.problem
	if (problem) return <LinkNotWorking problem={problem} purpose={actionData?.problem ? actionData.purpose : loaderData.purpose} />
	return <PasswordForm email={loaderData.email!} reset={loaderData.purpose === 'RESET_PASSWORD'} lastResult={actionData?.result ?? null} />
}

function PasswordForm({ email, reset, lastResult }: { email: string; reset: boolean; lastResult: Parameters<typeof useGovukForm>[0]['lastResult'] }) {
	const [form, fields] = useGovukForm({ id: 'set-password', schema: SetPasswordSchema, lastResult })
	const errors = summaryErrors(form.id, form.allErrors, ['password', 'confirm'])
	const title = reset ? 'Set a new password' : 'Set your password'
	return (
		<div className="govuk-grid-row">
			<div className="govuk-grid-column-two-thirds">
				<PageTitle title={title} error={errors.length > 0} />
				<ErrorSummary errors={errors} />
				<h1 className="govuk-heading-l">{title}</h1>
				<p className="govuk-body">
					You will sign in with <strong>{email}</strong> and this password.
					{reset ? ' Setting it signs the account out everywhere else it is signed in.' : null}
				</p>
				<Form method="post" {...getFormProps(form)} noValidate>
					{/* Lets password managers save the password against the right account. */}
					<input type="hidden" name="username" autoComplete="username" value={email} />
					<TextField
						field={fields.password}
						label={reset ? 'Create a new password' : 'Create a password'}
						hint={`At least ${MIN_PASSWORD} characters. A few unrelated words together make a strong password that is easy to remember. Do not use your email address.`}
						type="password"
						autoComplete="new-password"
					/>
					<TextField field={fields.confirm} label="Enter the password again" type="password" autoComplete="new-password" />
					<Button>Set the password and sign in</Button>
				</Form>
			</div>
		</div>
	)
}

const TITLES: Record<LinkProblem, string> = {
	unknown: 'This link does not work',
	used: 'This link has already been used',
	expired: 'This link has expired',
}

function problemText(reason: LinkProblem, purpose: TokenPurpose | null): string {
	if (reason === 'unknown')
		return 'Check that you copied the whole link from the email. If it still does not work, ask for a new link below, or ask your council’s SEN team.'
	if (purpose === 'RESET_PASSWORD') {
		return reason === 'used'
			? 'Each link to set a password works once. If you have already set your new password, sign in with it. If not, ask for a new link below.'
			: `Links to set a new password work for ${RESET_LINK_LIFETIME}. Ask for a new link below.`
	}
	return reason === 'used'
		? 'Each link to set a password works once. If you have already set your password, sign in. If not, ask the person who invited you, or your council’s SEN team, to send a new link, or ask for one below.'
		: `Links to set a password work for ${INVITE_DAYS} days. Ask the person who invited you, or your council’s SEN team, to send a new one, or ask for one below.`
}

function LinkNotWorking({ problem, purpose }: { problem: LinkProblem; purpose: TokenPurpose | null }) {
	const title = TITLES[problem]
	return (
		<div className="govuk-grid-row">
			<div className="govuk-grid-column-two-thirds">
				<PageTitle title={title} />
				<h1 className="govuk-heading-l">{title}</h1>
				<p className="govuk-body">{problemText(problem, purpose)}</p>
				<ul className="govuk-list">
					<li>
						<a className="govuk-link" href="/reset-password">
							Ask for a new link to set a password
						</a>
					</li>
					<li>
						<a className="govuk-link" href="/sign-in">
							Go to the sign-in page
						</a>
					</li>
				</ul>
			</div>
		</div>
	)
}
