// When the final amended plan (or a decision not to amend after all) may be issued.
//
// The amendment notice gives the parent or young person "at least 15 days, beginning with the day on which the
// draft plan was served" to make representations, ask for a particular school or ask to meet an officer
// (SEND Regulations 2014 reg 22(2)(c)); the council then issues the final plan, or its decision not to amend,
// within 8 weeks of the notice (reg 22(3)-(4)). The 15 days are the family's: the council decides after them.
// The notice records the last of the 15 days (AmendmentNotice.representationsCloseOn, the clock's
// 'representations' deadline), so the step is open from the day after it.
//
// The one exception this portal allows: the family have made their representations and told the council they
// have no more to say. Then waiting would only delay their plan, so the council may issue early, recording the
// day they said so, and the plan's letter says so.
import { addDays, formatDate, isAfter, isBefore, type IsoDate } from './calendar-date.ts'

export interface FinalPlanFacts {
	/** The amendment notice: the day it was served (day 1) and the last day of the representations period. */
	notice: { issuedOn: IsoDate; representationsCloseOn: IsoDate } | null
	/** How many representations the council has recorded from the family. */
	representationsRecorded: number
	/** The day the family told the council they had no more to say, if the caseworker recorded it. */
	familyAgreedOn: IsoDate | null
}

export type FinalPlanTiming =
	{ ok: true; early: false } | { ok: true; early: true; familyAgreedOn: IsoDate } | { ok: false; reason: string; opensOn: IsoDate | null }

/** The first day the final plan may be issued without the family's agreement: the day after the 15 days. */
export function finalPlanOpensOn(notice: { representationsCloseOn: IsoDate }): IsoDate {
	return addDays(notice.representationsCloseOn, 1)
}

/** Whether the final plan may be issued on `today` (reg 22(2)(c), 22(3)), and if not, why, in the caseworker's words. */
export function mayIssueFinalPlan(facts: FinalPlanFacts, today: IsoDate): FinalPlanTiming {
	const { notice } = facts
	if (!notice) return { ok: false, reason: 'The final plan follows an amendment notice.', opensOn: null }
	if (isAfter(today, notice.representationsCloseOn)) return { ok: true, early: false }
	const opensOn = finalPlanOpensOn(notice)
	const period = `The family has until ${formatDate(notice.representationsCloseOn)} to make representations (reg 22(2)(c))`
	if (facts.representationsRecorded === 0)
		return {
			ok: false,
			opensOn,
			reason: `${period}. Issue the final plan from ${formatDate(opensOn)}, or record the family’s representations first`,
		}
	if (!facts.familyAgreedOn)
		return {
			ok: false,
			opensOn,
			reason: `${period}. Issue the final plan from ${formatDate(opensOn)}, or record that the family has told you they have no more to say`,
		}
	if (isBefore(facts.familyAgreedOn, notice.issuedOn) || isAfter(facts.familyAgreedOn, today))
		return {
			ok: false,
			opensOn,
			reason: `The date the family told you they had no more to say must be between ${formatDate(notice.issuedOn)} and today`,
		}
	return { ok: true, early: true, familyAgreedOn: facts.familyAgreedOn }
}
