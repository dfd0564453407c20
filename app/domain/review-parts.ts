// The parts of the annual review form (a GOV.UK task list) and the rules each part's answers follow.
// One zod schema per form, used by the page (client validation) and the action (server validation).
// A part can be saved unfinished ("I'll come back later"): only format rules apply then. Marking it
// completed, or submitting the review, requires every answer the review report needs (reg 20(7)-(8);
// SEND Code of Practice 9.176).
import { z } from 'zod'
import { requiredText } from '#app/lib/form-fields.ts'
import { isIsoDate, toIsoDate, todayInLondon, type IsoDate } from './calendar-date.ts'
import { parseMeetingTime } from './meeting-time.ts'

export const PLAN_SECTIONS = ['A', 'B', 'C', 'D', 'E', 'F', 'G', 'H1', 'H2', 'I', 'J', 'K'] as const
export type PlanSection = (typeof PLAN_SECTIONS)[number]
export const PLAN_SECTION_TITLES: Record<PlanSection, string> = {
	A: 'Views, interests and aspirations',
	B: 'Special educational needs',
	C: 'Health needs',
	D: 'Social care needs',
	E: 'Outcomes',
	F: 'Special educational provision',
	G: 'Health provision',
	H1: 'Social care provision (CSDPA 1970 section 2)',
	H2: 'Other social care provision',
	I: 'Placement',
	J: 'Personal budget',
	K: 'Advice and information',
}
export const sectionLabel = (s: PlanSection) => `Section ${s}: ${PLAN_SECTION_TITLES[s]}`

/** Sections whose changes in needs and provision the review records (A is the voice part, E the outcomes part). */
export const CHANGE_SECTIONS = ['B', 'C', 'D', 'F', 'G', 'H1', 'H2', 'I', 'J', 'K'] as const satisfies readonly PlanSection[]
export type ChangeSection = (typeof CHANGE_SECTIONS)[number]

export const PART_KEYS = ['CHILD_VIEWS', 'PARENT_VIEWS', 'OUTCOMES', 'NEEDS_PROVISION', 'PFA', 'RECOMMENDATION', 'ATTENDANCE'] as const
export type PartKey = (typeof PART_KEYS)[number]
export const PART_SLUGS: Record<PartKey, string> = {
	CHILD_VIEWS: 'child-views',
	PARENT_VIEWS: 'parent-views',
	OUTCOMES: 'outcomes',
	NEEDS_PROVISION: 'needs-and-provision',
	PFA: 'preparation-for-adulthood',
	RECOMMENDATION: 'recommendation',
	ATTENDANCE: 'attendance',
}
export const PART_TITLES: Record<PartKey, string> = {
	CHILD_VIEWS: 'The child’s or young person’s views',
	PARENT_VIEWS: 'Parents’ or carers’ views',
	OUTCOMES: 'Progress against outcomes',
	NEEDS_PROVISION: 'Changes in needs and provision',
	PFA: 'Preparation for adulthood',
	RECOMMENDATION: 'The meeting’s recommendation',
	ATTENDANCE: 'Attendance and advice',
}
export function partForSlug(slug: string): PartKey | null {
	return (Object.entries(PART_SLUGS).find(([, s]) => s === slug)?.[0] as PartKey | undefined) ?? null
}

export const PART_STATUSES = ['NOT_STARTED', 'IN_PROGRESS', 'COMPLETED'] as const
export type PartStatus = (typeof PART_STATUSES)[number]

/** Preparation for adulthood is required from Year 9 (reg 20(6); CoP 9.179). */
export const needsPreparationForAdulthood = (yearGroup: number | null) => yearGroup !== null && yearGroup >= 9

// ---------------------------------------------------------------------------------------------
// Building blocks

const text = (max: number, tooLong: string) => z.string().trim().max(max, tooLong).optional()
const completedField = z.enum(['yes', 'no'], { error: 'Select whether you have completed this section' })

