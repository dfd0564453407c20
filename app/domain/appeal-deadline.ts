/**
 * The family's time to appeal a decision, and to contact the mediation adviser, runs from the day the written
 * notice of the decision is sent, never from the day the decision was made or a date typed into a form.
 *
 * - Appeal: the Tribunal Procedure (First-tier Tribunal) (Health, Education and Social Care Chamber) Rules 2008
 *   r.20(1)(a): the notice of appeal must reach the Tribunal by the later of 2 months after written notice of the
 *   decision was sent to the appellant, and 1 month after a mediation certificate (CFA 2014 s.55(4)-(5)) was issued.
 * - Mediation: SEND Regulations 2014 reg 33: the parent or young person who means to appeal contacts the mediation
 *   adviser within 2 months of the date the notice was sent.
 *
 * The letter is sent on the day the service issues it, so its date, and the dates it gives, are that day in England
 * (`letterDates`). A decision made earlier is recorded with its own date (Decision.decidedOn), but the letter and the
 * timeliness figures use the day it was sent (app/domain/timeliness.ts `decisionNotifiedOn`).
 *
 * "2 months after" a date ends on the corresponding date two months later, or on the last day of that month when it
 * has no such day (the corresponding date rule, Dodds v Walker [1981] 1 WLR 1027 (HL)): sent 31 December 2026 ->
 * 28 February 2027; sent 31 December 2027 -> 29 February 2028. We print that day as the last day to appeal.
 */
import { addMonths, isAfter, todayInLondon, type IsoDate } from './calendar-date.ts'

/** Months to appeal after the notice is sent (HESC Rules 2008 r.20(1)(a)(i)) and to contact the mediation adviser (reg 33). */
export const APPEAL_MONTHS = 2
/** Months to appeal after a mediation certificate is issued, if that is later (HESC Rules 2008 r.20(1)(a)(ii)). */
export const APPEAL_MONTHS_AFTER_CERTIFICATE = 1

/** The last day to appeal a decision whose written notice was sent on `sentOn` (r.20(1)(a)(i)). */
export function appealDeadline(sentOn: IsoDate): IsoDate {
	return addMonths(sentOn, APPEAL_MONTHS)
}

/** The last day to contact the mediation adviser about a decision whose notice was sent on `sentOn` (reg 33). */
export function mediationAdviserDeadline(sentOn: IsoDate): IsoDate {
	return addMonths(sentOn, APPEAL_MONTHS)
}

/**
 * The last day to appeal once a mediation certificate was issued on `certificateOn`: the later of 2 months after the
 * notice was sent and 1 month after the certificate (r.20(1)(a)).
 */
export function appealDeadlineWithCertificate(sentOn: IsoDate, certificateOn: IsoDate): IsoDate {
	const notice = appealDeadline(sentOn)
	const certificate = addMonths(certificateOn, APPEAL_MONTHS_AFTER_CERTIFICATE)
	return isAfter(certificate, notice) ? certificate : notice
}

/**
 * The dates a letter the family can appeal gives, when the service sends it at `now`: the letter's date (the day it
 * is sent, in England), the last day to appeal and the last day to contact the mediation adviser.
 */
export function letterDates(now: Date): { sentOn: IsoDate; appealBy: IsoDate; mediationBy: IsoDate } {
	const sentOn = todayInLondon(now)
	return { sentOn, appealBy: appealDeadline(sentOn), mediationBy: mediationAdviserDeadline(sentOn) }
}
