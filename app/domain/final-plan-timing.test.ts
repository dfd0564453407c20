import fc from 'fast-check'
import { expect, test } from 'vitest'
import { addDays } from './calendar-date.ts'
import { finalPlanOpensOn, mayIssueFinalPlan } from './final-plan-timing.ts'

// Served on Monday 2 March 2026 (day 1): the 15th day is Monday 16 March.
const notice = { issuedOn: '2026-03-02', representationsCloseOn: '2026-03-16' }

test('no notice: there is nothing to issue a final plan from', () => {
	expect(mayIssueFinalPlan({ notice: null, representationsRecorded: 0, familyAgreedOn: null }, '2026-03-20')).toMatchObject({ ok: false, opensOn: null })
})

test('the period is the family’s up to and including its 15th day; the final plan may be issued from the day after', () => {
	const facts = { notice, representationsRecorded: 0, familyAgreedOn: null }
	expect(mayIssueFinalPlan(facts, '2026-03-02')).toMatchObject({ ok: false, opensOn: '2026-03-17' })
	const last = mayIssueFinalPlan(facts, '2026-03-16')
	expect(last.ok).toBe(false)
	if (!last.ok) {
		expect(last.reason).toContain('16 March 2026')
		expect(last.reason).toContain('17 March 2026')
		expect(last.reason).toContain('reg 22(2)(c)')
	}
	expect(mayIssueFinalPlan(facts, '2026-03-17')).toEqual({ ok: true, early: false })
	expect(finalPlanOpensOn(notice)).toBe('2026-03-17')
})

test('representations alone do not end the period: the family must also have said they have no more to say', () => {
	const refused = mayIssueFinalPlan({ notice, representationsRecorded: 2, familyAgreedOn: null }, '2026-03-09')
	expect(refused.ok).toBe(false)
	if (!refused.ok) expect(refused.reason).toMatch(/no more to say/)
})

test('agreement without any representation recorded is not enough', () => {
	const refused = mayIssueFinalPlan({ notice, representationsRecorded: 0, familyAgreedOn: '2026-03-05' }, '2026-03-09')
	expect(refused.ok).toBe(false)
	if (!refused.ok) expect(refused.reason).toMatch(/record the family’s representations/)
})

test('representations and the family’s agreement allow an early plan, carrying the day they said so', () => {
	expect(mayIssueFinalPlan({ notice, representationsRecorded: 1, familyAgreedOn: '2026-03-05' }, '2026-03-09')).toEqual({
		ok: true,
		early: true,
		familyAgreedOn: '2026-03-05',
	})
})

test('an agreement dated before the notice or after today is refused', () => {
	for (const familyAgreedOn of ['2026-03-01', '2026-03-10']) {
		const refused = mayIssueFinalPlan({ notice, representationsRecorded: 1, familyAgreedOn }, '2026-03-09')
		expect(refused.ok, familyAgreedOn).toBe(false)
	}
})

test('property: before the period closes, nothing but representations and a valid agreement opens it; after, everything does', () => {
	fc.assert(
		fc.property(fc.integer({ min: 0, max: 40 }), fc.integer({ min: 0, max: 3 }), fc.option(fc.integer({ min: -3, max: 40 })), (day, count, agreedDay) => {
			const today = addDays(notice.issuedOn, day)
			const familyAgreedOn = agreedDay === null ? null : addDays(notice.issuedOn, agreedDay)
			const result = mayIssueFinalPlan({ notice, representationsRecorded: count, familyAgreedOn }, today)
			if (day >= 15) return result.ok && !result.early
			const early = count > 0 && agreedDay !== null && agreedDay >= 0 && agreedDay <= day
			return result.ok === early
		}),
	)
})
