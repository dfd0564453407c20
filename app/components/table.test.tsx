import { renderToStaticMarkup } from 'react-dom/server'
import { expect, test } from 'vitest'
import { TableHead } from './table.tsx'

test('a table head has one column heading per column, each with scope="col"', () => {
	const html = renderToStaticMarkup(<TableHead columns={['Child or young person', 'School']} />)
	expect(html).toBe(
		'<thead class="govuk-table__head"><tr class="govuk-table__row">' +
			'<th scope="col" class="govuk-table__header">Child or young person</th>' +
			'<th scope="col" class="govuk-table__header">School</th>' +
			'</tr></thead>',
	)
})

test('numeric columns are right-aligned, extra classes are kept and hidden headings are read out but not shown', () => {
	const html = renderToStaticMarkup(
		<TableHead
			columns={[
				{ label: 'Days left', numeric: true },
				{ label: 'Due', className: 'app-wide' },
				{ label: 'Actions', visuallyHidden: true },
			]}
		/>,
	)
	expect(html).toContain('<th scope="col" class="govuk-table__header govuk-table__header--numeric">Days left</th>')
	expect(html).toContain('<th scope="col" class="govuk-table__header app-wide">Due</th>')
	expect(html).toContain('<th scope="col" class="govuk-table__header"><span class="govuk-visually-hidden">Actions</span></th>')
})

test('a column given as false, null or undefined is left out', () => {
	const showSchool = false
	const html = renderToStaticMarkup(<TableHead columns={['Child', showSchool && 'School', null, undefined, 'Status']} />)
	expect(html.match(/<th /g)).toHaveLength(2)
	expect(html).not.toContain('School')
})
