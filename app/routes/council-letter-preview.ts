import { parseWithZod } from '@conform-to/zod/v4'
import { redirect } from 'react-router'
import { audit } from '#app/auth/audit.server.ts'
import { notFound, requirePermission } from '#app/auth/auth.server.ts'
import { requireReviewAccess } from '#app/auth/review-access.server.ts'
import { download } from '#app/http/download.server.ts'
import { withinRows } from '#app/http/forms.server.ts'
import { readForm } from '#app/http/request-limits.server.ts'
import { DecisionSchema } from '#app/routes/council-decision.tsx'
import { FinalSchema } from '#app/routes/council-final.tsx'
import { finalAmendments, letterToSend, StepError, type LetterStep } from '#app/services/council-review.server.ts'
import { pdfResponse } from '#app/storage/documents.server.ts'
import type { Route } from './+types/council-letter-preview'

/** The step's inputs from the form the check-before-sending page posts (the step's own form, as typed). */
async function stepOf(step: string, reviewId: string, form: FormData): Promise<LetterStep | null> {
	if (step === 'notice') return { step }
	if (step === 'decision') {
		const submission = parseWithZod(form, { schema: DecisionSchema })
		return submission.status === 'success' ? { step, input: { ...submission.value, decidedOn: submission.value.decidedOn! } } : null
	}
	if (step === 'final') {
		const { formData, mismatch } = withinRows(form, 'amendments', (await finalAmendments(reviewId)).length)
		const submission = parseWithZod(formData, { schema: FinalSchema })
		if (mismatch || submission.status !== 'success' || !submission.value.amend) return null
		return { step, input: { amend: submission.value.amend === 'yes', reasons: submission.value.reasons ?? '' } }
	}
	return null
}

// The letter a council step would send (a decision letter, the amendment notice, the final plan or a decision not
// to amend), drawn by the same builder from the same inputs as the send (letterToSend), without storing or sending
// anything; audited as a view. Posted from the check-before-sending page, so it works without JavaScript.
export async function action({ request, params }: Route.ActionArgs) {
	const user = await requirePermission(request, 'decision:make')
	const review = await requireReviewAccess(request, user, params.reviewId, null)
	const step = await stepOf(params.step, review.id, await readForm(request))
	if (!step) throw notFound()
	const back = `/council/reviews/${review.id}`
	return download(back, async () => {
		let letter
		try {
			letter = await letterToSend(user, review.id, step)
		} catch (error) {
			// The step can no longer be taken (someone else took it): back to the review, which shows what happened.
			if (error instanceof StepError) throw redirect(back)
			throw error
		}
		if (!letter) throw notFound()
		const bytes = await letter.render()
		await audit(request, user.id, 'review.download', {
			entityType: 'AnnualReview',
			entityId: review.id,
			reviewId: review.id,
			childId: review.childId,
			details: `preview of ${letter.kind}`,
		})
		return pdfResponse(bytes, letter.title)
	})
}

// The preview is drawn from the form's inputs: a plain visit goes to the step's page.
export async function loader({ request, params }: Route.LoaderArgs) {
	const user = await requirePermission(request, 'decision:make')
	const review = await requireReviewAccess(request, user, params.reviewId, null)
	if (!['decision', 'notice', 'final'].includes(params.step)) throw notFound()
	throw redirect(`/council/reviews/${review.id}/${params.step}`)
}
