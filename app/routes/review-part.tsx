import { getFormProps } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod/v4'
import { data, Form, redirect, useActionData, useLoaderData } from 'react-router'
import { z } from 'zod'
import { notFound } from '#app/auth/auth.server.ts'
import { requireEditableReview } from '#app/auth/review-access.server.ts'
import { backToReview, ErrorPage } from '#app/components/error-page.tsx'
import { Button, CompletedQuestion, ConflictWarning, ErrorSummary, summaryErrors, useGovukForm } from '#app/components/forms.tsx'
import { PageTitle } from '#app/components/page.tsx'
import {
	AttendanceFields,
	ChildViewsFields,
	FamilyWords,
	NeedsProvisionFields,
	OutcomesFields,
	ParentViewsFields,
	PfaFields,
	RecommendationFields,
	type PartContext,
} from '#app/components/part-fields.tsx'
import { prisma } from '#app/db/db.server.ts'
import {
	CHANGE_SECTIONS,
	INVITEE_ROLE_LABELS,
	needsPreparationForAdulthood,
	PART_SCHEMAS,
	PART_TITLES,
	partForSlug,
	type InviteeRole,
	type PartKey,
} from '#app/domain/review-parts.ts'
import { FORM_MISMATCH, withinRows } from '#app/http/forms.server.ts'
import { readForm } from '#app/http/request-limits.server.ts'
import { formatDateTime } from '#app/lib/format.ts'
import { familyContributions, type FamilyPart } from '#app/queries/family-review.server.ts'
import { alignOutcomes } from '#app/queries/review-record.server.ts'
import { loadReview, partStates, planWording, type LoadedReview, type PartStates } from '#app/queries/review.server.ts'
import { savePart, type PartAnswers } from '#app/services/school-review.server.ts'
import type { Route } from './+types/review-part'

/** The version of the part the page was opened at (a hidden field; none for a part never saved). */
const OpenedVersion = z
	.string()
	.regex(/^\d{1,9}$/)
	.transform(Number)

/** The parts whose rows the page draws one per plan outcome or invitee: no other rows can come back. */
const LIST_ROWS: Partial<Record<PartKey, (review: LoadedReview) => [list: string, rows: number]>> = {
	OUTCOMES: (review) => ['outcomes', review.planVersion.outcomes.length],
	ATTENDANCE: (review) => ['invitees', review.invitees.length],
}

/** Where the page goes back to once saved: the task list, or check your answers (its "Fix this" links). Known places only. */
const RETURN_TO = { check: (reviewId: string) => `/reviews/${reviewId}/check` } as const
function returnToOf(value: FormDataEntryValue | null): keyof typeof RETURN_TO | null {
	return value === 'check' ? value : null
}

function partFrom(params: { part: string }, review: LoadedReview): PartKey {
	const key = partForSlug(params.part)
	if (!key || (key === 'PFA' && !needsPreparationForAdulthood(review.child.yearGroup))) throw notFound()
	return key
}

/** What the part's form starts with: the saved answers, aligned with the plan's outcomes and the invitees. */
function initialValues(key: PartKey, states: PartStates, review: LoadedReview) {
	if (key === 'OUTCOMES') return alignOutcomes(states.OUTCOMES.data, review)
	if (key === 'ATTENDANCE') {
		const saved = states.ATTENDANCE.data
		const byId = new Map(saved.invitees.map((o) => [o.inviteeId, o]))
		return {
			...saved,
			invitees: review.invitees.map((i) => ({
				inviteeId: i.id,
				attended: i.attended === null ? undefined : i.attended ? ('yes' as const) : ('no' as const),
				contributedAdvice: byId.get(i.id)?.contributedAdvice ?? (i.contributedAdvice ? ('yes' as const) : undefined),
			})),
		}
	}
	return states[key].data
}

