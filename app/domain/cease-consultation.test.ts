import { expect, test } from 'vitest'
import { mayCease } from '#app/domain/cease-consultation.ts'

const consulted = { informedOn: '2026-10-01', familyConsulted: true, headTeacherConsulted: true }

test('no recorded consultation: a cease decision is refused, citing reg 31(1)', () => {
	const result = mayCease(null, '2026-10-20')
	expect(result.ok).toBe(false)
	expect(!result.ok && result.reason).toMatch(/reg 31\(1\)/)
})

test('the family informed and consulted, the head teacher consulted, before the decision: allowed', () => {
	expect(mayCease(consulted, '2026-10-20')).toEqual({ ok: true })
	expect(mayCease(consulted, '2026-10-01')).toEqual({ ok: true }) // the same day counts
})

test('the head teacher or the family not consulted: refused, naming who', () => {
	const noHead = mayCease({ ...consulted, headTeacherConsulted: false }, '2026-10-20')
	expect(!noHead.ok && noHead.reason).toContain('consult the head teacher')
	const neither = mayCease({ ...consulted, familyConsulted: false, headTeacherConsulted: false }, '2026-10-20')
	expect(!neither.ok && neither.reason).toContain('consult the family and the head teacher')
})

test('a decision dated before the family was told: refused', () => {
	expect(mayCease(consulted, '2026-09-30').ok).toBe(false)
})
