import { useLoaderData } from 'react-router'
import { requirePermission } from '#app/auth/auth.server.ts'
import { requireReviewAccess } from '#app/auth/review-access.server.ts'
import { backToReview, ErrorPage } from '#app/components/error-page.tsx'
import { PageTitle } from '#app/components/page.tsx'
import { UserText } from '#app/components/review-bits.tsx'
import { DiffLegend, WordingDiff } from '#app/components/wording-diff.tsx'
import { prisma } from '#app/db/db.server.ts'
import { hasPermission } from '#app/domain/permissions.ts'
import { canTake } from '#app/domain/review-lifecycle.ts'
import { sectionLabel, type PlanSection } from '#app/domain/review-parts.ts'
import { SCHOOL_PROPOSAL_ORDER, schoolProposalSelect } from '#app/queries/review-record.server.ts'
import type { Route } from './+types/review-proposals'

export async function loader({ request, params }: Route.LoaderArgs) {
	const user = await requirePermission(request, 'review:read')
	await requireReviewAccess(request, user, params.reviewId)
	const review = await prisma.annualReview.findUniqueOrThrow({
		where: { id: params.reviewId },
		select: {
			id: true,
			status: true,
			child: { select: { firstName: true, lastName: true } },
			proposals: {
				where: { origin: 'SCHOOL' },
				orderBy: SCHOOL_PROPOSAL_ORDER,
				select: schoolProposalSelect,
			},
		},
	})
	return {
		review: { id: review.id, childName: `${review.child.firstName} ${review.child.lastName}` },
		canEdit: hasPermission(user.roles, 'review:edit') && canTake('editDraft', review.status),
		proposals: review.proposals.map((p) => ({ ...p, sectionLabel: sectionLabel(p.section as PlanSection), evidence: p.evidence.map((e) => e.evidence) })),
	}
}

export default function Proposals() {
	const { review, canEdit, proposals } = useLoaderData<typeof loader>()
	const base = `/reviews/${review.id}`
	return (
		<>
			<PageTitle title={`Amendment proposals: ${review.childName}`} />
			<a href={base} className="govuk-back-link">
				Back to the review
			</a>
			<span className="govuk-caption-l">{review.childName}</span>
			<h1 className="govuk-heading-l">Amendment proposals</h1>
			<p className="govuk-body">
				Propose changes to the plan section by section: the current wording, the wording you propose, why, and the evidence that supports it. The
				council decides whether to amend the plan.
			</p>
			{proposals.length ? <DiffLegend /> : <p className="govuk-body">No amendments have been proposed.</p>}
			{proposals.map((p, i) => (
				<div className="govuk-summary-card" key={p.id}>
					<div className="govuk-summary-card__title-wrapper">
						<h2 className="govuk-summary-card__title">
							Proposal {i + 1}: {p.sectionLabel}
						</h2>
						{canEdit ? (
							<ul className="govuk-summary-card__actions">
								<li className="govuk-summary-card__action">
									<a className="govuk-link" href={`${base}/proposals/${p.id}`}>
										Change<span className="govuk-visually-hidden"> proposal {i + 1}</span>
									</a>
								</li>
							</ul>
						) : null}
					</div>
					<div className="govuk-summary-card__content">
						<h3 className="govuk-heading-s">The change</h3>
						<WordingDiff current={p.currentWording} proposed={p.proposedWording} />
						<h3 className="govuk-heading-s">Reason</h3>
						<UserText text={p.reason} />
						<h3 className="govuk-heading-s">Evidence</h3>
						{p.evidence.length ? (
							<ul className="govuk-list govuk-list--bullet">
								{p.evidence.map((e) => (
									<li key={e.id}>
										<a className="govuk-link" href={`${base}/evidence/${e.id}`}>
											{e.title}
										</a>
									</li>
								))}
							</ul>
						) : (
							<p className="govuk-body">No evidence linked.</p>
						)}
					</div>
				</div>
			))}
			{canEdit ? (
				<a className="govuk-button govuk-button--secondary" href={`${base}/proposals/new`}>
					Propose an amendment
				</a>
			) : null}
		</>
	)
}

// A refused or failed step keeps the person's way back to where they were.
export function ErrorBoundary({ error, params }: Route.ErrorBoundaryProps) {
	return <ErrorPage error={error} back={backToReview(params.reviewId)} />
}
