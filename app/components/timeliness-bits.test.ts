import { expect, test } from 'vitest'
import { periodFromFields } from './timeliness-bits.tsx'

const read = (query: string) => Object.fromEntries(periodFromFields(new URL(`http://localhost/timeliness?${query}`)).searchParams)

test('the form’s month and year fields become the period’s months', () => {
	expect(read('fromMonth=01&fromYear=2026&toMonth=11&toYear=2026&phase=PRIMARY')).toEqual({ from: '2026-01', to: '2026-11', phase: 'PRIMARY' })
	expect(read('fromMonth=3&fromYear=2025')).toEqual({ from: '2025-03' })
})

test('a link’s months are kept; a part left out is refused by the query, not guessed', () => {
	expect(read('from=2025-12&to=2026-11')).toEqual({ from: '2025-12', to: '2026-11' })
	expect(read('fromMonth=04')).toEqual({ from: '-04' })
	expect(read('toYear=2026')).toEqual({ to: '2026-00' })
})
