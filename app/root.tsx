import { isRouteErrorResponse, Links, Meta, Outlet, Scripts, ScrollRestoration, useRouteLoaderData } from 'react-router'
import type { Route } from './+types/root'
import { PageTitle } from '#app/components/page.tsx'
import { ServiceHeader, ServiceFooter } from '#app/components/layout.tsx'
import { useNonce } from '#app/http/nonce.tsx'
import { serviceOwnerName } from '#app/queries/service-owner.server.ts'
import { getUser } from '#app/auth/auth.server.ts'
import { permissionsOf } from '#app/domain/permissions.ts'
import { requestLimits } from '#app/http/request-limits.server.ts'
import { securityHeaders } from '#app/http/security-headers.server.ts'
import stylesHref from '#app/styles/app.scss?url'

export const links: Route.LinksFunction = () => [
	{ rel: 'stylesheet', href: stylesHref },
	{ rel: 'icon', href: '/favicon.svg', type: 'image/svg+xml' },
]

// Runs for every route, pages and resource routes: the security headers on every response, and Origin and size
// limits on every form (app/http/request-limits.server.ts).
export const middleware: Route.MiddlewareFunction[] = [securityHeaders, requestLimits]

export async function loader({ request }: Route.LoaderArgs) {
	const user = await getUser(request)
	return {
		councilName: user?.laName ?? (await serviceOwnerName()),
		user: user && {
			name: user.name,
			roles: user.roles,
			schoolName: user.schoolName,
			permissions: permissionsOf(user.roles),
		},
	}
}

export function Layout({ children }: { children: React.ReactNode }) {
	const nonce = useNonce()
	const data = useRouteLoaderData<typeof loader>('root')
	return (
		<html lang="en-GB" className="govuk-template">
			<head>
				<meta charSet="utf-8" />
				<meta name="viewport" content="width=device-width, initial-scale=1, viewport-fit=cover" />
				<meta name="theme-color" content="#0b0c0c" />
				<Meta />
				<Links />
			</head>
			<body className="govuk-template__body">
				<a href="#main-content" className="govuk-skip-link" data-module="govuk-skip-link">
					Skip to main content
				</a>
				<ServiceHeader councilName={data?.councilName ?? 'Your council'} user={data?.user ?? null} />
				<div className="govuk-width-container">
					<section className="govuk-phase-banner" aria-label="Service status">
						<p className="govuk-phase-banner__content">
							<strong className="govuk-tag govuk-phase-banner__content__tag">Beta</strong>
							<span className="govuk-phase-banner__text">
								This is a new service. Tell your council's SEN team what you think of it.
							</span>
						</p>
					</section>
					<main className="govuk-main-wrapper" id="main-content">
						{children}
					</main>
				</div>
				<ServiceFooter />
				<ScrollRestoration nonce={nonce} />
				<Scripts nonce={nonce} />
			</body>
		</html>
	)
}

export default function App() {
	return <Outlet />
}

export function ErrorBoundary({ error }: Route.ErrorBoundaryProps) {
	if (isRouteErrorResponse(error) && error.status === 404) {
		return (
			<>
				<PageTitle title="Page not found" />
				<h1 className="govuk-heading-l">Page not found</h1>
				<p className="govuk-body">If you typed the web address, check it is correct.</p>
				<p className="govuk-body">If you pasted the web address, check you copied the entire address.</p>
				<p className="govuk-body">
					<a className="govuk-link" href="/">
						Go to your home page
					</a>
				</p>
			</>
		)
	}
	if (isRouteErrorResponse(error) && error.status === 403) {
		return (
			<>
				<PageTitle title="You do not have permission to see this page" />
				<h1 className="govuk-heading-l">You do not have permission to see this page</h1>
				<p className="govuk-body">
					Your account can only see records of your own school or council. This attempt has been recorded.
				</p>
				<p className="govuk-body">If you think you should have access, contact your council's SEN team.</p>
				<p className="govuk-body">
					<a className="govuk-link" href="/">
						Go to your home page
					</a>
				</p>
			</>
		)
	}
	if (isRouteErrorResponse(error) && (error.status === 413 || error.status === 415)) {
		return (
			<>
				<PageTitle title="There is a problem with your request" />
				<h1 className="govuk-heading-l">There is a problem with your request</h1>
				<p className="govuk-body">
					{error.status === 413 ? 'What you sent is too large. Go back and try again with less.' : 'What you sent was not a form from this service. Go back and try again.'}
				</p>
				<p className="govuk-body">Nothing you saved before has been lost.</p>
			</>
		)
	}
	if (isRouteErrorResponse(error) && error.status === 400) {
		return (
			<>
				<PageTitle title="There is a problem with your request" />
				<h1 className="govuk-heading-l">There is a problem with your request</h1>
				<p className="govuk-body">{typeof error.data === 'string' ? error.data : 'Go back and try again.'}</p>
			</>
		)
	}
	if (!isRouteErrorResponse(error)) console.error(error)
	return (
		<>
			<PageTitle title="Sorry, there is a problem with the service" />
			<h1 className="govuk-heading-l">Sorry, there is a problem with the service</h1>
			<p className="govuk-body">Try again later. Nothing you saved has been lost.</p>
		</>
	)
}
