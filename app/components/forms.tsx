// The one field kit: GOV.UK Design System markup and behaviour (govuk-frontend classes), driven by
// conform field metadata. Every field shows its label, hint and error, wires them through
// aria-describedby, and keeps what the user typed (the server echoes it back through `lastResult`).
import { useForm, type FieldMetadata, type SubmissionResult } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod/v4'
import { Fragment, useEffect, useRef, useState, useSyncExternalStore, type ReactNode } from 'react'
import type { z } from 'zod'

type AnyField = FieldMetadata<any, any, any> // eslint-disable-line @typescript-eslint/no-explicit-any -- the kit takes any form's fields; conform types a field by its form's schema

/** conform set up the GOV.UK way: validate on submit (not on blur), revalidate as the user corrects. */
export function useGovukForm<Schema extends z.ZodType>(options: {
	id: string
	schema: Schema
	lastResult?: SubmissionResult<string[]> | null
	defaultValue?: Record<string, unknown>
}) {
	return useForm<z.input<Schema> extends Record<string, unknown> ? z.input<Schema> : Record<string, unknown>, z.output<Schema>>({
		id: options.id,
		lastResult: options.lastResult,
		defaultValue: options.defaultValue as any, // eslint-disable-line @typescript-eslint/no-explicit-any -- conform types defaults by the schema's input; pages pass saved answers
		shouldValidate: 'onSubmit',
		shouldRevalidate: 'onInput',
		onValidate: ({ formData }) => parseWithZod(formData, { schema: options.schema }),
	})
}

function describedBy(...ids: unknown[]) {
	const value = ids.filter((id): id is string => typeof id === 'string' && id.length > 0).join(' ')
	return value || undefined
}

function firstError(field: AnyField) {
	return field.errors?.[0]
}

function ErrorMessage({ id, message }: { id: string; message?: string }) {
	if (!message) return null
	return (
		<p id={id} className="govuk-error-message">
			<span className="govuk-visually-hidden">Error:</span> {message}
		</p>
	)
}

function Hint({ id, children }: { id: string; children?: ReactNode }) {
	if (!children) return null
	return (
		<div id={id} className="govuk-hint">
			{children}
		</div>
	)
}

/**
 * A GOV.UK form group for one control: its label (or a label that is the page's heading), hint and error
 * message, then the control, drawn with the field's error and the ids that describe it.
 */
function FormGroup({
	field,
	label,
	labelClass,
	labelIsHeading,
	hint,
	children,
}: {
	field: AnyField
	label: ReactNode
	labelClass?: string
	labelIsHeading?: boolean
	hint?: ReactNode
	children: (error: string | undefined, describedBy: string | undefined) => ReactNode
}) {
	const error = firstError(field)
	const hintId = `${field.id}-hint`
	const errorId = `${field.id}-error`
	const labelEl = (
		<label className={`govuk-label${labelClass ? ` ${labelClass}` : ''}`} htmlFor={field.id}>
			{label}
		</label>
	)
	return (
		<div className={`govuk-form-group${error ? ' govuk-form-group--error' : ''}`}>
			{labelIsHeading ? <h1 className="govuk-label-wrapper">{labelEl}</h1> : labelEl}
			<Hint id={hintId}>{hint}</Hint>
			<ErrorMessage id={errorId} message={error} />
			{children(error, describedBy(hint && hintId, error && errorId))}
		</div>
	)
}

export type SummaryError = { href: string; message: string }

/** Builds the error summary's list from conform's errors: each links to its field's first input. */
export function summaryErrors(formId: string, allErrors: Record<string, string[] | undefined>, order?: string[]): SummaryError[] {
	const names = Object.keys(allErrors).filter((name) => allErrors[name]?.length)
	if (order) names.sort((a, b) => rank(order, a) - rank(order, b))
	return names.map((name) => ({
		href: name ? `#${formId}-${name}` : `#${formId}`,
		message: allErrors[name]![0]!,
	}))
}
function rank(order: string[], name: string) {
	const i = order.findIndex((o) => name === o || name.startsWith(`${o}.`) || name.startsWith(`${o}[`))
	return i === -1 ? order.length : i
}

/** "There is a problem": at the top of the page, takes focus so screen readers announce it. */
export function ErrorSummary({ errors }: { errors: SummaryError[] }) {
	const ref = useRef<HTMLDivElement>(null)
	const key = errors.map((e) => e.href + e.message).join('|')
	useEffect(() => {
		if (key) ref.current?.focus()
	}, [key])
	if (!errors.length) return null
	return (
		<div className="govuk-error-summary" data-module="govuk-error-summary" ref={ref} tabIndex={-1}>
			<div role="alert">
				<h2 className="govuk-error-summary__title">There is a problem</h2>
				<div className="govuk-error-summary__body">
					<ul className="govuk-list govuk-error-summary__list">
						{errors.map((error) => (
							<li key={error.href + error.message}>
								<a href={error.href}>{error.message}</a>
							</li>
						))}
					</ul>
				</div>
			</div>
		</div>
	)
}

