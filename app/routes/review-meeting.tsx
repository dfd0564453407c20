import { parseWithZod } from '@conform-to/zod/v4'
import { data, redirect, useActionData, useLoaderData } from 'react-router'
import type { Route } from './+types/review-meeting'
import { PageTitle } from '#app/components/page.tsx'
import { ScheduleForm } from '#app/components/schedule-form.tsx'
import { prisma } from '#app/db.server.ts'
import { dateParts, INVITEE_ROWS, meetingFields, ScheduleSchema } from '#app/domain/review-parts.ts'
import { audit } from '#app/auth/audit.server.ts'
import { refreshNextDeadline } from '#app/jobs/deadlines.server.ts'
import { requireEditableReview } from '#app/auth/review-access.server.ts'
import { readForm } from '#app/http/request-limits.server.ts'
import { FORM_MISMATCH, withinRows } from '#app/http/forms.server.ts'

export async function loader({ request, params }: Route.LoaderArgs) {
	await requireEditableReview(request, params.reviewId)
	const review = await prisma.annualReview.findUniqueOrThrow({
		where: { id: params.reviewId },
		select: {
			id: true,
			meetingOn: true,
			meetingTime: true,
			meetingPlace: true,
			invitationsSentOn: true,
			adviceCirculatedOn: true,
			child: { select: { firstName: true, lastName: true } },
			invitees: { orderBy: { id: 'asc' }, select: { role: true, name: true, email: true } },
		},
	})
	return {
		review: { id: review.id, childName: `${review.child.firstName} ${review.child.lastName}` },
		defaults: {
			meetingOn: dateParts(review.meetingOn),
			meetingTime: review.meetingTime ?? '',
			meetingPlace: review.meetingPlace,
			invitees: review.invitees,
			invitationsSentOn: dateParts(review.invitationsSentOn),
			adviceCirculatedOn: dateParts(review.adviceCirculatedOn),
		},
	}
}

export async function action({ request, params }: Route.ActionArgs) {
	const { user, review } = await requireEditableReview(request, params.reviewId)
	// The page has INVITEE_ROWS rows of invitees: no other rows can come back.
	const { formData, mismatch } = withinRows(await readForm(request), 'invitees', INVITEE_ROWS)
	const submission = parseWithZod(formData, { schema: ScheduleSchema })
	if (mismatch) return data({ result: submission.reply({ formErrors: [FORM_MISMATCH] }) }, { status: 400 })
	if (submission.status !== 'success') return data({ result: submission.reply() }, { status: 400 })
	const value = submission.value
	const wanted = (value.invitees ?? []).filter((i) => i.name && i.role)
	await prisma.$transaction(async (tx) => {
		await tx.annualReview.update({
			where: { id: review.id },
			data: { ...meetingFields(value), lockVersion: { increment: 1 } },
		})
		// Rows are updated in place, so attendance recorded against an invitee stays with them.
		const existing = await tx.reviewInvitee.findMany({ where: { reviewId: review.id }, orderBy: { id: 'asc' }, select: { id: true } })
		for (let i = 0; i < Math.max(existing.length, wanted.length); i++) {
			const row = wanted[i]
			const current = existing[i]
			if (row && current) await tx.reviewInvitee.update({ where: { id: current.id }, data: { role: row.role!, name: row.name!, email: row.email ?? '' } })
			else if (row) await tx.reviewInvitee.create({ data: { reviewId: review.id, role: row.role!, name: row.name!, email: row.email ?? '' } })
			else if (current) await tx.reviewInvitee.delete({ where: { id: current.id } })
		}
		await refreshNextDeadline(tx, review.id)
		await audit(request, user.id, 'review.update', { entityType: 'AnnualReview', entityId: review.id, reviewId: review.id, childId: review.childId, details: 'meeting' }, tx)
	})
	throw redirect(`/reviews/${review.id}`)
}

export default function ReviewMeeting() {
	const { review, defaults } = useLoaderData<typeof loader>()
	const actionData = useActionData<typeof action>()
	return (
		<div className="govuk-grid-row">
			<div className="govuk-grid-column-two-thirds">
				<PageTitle title={`Change the meeting for ${review.childName}`} error={!!actionData?.result.error} />
				<a href={`/reviews/${review.id}`} className="govuk-back-link">
					Back to the review
				</a>
				<span className="govuk-caption-l">{review.childName}</span>
				<h1 className="govuk-heading-l">The review meeting</h1>
				<ScheduleForm lastResult={actionData?.result} defaults={defaults} submitLabel="Save the meeting" />
			</div>
		</div>
	)
}
