import { notFound } from '#app/auth/auth.server.ts'
import { calendarFeed } from '#app/auth/calendar-feed.server.ts'
import type { Route } from './+types/calendar-feed'

// A caseworker's deadlines as an iCalendar feed, for their calendar app to subscribe to. There is no session:
// the secret key in the address is the credential (app/auth/calendar-feed.server.ts), and an unknown or revoked
// key is simply not found. Fetches are not audited one by one: clients poll every hour or so, and the feed
// shows only first names, initials and deadlines; creating and stopping the address are audited.
export async function loader({ params }: Route.LoaderArgs) {
	const key = /^(.+)\.ics$/.exec(params.feed)?.[1]
	const ics = key ? await calendarFeed(key, new Date()) : null
	if (ics === null) throw notFound()
	return new Response(ics, {
		headers: {
			'Content-Type': 'text/calendar; charset=utf-8',
			'Content-Disposition': 'inline; filename="ehc-review-deadlines.ics"',
			'Cache-Control': 'private, no-cache',
			'X-Robots-Tag': 'noindex',
		},
	})
}