type WidthClass =
	| 'govuk-input--width-2'
	| 'govuk-input--width-3'
	| 'govuk-input--width-4'
	| 'govuk-input--width-5'
	| 'govuk-input--width-10'
	| 'govuk-input--width-20'
	| 'govuk-input--width-30'
	| 'govuk-!-width-one-half'
	| 'govuk-!-width-two-thirds'

export function TextField({
	field,
	label,
	hint,
	type = 'text',
	autoComplete,
	spellCheck,
	width,
	labelIsHeading,
	inputMode,
}: {
	field: AnyField
	label: ReactNode
	hint?: ReactNode
	type?: 'text' | 'email' | 'password' | 'tel' | 'time' | 'number' | 'search'
	autoComplete?: string
	spellCheck?: boolean
	width?: WidthClass
	labelIsHeading?: boolean
	inputMode?: 'numeric' | 'email' | 'text' | 'tel'
}) {
	return (
		<FormGroup field={field} label={label} labelClass={labelIsHeading ? 'govuk-label--l' : undefined} labelIsHeading={labelIsHeading} hint={hint}>
			{(error, describedBy) => (
				<input
					className={`govuk-input${width ? ` ${width}` : ''}${error ? ' govuk-input--error' : ''}`}
					id={field.id}
					name={field.name}
					type={type}
					defaultValue={type === 'password' ? undefined : (field.initialValue as string | undefined)}
					autoComplete={autoComplete}
					spellCheck={spellCheck}
					inputMode={inputMode}
					aria-describedby={describedBy}
					aria-invalid={error ? true : undefined}
				/>
			)}
		</FormGroup>
	)
}

/** An email address: typed as one (the keyboard for it), not spell-checked, and not filled in by the browser unless told. */
export function EmailField({ autoComplete = 'off', ...props }: Omit<Parameters<typeof TextField>[0], 'type' | 'spellCheck'>) {
	return <TextField {...props} type="email" autoComplete={autoComplete} spellCheck={false} />
}

export function TextArea({
	field,
	label,
	hint,
	rows = 5,
	labelClass,
}: {
	field: AnyField
	label: ReactNode
	hint?: ReactNode
	rows?: number
	labelClass?: 'govuk-label--s' | 'govuk-label--m' | 'govuk-label--l'
}) {
	return (
		<FormGroup field={field} label={label} labelClass={labelClass} hint={hint}>
			{(error, describedBy) => (
				<textarea
					className={`govuk-textarea${error ? ' govuk-textarea--error' : ''}`}
					id={field.id}
					name={field.name}
					rows={rows}
					defaultValue={field.initialValue as string | undefined}
					aria-describedby={describedBy}
					aria-invalid={error ? true : undefined}
				/>
			)}
		</FormGroup>
	)
}

export type Option = { value: string; label: ReactNode; hint?: ReactNode }

function Fieldset({
	legend,
	legendClass,
	legendIsHeading,
	hint,
	hintId,
	error,
	errorId,
	children,
}: {
	legend: ReactNode
	legendClass?: string
	legendIsHeading?: boolean
	hint?: ReactNode
	hintId: string
	error?: string
	errorId: string
	children: ReactNode
}) {
	return (
		<div className={`govuk-form-group${error ? ' govuk-form-group--error' : ''}`}>
			<fieldset className="govuk-fieldset" aria-describedby={describedBy(hint && hintId, error && errorId)}>
				<legend className={`govuk-fieldset__legend ${legendClass ?? 'govuk-fieldset__legend--s'}`}>
					{legendIsHeading ? <h1 className="govuk-fieldset__heading">{legend}</h1> : legend}
				</legend>
				<Hint id={hintId}>{hint}</Hint>
				<ErrorMessage id={errorId} message={error} />
				{children}
			</fieldset>
		</div>
	)
}

/** The items of radios or checkboxes; a radio's option may have a hint. */
function Choices({ field, type, options, checked }: { field: AnyField; type: 'radio' | 'checkbox'; options: Option[]; checked: (value: string) => boolean }) {
	const kit = type === 'radio' ? 'govuk-radios' : 'govuk-checkboxes'
	return options.map((option, i) => {
		// The first item carries the field's id, so the error summary's link lands on it.
		const id = i === 0 ? field.id : `${field.id}-${option.value}`
		const hintId = type === 'radio' && option.hint ? `${id}-item-hint` : undefined
		return (
			<div className={`${kit}__item`} key={option.value}>
				<input
					className={`${kit}__input`}
					id={id}
					name={field.name}
					type={type}
					value={option.value}
					defaultChecked={checked(option.value)}
					aria-describedby={hintId}
				/>
				<label className={`govuk-label ${kit}__label`} htmlFor={id}>
					{option.label}
				</label>
				{hintId ? (
					<div id={hintId} className={`govuk-hint ${kit}__hint`}>
						{option.hint}
					</div>
				) : null}
			</div>
		)
	})
}