function require(ctx: z.RefinementCtx, value: unknown, path: (string | number)[], message: string) {
	if (value === undefined || value === null || (typeof value === 'string' && value.trim() === '')) ctx.addIssue({ code: 'custom', path, message })
}

/** A GOV.UK date input ({ day, month, year }) turned into an ISO date, with the Design System's messages. */
export function dateInput(label: string, { required = true }: { required?: boolean } = {}) {
	const capitalised = label.charAt(0).toUpperCase() + label.slice(1)
	return z
		.object({ day: z.string().trim().optional(), month: z.string().trim().optional(), year: z.string().trim().optional() })
		.optional()
		.transform((value, ctx): IsoDate | undefined => {
			const missing = (['day', 'month', 'year'] as const).filter((k) => !value?.[k])
			if (missing.length === 3) {
				if (required) ctx.addIssue({ code: 'custom', message: `Enter ${label}` })
				return undefined
			}
			if (missing.length) {
				ctx.addIssue({ code: 'custom', message: `${capitalised} must include a ${missing.join(' and ')}` })
				return z.NEVER
			}
			const [d, m, y] = [value!.day!, value!.month!, value!.year!]
			if (!/^\d{1,2}$/.test(d) || !/^\d{1,2}$/.test(m) || !/^\d{4}$/.test(y)) {
				ctx.addIssue({ code: 'custom', message: `${capitalised} must be a real date` })
				return z.NEVER
			}
			const iso = `${y}-${m.padStart(2, '0')}-${d.padStart(2, '0')}`
			if (!isIsoDate(iso)) {
				ctx.addIssue({ code: 'custom', message: `${capitalised} must be a real date` })
				return z.NEVER
			}
			return toIsoDate(Number(y), Number(m), Number(d))
		})
}

/** ISO date -> the date input's initial value. */
export function dateParts(iso: string | null | undefined) {
	if (!iso) return undefined
	const [year, month, day] = iso.split('-')
	return { day: String(Number(day)), month: String(Number(month)), year }
}

// ---------------------------------------------------------------------------------------------
// Scheduling the meeting (reg 20(3)-(4))

export const INVITEE_ROLES = ['PARENT', 'YOUNG_PERSON', 'SCHOOL_STAFF', 'LA_OFFICER', 'HEALTH', 'SOCIAL_CARE', 'OTHER'] as const
export type InviteeRole = (typeof INVITEE_ROLES)[number]
export const INVITEE_ROLE_LABELS: Record<InviteeRole, string> = {
	PARENT: 'Parent or carer',
	YOUNG_PERSON: 'Young person',
	SCHOOL_STAFF: 'School or setting staff',
	LA_OFFICER: 'Council officer',
	HEALTH: 'Health professional',
	SOCIAL_CARE: 'Social care professional',
	OTHER: 'Other',
}
/** Most people one meeting can invite: the form adds rows one at a time up to this (a form with more is refused). */
export const MAX_INVITEES = 30

