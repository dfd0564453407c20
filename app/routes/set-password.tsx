import { getFormProps } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod/v4'
import { data, Form, redirect, useActionData, useLoaderData } from 'react-router'
import { z } from 'zod'
import type { Route } from './+types/set-password'
import { Button, ErrorSummary, summaryErrors, TextField, useGovukForm } from '#app/components/forms.tsx'
import { PageTitle } from '#app/components/page.tsx'
import { prisma } from '#app/db.server.ts'
import { INVITE_DAYS, MIN_PASSWORD } from '#app/domain/accounts.ts'
import { checkToken } from '#app/utils/admin.server.ts'
import { audit } from '#app/utils/audit.server.ts'
import { createSession } from '#app/utils/auth.server.ts'
import { hashPassword } from '#app/utils/password.server.ts'

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

export async function loader({ params }: Route.LoaderArgs) {
	const state = await checkToken(params.token)
	if (!state.ok) return data({ problem: state.reason as LinkProblem, email: null }, { status: STATUS[state.reason] })
	return { problem: null, email: state.user.email }
}

export async function action({ request, params }: Route.ActionArgs) {
	const state = await checkToken(params.token)
	if (!state.ok) return data({ result: null, problem: state.reason as LinkProblem }, { status: STATUS[state.reason] })
	const submission = parseWithZod(await request.formData(), { schema: SetPasswordSchema })
	const hide = { hideFields: ['password', 'confirm'] }
	if (submission.status !== 'success') return data({ result: submission.reply(hide), problem: null }, { status: 400 })
	const { password } = submission.value
	const email = state.user.email
	const lowered = password.trim().toLowerCase()
	if (lowered === email || lowered === email.split('@')[0]) {
		return data({ result: submission.reply({ ...hide, fieldErrors: { password: ['Your password must not be your email address'] } }), problem: null }, { status: 400 })
	}
	const passwordHash = await hashPassword(password)
	const used = await prisma.$transaction(async (tx) => {
		// Only the first of two simultaneous uses wins: the link is marked used only if it still was not.
		const claimed = await tx.oneTimeToken.updateMany({ where: { id: state.tokenId, usedAt: null }, data: { usedAt: new Date() } })
		if (claimed.count !== 1) return false
		await tx.oneTimeToken.updateMany({ where: { userId: state.user.id, usedAt: null }, data: { usedAt: new Date() } })
		await tx.user.update({ where: { id: state.user.id }, data: { passwordHash } })
		// A new password ends every other session (a reset after a suspected compromise must lock the old ones out).
		await tx.session.deleteMany({ where: { userId: state.user.id } })
		await audit(request, state.user.id, 'auth.set_password', { entityType: 'User', entityId: state.user.id }, tx)
		return true
	})
	if (!used) return data({ result: null, problem: 'used' as LinkProblem }, { status: 410 })
	const cookie = await createSession(request, state.user.id)
	throw redirect('/', { headers: { 'Set-Cookie': cookie } })
}

export default function SetPassword() {
	const loaderData = useLoaderData<typeof loader>()
	const actionData = useActionData<typeof action>()
	const problem = actionData?.problem ?? loaderData.problem
	if (problem) return <LinkNotWorking problem={problem} />
	return <PasswordForm email={loaderData.email!} lastResult={actionData?.result ?? null} />
}

function PasswordForm({ email, lastResult }: { email: string; lastResult: Parameters<typeof useGovukForm>[0]['lastResult'] }) {
	const [form, fields] = useGovukForm({ id: 'set-password', schema: SetPasswordSchema, lastResult })
	const errors = summaryErrors(form.id, form.allErrors, ['password', 'confirm'])
	return (
		<div className="govuk-grid-row">
			<div className="govuk-grid-column-two-thirds">
				<PageTitle title="Set your password" error={errors.length > 0} />
				<ErrorSummary errors={errors} />
				<h1 className="govuk-heading-l">Set your password</h1>
				<p className="govuk-body">
					You will sign in with <strong>{email}</strong> and this password.
				</p>
				<Form method="post" {...getFormProps(form)} noValidate>
					{/* Lets password managers save the password against the right account. */}
					<input type="hidden" name="username" autoComplete="username" value={email} />
					<TextField
						field={fields.password}
						label="Create a password"
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

const PROBLEMS: Record<LinkProblem, { title: string; text: string }> = {
	unknown: {
		title: 'This link does not work',
		text: 'Check that you copied the whole link from the email. If it still does not work, ask the person who invited you, or your council’s SEN team, to send a new one.',
	},
	used: {
		title: 'This link has already been used',
		text: 'Each link to set a password works once. If you have already set your password, sign in. If not, ask the person who invited you, or your council’s SEN team, to send a new link.',
	},
	expired: {
		title: 'This link has expired',
		text: `Links to set a password work for ${INVITE_DAYS} days. Ask the person who invited you, or your council’s SEN team, to send a new one.`,
	},
}

function LinkNotWorking({ problem }: { problem: LinkProblem }) {
	const { title, text } = PROBLEMS[problem]
	return (
		<div className="govuk-grid-row">
			<div className="govuk-grid-column-two-thirds">
				<PageTitle title={title} />
				<h1 className="govuk-heading-l">{title}</h1>
				<p className="govuk-body">{text}</p>
				<p className="govuk-body">
					<a className="govuk-link" href="/sign-in">
						Go to the sign-in page
					</a>
				</p>
			</div>
		</div>
	)
}