export function Radios({
	field,
	legend,
	hint,
	options,
	inline,
	small,
	legendClass,
	legendIsHeading,
}: {
	field: AnyField
	legend: ReactNode
	hint?: ReactNode
	options: Option[]
	inline?: boolean
	/** GOV.UK's small radios, for a question revealed under another answer. */
	small?: boolean
	legendClass?: string
	legendIsHeading?: boolean
}) {
	const error = firstError(field)
	const initial = field.initialValue as string | undefined
	return (
		<Fieldset
			legend={legend}
			legendClass={legendClass}
			legendIsHeading={legendIsHeading}
			hint={hint}
			hintId={`${field.id}-hint`}
			error={error}
			errorId={`${field.id}-error`}
		>
			<div className={`govuk-radios${inline ? ' govuk-radios--inline' : ''}${small ? ' govuk-radios--small' : ''}`}>
				<Choices field={field} type="radio" options={options} checked={(value) => initial === value} />
			</div>
		</Fieldset>
	)
}

const noSubscription = () => () => {}
/** false while the server draws the page and while it hydrates, then true. */
export const useHydrated = () =>
	useSyncExternalStore(
		noSubscription,
		() => true,
		() => false,
	)

/**
 * GOV.UK radios with questions revealed under an answer (an option's `reveal`). Drawn by the server (and until the
 * page is hydrated) every revealed block shows, so the form works without JavaScript; once running, only the chosen
 * answer's block shows. `onChoose` lets the page follow the choice.
 */
export function ConditionalRadios({
	field,
	legend,
	hint,
	options,
	legendClass = 'govuk-fieldset__legend--m',
	onChoose,
}: {
	field: AnyField
	legend: ReactNode
	hint?: ReactNode
	options: Array<Option & { reveal?: ReactNode }>
	legendClass?: string
	onChoose?: (value: string) => void
}) {
	const hydrated = useHydrated()
	const [chosen, setChosen] = useState(field.initialValue as string | undefined)
	return (
		<Fieldset legend={legend} legendClass={legendClass} hint={hint} hintId={`${field.id}-hint`} error={firstError(field)} errorId={`${field.id}-error`}>
			<div className="govuk-radios" data-module="govuk-radios">
				{options.map((option, i) => {
					// The first item carries the field's id, so the error summary's link lands on it.
					const id = i === 0 ? field.id : `${field.id}-${option.value}`
					const hintId = option.hint ? `${id}-item-hint` : undefined
					const revealId = `${field.id}-${option.value}-conditional`
					return (
						<Fragment key={option.value}>
							<div className="govuk-radios__item">
								<input
									className="govuk-radios__input"
									id={id}
									name={field.name}
									type="radio"
									value={option.value}
									defaultChecked={field.initialValue === option.value}
									onChange={() => {
										setChosen(option.value)
										onChoose?.(option.value)
									}}
									aria-controls={option.reveal !== undefined ? revealId : undefined}
									aria-describedby={hintId}
								/>
								<label className="govuk-label govuk-radios__label" htmlFor={id}>
									{option.label}
								</label>
								{hintId ? (
									<div id={hintId} className="govuk-hint govuk-radios__hint">
										{option.hint}
									</div>
								) : null}
							</div>
							{option.reveal !== undefined ? (
								<div className="govuk-radios__conditional" id={revealId} hidden={hydrated && chosen !== option.value}>
									{option.reveal}
								</div>
							) : null}
						</Fragment>
					)
				})}
			</div>
		</Fieldset>
	)
}

export function Checkboxes({
	field,
	legend,
	hint,
	options,
	legendClass,
}: {
	field: AnyField
	legend: ReactNode
	hint?: ReactNode
	options: Option[]
	legendClass?: string
}) {
	const error = firstError(field)
	const initial = field.initialValue
	const checked = new Set(Array.isArray(initial) ? (initial as string[]) : initial ? [initial as string] : [])
	return (
		<Fieldset legend={legend} legendClass={legendClass} hint={hint} hintId={`${field.id}-hint`} error={error} errorId={`${field.id}-error`}>
			<div className="govuk-checkboxes govuk-checkboxes--small">
				<Choices field={field} type="checkbox" options={options} checked={(value) => checked.has(value)} />
			</div>
		</Fieldset>
	)
}

