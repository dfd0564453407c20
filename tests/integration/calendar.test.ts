// Caseworkers' deadline feeds: the page that makes and stops the secret address, and the feed itself, read
// back as a calendar client would: Priya's deadlines and nobody else's, and nothing once the address is stopped.
import { createHash } from 'node:crypto'
import { expect, test } from 'vitest'
import { prisma } from '#app/db/db.server.ts'
import { todayInLondon } from '#app/domain/calendar-date.ts'
import { CLOCK_FACTS_SELECT, reviewFacts } from '#app/domain/review-facts.ts'
import { OPEN_REVIEW_STATUSES } from '#app/domain/review-status.ts'
import { computeDeadlines } from '#app/domain/statutory-clock.ts'
import * as feed from '#app/routes/calendar-feed.ts'
import * as calendar from '#app/routes/calendar.tsx'
import { cookieFor, expectRedirect, request, run, statusOf } from '#tests/helpers.ts'

const PRIYA = 'caseworker@kent.example.gov.uk'
const MARK = 'mark.bennett@kent.example.gov.uk'
const MANAGER = 'manager@kent.example.gov.uk'
const FEED_DEADLINES = ['review_report', 'la_decision', 'amendment_notice', 'representations', 'final_plan', 'phase_transfer']

/** Creates (or replaces) the user's calendar address through the page, and returns its key. */
async function createKey(email: string): Promise<string> {
	const result = (await run(calendar.action, request('/calendar', { cookie: await cookieFor(email), form: { intent: 'create' } }))) as { url: string }
	const match = /\/calendar\/([A-Za-z0-9_-]{43})\.ics$/.exec(result.url)
	expect(match, result.url).not.toBeNull()
	return match![1]!
}

async function fetchFeed(key: string) {
	return run(feed.loader, request(`/calendar/${key}.ics`), { feed: `${key}.ics` })
}

type Event = Record<string, string>

/** The events of a calendar, unfolded and unescaped as a client reads them (RFC 5545 3.1, 3.3.11). */
function parse(ics: string): Event[] {
	const lines = ics.replace(/\r\n[ \t]/g, '').split('\r\n')
	const events: Event[] = []
	let current: Event | null = null
	for (const line of lines) {
		if (line === 'BEGIN:VEVENT') current = {}
		else if (line === 'END:VEVENT') {
			events.push(current!)
			current = null
		} else if (current) {
			const colon = line.indexOf(':')
			current[line.slice(0, colon)] = line
				.slice(colon + 1)
				.replace(/\\n/g, '\n')
				.replace(/\\([,;\\])/g, '$1')
		}
	}
	return events
}

/** What the feed should hold for a user, worked out from the data and the statutory clock. */
async function expectedEvents(email: string) {
	const user = await prisma.user.findUniqueOrThrow({ where: { email }, select: { id: true, laId: true } })
	const reviews = await prisma.annualReview.findMany({
		where: { status: { in: OPEN_REVIEW_STATUSES }, child: { caseworkerId: user.id } },
		select: {
			id: true,
			...CLOCK_FACTS_SELECT,
			child: { select: { ...CLOCK_FACTS_SELECT.child.select, firstName: true, lastName: true, laId: true, school: { select: { name: true } } } },
		},
	})
	const today = todayInLondon(new Date())
	return reviews.flatMap((review) =>
		computeDeadlines(reviewFacts(review, today))
			.filter((d) => FEED_DEADLINES.includes(d.id) && d.state !== 'met')
			.map((d) => ({ uid: `${review.id}-${d.id}@localhost`, date: d.dueOn.replaceAll('-', ''), deadline: d, child: review.child, reviewId: review.id })),
	)
}

