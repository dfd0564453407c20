// The time of a review meeting as people type it: "9.30am", "9:30", "14:00", "2pm", "2.15 pm", "noon". Stored as
// HH:MM on a 24-hour clock (AnnualReview.meetingTime). A time without "am" or "pm" is read on the 24-hour clock
// ("2:15" is 02:15), as GOV.UK's style for times reads it; a bare hour ("9") is refused as ambiguous.

const WORDS: Record<string, string> = { noon: '12:00', midday: '12:00', '12noon': '12:00', '12midday': '12:00', midnight: '00:00', '12midnight': '00:00' }

/** The time as HH:MM, or null when it is not a time of day. */
export function parseMeetingTime(input: string): string | null {
	// "2.15 p.m." -> "2.15pm"; "9 : 30" -> "9:30"
	const text = input
		.trim()
		.toLowerCase()
		.replace(/\s+/g, '')
		.replace(/([ap])\.?m\.?$/, '$1m')
	if (text in WORDS) return WORDS[text]!
	const match = /^(\d{1,2})(?:[:.](\d{2}))?(am|pm)?$/.exec(text) ?? /^(\d{2})(\d{2})$/.exec(text)
	if (!match) return null
	const [, h, m, half] = match
	let hours = Number(h)
	const minutes = m === undefined ? 0 : Number(m)
	if (minutes > 59) return null
	if (half) {
		if (hours < 1 || hours > 12) return null
		hours = (hours % 12) + (half === 'pm' ? 12 : 0)
	} else {
		if (m === undefined) return null
		if (hours > 23) return null
	}
	return `${String(hours).padStart(2, '0')}:${String(minutes).padStart(2, '0')}`
}
