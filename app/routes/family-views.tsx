import { getFormProps } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod/v4'
import { data, Form, redirect, useActionData, useLoaderData } from 'react-router'
import { z } from 'zod'
import { notFound } from '#app/auth/auth.server.ts'
import { requireFamily, requireFamilyReview } from '#app/auth/family.server.ts'
import { ErrorPage } from '#app/components/error-page.tsx'
import { FamilyAnswers, FamilyChildViewsFields, FamilyFileFields, FamilyParentViewsFields } from '#app/components/family-fields.tsx'
import { Button, ErrorSummary, summaryErrors, useGovukForm } from '#app/components/forms.tsx'
import { PageTitle } from '#app/components/page.tsx'
import { prisma } from '#app/db/db.server.ts'
import { formatDate, todayInLondon } from '#app/domain/calendar-date.ts'
import { canTake } from '#app/domain/review-lifecycle.ts'
import { PART_SCHEMAS } from '#app/domain/review-parts.ts'
import { env } from '#app/env.server.ts'
import { readForm } from '#app/http/request-limits.server.ts'
import { familyContributionOf, familyPartForSlug, type FamilyPart } from '#app/queries/family-review.server.ts'
import { saveFamilyViews, VIEWS_CLOSED } from '#app/services/family-views.server.ts'
import { deleteEvidenceFile, receiveEvidenceUpload, uploadMessages } from '#app/storage/evidence.server.ts'
import type { Route } from './+types/family-views'

// The family's own views before the meeting (issue 14, "Before the meeting"; Children and Families Act 2014 s.19;
// SEND Regulations 2014 reg 20(3)-(4)): the parents' views, and the child's views given with or for the child (or
// the young person's own). Answers follow the SENCo's part schema (app/domain/review-parts.ts), asked in plain words;
// the child's views may come with a drawing, photo or recording transcript, received and checked as all evidence is.
// Saving: app/services/family-views.server.ts. Open only while the school's report is a draft (reg 20(7)-(8)).

/** Who this page is for and what it asks. A young person gives their own views, not their parents'. */
async function pageOf(request: Request, params: { reviewId: string; part: string }, auditView: boolean) {
	const user = await requireFamily(request)
	const access = await requireFamilyReview(request, user, params.reviewId, auditView ? 'family.review_view' : null)
	const part = familyPartForSlug(params.part)
	if (!part) throw notFound()
	const review = await prisma.annualReview.findUniqueOrThrow({
		where: { id: access.id },
		select: {
			id: true,
			childId: true,
			status: true,
			child: { select: { firstName: true, lastName: true, family: { where: { userId: user.id }, select: { relationship: true } } } },
		},
	})
	const youngPerson = review.child.family[0]?.relationship === 'YOUNG_PERSON'
	if (youngPerson && part === 'PARENT_VIEWS') throw notFound()
	return { user, review, part, youngPerson, open: canTake('editDraft', review.status) }
}

/** The page's title and heading, in the family's words. */
function headingOf(part: FamilyPart, youngPerson: boolean, childFirstName: string) {
	if (part === 'PARENT_VIEWS' || youngPerson) return 'Give your views'
	return `Give ${childFirstName}’s views`
}

export async function loader({ request, params }: Route.LoaderArgs) {
	const { user, review, part, youngPerson, open } = await pageOf(request, params, true)
	const sent = await familyContributionOf(review.id, user.id, part)
	const files =
		part === 'CHILD_VIEWS'
			? await prisma.evidenceFile.findMany({
					where: { reviewId: review.id, uploadedById: user.id },
					orderBy: { uploadedAt: 'asc' },
					select: { id: true, title: true, fileName: true, uploadedAt: true },
				})
			: []
	return {
		reviewId: review.id,
		part,
		youngPerson,
		open,
		closedReason: open ? null : VIEWS_CLOSED,
		childFirstName: review.child.firstName,
		childName: `${review.child.firstName} ${review.child.lastName}`,
		sent: sent ? { answers: sent.answers, sentOn: formatDate(todayInLondon(sent.submittedAt)) } : null,
		// A first visit starts with the name of who is giving the parents' views.
		initial: sent ? sent.answers : part === 'PARENT_VIEWS' ? { givenBy: user.name } : {},
		files: files.map((f) => ({ id: f.id, title: f.title, fileName: f.fileName, uploadedOn: formatDate(todayInLondon(f.uploadedAt)) })),
		maxMb: env.MAX_UPLOAD_MB,
	}
}

/** The file's own fields on the child's views form (not part of the part's answers). */
const FileTitle = z.string().trim().max(200, 'What the file is must be 200 characters or fewer').optional()

