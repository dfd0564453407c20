import { getFormProps } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod/v4'
import { data, Form, useActionData } from 'react-router'
import { z } from 'zod'
import { requestPasswordReset } from '#app/auth/password-reset.server.ts'
import { Button, EmailField, ErrorSummary, summaryErrors, useGovukForm } from '#app/components/forms.tsx'
import { PageTitle } from '#app/components/page.tsx'
import { RESET_LINK_LIFETIME } from '#app/domain/accounts.ts'
import { readForm } from '#app/http/request-limits.server.ts'
import { ownEmailAddress } from '#app/lib/form-fields.ts'
import type { Route } from './+types/reset-password'

// "Forgot your password?" (public). The answer is the same page whether or not there is an account, so the
// page never tells anyone who has one (app/auth/password-reset.server.ts).

export const ResetPasswordSchema = z.object({
	email: ownEmailAddress(),
})

export async function action({ request }: Route.ActionArgs) {
	const submission = parseWithZod(await readForm(request), { schema: ResetPasswordSchema })
	if (submission.status !== 'success') return data({ result: submission.reply(), sentTo: null }, { status: 400 })
	// Whatever the outcome (sent, no such account, deactivated, too many requests), the same answer.
	await requestPasswordReset(request, submission.value.email)
	return { result: null, sentTo: submission.value.email }
}

export default function ResetPassword() {
	const actionData = useActionData<typeof action>()
	if (actionData?.sentTo) return <CheckYourEmail email={actionData.sentTo} />
	return <ResetPasswordForm lastResult={actionData?.result ?? null} />
}

function ResetPasswordForm({ lastResult }: { lastResult: Parameters<typeof useGovukForm>[0]['lastResult'] }) {
	const [form, fields] = useGovukForm({ id: 'reset-password', schema: ResetPasswordSchema, lastResult })
	const errors = summaryErrors(form.id, form.allErrors, ['email'])
	return (
		<div className="govuk-grid-row">
			<div className="govuk-grid-column-two-thirds">
				<PageTitle title="Reset your password" error={errors.length > 0} />
				<a href="/sign-in" className="govuk-back-link">
					Back to sign in
				</a>
				<ErrorSummary errors={errors} />
				<h1 className="govuk-heading-l">Reset your password</h1>
				<p className="govuk-body">
					Enter the email address you sign in with. If there is an account for it, we will send it a link to set a new password. The link works once,
					for {RESET_LINK_LIFETIME}.
				</p>
				<Form method="post" {...getFormProps(form)} noValidate>
					<EmailField field={fields.email} label="Email address" autoComplete="username" />
					<Button>Send the link</Button>
				</Form>
			</div>
		</div>
	)
}

function CheckYourEmail({ email }: { email: string }) {
	return (
		<div className="govuk-grid-row">
			<div className="govuk-grid-column-two-thirds">
				<PageTitle title="Check your email" />
				<h1 className="govuk-heading-l">Check your email</h1>
				<p className="govuk-body">
					If there is an account for <strong>{email}</strong>, we have sent it a link to set a new password. The link works once, for{' '}
					{RESET_LINK_LIFETIME}.
				</p>
				<p className="govuk-body">If it does not arrive, check your spam folder or contact your council’s SEN team.</p>
				<p className="govuk-body">
					<a className="govuk-link" href="/sign-in">
						Go to the sign-in page
					</a>
				</p>
			</div>
		</div>
	)
}
