// An email the portal sent a family member, as a page (issue 14, "Their record"): its subject, when it went, and its
// words, drawn again from the stored template and payload (emails/index.ts renderTemplate), with the letters it
// attached. Only emails sent to the member's own address, once sent; a sign-in link is never shown (its token is
// blanked once the email has gone, and the page takes the link out whatever is stored). ?download=1 gives the same
// words as a text file.
import { useLoaderData } from 'react-router'
import { audit } from '#app/auth/audit.server.ts'
import { forbidden, notFound } from '#app/auth/auth.server.ts'
import { requireFamily, requireFamilyReview } from '#app/auth/family.server.ts'
import { PageTitle } from '#app/components/page.tsx'
import { formatDateTime } from '#app/lib/format.ts'
import { FAMILY_DOCUMENT_KINDS, familyDocuments, findMessage, isSentTo, renderedMessage } from '#app/queries/family-record.server.ts'
import { asciiFileName } from '#app/storage/documents.server.ts'
import type { Route } from './+types/family-message'

/** The email, if it was sent to the signed-in family member: 404 unknown or not sent, 403 (audited) someone else's. */
async function openMessage(request: Request, messageId: string) {
	const user = await requireFamily(request)
	const message = await findMessage(messageId)
	// An email not yet sent (or that could not be) is not in anyone's record yet.
	if (!message || message.status !== 'SENT') throw notFound()
	if (!isSentTo(message, user)) {
		await audit(request, user.id, 'access.denied', { entityType: 'OutboxMessage', entityId: message.id, details: new URL(request.url).pathname })
		throw forbidden()
	}
	// An email about a review is shown only while the member is named for its child (as every family page).
	const review = message.reviewId ? await requireFamilyReview(request, user, message.reviewId, null) : null
	const rendered = renderedMessage(message)
	const sentAt = (message.sentAt ?? message.createdAt).toISOString()
	const target = { entityType: 'OutboxMessage', entityId: message.id, reviewId: review?.id, childId: review?.childId }
	return { user, message, review, rendered, sentAt, target }
}

const wantsFile = (request: Request) => new URL(request.url).searchParams.get('download') === '1'

/** The email as a text file (?download=1), audited as a download. */
async function emailFile(request: Request, messageId: string) {
	const { user, rendered, sentAt, target } = await openMessage(request, messageId)
	await audit(request, user.id, 'family.download', { ...target, details: 'email as text' })
	const fileName = `Email - ${rendered.subject}.txt`
	const body = `Subject: ${rendered.subject}\nSent: ${formatDateTime(sentAt)}\n\n${rendered.text}`
	return new Response(body, {
		headers: {
			'Content-Type': 'text/plain; charset=utf-8',
			'Content-Disposition': `attachment; filename="${asciiFileName(fileName)}"; filename*=UTF-8''${encodeURIComponent(fileName)}`,
			'X-Content-Type-Options': 'nosniff',
			'Cache-Control': 'private, no-store',
		},
	})
}

// A page's loader cannot answer with a file, so the download is answered before it, by the route's middleware.
export const middleware: Route.MiddlewareFunction[] = [
	async ({ request, params }, next) => (request.method === 'GET' && wantsFile(request) ? emailFile(request, params.messageId) : next()),
]

export async function loader({ request, params }: Route.LoaderArgs) {
	const { user, message, review, rendered, sentAt, target } = await openMessage(request, params.messageId)
	await audit(request, user.id, 'family.review_view', { ...target, details: 'email sent to them' })
	const letters = await familyDocuments(rendered.documentIds, message.reviewId)
	return {
		id: message.id,
		subject: rendered.subject,
		sentAt,
		paragraphs: rendered.text.split(/\n{2,}/).map((p) => p.split('\n')),
		letters: letters.map((l) => ({ id: l.id, name: FAMILY_DOCUMENT_KINDS[l.kind]! })),
		back: review ? `/family/children/${review.childId}` : '/family',
	}
}

export default function FamilyMessage() {
	const { id, subject, sentAt, paragraphs, letters, back } = useLoaderData<typeof loader>()
	return (
		<>
			<PageTitle title={subject} />
			<a className="govuk-back-link" href={back}>
				Back
			</a>
			<span className="govuk-caption-l">Email sent to you</span>
			<h1 className="govuk-heading-l govuk-!-text-break-word">{subject}</h1>
			<p className="govuk-body">Sent on {formatDateTime(sentAt)}</p>
			<div className="govuk-inset-text" aria-label="What the email said" role="region">
				{paragraphs.map((lines, i) => (
					<p className="govuk-body govuk-!-text-break-word" key={i}>
						{lines.map((line, j) => (
							<span key={j} className="govuk-!-display-block">
								{line}
							</span>
						))}
					</p>
				))}
			</div>
			{letters.length ? (
				<>
					<h2 className="govuk-heading-m">Letters with this email</h2>
					<ul className="govuk-list">
						{letters.map((letter) => (
							<li key={letter.id}>
								<a className="govuk-link" href={`/family/documents/${letter.id}`} download>
									{letter.name} (PDF)
								</a>
							</li>
						))}
					</ul>
				</>
			) : null}
			<p className="govuk-body">
				<a className="govuk-link" href={`/family/messages/${id}?download=1`} download>
					Download this email (text file)
				</a>
			</p>
		</>
	)
}
