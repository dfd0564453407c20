import { expect, test } from 'vitest'
import { formatDate } from '#app/domain/calendar-date.ts'
import { formatDateTime, pluralise } from './format.ts'

test('dates read the GOV.UK way and instants in London time, across the clock change', () => {
	expect(formatDate('2027-03-03')).toBe('3 March 2027')
	expect(formatDate('2027-03-03T23:30:00Z')).toBe('3 March 2027') // a stored instant's date, as stored
	expect(formatDate(null)).toBe('')
	expect(formatDateTime(new Date('2027-01-15T14:05:00Z'))).toBe('15 January 2027 at 2:05pm') // GMT
	expect(formatDateTime(new Date('2027-07-15T14:05:00Z'))).toBe('15 July 2027 at 3:05pm') // BST
	expect(formatDateTime(new Date('2027-03-28T00:30:00Z'))).toBe('28 March 2027 at 12:30am')
	expect(formatDateTime(new Date('2027-10-30T23:30:00Z'))).toBe('31 October 2027 at 12:30am') // BST, next day in London
	expect(formatDateTime(new Date('2027-06-01T11:00:00Z'))).toBe('1 June 2027 at 12:00pm')
})

test('counts are grouped in thousands', () => {
	expect(pluralise(1, 'child', 'children')).toBe('1 child')
	expect(pluralise(21000, 'child', 'children')).toBe('21,000 children')
})
