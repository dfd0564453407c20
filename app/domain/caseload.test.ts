import { expect, test } from 'vitest'
import { readCaseloadFilter } from './caseload.ts'

const caseworker = { roles: ['CASEWORKER'] }
const read = (query: string) => readCaseloadFilter(new URL(`http://localhost/caseload?${query}`), caseworker)

test('the filters are read as given when nobody is searched for', () => {
	expect(read('view=mine&status=DRAFT&due=overdue&transfer=yes&school=oak')).toMatchObject({
		view: 'mine',
		state: 'DRAFT',
		overdue: true,
		phaseTransfer: true,
		school: 'oak',
	})
	expect(read('').view).toBe('mine')
})

test('a search for a child looks through the whole council, whatever the view or filters', () => {
	expect(read('view=mine&status=DRAFT&due=overdue&due=soon&transfer=yes&school=oak&q=Riley&page=2')).toEqual({
		view: 'all',
		school: '',
		state: null,
		overdue: false,
		dueSoon: false,
		phaseTransfer: false,
		q: 'Riley',
		page: 2,
	})
	// Spaces alone are no search.
	expect(read('view=unassigned&q=%20%20').view).toBe('unassigned')
})
