import { getFormProps } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod/v4'
import { data, Form, redirect, useActionData, useLoaderData } from 'react-router'
import { z } from 'zod'
import { requirePermission } from '#app/auth/auth.server.ts'
import { requireReviewAccess } from '#app/auth/review-access.server.ts'
import { backToCase, ErrorPage } from '#app/components/error-page.tsx'
import { Button, Checkboxes, DateField, ErrorSummary, FileUpload, summaryErrors, TextArea, TextField, useGovukForm } from '#app/components/forms.tsx'
import { PageTitle } from '#app/components/page.tsx'
import { prisma } from '#app/db/db.server.ts'
import { isAfter, todayInLondon, formatDate } from '#app/domain/calendar-date.ts'
import { canTake } from '#app/domain/review-lifecycle.ts'
import { dateInput, dateParts } from '#app/domain/review-parts.ts'
import { recordRepresentation, StepError } from '#app/services/council-review.server.ts'
import { deleteEvidenceFile, receiveEvidenceUpload, uploadMessages } from '#app/storage/evidence.server.ts'
import type { Route } from './+types/council-representation'

export const RepresentationSchema = z.object({
	receivedOn: dateInput('the date it was received'),
	fromName: z
		.string({ error: 'Enter who made the representation' })
		.trim()
		.min(1, 'Enter who made the representation')
		.max(200, 'Who made it must be 200 characters or fewer'),
	summary: z
		.string({ error: 'Enter a summary of the representation' })
		.trim()
		.min(1, 'Enter a summary of the representation')
		.max(10000, 'The summary must be 10,000 characters or fewer'),
	requestedSchool: z.string().trim().max(200, 'The school requested must be 200 characters or fewer').optional(),
	meetingRequested: z.array(z.literal('yes')).optional(),
	response: z.string().trim().max(10000, 'The response must be 10,000 characters or fewer').optional(),
	file: z.any().optional(),
})

async function load(request: Request, reviewId: string) {
	const user = await requirePermission(request, 'decision:make')
	const access = await requireReviewAccess(request, user, reviewId, null)
	const review = await prisma.annualReview.findUniqueOrThrow({
		where: { id: access.id },
		select: {
			id: true,
			status: true,
			notice: { select: { representationsCloseOn: true } },
			child: { select: { firstName: true, lastName: true, parentName: true } },
		},
	})
	if (!canTake('recordRepresentation', review.status)) throw redirect(`/council/reviews/${review.id}`)
	return { user, review }
}

export async function loader({ request, params }: Route.LoaderArgs) {
	const { review } = await load(request, params.reviewId)
	return {
		reviewId: review.id,
		childName: `${review.child.firstName} ${review.child.lastName}`,
		closesOn: review.notice?.representationsCloseOn ?? null,
		defaults: { receivedOn: dateParts(todayInLondon(new Date())), fromName: review.child.parentName },
	}
}

export async function action({ request, params }: Route.ActionArgs) {
	const { user, review } = await load(request, params.reviewId)
	// The letter or email the family sent can be attached (optional): the same checks as any evidence.
	const upload = await receiveEvidenceUpload(request)
	const formData = new FormData()
	for (const [name, values] of Object.entries(upload.fieldLists)) for (const value of values) formData.append(name, value)
	const submission = parseWithZod(formData, { schema: RepresentationSchema })
	const fileError = upload.error === uploadMessages.noFile ? null : upload.error
	const v = submission.status === 'success' ? submission.value : null
	const dateError = v && isAfter(v.receivedOn!, todayInLondon(new Date())) ? 'The date it was received must be today or in the past' : null
	if (!v || fileError || dateError) {
		if (upload.file) await deleteEvidenceFile(upload.file.storageKey)
		return data(
			{ result: submission.reply({ fieldErrors: { ...(fileError ? { file: [fileError] } : {}), ...(dateError ? { receivedOn: [dateError] } : {}) } }) },
			{ status: 400 },
		)
	}
	try {
		await recordRepresentation(
			request,
			user,
			review.id,
			{
				receivedOn: v.receivedOn!,
				fromName: v.fromName,
				summary: v.summary,
				requestedSchool: v.requestedSchool,
				meetingRequested: !!v.meetingRequested?.length,
				response: v.response,
			},
			upload.file,
		)
	} catch (error) {
		if (upload.file) await deleteEvidenceFile(upload.file.storageKey)
		if (error instanceof StepError) return data({ result: submission.reply({ formErrors: [error.message] }) }, { status: 409 })
		throw error
	}
	throw redirect(`/council/reviews/${review.id}`)
}

export default function Representation() {
	const { reviewId, childName, closesOn, defaults } = useLoaderData<typeof loader>()
	const actionData = useActionData<typeof action>()
	const [form, fields] = useGovukForm({ id: 'representation', schema: RepresentationSchema, lastResult: actionData?.result, defaultValue: defaults })
	const errors = summaryErrors(form.id, form.allErrors, ['receivedOn', 'fromName', 'summary', 'requestedSchool', 'response'])
	return (
		<div className="govuk-grid-row">
			<div className="govuk-grid-column-two-thirds">
				<PageTitle title={`Record a representation: ${childName}`} error={errors.length > 0} />
				<a href={`/council/reviews/${reviewId}`} className="govuk-back-link">
					Back to the review
				</a>
				<ErrorSummary errors={errors} />
				<span className="govuk-caption-l">{childName}</span>
				<h1 className="govuk-heading-l">Record a representation</h1>
				{closesOn ? (
					<p className="govuk-body">
						The family can make representations until {formatDate(closesOn)} (at least 15 days from the notice, reg 22(2)(c)).
					</p>
				) : null}
				<Form method="post" encType="multipart/form-data" {...getFormProps(form)} noValidate>
					<DateField field={fields.receivedOn} legend="Date it was received" />
					<TextField field={fields.fromName} label="Who made it" />
					<TextArea
						field={fields.summary}
						label="What they said"
						rows={6}
						hint="Their points about the proposed amendments, in their words where possible"
					/>
					<TextField
						field={fields.requestedSchool}
						label="School or college they asked to be named (optional)"
						hint="The council consults the school and decides whether to name it in Section I on the final plan page (Children and Families Act 2014 s.39)"
					/>
					<Checkboxes
						field={fields.meetingRequested}
						legend="Meeting"
						options={[{ value: 'yes', label: 'They asked to meet an officer of the council' }]}
					/>
					<TextArea field={fields.response} label="The council’s response (optional)" rows={4} />
					{/* The file goes last: fields before it are kept even when a file is refused part-way. */}
					<FileUpload
						field={fields.file}
						label="Their letter or email (optional)"
						hint="PDF, Word document, JPEG or PNG"
						accept=".pdf,.doc,.docx,.jpg,.jpeg,.png"
					/>
					<Button>Record the representation</Button>
				</Form>
			</div>
		</div>
	)
}

// A refused or failed step keeps the person's way back to where they were.
export function ErrorBoundary({ error, params }: Route.ErrorBoundaryProps) {
	return <ErrorPage error={error} back={backToCase(params.reviewId)} />
}
