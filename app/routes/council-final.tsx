import { getFormProps } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod/v4'
import { data, Form, redirect, useActionData, useLoaderData } from 'react-router'
import { z } from 'zod'
import { requirePermission } from '#app/auth/auth.server.ts'
import { requireReviewAccess } from '#app/auth/review-access.server.ts'
import { CheckBeforeSending, type Checked } from '#app/components/check-before-sending.tsx'
import { backToCase, ErrorPage } from '#app/components/error-page.tsx'
import { Button, Checkboxes, DateField, ErrorSummary, Radios, summaryErrors, TextArea, useGovukForm } from '#app/components/forms.tsx'
import { PageTitle } from '#app/components/page.tsx'
import { UserText } from '#app/components/review-bits.tsx'
import { DiffLegend, WordingDiff } from '#app/components/wording-diff.tsx'
import { prisma } from '#app/db/db.server.ts'
import { formatDate, isAfter, todayInLondon } from '#app/domain/calendar-date.ts'
import { mayIssueFinalPlan } from '#app/domain/final-plan-timing.ts'
import { canTake } from '#app/domain/review-lifecycle.ts'
import { dateInput, dateParts } from '#app/domain/review-parts.ts'
import { REFUSAL_GROUND_TEXT } from '#app/domain/school-request.ts'
import { finalPlanDueOn } from '#app/domain/statutory-clock.ts'
import { FORM_MISMATCH, withinRows } from '#app/http/forms.server.ts'
import { readForm } from '#app/http/request-limits.server.ts'
import {
	amendmentsAddedAfterNotice,
	checkOf,
	finalAmendments,
	issueFinalPlan,
	LETTER_CHANGED,
	letterToSend,
	recordFamilyAgreement,
	removeAmendmentAddedAfterNotice,
	saveFinalChanges,
	StepError,
} from '#app/services/council-review.server.ts'
import { loadSchoolRequest } from '#app/services/school-request.server.ts'
import type { Route } from './+types/council-final'

export const FinalSchema = z
	.object({
		// The amendments as noticed, each with the wording the plan will carry after representations, or dropped.
		amendments: z
			.array(
				z.object({
					proposalId: z.string(),
					wording: z.string().trim().max(20000, 'The wording must be 20,000 characters or fewer').optional(),
					drop: z.array(z.literal('yes')).optional(),
					reason: z.string().trim().max(5000, 'The reason must be 5,000 characters or fewer').optional(),
				}),
			)
			.default([]),
		// issue: check before sending; send: the checked letter goes; change: back to this form as typed. add, school and
		// remove save what was typed first, then go to add an amendment, to the school request, or take an added one back.
		intent: z.enum(['save', 'issue', 'send', 'change', 'add', 'school', 'remove']).default('issue'),
		remove: z.string().optional(),
		amend: z.enum(['yes', 'no']).optional(),
		reasons: z.string().trim().max(10000, 'The reasons must be 10,000 characters or fewer').optional(),
		// The family's word that they have no more to say: the one way to issue before the 15 days close (reg 22(2)(c)).
		familyAgreed: z.array(z.literal('yes')).optional(),
		familyAgreedOn: dateInput('the date the family told you they had no more to say', { required: false }),
	})
	.superRefine((v, ctx) => {
		v.amendments.forEach((a, i) => {
			if (!a.drop?.length && !a.wording)
				ctx.addIssue({ code: 'custom', path: ['amendments', i, 'wording'], message: `Enter the wording for amendment ${i + 1}, or drop it` })
		})
		if ((v.intent === 'issue' || v.intent === 'send') && !v.amend)
			ctx.addIssue({ code: 'custom', path: ['amend'], message: 'Select whether to issue the amended plan or not to amend after all' })
		if (v.amend === 'no' && !v.reasons)
			ctx.addIssue({ code: 'custom', path: ['reasons'], message: 'Enter the reasons for not amending the plan (reg 22(4))' })
		if (v.familyAgreed?.length && !v.familyAgreedOn)
			ctx.addIssue({ code: 'custom', path: ['familyAgreedOn'], message: 'Enter the date the family told you they had no more to say' })
	})

async function load(request: Request, reviewId: string) {
	const user = await requirePermission(request, 'decision:make')
	const access = await requireReviewAccess(request, user, reviewId, null)
	const review = await prisma.annualReview.findUniqueOrThrow({
		where: { id: access.id },
		select: {
			id: true,
			status: true,
			childId: true,
			notice: { select: { issuedOn: true, representationsCloseOn: true, familyAgreedCompleteOn: true } },
			_count: { select: { representations: true } },
			child: { select: { firstName: true, lastName: true } },
		},
	})
	if (!canTake('prepareFinalPlan', review.status)) throw redirect(`/council/reviews/${review.id}`)
	return { user, review }
}

