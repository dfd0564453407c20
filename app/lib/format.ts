const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December']

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
