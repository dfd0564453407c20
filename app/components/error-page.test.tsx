import { renderToStaticMarkup } from 'react-dom/server'
import { UNSAFE_ErrorResponseImpl as ErrorResponse } from 'react-router'
import { expect, test, vi } from 'vitest'
import { ErrorPage } from './error-page.tsx'

const text = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ')

test('the service’s error page shows a refused step’s own message (it said "Sorry, there is a problem with the service")', async () => {
	const { ErrorBoundary } = await import('#app/root.tsx')
	const error = new ErrorResponse(409, 'Conflict', 'This review has been submitted to the council and can no longer be changed.')
	const html = renderToStaticMarkup(<ErrorBoundary error={error} params={{}} loaderData={undefined} actionData={undefined} />)
	expect(text(html)).toContain('This review has been submitted to the council and can no longer be changed.')
	expect(text(html)).not.toContain('problem with the service')
})

test('a refused step shows its own message, in the service’s words, with a way back', () => {
	const error = new ErrorResponse(409, 'Conflict', 'This review has been submitted to the council and can no longer be changed.')
	const html = renderToStaticMarkup(<ErrorPage error={error} back={{ href: '/reviews/r1', text: 'Go back to the review' }} />)
	expect(text(html)).toContain('This cannot be changed now')
	expect(text(html)).toContain('This review has been submitted to the council and can no longer be changed.')
	expect(text(html)).not.toContain('problem with the service')
	expect(html).toContain('<a class="govuk-link" href="/reviews/r1">Go back to the review</a>')
})

test('a 4xx without a message for people gets the status’s own words; React Router’s developer messages are not shown', () => {
	expect(text(renderToStaticMarkup(<ErrorPage error={new ErrorResponse(429, 'Too Many Requests', '')} />))).toContain('Wait a few minutes and try again.')
	const routerMessage = text(
		renderToStaticMarkup(<ErrorPage error={new ErrorResponse(405, 'Method Not Allowed', 'Error: No action found for route "routes/x"')} />),
	)
	expect(routerMessage).toContain('Go back and try again.')
	expect(routerMessage).not.toContain('No action found')
})

test('not found, no permission and the service’s own failure keep their GOV.UK pages', () => {
	expect(text(renderToStaticMarkup(<ErrorPage error={new ErrorResponse(404, 'Not Found', '')} />))).toContain('Page not found')
	expect(text(renderToStaticMarkup(<ErrorPage error={new ErrorResponse(403, 'Forbidden', '')} />))).toContain('You do not have permission to see this page')
	const logged = vi.spyOn(console, 'error').mockImplementation(() => {})
	expect(text(renderToStaticMarkup(<ErrorPage error={new Error('database gone')} />))).toContain('Sorry, there is a problem with the service')
	expect(logged).toHaveBeenCalledOnce()
	logged.mockRestore()
})

test('a review’s forms and the council’s steps keep the way back to the review or the case', async () => {
	const error = new ErrorResponse(409, 'Conflict', 'This review has been submitted to the council and can no longer be changed.')
	const school = await import('#app/routes/review-part.tsx')
	const council = await import('#app/routes/council-final.tsx')
	const props = { error, params: { reviewId: 'r1', part: 'CHILD_VIEWS' }, loaderData: undefined, actionData: undefined }
	expect(renderToStaticMarkup(<school.ErrorBoundary {...props} />)).toContain('<a class="govuk-link" href="/reviews/r1">Go back to the review</a>')
	expect(renderToStaticMarkup(<council.ErrorBoundary {...props} params={{ reviewId: 'r1' }} />)).toContain(
		'<a class="govuk-link" href="/council/reviews/r1">Go back to the case</a>',
	)
})
