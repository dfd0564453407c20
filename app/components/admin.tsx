import type { ReactNode } from 'react'
import { Form } from 'react-router'
import { ErrorSummary, type SummaryError } from '#app/components/forms.tsx'
import { PageTitle, Pagination } from '#app/components/page.tsx'
import { TableHead, type TableColumn } from '#app/components/table.tsx'

/** GOV.UK success notification banner, shown after a change is saved (`details`: what else to say, as paragraphs). */
export function SavedBanner({ children, details }: { children: ReactNode; details?: ReactNode }) {
	return (
		<div
			className="govuk-notification-banner govuk-notification-banner--success"
			role="alert"
			aria-labelledby="saved-banner-title"
			data-module="govuk-notification-banner"
		>
			<div className="govuk-notification-banner__header">
				<h2 className="govuk-notification-banner__title" id="saved-banner-title">
					Success
				</h2>
			</div>
			<div className="govuk-notification-banner__content">
				<p className="govuk-notification-banner__heading">{children}</p>
				{details}
			</div>
		</div>
	)
}

/**
 * The top of an administration list page (schools, users): back to administration, the saved banner after a
 * change, the heading under the council's name, anything the page says first, then the button that adds one.
 */
export function AdminListHeading({
	title,
	laName,
	saved,
	add,
	children,
}: {
	title: string
	laName: ReactNode
	saved: ReactNode
	add: { href: string; label: string }
	children?: ReactNode
}) {
	return (
		<>
			<PageTitle title={title} />
			<a href="/admin" className="govuk-back-link">
				Back to administration
			</a>
			{saved ? <SavedBanner>{saved}</SavedBanner> : null}
			<span className="govuk-caption-l">{laName}</span>
			<h1 className="govuk-heading-l">{title}</h1>
			{children}
			<a href={add.href} role="button" draggable="false" className="govuk-button" data-module="govuk-button">
				{add.label}
			</a>
		</>
	)
}

/**
 * An administration list: a search form (a plain GET, so it works without JavaScript), one page of the matching
 * rows as a table, or a sentence when there are none, and the links to the other pages. `noun` is the singular
 * and plural of what is listed, for the caption and the empty sentence. A row is the item's name linking to its
 * page (`href`, with anything to show under the name), its `cells`, then its `status` as a tag.
 */
export function AdminSearchList<T extends { id: string; name: string }>({
	q,
	searchLabel,
	noun: [one, many],
	total,
	page,
	pages,
	columns,
	rows,
	href,
	underName,
	cells,
	status,
}: {
	q: string
	searchLabel: string
	noun: [string, string]
	total: number
	page: number
	pages: number
	columns: TableColumn[]
	rows: T[]
	href: (item: T) => string
	underName?: (item: T) => ReactNode
	cells: (item: T) => ReactNode
	status: (item: T) => string
}) {
	return (
		<>
			<Form method="get" className="app-search" role="search">
				<div className="govuk-form-group">
					<label className="govuk-label" htmlFor="q">
						{searchLabel}
					</label>
					<input className="govuk-input govuk-input--width-20" id="q" name="q" type="search" defaultValue={q} />
				</div>
				<button type="submit" className="govuk-button govuk-button--secondary" data-module="govuk-button">
					Search
				</button>
			</Form>
			{rows.length ? (
				<div className="app-table-wrap">
					<table className="govuk-table">
						<caption className="govuk-table__caption govuk-table__caption--s">
							{total} {total === 1 ? one : many}
							{q ? ` matching ‘${q}’` : ''}
						</caption>
						<TableHead columns={columns} />
						<tbody className="govuk-table__body">
							{rows.map((item) => (
								<tr className="govuk-table__row" key={item.id}>
									<td className="govuk-table__cell">
										<a className="govuk-link" href={href(item)}>
											{item.name}
										</a>
										{underName?.(item)}
									</td>
									{cells(item)}
									<td className="govuk-table__cell">
										<StatusTag status={status(item)} />
									</td>
								</tr>
							))}
						</tbody>
					</table>
				</div>
			) : (
				<p className="govuk-body">{q ? `No ${many} match ‘${q}’.` : `There are no ${many} yet.`}</p>
			)}
			<Pagination page={page} pages={pages} hrefFor={(p) => `?${new URLSearchParams({ ...(q ? { q } : {}), ...(p > 1 ? { page: String(p) } : {}) })}`} />
		</>
	)
}

const STATUS_TAGS: Record<string, string> = {
	Active: 'govuk-tag--green',
	Invited: 'govuk-tag--blue',
	Deactivated: 'govuk-tag--grey',
	'School deactivated': 'govuk-tag--grey',
}

/** A school's or user's status in a list, as a coloured tag whose words say it too. */
export function StatusTag({ status }: { status: string }) {
	return <strong className={`govuk-tag ${STATUS_TAGS[status]}`}>{status}</strong>
}

/**
 * The frame of an administration page that changes one school or user, or the council's settings: two-thirds width,
 * back link, error summary, the saved banner after a change, caption and heading (`headingId` lets an error summary
 * link to the heading).
 */
export function AdminEditPage({
	title,
	errors,
	back,
	saved,
	caption,
	headingId,
	children,
}: {
	title: string
	errors: SummaryError[]
	back: { href: string; label: string }
	saved?: ReactNode
	caption?: ReactNode
	headingId?: string
	children: ReactNode
}) {
	return (
		<div className="govuk-grid-row">
			<div className="govuk-grid-column-two-thirds">
				<PageTitle title={title} error={errors.length > 0} />
				<a href={back.href} className="govuk-back-link">
					{back.label}
				</a>
				<ErrorSummary errors={errors} />
				{saved ? <SavedBanner>{saved}</SavedBanner> : null}
				{caption !== undefined ? <span className="govuk-caption-l">{caption}</span> : null}
				<h1 className="govuk-heading-l" id={headingId}>
					{title}
				</h1>
				{children}
			</div>
		</div>
	)
}

/** A form of one button that posts `intent` to the page's action (so it works without JavaScript). */
export function IntentButton({ intent, variant, children }: { intent: string; variant: 'secondary' | 'warning'; children: ReactNode }) {
	return (
		<Form method="post">
			<button type="submit" name="intent" value={intent} className={`govuk-button govuk-button--${variant}`} data-module="govuk-button">
				{children}
			</button>
		</Form>
	)
}

/**
 * Deactivate or reactivate a school or an account: a heading, what it will do, and the button (posts
 * `intent=deactivate` or `intent=reactivate`). `noun` is what it acts on, e.g. 'the school'.
 */
export function ActivationForm({ active, noun, deactivating, reactivating }: { active: boolean; noun: string; deactivating: string; reactivating: string }) {
	const label = active ? `Deactivate ${noun}` : `Reactivate ${noun}`
	return (
		<>
			<h2 className="govuk-heading-m">{label}</h2>
			<p className="govuk-body">{active ? deactivating : reactivating}</p>
			<IntentButton intent={active ? 'deactivate' : 'reactivate'} variant={active ? 'warning' : 'secondary'}>
				{label}
			</IntentButton>
		</>
	)
}