export async function loader({ request, params }: Route.LoaderArgs) {
	const { review } = await load(request, params.reviewId)
	const [amendments, added, school, representations] = await Promise.all([
		finalAmendments(review.id),
		amendmentsAddedAfterNotice(review.id),
		loadSchoolRequest(review.id),
		// What the family said (reg 22(2)(c)), read beside the amendments the council now decides on.
		prisma.representation.findMany({
			where: { reviewId: review.id },
			orderBy: [{ receivedOn: 'asc' }, { createdAt: 'asc' }, { id: 'asc' }],
			select: {
				id: true,
				receivedOn: true,
				fromName: true,
				online: true,
				summary: true,
				requestedSchool: true,
				meetingRequested: true,
				evidence: { select: { id: true, title: true } },
				comments: { select: { proposalId: true, comment: true } },
			},
		}),
	])
	const today = todayInLondon(new Date())
	const agreedOn = review.notice?.familyAgreedCompleteOn ?? null
	// Whether the family's 15 days are over, and if not whether their agreement could open them (reg 22(2)(c)).
	const timing = mayIssueFinalPlan({ notice: review.notice, representationsRecorded: review._count.representations, familyAgreedOn: agreedOn }, today)
	const periodOpen = !!review.notice && !mayIssueFinalPlan({ notice: review.notice, representationsRecorded: 0, familyAgreedOn: null }, today).ok
	return {
		timing,
		canRecordAgreement: periodOpen && review._count.representations > 0,
		defaults: {
			amendments: amendments.map((a) => ({ proposalId: a.id, wording: a.finalWording, drop: a.dropped ? ['yes'] : undefined, reason: a.finalReason })),
			familyAgreed: agreedOn ? ['yes'] : undefined,
			familyAgreedOn: dateParts(agreedOn),
		},
		reviewId: review.id,
		childName: `${review.child.firstName} ${review.child.lastName}`,
		closesOn: review.notice?.representationsCloseOn ?? null,
		finalDueOn: review.notice ? finalPlanDueOn(review.notice.issuedOn) : null,
		representations: review._count.representations,
		amendments: amendments.map((a) => ({
			id: a.id,
			section: a.section,
			title: a.title,
			currentWording: a.currentWording,
			noticedWording: a.noticedWording,
			finalWording: a.finalWording,
			dropped: a.dropped,
			// The family's comments on this amendment, made online with their representations.
			familyComments: representations.flatMap((r) =>
				r.comments
					.filter((c) => c.proposalId === a.id)
					.map((c) => ({ id: `${r.id}-${c.proposalId}`, fromName: r.fromName, receivedOn: r.receivedOn, online: r.online, comment: c.comment })),
			),
		})),
		representationList: representations.map((r) => ({
			id: r.id,
			receivedOn: r.receivedOn,
			fromName: r.fromName,
			online: r.online,
			summary: r.summary,
			requestedSchool: r.requestedSchool,
			meetingRequested: r.meetingRequested,
			comments: r.comments.length,
			evidence: r.evidence,
		})),
		// Added after representations (reg 22(3)): shown against the plan's current wording, removable until the plan is issued.
		added: added.map((a) => ({
			id: a.id,
			section: a.section,
			title: a.title,
			currentWording: a.currentWording,
			proposedWording: a.proposedWording,
			reason: a.reason,
		})),
		// The family's request for a school (s.39), when a representation named one.
		schoolRequest:
			school.requestedBy.length || school.request
				? {
						asked: school.requestedBy.map((r) => ({ fromName: r.fromName, receivedOn: r.receivedOn, requestedSchool: r.requestedSchool })),
						recorded: school.request
							? {
									schoolName: school.request.school?.name ?? school.request.schoolName,
									consultedOn: school.request.consultedOn,
									outcome: school.request.outcome,
									grounds: school.request.refusalGrounds.map((g) => `${REFUSAL_GROUND_TEXT[g].text} (${REFUSAL_GROUND_TEXT[g].citation})`),
									reasons: school.request.refusalReasons,
								}
							: null,
					}
				: null,
	}
}

