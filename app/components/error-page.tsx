// What a person sees when a page cannot be shown, in the GOV.UK patterns for error pages: page not found, no
// permission, a problem with what was sent (with the service's own message: "This review has been submitted to the
// council and can no longer be changed"), and the service's own problem. Routes with their own way back (a review's
// forms, the council's steps) pass `back` so the page links to where the person was, not only to the start.
import { isRouteErrorResponse } from 'react-router'
import { PageTitle } from '#app/components/page.tsx'

export type BackLink = { href: string; text: string }

/** The way back from a school's review form, and from a council step, when it cannot be shown or saved. */
export const backToReview = (reviewId: string | undefined): BackLink | undefined =>
	reviewId ? { href: `/reviews/${reviewId}`, text: 'Go back to the review' } : undefined
export const backToCase = (reviewId: string | undefined): BackLink | undefined =>
	reviewId ? { href: `/council/reviews/${reviewId}`, text: 'Go back to the case' } : undefined

/** The message a thrown response carries for people (a string from `data('...', { status })`), if any. */
export function errorMessage(error: unknown): string | null {
	if (!isRouteErrorResponse(error)) return null
	const message = typeof error.data === 'string' ? error.data.trim() : ''
	// React Router's own bodies for unmatched routes and methods are for developers, not for people.
	if (!message || /^(Error: )?No (route|action|loader)/.test(message)) return null
	return message
}

const HEADINGS: Record<number, string> = {
	400: 'There is a problem with your request',
	409: 'This cannot be changed now',
	410: 'This link has expired',
	413: 'There is a problem with your request',
	415: 'There is a problem with your request',
	429: 'Too many attempts',
}

const FALLBACKS: Record<number, string> = {
	400: 'Go back and try again.',
	409: 'Someone else has changed this since you opened it, or it has moved on to the next step. Reload the page to see it as it is now.',
	410: 'Ask for a new one.',
	413: 'What you sent is too large. Go back and try again with less.',
	415: 'What you sent was not a form from this service. Go back and try again.',
	429: 'Wait a few minutes and try again.',
}

function Back({ back }: { back?: BackLink }) {
	return (
		<p className="govuk-body">
			{back ? (
				<a className="govuk-link" href={back.href}>
					{back.text}
				</a>
			) : (
				<a className="govuk-link" href="/">
					Go to your home page
				</a>
			)}
		</p>
	)
}

export function ErrorPage({ error, back }: { error: unknown; back?: BackLink }) {
	if (isRouteErrorResponse(error) && error.status === 404) {
		return (
			<>
				<PageTitle title="Page not found" />
				<h1 className="govuk-heading-l">Page not found</h1>
				<p className="govuk-body">If you typed the web address, check it is correct.</p>
				<p className="govuk-body">If you pasted the web address, check you copied the entire address.</p>
				<Back back={back} />
			</>
		)
	}
	if (isRouteErrorResponse(error) && error.status === 403) {
		return (
			<>
				<PageTitle title="You do not have permission to see this page" />
				<h1 className="govuk-heading-l">You do not have permission to see this page</h1>
				<p className="govuk-body">Your account can only see records of your own school or council. This attempt has been recorded.</p>
				<p className="govuk-body">If you think you should have access, contact your council's SEN team.</p>
				<Back back={back} />
			</>
		)
	}
	if (isRouteErrorResponse(error) && error.status >= 400 && error.status < 500) {
		const heading = HEADINGS[error.status] ?? 'There is a problem with your request'
		return (
			<>
				<PageTitle title={heading} />
				<h1 className="govuk-heading-l">{heading}</h1>
				<p className="govuk-body">{errorMessage(error) ?? FALLBACKS[error.status] ?? 'Go back and try again.'}</p>
				<p className="govuk-body">Nothing you saved before has been lost.</p>
				<Back back={back} />
			</>
		)
	}
	if (!isRouteErrorResponse(error)) console.error(error)
	return (
		<>
			<PageTitle title="Sorry, there is a problem with the service" />
			<h1 className="govuk-heading-l">Sorry, there is a problem with the service</h1>
			<p className="govuk-body">Try again later. Nothing you saved has been lost.</p>
			<Back back={back} />
		</>
	)
}
