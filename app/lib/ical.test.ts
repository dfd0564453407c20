import fc from 'fast-check'
import { expect, test } from 'vitest'
import { expectEach } from '#tests/expect-each.ts'
import { buildCalendar, escapeText, foldLine, icalDate, icalDateTime } from './ical.ts'

const octets = (text: string) => new TextEncoder().encode(text).length
/** Undoes folding as a client does (RFC 5545 3.1): a CRLF followed by one space or tab is removed. */
const unfold = (text: string) => text.replace(/\r\n[ \t]/g, '')

test('escapeText escapes backslash, semicolon and comma, and writes line breaks as \\n', () => {
	expectEach(escapeText, [
		['Amira K. (Oakfield Primary School)', 'Amira K. (Oakfield Primary School)'],
		['a,b;c\\d', 'a\\,b\\;c\\\\d'],
		['one\ntwo\r\nthree\rfour', 'one\\ntwo\\nthree\\nfour'],
		// The backslash is escaped first, so an escape is never escaped twice.
		['\\,', '\\\\\\,'],
	])
})

test('foldLine leaves a line of 75 octets alone and folds a longer one with CRLF and a space', () => {
	const exact = 'X'.repeat(75)
	expect(foldLine(exact)).toBe(exact)
	const long = `DESCRIPTION:${'a'.repeat(200)}`
	const folded = foldLine(long)
	const lines = folded.split('\r\n')
	expect(lines.length).toBe(3)
	expect(octets(lines[0]!)).toBe(75)
	for (const line of lines.slice(1)) {
		expect(line.startsWith(' ')).toBe(true)
		expect(octets(line)).toBeLessThanOrEqual(75)
	}
	expect(unfold(folded)).toBe(long)
})

test('foldLine never splits a multi-byte UTF-8 character', () => {
	// 'é' is 2 octets, '’' 3 and '👩‍🏫' several code points of 4 and 3 octets.
	const line = `SUMMARY:${'é'.repeat(40)}’’’ Zoë O’Brien 👩‍🏫 ${'ü'.repeat(50)}`
	const folded = foldLine(line)
	for (const physical of folded.split('\r\n')) {
		expect(octets(physical)).toBeLessThanOrEqual(75)
		// Each piece is valid UTF-8 on its own: no lone surrogate halves, no replacement characters.
		expect(new TextDecoder('utf-8', { fatal: true }).decode(new TextEncoder().encode(physical))).toBe(physical)
		expect(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(physical)).toBe(false)
	}
	expect(unfold(folded)).toBe(line)
})

test('property: folding keeps every physical line within 75 octets and unfolds to the original', () => {
	fc.assert(
		fc.property(fc.string({ unit: 'grapheme', maxLength: 300 }), (text) => {
			const line = `DESCRIPTION:${escapeText(text)}`
			const folded = foldLine(line)
			for (const physical of folded.split('\r\n')) expect(octets(physical)).toBeLessThanOrEqual(75)
			expect(unfold(folded)).toBe(line)
		}),
	)
})

test('dates are written as DATE and UTC DATE-TIME values', () => {
	expect(icalDate('2027-03-04')).toBe('20270304')
	expect(() => icalDate('2027-02-30')).toThrow(RangeError)
	expect(icalDateTime(new Date('2026-11-23T09:30:05.123Z'))).toBe('20261123T093005Z')
})

test('buildCalendar writes all-day events with CRLF line ends, an exclusive DTEND and escaped text', () => {
	const ics = buildCalendar({
		productId: '-//Kent County Council//EHC annual reviews//EN',
		name: 'EHC review deadlines, Priya Shah',
		now: new Date('2026-11-23T12:00:00Z'),
		events: [
			{
				uid: 'review1-la_decision@ehc.example.gov.uk',
				date: '2026-12-31',
				summary: 'Decision due: Amira K. (Oakfield Primary School)',
				description: 'Council decision: keep, amend or cease; within 4 weeks.\nhttps://ehc.example.gov.uk/reviews/review1',
				url: 'https://ehc.example.gov.uk/reviews/review1',
			},
		],
	})
	expect(ics.endsWith('END:VCALENDAR\r\n')).toBe(true)
	// Every line ends with CRLF: no bare LF anywhere.
	expect(ics.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/)
	const lines = unfold(ics).split('\r\n')
	expect(lines[0]).toBe('BEGIN:VCALENDAR')
	for (const line of [
		'VERSION:2.0',
		'X-WR-CALNAME:EHC review deadlines\\, Priya Shah',
		'DTSTART;VALUE=DATE:20261231',
		// DTEND is exclusive: the day after, across a year end.
		'DTEND;VALUE=DATE:20270101',
		'DTSTAMP:20261123T120000Z',
		'SUMMARY:Decision due: Amira K. (Oakfield Primary School)',
		'DESCRIPTION:Council decision: keep\\, amend or cease\\; within 4 weeks.\\nhttps://ehc.example.gov.uk/reviews/review1',
		'URL:https://ehc.example.gov.uk/reviews/review1',
	])
		expect(lines).toContain(line)
	expect(lines.filter((l) => l === 'BEGIN:VEVENT')).toHaveLength(1)
	for (const physical of ics.split('\r\n')) expect(octets(physical)).toBeLessThanOrEqual(75)
})

test('an empty calendar is still a valid VCALENDAR', () => {
	const ics = buildCalendar({ productId: '-//x//y//EN', name: 'Empty', now: new Date(0), events: [] })
	expect(ics).toBe(
		[
			'BEGIN:VCALENDAR',
			'VERSION:2.0',
			'PRODID:-//x//y//EN',
			'CALSCALE:GREGORIAN',
			'METHOD:PUBLISH',
			'X-WR-CALNAME:Empty',
			'REFRESH-INTERVAL;VALUE=DURATION:PT1H',
			'X-PUBLISHED-TTL:PT1H',
			'END:VCALENDAR',
			'',
		].join('\r\n'),
	)
})
