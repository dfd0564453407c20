// Seeds demo data into DATABASE_URL (default file:./data/portal.db), once: a database that already has a council
// is left alone, so `npm run setup` can run this every time.
//
//   npx tsx prisma/seed.ts                       the demo: Kent with 10 schools and about 200 children, and Medway
//   npx tsx prisma/seed.ts --scale kent          Kent at full scale: about 600 schools and 21,000 children
//   npx tsx prisma/seed.ts --today 2026-11-23    dates relative to another day (default: today in England)
//
// Apply the migrations first (npm run db:migrate:deploy).
import fs from 'node:fs'
import path from 'node:path'
import { parseArgs } from 'node:util'
import { isIsoDate, todayInLondon } from '#app/domain/calendar-date.ts'
import { DEMO_PARENT_EMAIL, DEMO_PASSWORD, DEMO_USERS, seed, type SeedScale } from './seed-data.ts'

const DEFAULT_DATABASE_URL = 'file:./data/portal.db'

function usage(message: string): never {
	console.error(`${message}\nUsage: npx tsx prisma/seed.ts [--scale demo|kent] [--today YYYY-MM-DD]`)
	process.exit(2)
}

const { values } = (() => {
	try {
		return parseArgs({ options: { scale: { type: 'string', default: 'demo' }, today: { type: 'string' } }, strict: true })
	} catch (error) {
		usage((error as Error).message)
	}
})()
const scale = values.scale as SeedScale
if (scale !== 'demo' && scale !== 'kent') usage(`--scale must be demo or kent, not ${JSON.stringify(values.scale)}`)
const today = values.today ?? todayInLondon(new Date())
if (!isIsoDate(today)) usage(`--today must be a date written YYYY-MM-DD, not ${JSON.stringify(today)}`)

// app/db/db.server.ts also opens a client from DATABASE_URL when imported: give it the same database.
const url = (process.env.DATABASE_URL ||= DEFAULT_DATABASE_URL)
const sqliteFile = url.startsWith('file:') ? url.slice('file:'.length).split('?')[0]! : null
if (sqliteFile && sqliteFile !== ':memory:') fs.mkdirSync(path.dirname(path.resolve(sqliteFile)), { recursive: true })

const { createPrisma, prisma: appClient } = await import('#app/db/db.server.ts')
const prisma = await createPrisma(url)
const number = (n: number) => n.toLocaleString('en-GB')

/**
 * The demo's parent (docs/decisions/017-family-access.md): the parent of an Oakfield child whose review has an
 * amendment notice out (or else a draft review), with a fixed address, named for the child as an invitation would.
 */
async function seedDemoParent() {
	const oakfield = DEMO_USERS.find((u) => u.school === 'Oakfield Primary School')!
	const senco = await prisma.user.findUniqueOrThrow({ where: { email: oakfield.email }, select: { schoolId: true } })
	const pick = (status: string) =>
		prisma.child.findFirst({
			where: { schoolId: senco.schoolId, yearGroup: { lt: 9 }, reviews: { some: { status } } },
			orderBy: [{ lastName: 'asc' }, { firstName: 'asc' }, { id: 'asc' }],
			select: { id: true, firstName: true, lastName: true, parentName: true },
		})
	const child = (await pick('REPRESENTATIONS')) ?? (await pick('NOTICE_ISSUED')) ?? (await pick('DRAFT'))
	if (!child) return null
	const name = child.parentName || 'Parent or carer'
	await prisma.child.update({ where: { id: child.id }, data: { parentEmail: DEMO_PARENT_EMAIL } })
	const user = await prisma.user.create({ data: { email: DEMO_PARENT_EMAIL, name, roles: { create: { role: 'FAMILY' } } }, select: { id: true } })
	await prisma.familyMember.create({ data: { childId: child.id, userId: user.id, relationship: 'PARENT' } })
	return { name, childName: `${child.firstName} ${child.lastName}` }
}

try {
	let councils: number
	try {
		councils = await prisma.localAuthority.count()
	} catch (error) {
		const reason = (error as Error).message
			.split('\n')
			.map((line) => line.trim())
			.filter(Boolean)
			.at(-1)
		console.error(`Cannot read the database: ${reason}\nApply the migrations first: npm run db:migrate:deploy`)
		process.exitCode = 1
		throw error
	}
	if (councils > 0) {
		console.log('Database already seeded; nothing to do')
	} else {
		const started = performance.now()
		console.log(`Seeding ${scale} data relative to ${today}...`)
		let lastReport = 0
		const summary = await seed(prisma, {
			scale,
			today,
			onProgress: (done, total) => {
				// A line per 2,000 children (and the last), so a long run shows it is moving.
				if (done === total || done - lastReport >= 2_000) {
					console.log(`Seeded ${number(done)} of ${number(total)} children`)
					lastReport = done
				}
			},
		})
		const seconds = ((performance.now() - started) / 1000).toFixed(1)
		const statuses = Object.entries(summary.reviewsByStatus)
			.map(([status, count]) => `${status} ${number(count)}`)
			.join(', ')
		console.log(
			`Seeded ${number(summary.localAuthorities)} councils, ${number(summary.schools)} schools, ${number(summary.users)} users, ` +
				`${number(summary.children)} children, ${number(summary.planVersions)} plan versions and ${number(summary.reviews)} reviews (${statuses}) in ${seconds}s.`,
		)
		console.log(`${number(summary.overduePlans)} plans are past their review date with no meeting held.`)
		console.log(`\nSign in with any of these (password ${DEMO_PASSWORD}):`)
		for (const user of DEMO_USERS) console.log(`  ${user.email.padEnd(40)} ${user.roles.join(', ')}${user.school ? `, ${user.school}` : ''} (${user.la})`)
		if (scale === 'demo') {
			const parent = await seedDemoParent()
			if (parent)
				console.log(
					`\nA parent (${parent.name}, of ${parent.childName} at Oakfield) signs in without a password: at /family/sign-in enter ${DEMO_PARENT_EMAIL},\nthen open the link the portal saves in the outbox folder (${process.env.OUTBOX_DIR ?? './data/outbox'}).`,
				)
		}
	}
} catch (error) {
	if (!process.exitCode) {
		console.error(error)
		process.exitCode = 1
	}
} finally {
	await prisma.$disconnect()
	await appClient.$disconnect()
}
