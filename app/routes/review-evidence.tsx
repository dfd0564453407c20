import { getFormProps } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod/v4'
import { data, Form, redirect, useActionData, useLoaderData } from 'react-router'
import { z } from 'zod'
import { requirePermission } from '#app/auth/auth.server.ts'
import { requireEditableReview, requireReviewAccess } from '#app/auth/review-access.server.ts'
import { SavedBanner } from '#app/components/admin.tsx'
import { backToReview, ErrorPage } from '#app/components/error-page.tsx'
import { Button, ErrorSummary, FileUpload, summaryErrors, TextField, useGovukForm } from '#app/components/forms.tsx'
import { PageTitle } from '#app/components/page.tsx'
import { TableHead } from '#app/components/table.tsx'
import { hasPermission } from '#app/domain/permissions.ts'
import { canTake } from '#app/domain/review-lifecycle.ts'
import { env } from '#app/env.server.ts'
import { readForm } from '#app/http/request-limits.server.ts'
import { formatDateTime } from '#app/lib/format.ts'
import { loadEvidencePage } from '#app/queries/review.server.ts'
import { addEvidence, removeEvidence } from '#app/services/school-review.server.ts'
import { deleteEvidenceFile, receiveEvidenceUpload } from '#app/storage/evidence.server.ts'
import type { Route } from './+types/review-evidence'

// The file itself is checked on the server (type by content, size while streaming, virus scan).
export const EvidenceSchema = z.object({
	title: z
		.string({ error: 'Enter what the evidence is, for example ‘Speech and language therapy report, May 2027’' })
		.trim()
		.min(1, 'Enter what the evidence is, for example ‘Speech and language therapy report, May 2027’')
		.max(200, 'What the evidence is must be 200 characters or fewer'),
	file: z.any().optional(),
})

const TYPE_LABELS: Record<string, string> = {
	'application/pdf': 'PDF',
	'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'Word (DOCX)',
	'application/msword': 'Word (DOC)',
	'image/jpeg': 'JPEG image',
	'image/png': 'PNG image',
}

export async function loader({ request, params }: Route.LoaderArgs) {
	const user = await requirePermission(request, 'review:read')
	await requireReviewAccess(request, user, params.reviewId)
	const review = await loadEvidencePage(params.reviewId)
	const query = new URL(request.url).searchParams
	return {
		// The banner after a change: the file just uploaded (only one this review has), or that one was removed.
		uploaded: review.evidence.find((e) => e.id === query.get('uploaded'))?.title ?? null,
		removed: query.get('removed') === '1',
		review: { id: review.id, childName: `${review.child.firstName} ${review.child.lastName}` },
		canEdit: hasPermission(user.roles, 'review:edit') && canTake('editDraft', review.status),
		maxMb: env.MAX_UPLOAD_MB,
		evidence: review.evidence.map((e) => ({ ...e, type: TYPE_LABELS[e.contentType] ?? e.contentType, uploadedBy: e.uploadedBy.name })),
	}
}

export async function action({ request, params }: Route.ActionArgs) {
	// Permission first: nobody else's upload is ever read from the request.
	const { user, review } = await requireEditableReview(request, params.reviewId)
	const base = `/reviews/${review.id}/evidence`
	// "Yes, remove it" on the page that asks first (review-evidence-remove.tsx).
	if (request.headers.get('content-type')?.startsWith('application/x-www-form-urlencoded')) {
		const form = await readForm(request)
		// Another review's file, or none, is nothing to remove: the page is shown again either way.
		const removed = form.get('intent') === 'delete' && (await removeEvidence(request, user, review, String(form.get('evidenceId') ?? '')))
		throw redirect(removed ? `${base}?removed=1` : base)
	}
	const upload = await receiveEvidenceUpload(request)
	const formData = new FormData()
	for (const [name, value] of Object.entries(upload.fields)) formData.set(name, value)
	const submission = parseWithZod(formData, { schema: EvidenceSchema })
	if (submission.status !== 'success' || upload.error || !upload.file) {
		if (upload.file) await deleteEvidenceFile(upload.file.storageKey)
		const reply = submission.reply({ fieldErrors: upload.error ? { file: [upload.error] } : {} })
		return data({ result: reply }, { status: 400 })
	}
	const added = await addEvidence(request, user, review, { title: submission.value.title, file: upload.file })
	if (!added.ok) {
		const { title, fileName } = added.duplicateOf
		const message = `This file has already been uploaded, as ‘${title}’ (${fileName}). Choose a different file`
		return data({ result: submission.reply({ fieldErrors: { file: [message] } }) }, { status: 400 })
	}
	// After the upload the page is shown afresh (an empty form: pressing Upload again sends nothing), saying what was added.
	throw redirect(`${base}?uploaded=${added.id}`)
}

