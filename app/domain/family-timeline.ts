// A review's statutory dates as a family reads them (issue 14, "Their record"): for each date the law sets, what is
// due, who must do it (the school, the council, or the family), by when, and whether it was done in time. The dates
// and whether each was met come from the statutory clock alone (statutory-clock.ts computeDeadlines, through
// review-facts.ts): this module only puts them into short, plain words for parents and young people (reading age
// about 9), so the family's timeline can never disagree with the caseworker's clocks.
//
// Which dates (SEND Regulations 2014; Children and Families Act 2014):
// - the meeting, within 12 months of the plan or the last review (CFA 2014 s.44(1));
// - invitations at least 2 weeks before the meeting (reg 20(3)), advice sent round at least 2 weeks before (reg 20(4));
// - the school's report within 2 weeks of the meeting (reg 20(7)-(8));
// - the council's decision within 4 weeks of the meeting (reg 20(10)), with the amendment notice when it amends (reg 22(2));
// - the family's 15 days to reply to the notice (reg 22(2)(c)), and the final plan within 8 weeks of it (reg 22(3)-(4));
// - in a year the child changes school, the plan naming the new school (reg 18).
// The advisory early-years review (CoP 9.178) is not a date the law sets, so it is left out.
import { formatDate, type IsoDate } from './calendar-date.ts'
import type { Deadline, DeadlineId } from './statutory-clock.ts'

/** Who must do it: the school holds the meeting and writes the report; the council decides; the reply is the family's. */
export type TimelineWho = 'school' | 'council' | 'family'

/** How the step stands: done in time, done late, still to do (in time or not), or waiting for the meeting. */
export type TimelineState = 'on_time' | 'late' | 'to_do' | 'due_soon' | 'overdue' | 'after_meeting' | 'closed'

export interface TimelineStep {
	id: DeadlineId
	/** What is due, in the family's words. */
	what: string
	who: TimelineWho
	/** Who, as words: 'Your school', 'The council', 'You'. */
	whoWords: string
	dueOn: IsoDate
	state: TimelineState
	/** Whether it was met, in words: 'Done on 3 March 2027, on time'. */
	status: string
	/** A GOV.UK tag's colour class; never the only signal (the status says it in words). */
	tag: string
	/** The law, to cite beside the date. */
	law: string
}

interface StepText {
	who: TimelineWho
	what: (young: boolean) => string
	law: string
}

// Each date in the words a parent (or a young person, who reads "you") would use.
const STEP_TEXT: Partial<Record<DeadlineId, StepText>> = {
	review_due: {
		who: 'school',
		what: (young) => `Hold ${young ? 'your' : 'your child’s'} review meeting (at least once every 12 months)`,
		law: 'Children and Families Act 2014, section 44',
	},
	invitations: { who: 'school', what: () => 'Invite everyone to the meeting, at least 2 weeks before it', law: 'SEND Regulations 2014, regulation 20(3)' },
	advice_circulated: {
		who: 'school',
		what: () => 'Send everyone the reports and advice, at least 2 weeks before the meeting',
		law: 'SEND Regulations 2014, regulation 20(4)',
	},
	review_report: {
		who: 'school',
		what: () => 'Send you the review report, within 2 weeks of the meeting',
		law: 'SEND Regulations 2014, regulation 20(7) and (8)',
	},
	la_decision: {
		who: 'council',
		what: () => 'Tell you what it has decided about the plan, within 4 weeks of the meeting',
		law: 'SEND Regulations 2014, regulation 20(10)',
	},
	amendment_notice: {
		who: 'council',
		what: () => 'Send you the changes it wants to make to the plan (the amendment notice)',
		law: 'SEND Regulations 2014, regulation 22(2)',
	},
	representations: {
		who: 'family',
		what: () => 'Tell the council what you think of the changes (you have 15 days)',
		law: 'SEND Regulations 2014, regulation 22(2)(c)',
	},
	final_plan: {
		who: 'council',
		what: () => 'Send you the final plan, within 8 weeks of the amendment notice',
		law: 'SEND Regulations 2014, regulation 22(3) and (4)',
	},
	phase_transfer: {
		who: 'council',
		what: () => 'Finish the plan that names the new school or college',
		law: 'SEND Regulations 2014, regulation 18',
	},
}

const WHO_WORDS: Record<TimelineWho, (young: boolean) => string> = {
	school: (young) => (young ? 'Your school or college' : 'Your child’s school'),
	council: () => 'The council',
	family: () => 'You',
}

const days = (n: number) => (n === 1 ? '1 day' : `${n} days`)

/** Whether the step was met, in words, and how it stands. */
function standing(deadline: Deadline): { state: TimelineState; status: string } {
	const { daysLeft } = deadline
	const family = deadline.id === 'representations'
	switch (deadline.state) {
		case 'met': {
			const on = formatDate(deadline.metOn ?? deadline.dueOn)
			// The family's own period closes rather than being done (statutory-clock.ts: it is never 'missed').
			if (family) return { state: 'closed', status: `Closed on ${on}` }
			if (deadline.daysLate) return { state: 'late', status: `Done on ${on}, ${days(deadline.daysLate)} late` }
			return { state: 'on_time', status: `Done on ${on}, on time` }
		}
		case 'missed':
			return { state: 'overdue', status: `Not done yet. It is ${days(deadline.daysLate ?? -daysLeft)} late` }
		case 'due_soon':
		case 'due': {
			const when = daysLeft <= 0 ? 'today' : daysLeft === 1 ? 'tomorrow' : `in ${days(daysLeft)}`
			const status = family ? `Open. It closes ${when}` : `Not done yet. It is due ${when}`
			return { state: deadline.state === 'due_soon' ? 'due_soon' : 'to_do', status }
		}
		case 'not_started':
			return { state: 'after_meeting', status: 'Not started yet. This starts after the meeting' }
	}
}

const TAGS: Record<TimelineState, string> = {
	on_time: 'govuk-tag--green',
	closed: 'govuk-tag--grey',
	late: 'govuk-tag--red',
	overdue: 'govuk-tag--red',
	due_soon: 'govuk-tag--yellow',
	to_do: 'govuk-tag--blue',
	after_meeting: 'govuk-tag--grey',
}

/** The tag's words: a short label for the state (the status sentence gives the detail). */
export const STATE_LABELS: Record<TimelineState, string> = {
	on_time: 'On time',
	closed: 'Closed',
	late: 'Late',
	overdue: 'Overdue',
	due_soon: 'Due soon',
	to_do: 'To do',
	after_meeting: 'Not started',
}

/**
 * The family's timeline of one review from the statutory clock's deadlines (computeDeadlines on the review's facts),
 * in the order the review runs. `young`: the reader is the young person (16+), written to as "you" about their own plan.
 */
export function familyTimeline(deadlines: Deadline[], options: { young?: boolean } = {}): TimelineStep[] {
	const young = options.young ?? false
	return deadlines.flatMap((deadline) => {
		const text = STEP_TEXT[deadline.id]
		if (!text) return []
		const { state, status } = standing(deadline)
		return [
			{
				id: deadline.id,
				what: text.what(young),
				who: text.who,
				whoWords: WHO_WORDS[text.who](young),
				dueOn: deadline.dueOn,
				state,
				status,
				tag: `govuk-tag ${TAGS[state]}`,
				law: text.law,
			},
		]
	})
}
