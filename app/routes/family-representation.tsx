import { getFormProps } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod/v4'
import type { ReactNode } from 'react'
import { data, Form, redirect, useActionData, useLoaderData } from 'react-router'
import { z } from 'zod'
import { requireFamily, requireFamilyReview } from '#app/auth/family.server.ts'
import { ConditionalRadios, ErrorSummary, FileUpload, Radios, summaryErrors, TextArea, TextField, useGovukForm, Button } from '#app/components/forms.tsx'
import { PageTitle } from '#app/components/page.tsx'
import { UserText } from '#app/components/review-bits.tsx'
import { DiffLegend, WordingDiff } from '#app/components/wording-diff.tsx'
import { formatDate } from '#app/domain/calendar-date.ts'
import { env } from '#app/env.server.ts'
import { FORM_MISMATCH, withinRows } from '#app/http/forms.server.ts'
import { loadFamilyNotice, type FamilyNotice } from '#app/queries/family-notice.server.ts'
import { StepError } from '#app/services/council-review.server.ts'
import { makeFamilyRepresentation, REPLY_CLOSED } from '#app/services/family-representation.server.ts'
import { deleteEvidenceFile, receiveEvidenceUpload, uploadMessages } from '#app/storage/evidence.server.ts'
import type { Route } from './+types/family-representation'

// The family's reply to the amendment notice, made online (issue 14, "What they can do" 3): SEND Regulations 2014
// reg 22(2)(c) gives them at least 15 days from the day the notice was sent (that day is day 1) to make
// representations about the proposed changes, to ask for a particular school or other institution, or one of a type,
// to be named in the plan (Children and Families Act 2014 s.38(2)(b)(ii), s.38(3); the council then consults it and
// names it unless s.39(4) applies), and to ask to meet an officer of the council. They may reply more than once in
// the period; afterwards (or once the final plan is issued) the page says how to contact the caseworker instead.

/** Each bounded before the service sees it: one comment a change of the notice, each of a letter's length. */
export const FamilyRepresentationSchema = z
	.object({
		comments: z
			.array(
				z.object({
					proposalId: z.string().max(100),
					comment: z.string().trim().max(5000, 'Your comment must be 5,000 characters or fewer').optional(),
				}),
			)
			.max(200)
			.default([]),
		general: z.string().trim().max(10000, 'Your comments must be 10,000 characters or fewer').optional(),
		wantsSchool: z.enum(['yes', 'no'], { error: 'Select yes if you want a particular school or college named in the plan' }),
		schoolName: z.string().trim().max(200, 'The name must be 200 characters or fewer').optional(),
		schoolType: z.string().trim().max(200, 'The type must be 200 characters or fewer').optional(),
		meeting: z.enum(['yes', 'no'], { error: 'Select yes if you want a meeting with someone from the council' }),
		file: z.any().optional(),
	})
	.superRefine((v, ctx) => {
		if (v.wantsSchool === 'yes' && !v.schoolName) ctx.addIssue({ code: 'custom', path: ['schoolName'], message: 'Enter the name of the school or college' })
	})

async function load(request: Request, reviewId: string, audited: boolean) {
	const user = await requireFamily(request)
	const review = await requireFamilyReview(request, user, reviewId, audited ? 'family.review_view' : null)
	const notice = await loadFamilyNotice(review.id)
	// Nothing to reply to before the notice is sent.
	if (!notice.notice) throw redirect(`/family/reviews/${review.id}/notice`)
	return { user, notice }
}

export async function loader({ request, params }: Route.LoaderArgs) {
	const { notice } = await load(request, params.reviewId, true)
	const sentId = new URL(request.url).searchParams.get('sent')
	const sent = sentId ? (notice.replies.find((r) => r.id === sentId) ?? null) : null
	return {
		reviewId: notice.id,
		childName: notice.child.name,
		firstName: notice.child.firstName,
		notice: notice.notice!,
		open: notice.window.open,
		finalIssuedOn: notice.finalIssuedOn,
		contact: notice.contact,
		schoolRequest: notice.schoolRequest,
		amendments: notice.amendments,
		replies: notice.replies,
		sent,
		maxMb: env.MAX_UPLOAD_MB,
		defaults: { comments: notice.amendments.map((a) => ({ proposalId: a.id })) },
	}
}

