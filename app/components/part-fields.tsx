// The fields of each part of the review form. Each takes the conform fields of its part's schema
// (app/domain/review-parts.ts) and the review's context (the plan's outcomes, wording, invitees).
import { useState, type ReactNode } from 'react'
import { FamilyAnswers } from '#app/components/family-fields.tsx'
import { ConditionalRadios, Radios, TextArea, useHydrated } from '#app/components/forms.tsx'
import { UserText } from '#app/components/review-bits.tsx'
import {
	CHANGE_SECTIONS,
	NEXT_STEP_LABELS,
	NEXT_STEPS,
	PFA_AREAS,
	PFA_LABELS,
	PLAN_SECTION_TITLES,
	PROGRESS,
	PROGRESS_LABELS,
	RECOMMENDATION_LABELS,
	RECOMMENDATIONS,
	VOICE_PATHWAY_LABELS,
	VOICE_PATHWAYS,
	type VoicePathway,
} from '#app/domain/review-parts.ts'

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- each part's schema differs; fields are read by name
type Fields = Record<string, any>

export type PartContext = {
	childFirstName: string
	outcomes: Array<{ id: string; area: string; text: string }>
	wording: Record<string, string>
	invitees: Array<{ id: string; name: string; role: string }>
}

/**
 * What the family sent online for this part (issue 14), above the SENCo's own answers: their own words, marked as
 * theirs, read-only (nothing on the page can change them; the SENCo's answers below are the school's, beside them).
 * The review must seek and take account of the family's views (Children and Families Act 2014 s.19; reg 20(3)).
 */
export function FamilyWords({
	part,
	reviewId,
	contributions,
	files,
}: {
	part: 'PARENT_VIEWS' | 'CHILD_VIEWS'
	reviewId: string
	contributions: Array<{ id: string; name: string; relationship: string; sentOn: string; answers: Record<string, string | undefined> }>
	files: Array<{ id: string; title: string; fileName: string; by: string }>
}) {
	if (!contributions.length && !files.length) return null
	return (
		<section className="govuk-!-margin-bottom-8" aria-labelledby="family-words-heading">
			<h2 className="govuk-heading-m" id="family-words-heading">
				What the family sent online
			</h2>
			<p className="govuk-body">
				These are the family’s own words. You cannot change them. They go into the review record as they are. Your own answers below are the school’s
				notes beside them.
			</p>
			{contributions.map((c) => (
				<div className="govuk-inset-text" key={c.id}>
					<h3 className="govuk-heading-s">
						In {c.name}’s own words ({c.relationship}), sent online on {c.sentOn}
					</h3>
					<FamilyAnswers part={part} answers={c.answers} youngPerson={c.relationship === 'young person'} staff />
				</div>
			))}
			{files.length ? (
				<>
					<h3 className="govuk-heading-s">Files the family sent</h3>
					<ul className="govuk-list govuk-list--bullet">
						{files.map((f) => (
							<li key={f.id}>
								<a className="govuk-link" href={`/reviews/${reviewId}/evidence/${f.id}`}>
									{f.title}
								</a>{' '}
								({f.fileName}), from {f.by}
							</li>
						))}
					</ul>
				</>
			) : null}
		</section>
	)
}

/**
 * The child's views. Who recorded them belongs to a supported conversation and to observation; how the child
 * communicated to observation only: they are revealed under those answers (GOV.UK radios with conditional reveal).
 * Without JavaScript (and until the page is hydrated) every question shows, each once, under the first answer it
 * belongs to, so the form works as a plain form; with it, only the chosen answer's questions show, and "who
 * recorded them" moves under the answer chosen, keeping what was typed.
 */
