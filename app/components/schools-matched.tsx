// Which schools a school filter matched. Filters take part of a school's name or its URN rather than offering
// a select of every school (about 600 at Kent scale: docs/decisions/012), so the page says what the text found.

/** The schools a filter matched, as a page shows them: how many, and the first few names (enough to say which). */
export type SchoolsMatchedSummary = { count: number; first: string[] }

export function summariseSchools(schools: ReadonlyArray<{ name: string }>, shown = 10): SchoolsMatchedSummary {
	return { count: schools.length, first: schools.slice(0, shown).map((s) => s.name) }
}

/**
 * "Children at Oakfield Primary School.", "Children at the 3 schools matching “academy”: …", or, when nothing
 * matched, an inset saying so (the list below is then empty rather than unfiltered). `subject` names what is
 * shown: "Children", "Figures for reviews", "Reviews".
 */
export function SchoolsMatched({ text, schools, subject = 'Children' }: { text: string; schools: SchoolsMatchedSummary; subject?: string }) {
	if (!schools.count) {
		return <div className="govuk-inset-text">No school matches “{text}”. Check the spelling, or try part of the school’s name or its URN.</div>
	}
	return (
		<p className="govuk-body">
			{schools.count === 1 ? (
				<>
					{subject} at <strong>{schools.first[0]}</strong>.
				</>
			) : (
				<>
					{subject} at the {schools.count} schools matching “{text}”: {schools.first.join(', ')}
					{schools.count > schools.first.length ? ` and ${schools.count - schools.first.length} more` : ''}.
				</>
			)}
		</p>
	)
}