export const ScheduleSchema = z
	.object({
		meetingOn: dateInput('the date of the meeting'),
		meetingTime: z.string({ error: 'Enter the time of the meeting' }).transform((typed, ctx) => {
			const time = parseMeetingTime(typed)
			if (!time) ctx.addIssue({ code: 'custom', message: 'Enter the time of the meeting as a time of day, like 9:30am, 2pm or 14:30' })
			return time ?? z.NEVER
		}),
		meetingPlace: text(200, 'Where the meeting is held must be 200 characters or fewer'),
		invitees: z
			.array(
				z.object({
					role: z.enum(INVITEE_ROLES).optional(),
					name: text(120, 'Name must be 120 characters or fewer'),
					email: z.email({ error: 'Enter an email address in the correct format, like name@example.org' }).optional(),
				}),
			)
			.max(MAX_INVITEES, `You can invite up to ${MAX_INVITEES} people to one meeting. Remove the people you do not need`)
			.optional(),
		// reg 20(3)-(4): recorded once done (the statutory clock counts them met), blank until then.
		invitationsSentOn: dateInput('the date the invitations were sent', { required: false }),
		adviceCirculatedOn: dateInput('the date the advice was sent to everyone invited', { required: false }),
	})
	.superRefine((value, ctx) => {
		const today = todayInLondon(new Date())
		if (value.invitationsSentOn && value.invitationsSentOn > today) {
			ctx.addIssue({ code: 'custom', path: ['invitationsSentOn'], message: 'The date the invitations were sent must be today or in the past' })
		}
		if (value.adviceCirculatedOn && value.adviceCirculatedOn > today) {
			ctx.addIssue({ code: 'custom', path: ['adviceCirculatedOn'], message: 'The date the advice was sent must be today or in the past' })
		}
		const rows = value.invitees ?? []
		rows.forEach((row, i) => {
			const used = row.name || row.email || row.role
			if (!used) return
			if (!row.name) ctx.addIssue({ code: 'custom', path: ['invitees', i, 'name'], message: `Enter the name of invitee ${i + 1}` })
			if (!row.role) ctx.addIssue({ code: 'custom', path: ['invitees', i, 'role'], message: `Select who invitee ${i + 1} is` })
		})
		if (!rows.some((r) => r.name && r.role === 'PARENT') && !rows.some((r) => r.name && r.role === 'YOUNG_PERSON')) {
			ctx.addIssue({ code: 'custom', path: ['invitees', 0, 'name'], message: 'Invite the parent or carer, or the young person (reg 20(3))' })
		}
	})
export type ScheduleValue = z.infer<typeof ScheduleSchema>

/** The review's meeting fields from the schedule form, stored the same way when scheduling and rescheduling. */
export function meetingFields(value: ScheduleValue) {
	return {
		meetingOn: value.meetingOn,
		meetingTime: value.meetingTime,
		meetingPlace: value.meetingPlace ?? '',
		invitationsSentOn: value.invitationsSentOn ?? null,
		adviceCirculatedOn: value.adviceCirculatedOn ?? null,
	}
}

// ---------------------------------------------------------------------------------------------
// The parts

export const VOICE_PATHWAYS = ['written', 'supported', 'observation', 'young_person'] as const
export type VoicePathway = (typeof VOICE_PATHWAYS)[number]
export const VOICE_PATHWAY_LABELS: Record<VoicePathway, { label: string; hint: string }> = {
	written: { label: 'Written by the child', hint: 'The child wrote or typed their views themselves, with any help they usually have.' },
	supported: { label: 'A supported conversation', hint: 'An adult the child knows talked with them and wrote down what they said, in their words.' },
	observation: {
		label: 'Observation and communication aids',
		hint: 'For children who do not use words: what they showed through signs, symbols, PECS, eye gaze or behaviour, observed by adults who know them.',
	},
	young_person: { label: 'The young person (16 or over) directly', hint: 'Young people aged 16 or over give their own views in their own right.' },
}

export const ChildViewsSchema = z
	.object({
		pathway: z.enum(VOICE_PATHWAYS, { error: 'Select how the child or young person gave their views' }).optional(),
		words: text(10000, 'The views must be 10,000 characters or fewer'),
		recordedBy: text(200, 'Who recorded the views must be 200 characters or fewer'),
		howCommunicated: text(2000, 'How the child communicated must be 2,000 characters or fewer'),
		completed: completedField,
	})
	.superRefine((v, ctx) => {
		if (v.completed !== 'yes') return
		require(ctx, v.pathway, ['pathway'], 'Select how the child or young person gave their views')
		require(ctx, v.words, ['words'], 'Enter the child’s or young person’s views, in their own words')
		if (v.pathway === 'supported' || v.pathway === 'observation') require(ctx, v.recordedBy, ['recordedBy'], 'Enter who recorded the views and their role')
		if (v.pathway === 'observation')
			require(ctx, v.howCommunicated, ['howCommunicated'], 'Enter how the child communicated, such as signs, symbols or eye gaze')
	})

