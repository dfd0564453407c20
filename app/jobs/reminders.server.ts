// Daily reminders: for every open review, work out its statutory clocks and write (once each, through the
// outbox) the reminders a caseworker needs before a deadline passes, and the notices that one has passed.
// Each reminder has a dedupe key (reminder:<reviewId>:<deadlineId>:<kind>[:manager:<userId>]), so running
// the job twice on a day, or on two instances, writes nothing twice.
import { prisma } from '#app/db/db.server.ts'
import { todayInLondon, type IsoDate } from '#app/domain/calendar-date.ts'
import { CLOCK_FACTS_SELECT, reviewFacts } from '#app/domain/review-facts.ts'
import { OPEN_REVIEW_WHERE } from '#app/domain/review-lifecycle.ts'
import { computeDeadlines, type Deadline, type DeadlineId } from '#app/domain/statutory-clock.ts'
import { enqueueEmail, type OutgoingEmail } from '#app/email/enqueue.server.ts'
import { refreshNextDeadlines } from '#app/jobs/deadlines.server.ts'
import { sweepOrphanFiles } from '#app/storage/orphans.server.ts'
import type { TemplateName } from '#emails/index.ts'

/** The decision reminder goes when this many days are left (or fewer, if the job did not run that day). */
export const DECISION_REMINDER_DAYS = 5
/**
 * 'Overdue' and 'missed' notices are written only in the first days after the deadline. The job catches up
 * after a few days' outage, but the first run on a council's existing caseload does not send every
 * caseworker and manager one email per deadline missed in past years (the caseload shows those).
 */
export const MISSED_NOTICE_WINDOW_DAYS = 14
const PAGE_SIZE = 500
const LA_DEADLINES: ReadonlySet<DeadlineId> = new Set(['la_decision', 'amendment_notice', 'final_plan'])

const reviewSelect = {
	id: true,
	laId: true,
	...CLOCK_FACTS_SELECT,
	school: { select: { name: true } },
	child: {
		select: {
			...CLOCK_FACTS_SELECT.child.select,
			firstName: true,
			lastName: true,
			caseworker: { select: { id: true, name: true, email: true, active: true } },
		},
	},
} as const

type ReviewRow = Awaited<ReturnType<typeof loadPage>>[number]
interface Person {
	id: string
	name: string
	email: string
}

function loadPage(afterId: string | null) {
	return prisma.annualReview.findMany({
		// Every reminder here is about a deadline that runs from the meeting, so reviews without one are skipped.
		where: { ...OPEN_REVIEW_WHERE, meetingOn: { not: null }, ...(afterId ? { id: { gt: afterId } } : {}) },
		orderBy: { id: 'asc' },
		take: PAGE_SIZE,
		select: reviewSelect,
	})
}

/** Writes today's reminders for every open review, a page at a time; returns how many messages were written. */
export async function writeDailyReminders(options: { today: IsoDate }): Promise<{ written: number }> {
	const { today } = options
	const managersByLa = new Map<string, Person[]>()
	const managersOf = async (laId: string) => {
		let managers = managersByLa.get(laId)
		if (!managers) {
			managers = await prisma.user.findMany({
				where: { laId, active: true, roles: { some: { role: 'MANAGER' } } },
				orderBy: { email: 'asc' },
				select: { id: true, name: true, email: true },
			})
			managersByLa.set(laId, managers)
		}
		return managers
	}

	let written = 0
	let afterId: string | null = null
	for (;;) {
		const page = await loadPage(afterId)
		for (const review of page) written += await remindersFor(review, today, managersOf)
		if (page.length < PAGE_SIZE) break
		afterId = page[page.length - 1]!.id
	}
	return { written }
}

