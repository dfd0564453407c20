const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December']

/** '2027-03-03' -> '3 March 2027' (GOV.UK style). Calendar dates are formatted as written, never shifted by a time zone. */
export function formatDate(iso: string | null | undefined): string {
	if (!iso) return ''
	const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso)
	if (!m) return iso
	return `${Number(m[3])} ${MONTHS[Number(m[2]) - 1]} ${m[1]}`
}

/** An instant as a date and time in Europe/London, e.g. '3 March 2027 at 2:05pm'. */
export function formatDateTime(at: Date | string | null | undefined): string {
	if (!at) return ''
	const date = typeof at === 'string' ? new Date(at) : at
	const parts = Object.fromEntries(
		new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', year: 'numeric', month: 'long', day: 'numeric', hour: 'numeric', minute: '2-digit', hour12: true })
			.formatToParts(date)
			.map((p) => [p.type, p.value]),
	)
	return `${parts.day} ${parts.month} ${parts.year} at ${parts.hour}:${parts.minute}${(parts.dayPeriod ?? '').toLowerCase()}`
}

export function pluralise(n: number, one: string, many = `${one}s`) {
	return `${n.toLocaleString('en-GB')} ${n === 1 ? one : many}`
}
