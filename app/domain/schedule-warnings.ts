// What the SENCo is warned about when a review meeting is scheduled. Warnings guide; they never block
// (a meeting can still go ahead at short notice, and a late review is better held than not).
import { daysBetween, formatDate, isAfter, type IsoDate } from './calendar-date.ts'
import type { Deadline } from './statutory-clock.ts'

export type ScheduleWarning = { kind: 'short_notice' | 'beyond_12_months' | 'phase_transfer' | 'preparation_for_adulthood'; message: string }

export function scheduleWarnings(input: {
	today: IsoDate
	meetingOn: IsoDate | null
	reviewDueOn: IsoDate
	yearGroup: number | null
	deadlines: Deadline[]
	noticeDays?: number
}): ScheduleWarning[] {
	const warnings: ScheduleWarning[] = []
	const noticeDays = input.noticeDays ?? 14
	if (input.meetingOn && !isAfter(input.today, input.meetingOn)) {
		const days = daysBetween(input.today, input.meetingOn)
		if (days < noticeDays) {
			warnings.push({
				kind: 'short_notice',
				message: `The meeting is ${days === 0 ? 'today' : `in ${days} day${days === 1 ? '' : 's'}`}: invitations and advice must go out at least 2 weeks before it (SEND Regulations 2014 reg 20(3)-(4)). Check everyone can still attend and has the advice in time.`,
			})
		}
	}
	if (input.meetingOn && isAfter(input.meetingOn, input.reviewDueOn)) {
		warnings.push({
			kind: 'beyond_12_months',
			message: `The meeting is after ${formatDate(input.reviewDueOn)}, more than 12 months since the plan was issued or last reviewed (Children and Families Act 2014 s.44(1)). Hold it as soon as you can.`,
		})
	}
	const transfer = input.deadlines.find((d) => d.id === 'phase_transfer')
	if (transfer) {
		warnings.push({
			kind: 'phase_transfer',
			message: `This is a phase transfer year: the amended plan naming the next school or college must be issued by ${formatDate(transfer.dueOn)} (SEND Regulations 2014 reg 18). Discuss the next placement at this review.`,
		})
	}
	if (input.yearGroup !== null && input.yearGroup >= 9) {
		warnings.push({
			kind: 'preparation_for_adulthood',
			message: 'From Year 9 every review must consider preparation for adulthood: employment, independent living, community and health (reg 20(6)).',
		})
	}
	return warnings
}