/** GOV.UK date input: day, month and year boxes for a field whose value is { day, month, year }. */
export function DateField({ field, legend, hint, legendClass }: { field: AnyField; legend: ReactNode; hint?: ReactNode; legendClass?: string }) {
	const parts = (field as any).getFieldset() as Record<'day' | 'month' | 'year', AnyField> // eslint-disable-line @typescript-eslint/no-explicit-any -- getFieldset exists on object fields only, which a date field is
	const error = firstError(field) ?? parts.day.errors?.[0] ?? parts.month.errors?.[0] ?? parts.year.errors?.[0]
	const boxes = [
		{ key: 'day', label: 'Day', width: 'govuk-input--width-2' },
		{ key: 'month', label: 'Month', width: 'govuk-input--width-2' },
		{ key: 'year', label: 'Year', width: 'govuk-input--width-4' },
	] as const
	return (
		<Fieldset legend={legend} legendClass={legendClass} hint={hint} hintId={`${field.id}-hint`} error={error} errorId={`${field.id}-error`}>
			<div className="govuk-date-input">
				{boxes.map((box, i) => {
					const part = parts[box.key]
					// The day box carries the whole field's id, so the error summary's link lands on it.
					const id = i === 0 ? field.id : part.id
					return (
						<div className="govuk-date-input__item" key={box.key}>
							<div className="govuk-form-group">
								<label className="govuk-label govuk-date-input__label" htmlFor={id}>
									{box.label}
								</label>
								<input
									className={`govuk-input govuk-date-input__input ${box.width}${error ? ' govuk-input--error' : ''}`}
									id={id}
									name={part.name}
									type="text"
									inputMode="numeric"
									defaultValue={part.initialValue as string | undefined}
								/>
							</div>
						</div>
					)
				})}
			</div>
		</Fieldset>
	)
}

export function FileUpload({ field, label, hint, accept }: { field: AnyField; label: ReactNode; hint?: ReactNode; accept?: string }) {
	return (
		<FormGroup field={field} label={label} hint={hint}>
			{(error, describedBy) => (
				<input
					className={`govuk-file-upload${error ? ' govuk-file-upload--error' : ''}`}
					id={field.id}
					name={field.name}
					type="file"
					accept={accept}
					aria-describedby={describedBy}
				/>
			)}
		</FormGroup>
	)
}

export function Button({ children, secondary, name, value }: { children: ReactNode; secondary?: boolean; name?: string; value?: string }) {
	return (
		<button type="submit" className={`govuk-button${secondary ? ' govuk-button--secondary' : ''}`} data-module="govuk-button" name={name} value={value}>
			{children}
		</button>
	)
}

export function Select({
	field,
	label,
	hint,
	options,
	placeholder,
	labelClass,
}: {
	field: AnyField
	label: ReactNode
	hint?: ReactNode
	options: Array<{ value: string; label: string }>
	placeholder?: string
	labelClass?: string
}) {
	return (
		<FormGroup field={field} label={label} labelClass={labelClass} hint={hint}>
			{(error, describedBy) => (
				<select
					className={`govuk-select${error ? ' govuk-select--error' : ''}`}
					id={field.id}
					name={field.name}
					defaultValue={(field.initialValue as string | undefined) ?? ''}
					aria-describedby={describedBy}
				>
					<SelectOptions options={options} placeholder={placeholder} />
				</select>
			)}
		</FormGroup>
	)
}

/** A select's options, after an empty first option (its placeholder) when there is one. */
export function SelectOptions({ options, placeholder }: { options: Array<{ value: string; label: ReactNode }>; placeholder?: string }) {
	return (
		<>
			{placeholder !== undefined ? <option value="">{placeholder}</option> : null}
			{options.map((o) => (
				<option key={o.value} value={o.value}>
					{o.label}
				</option>
			))}
		</>
	)
}

/** "Have you completed this section?" — the GOV.UK task list's question at the end of each part. */
export function CompletedQuestion({ field }: { field: AnyField }) {
	return (
		<Radios
			field={field}
			legend="Have you completed this section?"
			legendClass="govuk-fieldset__legend--m"
			options={[
				{ value: 'yes', label: 'Yes, I’ve completed this section' },
				{ value: 'no', label: 'No, I’ll come back to it later' },
			]}
		/>
	)
}

/** Shown when two people saved the same part: theirs is kept, yours is still in the form to re-apply. */
export function ConflictWarning({ savedBy, savedAt }: { savedBy: string; savedAt: string }) {
	return (
		<div className="govuk-warning-text" role="alert">
			<span className="govuk-warning-text__icon" aria-hidden="true">
				!
			</span>
			<strong className="govuk-warning-text__text">
				<span className="govuk-visually-hidden">Warning</span>
				{savedBy} saved this part at {savedAt}, after you opened it. Your answers have not been saved: they are still in the form below. Check the saved
				version shown, then save again to replace it.
			</strong>
		</div>
	)
}
