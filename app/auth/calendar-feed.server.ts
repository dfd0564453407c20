/**
 * Caseworkers' deadline feeds: a secret, revocable iCalendar address per user.
 *
 * The key is 32 random bytes (base64url) and is the only credential a calendar client sends, so it is
 * treated like a password: the database keeps only its SHA-256 (User.calendarKey), and the full address is
 * shown once, right after it is created. A stolen database or backup therefore yields no working feed
 * address, and the address does not sit in every later page. Someone who loses it stops it and makes a new
 * one (which is also what to do if it leaks). A key of 256 random bits needs no slow hash or salt.
 */
import { createHash, randomBytes } from 'node:crypto'
import { audit } from '#app/auth/audit.server.ts'
import { prisma } from '#app/db/db.server.ts'
import { todayInLondon } from '#app/domain/calendar-date.ts'
import { CLOCK_FACTS_SELECT, clocksFor } from '#app/domain/review-facts.ts'
import { OPEN_REVIEW_STATUSES } from '#app/domain/review-status.ts'
import type { DeadlineId } from '#app/domain/statutory-clock.ts'
import { env } from '#app/env.server.ts'
import { buildCalendar, type CalendarEvent } from '#app/lib/ical.ts'

/** Who may have a feed: the people who work a caseload. */
export const CALENDAR_ROLES = ['CASEWORKER', 'MANAGER'] as const

const KEY_PATTERN = /^[A-Za-z0-9_-]{43}$/

export const hashCalendarKey = (key: string) => createHash('sha256').update(key).digest('hex')

function newCalendarKey(): { key: string; hash: string } {
	const key = randomBytes(32).toString('base64url')
	return { key, hash: hashCalendarKey(key) }
}

function calendarUrl(key: string): string {
	return new URL(`/calendar/${key}.ics`, env.APP_URL).toString()
}

/** Whether the user has a feed address, and when it was created (from its audit event). */
export async function calendarLinkOf(userId: string) {
	const [row, created] = await Promise.all([
		prisma.user.findUniqueOrThrow({ where: { id: userId }, select: { calendarKey: true } }),
		prisma.auditEvent.findFirst({ where: { userId, action: 'calendar.create' }, orderBy: { at: 'desc' }, select: { at: true } }),
	])
	return { hasLink: row.calendarKey !== null, createdAt: row.calendarKey !== null && created ? created.at : null }
}

/** A new feed address for the user, to show once; `replaced` when it stopped an earlier one. */
export async function createCalendarLink(request: Request, userId: string) {
	const { key, hash } = newCalendarKey()
	// Replacing the stored hash stops the old address at once.
	const before = await prisma.$transaction(async (tx) => {
		const previous = await tx.user.findUniqueOrThrow({ where: { id: userId }, select: { calendarKey: true } })
		await tx.user.update({ where: { id: userId }, data: { calendarKey: hash } })
		await audit(
			request,
			userId,
			'calendar.create',
			{ entityType: 'User', entityId: userId, details: previous.calendarKey ? 'replaced the previous link' : '' },
			tx,
		)
		return previous
	})
	return { url: calendarUrl(key), replaced: before.calendarKey !== null }
}

/** Stops the user's feed address: calendars that use it stop updating. */
export async function stopCalendarLink(request: Request, userId: string) {
	await prisma.$transaction(async (tx) => {
		await tx.user.update({ where: { id: userId }, data: { calendarKey: null } })
		await audit(request, userId, 'calendar.revoke', { entityType: 'User', entityId: userId }, tx)
	})
}

/** The deadlines the council acts on (or waits for), with the words that start each event's title. */
const FEED_DEADLINES: Partial<Record<DeadlineId, string>> = {
	review_report: 'Review report due',
	la_decision: 'Decision due',
	amendment_notice: 'Amendment notice due',
	representations: 'Representations close',
	final_plan: 'Final plan due',
	phase_transfer: 'Phase transfer plan due',
}

/**
 * The feed for a key, or null for an unknown or revoked key (or a user who no longer works a caseload).
 * One all-day event per open deadline of the open reviews of the children assigned to the key's owner.
 * Titles carry the child's first name and initial only: calendars are synced to phones and other services.
 */
export async function calendarFeed(key: string, now: Date): Promise<string | null> {
	if (!KEY_PATTERN.test(key)) return null
	const user = await prisma.user.findUnique({
		where: { calendarKey: hashCalendarKey(key) },
		select: { id: true, name: true, active: true, laId: true, la: { select: { name: true } }, roles: { select: { role: true } } },
	})
	if (!user || !user.active || !user.laId || !user.roles.some((r) => (CALENDAR_ROLES as readonly string[]).includes(r.role))) return null
	const reviews = await prisma.annualReview.findMany({
		// The children assigned to the key's owner, in the owner's council: nobody else's.
		where: { status: { in: OPEN_REVIEW_STATUSES }, laId: user.laId, child: { caseworkerId: user.id, laId: user.laId } },
		orderBy: { id: 'asc' },
		select: {
			id: true,
			...CLOCK_FACTS_SELECT,
			school: { select: { name: true } },
			child: { select: { ...CLOCK_FACTS_SELECT.child.select, firstName: true, lastName: true, school: { select: { name: true } } } },
		},
	})
	const today = todayInLondon(now)
	const host = new URL(env.APP_URL).hostname
	const events: CalendarEvent[] = []
	for (const review of reviews) {
		const { child } = review
		const who = `${child.firstName} ${child.lastName.slice(0, 1)}.`
		const school = child.school?.name ?? review.school?.name
		const link = new URL(`/reviews/${review.id}`, env.APP_URL).toString()
		for (const deadline of clocksFor(review, today).deadlines) {
			const prefix = FEED_DEADLINES[deadline.id]
			if (!prefix || deadline.state === 'met') continue
			events.push({
				// Stable per review and deadline: a client updates the event when the date moves.
				uid: `${review.id}-${deadline.id}@${host}`,
				date: deadline.dueOn,
				summary: `${prefix}: ${who}${school ? ` (${school})` : ''}`,
				description: `${deadline.label}. ${deadline.rule} (${deadline.citation})\n${link}`,
				url: link,
			})
		}
	}
	return buildCalendar({
		productId: `-//${user.la?.name ?? 'Council'}//EHC annual reviews//EN`,
		name: `EHC review deadlines, ${user.name}`,
		events,
		now,
	})
}