export async function action({ request, params }: Route.ActionArgs) {
	const { user, notice } = await load(request, params.reviewId, false)
	const empty = () => parseWithZod(new FormData(), { schema: FamilyRepresentationSchema })
	// After the period (or the final plan), refused before anything of the request is read.
	if (!notice.window.open) return data({ result: empty().reply({ formErrors: [REPLY_CLOSED] }) }, { status: 409 })
	const upload = await receiveEvidenceUpload(request)
	const read = new FormData()
	for (const [name, values] of Object.entries(upload.fieldLists)) for (const value of values) read.append(name, value)
	// One comment box a change of the notice: no other rows can come back.
	const { formData, mismatch } = withinRows(read, 'comments', notice.amendments.length)
	const submission = parseWithZod(formData, { schema: FamilyRepresentationSchema })
	const fileError = upload.error === uploadMessages.noFile ? null : upload.error
	const refuse = async (status: number, reply: ReturnType<typeof submission.reply>) => {
		if (upload.file) await deleteEvidenceFile(upload.file.storageKey)
		return data({ result: reply }, { status })
	}
	if (mismatch) return refuse(400, submission.reply({ formErrors: [FORM_MISMATCH] }))
	if (submission.status !== 'success' || fileError) return refuse(400, submission.reply({ fieldErrors: fileError ? { file: [fileError] } : {} }))
	const v = submission.value
	try {
		const made = await makeFamilyRepresentation(
			request,
			user,
			notice.id,
			{
				comments: v.comments.filter((c) => c.comment).map((c) => ({ proposalId: c.proposalId, comment: c.comment! })),
				general: v.general ?? '',
				school: v.wantsSchool === 'yes' ? { name: v.schoolName!, type: v.schoolType ?? '' } : null,
				meetingRequested: v.meeting === 'yes',
			},
			upload.file,
		)
		throw redirect(`/family/reviews/${notice.id}/representation?sent=${made.id}`)
	} catch (error) {
		if (error instanceof Response) throw error
		if (upload.file) await deleteEvidenceFile(upload.file.storageKey)
		if (error instanceof StepError)
			return data({ result: submission.reply({ formErrors: [error.message] }) }, { status: error.message === REPLY_CLOSED ? 409 : 400 })
		throw error
	}
}

export default function FamilyRepresentation() {
	const loaded = useLoaderData<typeof loader>()
	const { reviewId, childName, open, sent } = loaded
	if (sent) return <Sent />
	if (!open) return <Closed />
	return <ReplyForm key={reviewId} childName={childName} />
}

// As the service's REPLY_CLOSED (the server module is not in the page's bundle).
const REPLY_CLOSED_TEXT = 'The time to reply has ended'

function Contact() {
	const { contact } = useLoaderData<typeof loader>()
	return (
		<>
			<h2 className="govuk-heading-m">Contact the council</h2>
			<p className="govuk-body">{contact.team ? 'You can contact the council’s SEN team.' : 'You can contact your caseworker.'}</p>
			<ul className="govuk-list">
				<li>{contact.name}</li>
				<li>
					<a className="govuk-link" href={`mailto:${contact.email}`}>
						{contact.email}
					</a>
				</li>
				{contact.phone ? <li>{contact.phone}</li> : null}
			</ul>
		</>
	)
}

/** What the family has sent, read-only. */
function Replies({ heading }: { heading: string }) {
	const { replies } = useLoaderData<typeof loader>()
	if (!replies.length) return null
	return (
		<>
			<h2 className="govuk-heading-m">{heading}</h2>
			{replies.map((r, i) => (
				<ReplySummary key={r.id} reply={r} title={`Reply ${i + 1}, sent on ${formatDate(r.receivedOn)} by ${r.fromName}`} />
			))}
		</>
	)
}

