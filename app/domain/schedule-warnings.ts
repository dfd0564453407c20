// What the SENCo is warned about on the review page while the review is in draft. Warnings guide; they never block
// (a meeting can still go ahead at short notice, and a late review is better held than not). Each follows the
// recorded facts, through the statutory clock's deadlines (statutory-clock.ts): a date recorded as met raises no
// warning, a date recorded late says so, and nothing is asked of a meeting that has already been held.
import { daysBetween, formatDate, isAfter, type IsoDate } from './calendar-date.ts'
import type { Deadline, DeadlineId } from './statutory-clock.ts'

export type ScheduleWarning = { kind: 'short_notice' | 'beyond_12_months' | 'phase_transfer' | 'preparation_for_adulthood'; message: string }

const plural = (n: number, one: string) => `${n} ${one}${n === 1 ? '' : 's'}`

/** What is wrong with the invitations or the advice, from the clock's deadline: nothing when recorded in time or still to come. */
function shortNotice(deadline: Deadline | undefined, meetingOn: IsoDate, what: string): string | null {
	if (!deadline) return null
	if (deadline.state === 'missed') return `the ${what} have not been recorded as sent`
	if (deadline.state === 'met' && deadline.daysLate && deadline.metOn) {
		return `the ${what} went out on ${formatDate(deadline.metOn)}, only ${plural(daysBetween(deadline.metOn, meetingOn), 'day')} before it`
	}
	return null
}

export function scheduleWarnings(input: { today: IsoDate; meetingOn: IsoDate | null; yearGroup: number | null; deadlines: Deadline[] }): ScheduleWarning[] {
	const { today, meetingOn, deadlines } = input
	const find = (id: DeadlineId) => deadlines.find((d) => d.id === id)
	const warnings: ScheduleWarning[] = []
	// Notice and advice matter only before the meeting (reg 20(3)-(4)); once it is held the deadline table keeps the record.
	if (meetingOn && !isAfter(today, meetingOn)) {
		const problems = [
			shortNotice(find('invitations'), meetingOn, 'invitations'),
			shortNotice(find('advice_circulated'), meetingOn, 'advice and information'),
		]
		const found = problems.filter((p): p is string => p !== null)
		if (found.length) {
			const days = daysBetween(today, meetingOn)
			const problemsText = found.join(', and ')
			warnings.push({
				kind: 'short_notice',
				message: `The meeting is ${days === 0 ? 'today' : `in ${plural(days, 'day')}`}: invitations and advice must go out at least 2 weeks before it (SEND Regulations 2014 reg 20(3)-(4)), and ${problemsText}. Check everyone can still attend and has the advice in time, and record the dates they were sent.`,
			})
		}
	}
	// s.44(1): a meeting booked after the 12 months, or none booked once they have passed. A meeting held late is history.
	const reviewDue = find('review_due')
	if (reviewDue && reviewDue.state !== 'met') {
		if (meetingOn && isAfter(meetingOn, reviewDue.dueOn)) {
			warnings.push({
				kind: 'beyond_12_months',
				message: `The meeting is booked for ${formatDate(meetingOn)}, after ${formatDate(reviewDue.dueOn)}, the last day of the 12 months since the plan was issued or last reviewed (Children and Families Act 2014 s.44(1)). Bring it forward if you can.`,
			})
		} else if (!meetingOn && reviewDue.state === 'missed') {
			warnings.push({
				kind: 'beyond_12_months',
				message: `The review was due by ${formatDate(reviewDue.dueOn)}, the last day of the 12 months since the plan was issued or last reviewed (Children and Families Act 2014 s.44(1)). Book the meeting as soon as you can.`,
			})
		}
	}
	const transfer = find('phase_transfer')
	if (transfer && transfer.state !== 'met') {
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
