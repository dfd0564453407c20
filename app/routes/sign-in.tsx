import { getFormProps } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod/v4'
import { useEffect } from 'react'
import { data, Form, redirect, useActionData, useSearchParams } from 'react-router'
import { z } from 'zod'
import { createSession, getUser, verifySignIn } from '#app/auth/auth.server.ts'
import { Button, EmailField, ErrorSummary, summaryErrors, TextField, useGovukForm } from '#app/components/forms.tsx'
import { PageTitle } from '#app/components/page.tsx'
import { env } from '#app/env.server.ts'
import { readForm } from '#app/http/request-limits.server.ts'
import { safeRedirect } from '#app/http/request.server.ts'
import { ownEmailAddress } from '#app/lib/form-fields.ts'
import type { Route } from './+types/sign-in'

export const SignInSchema = z.object({
	email: ownEmailAddress(),
	password: z.string({ error: 'Enter your password' }).min(1, 'Enter your password'),
	redirectTo: z.string().optional(),
})

export async function loader({ request }: Route.LoaderArgs) {
	if (await getUser(request)) throw redirect('/')
	return null
}

export async function action({ request }: Route.ActionArgs) {
	const formData = await readForm(request)
	const submission = parseWithZod(formData, { schema: SignInSchema })
	if (submission.status !== 'success') {
		return data({ result: submission.reply({ hideFields: ['password'] }) }, { status: 400 })
	}
	const outcome = await verifySignIn(request, submission.value.email, submission.value.password)
	if (outcome.ok) {
		const cookie = await createSession(request, outcome.userId)
		throw redirect(safeRedirect(submission.value.redirectTo), { headers: { 'Set-Cookie': cookie } })
	}
	const reply = (message: string) => submission.reply({ fieldErrors: { email: [message] }, hideFields: ['password'] })
	// One message whatever was wrong, so the page never reveals whether an account exists.
	if (outcome.reason === 'invalid') return data({ result: reply('Enter a correct email address and password') }, { status: 400 })
	// Held back by a limit: the same message for an account's limit and an address's (an unknown account is
	// limited like any other), another for the limit on all sign-ins, which lasts a minute.
	const waitMinutes = outcome.limit === 'all' ? 1 : env.SIGN_IN_WINDOW_MINUTES
	const message =
		outcome.limit === 'all'
			? 'There have been too many attempts to sign in to this service. Wait 1 minute and try again'
			: `There have been too many attempts to sign in. Wait ${waitMinutes} minutes and try again`
	return data({ result: reply(message) }, { status: 429, headers: { 'Retry-After': String(waitMinutes * 60) } })
}

export default function SignIn() {
	const actionData = useActionData<typeof action>()
	const [searchParams] = useSearchParams()
	const [form, fields] = useGovukForm({ id: 'sign-in', schema: SignInSchema, lastResult: actionData?.result })
	const errors = summaryErrors(form.id, form.allErrors, ['email', 'password'])
	// After a failed attempt the password is cleared (the server never sends it back; with JavaScript
	// the browser would otherwise keep it in the field).
	useEffect(() => {
		const input = document.getElementById(fields.password.id)
		if (actionData && input instanceof HTMLInputElement) input.value = ''
	}, [actionData, fields.password.id])
	return (
		<div className="govuk-grid-row">
			<div className="govuk-grid-column-two-thirds">
				<PageTitle title="Sign in" error={errors.length > 0} />
				<ErrorSummary errors={errors} />
				<h1 className="govuk-heading-l">Sign in</h1>
				<p className="govuk-body">Sign in with the email address your school or council gave the service.</p>
				<Form method="post" {...getFormProps(form)} noValidate>
					<input type="hidden" name="redirectTo" value={searchParams.get('redirectTo') ?? ''} />
					<EmailField field={fields.email} label="Email address" autoComplete="username" />
					<TextField field={fields.password} label="Password" type="password" autoComplete="current-password" />
					<Button>Sign in</Button>
				</Form>
				<p className="govuk-body">
					<a className="govuk-link" href="/reset-password">
						Forgot your password?
					</a>
				</p>
				<p className="govuk-body">
					Parent, carer or young person?{' '}
					<a className="govuk-link" href="/family/sign-in">
						Get a link to sign in by email
					</a>
				</p>
				<p className="govuk-body">If you can no longer read email at this address, contact your council’s SEN team.</p>
			</div>
		</div>
	)
}