function contextOf(review: LoadedReview): PartContext {
	return {
		childFirstName: review.child.firstName,
		outcomes: review.planVersion.outcomes,
		wording: Object.fromEntries(CHANGE_SECTIONS.map((s) => [s, planWording(review.planVersion, s)])),
		invitees: review.invitees.map((i) => ({ id: i.id, name: i.name, role: INVITEE_ROLE_LABELS[i.role as InviteeRole] ?? i.role })),
	}
}

export async function loader({ request, params }: Route.LoaderArgs) {
	await requireEditableReview(request, params.reviewId)
	const review = await loadReview(params.reviewId)
	const key = partFrom(params, review)
	const states = partStates(review)
	const state = states[key]
	// What the family sent online for this part (issue 14): shown above the SENCo's fields as theirs, never in the form.
	const family = key === 'PARENT_VIEWS' || key === 'CHILD_VIEWS' ? await familyWordsOf(review.id, key) : null
	return {
		reviewId: review.id,
		childName: `${review.child.firstName} ${review.child.lastName}`,
		returnTo: returnToOf(new URL(request.url).searchParams.get('returnTo')),
		key,
		version: state.version,
		initial: { ...initialValues(key, states, review), completed: state.status === 'COMPLETED' ? 'yes' : state.status === 'IN_PROGRESS' ? 'no' : undefined },
		context: contextOf(review),
		family,
	}
}

/** The family's contributions to a part and the files they sent with the child's views, for the SENCo to read. */
async function familyWordsOf(reviewId: string, part: FamilyPart) {
	const contributions = await familyContributions(reviewId, part)
	const files =
		part === 'CHILD_VIEWS'
			? await prisma.evidenceFile.findMany({
					where: { reviewId, uploadedBy: { roles: { some: { role: 'FAMILY' } } } },
					orderBy: { uploadedAt: 'asc' },
					select: { id: true, title: true, fileName: true, uploadedBy: { select: { name: true } } },
				})
			: []
	return { contributions, files: files.map((f) => ({ id: f.id, title: f.title, fileName: f.fileName, by: f.uploadedBy.name })) }
}

export async function action({ request, params }: Route.ActionArgs) {
	const { user, review: access } = await requireEditableReview(request, params.reviewId)
	const review = await loadReview(params.reviewId)
	const key = partFrom(params, review)
	const rows = LIST_ROWS[key]?.(review)
	const { formData, mismatch } = rows ? withinRows(await readForm(request), ...rows) : { formData: await readForm(request), mismatch: false }
	const submission = parseWithZod(formData, { schema: PART_SCHEMAS[key] })
	const opened = OpenedVersion.safeParse(formData.get('version') ?? '0')
	if (mismatch || !opened.success) return data({ result: submission.reply({ formErrors: [FORM_MISMATCH] }), conflict: null }, { status: 400 })
	if (submission.status !== 'success') return data({ result: submission.reply(), conflict: null }, { status: 400 })
	const { completed, ...answers } = submission.value
	// The answers are the ones PART_SCHEMAS[key] gave (to TypeScript, the schemas indexed by a key are only their union).
	const part = { key, answers } as PartAnswers
	const outcome = await savePart(request, user, access, { ...part, status: completed === 'yes' ? 'COMPLETED' : 'IN_PROGRESS', openedVersion: opened.data })
	if (!outcome.ok) {
		const latest = partStates(await loadReview(review.id))[key]
		return data(
			{
				result: submission.reply(),
				conflict: {
					savedBy: outcome.conflict.savedBy,
					savedAt: formatDateTime(outcome.conflict.savedAt),
					version: latest.version,
					theirs: latest.data,
				},
			},
			{ status: 409 },
		)
	}
	const returnTo = returnToOf(formData.get('returnTo'))
	throw redirect(returnTo ? RETURN_TO[returnTo](review.id) : `/reviews/${review.id}#task-list`)
}

