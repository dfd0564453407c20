import { test } from 'vitest'
import { expectEach } from '#tests/expect-each.ts'
import { parseMeetingTime } from './meeting-time.ts'

test('times typed the ways people type them are read as HH:MM', () => {
	expectEach(parseMeetingTime, [
		['9.30am', '09:30'],
		['9:30', '09:30'],
		['09:30', '09:30'],
		['14:00', '14:00'],
		['14.00', '14:00'],
		['1430', '14:30'],
		['2pm', '14:00'],
		['2 PM', '14:00'],
		['2.15 pm', '14:15'],
		['2.15 p.m.', '14:15'],
		['9am', '09:00'],
		['  9:30 am ', '09:30'],
		['noon', '12:00'],
		['Midday', '12:00'],
		['12 noon', '12:00'],
		['midnight', '00:00'],
		['12pm', '12:00'],
		['12.30pm', '12:30'],
		['12am', '00:00'],
		['12:45am', '00:45'],
		['0:00', '00:00'],
		['23:59', '23:59'],
	])
})

test('anything that is not a time of day is refused', () => {
	expectEach(parseMeetingTime, [
		['', null],
		['9', null], // a bare hour: morning or evening?
		['24:00', null],
		['9:60', null],
		['13pm', null],
		['0am', null],
		['14:00pm', null],
		['9:3', null],
		['930', null],
		['half past nine', null],
		['9:30:00', null],
		['-9:30', null],
		['tomorrow', null],
	])
})
