import { describe, expect, test } from 'vitest'
import { expectEach } from '#tests/expect-each.ts'
import { canTake, checkStep, fromStatuses, isOpen, REVIEW_STEPS, statusAfter, type ReviewStep } from './review-lifecycle.ts'
import { REVIEW_STATUSES } from './review-status.ts'

// Every status and every step, against the table the issue sets out (SEND Regulations 2014 regs 20, 22, 31).
const EXPECTED: Record<ReviewStep, string[]> = {
	editDraft: ['DRAFT'],
	submitReport: ['DRAFT'],
	considerCeasing: ['SUBMITTED'],
	decide: ['SUBMITTED'],
	issueNotice: ['DECISION_MADE'],
	recordRepresentation: ['NOTICE_ISSUED', 'REPRESENTATIONS'],
	prepareFinalPlan: ['NOTICE_ISSUED', 'REPRESENTATIONS'],
	issueFinalPlan: ['NOTICE_ISSUED', 'REPRESENTATIONS'],
	closeReview: ['FINAL_ISSUED'],
}

describe('the steps allowed from each status', () => {
	for (const step of Object.keys(EXPECTED) as ReviewStep[]) {
		test(step, () => {
			expect(REVIEW_STATUSES.filter((status) => canTake(step, status))).toEqual(EXPECTED[step])
			expect(fromStatuses(step)).toEqual(EXPECTED[step])
		})
	}
	test('nothing can be done to a closed review, and an unknown status allows nothing', () => {
		for (const step of Object.keys(REVIEW_STEPS) as ReviewStep[]) {
			expect(canTake(step, 'CLOSED')).toBe(false)
			expect(canTake(step, 'ARCHIVED')).toBe(false)
		}
	})
})

describe('where each step leads', () => {
	test('maintain and cease close the review; amend waits for the notice (reg 20(10), 22(2))', () => {
		expect(statusAfter('decide', 'MAINTAIN')).toBe('CLOSED')
		expect(statusAfter('decide', 'CEASE')).toBe('CLOSED')
		expect(statusAfter('decide', 'AMEND')).toBe('DECISION_MADE')
	})
	test('the rest of the path', () => {
		const afterStep = (step: 'submitReport' | 'issueNotice' | 'recordRepresentation' | 'issueFinalPlan' | 'closeReview') => statusAfter(step)
		expectEach(afterStep, [
			['submitReport', 'SUBMITTED'],
			['issueNotice', 'NOTICE_ISSUED'],
			['recordRepresentation', 'REPRESENTATIONS'],
			['issueFinalPlan', 'FINAL_ISSUED'],
			['closeReview', 'CLOSED'],
		])
	})
	test('every status a step leads to can be left again, except closed', () => {
		for (const status of REVIEW_STATUSES) {
			const leavable = (Object.keys(REVIEW_STEPS) as ReviewStep[]).some((step) => REVIEW_STEPS[step].to !== null && canTake(step, status))
			expect(leavable).toBe(status !== 'CLOSED')
			expect(isOpen(status)).toBe(status !== 'CLOSED')
		}
	})
})

describe('what a step needs besides its status', () => {
	test('the notice needs a decision to amend', () => {
		expect(checkStep('issueNotice', { status: 'DECISION_MADE', decision: { outcome: 'AMEND' } })).toEqual({ ok: true })
		expect(checkStep('issueNotice', { status: 'DECISION_MADE', decision: { outcome: 'MAINTAIN' } }).ok).toBe(false)
		expect(checkStep('issueNotice', { status: 'DECISION_MADE', decision: null }).ok).toBe(false)
	})
	test('a cease needs the family told and consulted and the head teacher consulted first (reg 31(1))', () => {
		const consultation = { informedOn: '2026-11-02', familyConsulted: true, headTeacherConsulted: true }
		expect(checkStep('decide', { status: 'SUBMITTED', ceasing: { consultation, decidedOn: '2026-11-20' } })).toEqual({ ok: true })
		const none = checkStep('decide', { status: 'SUBMITTED', ceasing: { consultation: null, decidedOn: '2026-11-20' } })
		expect(none.ok).toBe(false)
		const noHead = checkStep('decide', {
			status: 'SUBMITTED',
			ceasing: { consultation: { ...consultation, headTeacherConsulted: false }, decidedOn: '2026-11-20' },
		})
		expect(noHead.ok).toBe(false)
	})
	test('the final plan waits for the family’s 15 days unless they have said they have no more to say (reg 22(2)(c))', () => {
		const notice = { issuedOn: '2026-11-02', representationsCloseOn: '2026-11-16' }
		const within = {
			status: 'NOTICE_ISSUED',
			representationPeriod: { facts: { notice, representationsRecorded: 0, familyAgreedOn: null }, today: '2026-11-16' },
		}
		expect(checkStep('issueFinalPlan', within).ok).toBe(false)
		expect(checkStep('issueFinalPlan', { ...within, representationPeriod: { ...within.representationPeriod, today: '2026-11-17' } })).toEqual({ ok: true })
		const agreed = { notice, representationsRecorded: 1, familyAgreedOn: '2026-11-10' }
		expect(checkStep('issueFinalPlan', { status: 'REPRESENTATIONS', representationPeriod: { facts: agreed, today: '2026-11-12' } })).toEqual({ ok: true })
	})
	test('a step from the wrong status is refused in the user’s words', () => {
		expect(checkStep('closeReview', { status: 'SUBMITTED' })).toEqual({ ok: false, reason: REVIEW_STEPS.closeReview.refusal })
		expect(checkStep('editDraft', { status: 'SUBMITTED' })).toEqual({ ok: false, reason: REVIEW_STEPS.editDraft.refusal })
	})
})
