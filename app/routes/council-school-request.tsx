import { getFormProps } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod/v4'
import { data, Form, redirect, useActionData, useLoaderData } from 'react-router'
import { z } from 'zod'
import { requirePermission } from '#app/auth/auth.server.ts'
import { requireReviewAccess } from '#app/auth/review-access.server.ts'
import { backToCase, ErrorPage } from '#app/components/error-page.tsx'
import {
	Button,
	Checkboxes,
	ConditionalRadios,
	DateField,
	ErrorSummary,
	Select,
	summaryErrors,
	TextArea,
	TextField,
	useGovukForm,
} from '#app/components/forms.tsx'
import { PageTitle } from '#app/components/page.tsx'
import { prisma } from '#app/db/db.server.ts'
import { formatDate, todayInLondon } from '#app/domain/calendar-date.ts'
import { canTake } from '#app/domain/review-lifecycle.ts'
import { dateInput, dateParts } from '#app/domain/review-parts.ts'
import { REFUSAL_GROUND_TEXT, REFUSAL_GROUNDS, schoolRequestProblems, type SchoolRequestFacts, type SchoolRequestProblem } from '#app/domain/school-request.ts'
import { readForm } from '#app/http/request-limits.server.ts'
import { StepError } from '#app/services/council-review.server.ts'
import { loadSchoolRequest, saveSchoolRequest, schoolsOfCouncil } from '#app/services/school-request.server.ts'
import type { Route } from './+types/council-school-request'

// The family's request for a school in Section I (Children and Families Act 2014 s.38(2)(b)(ii), s.39): the school
// consulted with a copy of the draft plan (s.39(2)), what it said, and the council's decision: named (s.39(3)) or
// not, on the s.39(4) grounds with its reasons. The rules are app/domain/school-request.ts.
export const SchoolRequestSchema = z
	.object({
		schoolName: z.string().trim().max(200, 'The school’s name must be 200 characters or fewer').default(''),
		schoolId: z.string().trim().max(100).optional(),
		consultedOn: dateInput('the day the school was consulted', { required: false }),
		consulteeResponse: z.string().trim().max(10000, 'What the school said must be 10,000 characters or fewer').optional(),
		outcome: z.enum(['OPEN', 'NAMED', 'REFUSED'], { error: 'Select what the council has decided' }),
		refusalGrounds: z.array(z.enum(REFUSAL_GROUNDS)).optional(),
		refusalReasons: z.string().trim().max(10000, 'The reasons must be 10,000 characters or fewer').optional(),
	})
	.superRefine((v, ctx) => {
		// The dates are checked against the notice and today in the action; everything else here, in the browser too.
		for (const p of schoolRequestProblems(factsOf(v), { noticeIssuedOn: '0001-01-01', today: '9999-12-31' }))
			ctx.addIssue({ code: 'custom', path: [p.field], message: p.message })
	})

type SchoolRequestForm = z.output<typeof SchoolRequestSchema>

function factsOf(v: SchoolRequestForm): SchoolRequestFacts {
	const outcome = v.outcome === 'OPEN' ? null : v.outcome
	return {
		schoolId: v.schoolId || null,
		schoolName: v.schoolName,
		consultedOn: v.consultedOn ?? null,
		outcome,
		refusalGrounds: outcome === 'REFUSED' ? (v.refusalGrounds ?? []) : [],
		refusalReasons: outcome === 'REFUSED' ? (v.refusalReasons ?? '') : '',
	}
}

async function load(request: Request, reviewId: string) {
	const user = await requirePermission(request, 'decision:make')
	const access = await requireReviewAccess(request, user, reviewId, null)
	if (!canTake('prepareFinalPlan', access.status)) throw redirect(`/council/reviews/${access.id}`)
	const review = await prisma.annualReview.findUniqueOrThrow({
		where: { id: access.id },
		select: { id: true, childId: true, laId: true, notice: { select: { issuedOn: true } }, child: { select: { firstName: true, lastName: true } } },
	})
	const [{ requestedBy, request: recorded }, schools] = await Promise.all([loadSchoolRequest(review.id), schoolsOfCouncil(review.laId)])
	// Only a review where the family asked for a school (or a request is recorded) has this page.
	if (!review.notice || (!requestedBy.length && !recorded)) throw redirect(`/council/reviews/${review.id}/final`)
	return { user, review, notice: review.notice, requestedBy, recorded, schools }
}

export async function loader({ request, params }: Route.LoaderArgs) {
	const { review, requestedBy, recorded, schools } = await load(request, params.reviewId)
	const asked = requestedBy[0]?.requestedSchool ?? recorded?.schoolName ?? ''
	// The family's words matched to the council's list, when a school there has that name.
	const match = schools.find((s) => s.name.trim().toLowerCase() === asked.trim().toLowerCase())
	return {
		reviewId: review.id,
		childName: `${review.child.firstName} ${review.child.lastName}`,
		requestedBy: requestedBy.map((r) => ({ fromName: r.fromName, receivedOn: r.receivedOn, requestedSchool: r.requestedSchool })),
		decidedOn: recorded?.decidedOn ?? null,
		schools: schools.map((s) => ({ value: s.id, label: `${s.name} (URN ${s.urn})` })),
		defaults: recorded
			? {
					schoolName: recorded.schoolName,
					schoolId: recorded.schoolId ?? '',
					consultedOn: dateParts(recorded.consultedOn),
					consulteeResponse: recorded.consulteeResponse,
					outcome: recorded.outcome ?? 'OPEN',
					refusalGrounds: recorded.refusalGrounds,
					refusalReasons: recorded.refusalReasons,
				}
			: { schoolName: asked, schoolId: match?.id ?? '', outcome: 'OPEN' },
	}
}

