const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December']

/** '2027-03-03' -> '3 March 2027' (GOV.UK style). Calendar dates are formatted as written, never shifted by a time zone. */
export function formatDate(iso: string | null | undefined): string {
	if (!iso) return ''
	const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso)
	if (!m) return iso
	return `${Number(m[3])} ${MONTHS[Number(m[2]) - 1]} ${m[1]}`
}

/**
 * An instant as a date and time in Europe/London, e.g. '3 March 2027 at 2:05pm'. Only numeric parts are
 * taken from Intl (its words and spacing differ between ICU versions, which would make the server's and
 * the browser's text differ on hydration).
 */
export function formatDateTime(at: Date | string | null | undefined): string {
	if (!at) return ''
	const date = typeof at === 'string' ? new Date(at) : at
	const parts = Object.fromEntries(
		new Intl.DateTimeFormat('en-GB', {
			timeZone: 'Europe/London',
			year: 'numeric',
			month: 'numeric',
			day: 'numeric',
			hour: 'numeric',
			minute: 'numeric',
			hourCycle: 'h23',
		})
			.formatToParts(date)
			.map((p) => [p.type, p.value]),
	)
	const hour = Number(parts.hour) % 24
	const minute = String(Number(parts.minute)).padStart(2, '0')
	return `${Number(parts.day)} ${MONTHS[Number(parts.month) - 1]} ${parts.year} at ${hour % 12 === 0 ? 12 : hour % 12}:${minute}${hour < 12 ? 'am' : 'pm'}`
}

export function pluralise(n: number, one: string, many = `${one}s`) {
	return `${String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',')} ${n === 1 ? one : many}`
}
