// The family's own questions for the two parts they give online (app/routes/family-views.tsx): the same answers as
// the SENCo's parts (ChildViewsSchema, ParentViewsSchema in app/domain/review-parts.ts), asked in plain words, to
// "you" about "your child". A young person is asked about themselves, with no choice of how (they give their own
// views in their own right: Children and Families Act 2014 s.19(a)).
import { ConditionalRadios, FileUpload, TextArea, TextField } from '#app/components/forms.tsx'
import { UserText } from '#app/components/review-bits.tsx'
import { VOICE_PATHWAY_LABELS, type VoicePathway } from '#app/domain/review-parts.ts'

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- each part's schema differs; fields are read by name
type Fields = Record<string, any>

/** The ways a parent gives their child's views, in the family's words (the four pathways less the young person's own). */
export const FAMILY_PATHWAYS: Array<{ value: VoicePathway; label: string; hint: string }> = [
	{ value: 'written', label: 'My child wrote or typed them', hint: 'With any help they usually have.' },
	{ value: 'supported', label: 'I talked with my child and wrote down what they said', hint: 'Use their words, not yours.' },
	{
		value: 'observation',
		label: 'My child does not use words, so I wrote down what they showed me',
		hint: 'For example, by signs, symbols, pictures, pointing, eye gaze or how they acted.',
	},
]

export function FamilyParentViewsFields({ fields }: { fields: Fields }) {
	return (
		<>
			<input type="hidden" name="completed" value="yes" />
			<TextArea
				field={fields.views}
				label="Your views"
				labelClass="govuk-label--m"
				rows={10}
				hint="What is going well? What worries you? What would you like to change? What do you hope for in the next year?"
			/>
			<TextArea field={fields.givenBy} label="Who is giving these views?" rows={2} hint="For example, Pat Parent (mum) and Sam Parent (dad)." />
		</>
	)
}

/** The child's views, from a parent: how they gave them, their words, who wrote them down. Or the young person's own. */
export function FamilyChildViewsFields({ fields, childFirstName, youngPerson }: { fields: Fields; childFirstName: string; youngPerson: boolean }) {
	if (youngPerson) {
		return (
			<>
				<input type="hidden" name="completed" value="yes" />
				<input type="hidden" name={fields.pathway.name} value="young_person" />
				<TextArea
					field={fields.words}
					label="Your views, in your own words"
					labelClass="govuk-label--m"
					rows={10}
					hint="What is going well? What is hard? What would you like to change? What do you want to do in the future?"
				/>
			</>
		)
	}
	return (
		<>
			<input type="hidden" name="completed" value="yes" />
			<ConditionalRadios
				field={fields.pathway}
				legend={`How did ${childFirstName} give their views?`}
				options={FAMILY_PATHWAYS.map((p) => ({
					...p,
					reveal:
						p.value === 'observation' ? (
							<TextArea
								field={fields.howCommunicated}
								label="How did they show you?"
								rows={3}
								hint="For example, Makaton signs, symbols, pictures, pointing or eye gaze."
							/>
						) : undefined,
				}))}
			/>
			<TextArea
				field={fields.words}
				label={`${childFirstName}’s views, in their own words`}
				labelClass="govuk-label--m"
				rows={10}
				hint={`What does ${childFirstName} like? What is hard for them? What do they hope for? Write what they said, like ‘I like…’ or ‘I find it hard when…’.`}
			/>
			<TextArea
				field={fields.recordedBy}
				label="Who wrote them down?"
				rows={2}
				hint={`For example, me (their mum). You do not need to answer this if ${childFirstName} wrote them.`}
			/>
		</>
	)
}

/** A drawing, photo or recording transcript with the child's views: stored as evidence of the review, checked like all evidence. */
export function FamilyFileFields({ fields, maxMb }: { fields: Fields; maxMb: number }) {
	return (
		<>
			<h2 className="govuk-heading-m">Add a drawing, photo or recording (optional)</h2>
			<p className="govuk-body">You can send a drawing or photo, or a written copy of a recording. The school will see it with the views.</p>
			<TextField field={fields.fileTitle} label="What is it? (optional)" hint="For example, ‘Sam’s drawing of school’." />
			{/* The file goes last: answers before it are kept even when a file is refused part-way. */}
			<FileUpload
				field={fields.file}
				label="Choose a file"
				hint={`A JPEG or PNG picture, a PDF or a Word document, smaller than ${maxMb}MB.`}
				accept=".pdf,.doc,.docx,.jpg,.jpeg,.png"
			/>
		</>
	)
}

/** What the family sent, read back (their own page once they cannot change it, and the staff pages). */
export function FamilyAnswers({
	part,
	answers,
	youngPerson = false,
	staff = false,
}: {
	part: 'PARENT_VIEWS' | 'CHILD_VIEWS'
	answers: { views?: string; givenBy?: string; pathway?: string; words?: string; recordedBy?: string; howCommunicated?: string }
	youngPerson?: boolean
	/** Drawn for staff: the pathway in the SENCo's words. */
	staff?: boolean
}) {
	const rows: Array<[string, string | undefined]> =
		part === 'PARENT_VIEWS'
			? [
					['Views', answers.views],
					['Given by', answers.givenBy],
				]
			: [
					...(youngPerson || answers.pathway === 'young_person'
						? []
						: ([['How they gave their views', pathwayWords(answers.pathway, staff)]] as Array<[string, string | undefined]>)),
					['In their own words', answers.words],
					...(answers.recordedBy ? ([['Written down by', answers.recordedBy]] as Array<[string, string]>) : []),
					...(answers.howCommunicated ? ([['How they showed it', answers.howCommunicated]] as Array<[string, string]>) : []),
				]
	return (
		<dl className="govuk-summary-list">
			{rows.map(([key, value]) => (
				<div className="govuk-summary-list__row" key={key}>
					<dt className="govuk-summary-list__key">{key}</dt>
					<dd className="govuk-summary-list__value">
						<UserText text={value} />
					</dd>
				</div>
			))}
		</dl>
	)
}

function pathwayWords(pathway: string | undefined, staff: boolean) {
	if (!pathway) return undefined
	if (staff) return VOICE_PATHWAY_LABELS[pathway as VoicePathway]?.label ?? pathway
	return FAMILY_PATHWAYS.find((p) => p.value === pathway)?.label ?? VOICE_PATHWAY_LABELS[pathway as VoicePathway]?.label ?? pathway
}