export async function action({ request, params }: Route.ActionArgs) {
	const { user, review } = await load(request, params.reviewId)
	// The page draws one row per noticed amendment: no other rows can come back.
	const rows = (await finalAmendments(review.id)).length
	const { formData, mismatch } = withinRows(await readForm(request), 'amendments', rows)
	// A Remove button beside an amendment added after representations names it, and is its own intent.
	if (typeof formData.get('remove') === 'string') formData.set('intent', 'remove')
	const submission = parseWithZod(formData, { schema: FinalSchema })
	if (mismatch) return data({ result: submission.reply({ formErrors: [FORM_MISMATCH] }) }, { status: 400 })
	if (submission.status !== 'success') return data({ result: submission.reply() }, { status: 400 })
	const v = submission.value
	if (v.familyAgreed?.length && isAfter(v.familyAgreedOn!, todayInLondon(new Date())))
		return data(
			{ result: submission.reply({ fieldErrors: { familyAgreedOn: ['The date the family told you must be today or in the past'] } }) },
			{ status: 400 },
		)
	if (v.intent === 'change') return data({ result: submission.reply() })
	const input = { amend: v.amend === 'yes', reasons: v.reasons ?? '' }
	const fields = [...formData].filter((e): e is [string, string] => typeof e[1] === 'string' && e[0] !== 'intent' && e[0] !== 'previewed')
	const checkAgain = async (problem?: string): Promise<Checked & { result: ReturnType<typeof submission.reply> }> => ({
		result: submission.reply(),
		check: checkOf((await letterToSend(user, review.id, { step: 'final', input }))!),
		fields,
		problem,
	})
	try {
		if (v.intent === 'send') {
			// The plan or the decision not to amend goes only as it was checked (issue 12 §1): what the form saved then is what was shown.
			const previewed = formData.get('previewed')
			await issueFinalPlan(request, user, review.id, input, typeof previewed === 'string' ? previewed : null)
			throw redirect(`/council/reviews/${review.id}`)
		}
		await saveFinalChanges(
			request,
			user,
			review,
			v.amendments.map((a) => ({ proposalId: a.proposalId, wording: a.wording ?? '', drop: !!a.drop?.length, reason: a.reason ?? '' })),
		)
		await recordFamilyAgreement(request, user, review, v.familyAgreed?.length ? v.familyAgreedOn! : null)
		const page = `/council/reviews/${review.id}/final`
		if (v.intent === 'remove' && v.remove) await removeAmendmentAddedAfterNotice(request, user, review, v.remove)
		if (v.intent === 'save') throw redirect(page)
		if (v.intent === 'remove') throw redirect(`${page}#added`)
		if (v.intent === 'add') throw redirect(`${page}/amendments/new`)
		if (v.intent === 'school') throw redirect(`${page}/school`)
		// Check before sending: the plan (or the decision not to amend) and who it goes to, then one deliberate Send.
		return data(await checkAgain())
	} catch (error) {
		if (error instanceof StepError && error.message === LETTER_CHANGED) return data(await checkAgain(error.message), { status: 409 })
		if (error instanceof StepError) return data({ result: submission.reply({ formErrors: [error.message] }) }, { status: 409 })
		throw error
	}
}

