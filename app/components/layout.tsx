import { Form, NavLink } from 'react-router'
import type { Permission, Role } from '#app/domain/permissions.ts'

type HeaderUser = { name: string; roles: Role[]; schoolName: string | null; permissions: Permission[] } | null

// The council's own header: its name, not the GOV.UK crown (services off GOV.UK must not use it).
export function ServiceHeader({ councilName, user }: { councilName: string; user: HeaderUser }) {
	const links: Array<{ to: string; label: string }> = []
	if (user?.roles.includes('FAMILY')) links.push({ to: '/family', label: 'Your reviews' })
	if (user?.permissions.includes('school:children:read')) links.push({ to: '/school', label: 'Children' })
	if (user?.permissions.includes('caseload:read')) links.push({ to: '/caseload', label: 'Caseload' })
	if (user?.permissions.includes('timeliness:read')) links.push({ to: '/timeliness', label: 'Timeliness' })
	if (user?.permissions.includes('workload:manage')) links.push({ to: '/workload', label: 'Workload' })
	if (user?.permissions.includes('admin:users') || user?.permissions.includes('admin:schools')) links.push({ to: '/admin', label: 'Administration' })
	return (
		<>
			<header className="app-header" role="banner">
				<div className="govuk-width-container">
					{user ? (
						<div className="app-header__user">
							<span>
								{user.name}
								{user.schoolName ? `, ${user.schoolName}` : ''}
							</span>{' '}
							<Form method="post" action="/sign-out" className="app-inline-form">
								<button type="submit" className="app-link-button">
									Sign out
								</button>
							</Form>
						</div>
					) : null}
					<a href="/" className="app-header__council">
						{councilName}
					</a>
				</div>
			</header>
			<section aria-label="Service information" className="govuk-service-navigation" data-module="govuk-service-navigation">
				<div className="govuk-width-container">
					<div className="govuk-service-navigation__container">
						<span className="govuk-service-navigation__service-name">
							<a href="/" className="govuk-service-navigation__link">
								EHC annual reviews
							</a>
						</span>
						{links.length ? (
							<nav aria-label="Menu" className="govuk-service-navigation__wrapper">
								<ul className="govuk-service-navigation__list" id="navigation">
									{links.map((link) => (
										<li className="govuk-service-navigation__item" key={link.to}>
											<NavLink to={link.to} className="govuk-service-navigation__link">
												{link.label}
											</NavLink>
										</li>
									))}
								</ul>
							</nav>
						) : null}
					</div>
				</div>
			</section>
		</>
	)
}

export function ServiceFooter() {
	return (
		<footer className="govuk-footer">
			<div className="govuk-width-container">
				<div className="govuk-footer__meta">
					<div className="govuk-footer__meta-item govuk-footer__meta-item--grow">
						<h2 className="govuk-visually-hidden">Support links</h2>
						<ul className="govuk-footer__inline-list">
							<li className="govuk-footer__inline-list-item">
								<a className="govuk-footer__link" href="/accessibility">
									Accessibility statement
								</a>
							</li>
							<li className="govuk-footer__inline-list-item">
								<a className="govuk-footer__link" href="/privacy">
									Privacy notice
								</a>
							</li>
						</ul>
					</div>
				</div>
			</div>
		</footer>
	)
}
