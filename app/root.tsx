import { Links, Meta, Outlet, Scripts, ScrollRestoration, useRouteLoaderData } from 'react-router'
import { getUser } from '#app/auth/auth.server.ts'
import { ErrorPage } from '#app/components/error-page.tsx'
import { ServiceHeader, ServiceFooter } from '#app/components/layout.tsx'
import { permissionsOf } from '#app/domain/permissions.ts'
import { useNonce } from '#app/http/nonce.tsx'
import { requestLimits } from '#app/http/request-limits.server.ts'
import { securityHeaders } from '#app/http/security-headers.server.ts'
import { serviceOwnerName } from '#app/queries/service-owner.server.ts'
import stylesHref from '#app/styles/app.scss?url'
import type { Route } from './+types/root'

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
							<span className="govuk-phase-banner__text">This is a new service. Tell your council's SEN team what you think of it.</span>
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
	return <ErrorPage error={error} />
}