export default function FinalPlan() {
	const {
		reviewId,
		childName,
		closesOn,
		finalDueOn,
		representations,
		representationList,
		amendments,
		added,
		schoolRequest,
		timing,
		canRecordAgreement,
		defaults,
	} = useLoaderData<typeof loader>()
	const actionData = useActionData<typeof action>()
	const [form, fields] = useGovukForm({ id: 'final', schema: FinalSchema, lastResult: actionData?.result, defaultValue: defaults })
	const errors = summaryErrors(form.id, form.allErrors, ['', 'amendments', 'familyAgreed', 'familyAgreedOn', 'amend', 'reasons'])
	const rows = fields.amendments.getFieldList()
	// The union of the action's answers is reduced to its plainest ({ result }), so the checked answer is read as what it is.
	const checked = actionData && 'check' in actionData ? (actionData as unknown as Checked) : null
	if (checked) {
		const typed = Object.fromEntries(checked.fields)
		const amend = typed.amend === 'yes'
		const kept = amendments.filter((a) => !a.dropped).length
		// What the notice did not carry as it will be made: the family sees these first in the final plan (reg 22(3)).
		const afterRepresentations = [
			...amendments.filter((a) => a.dropped).map((a) => `Section ${a.section}, ${a.title}: dropped`),
			...amendments
				.filter((a) => !a.dropped && a.finalWording !== a.noticedWording)
				.map((a) => `Section ${a.section}, ${a.title}: changed since the notice`),
			...added.map((a) => `Section ${a.section}, ${a.title}: added after representations`),
		]
		return (
			<CheckBeforeSending
				childName={childName}
				reviewId={reviewId}
				summary={[
					{ key: 'What the council issues', value: amend ? 'The final amended plan' : 'A decision not to amend the plan' },
					amend
						? {
								key: 'Amendments',
								value: `${kept + added.length} (${amendments.length - kept} dropped, ${added.length} added after representations)`,
							}
						: { key: 'Reasons', value: typed.reasons ?? '' },
					...(amend && afterRepresentations.length ? [{ key: 'Changes made after representations', value: afterRepresentations.join('\n') }] : []),
					...(schoolRequest ? [{ key: 'The school the family asked for', value: schoolRequestSummary(schoolRequest) }] : []),
					{ key: 'Letter', value: checked.check.title },
				]}
				check={checked.check}
				fields={checked.fields}
				previewAction={`/council/reviews/${reviewId}/letters/final/preview`}
				sendLabel={amend ? 'Send the final plan' : 'Send the decision not to amend'}
				problem={checked.problem}
				change={{ kind: 'button' }}
			/>
		)
	}
	return (
		<div className="govuk-grid-row">
			<div className="govuk-grid-column-two-thirds">
				<PageTitle title={`Final plan: ${childName}`} error={errors.length > 0} />
				<a href={`/council/reviews/${reviewId}`} className="govuk-back-link">
					Back to the review
				</a>
				<ErrorSummary errors={errors} />
				<span className="govuk-caption-l">{childName}</span>
				<h1 className="govuk-heading-l">Issue the final plan</h1>
				<p className="govuk-body">
					{closesOn ? `Representations closed (or close) on ${formatDate(closesOn)}; ${representations} recorded. ` : ''}
					{finalDueOn ? `The final plan, or a decision not to amend, is due by ${formatDate(finalDueOn)} (8 weeks from the notice, reg 22(3)).` : ''}
				</p>
				{!timing.ok ? (
					<div className="govuk-warning-text">
						<span className="govuk-warning-text__icon" aria-hidden="true">
							!
						</span>
						<strong className="govuk-warning-text__text">
							<span className="govuk-visually-hidden">Warning</span>
							{timing.reason}.
						</strong>
					</div>
				) : timing.early ? (
					<p className="govuk-inset-text">
						The family told you on {formatDate(timing.familyAgreedOn)} that they had no more to say: the plan can be issued before the 15 days end,
						and its letter will say so.
					</p>
				) : null}
				{representationList.length ? <Representations reviewId={reviewId} representations={representationList} /> : null}
				<Form method="post" {...getFormProps(form)} noValidate>
					<h2 className="govuk-heading-m">The amendments</h2>
					<p className="govuk-body">
						Change an amendment’s wording, or drop it, where the family’s representations change what the council will do. The notice’s wording is
						kept as it was sent.
					</p>
					<DiffLegend />
					{rows.map((row, i) => {
						const f = row.getFieldset()
						const a = amendments[i]!
						const changed = a.dropped || a.finalWording !== a.noticedWording
						return (
							<div className="govuk-summary-card" key={row.key}>
								<div className="govuk-summary-card__title-wrapper">
									<h3 className="govuk-summary-card__title">
										Amendment {i + 1}: section {a.section}, {a.title}
									</h3>
								</div>
								<div className="govuk-summary-card__content">
									<input type="hidden" name={f.proposalId.name} value={a.id} />
									<h4 className="govuk-heading-s">What the notice proposed</h4>
									<WordingDiff current={a.currentWording} proposed={a.noticedWording} />
									{a.familyComments.length ? (
										<>
											<h4 className="govuk-heading-s">What the family said about it</h4>
											{a.familyComments.map((c) => (
												<div className="govuk-inset-text" key={c.id}>
													<p className="govuk-body govuk-!-font-weight-bold">
														{c.fromName}, {formatDate(c.receivedOn)}
														{c.online ? ', made online by the family' : ''}
													</p>
													<UserText text={c.comment} />
												</div>
											))}
										</>
									) : null}
									{changed ? (
										<>
											<h4 className="govuk-heading-s">Changed since the notice</h4>
											{a.dropped ? (
												<p className="govuk-body">Dropped: the plan keeps its current wording.</p>
											) : (
												<WordingDiff current={a.noticedWording} proposed={a.finalWording} />
											)}
										</>
									) : null}
									<TextArea field={f.wording} label={`The wording the final plan will carry for amendment ${i + 1}`} rows={6} />
									<Checkboxes
										field={f.drop}
										legend={<span className="govuk-visually-hidden">Drop amendment {i + 1}</span>}
										options={[{ value: 'yes', label: `Drop amendment ${i + 1}: the plan keeps its current wording` }]}
									/>
									<TextArea field={f.reason} label={`Why amendment ${i + 1} changed (if it did)`} rows={3} />
								</div>
							</div>
						)
					})}
					<h2 className="govuk-heading-m" id="added">
						Amendments added after representations
					</h2>
					<p className="govuk-body">
						The council can change the plan beyond what the notice proposed (reg 22(3)). An added amendment is not in the notice: the final plan
						shows it as added after representations.
					</p>
					{added.map((a, i) => (
						<div className="govuk-summary-card" key={a.id}>
							<div className="govuk-summary-card__title-wrapper">
								<h3 className="govuk-summary-card__title">
									Added amendment {i + 1}: section {a.section}, {a.title}
								</h3>
							</div>
							<div className="govuk-summary-card__content">
								<WordingDiff current={a.currentWording} proposed={a.proposedWording} />
								<h4 className="govuk-heading-s">Why</h4>
								<UserText text={a.reason} />
								<button type="submit" name="remove" value={a.id} className="govuk-button govuk-button--secondary" formNoValidate>
									Remove<span className="govuk-visually-hidden"> added amendment {i + 1}</span>
								</button>
							</div>
						</div>
					))}
					<button type="submit" name="intent" value="add" className="govuk-button govuk-button--secondary">
						Add an amendment
					</button>
					{schoolRequest ? <SchoolRequestSummary request={schoolRequest} /> : null}
					<div className="govuk-!-margin-top-4">
						<button type="submit" name="intent" value="save" className="govuk-button govuk-button--secondary">
							Save the changes and come back later
						</button>
					</div>
					{canRecordAgreement ? (
						<>
							<Checkboxes
								field={fields.familyAgreed}
								legend="Has the family finished making representations?"
								legendClass="govuk-fieldset__legend--m"
								hint={`The family has until ${closesOn ? formatDate(closesOn) : 'the end of the 15 days'} (reg 22(2)(c)). Issue earlier only if they have told you they have no more to say.`}
								options={[{ value: 'yes', label: 'The family has told us they have no more to say' }]}
							/>
							<DateField field={fields.familyAgreedOn} legend="When did they tell you?" hint="For example, 27 3 2026" />
						</>
					) : null}
					<Radios
						field={fields.amend}
						legend="What will the council issue?"
						legendClass="govuk-fieldset__legend--m"
						options={[
							{
								value: 'yes',
								label: 'The final amended plan',
								hint: 'A new version of the plan with these amendments; the previous version is kept.',
							},
							{ value: 'no', label: 'A decision not to amend the plan after all', hint: 'With the reasons and the right of appeal (reg 22(4)).' },
						]}
					/>
					<TextArea field={fields.reasons} label="Reasons (needed if the plan is not amended)" rows={5} />
					<Button name="intent" value="issue">
						Check before sending
					</Button>
				</Form>
			</div>
		</div>
	)
}

