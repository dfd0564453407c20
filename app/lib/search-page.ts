// One page of an administration list (schools, users) searched by what was typed: the council's few hundred rows
// are filtered here, which keeps the search case-insensitive on both databases.

export const PAGE_SIZE = 50

/**
 * The search `q` and page asked for in the URL (a bad page number is page 1), the rows that match (`matches` is
 * given the search in lower case), how many and how many pages, and the page's rows.
 */
export function searchPage<T>(url: URL, all: T[], matches: (item: T, needle: string) => boolean) {
	const q = (url.searchParams.get('q') ?? '').trim().slice(0, 100)
	const page = Math.max(1, Number.parseInt(url.searchParams.get('page') ?? '1', 10) || 1)
	const needle = q.toLowerCase()
	const matching = needle ? all.filter((item) => matches(item, needle)) : all
	const pages = Math.max(1, Math.ceil(matching.length / PAGE_SIZE))
	return { q, page, pages, total: matching.length, rows: matching.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE) }
}
