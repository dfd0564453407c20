import type { ReactNode } from 'react'

/** GOV.UK success notification banner, shown after a change is saved. */
export function SavedBanner({ children }: { children: ReactNode }) {
	return (
		<div className="govuk-notification-banner govuk-notification-banner--success" role="alert" aria-labelledby="saved-banner-title" data-module="govuk-notification-banner">
			<div className="govuk-notification-banner__header">
				<h2 className="govuk-notification-banner__title" id="saved-banner-title">
					Success
				</h2>
			</div>
			<div className="govuk-notification-banner__content">
				<p className="govuk-notification-banner__heading">{children}</p>
			</div>
		</div>
	)
}