function ReplySummary({ reply, title }: { reply: FamilyNotice['replies'][number]; title: string }) {
	const rows: Array<[string, ReactNode]> = [
		...reply.comments.map((c): [string, ReactNode] => [`Change ${c.number}: section ${c.section}, ${c.title}`, <UserText key="c" text={c.comment} />]),
		['Your comments', <UserText key="s" text={reply.summary} />],
		['School or college you asked for', reply.requestedSchool || 'None'],
		['Meeting with the council', reply.meetingRequested ? 'You asked for one' : 'You did not ask for one'],
		['Letter or report', reply.files.length ? reply.files.join(', ') : 'None'],
	]
	return (
		<div className="govuk-summary-card">
			<div className="govuk-summary-card__title-wrapper">
				<h3 className="govuk-summary-card__title">{title}</h3>
			</div>
			<div className="govuk-summary-card__content">
				<dl className="govuk-summary-list">
					{rows.map(([key, value]) => (
						<div className="govuk-summary-list__row" key={key}>
							<dt className="govuk-summary-list__key">{key}</dt>
							<dd className="govuk-summary-list__value">{value}</dd>
						</div>
					))}
				</dl>
			</div>
		</div>
	)
}

function Sent() {
	const { reviewId, childName, sent, notice, open } = useLoaderData<typeof loader>()
	const reply = sent!
	return (
		<div className="govuk-grid-row">
			<div className="govuk-grid-column-two-thirds">
				<PageTitle title={`Your reply has been sent: ${childName}`} />
				<div className="govuk-panel govuk-panel--confirmation">
					<h1 className="govuk-panel__title">Your reply has been sent</h1>
					<div className="govuk-panel__body">On {formatDate(reply.receivedOn)}</div>
				</div>
				<p className="govuk-body">We have sent you an email with a copy of what you sent.</p>
				<h2 className="govuk-heading-m">What happens next</h2>
				<ul className="govuk-list govuk-list--bullet">
					<li>Your caseworker will read your reply.</li>
					{reply.requestedSchool ? (
						<li>The council will ask the school or college you named. Then it will tell you if it can name it in the plan.</li>
					) : null}
					{reply.meetingRequested ? <li>The council will contact you to arrange a meeting.</li> : null}
					{open ? <li>You can send more until {formatDate(notice.representationsCloseOn)}.</li> : null}
					<li>The council must send you the final plan by {formatDate(notice.finalPlanDueOn)}. That is 8 weeks after the notice.</li>
				</ul>
				<ReplySummary reply={reply} title="What you sent" />
				<p className="govuk-body">
					<a className="govuk-link" href={`/family/reviews/${reviewId}/notice`}>
						Back to the changes to the plan
					</a>
				</p>
			</div>
		</div>
	)
}

function Closed() {
	const { reviewId, childName, notice, finalIssuedOn } = useLoaderData<typeof loader>()
	return (
		<div className="govuk-grid-row">
			<div className="govuk-grid-column-two-thirds">
				<PageTitle title={`The time to reply has ended: ${childName}`} />
				<a href={`/family/reviews/${reviewId}/notice`} className="govuk-back-link">
					Back to the changes to the plan
				</a>
				<span className="govuk-caption-l">{childName}</span>
				<h1 className="govuk-heading-l">{REPLY_CLOSED_TEXT}</h1>
				<p className="govuk-body">
					{finalIssuedOn
						? `The council sent the final plan on ${formatDate(finalIssuedOn)}.`
						: `You could reply until ${formatDate(notice.representationsCloseOn)}.`}{' '}
					You cannot reply here now. You can still write to the council or phone them.
				</p>
				<Contact />
				<Replies heading="What you sent" />
			</div>
		</div>
	)
}

