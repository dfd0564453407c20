import { diffWording } from '#app/domain/wording-diff.ts'

/**
 * Current and proposed wording as one readable text: additions underlined and bold inside <ins>,
 * deletions struck through inside <del>, each announced as such to screen readers, so the change
 * never rests on colour alone.
 */
export function WordingDiff({ current, proposed }: { current: string; proposed: string }) {
	const parts = diffWording(current, proposed)
	return (
		<div className="govuk-body app-diff app-pre-line">
			{parts.map((part, i) =>
				part.kind === 'added' ? (
					<ins key={i}>
						<span className="govuk-visually-hidden">[added: </span>
						{part.text}
						<span className="govuk-visually-hidden">]</span>
					</ins>
				) : part.kind === 'removed' ? (
					<del key={i}>
						<span className="govuk-visually-hidden">[deleted: </span>
						{part.text}
						<span className="govuk-visually-hidden">]</span>
					</del>
				) : (
					<span key={i}>{part.text}</span>
				),
			)}
		</div>
	)
}

export function DiffLegend() {
	return (
		<p className="govuk-body-s app-diff">
			Key: <ins>added words are underlined and bold</ins>, <del>deleted words are struck through</del>.
		</p>
	)
}