test('Priya’s feed holds one all-day event per open deadline of her children’s open reviews', async () => {
	const key = await createKey(PRIYA)
	const response = (await fetchFeed(key)) as Response
	expect(response.status).toBe(200)
	expect(response.headers.get('content-type')).toBe('text/calendar; charset=utf-8')
	const ics = await response.text()
	expect(ics.startsWith('BEGIN:VCALENDAR\r\nVERSION:2.0\r\n')).toBe(true)
	expect(ics).toContain('X-WR-CALNAME:EHC review deadlines\\, Priya Shah')
	for (const line of ics.split('\r\n')) expect(new TextEncoder().encode(line).length, line).toBeLessThanOrEqual(75)

	const events = parse(ics)
	const expected = await expectedEvents(PRIYA)
	expect(expected.length).toBeGreaterThan(3)
	expect(events.map((e) => e.UID).sort()).toEqual(expected.map((e) => e.uid).sort())
	for (const want of expected) {
		const event = events.find((e) => e.UID === want.uid)!
		expect(event['DTSTART;VALUE=DATE']).toBe(want.date)
		const who = `${want.child.firstName} ${want.child.lastName[0]}.`
		expect(event.SUMMARY).toMatch(
			new RegExp(`^(Review report due|Decision due|Amendment notice due|Representations close|Final plan due|Phase transfer plan due): `),
		)
		expect(event.SUMMARY).toContain(`${who} (${want.child.school!.name})`)
		// The child's surname is not in the calendar, only its initial.
		expect(event.SUMMARY).not.toContain(want.child.lastName.length > 1 ? want.child.lastName : '\u0000')
		expect(event.DESCRIPTION).toContain(want.deadline.rule)
		expect(event.DESCRIPTION).toContain(want.deadline.citation)
		expect(event.DESCRIPTION).toContain(`http://localhost:3000/reviews/${want.reviewId}`)
		expect(event.URL).toBe(`http://localhost:3000/reviews/${want.reviewId}`)
	}
	const decision = expected.find((e) => e.deadline.id === 'la_decision')
	if (decision)
		expect(events.find((e) => e.UID === decision.uid)!.SUMMARY).toBe(
			`Decision due: ${decision.child.firstName} ${decision.child.lastName[0]}. (${decision.child.school!.name})`,
		)
	// UIDs stay the same from one download to the next, so clients update events rather than duplicate them.
	const again = parse(await ((await fetchFeed(key)) as Response).text())
	expect(again.map((e) => e.UID)).toEqual(events.map((e) => e.UID))
})

test('another caseworker’s events never appear, and a reassigned child’s deadlines move with the child', async () => {
	const priyaKey = await createKey(PRIYA)
	const markKey = await createKey(MARK)
	const priyaUids = parse(await ((await fetchFeed(priyaKey)) as Response).text()).map((e) => e.UID!)
	const markUids = parse(await ((await fetchFeed(markKey)) as Response).text()).map((e) => e.UID!)
	expect(markUids.length).toBeGreaterThan(0)
	expect(priyaUids.filter((uid) => markUids.includes(uid))).toEqual([])
	expect(markUids.sort()).toEqual((await expectedEvents(MARK)).map((e) => e.uid).sort())
	// The manager has no children assigned: an empty calendar, not someone else's.
	const managerKey = await createKey(MANAGER)
	expect(parse(await ((await fetchFeed(managerKey)) as Response).text())).toEqual([])

	// Move one of Priya's children with an event to Mark.
	const priya = await prisma.user.findUniqueOrThrow({ where: { email: PRIYA }, select: { id: true } })
	const mark = await prisma.user.findUniqueOrThrow({ where: { email: MARK }, select: { id: true } })
	const reviewId = priyaUids[0]!.split('-')[0]!
	const { childId } = await prisma.annualReview.findUniqueOrThrow({ where: { id: reviewId }, select: { childId: true } })
	await prisma.child.update({ where: { id: childId }, data: { caseworkerId: mark.id } })
	const priyaAfter = parse(await ((await fetchFeed(priyaKey)) as Response).text()).map((e) => e.UID!)
	const markAfter = parse(await ((await fetchFeed(markKey)) as Response).text()).map((e) => e.UID!)
	expect(priyaAfter.some((uid) => uid.startsWith(`${reviewId}-`))).toBe(false)
	expect(markAfter.some((uid) => uid.startsWith(`${reviewId}-`))).toBe(true)
	await prisma.child.update({ where: { id: childId }, data: { caseworkerId: priya.id } })
})