export async function action({ request, params }: Route.ActionArgs) {
	// Who they are and that the review is theirs before anything is read from the request.
	const { user, review, part, open } = await pageOf(request, params, false)
	if (!open) return data({ result: null, closed: VIEWS_CLOSED }, { status: 409 })
	const schema = PART_SCHEMAS[part]
	if (part === 'PARENT_VIEWS') {
		const formData = await readForm(request)
		formData.set('completed', 'yes') // sending is giving their views: every answer the part needs is asked for
		const submission = parseWithZod(formData, { schema })
		if (submission.status !== 'success') return data({ result: submission.reply(), closed: null }, { status: 400 })
		const { completed: _completed, ...answers } = submission.value
		const saved = await saveFamilyViews(request, user, review, part, answers)
		if (!saved.ok) return data({ result: submission.reply(), closed: 'closed' in saved ? saved.closed : VIEWS_CLOSED }, { status: 409 })
		throw redirect(`/family/reviews/${review.id}?sent=${params.part}`)
	}
	// The child's views may bring a file: the form is multipart, received by the evidence upload (type by content,
	// size while streaming, what is inside it, a virus scan when configured); its text fields come back with it.
	const upload = await receiveEvidenceUpload(request)
	const formData = new FormData()
	for (const [name, values] of Object.entries(upload.fieldLists)) for (const value of values) formData.append(name, value)
	formData.set('completed', 'yes')
	const submission = parseWithZod(formData, { schema })
	const title = FileTitle.safeParse(upload.fields.fileTitle ?? '')
	// No file chosen is fine here (the file is optional); any other problem with a file is the family's to fix.
	const fileError = upload.error && upload.error !== uploadMessages.noFile ? upload.error : null
	if (submission.status !== 'success' || fileError || !title.success) {
		if (upload.file) await deleteEvidenceFile(upload.file.storageKey)
		const fieldErrors: Record<string, string[]> = {}
		if (fileError) fieldErrors.file = [fileError]
		if (!title.success) fieldErrors.fileTitle = [title.error.issues[0]!.message]
		return data({ result: submission.reply({ fieldErrors }), closed: null }, { status: 400 })
	}
	const { completed: _completed, ...answers } = submission.value
	const file = upload.file ? { title: title.data || `${review.child.firstName}’s views: a file from ${user.name}`, stored: upload.file } : null
	const saved = await saveFamilyViews(request, user, review, part, answers, file)
	if (!saved.ok) {
		if ('duplicateOf' in saved) {
			const message = saved.duplicateOf.title
				? `You have already sent this file, as ‘${saved.duplicateOf.title}’. Choose a different file`
				: 'The school already has this file. Choose a different file'
			return data({ result: submission.reply({ fieldErrors: { file: [message] } }), closed: null }, { status: 400 })
		}
		return data({ result: submission.reply(), closed: saved.closed }, { status: 409 })
	}
	throw redirect(`/family/reviews/${review.id}?sent=${params.part}`)
}

export default function FamilyViews() {
	const { reviewId, part, youngPerson, open, closedReason, childFirstName, childName, sent, initial, files, maxMb } = useLoaderData<typeof loader>()
	const actionData = useActionData<typeof action>()
	const closed = actionData?.closed ?? closedReason
	const heading = headingOf(part, youngPerson, childFirstName)
	const [form, conformFields] = useGovukForm({
		id: `family-${part.toLowerCase()}`,
		schema: PART_SCHEMAS[part],
		lastResult: actionData?.result,
		defaultValue: initial,
	})
	// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the file's fields are the form's, outside the part's schema
	const fields = conformFields as Record<string, any>
	const errors = summaryErrors(form.id, form.allErrors, ['pathway', 'howCommunicated', 'views', 'words', 'givenBy', 'recordedBy', 'fileTitle', 'file'])
	return (
		<div className="govuk-grid-row">
			<div className="govuk-grid-column-two-thirds">
				<PageTitle title={`${heading}: ${childName}`} error={errors.length > 0} />
				<a href={`/family/reviews/${reviewId}`} className="govuk-back-link">
					Back to the review
				</a>
				<ErrorSummary errors={errors} />
				<span className="govuk-caption-l">{childName}</span>
				<h1 className="govuk-heading-l">{heading}</h1>
				{closed || !open ? (
					<>
						<div className="govuk-inset-text">{closed ?? VIEWS_CLOSED_FALLBACK}</div>
						{sent ? (
							<>
								<h2 className="govuk-heading-m">What you sent on {sent.sentOn}</h2>
								<FamilyAnswers part={part} answers={sent.answers} youngPerson={youngPerson} />
							</>
						) : (
							<p className="govuk-body">You did not send your views online.</p>
						)}
					</>
				) : (
					<>
						<p className="govuk-body">
							{part === 'PARENT_VIEWS'
								? `Tell the school what you think before the review meeting. Your words go into the review as you write them.`
								: youngPerson
									? 'Tell the school what you think before your review meeting. Your words go into the review as you write them.'
									: `Help ${childFirstName} tell the school what they think before the review meeting. Their words go into the review as you write them.`}
						</p>
						{sent ? (
							<p className="govuk-body">You sent your views on {sent.sentOn}. If you send them again, your new words will replace them.</p>
						) : null}
						<Form method="post" encType={part === 'CHILD_VIEWS' ? 'multipart/form-data' : undefined} {...getFormProps(form)} noValidate>
							{part === 'PARENT_VIEWS' ? (
								<FamilyParentViewsFields fields={fields} />
							) : (
								<>
									<FamilyChildViewsFields fields={fields} childFirstName={childFirstName} youngPerson={youngPerson} />
									<FamilyFileFields fields={fields} maxMb={maxMb} />
								</>
							)}
							<Button>Send your views</Button>
						</Form>
					</>
				)}
				{files.length ? (
					<>
						<h2 className="govuk-heading-m">Files you have sent</h2>
						<ul className="govuk-list govuk-list--bullet">
							{files.map((f) => (
								<li key={f.id}>
									{f.title} ({f.fileName}), sent on {f.uploadedOn}
								</li>
							))}
						</ul>
					</>
				) : null}
			</div>
		</div>
	)
}

const VIEWS_CLOSED_FALLBACK = 'You cannot send or change your views here any more.'

// A page that cannot be shown keeps the family's way back to their review.
export function ErrorBoundary({ error, params }: Route.ErrorBoundaryProps) {
	return (
		<ErrorPage
			error={error}
			back={
				params.reviewId
					? { href: `/family/reviews/${params.reviewId}`, text: 'Go back to your review' }
					: { href: '/family', text: 'Go to your reviews' }
			}
		/>
	)
}