export const ParentViewsSchema = z
	.object({
		views: text(10000, 'The views must be 10,000 characters or fewer'),
		givenBy: text(200, 'Who gave the views must be 200 characters or fewer'),
		completed: completedField,
	})
	.superRefine((v, ctx) => {
		if (v.completed !== 'yes') return
		require(ctx, v.views, ['views'], 'Enter the parents’ or carers’ views')
		require(ctx, v.givenBy, ['givenBy'], 'Enter who gave the views')
	})

export const PROGRESS = ['ACHIEVED', 'PROGRESSING', 'NOT_YET'] as const
export const PROGRESS_LABELS: Record<(typeof PROGRESS)[number], string> = { ACHIEVED: 'Achieved', PROGRESSING: 'Progressing', NOT_YET: 'Not yet' }
export const NEXT_STEPS = ['CONTINUE', 'CHANGE', 'END'] as const
export const NEXT_STEP_LABELS: Record<(typeof NEXT_STEPS)[number], string> = { CONTINUE: 'Continue', CHANGE: 'Change', END: 'End' }

export const OutcomesSchema = z
	.object({
		outcomes: z
			.array(
				z.object({
					outcomeId: z.string(),
					progress: z.enum(PROGRESS).optional(),
					evidence: text(5000, 'Evidence of progress must be 5,000 characters or fewer'),
					next: z.enum(NEXT_STEPS).optional(),
				}),
			)
			.default([]),
		completed: completedField,
	})
	.superRefine((v, ctx) => {
		if (v.completed !== 'yes') return
		v.outcomes.forEach((o, i) => {
			require(ctx, o.progress, ['outcomes', i, 'progress'], `Select the progress made towards outcome ${i + 1}`)
			require(ctx, o.evidence, ['outcomes', i, 'evidence'], `Enter the evidence of progress towards outcome ${i + 1}`)
			require(ctx, o.next, ['outcomes', i, 'next'], `Select whether outcome ${i + 1} should continue, change or end`)
		})
	})

export const NeedsProvisionSchema = z
	.object({
		changes: z.object(
			Object.fromEntries(CHANGE_SECTIONS.map((s) => [s, text(10000, `Changes to section ${s} must be 10,000 characters or fewer`)])) as Record<
				ChangeSection,
				ReturnType<typeof text>
			>,
		),
		completed: completedField,
	})
	.superRefine((v, ctx) => {
		if (v.completed !== 'yes') return
		for (const s of CHANGE_SECTIONS) require(ctx, v.changes[s], ['changes', s], `Enter the changes to section ${s}, or ‘No change’`)
	})

export const PFA_AREAS = ['employment', 'independentLiving', 'community', 'health'] as const
export const PFA_LABELS: Record<(typeof PFA_AREAS)[number], string> = {
	employment: 'Employment and further education',
	independentLiving: 'Independent living',
	community: 'Friends, relationships and community',
	health: 'Good health',
}
export const PfaSchema = z
	.object({
		...(Object.fromEntries(PFA_AREAS.map((a) => [a, text(5000, `${PFA_LABELS[a]} must be 5,000 characters or fewer`)])) as Record<
			(typeof PFA_AREAS)[number],
			ReturnType<typeof text>
		>),
		completed: completedField,
	})
	.superRefine((v, ctx) => {
		if (v.completed !== 'yes') return
		for (const a of PFA_AREAS) require(ctx, v[a], [a], `Enter what was discussed about ${PFA_LABELS[a].toLowerCase()}`)
	})