test('the address is stored only as a hash; a new one stops the old; stopped or unknown addresses are 404', async () => {
	const cookie = await cookieFor(PRIYA)
	const user = await prisma.user.findUniqueOrThrow({ where: { email: PRIYA }, select: { id: true } })
	const since = new Date()
	const first = await createKey(PRIYA)
	const stored = (await prisma.user.findUniqueOrThrow({ where: { id: user.id }, select: { calendarKey: true } })).calendarKey
	expect(stored).toBe(createHash('sha256').update(first).digest('hex'))
	expect(stored).not.toContain(first)
	// The page says there is a link, but never shows it again.
	const page = (await run(calendar.loader, request('/calendar', { cookie }))) as Awaited<ReturnType<typeof calendar.loader>>
	expect(page.hasLink).toBe(true)
	expect(page.createdAt).toMatch(/\d{4} at /)
	expect(JSON.stringify(page)).not.toContain(first)

	const second = await createKey(PRIYA)
	expect(second).not.toBe(first)
	expect(await statusOf(feed.loader, request(`/calendar/${first}.ics`), { feed: `${first}.ics` })).toBe(404)
	expect(((await fetchFeed(second)) as Response).status).toBe(200)

	const stopped = (await run(calendar.action, request('/calendar', { cookie, form: { intent: 'revoke' } }))) as { revoked: boolean }
	expect(stopped.revoked).toBe(true)
	expect(await statusOf(feed.loader, request(`/calendar/${second}.ics`), { feed: `${second}.ics` })).toBe(404)
	expect((await prisma.user.findUniqueOrThrow({ where: { id: user.id }, select: { calendarKey: true } })).calendarKey).toBeNull()
	expect(((await run(calendar.loader, request('/calendar', { cookie }))) as { hasLink: boolean }).hasLink).toBe(false)

	for (const name of ['nope.ics', `${'A'.repeat(43)}.ics`, `${second}`, `${second}.txt`, `${second}x.ics`]) {
		expect(await statusOf(feed.loader, request(`/calendar/${name}`), { feed: name }), name).toBe(404)
	}
	const events = await prisma.auditEvent.findMany({
		where: { userId: user.id, action: { in: ['calendar.create', 'calendar.revoke'] }, at: { gte: since } },
		orderBy: { at: 'asc' },
		select: { action: true, details: true },
	})
	expect(events.map((e) => e.action)).toEqual(['calendar.create', 'calendar.create', 'calendar.revoke'])
	expect(events[1]!.details).toBe('replaced the previous link')

	// A user who leaves (deactivated) takes their feed with them.
	const third = await createKey(PRIYA)
	await prisma.user.update({ where: { id: user.id }, data: { active: false } })
	expect(await statusOf(feed.loader, request(`/calendar/${third}.ics`), { feed: `${third}.ics` })).toBe(404)
	await prisma.user.update({ where: { id: user.id }, data: { active: true } })
	expect(((await fetchFeed(third)) as Response).status).toBe(200)
})

test('only caseworkers and managers have a calendar page', async () => {
	for (const email of ['senco@oakfield-primary.example.org', 'admin@kent.example.gov.uk']) {
		const cookie = await cookieFor(email)
		expect(await statusOf(calendar.loader, request('/calendar', { cookie })), email).toBe(403)
		expect(await statusOf(calendar.action, request('/calendar', { cookie, form: { intent: 'create' } })), email).toBe(403)
	}
	expect(
		await prisma.user.count({ where: { email: { in: ['senco@oakfield-primary.example.org', 'admin@kent.example.gov.uk'] }, calendarKey: { not: null } } }),
	).toBe(0)
	expectRedirect(await run(calendar.loader, request('/calendar')), /^\/sign-in/)
	expect(await statusOf(calendar.action, request('/calendar', { cookie: await cookieFor(PRIYA), form: { intent: 'something' } }))).toBe(400)
})