type RepresentationView = Awaited<ReturnType<typeof loader>>['representationList'][number]

/** The family's representations (reg 22(2)(c)), each marked when the family made it online, before the amendments they bear on. */
function Representations({ reviewId, representations }: { reviewId: string; representations: RepresentationView[] }) {
	return (
		<>
			<h2 className="govuk-heading-m" id="representations">
				Representations
			</h2>
			{representations.map((r, i) => (
				<div className="govuk-summary-card" key={r.id}>
					<div className="govuk-summary-card__title-wrapper">
						<h3 className="govuk-summary-card__title">
							Representation {i + 1}: {r.fromName}, {formatDate(r.receivedOn)}
							{r.online ? ', made online by the family' : ''}
						</h3>
					</div>
					<div className="govuk-summary-card__content">
						<dl className="govuk-summary-list">
							<div className="govuk-summary-list__row">
								<dt className="govuk-summary-list__key">Summary</dt>
								<dd className="govuk-summary-list__value">
									<UserText text={r.summary} />
									{r.comments ? (
										<p className="govuk-body">
											Comments on {r.comments === 1 ? '1 amendment' : `${r.comments} amendments`}: shown with each amendment below.
										</p>
									) : null}
								</dd>
							</div>
							<div className="govuk-summary-list__row">
								<dt className="govuk-summary-list__key">School or institution asked for</dt>
								<dd className="govuk-summary-list__value">{r.requestedSchool || 'None'}</dd>
							</div>
							<div className="govuk-summary-list__row">
								<dt className="govuk-summary-list__key">Meeting with an officer</dt>
								<dd className="govuk-summary-list__value">{r.meetingRequested ? 'Asked for' : 'Not asked for'}</dd>
							</div>
							<div className="govuk-summary-list__row">
								<dt className="govuk-summary-list__key">Attached</dt>
								<dd className="govuk-summary-list__value">
									{r.evidence.length
										? r.evidence.map((e) => (
												<a key={e.id} className="govuk-link govuk-!-display-block" href={`/reviews/${reviewId}/evidence/${e.id}`}>
													{e.title}
												</a>
											))
										: 'Nothing'}
								</dd>
							</div>
						</dl>
					</div>
				</div>
			))}
		</>
	)
}