export const RECOMMENDATIONS = ['MAINTAIN', 'AMEND', 'CEASE'] as const
export type Recommendation = (typeof RECOMMENDATIONS)[number]
export const RECOMMENDATION_LABELS: Record<Recommendation, { label: string; hint: string }> = {
	MAINTAIN: { label: 'Maintain the plan as it is', hint: 'The plan still describes the child’s needs and provision.' },
	AMEND: { label: 'Amend the plan', hint: 'Add your proposed amendments, section by section, with the evidence for them.' },
	CEASE: { label: 'Cease the plan', hint: 'The plan is no longer needed (regs 29-32): the council must consult before deciding.' },
}
export const RecommendationSchema = z
	.object({
		recommendation: z.enum(RECOMMENDATIONS, { error: 'Select the meeting’s recommendation' }).optional(),
		reasons: text(10000, 'The reasons must be 10,000 characters or fewer'),
		agreed: z.enum(['yes', 'no']).optional(),
		disagreements: text(10000, 'The differences of view must be 10,000 characters or fewer'),
		completed: completedField,
	})
	.superRefine((v, ctx) => {
		if (v.completed !== 'yes') return
		require(ctx, v.recommendation, ['recommendation'], 'Select the meeting’s recommendation')
		require(ctx, v.reasons, ['reasons'], 'Enter the reasons for the recommendation')
		require(ctx, v.agreed, ['agreed'], 'Select whether everyone at the meeting agreed')
		if (v.agreed === 'no') require(ctx, v.disagreements, ['disagreements'], 'Enter who disagreed and why (reg 20(8))')
	})

export const AttendanceSchema = z
	.object({
		invitees: z
			.array(z.object({ inviteeId: z.string(), attended: z.enum(['yes', 'no']).optional(), contributedAdvice: z.enum(['yes', 'no']).optional() }))
			.default([]),
		otherAdvice: text(5000, 'Other advice must be 5,000 characters or fewer'),
		completed: completedField,
	})
	.superRefine((v, ctx) => {
		if (v.completed !== 'yes') return
		v.invitees.forEach((row, i) => {
			require(ctx, row.attended, ['invitees', i, 'attended'], `Select whether invitee ${i + 1} attended`)
			require(ctx, row.contributedAdvice, ['invitees', i, 'contributedAdvice'], `Select whether invitee ${i + 1} gave advice`)
		})
	})

export const PART_SCHEMAS = {
	CHILD_VIEWS: ChildViewsSchema,
	PARENT_VIEWS: ParentViewsSchema,
	OUTCOMES: OutcomesSchema,
	NEEDS_PROVISION: NeedsProvisionSchema,
	PFA: PfaSchema,
	RECOMMENDATION: RecommendationSchema,
	ATTENDANCE: AttendanceSchema,
} as const satisfies Record<PartKey, z.ZodType>

export type PartValues = { [K in PartKey]: z.infer<(typeof PART_SCHEMAS)[K]> }

/** The parts the review needs before it can be submitted: preparation for adulthood only from Year 9. */
export function requiredParts(yearGroup: number | null): PartKey[] {
	return PART_KEYS.filter((k) => k !== 'PFA' || needsPreparationForAdulthood(yearGroup))
}

// ---------------------------------------------------------------------------------------------
// Amendment proposals (any section, current vs proposed wording, reason, evidence)

export const ProposalSchema = z
	.object({
		section: z.enum(PLAN_SECTIONS, { error: 'Select the section of the plan to amend' }),
		proposedWording: requiredText('Enter the proposed wording', 20000, 'The proposed wording must be 20,000 characters or fewer'),
		reason: requiredText('Enter the reason for the amendment', 5000, 'The reason must be 5,000 characters or fewer'),
		evidenceIds: z.array(z.string()).default([]),
		currentWording: z.string().optional(),
	})
	.superRefine((v, ctx) => {
		if (v.currentWording !== undefined && v.currentWording.trim() === v.proposedWording.trim()) {
			ctx.addIssue({
				code: 'custom',
				path: ['proposedWording'],
				message: 'The proposed wording is the same as the current wording: change it, or do not propose an amendment',
			})
		}
	})
