/**
 * Before a decision to cease: SEND Regulations 2014 reg 31(1). Where the council is considering ceasing to maintain a
 * plan it must (a) inform the parent or young person that it is considering this, and (b) consult them and the head
 * teacher or principal of the school or other institution named in the plan. A cease decision is refused until that
 * has been recorded, on or before the day of the decision.
 *
 * Pure: the service checks it in its transaction (app/services/council-review.server.ts), the decision page uses it to
 * explain what is missing.
 */
import { isAfter } from '#app/domain/calendar-date.ts'

export interface CeaseConsultationFacts {
	/** YYYY-MM-DD: the day the family was told the council is considering ceasing (reg 31(1)(a)). */
	informedOn: string
	/** The parent or young person consulted (reg 31(1)(b)). */
	familyConsulted: boolean
	/** The head teacher or principal consulted (reg 31(1)). */
	headTeacherConsulted: boolean
}

export type MayCease = { ok: true } | { ok: false; reason: string }

export function mayCease(consultation: CeaseConsultationFacts | null, decidedOn: string): MayCease {
	if (!consultation)
		return {
			ok: false,
			reason: 'Before deciding to cease the plan, tell the family the council is considering it and consult them and the head teacher, then record it on the review page (SEND Regulations 2014 reg 31(1))',
		}
	const missing = [!consultation.familyConsulted && 'the family', !consultation.headTeacherConsulted && 'the head teacher'].filter(Boolean)
	if (missing.length)
		return {
			ok: false,
			reason: `Before deciding to cease the plan, consult ${missing.join(' and ')} and record it on the review page (SEND Regulations 2014 reg 31(1))`,
		}
	if (isAfter(consultation.informedOn, decidedOn))
		return {
			ok: false,
			reason: 'The family must be told the council is considering ceasing the plan before the decision: the decision date is before the day they were told (reg 31(1))',
		}
	return { ok: true }
}
