import { getFormProps } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod/v4'
import { data, Form, useActionData } from 'react-router'
import { z } from 'zod'
import { requestFamilyLink } from '#app/auth/family.server.ts'
import { Button, EmailField, ErrorSummary, summaryErrors, useGovukForm } from '#app/components/forms.tsx'
import { PageTitle } from '#app/components/page.tsx'
import { FAMILY_LINK_MINUTES } from '#app/domain/accounts.ts'
import { readForm } from '#app/http/request-limits.server.ts'
import { ownEmailAddress } from '#app/lib/form-fields.ts'
import type { Route } from './+types/family-sign-in'

// Parents, carers and young people sign in with a link sent to their email address (public). The answer is the
// same whether or not the address is known (app/auth/family.server.ts), so the page never tells anyone who is.

export const FamilySignInSchema = z.object({ email: ownEmailAddress() })

export async function action({ request }: Route.ActionArgs) {
	const submission = parseWithZod(await readForm(request), { schema: FamilySignInSchema })
	if (submission.status !== 'success') return data({ result: submission.reply(), sentTo: null }, { status: 400 })
	await requestFamilyLink(request, submission.value.email)
	return { result: null, sentTo: submission.value.email }
}

export default function FamilySignIn() {
	const actionData = useActionData<typeof action>()
	if (actionData?.sentTo) return <CheckYourEmail email={actionData.sentTo} />
	return <LinkForm lastResult={actionData?.result ?? null} />
}

function LinkForm({ lastResult }: { lastResult: Parameters<typeof useGovukForm>[0]['lastResult'] }) {
	const [form, fields] = useGovukForm({ id: 'family-sign-in', schema: FamilySignInSchema, lastResult })
	const errors = summaryErrors(form.id, form.allErrors, ['email'])
	return (
		<div className="govuk-grid-row">
			<div className="govuk-grid-column-two-thirds">
				<PageTitle title="Sign in as a parent, carer or young person" error={errors.length > 0} />
				<ErrorSummary errors={errors} />
				<h1 className="govuk-heading-l">Sign in as a parent, carer or young person</h1>
				<p className="govuk-body">You do not need a password. We will email you a link to sign in.</p>
				<p className="govuk-body">Use the email address the school or council has for you.</p>
				<Form method="post" {...getFormProps(form)} noValidate>
					<EmailField field={fields.email} label="Your email address" autoComplete="email" />
					<Button>Send me a link</Button>
				</Form>
				<p className="govuk-body">
					Work for a school or the council?{' '}
					<a className="govuk-link" href="/sign-in">
						Sign in with your password
					</a>
					.
				</p>
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
					If <strong>{email}</strong> is an address we have for a parent, carer or young person, we have sent a link to it.
				</p>
				<p className="govuk-body">The link works once. It stops working after {FAMILY_LINK_MINUTES} minutes.</p>
				<p className="govuk-body">
					If nothing comes, look in your spam or junk folder. If it is still not there, ask your child’s school or the council’s SEN team to check
					your email address.
				</p>
				<p className="govuk-body">
					<a className="govuk-link" href="/family/sign-in">
						Send another link
					</a>
				</p>
			</div>
		</div>
	)
}
