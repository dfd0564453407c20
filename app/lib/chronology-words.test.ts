import { expect, test } from 'vitest'
import { expectEach } from '#tests/expect-each.ts'
import { detailInWords, familyContributionWords, representationTitle, shortFileReference } from './chronology-words.ts'

const HASH = '9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08'

test('a file is named by a short reference, not its 64-character hash', () => {
	expect(shortFileReference(HASH)).toBe('9f86d081')
	expect(shortFileReference(HASH.toUpperCase())).toBe('9f86d081')
	expect(detailInWords(`speech-therapy-report.pdf (${HASH})`)).toBe('speech-therapy-report.pdf (file reference 9f86d081)')
})

test('codes the audit log keeps read as words', () => {
	expectEach(detailInWords, [
		['AMEND', 'Decision: amend the plan'],
		['MAINTAIN', 'Decision: maintain the plan'],
		['CEASE', 'Decision: cease the plan'],
		['CHILD_VIEWS', 'Part saved: The child’s or young person’s views'],
		['NEEDS_PROVISION', 'Part saved: Changes in needs and provision'],
		['meeting', 'The meeting’s date, time, place and invitations'],
	])
})

test('dates read as people write them', () => {
	expectEach(detailInWords, [
		['from Jo Bloggs, received 2026-12-04', 'from Jo Bloggs, received 4 December 2026'],
		['report received 2026-03-01; sent to 3 people', 'report received 1 March 2026; sent to 3 people'],
		['family said on 2027-01-15 they had no more to say', 'family said on 15 January 2027 they had no more to say'],
		// Not a date: left alone.
		['reference 2026-13-45', 'reference 2026-13-45'],
	])
})

test('words are left as they are', () => {
	expect(detailInWords('3 amendments; representations close 2027-02-01')).toBe('3 amendments; representations close 1 February 2027')
	expect(detailInWords('amendment to section F added after representations (reg 22(3))')).toBe(
		'amendment to section F added after representations (reg 22(3))',
	)
	expect(detailInWords('')).toBe('')
})

test('the family’s views sent online say who gave them, in words', () => {
	expect(familyContributionWords('Pat Parent', 'PARENT_VIEWS PARENT')).toEqual({
		title: 'Pat Parent (parent) gave their views online',
		detail: 'In their own words: Parents’ or carers’ views',
	})
	expect(familyContributionWords('Pat Parent', 'CHILD_VIEWS PARENT').title).toBe('Pat Parent (parent) gave their child’s views online')
	expect(familyContributionWords('Sam Young', 'CHILD_VIEWS YOUNG_PERSON').title).toBe('Sam Young (young person) gave their views online')
	expect(familyContributionWords('Alan Price', 'PARENT_VIEWS REPRESENTATIVE').title).toBe('Alan Price (representative) gave their views online')
	// Details it does not know are still read as words, never as codes.
	expect(familyContributionWords('Pat Parent', '').title).toBe('Pat Parent (family) gave their views online')
})

test('a representation the family made online says so', () => {
	expect(representationTitle({ receivedOn: '2026-12-04', fromName: 'Pat Parent', online: true })).toBe(
		'Representation received on 4 December 2026 from Pat Parent, made online by the family',
	)
	expect(representationTitle({ receivedOn: '2026-12-04', fromName: 'Mrs Begum', online: false })).toBe(
		'Representation received on 4 December 2026 from Mrs Begum',
	)
})
