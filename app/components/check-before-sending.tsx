// Check before sending (GOV.UK check answers): what a statutory step will send, to whom, and the letter itself,
// before one deliberate Send (issue 12 §1). Plain forms, so it works without JavaScript: the letter opens from a
// form that posts the same inputs to its preview (nothing stored or sent), and Send posts them back with the
// digest of what was shown here, so the send is refused if anything changed in between.
import { Form } from 'react-router'
import { ErrorSummary } from '#app/components/forms.tsx'
import { PageTitle } from '#app/components/page.tsx'

/** What an action hands the check-before-sending page: the letter's check, the form's fields as typed, a refusal if any. */
export type Checked = { check: CheckBeforeSendingProps['check']; fields: Array<[string, string]>; problem?: string }

export type CheckBeforeSendingProps = {
	childName: string
	reviewId: string
	/** What is being done, e.g. "Decision letter", as rows of a summary list. */
	summary: Array<{ key: string; value: string }>
	check: {
		title: string
		digest: string
		recipients: Array<{ name: string; email: string; role: string }>
		/** Told of the step by an email of their own, not sent this letter as such (the health commissioner of a cease). */
		alsoTold?: Array<{ name: string; email: string; role: string }>
		/** Evidence a PDF cannot hold, attached to each email as the files themselves (reg 22(2)(b)). */
		separateFiles?: string[]
		/** What to know before sending. */
		warnings?: string[]
	}
	/** The form's fields as typed, sent again with the preview and with Send. */
	fields: Array<[string, string]>
	/** Where the letter's preview PDF is drawn from. */
	previewAction: string
	sendLabel: string
	/** A message when the send was refused (what would be sent changed since it was checked). */
	problem?: string
	/** A Change button that posts the fields back to the form (intent=change), or a link to it. */
	change: { kind: 'button' } | { kind: 'link'; href: string }
}

function Hidden({ fields }: { fields: Array<[string, string]> }) {
	return fields.map(([name, value], i) => <input key={`${name}-${i}`} type="hidden" name={name} value={value} />)
}

export function CheckBeforeSending({ childName, reviewId, summary, check, fields, previewAction, sendLabel, problem, change }: CheckBeforeSendingProps) {
	return (
		<div className="govuk-grid-row">
			<div className="govuk-grid-column-two-thirds">
				<PageTitle title={`Check before sending: ${childName}`} error={!!problem} />
				<a href={`/council/reviews/${reviewId}`} className="govuk-back-link">
					Back to the review
				</a>
				<ErrorSummary errors={problem ? [{ href: '#send', message: problem }] : []} />
				<span className="govuk-caption-l">{childName}</span>
				<h1 className="govuk-heading-l">Check before sending</h1>
				<p className="govuk-body">Nothing has been sent yet. Check the letter and who it goes to, then send it.</p>
				{check.warnings?.map((warning) => (
					<div className="govuk-warning-text" key={warning}>
						<span className="govuk-warning-text__icon" aria-hidden="true">
							!
						</span>
						<strong className="govuk-warning-text__text">
							<span className="govuk-visually-hidden">Warning</span>
							{warning}
						</strong>
					</div>
				))}
				<dl className="govuk-summary-list">
					{summary.map((row) => (
						<div className="govuk-summary-list__row" key={row.key}>
							<dt className="govuk-summary-list__key">{row.key}</dt>
							<dd className="govuk-summary-list__value app-pre-line">{row.value}</dd>
						</div>
					))}
				</dl>
				<table className="govuk-table">
					<caption className="govuk-table__caption govuk-table__caption--m">Who it goes to</caption>
					<thead className="govuk-table__head">
						<tr className="govuk-table__row">
							<th scope="col" className="govuk-table__header">
								Name
							</th>
							<th scope="col" className="govuk-table__header">
								Email address
							</th>
							<th scope="col" className="govuk-table__header">
								Gets the email written for
							</th>
						</tr>
					</thead>
					<tbody className="govuk-table__body">
						{check.recipients.map((p) => (
							<tr className="govuk-table__row" key={`${p.name}:${p.email}`}>
								<td className="govuk-table__cell">{p.name}</td>
								<td className="govuk-table__cell">{p.email}</td>
								<td className="govuk-table__cell">{p.role}</td>
							</tr>
						))}
					</tbody>
				</table>
				{check.recipients.every((p) => !p.email) ? (
					<div className="govuk-warning-text">
						<span className="govuk-warning-text__icon" aria-hidden="true">
							!
						</span>
						<strong className="govuk-warning-text__text">
							<span className="govuk-visually-hidden">Warning</span>
							No one has an email address: the letter will be stored but not emailed. Send it by post.
						</strong>
					</div>
				) : null}
				{check.alsoTold?.length ? (
					<>
						<h2 className="govuk-heading-m">Also told</h2>
						<ul className="govuk-list govuk-list--bullet">
							{check.alsoTold.map((p) => (
								<li key={`${p.name}:${p.email}`}>
									{p.name}
									{p.email ? ` (${p.email})` : ''}. {p.role}
								</li>
							))}
						</ul>
					</>
				) : null}
				{check.separateFiles?.length ? (
					<>
						<h2 className="govuk-heading-m">Sent with it as separate files</h2>
						<p className="govuk-body">
							These cannot be put into the PDF, so each email carries them as they were uploaded. Print them for anyone sent the letter by post.
						</p>
						<ul className="govuk-list govuk-list--bullet">
							{check.separateFiles.map((name) => (
								<li key={name}>{name}</li>
							))}
						</ul>
					</>
				) : null}
				<h2 className="govuk-heading-m">The letter</h2>
				<p className="govuk-body">The PDF below is drawn from the same details as the one that will be sent: {check.title}</p>
				<Form method="post" action={previewAction} reloadDocument>
					<Hidden fields={fields} />
					<button type="submit" className="govuk-button govuk-button--secondary">
						View the letter (PDF)
					</button>
				</Form>
				<Form method="post" id="send">
					<Hidden fields={fields} />
					<input type="hidden" name="previewed" value={check.digest} />
					<div className="govuk-button-group">
						<button type="submit" name="intent" value="send" className="govuk-button">
							{sendLabel}
						</button>
						{change.kind === 'button' ? (
							<button type="submit" name="intent" value="change" className="govuk-button govuk-button--secondary">
								Change
							</button>
						) : (
							<a className="govuk-link" href={change.href}>
								Change
							</a>
						)}
					</div>
				</Form>
			</div>
		</div>
	)
}