export default function ReviewPart() {
	const { reviewId, childName, returnTo, key, version, initial, context, family } = useLoaderData<typeof loader>()
	const actionData = useActionData<typeof action>()
	const conflict = actionData?.conflict ?? null
	const [form, fields] = useGovukForm({ id: `part-${key.toLowerCase()}`, schema: PART_SCHEMAS[key], lastResult: actionData?.result, defaultValue: initial })
	const errors = summaryErrors(form.id, form.allErrors)
	return (
		<div className="govuk-grid-row">
			<div className="govuk-grid-column-two-thirds">
				<PageTitle title={`${PART_TITLES[key]}: ${childName}`} error={errors.length > 0} />
				<a href={returnTo ? RETURN_TO[returnTo](reviewId) : `/reviews/${reviewId}`} className="govuk-back-link">
					{returnTo === 'check' ? 'Back to check your answers' : 'Back to the review'}
				</a>
				<ErrorSummary errors={errors} />
				{conflict ? <ConflictWarning savedBy={conflict.savedBy} savedAt={conflict.savedAt} /> : null}
				{conflict ? <TheirVersion theirs={conflict.theirs} /> : null}
				<span className="govuk-caption-l">{childName}</span>
				<h1 className="govuk-heading-l">{PART_TITLES[key]}</h1>
				{family && (key === 'PARENT_VIEWS' || key === 'CHILD_VIEWS') ? <FamilyWords part={key} reviewId={reviewId} {...family} /> : null}
				<Form method="post" {...getFormProps(form)} noValidate>
					<input type="hidden" name="version" value={conflict?.version ?? version} />
					{returnTo ? <input type="hidden" name="returnTo" value={returnTo} /> : null}
					{key === 'CHILD_VIEWS' ? <ChildViewsFields fields={fields} context={context} /> : null}
					{key === 'PARENT_VIEWS' ? <ParentViewsFields fields={fields} /> : null}
					{key === 'OUTCOMES' ? <OutcomesFields fields={fields} context={context} /> : null}
					{key === 'NEEDS_PROVISION' ? <NeedsProvisionFields fields={fields} context={context} /> : null}
					{key === 'PFA' ? <PfaFields fields={fields} /> : null}
					{key === 'RECOMMENDATION' ? <RecommendationFields fields={fields} /> : null}
					{key === 'ATTENDANCE' ? <AttendanceFields fields={fields} context={context} /> : null}
					<CompletedQuestion field={fields.completed} />
					<Button>Save and continue</Button>
				</Form>
			</div>
		</div>
	)
}

/** The other person's saved answers, so the user can compare before saving theirs over them. */
function TheirVersion({ theirs }: { theirs: Record<string, unknown> }) {
	const lines = flatten(theirs)
	return (
		<details className="govuk-details" open>
			<summary className="govuk-details__summary">
				<span className="govuk-details__summary-text">The version saved by the other person</span>
			</summary>
			<div className="govuk-details__text">
				<dl className="govuk-summary-list govuk-summary-list--no-border">
					{lines.map(([k, v]) => (
						<div className="govuk-summary-list__row" key={k}>
							<dt className="govuk-summary-list__key">{k}</dt>
							<dd className="govuk-summary-list__value app-pre-line">{v}</dd>
						</div>
					))}
				</dl>
			</div>
		</details>
	)
}

function flatten(value: unknown, prefix = ''): Array<[string, string]> {
	if (value === null || value === undefined) return []
	if (typeof value !== 'object') return [[prefix || 'value', String(value)]]
	return Object.entries(value as Record<string, unknown>).flatMap(([k, v]) =>
		flatten(v, prefix ? `${prefix} ${Number.isNaN(Number(k)) ? k : Number(k) + 1}` : k),
	)
}

// A refused or failed step keeps the person's way back to where they were.
export function ErrorBoundary({ error, params }: Route.ErrorBoundaryProps) {
	return <ErrorPage error={error} back={backToReview(params.reviewId)} />
}
