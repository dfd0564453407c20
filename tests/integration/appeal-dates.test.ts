// The appeal date runs from the day the written notice is sent (HESC Rules 2008 r.20; reg 33), never from a decision
// date typed into a form: the decision letter is dated the day the service sends it, and its "appeal by" date (in the
// PDF read back and in every email's payload) is 2 months after that day (app/domain/appeal-deadline.ts).
import { expect, test } from 'vitest'
import { getUser } from '#app/auth/auth.server.ts'
import { prisma } from '#app/db/db.server.ts'
import { addDays, formatDate, todayInLondon } from '#app/domain/calendar-date.ts'
import { letterToSend, makeDecision, type DecisionInput } from '#app/services/council-review.server.ts'
import { pdfText } from '#tests/documents.ts'
import { CASEWORKER, cookieFor, request } from '#tests/helpers.ts'

// Calendar arithmetic written independently of app/domain: 2 months on, clamped to the end of a shorter month.
function twoMonthsAfter(iso: string) {
	const [y, m, d] = iso.split('-').map(Number) as [number, number, number]
	const last = new Date(Date.UTC(y, m + 1, 0)).getUTCDate()
	return new Date(Date.UTC(y, m + 1, Math.min(d, last))).toISOString().slice(0, 10)
}

const used = new Set<string>()
async function submitted() {
	const review = await prisma.annualReview.findFirstOrThrow({
		where: { status: 'SUBMITTED', la: { code: '886' }, child: { parentEmail: { not: '' } }, id: { notIn: [...used] } },
		select: { id: true, meetingOn: true },
		orderBy: { id: 'asc' },
	})
	used.add(review.id)
	return review
}

async function decide(reviewId: string, input: DecisionInput, now: Date) {
	const user = (await getUser(request('/', { cookie: await cookieFor(CASEWORKER) })))!
	const letter = await letterToSend(user, reviewId, { step: 'decision', input }, now)
	await makeDecision(null, user, reviewId, input, letter!.digest, now)
}

test('a decision dated weeks ago: the letter is dated the day it is sent, and the appeal runs 2 months from then', async () => {
	const review = await submitted()
	const today = todayInLondon(new Date())
	const decidedOn = addDays(today, -40)
	await decide(review.id, { outcome: 'MAINTAIN', reasons: 'The plan still meets the needs.', decidedOn }, new Date())

	// The decision keeps the date typed.
	expect((await prisma.decision.findUniqueOrThrow({ where: { reviewId: review.id } })).decidedOn).toBe(decidedOn)
	const appealBy = twoMonthsAfter(today)
	const letter = await pdfText(review.id, 'DECISION_LETTER')
	expect(letter).toContain(formatDate(today))
	expect(letter).toContain(`by ${formatDate(appealBy)}`)
	expect(letter).not.toContain(formatDate(twoMonthsAfter(decidedOn)))
	const emails = await prisma.outboxMessage.findMany({ where: { reviewId: review.id, template: 'decision-letter' }, select: { payload: true } })
	expect(emails.length).toBeGreaterThan(0)
	for (const m of emails) expect(JSON.parse(m.payload)).toMatchObject({ decidedOn, appealBy })
})

test('a letter sent on 31 December: appeal by the last day of February, whatever decision date was typed', async () => {
	const review = await submitted()
	const sent = new Date('2026-12-31T15:00:00Z')
	await decide(review.id, { outcome: 'MAINTAIN', reasons: 'The plan still meets the needs.', decidedOn: '2026-12-01' }, sent)
	const letter = await pdfText(review.id, 'DECISION_LETTER')
	expect(letter).toContain('31 December 2026')
	expect(letter).toContain('by 28 February 2027')
	expect(letter).not.toContain('1 February 2027')
	const emails = await prisma.outboxMessage.findMany({ where: { reviewId: review.id, template: 'decision-letter' }, select: { payload: true } })
	for (const m of emails) expect(JSON.parse(m.payload)).toMatchObject({ decidedOn: '2026-12-01', appealBy: '2027-02-28' })
})