function ReplyForm({ childName }: { childName: string }) {
	const { reviewId, notice, amendments, schoolRequest, maxMb, defaults, replies } = useLoaderData<typeof loader>()
	const actionData = useActionData<typeof action>()
	const [form, fields] = useGovukForm({ id: 'reply', schema: FamilyRepresentationSchema, lastResult: actionData?.result, defaultValue: defaults })
	const errors = summaryErrors(form.id, form.allErrors, ['', 'comments', 'general', 'wantsSchool', 'schoolName', 'schoolType', 'meeting', 'file'])
	const rows = fields.comments.getFieldList()
	return (
		<div className="govuk-grid-row">
			<div className="govuk-grid-column-two-thirds">
				<PageTitle title={`Reply to the council: ${childName}`} error={errors.length > 0} />
				<a href={`/family/reviews/${reviewId}/notice`} className="govuk-back-link">
					Back to the changes to the plan
				</a>
				<ErrorSummary errors={errors} />
				<span className="govuk-caption-l">{childName}</span>
				<h1 className="govuk-heading-l">Reply to the council</h1>
				<p className="govuk-body">You have until {formatDate(notice.representationsCloseOn)} to reply. You can reply more than once.</p>
				<p className="govuk-body">Every question is up to you. Say as much or as little as you like.</p>
				<Replies heading="What you have sent already" />
				<Form method="post" encType="multipart/form-data" {...getFormProps(form)} noValidate>
					<h2 className="govuk-heading-m">{replies.length ? 'Send more' : 'The changes'}</h2>
					{amendments.length ? <DiffLegend /> : null}
					{rows.map((row, i) => {
						const f = row.getFieldset()
						const a = amendments[i]
						if (!a) return null
						return (
							<section className="govuk-summary-card" key={row.key} aria-labelledby={`change-${a.id}`}>
								<div className="govuk-summary-card__title-wrapper">
									<h3 className="govuk-summary-card__title" id={`change-${a.id}`}>
										Change {a.number}: section {a.section}, {a.title}
									</h3>
								</div>
								<div className="govuk-summary-card__content">
									<input type="hidden" name={f.proposalId.name} value={a.id} />
									<WordingDiff current={a.currentWording} proposed={a.proposedWording} />
									<TextArea field={f.comment} label={`What do you think of change ${a.number}? (optional)`} rows={4} />
								</div>
							</section>
						)
					})}
					<TextArea
						field={fields.general}
						label="Is there anything else you want to tell the council? (optional)"
						labelClass="govuk-label--s"
						rows={5}
					/>
					{schoolRequest ? (
						<p className="govuk-inset-text">
							You have already asked for {schoolRequest} to be named in the plan. The council is looking at it. If you ask for another one, your
							caseworker will see it.
						</p>
					) : null}
					<ConditionalRadios
						field={fields.wantsSchool}
						legend="Do you want a particular school or college named in the plan?"
						legendClass="govuk-fieldset__legend--s"
						hint="This can also be a nursery or another place to learn. The council will ask them, then decide."
						options={[
							{
								value: 'yes',
								label: 'Yes',
								reveal: (
									<>
										<TextField field={fields.schoolName} label="Name of the school or college" />
										<TextField
											field={fields.schoolType}
											label="What type of school or college is it? (optional)"
											hint="For example, a special school, or a college"
										/>
									</>
								),
							},
							{ value: 'no', label: 'No' },
						]}
					/>
					<Radios
						field={fields.meeting}
						legend="Do you want a meeting with someone from the council?"
						legendClass="govuk-fieldset__legend--s"
						hint="You can talk about the changes with them."
						inline
						options={[
							{ value: 'yes', label: 'Yes' },
							{ value: 'no', label: 'No' },
						]}
					/>
					{/* The file goes last: the answers before it are kept even when a file is refused part-way. */}
					<FileUpload
						field={fields.file}
						label="Add a letter or report (optional)"
						hint={`A PDF, Word document or photo (JPEG or PNG), smaller than ${maxMb}MB`}
						accept=".pdf,.doc,.docx,.jpg,.jpeg,.png"
					/>
					<Button>Send your reply</Button>
				</Form>
			</div>
		</div>
	)
}