async function remindersFor(review: ReviewRow, today: IsoDate, managersOf: (laId: string) => Promise<Person[]>): Promise<number> {
	const deadlines = computeDeadlines(reviewFacts(review, today))
	const byId = new Map(deadlines.map((d) => [d.id, d]))
	const decision = byId.get('la_decision')
	const meetingOn = review.meetingOn!
	const caseworker = review.child.caseworker?.active ? review.child.caseworker : null
	const child = { firstName: review.child.firstName, lastName: review.child.lastName }
	const common = { reviewId: review.id, child, schoolName: review.school?.name ?? null, caseworkerName: caseworker?.name ?? null }
	const recentlyMissed = (d: Deadline | undefined): d is Deadline =>
		d !== undefined && d.state === 'missed' && d.daysLate !== null && d.daysLate <= MISSED_NOTICE_WINDOW_DAYS

	let written = 0
	/** To the caseworker; to the council's managers as well when `alsoManagers`, or instead when nobody is assigned. */
	const send = async <Name extends TemplateName>(
		key: string,
		template: Name,
		payloadFor: (audience: 'CASEWORKER' | 'MANAGER') => OutgoingEmail<Name>['payload'],
		alsoManagers = false,
	) => {
		const recipients: Array<{ person: Person; audience: 'CASEWORKER' | 'MANAGER'; dedupeKey: string }> = []
		if (caseworker) recipients.push({ person: caseworker, audience: 'CASEWORKER', dedupeKey: key })
		if (!caseworker || alsoManagers)
			for (const manager of await managersOf(review.laId))
				if (manager.id !== caseworker?.id) recipients.push({ person: manager, audience: 'MANAGER', dedupeKey: `${key}:manager:${manager.id}` })
		for (const { person, audience, dedupeKey } of recipients) {
			const message: OutgoingEmail<Name> = {
				to: person.email,
				toName: person.name,
				template,
				payload: payloadFor(audience),
				reviewId: review.id,
				dedupeKey,
			}
			if (await enqueueOnce(message)) written++
		}
	}

	if (decision && (decision.state === 'due' || decision.state === 'due_soon') && decision.daysLeft <= DECISION_REMINDER_DAYS) {
		await send(`reminder:${review.id}:la_decision:due-soon`, 'reminder-decision-due', (audience) => ({
			...common,
			audience,
			meetingOn,
			decisionDueOn: decision.dueOn,
			daysLeft: decision.daysLeft,
			reportReceivedOn: review.reportReceivedOn,
		}))
	}

	const report = byId.get('review_report')
	if (recentlyMissed(report) && decision) {
		await send(`reminder:${review.id}:review_report:overdue`, 'reminder-report-overdue', (audience) => ({
			...common,
			audience,
			meetingOn,
			reportDueOn: report.dueOn,
			daysLate: report.daysLate!,
			decisionDueOn: decision.dueOn,
		}))
	}

	for (const deadline of deadlines) {
		if (!LA_DEADLINES.has(deadline.id) || !recentlyMissed(deadline)) continue
		await send(
			`reminder:${review.id}:${deadline.id}:missed`,
			'reminder-deadline-missed',
			(audience) => ({
				...common,
				audience,
				deadline: deadline.id as 'la_decision' | 'amendment_notice' | 'final_plan',
				dueOn: deadline.dueOn,
				daysLate: deadline.daysLate!,
			}),
			true,
		)
	}
	return written
}

/** Writes the message unless its dedupe key exists; a concurrent run that wrote it first is not an error. */
async function enqueueOnce<Name extends TemplateName>(message: OutgoingEmail<Name>): Promise<boolean> {
	try {
		return (await enqueueEmail(prisma, message)) !== null
	} catch (error) {
		if ((error as { code?: unknown }).code === 'P2002') return false
		throw error
	}
}

/**
 * Runs the next-deadline refresh and the reminders at start-up and then once a day: an hourly check does nothing if today's run (in
 * Europe/London) is done. The last run date is kept in memory; after a restart the run repeats, harmlessly.
 */
export function startReminderJob(checkEveryMs = 60 * 60_000): { stop: () => Promise<void> } {
	let lastRunOn: IsoDate | null = null
	let running = false
	let current: Promise<void> = Promise.resolve()
	let stopped = false
	const check = async () => {
		const today = todayInLondon(new Date())
		if (stopped || running || lastRunOn === today) return
		running = true
		try {
			// First the stored next deadlines the calendar has moved on (the caseload's order), then the reminders.
			await refreshNextDeadlines(prisma, { today })
			await writeDailyReminders({ today })
			lastRunOn = today
		} catch (error) {
			console.error('Daily reminders failed; they will be tried again within the hour.', error)
		}
		try {
			// Then files a crash left without their row (app/storage/orphans.server.ts).
			const swept = await sweepOrphanFiles()
			if (swept.files || swept.temporary) console.info(`Removed ${swept.files} stored files no row names and ${swept.temporary} temporary files`)
		} catch (error) {
			console.warn('Could not remove files without their row; tried again within the hour.', error)
		} finally {
			running = false
		}
	}
	current = check()
	const timer = setInterval(() => {
		if (!running) current = check()
	}, checkEveryMs)
	timer.unref()
	return {
		// Waits for a run in progress (writing the same reminders again is harmless: each has its dedupe key).
		async stop() {
			stopped = true
			clearInterval(timer)
			await current
		},
	}
}