export function ChildViewsFields({ fields, context }: { fields: Fields; context: PartContext }) {
	const hydrated = useHydrated()
	const pathway = fields.pathway
	const [chosen, setChosen] = useState(pathway.initialValue as string | undefined)
	const [recordedBy, setRecordedBy] = useState((fields.recordedBy.initialValue as string | undefined) ?? '')
	const recordedByUnder = hydrated && chosen === 'observation' ? 'observation' : 'supported'
	const recordedByField = <TextArea field={fieldOf(fields.recordedBy, recordedBy)} label="Who recorded them, and their role" rows={2} />
	const reveals: Partial<Record<VoicePathway, ReactNode>> = {
		supported: recordedByUnder === 'supported' ? recordedByField : null,
		observation: (
			<>
				{recordedByUnder === 'observation' ? recordedByField : null}
				<TextArea
					field={fields.howCommunicated}
					label="How they communicated"
					rows={4}
					hint="For example, Makaton signs, symbols, PECS, eye gaze, pointing, or what adults who know them observed"
				/>
			</>
		),
	}
	return (
		<>
			<p className="govuk-body">
				Record {context.childFirstName}’s own views about what is working, what is not, and what they hope for, in their own words (SEND Code of
				Practice 9.62). Choose the way that suits their age and how they communicate.
			</p>
			{/* The recorded-by box moves between answers: its text is followed here so it is kept. */}
			<div
				onInput={(event) => {
					const target = event.target as HTMLTextAreaElement
					if (target.name === fields.recordedBy.name) setRecordedBy(target.value)
				}}
			>
				<ConditionalRadios
					field={pathway}
					legend="How did they give their views?"
					onChoose={setChosen}
					options={VOICE_PATHWAYS.map((value) => ({ value, ...VOICE_PATHWAY_LABELS[value], reveal: reveals[value] }))}
				/>
			</div>
			<TextArea
				field={fields.words}
				label="Their views, in their own words"
				labelClass="govuk-label--m"
				rows={10}
				hint="Write what they said, wrote, signed or showed. Use their words (‘I like…’, ‘I find it hard when…’), not a summary about them."
			/>
		</>
	)
}

/** A conform field's parts the kit reads, as a plain object (the field itself is a proxy that cannot be spread). */
function fieldOf(field: Fields[string], initialValue: string): Fields[string] {
	return { id: field.id as string, name: field.name as string, errors: field.errors as string[] | undefined, initialValue }
}

export function ParentViewsFields({ fields }: { fields: Fields }) {
	return (
		<>
			<TextArea
				field={fields.views}
				label="The parents’ or carers’ views"
				labelClass="govuk-label--m"
				rows={10}
				hint="What is going well, what worries them, what they would like to change, and their hopes for the next year. Use their words."
			/>
			<TextArea
				field={fields.givenBy}
				label="Who gave these views"
				rows={2}
				hint="For example, Mrs Begum (mother), at the meeting and in writing beforehand"
			/>
		</>
	)
}

export function OutcomesFields({ fields, context }: { fields: Fields; context: PartContext }) {
	const rows = fields.outcomes!.getFieldList()
	if (!context.outcomes.length) return <p className="govuk-body">The plan has no outcomes in section E.</p>
	return (
		<>
			{rows.map((row: Fields, i: number) => {
				const f = row.getFieldset()
				const outcome = context.outcomes[i]!
				return (
					<div key={row.key} className="govuk-!-margin-bottom-8">
						<h2 className="govuk-heading-m">Outcome {i + 1}</h2>
						{outcome.area ? <p className="govuk-caption-m">{outcome.area}</p> : null}
						<div className="govuk-inset-text">
							<UserText text={outcome.text} />
						</div>
						<input type="hidden" name={f.outcomeId.name} value={outcome.id} />
						<Radios
							field={f.progress}
							legend={`Progress towards outcome ${i + 1}`}
							inline
							options={PROGRESS.map((value) => ({ value, label: PROGRESS_LABELS[value] }))}
						/>
						<TextArea
							field={f.evidence}
							label={`Evidence of progress towards outcome ${i + 1}`}
							rows={4}
							hint="What the child can do now that shows it: assessments, observations, work"
						/>
						<Radios
							field={f.next}
							legend={`Should outcome ${i + 1} continue, change or end?`}
							inline
							options={NEXT_STEPS.map((value) => ({ value, label: NEXT_STEP_LABELS[value] }))}
						/>
					</div>
				)
			})}
		</>
	)
}

