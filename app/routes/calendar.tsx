import { data, Form, useActionData, useLoaderData } from 'react-router'
import { audit } from '#app/auth/audit.server.ts'
import { forbidden, requireUser } from '#app/auth/auth.server.ts'
import { CALENDAR_ROLES, calendarLinkOf, createCalendarLink, stopCalendarLink } from '#app/auth/calendar-feed.server.ts'
import { PageTitle } from '#app/components/page.tsx'
import { WarningText } from '#app/components/review-bits.tsx'
import { readForm } from '#app/http/request-limits.server.ts'
import { formatDateTime } from '#app/lib/format.ts'
import type { Route } from './+types/calendar'

async function requireCaseloadWorker(request: Request) {
	const user = await requireUser(request)
	if (!user.laId || !user.roles.some((r) => (CALENDAR_ROLES as readonly string[]).includes(r))) {
		await audit(request, user.id, 'access.denied', { details: `not a caseworker or manager: ${new URL(request.url).pathname}` })
		throw forbidden()
	}
	return user
}

export async function loader({ request }: Route.LoaderArgs) {
	const user = await requireCaseloadWorker(request)
	const { hasLink, createdAt } = await calendarLinkOf(user.id)
	return { hasLink, createdAt: createdAt ? formatDateTime(createdAt) : null }
}

export async function action({ request }: Route.ActionArgs) {
	const user = await requireCaseloadWorker(request)
	const intent = (await readForm(request)).get('intent')
	if (intent === 'create') return createCalendarLink(request, user.id)
	if (intent === 'revoke') {
		await stopCalendarLink(request, user.id)
		return { revoked: true as const }
	}
	throw data('Unknown request', { status: 400 })
}

export default function Calendar() {
	const { hasLink, createdAt } = useLoaderData<typeof loader>()
	const result = useActionData<typeof action>()
	const url = result && 'url' in result ? result.url : null
	return (
		<div className="govuk-grid-row">
			<div className="govuk-grid-column-two-thirds">
				<PageTitle title="Your deadlines in your calendar" />
				<a href="/caseload" className="govuk-back-link">
					Back to the caseload
				</a>
				<h1 className="govuk-heading-l">Your deadlines in your calendar</h1>
				<p className="govuk-body">
					Your calendar app (Outlook, Google Calendar or Apple Calendar) can show the statutory deadlines of the reviews of the children assigned to
					you: review reports, council decisions, amendment notices, the end of the family’s representations, final plans and phase transfers. It
					checks for changes about once an hour.
				</p>
				<p className="govuk-body">Each deadline shows the child’s first name and initial and their school, and links back to the review here.</p>
				{url ? (
					<section aria-labelledby="calendar-link-title" role="status">
						<h2 className="govuk-heading-m" id="calendar-link-title">
							{result && 'replaced' in result && result.replaced ? 'Your new calendar link' : 'Your calendar link'}
						</h2>
						<div className="govuk-form-group">
							<label className="govuk-label" htmlFor="calendar-url">
								Copy this address and add it to your calendar as a subscription (“From URL”, “From internet” or “Subscribe to calendar”)
							</label>
							<input className="govuk-input" id="calendar-url" type="text" readOnly value={url} spellCheck={false} />
						</div>
					</section>
				) : null}
				{url ? (
					<WarningText>
						This link is shown only this once. It works like a password: anyone who has it can see your deadlines. Do not share it.
					</WarningText>
				) : null}
				{result && 'revoked' in result ? (
					<p className="govuk-body govuk-!-font-weight-bold" role="status">
						Your calendar link has been stopped. Calendars that used it will stop updating.
					</p>
				) : null}
				{hasLink && !url ? (
					<>
						<p className="govuk-body">
							You have a calendar link{createdAt ? `, created on ${createdAt}` : ''}. For your security it was shown only once, when you created
							it.
						</p>
						<p className="govuk-body">
							If you have lost it, or think someone else may have it, stop it and create a new one. The old link stops working at once.
						</p>
					</>
				) : null}
				{!hasLink && !url ? <p className="govuk-body">You do not have a calendar link.</p> : null}
				<Form method="post" className="govuk-button-group">
					<button type="submit" name="intent" value="create" className="govuk-button" data-module="govuk-button">
						{hasLink ? 'Stop the old link and create a new one' : 'Create a calendar link'}
					</button>
					{hasLink ? (
						<button type="submit" name="intent" value="revoke" className="govuk-button govuk-button--warning" data-module="govuk-button">
							Stop the link
						</button>
					) : null}
				</Form>
			</div>
		</div>
	)
}
