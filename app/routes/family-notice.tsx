import { useLoaderData } from 'react-router'
import { requireFamily, requireFamilyReview } from '#app/auth/family.server.ts'
import { PageTitle } from '#app/components/page.tsx'
import { UserText } from '#app/components/review-bits.tsx'
import { DiffLegend, WordingDiff } from '#app/components/wording-diff.tsx'
import { formatDate } from '#app/domain/calendar-date.ts'
import { loadFamilyNotice } from '#app/queries/family-notice.server.ts'
import type { Route } from './+types/family-notice'

// The amendment notice online for the family (issue 14, "What they can do" 3; SEND Regulations 2014 reg 22(2)):
// when it was sent, the last day to reply (reg 22(2)(c): at least 15 days, the day it was sent counting as day 1),
// each proposed change by plan section as a word-level difference (the view staff see) with its reason
// (reg 22(2)(b)), and the notice itself to download.

export async function loader({ request, params }: Route.LoaderArgs) {
	const user = await requireFamily(request)
	// Audited as the family's view of the review ('family.review_view').
	const review = await requireFamilyReview(request, user, params.reviewId)
	const notice = await loadFamilyNotice(review.id)
	return {
		reviewId: notice.id,
		childName: notice.child.name,
		notice: notice.notice,
		window: notice.window,
		finalIssuedOn: notice.finalIssuedOn,
		document: notice.document,
		amendments: notice.amendments,
		replies: notice.replies.length,
	}
}

export default function FamilyNotice() {
	const { reviewId, childName, notice, window, finalIssuedOn, document, amendments, replies } = useLoaderData<typeof loader>()
	return (
		<div className="govuk-grid-row">
			<div className="govuk-grid-column-two-thirds">
				<PageTitle title={`Changes to the EHC plan: ${childName}`} />
				<a href={`/family/reviews/${reviewId}`} className="govuk-back-link">
					Back to the review
				</a>
				<span className="govuk-caption-l">{childName}</span>
				<h1 className="govuk-heading-l">Changes the council wants to make to the plan</h1>
				{!notice ? (
					<p className="govuk-body">
						The council has not sent you any changes to the plan. If it wants to change the plan, it will send you a notice, and you can read it
						here.
					</p>
				) : (
					<>
						<p className="govuk-body">
							The council sent you a notice on {formatDate(notice.issuedOn)}. It says what the council wants to change in the plan, and why.
						</p>
						{window.open ? (
							<div className="govuk-inset-text">
								<p className="govuk-body govuk-!-font-weight-bold">You have until {formatDate(notice.representationsCloseOn)} to reply.</p>
								<p className="govuk-body">
									You can say what you think of each change, ask for a school or college, or ask to meet someone from the council.
								</p>
								<a className="govuk-button govuk-!-margin-bottom-0" href={`/family/reviews/${reviewId}/representation`}>
									Reply to the council
								</a>
							</div>
						) : (
							<div className="govuk-inset-text">
								<p className="govuk-body">
									{finalIssuedOn
										? `The council sent the final plan on ${formatDate(finalIssuedOn)}. The time to reply has ended.`
										: `The time to reply ended on ${formatDate(notice.representationsCloseOn)}.`}
								</p>
								<a className="govuk-link" href={`/family/reviews/${reviewId}/representation`}>
									{replies ? 'See what you sent, and how to contact the council' : 'How to contact the council'}
								</a>
							</div>
						)}
						{document ? (
							<p className="govuk-body">
								<a className="govuk-link" href={`/family/documents/${document.id}`} download>
									Download the notice (PDF)
								</a>
							</p>
						) : null}
						<p className="govuk-body">
							The council must send you the final plan by {formatDate(notice.finalPlanDueOn)}. That is 8 weeks after the notice.
						</p>
						<h2 className="govuk-heading-m">The changes</h2>
						{amendments.length ? <DiffLegend /> : <p className="govuk-body">The notice has no changes to show.</p>}
						{amendments.map((a) => (
							<section className="govuk-summary-card" key={a.id} aria-labelledby={`change-${a.id}`}>
								<div className="govuk-summary-card__title-wrapper">
									<h3 className="govuk-summary-card__title" id={`change-${a.id}`}>
										Change {a.number}: section {a.section}, {a.title}
									</h3>
								</div>
								<div className="govuk-summary-card__content">
									<WordingDiff current={a.currentWording} proposed={a.proposedWording} />
									<h4 className="govuk-heading-s">Why the council wants this change</h4>
									<UserText text={a.reason} />
								</div>
							</section>
						))}
					</>
				)}
			</div>
		</div>
	)
}