/** The domain's problems as the form's field errors. */
function fieldErrors(problems: SchoolRequestProblem[]) {
	const errors: Record<string, string[]> = {}
	for (const p of problems) (errors[p.field] ??= []).push(p.message)
	return errors
}

export async function action({ request, params }: Route.ActionArgs) {
	const { user, review, notice, schools } = await load(request, params.reviewId)
	const submission = parseWithZod(await readForm(request), { schema: SchoolRequestSchema })
	if (submission.status !== 'success') return data({ result: submission.reply() }, { status: 400 })
	const facts = factsOf(submission.value)
	const problems = schoolRequestProblems(facts, { noticeIssuedOn: notice.issuedOn, today: todayInLondon(new Date()) })
	if (facts.schoolId && !schools.some((s) => s.id === facts.schoolId))
		problems.push({ field: 'schoolId', message: 'Choose a school from the council’s list' })
	if (problems.length) return data({ result: submission.reply({ fieldErrors: fieldErrors(problems) }) }, { status: 400 })
	try {
		await saveSchoolRequest(request, user, review, {
			...facts,
			refusalGrounds: [...facts.refusalGrounds],
			consulteeResponse: submission.value.consulteeResponse ?? '',
		})
	} catch (error) {
		if (error instanceof StepError) return data({ result: submission.reply({ formErrors: [error.message] }) }, { status: 409 })
		throw error
	}
	throw redirect(`/council/reviews/${review.id}/final#school-request`)
}

export default function SchoolRequest() {
	const { reviewId, childName, requestedBy, decidedOn, schools, defaults } = useLoaderData<typeof loader>()
	const actionData = useActionData<typeof action>()
	const [form, fields] = useGovukForm({ id: 'school-request', schema: SchoolRequestSchema, lastResult: actionData?.result, defaultValue: defaults })
	const errors = summaryErrors(form.id, form.allErrors, [
		'',
		'schoolName',
		'schoolId',
		'consultedOn',
		'consulteeResponse',
		'outcome',
		'refusalGrounds',
		'refusalReasons',
	])
	return (
		<div className="govuk-grid-row">
			<div className="govuk-grid-column-two-thirds">
				<PageTitle title={`The school the family asked for: ${childName}`} error={errors.length > 0} />
				<a href={`/council/reviews/${reviewId}/final`} className="govuk-back-link">
					Back to the final plan
				</a>
				<ErrorSummary errors={errors} />
				<span className="govuk-caption-l">{childName}</span>
				<h1 className="govuk-heading-l">The school the family asked for</h1>
				{requestedBy.map((r) => (
					<p className="govuk-body" key={`${r.fromName}-${r.receivedOn}-${r.requestedSchool}`}>
						{r.fromName} asked on {formatDate(r.receivedOn)} for <strong>{r.requestedSchool}</strong> to be named in Section I.
					</p>
				))}
				<p className="govuk-body">
					Consult the school’s governing body, proprietor or principal, sending them a copy of the draft plan (Children and Families Act 2014
					s.39(2)). The council must then name the school unless one of the exceptions in s.39(4) applies. The final plan cannot be issued until this
					is decided.
				</p>
				{decidedOn ? <p className="govuk-body">The decision was recorded on {formatDate(decidedOn)}.</p> : null}
				<Form method="post" {...getFormProps(form)} noValidate>
					<TextField field={fields.schoolName} label="The school or college, as the family asked for it" />
					<Select
						field={fields.schoolId}
						label="The school in the council’s list"
						hint="To name the school in Section I, choose it here: the plan gives its name and type (SEND Regulations 2014 reg 12(1)(i))."
						options={schools}
						placeholder="Not in the council’s list"
					/>
					<DateField
						field={fields.consultedOn}
						legend="When was the school consulted with a copy of the draft plan?"
						hint="Its governing body, proprietor or principal (s.39(2)). For example, 27 3 2026"
					/>
					<TextArea field={fields.consulteeResponse} label="What the school said" rows={4} />
					<ConditionalRadios
						field={fields.outcome}
						legend="What has the council decided?"
						options={[
							{ value: 'NAMED', label: 'Name the school in Section I', hint: 'The final plan names it, with its type (s.39(3)).' },
							{
								value: 'REFUSED',
								label: 'Do not name the school',
								hint: 'Only on a ground in s.39(4). The final plan’s letter gives the grounds and the reasons, and the family can appeal.',
								reveal: (
									<>
										<Checkboxes
											field={fields.refusalGrounds}
											legend="On which grounds (s.39(4))?"
											options={REFUSAL_GROUNDS.map((g) => ({
												value: g,
												label: `${REFUSAL_GROUND_TEXT[g].text} (${REFUSAL_GROUND_TEXT[g].citation})`,
											}))}
										/>
										<TextArea field={fields.refusalReasons} label="The council’s reasons, for the family’s letter" rows={5} />
									</>
								),
							},
							{ value: 'OPEN', label: 'Not decided yet', hint: 'The school is still being consulted.' },
						]}
					/>
					<Button>Save the school request</Button>
				</Form>
			</div>
		</div>
	)
}

// A refused or failed step keeps the person's way back to where they were.
export function ErrorBoundary({ error, params }: Route.ErrorBoundaryProps) {
	return <ErrorPage error={error} back={backToCase(params.reviewId)} />
}