// After each upload the page is drawn afresh (its key): the form is empty, so nothing chosen before is sent again.
export default function Evidence() {
	const { uploaded } = useLoaderData<typeof loader>()
	return <EvidencePage key={uploaded ?? 'page'} />
}

function EvidencePage() {
	const { review, canEdit, maxMb, evidence, uploaded, removed } = useLoaderData<typeof loader>()
	const actionData = useActionData<typeof action>()
	const [form, fields] = useGovukForm({ id: 'evidence', schema: EvidenceSchema, lastResult: actionData?.result })
	const errors = summaryErrors(form.id, form.allErrors, ['title', 'file'])
	const base = `/reviews/${review.id}`
	return (
		<>
			<PageTitle title={`Evidence and advice: ${review.childName}`} error={errors.length > 0} />
			<a href={base} className="govuk-back-link">
				Back to the review
			</a>
			<ErrorSummary errors={errors} />
			{!errors.length && uploaded ? <SavedBanner>‘{uploaded}’ has been uploaded</SavedBanner> : null}
			{!errors.length && removed ? <SavedBanner>The evidence has been removed</SavedBanner> : null}
			<span className="govuk-caption-l">{review.childName}</span>
			<h1 className="govuk-heading-l">Evidence and advice</h1>
			{evidence.length ? (
				<table className="govuk-table">
					<caption className="govuk-table__caption govuk-table__caption--m">Uploaded evidence</caption>
					<TableHead columns={['Evidence', 'File', 'Uploaded', canEdit && { label: 'Actions', visuallyHidden: true }]} />
					<tbody className="govuk-table__body">
						{evidence.map((e) => (
							<tr className="govuk-table__row" key={e.id}>
								<td className="govuk-table__cell">
									<a className="govuk-link" href={`${base}/evidence/${e.id}`}>
										{e.title}
									</a>
								</td>
								<td className="govuk-table__cell">
									{e.fileName}, {e.type}, {formatSize(e.sizeBytes)}
									{e.scanStatus === 'CLEAN' ? ', virus-checked' : ''}
								</td>
								<td className="govuk-table__cell">
									{formatDateTime(e.uploadedAt)} by {e.uploadedBy}
								</td>
								{canEdit ? (
									<td className="govuk-table__cell">
										<a className="govuk-link" href={`${base}/evidence/${e.id}/remove`}>
											Remove<span className="govuk-visually-hidden"> {e.title}</span>
										</a>
									</td>
								) : null}
							</tr>
						))}
					</tbody>
				</table>
			) : (
				<p className="govuk-body">No evidence has been uploaded.</p>
			)}
			{canEdit ? (
				<div className="govuk-grid-row">
					<div className="govuk-grid-column-two-thirds">
						<h2 className="govuk-heading-m">Upload evidence</h2>
						<p className="govuk-body">
							Reports and advice from professionals, and anything else that shows how the child is doing. You can link them to amendment
							proposals.
						</p>
						<Form method="post" encType="multipart/form-data" {...getFormProps(form)} noValidate>
							<TextField field={fields.title} label="What is it?" hint="For example, ‘Speech and language therapy report, May 2027’" />
							{/* The file goes last: fields before it are kept even when a file is refused part-way. */}
							<FileUpload
								field={fields.file}
								label="Upload a file"
								hint={`PDF, Word document (DOC or DOCX), JPEG or PNG, smaller than ${maxMb}MB`}
								accept=".pdf,.doc,.docx,.jpg,.jpeg,.png"
							/>
							<Button>Upload the evidence</Button>
						</Form>
					</div>
				</div>
			) : null}
		</>
	)
}

function formatSize(bytes: number) {
	if (bytes < 1024) return `${bytes} bytes`
	if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)}KB`
	return `${(bytes / 1024 / 1024).toFixed(1)}MB`
}

// A refused or failed step keeps the person's way back to where they were.
export function ErrorBoundary({ error, params }: Route.ErrorBoundaryProps) {
	return <ErrorPage error={error} back={backToReview(params.reviewId)} />
}
