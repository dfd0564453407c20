// The page title: React 19 hoists <title> into <head>. "Error: " comes first when the page shows a
// validation error (GOV.UK pattern), so screen-reader users hear it straight away.
export function PageTitle({ title, error }: { title: string; error?: boolean }) {
	return <title>{`${error ? 'Error: ' : ''}${title} – EHC annual reviews`}</title>
}

export function Pagination({ page, pages, hrefFor }: { page: number; pages: number; hrefFor: (page: number) => string }) {
	if (pages <= 1) return null
	return (
		<nav className="govuk-pagination" aria-label="Pages">
			{page > 1 ? (
				<div className="govuk-pagination__prev">
					<a className="govuk-link govuk-pagination__link" href={hrefFor(page - 1)} rel="prev">
						<span className="govuk-pagination__link-title">
							Previous<span className="govuk-visually-hidden"> page</span>
						</span>
					</a>
				</div>
			) : null}
			<p className="govuk-body govuk-!-margin-bottom-0 govuk-!-margin-top-1">
				Page {page} of {pages}
			</p>
			{page < pages ? (
				<div className="govuk-pagination__next">
					<a className="govuk-link govuk-pagination__link" href={hrefFor(page + 1)} rel="next">
						<span className="govuk-pagination__link-title">
							Next<span className="govuk-visually-hidden"> page</span>
						</span>
					</a>
				</div>
			) : null}
		</nav>
	)
}