type SchoolRequestView = NonNullable<Awaited<ReturnType<typeof loader>>['schoolRequest']>

/** The family's school request in a line: what the council decided, or that it has not yet (s.39). */
function schoolRequestSummary({ asked, recorded }: SchoolRequestView) {
	const name = recorded?.schoolName ?? asked[0]?.requestedSchool ?? 'The school'
	if (!recorded) return `${name}: not recorded yet`
	if (recorded.outcome === 'NAMED') return `${name}: named in Section I (s.39(3))`
	if (recorded.outcome === 'REFUSED') return `${name}: not named (${recorded.grounds.join('; ')})`
	return `${name}: not decided yet`
}

/** The family's request for a school (s.39) on the final plan page: who asked, the consultation, the decision. */
function SchoolRequestSummary({ request }: { request: SchoolRequestView }) {
	const { asked, recorded } = request
	return (
		<>
			<h2 className="govuk-heading-m" id="school-request">
				The school the family asked for
			</h2>
			{asked.map((r) => (
				<p className="govuk-body" key={`${r.fromName}-${r.receivedOn}-${r.requestedSchool}`}>
					{r.fromName} asked on {formatDate(r.receivedOn)} for {r.requestedSchool} to be named in Section I (Children and Families Act 2014
					s.38(2)(b)(ii)).
				</p>
			))}
			{recorded ? (
				<dl className="govuk-summary-list">
					<div className="govuk-summary-list__row">
						<dt className="govuk-summary-list__key">School</dt>
						<dd className="govuk-summary-list__value">{recorded.schoolName}</dd>
					</div>
					<div className="govuk-summary-list__row">
						<dt className="govuk-summary-list__key">Consulted with the draft plan (s.39(2))</dt>
						<dd className="govuk-summary-list__value">{recorded.consultedOn ? formatDate(recorded.consultedOn) : 'Not yet'}</dd>
					</div>
					<div className="govuk-summary-list__row">
						<dt className="govuk-summary-list__key">Decision</dt>
						<dd className="govuk-summary-list__value">
							{recorded.outcome === 'NAMED' ? 'Named in Section I (s.39(3))' : recorded.outcome === 'REFUSED' ? 'Not named' : 'Not decided yet'}
							{recorded.outcome === 'REFUSED' ? (
								<>
									<ul className="govuk-list govuk-list--bullet">
										{recorded.grounds.map((g) => (
											<li key={g}>{g}</li>
										))}
									</ul>
									<UserText text={recorded.reasons} />
								</>
							) : null}
						</dd>
					</div>
				</dl>
			) : (
				<p className="govuk-inset-text">Record the school’s consultation and the council’s decision: the final plan answers the family’s request.</p>
			)}
			{recorded && !recorded.outcome ? (
				<div className="govuk-warning-text">
					<span className="govuk-warning-text__icon" aria-hidden="true">
						!
					</span>
					<strong className="govuk-warning-text__text">
						<span className="govuk-visually-hidden">Warning</span>
						The final plan cannot be issued until the council decides whether to name the school.
					</strong>
				</div>
			) : null}
			<button type="submit" name="intent" value="school" className="govuk-button govuk-button--secondary">
				{recorded ? 'Change the school request' : 'Record the school request'}
			</button>
		</>
	)
}

// A refused or failed step keeps the person's way back to where they were.
export function ErrorBoundary({ error, params }: Route.ErrorBoundaryProps) {
	return <ErrorPage error={error} back={backToCase(params.reviewId)} />
}
