/**
 * A minimal iCalendar (RFC 5545) writer for the caseworkers' deadline feeds: all-day events only.
 * Pure (no Prisma, no Request), so it is unit-tested on its own (ical.test.ts). Written by hand rather
 * than with a library because the feed needs four properties and the rules below, nothing more.
 *
 * - Lines end with CRLF (RFC 5545 3.1).
 * - Lines longer than 75 octets are folded: CRLF then one space, never inside a UTF-8 character (3.1).
 * - TEXT values escape backslash, semicolon and comma, and write a line break as "\n" (3.3.11).
 * - All-day events are DTSTART;VALUE=DATE with DTEND the day after (3.6.1: DTEND is exclusive).
 */
import { addDays, isIsoDate, type IsoDate } from '#app/domain/calendar-date.ts'

export interface CalendarEvent {
	/** Globally unique and stable across downloads, so a client updates the event instead of duplicating it. */
	uid: string
	/** The day of the event, 'YYYY-MM-DD'. */
	date: IsoDate
	summary: string
	description?: string
	url?: string
}

export interface CalendarOptions {
	/** PRODID: who wrote the calendar, e.g. '-//Kent County Council//EHC annual reviews//EN'. */
	productId: string
	/** The name calendar clients show for the subscription. */
	name: string
	events: CalendarEvent[]
	/** DTSTAMP of every event: when this copy was generated. */
	now: Date
}

const MAX_OCTETS = 75
const encoder = new TextEncoder()

/** Escapes a TEXT value: \ ; , and line breaks (RFC 5545 3.3.11). */
export function escapeText(value: string): string {
	return value
		.replace(/\\/g, '\\\\')
		.replace(/;/g, '\\;')
		.replace(/,/g, '\\,')
		.replace(/\r\n|\r|\n/g, '\\n')
}

/**
 * Folds a content line to at most 75 octets per physical line: each continuation starts with a single
 * space (which counts towards its 75). Splits only between characters, so UTF-8 sequences stay whole.
 */
export function foldLine(line: string): string {
	if (encoder.encode(line).length <= MAX_OCTETS) return line
	const parts: string[] = []
	let current = ''
	let octets = 0
	let limit = MAX_OCTETS
	for (const char of line) {
		const size = encoder.encode(char).length
		if (octets + size > limit) {
			parts.push(current)
			current = ''
			octets = 0
			limit = MAX_OCTETS - 1 // the leading space of a continuation line
		}
		current += char
		octets += size
	}
	parts.push(current)
	return parts.join('\r\n ')
}

/** '2027-03-04' -> '20270304' (a DATE value). */
export function icalDate(date: IsoDate): string {
	if (!isIsoDate(date)) throw new RangeError(`icalDate: not a date written YYYY-MM-DD: ${JSON.stringify(date)}`)
	return date.replaceAll('-', '')
}

/** An instant as a UTC DATE-TIME value, e.g. '20261123T093005Z'. */
export function icalDateTime(at: Date): string {
	return at
		.toISOString()
		.replace(/[-:]/g, '')
		.replace(/\.\d{3}Z$/, 'Z')
}

/** The whole calendar, every line folded and ended with CRLF. */
export function buildCalendar(options: CalendarOptions): string {
	const stamp = icalDateTime(options.now)
	const lines = [
		'BEGIN:VCALENDAR',
		'VERSION:2.0',
		`PRODID:${escapeText(options.productId)}`,
		'CALSCALE:GREGORIAN',
		'METHOD:PUBLISH',
		`X-WR-CALNAME:${escapeText(options.name)}`,
		// Ask clients to check for changes every hour (a de-facto extension most clients read).
		'REFRESH-INTERVAL;VALUE=DURATION:PT1H',
		'X-PUBLISHED-TTL:PT1H',
	]
	for (const event of options.events) {
		lines.push(
			'BEGIN:VEVENT',
			`UID:${escapeText(event.uid)}`,
			`DTSTAMP:${stamp}`,
			`DTSTART;VALUE=DATE:${icalDate(event.date)}`,
			`DTEND;VALUE=DATE:${icalDate(addDays(event.date, 1))}`,
			`SUMMARY:${escapeText(event.summary)}`,
		)
		if (event.description) lines.push(`DESCRIPTION:${escapeText(event.description)}`)
		// URI values are not TEXT: they are written as they are (RFC 5545 3.3.13).
		if (event.url) lines.push(`URL:${event.url}`)
		// A deadline is a reminder, not a meeting: it does not make the caseworker look busy.
		lines.push('TRANSP:TRANSPARENT', 'END:VEVENT')
	}
	lines.push('END:VCALENDAR')
	return lines.map((line) => `${foldLine(line)}\r\n`).join('')
}