export function NeedsProvisionFields({ fields, context }: { fields: Fields; context: PartContext }) {
	const changes = fields.changes!.getFieldset()
	return (
		<>
			<p className="govuk-body">
				For each section, write what has changed since the plan was issued or last reviewed, or ‘No change’. The plan’s current wording is shown first.
				To change the wording of the plan itself, add an amendment proposal with the reason and the evidence.
			</p>
			{CHANGE_SECTIONS.map((s) => (
				<div key={s} className="govuk-!-margin-bottom-8">
					<h2 className="govuk-heading-m">
						Section {s}: {PLAN_SECTION_TITLES[s]}
					</h2>
					<details className="govuk-details">
						<summary className="govuk-details__summary">
							<span className="govuk-details__summary-text">The plan’s current wording of section {s}</span>
						</summary>
						<div className="govuk-details__text">
							<UserText text={context.wording[s]} empty="This section of the plan is empty." />
						</div>
					</details>
					<TextArea field={changes[s]!} label={`Changes in section ${s}`} rows={4} />
				</div>
			))}
		</>
	)
}

export function PfaFields({ fields }: { fields: Fields }) {
	return (
		<>
			<p className="govuk-body">
				From Year 9, the review must consider what the young person needs to prepare for adult life (SEND Regulations 2014 reg 20(6)).
			</p>
			{PFA_AREAS.map((area) => (
				<TextArea key={area} field={fields[area]!} label={PFA_LABELS[area]} labelClass="govuk-label--s" rows={4} />
			))}
		</>
	)
}

export function RecommendationFields({ fields }: { fields: Fields }) {
	return (
		<>
			<Radios
				field={fields.recommendation}
				legend="What does the meeting recommend?"
				legendClass="govuk-fieldset__legend--m"
				options={RECOMMENDATIONS.map((value) => ({ value, label: RECOMMENDATION_LABELS[value].label, hint: RECOMMENDATION_LABELS[value].hint }))}
			/>
			<TextArea field={fields.reasons} label="Reasons for the recommendation" labelClass="govuk-label--s" rows={6} />
			<Radios
				field={fields.agreed}
				legend="Did everyone at the meeting agree?"
				inline
				options={[
					{ value: 'yes', label: 'Yes' },
					{ value: 'no', label: 'No' },
				]}
			/>
			<TextArea
				field={fields.disagreements}
				label="Who disagreed, and why (if anyone did)"
				rows={4}
				hint="The review report must set out any differences of view (reg 20(8))"
			/>
		</>
	)
}

export function AttendanceFields({ fields, context }: { fields: Fields; context: PartContext }) {
	const rows = fields.invitees!.getFieldList()
	return (
		<>
			{rows.map((row: Fields, i: number) => {
				const f = row.getFieldset()
				const invitee = context.invitees[i]!
				return (
					<div key={row.key} className="govuk-!-margin-bottom-6">
						<h2 className="govuk-heading-s">
							Invitee {i + 1}: {invitee.name} ({invitee.role})
						</h2>
						<input type="hidden" name={f.inviteeId.name} value={invitee.id} />
						<Radios
							field={f.attended}
							legend={`Did ${invitee.name} attend?`}
							inline
							options={[
								{ value: 'yes', label: 'Yes' },
								{ value: 'no', label: 'No' },
							]}
						/>
						<Radios
							field={f.contributedAdvice}
							legend={`Did ${invitee.name} give advice or information?`}
							inline
							options={[
								{ value: 'yes', label: 'Yes' },
								{ value: 'no', label: 'No' },
							]}
						/>
					</div>
				)
			})}
			<TextArea field={fields.otherAdvice} label="Advice from anyone else (optional)" rows={4} hint="Who else gave advice or information, and when" />
		</>
	)
}
