// The page title: React 19 hoists <title> into <head>. "Error: " comes first when the page shows a
// validation error (GOV.UK pattern), so screen-reader users hear it straight away.
export function PageTitle({ title, error }: { title: string; error?: boolean }) {
	return <title>{`${error ? 'Error: ' : ''}${title} – EHC annual reviews`}</title>
}

export function Pagination({ page, pages, hrefFor }: { page: number; pages: number; hrefFor: (page: number) => string }) {
	if (pages <= 1) return null
	return (
		<nav className="govuk-pagination" aria-label="Pages">
			{page > 1 ? <PageLink rel="prev" href={hrefFor(page - 1)} label="Previous" /> : null}
			<p className="govuk-body govuk-!-margin-bottom-0 govuk-!-margin-top-1">
				Page {page} of {pages}
			</p>
			{page < pages ? <PageLink rel="next" href={hrefFor(page + 1)} label="Next" /> : null}
		</nav>
	)
}

/** The link to the previous or the next page of a list. */
function PageLink({ rel, href, label }: { rel: 'prev' | 'next'; href: string; label: string }) {
	return (
		<div className={`govuk-pagination__${rel}`}>
			<a className="govuk-link govuk-pagination__link" href={href} rel={rel}>
				<span className="govuk-pagination__link-title">
					{label}
					<span className="govuk-visually-hidden"> page</span>
				</span>
			</a>
		</div>
	)
}
