import { expect, test } from 'vitest'
import { mustIncludePreparationForAdulthood, outcomeRowsFrom, provisionRowsFrom, wordingLines, type ProvisionRow } from './plan-rows.ts'

const speech: ProvisionRow = { need: 'Communication', what: 'Speech and language therapy', who: 'NHS SALT', frequency: 'Weekly', duration: '30 minutes' }
const reading: ProvisionRow = { need: 'Literacy', what: 'Small-group phonics', who: 'Teaching assistant', frequency: 'Daily', duration: '20 minutes' }

test('lines lose their numbering and blank lines', () => {
	expect(wordingLines('1. One\n\n2) Two\r\n  3.   Three  ')).toEqual(['One', 'Two', 'Three'])
})

test('an amended provision line keeps the need of the row it amends and takes the columns it names', () => {
	// As planWording writes Section F, with the frequency changed.
	const wording =
		'1. Speech and language therapy. Delivered by: NHS SALT. How often: Twice weekly. How long: 30 minutes\n' +
		'2. Small-group phonics. Delivered by: Teaching assistant. How often: Daily. How long: 20 minutes'
	expect(provisionRowsFrom(wording, [speech, reading])).toEqual([{ ...speech, frequency: 'Twice weekly' }, reading])
})

test('a reworded provision in the same place keeps its need; a new line has none; a line without labels keeps the columns of the same provision', () => {
	const wording =
		'1. Speech, language and communication therapy. Delivered by: NHS SALT. How often: Weekly. How long: 45 minutes\n' +
		'2. Small-group phonics\n' +
		'3. Touch typing. Delivered by: Class teacher. How often: Three times a week. How long: 15 minutes'
	expect(provisionRowsFrom(wording, [speech, reading])).toEqual([
		{ need: 'Communication', what: 'Speech, language and communication therapy', who: 'NHS SALT', frequency: 'Weekly', duration: '45 minutes' },
		reading,
		{ need: '', what: 'Touch typing', who: 'Class teacher', frequency: 'Three times a week', duration: '15 minutes' },
	])
})

test('rows matched by their provision, whatever order the lines come in; a typed need is taken', () => {
	const wording = '1. Small-group phonics. Delivered by: Teaching assistant\n2. Speech and language therapy. How often: Fortnightly. Need: Speech'
	expect(provisionRowsFrom(wording, [speech, reading])).toEqual([
		{ ...reading, frequency: 'Daily', duration: '20 minutes' },
		{ ...speech, need: 'Speech', frequency: 'Fortnightly' },
	])
})

test('an amended outcome keeps the area of the outcome it amends', () => {
	const current = [
		{ area: 'Communication', text: 'Amira will ask for help with words.' },
		{ area: 'Independence', text: 'Amira will travel to school with a friend.' },
	]
	expect(outcomeRowsFrom('1. Amira will ask for help in class.\n2. Amira will travel to school with a friend.\n3. Amira will join a club.', current)).toEqual(
		[
			{ area: 'Communication', text: 'Amira will ask for help in class.' },
			{ area: 'Independence', text: 'Amira will travel to school with a friend.' },
			{ area: '', text: 'Amira will join a club.' },
		],
	)
})

test('preparation for adulthood from Year 9 (reg 12(3)): the recorded year group, else the year the age gives', () => {
	expect(mustIncludePreparationForAdulthood({ yearGroup: 8, dateOfBirth: '2010-01-01' }, '2026-12-07')).toBe(false)
	expect(mustIncludePreparationForAdulthood({ yearGroup: 9, dateOfBirth: '2013-01-01' }, '2026-12-07')).toBe(true)
	expect(mustIncludePreparationForAdulthood({ yearGroup: 12, dateOfBirth: '2009-01-01' }, '2026-12-07')).toBe(true)
	// No year group: Year 9 in 2026-27 is born 1 September 2012 to 31 August 2013.
	expect(mustIncludePreparationForAdulthood({ yearGroup: null, dateOfBirth: '2013-08-31' }, '2026-12-07')).toBe(true)
	expect(mustIncludePreparationForAdulthood({ yearGroup: null, dateOfBirth: '2013-09-01' }, '2026-12-07')).toBe(false)
	expect(mustIncludePreparationForAdulthood({ yearGroup: null, dateOfBirth: '2012-09-01' }, '2026-09-01')).toBe(true)
	expect(mustIncludePreparationForAdulthood({ yearGroup: null, dateOfBirth: '2013-08-31' }, '2026-08-31')).toBe(false) // still Year 8 until 1 September
})
