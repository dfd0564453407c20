// Demo and benchmark data: a Kent-like council (Kent County Council, '886') with its schools, staff and children
// with EHC plans, every annual review state, a year of closed reviews for the timeliness figures, and a small
// second council (Medway, '887') so that tests can prove one council never sees another's records.
//
// Deterministic: a seeded PRNG (mulberry32) drives every choice, so the same options give the same data, ids
// included. Every date is relative to `today`, and every plan's review date comes from the statutory clock
// (app/domain/statutory-clock.ts), so the seeded facts obey the same rules as the portal.
//
// Fast at Kent scale (21,000 children): rows are generated in memory per chunk of children with their own ids,
// then written with multi-row INSERTs, one transaction per chunk, in foreign-key order.
import { hashPassword } from '#app/auth/password.server.ts'
import { bulkInsert } from '#app/db/bulk-insert.server.ts'
import { providerOf } from '#app/db/factory.server.ts'
import { addDays, addMonths, compareDates, daysBetween, isIsoDate, parseIsoDate, toIsoDate, type IsoDate } from '#app/domain/calendar-date.ts'
import type { Role } from '#app/domain/permissions.ts'
import { REVIEW_STATUSES, type ReviewStatus } from '#app/domain/review-status.ts'
import { nextReviewDueOn } from '#app/domain/statutory-clock.ts'
import { pastCompulsorySchoolAge, youngPersonFrom } from '#app/domain/young-person.ts'
import type { Prisma, PrismaClient } from '#app/generated/sqlite/client.ts'
import { refreshNextDeadlines } from '#app/jobs/deadlines.server.ts'

// ---------------------------------------------------------------------------------------------------------------
// Public API

export type SeedScale = 'demo' | 'kent'

export interface SeedOptions {
	scale: SeedScale
	/** The day the data is relative to ('YYYY-MM-DD'), e.g. todayInLondon(new Date()). */
	today: string
	/** Called after each chunk of children is written. */
	onProgress?: (done: number, total: number) => void
}

export interface SeedSummary {
	scale: SeedScale
	today: string
	localAuthorities: number
	schools: number
	users: number
	children: number
	plans: number
	planVersions: number
	reviews: number
	reviewsByStatus: Record<ReviewStatus, number>
	/** Plans whose annual review date has passed with no meeting held yet. */
	overduePlans: number
	decisions: number
	amendmentNotices: number
	finalPlans: number
	representations: number
	amendmentProposals: number
}

/** Every seeded user has this password (the hash is computed once and shared). */
export const DEMO_PASSWORD = 'Annual-Review-2026'

export interface DemoUser {
	email: string
	name: string
	roles: readonly Role[]
	/** The SENCo's school (null for council staff). */
	school: string | null
	/** The council: the user's own (council staff) or their school's (SENCo). */
	la: string
	laCode: string
}

const KENT = { name: 'Kent County Council', code: '886' } as const
const MEDWAY = { name: 'Medway Council', code: '887' } as const

/** The logins for the README, the journeys and the tests. Every one has the password DEMO_PASSWORD. */
/** The demo's parent (prisma/seed.ts): a family member signs in by an emailed link, not a password. */
export const DEMO_PARENT_EMAIL = 'parent@example.org'

export const DEMO_USERS: readonly DemoUser[] = [
	{
		email: 'senco@oakfield-primary.example.org',
		name: 'Helen Carter',
		roles: ['SENCO'],
		school: 'Oakfield Primary School',
		la: KENT.name,
		laCode: KENT.code,
	},
	{ email: 'senco@highfield-academy.example.org', name: 'James Osei', roles: ['SENCO'], school: 'Highfield Academy', la: KENT.name, laCode: KENT.code },
	{ email: 'caseworker@kent.example.gov.uk', name: 'Priya Shah', roles: ['CASEWORKER'], school: null, la: KENT.name, laCode: KENT.code },
	{ email: 'manager@kent.example.gov.uk', name: 'Daniel Okafor', roles: ['MANAGER'], school: null, la: KENT.name, laCode: KENT.code },
	{ email: 'admin@kent.example.gov.uk', name: 'Sam Whitfield', roles: ['ADMIN'], school: null, la: KENT.name, laCode: KENT.code },
	{
		email: 'senco@medway-school.example.org',
		name: 'Joanne Fletcher',
		roles: ['SENCO'],
		school: 'Riverbank Primary School',
		la: MEDWAY.name,
		laCode: MEDWAY.code,
	},
]

const SCALES = {
	demo: { kentChildren: 200, generatedSchools: { PRIMARY: 0, SECONDARY: 0, SPECIAL: 0, POST16: 0 }, generatedCaseworkers: 0, chunk: 250 },
	// Kent: about 21,000 plans, about 600 schools, caseloads of about 200 (../shared/domain/annual-reviews.md, "Scale").
	kent: { kentChildren: 21_000, generatedSchools: { PRIMARY: 452, SECONDARY: 102, SPECIAL: 22, POST16: 14 }, generatedCaseworkers: 87, chunk: 1_000 },
} as const

const MEDWAY_CHILDREN = 5

/**
 * Seeds an empty, migrated database. Throws if a council already exists (prisma/seed.ts checks first and
 * says so), because mixing demo data into a live database must never happen by accident.
 */
export async function seed(prisma: PrismaClient, options: SeedOptions): Promise<SeedSummary> {
	if (!isIsoDate(options.today)) throw new RangeError(`seed: today must be a date written YYYY-MM-DD, got ${JSON.stringify(options.today)}`)
	if (!(options.scale in SCALES)) throw new RangeError(`seed: scale must be 'demo' or 'kent', got ${JSON.stringify(options.scale)}`)
	if ((await prisma.localAuthority.count()) > 0) throw new Error('seed: the database already has a council; seed only an empty database')

	const passwordHash = await hashPassword(DEMO_PASSWORD)
	const world = buildWorld(options.scale, options.today)
	const summary = emptySummary(options)

	await prisma.$transaction([
		prisma.localAuthority.createMany({ data: world.las }),
		prisma.school.createMany({ data: world.schools.map(schoolRow) }),
		prisma.user.createMany({ data: world.users.map((u) => userRow(u, passwordHash)) }),
		prisma.userRole.createMany({ data: world.users.flatMap((u) => u.roles.map((role) => ({ userId: u.id, role }))) }),
	])
	summary.localAuthorities = world.las.length
	summary.schools = world.schools.length
	summary.users = world.users.length

	const total = world.children.length
	const chunkSize = SCALES[options.scale].chunk
	for (let start = 0; start < total; start += chunkSize) {
		const rows = new ChunkRows()
		for (const child of world.children.slice(start, start + chunkSize)) generateChild(world, child, rows)
		await writeChunk(prisma, rows)
		rows.count(summary)
		options.onProgress?.(Math.min(start + chunkSize, total), total)
		// libsql frees a statement's native memory in a finaliser that runs on a later turn of the event loop; a
		// loop of awaited writes never yields one, so without this the seed holds every statement it ran (~1.8 GB).
		await new Promise((resolve) => setImmediate(resolve))
	}
	// The next deadlines written above are close; the statutory clock makes them exact, as the daily job does.
	await refreshNextDeadlines(prisma, { today: options.today })
	return summary
}

function emptySummary(options: SeedOptions): SeedSummary {
	return {
		scale: options.scale,
		today: options.today,
		localAuthorities: 0,
		schools: 0,
		users: 0,
		children: 0,
		plans: 0,
		planVersions: 0,
		reviews: 0,
		reviewsByStatus: Object.fromEntries(REVIEW_STATUSES.map((s) => [s, 0])) as Record<ReviewStatus, number>,
		overduePlans: 0,
		decisions: 0,
		amendmentNotices: 0,
		finalPlans: 0,
		representations: 0,
		amendmentProposals: 0,
	}
}

// ---------------------------------------------------------------------------------------------------------------
// Randomness and ids

/** mulberry32: a small, fast PRNG with a 32-bit state; good enough for demo data and fully reproducible. */
class Random {
	private state: number
	constructor(seed: number) {
		this.state = seed >>> 0
	}
	next(): number {
		this.state = (this.state + 0x6d2b79f5) >>> 0
		let t = this.state
		t = Math.imul(t ^ (t >>> 15), t | 1)
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296
	}
	/** A whole number from min to max inclusive. */
	int(min: number, max: number): number {
		return min + Math.floor(this.next() * (max - min + 1))
	}
	chance(p: number): boolean {
		return this.next() < p
	}
	pick<T>(items: readonly T[]): T {
		return items[Math.floor(this.next() * items.length)]!
	}
	weighted<T>(items: readonly (readonly [T, number])[]): T {
		const total = items.reduce((sum, [, w]) => sum + w, 0)
		let r = this.next() * total
		for (const [item, w] of items) {
			r -= w
			if (r < 0) return item
		}
		return items[items.length - 1]![0]
	}
	sample<T>(items: readonly T[], n: number): T[] {
		const copy = [...items]
		const out: T[] = []
		while (out.length < n && copy.length) out.push(copy.splice(Math.floor(this.next() * copy.length), 1)[0]!)
		return out
	}
	/** A date from `from` to `to` inclusive. */
	date(from: IsoDate, to: IsoDate): IsoDate {
		const span = daysBetween(from, to)
		return span <= 0 ? from : addDays(from, this.int(0, span))
	}
}

function hashString(text: string): number {
	let h = 0x811c9dc5
	for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193)
	return h >>> 0
}

/** A bijection on 32-bit integers (xorshift-multiply), so distinct counters give distinct id prefixes. */
function mix32(x: number): number {
	x ^= x >>> 16
	x = Math.imul(x, 0x7feb352d)
	x ^= x >>> 15
	x = Math.imul(x, 0x846ca68b)
	x ^= x >>> 16
	return x >>> 0
}

/** cuid-shaped ids ('c' + 24 base-36 characters): unique (a counter, mixed) and reproducible. */
class Ids {
	private counter = 0
	private readonly random: Random
	constructor(private readonly salt: number) {
		this.random = new Random(salt ^ 0x5bd1e995)
	}
	next(): string {
		this.counter += 1
		const head = mix32((this.counter ^ this.salt) >>> 0)
			.toString(36)
			.padStart(7, '0')
		let tail = ''
		for (let i = 0; i < 3; i++)
			tail += Math.floor(this.random.next() * 36 ** 6)
				.toString(36)
				.padStart(6, '0')
		return `c${head}${tail.slice(0, 17)}`
	}
}

// ---------------------------------------------------------------------------------------------------------------
// Dates

const minDate = (a: IsoDate, b: IsoDate) => (compareDates(a, b) <= 0 ? a : b)
const maxDate = (a: IsoDate, b: IsoDate) => (compareDates(a, b) >= 0 ? a : b)
const before = (a: IsoDate, b: IsoDate) => compareDates(a, b) < 0

/** The first day (1 September) of the academic year that `date` falls in. */
function academicYearStart(date: IsoDate): number {
	const { year, month } = parseIsoDate(date)
	return month >= 9 ? year : year - 1
}

/** An instant on a calendar date: hours 08-16 UTC are the same date in Europe/London all year. */
function at(date: IsoDate, hour: number, minute = 0): Date {
	return new Date(`${date}T${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}:00.000Z`)
}

function monthYear(date: IsoDate): string {
	const { year, month } = parseIsoDate(date)
	return `${MONTHS[month - 1]} ${year}`
}
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December']

function longDate(date: IsoDate): string {
	const { year, month, day } = parseIsoDate(date)
	return `${day} ${MONTHS[month - 1]} ${year}`
}

// ---------------------------------------------------------------------------------------------------------------
// Names: grouped by heritage so that first names and surnames go together as they mostly do in Kent's schools.

interface NameGroup {
	weight: number
	girls: readonly string[]
	boys: readonly string[]
	surnames: readonly string[]
	women: readonly string[]
	men: readonly string[]
}

const NAME_GROUPS: readonly NameGroup[] = [
	{
		weight: 62,
		girls: [
			'Olivia',
			'Ava',
			'Isla',
			'Freya',
			'Grace',
			'Lily',
			'Poppy',
			'Evie',
			'Maisie',
			'Ruby',
			'Daisy',
			'Florence',
			'Willow',
			'Phoebe',
			'Millie',
			'Harper',
			'Ella',
			'Chloe',
			'Holly',
			'Erin',
			'Scarlett',
			'Imogen',
			'Megan',
			'Niamh',
			'Caitlin',
			'Seren',
			'Matilda',
			'Rosie',
			'Esme',
			'Beatrice',
			'Thea',
			'Mia',
			'Sienna',
			'Hannah',
			'Emily',
			'Charlotte',
			'Lottie',
			'Iris',
			'Aoife',
			'Zoë',
			'Elsie',
			'Harriet',
		],
		boys: [
			'Oliver',
			'George',
			'Harry',
			'Noah',
			'Jack',
			'Charlie',
			'Leo',
			'Oscar',
			'Alfie',
			'Freddie',
			'Archie',
			'Theo',
			'Arthur',
			'Henry',
			'Thomas',
			'Joshua',
			'William',
			'James',
			'Jacob',
			'Finley',
			'Teddy',
			'Reggie',
			'Tommy',
			'Ronnie',
			'Stanley',
			'Harrison',
			'Mason',
			'Logan',
			'Riley',
			'Ethan',
			'Dylan',
			'Callum',
			'Connor',
			'Kieran',
			'Rhys',
			'Owen',
			'Cian',
			'Jude',
			'Felix',
			'Max',
			'Toby',
			'Louie',
		],
		surnames: [
			'Smith',
			'Jones',
			'Taylor',
			'Brown',
			'Williams',
			'Wilson',
			'Johnson',
			'Davies',
			'Robinson',
			'Wright',
			'Thompson',
			'Evans',
			'Walker',
			'White',
			'Roberts',
			'Green',
			'Hall',
			'Wood',
			'Jackson',
			'Clarke',
			'Harris',
			'Lewis',
			'Turner',
			'Hill',
			'Cooper',
			'Ward',
			'Morris',
			'Moore',
			'Baker',
			'King',
			'Parker',
			'Morgan',
			'Allen',
			'Mitchell',
			'Bennett',
			'Hughes',
			'Edwards',
			'Carter',
			'Phillips',
			'Price',
			'Murphy',
			'Kelly',
			"O'Brien",
			"O'Connor",
			'Byrne',
			'Doyle',
			'McCarthy',
			'Campbell',
			'Stewart',
			'Fraser',
			'Griffiths',
			'Lloyd',
			'Rees',
			'Watts',
			'Hopkins',
			'Barnes',
			'Finch',
			'Mercer',
			'Chandler',
			'Holmes',
			'Webb',
			'Marsh',
			'Spencer',
			'Godden',
			'Hoad',
			'Kemsley',
			'Luckhurst',
			'Buss',
			'Pilcher',
			'Wickens',
			'Relf',
			'Cheeseman',
			'Kingsnorth',
			'Ashby',
			'Sayer',
			'Fagg',
		],
		women: [
			'Sarah',
			'Emma',
			'Laura',
			'Rebecca',
			'Gemma',
			'Kelly',
			'Claire',
			'Hayley',
			'Nicola',
			'Lisa',
			'Joanne',
			'Rachel',
			'Amy',
			'Kirsty',
			'Stacey',
			'Danielle',
			'Natalie',
			'Victoria',
			'Charlotte',
			'Jade',
			'Helen',
			'Katie',
			'Louise',
			'Michelle',
		],
		men: [
			'Mark',
			'Paul',
			'Lee',
			'Craig',
			'Darren',
			'Stuart',
			'Matthew',
			'Chris',
			'Daniel',
			'Ben',
			'Jamie',
			'Gary',
			'Richard',
			'Wayne',
			'Dean',
			'Ryan',
			'Steven',
			'Andrew',
			'Simon',
			'Neil',
		],
	},
	{
		weight: 7,
		girls: [
			'Amira',
			'Aisha',
			'Zainab',
			'Fatima',
			'Maryam',
			'Hafsa',
			'Inaya',
			'Nusrat',
			'Tasnim',
			'Sadia',
			'Ayesha',
			'Hana',
			'Yasmin',
			'Zara',
			'Noor',
			'Safa',
		],
		boys: ['Mohammed', 'Ibrahim', 'Yusuf', 'Ayaan', 'Zayn', 'Hamza', 'Bilal', 'Omar', 'Ali', 'Adam', 'Rayyan', 'Musa', 'Idris', 'Zakariya'],
		surnames: ['Khan', 'Ahmed', 'Hussain', 'Ali', 'Begum', 'Rahman', 'Islam', 'Uddin', 'Chowdhury', 'Miah', 'Akhtar', 'Iqbal', 'Malik', 'Qureshi'],
		women: ['Nasreen', 'Shabana', 'Rubina', 'Farzana', 'Salma', 'Ruksana', 'Nadia', 'Samina'],
		men: ['Imran', 'Asif', 'Tariq', 'Shahid', 'Kamran', 'Faisal', 'Abdul', 'Rashid'],
	},
	{
		weight: 6,
		girls: ['Priya', 'Simran', 'Jasleen', 'Harleen', 'Anika', 'Ishani', 'Diya', 'Riya', 'Anaya', 'Kiran', 'Meera', 'Saanvi'],
		boys: ['Arjun', 'Rohan', 'Aarav', 'Vihaan', 'Kabir', 'Dev', 'Harjot', 'Gurveer', 'Sai', 'Ishaan', 'Jasraj', 'Nikhil'],
		surnames: ['Patel', 'Singh', 'Kaur', 'Sharma', 'Gill', 'Sandhu', 'Dhillon', 'Bains', 'Kumar', 'Gupta', 'Mistry', 'Chauhan', 'Shah', 'Johal'],
		women: ['Sunita', 'Anita', 'Parminder', 'Rajinder', 'Manpreet', 'Sonia', 'Pooja', 'Kamaljit'],
		men: ['Rajesh', 'Sanjay', 'Harjit', 'Gurpreet', 'Vikram', 'Amit', 'Sukhdev', 'Ravi'],
	},
	{
		weight: 3,
		girls: ['Anisha', 'Sushmita', 'Pragya', 'Alisha', 'Srijana', 'Sabina', 'Asmita'],
		boys: ['Bikash', 'Prabin', 'Sujan', 'Aayush', 'Nabin', 'Roshan', 'Suraj'],
		surnames: ['Gurung', 'Rai', 'Limbu', 'Thapa', 'Tamang', 'Pun', 'Magar', 'Ghale'],
		women: ['Sarita', 'Kamala', 'Laxmi', 'Sita', 'Mina'],
		men: ['Bishnu', 'Ram', 'Dil', 'Hari', 'Krishna'],
	},
	{
		weight: 6,
		girls: ['Chiamaka', 'Adaeze', 'Ifeoma', 'Abena', 'Ama', 'Esi', 'Amara', 'Temi', 'Zainab', 'Ayo', 'Nia', 'Keisha', 'Tianna', 'Shanice'],
		boys: ['Kwame', 'Kofi', 'Chidi', 'Tobi', 'Emeka', 'Tunde', 'Jayden', 'Tyrese', 'Malachi', 'Kai', 'Femi', 'David', 'Samuel', 'Elijah'],
		surnames: [
			'Okafor',
			'Adeyemi',
			'Okonkwo',
			'Mensah',
			'Owusu',
			'Boateng',
			'Asante',
			'Adebayo',
			'Eze',
			'Nwosu',
			'Francis',
			'Joseph',
			'Grant',
			'Campbell',
			'Clarke',
			'Bailey',
		],
		women: ['Ngozi', 'Funmilayo', 'Adwoa', 'Akosua', 'Blessing', 'Grace', 'Marcia', 'Yvonne'],
		men: ['Chinedu', 'Oluwaseun', 'Kwabena', 'Yaw', 'Samuel', 'Delroy', 'Winston', 'Emmanuel'],
	},
	{
		weight: 2,
		girls: ['Hodan', 'Ayan', 'Sagal', 'Ifrah', 'Hibaq'],
		boys: ['Abdirahman', 'Mahad', 'Guled', 'Liban', 'Abdi'],
		surnames: ['Abdi', 'Mohamed', 'Warsame', 'Farah', 'Hassan', 'Osman'],
		women: ['Fadumo', 'Hawa', 'Khadra', 'Amina'],
		men: ['Ahmed', 'Abdullahi', 'Said', 'Yusuf'],
	},
	{
		weight: 7,
		girls: ['Maja', 'Zofia', 'Julia', 'Lena', 'Oliwia', 'Amelia', 'Alexandra', 'Ioana', 'Maria', 'Elena', 'Gabija', 'Emilija', 'Natalia', 'Wiktoria'],
		boys: ['Jakub', 'Szymon', 'Filip', 'Mateusz', 'Antoni', 'Andrei', 'Mihai', 'Luca', 'Matei', 'Lukas', 'Tomas', 'Kacper', 'Nikola', 'Dawid'],
		surnames: [
			'Nowak',
			'Wójcik',
			'Kowalczyk',
			'Mazur',
			'Krawczyk',
			'Zając',
			'Kaczmarek',
			'Lis',
			'Popescu',
			'Ionescu',
			'Popa',
			'Radu',
			'Dumitru',
			'Stan',
			'Horvat',
			'Novák',
		],
		women: ['Agnieszka', 'Katarzyna', 'Magdalena', 'Anna', 'Andreea', 'Ramona', 'Daniela', 'Monika'],
		men: ['Piotr', 'Tomasz', 'Marcin', 'Ionut', 'Vasile', 'Bogdan', 'Pawel', 'Marek'],
	},
	{
		weight: 2,
		girls: ['Elif', 'Zeynep', 'Defne', 'Ela', 'Azra'],
		boys: ['Emir', 'Mehmet', 'Can', 'Arda', 'Yusuf', 'Kerem'],
		surnames: ['Yilmaz', 'Demir', 'Kaya', 'Çelik', 'Aydin', 'Öztürk'],
		women: ['Ayşe', 'Fatma', 'Emine', 'Hatice'],
		men: ['Mustafa', 'Hasan', 'Murat', 'Kemal'],
	},
	{
		weight: 2,
		girls: ['Mei', 'Xin', 'Anh', 'Linh', 'Yan', 'Lucy'],
		boys: ['Ming', 'Jun', 'Minh', 'Bao', 'Hao', 'Kevin'],
		surnames: ['Wang', 'Li', 'Chen', 'Zhang', 'Nguyen', 'Tran', 'Pham', 'Wong'],
		women: ['Mei Ling', 'Hoa', 'Xiu', 'Lan'],
		men: ['Wei', 'Tuan', 'Jian', 'Hung'],
	},
	{
		weight: 3,
		girls: ['Sofia', 'Giulia', 'Beatriz', 'Inês', 'Eleni', 'Chiara'],
		boys: ['Marco', 'Lorenzo', 'João', 'Tiago', 'Nikos', 'Mateo'],
		surnames: ['Santos', 'Silva', 'Costa', 'Ferreira', 'Rossi', 'Russo', 'Papadopoulos', 'Georgiou', 'Fernandes'],
		women: ['Ana', 'Sofia', 'Paola', 'Maria'],
		men: ['Marco', 'João', 'Giorgos', 'Paulo'],
	},
]

type Gender = 'f' | 'm'

function pickGroup(rng: Random): NameGroup {
	return rng.weighted(NAME_GROUPS.map((g) => [g, g.weight] as const))
}

function childName(rng: Random): { firstName: string; lastName: string; gender: Gender; group: NameGroup } {
	const group = pickGroup(rng)
	const gender: Gender = rng.chance(0.3) ? 'f' : 'm' // about 70% of children with EHC plans are boys
	const firstName = rng.pick(gender === 'f' ? group.girls : group.boys)
	// About 1 in 12 children has a first name and surname from different heritages.
	const lastName = rng.pick(rng.chance(0.08) ? pickGroup(rng).surnames : group.surnames)
	return { firstName, lastName, gender, group }
}

function adultName(rng: Random, group = pickGroup(rng), gender: Gender = rng.chance(0.7) ? 'f' : 'm'): { first: string; last: string } {
	return { first: rng.pick(gender === 'f' ? group.women : group.men), last: rng.pick(group.surnames) }
}

/** Lower-case ASCII for email addresses: 'Zoë O'Brien' -> 'zoe.obrien'. */
function emailPart(text: string): string {
	return text
		.normalize('NFD')
		.replace(/[\u0300-\u036f]/g, '')
		.replace(/ł/g, 'l')
		.toLowerCase()
		.replace(/[^a-z0-9]+/g, '')
}

function slug(text: string): string {
	return text
		.normalize('NFD')
		.replace(/[\u0300-\u036f]/g, '')
		.toLowerCase()
		.replace(/'/g, '')
		.replace(/[^a-z0-9]+/g, '-')
		.replace(/^-|-$/g, '')
}

// ---------------------------------------------------------------------------------------------------------------
// Councils

type LaRow = Prisma.LocalAuthorityCreateManyInput & { id: string }

function kentRow(id: string): LaRow {
	return {
		id,
		name: KENT.name,
		code: KENT.code,
		contactEmail: 'sen.casework@kent.example.gov.uk',
		contactPhone: '0306 999 0123',
		address: 'Special Educational Needs Service, Sessions House, County Hall, Maidstone, Kent ME14 1XQ',
		letterSignatory: 'SEN Casework Team',
		letterFooter:
			'Kent County Council, Special Educational Needs Service. Please quote the child’s name and date of birth in any reply. ' +
			'We can provide this letter in another format or language: call 0306 999 0123.',
		mediationText:
			'If you disagree with this decision you can appeal to the First-tier Tribunal (Special Educational Needs and Disability). ' +
			'You must appeal within 2 months of the date of this letter, or within 1 month of the date of a mediation certificate, whichever is later. ' +
			'Before you appeal you must contact the independent mediation service, Kent SEND Mediation Service (0306 999 0456, ' +
			'mediation@kent-send-mediation.example.org), for information and advice about mediation; they will give you a certificate ' +
			'within 3 working days if you decide not to use mediation. Mediation is free and does not affect your right to appeal.',
		iassText:
			'Information, Advice and Support Kent (IASK) gives free, confidential and impartial information, advice and support to ' +
			'children, young people and parents about special educational needs and disabilities, including help with this process. ' +
			'Call 0306 999 0789 or email iask@kent.example.gov.uk.',
		localOfferUrl: 'https://www.kent.example.gov.uk/send-local-offer',
		mediationAdviserContact: 'Kent SEND Mediation Service\nPhone 0306 999 0456\nEmail mediation@kent-send-mediation.example.org',
		mediationContactName: 'Helen Marsh, SEN Disagreement Resolution Officer',
		mediationContactEmail: 'sen.mediation@kent.example.gov.uk',
		mediationContactPhone: '0306 999 0124',
		healthCommissionerName: 'Dr Ruth Adeyemi, Designated Clinical Officer for SEND, Kent and Medway ICB',
		healthCommissionerEmail: 'dco.send@kentmedway-icb.example.nhs.uk',
	}
}

function medwayRow(id: string): LaRow {
	return {
		id,
		name: MEDWAY.name,
		code: MEDWAY.code,
		contactEmail: 'send.team@medway.example.gov.uk',
		contactPhone: '0306 999 0321',
		address: 'SEND Team, Gun Wharf, Dock Road, Chatham, Kent ME4 4TR',
		letterSignatory: 'SEND Team',
		letterFooter: 'Medway Council, SEND Team.',
		mediationText:
			'If you disagree with this decision you can appeal to the First-tier Tribunal (Special Educational Needs and Disability) ' +
			'within 2 months of the date of this letter, or within 1 month of a mediation certificate, whichever is later. ' +
			'You must first contact Medway Mediation Service (0306 999 0654) for advice about mediation.',
		iassText: 'Medway SENDIASS gives free, impartial information, advice and support: call 0306 999 0987.',
		localOfferUrl: 'https://www.medway.example.gov.uk/localoffer',
		mediationAdviserContact: 'Medway Mediation Service\nPhone 0306 999 0654',
		mediationContactName: 'SEND Team mediation contact',
		mediationContactEmail: 'send.mediation@medway.example.gov.uk',
		mediationContactPhone: '0306 999 0322',
		healthCommissionerName: 'Designated Clinical Officer for SEND, Kent and Medway ICB',
		healthCommissionerEmail: 'dco.send@kentmedway-icb.example.nhs.uk',
	}
}

// ---------------------------------------------------------------------------------------------------------------
// Schools

type SchoolCategory = 'PRIMARY' | 'SECONDARY' | 'SPECIAL' | 'POST16'
type SpecialKind = 'AUTISM' | 'COMPLEX' | 'SEMH' | 'LEARNING'

interface SchoolSpec {
	id: string
	laId: string
	name: string
	domain: string
	urn: string
	estab: number
	category: SchoolCategory
	phase: string
	kind: string
	town: string
	address: string
	head: { first: string; last: string }
	senco: { first: string; last: string }
	hasNursery: boolean
	hasSixthForm: boolean
	specialKind: SpecialKind | null
	/** How strongly children are drawn to this school among its kind. */
	weight: number
	/** Section I's description of the placement. */
	placement: string
	sencoId: string
	/** Caseworker who covers this school (most of its children are theirs). */
	caseworkerId: string | null
}

const TOWNS: readonly (readonly [string, readonly string[]])[] = [
	['Ashford', ['TN23', 'TN24', 'TN25']],
	['Maidstone', ['ME14', 'ME15', 'ME16']],
	['Canterbury', ['CT1', 'CT2']],
	['Dover', ['CT16', 'CT17']],
	['Folkestone', ['CT19', 'CT20']],
	['Margate', ['CT9']],
	['Ramsgate', ['CT11', 'CT12']],
	['Broadstairs', ['CT10']],
	['Sevenoaks', ['TN13', 'TN14']],
	['Tonbridge', ['TN9', 'TN10', 'TN11']],
	['Tunbridge Wells', ['TN1', 'TN2', 'TN4']],
	['Dartford', ['DA1', 'DA2']],
	['Gravesend', ['DA11', 'DA12']],
	['Sittingbourne', ['ME10']],
	['Faversham', ['ME13']],
	['Whitstable', ['CT5']],
	['Herne Bay', ['CT6']],
	['Deal', ['CT14']],
	['Sandwich', ['CT13']],
	['Hythe', ['CT21']],
	['Tenterden', ['TN30']],
	['Cranbrook', ['TN17']],
	['Edenbridge', ['TN8']],
	['Swanley', ['BR8']],
	['Sheerness', ['ME12']],
	['Snodland', ['ME6']],
	['West Malling', ['ME19']],
	['Paddock Wood', ['TN12']],
	['New Romney', ['TN28']],
	['Birchington', ['CT7']],
	['Headcorn', ['TN27']],
	['Westerham', ['TN16']],
]
const STREETS = [
	'School Lane',
	'Church Road',
	'Station Road',
	'Mill Lane',
	'London Road',
	'The Street',
	'High Street',
	'Bower Lane',
	'Ashford Road',
	'Canterbury Road',
	'Hythe Road',
	'Tonbridge Road',
	'Dover Road',
	'Queens Road',
	'Park Avenue',
	'Orchard Way',
	'Beacon Road',
	'Chapel Lane',
	'Forge Lane',
	'Hop Garden Way',
	'Oast Close',
	'Downs Road',
	'Marsh Lane',
	'Priory Road',
]
const INWARD_LETTERS = 'ABDEFGHJLNPQRSTUWXYZ'

function address(rng: Random, town: string, districts: readonly string[]): string {
	const postcode = `${rng.pick(districts)} ${rng.int(1, 9)}${rng.pick([...INWARD_LETTERS])}${rng.pick([...INWARD_LETTERS])}`
	return `${rng.pick(STREETS)}, ${town}, Kent ${postcode}`
}

const SPECIAL_PLACEMENT: Record<SpecialKind, string> = {
	AUTISM: 'Special school for children and young people with autism and communication needs (ages 4 to 19)',
	COMPLEX: 'Special school for children and young people with profound, severe and complex needs (ages 2 to 19)',
	SEMH: 'Special school for children and young people with social, emotional and mental health needs (ages 5 to 16)',
	LEARNING: 'Special school for children and young people with learning difficulties (ages 4 to 19)',
}
const SPECIAL_NEEDS: Record<SpecialKind, readonly NeedKey[]> = {
	AUTISM: ['ASD', 'SLCN'],
	COMPLEX: ['PMLD', 'SLD', 'PD', 'HI'],
	SEMH: ['SEMH'],
	LEARNING: ['MLD', 'SLD', 'ASD', 'SEMH', 'SLCN'],
}

function placementText(category: SchoolCategory, kind: string, specialKind: SpecialKind | null, hasSixthForm: boolean): string {
	switch (category) {
		case 'PRIMARY':
			return `Mainstream primary school (${kind === 'Academy' ? 'academy' : 'maintained'})`
		case 'SECONDARY':
			return `Mainstream secondary school (${kind === 'Academy' ? 'academy' : 'maintained'}${hasSixthForm ? ', with sixth form' : ''})`
		case 'SPECIAL':
			return SPECIAL_PLACEMENT[specialKind ?? 'LEARNING']
		case 'POST16':
			return 'Post-16 institution (further education college)'
	}
}

interface FixedSchool {
	name: string
	domain: string
	category: SchoolCategory
	kind: string
	town: string
	specialKind?: SpecialKind
	hasNursery?: boolean
	hasSixthForm?: boolean
	weight: number
	senco?: { first: string; last: string }
}

// The demo's ten Kent schools (names are realistic but fictional) and the Medway school.
const DEMO_SCHOOLS: readonly FixedSchool[] = [
	{
		name: 'Oakfield Primary School',
		domain: 'oakfield-primary',
		category: 'PRIMARY',
		kind: 'Maintained',
		town: 'Ashford',
		hasNursery: true,
		weight: 2.2,
		senco: { first: 'Helen', last: 'Carter' },
	},
	{
		name: 'Highfield Academy',
		domain: 'highfield-academy',
		category: 'SECONDARY',
		kind: 'Academy',
		town: 'Maidstone',
		hasSixthForm: true,
		weight: 1.3,
		senco: { first: 'James', last: 'Osei' },
	},
	{
		name: 'St Augustine’s Church of England Primary School',
		domain: 'st-augustines-primary',
		category: 'PRIMARY',
		kind: 'Maintained',
		town: 'Canterbury',
		weight: 1,
	},
	{
		name: 'Willow Brook Primary School',
		domain: 'willow-brook-primary',
		category: 'PRIMARY',
		kind: 'Academy',
		town: 'Tonbridge',
		hasNursery: true,
		weight: 1,
	},
	{ name: 'Seabrook Primary Academy', domain: 'seabrook-primary', category: 'PRIMARY', kind: 'Academy', town: 'Folkestone', weight: 0.9 },
	{ name: 'Downsview Academy', domain: 'downsview-academy', category: 'SECONDARY', kind: 'Academy', town: 'Gravesend', hasSixthForm: true, weight: 1 },
	{ name: 'Swale Valley School', domain: 'swale-valley', category: 'SECONDARY', kind: 'Maintained', town: 'Sittingbourne', weight: 0.9 },
	{ name: 'Orchard Bank School', domain: 'orchard-bank', category: 'SPECIAL', kind: 'Special school', town: 'Maidstone', specialKind: 'AUTISM', weight: 1 },
	{ name: 'Harbour View School', domain: 'harbour-view', category: 'SPECIAL', kind: 'Special school', town: 'Margate', specialKind: 'COMPLEX', weight: 1 },
	{ name: 'North Downs College', domain: 'north-downs-college', category: 'POST16', kind: 'Further education college', town: 'Canterbury', weight: 1 },
]
const MEDWAY_SCHOOL: FixedSchool = {
	name: 'Riverbank Primary School',
	domain: 'medway-school',
	category: 'PRIMARY',
	kind: 'Academy',
	town: 'Chatham',
	weight: 1,
	senco: { first: 'Joanne', last: 'Fletcher' },
}

// Parts of fictional Kentish place names for the Kent-scale schools ("Hartsden", "Wealdhurst"...).
const PLACE_HEADS = [
	'Ash',
	'Bram',
	'Cob',
	'Den',
	'Eld',
	'Fair',
	'Hart',
	'Hol',
	'King',
	'Lang',
	'Mar',
	'Nor',
	'Old',
	'Pen',
	'Rod',
	'Sand',
	'Stan',
	'Thorn',
	'Wad',
	'West',
	'Wick',
	'Weald',
	'Brook',
	'Chal',
	'Elm',
	'Hop',
	'Oak',
	'Shep',
	'Bex',
	'Lyd',
	'Sib',
	'Wit',
]
const PLACE_TAILS = ['den', 'hurst', 'field', 'ham', 'ley', 'ford', 'stone', 'bury', 'wood', 'gate', 'borne', 'ington', 'mere', 'ton', 'well', 'combe']

const GENERATED_PATTERNS: Record<SchoolCategory, readonly (readonly [string, string, number])[]> = {
	// [pattern, kind, weight]
	PRIMARY: [
		['{p} Primary School', 'Maintained', 4],
		['{p} Church of England Primary School', 'Maintained', 2],
		['{p} Community Primary School', 'Maintained', 1],
		['{p} Primary Academy', 'Academy', 3],
		['St Mary’s Catholic Primary School, {p}', 'Academy', 0.6],
	],
	SECONDARY: [
		['{p} Academy', 'Academy', 4],
		['{p} High School', 'Maintained', 2],
		['{p} Grammar School', 'Academy', 1],
		['The {p} School', 'Academy', 1],
	],
	SPECIAL: [['{p} School', 'Special school', 1]],
	POST16: [
		['{p} College', 'Further education college', 2],
		['{p} Sixth Form College', 'Sixth-form college', 1],
	],
}

const PHASE_OF: Record<SchoolCategory, string> = { PRIMARY: 'PRIMARY', SECONDARY: 'SECONDARY', SPECIAL: 'SPECIAL', POST16: 'POST16' }

// ---------------------------------------------------------------------------------------------------------------
// Users

interface UserSpec {
	id: string
	email: string
	name: string
	roles: Role[]
	laId: string | null
	schoolId: string | null
}

function userRow(u: UserSpec, passwordHash: string): Prisma.UserCreateManyInput {
	return { id: u.id, email: u.email, name: u.name, passwordHash, laId: u.laId, schoolId: u.schoolId }
}

function schoolRow(s: SchoolSpec): Prisma.SchoolCreateManyInput {
	return {
		id: s.id,
		laId: s.laId,
		name: s.name,
		urn: s.urn,
		phase: s.phase,
		kind: s.kind,
		address: s.address,
		contactEmail: `sen@${s.domain}.example.org`,
		headTeacherName: `${s.head.first} ${s.head.last}`,
		headTeacherEmail: `head@${s.domain}.example.org`,
	}
}

// ---------------------------------------------------------------------------------------------------------------
// Needs: what sections A-K say for each kind of need (the four areas of need, SEND Code of Practice 6.28-6.35).

type NeedKey = 'ASD' | 'SLCN' | 'SEMH' | 'MLD' | 'SPLD' | 'SLD' | 'PMLD' | 'PD' | 'HI'
type Area = 'Communication and interaction' | 'Cognition and learning' | 'Social, emotional and mental health' | 'Sensory and/or physical'
const AREAS: readonly Area[] = ['Communication and interaction', 'Cognition and learning', 'Social, emotional and mental health', 'Sensory and/or physical']

interface ProvisionText {
	what: string
	who: string
	frequency: string
	duration: string
}

/** Provision as plans too often word it, with the specified version a review would propose instead. */
interface VagueProvision extends ProvisionText {
	better: ProvisionText
}

interface NeedProfile {
	area: Area
	/** The main description in section B (one is chosen). */
	needs: readonly string[]
	/** A shorter paragraph when this is a secondary need. */
	secondary: string
	/** Extra paragraphs for other areas (e.g. sensory sensitivities with autism). */
	extra?: Partial<Record<Area, string>>
	hard: readonly string[]
	helps: readonly string[]
	smart: readonly string[]
	vague: readonly string[]
	provisions: readonly ProvisionText[]
	vagueProvisions: readonly VagueProvision[]
	healthNeeds?: readonly string[]
	healthProvision?: readonly string[]
	socialCare?: string
	csdpa?: string
	/** Name of the health professional invited to reviews. */
	healthInvitee: string
	/** A change a review might recommend in section C (with the matching section G). */
	healthChange?: { c: string; g: string }
}

const NEEDS: Record<NeedKey, NeedProfile> = {
	ASD: {
		area: 'Communication and interaction',
		needs: [
			'{name} has a diagnosis of autism, made by the community paediatrician in {dx}. {name} finds it hard to understand other people’s feelings and intentions, to take turns in conversation and to cope with changes to routine. {name} takes language literally and needs instructions broken into short steps. When anxious, {name} withdraws, covers {his} ears or leaves the room.',
			'{name} is autistic (diagnosed in {dx}). {name} has a wide vocabulary but finds the social use of language hard: starting and ending conversations, reading facial expressions and understanding jokes. Break and lunch are the hardest parts of the day and {name} often plays alone. An unexpected change, such as a supply teacher, can lead to distress that lasts for the rest of the day.',
		],
		secondary:
			'{name} shows many autistic traits and is waiting for a neurodevelopmental assessment. {name} needs advance warning of changes and finds group work hard.',
		extra: {
			'Sensory and/or physical':
				'{name} is very sensitive to noise, smells and crowded spaces; the dinner hall and hand dryers are particularly hard, and {name} wears ear defenders at times.',
		},
		hard: ['when it is noisy', 'when plans change and nobody tells me', 'to know what to do at playtime', 'to work in a group'],
		helps: [
			'I can look at my visual timetable',
			'I can wear my ear defenders',
			'I know what is happening next',
			'I can go to the quiet room when I feel wobbly',
		],
		smart: [
			'{by}, {name} will follow {his} visual timetable to move between activities with no more than one adult prompt on 4 out of 5 days, as recorded by {his} key adult.',
			'{by}, {name} will start and keep up a conversation with a classmate for at least three turns during a structured activity, in 3 out of 4 observed sessions.',
			'{by}, {name} will use {his} time-out card to ask for a break when anxious, instead of leaving the room, on 8 out of 10 recorded occasions.',
			'{by}, {name} will take part in a lunchtime club for at least 20 minutes, 3 days a week, as recorded in the club register.',
		],
		vague: ['{name} will develop {his} social skills.', '{name} will be less anxious in school.', 'To improve {his} communication with peers.'],
		provisions: [
			{
				what: 'Social communication group using Lego-based therapy',
				who: 'Teaching assistant trained in Lego-based therapy, supervised by the SENCo',
				frequency: '1 x 45 minutes a week',
				duration: 'For the academic year; progress reviewed each term',
			},
			{
				what: 'Individual visual timetable and ‘now and next’ board, prepared each morning',
				who: 'Key teaching assistant',
				frequency: 'Daily',
				duration: 'Ongoing; reviewed each half-term by the class teacher',
			},
			{
				what: 'Advice, modelling and review of strategies by a specialist teacher for autism',
				who: 'Specialist teacher, Specialist Teaching and Learning Service (STLS)',
				frequency: '3 visits a year',
				duration: 'Until the next annual review',
			},
			{
				what: 'Warning of changes to staff or routine, using a social story written with {name}',
				who: 'Class teacher',
				frequency: 'Before every planned change',
				duration: 'Ongoing',
			},
			{
				what: 'Structured lunchtime club in a quiet room',
				who: 'Midday supervisor trained in autism awareness',
				frequency: '3 x 30 minutes a week',
				duration: 'Ongoing; reviewed each term',
			},
		],
		vagueProvisions: [
			{
				what: 'Access to a quiet space as required',
				who: '',
				frequency: 'As required',
				duration: '',
				better: {
					what: 'Use of the quiet room, which {name} can ask for at any time with a time-out card; a key adult checks in within 5 minutes',
					who: 'Key teaching assistant',
					frequency: 'Whenever {name} asks, and at the start of each lunchtime',
					duration: 'Ongoing; use recorded and reviewed each half-term by the SENCo',
				},
			},
			{
				what: 'Support from an adult at unstructured times',
				who: 'Teaching assistant',
				frequency: 'Regular',
				duration: '',
				better: {
					what: 'Adult-led structured games at break and lunchtime',
					who: 'Midday supervisor trained in autism awareness',
					frequency: 'Daily, at morning break and lunchtime',
					duration: 'Ongoing; reviewed each term',
				},
			},
			{
				what: 'Opportunities to develop social skills',
				who: '',
				frequency: '',
				duration: '',
				better: {
					what: 'Small-group social skills programme (Talkabout)',
					who: 'Teaching assistant trained to deliver Talkabout',
					frequency: '1 x 40 minutes a week',
					duration: 'For two terms, then reviewed',
				},
			},
		],
		healthNeeds: [
			'{name} sleeps poorly and often does not settle until after 10pm, and eats a limited range of foods.',
			'{name} is seen by the community paediatrician once a year. There are no other health needs.',
		],
		healthProvision: [
			'Annual review by the community paediatrician (Kent Community Health NHS Foundation Trust). Melatonin as prescribed by the GP, reviewed every 6 months.',
			'The school nursing service; the GP has referred {name} to the children’s sleep service.',
		],
		healthInvitee: 'Speech and language therapist',
		healthChange: {
			c: '{name} was diagnosed with attention deficit hyperactivity disorder (ADHD) in {month} and has started medication.',
			g: 'Medication for ADHD prescribed and reviewed every 6 months by the community paediatrician; the school gives the lunchtime dose under its medicines policy.',
		},
	},
	SLCN: {
		area: 'Communication and interaction',
		needs: [
			'{name} has a developmental language disorder. Assessment by the speech and language therapist in {dx} placed {his} understanding of language below the 5th centile and {his} expressive language below the 2nd centile. {name} finds it hard to follow instructions with more than two key words, to learn new vocabulary and to put ideas in order when speaking or writing.',
			'{name} has speech, language and communication needs. {name}’s speech is often hard for unfamiliar listeners to understand (difficulties with k, g, s and blends), and {name} uses short sentences with missing grammar. {name} becomes frustrated when not understood.',
		],
		secondary:
			'{name} has language difficulties: {name} needs extra time to process spoken language and benefits from key vocabulary being taught before lessons.',
		hard: ['when people talk too fast', 'to remember long instructions', 'to tell my friends what happened'],
		helps: ['my teacher shows me pictures', 'people give me time to answer', 'I learn the new words before the lesson'],
		smart: [
			'{by}, {name} will follow classroom instructions with three key words, without a visual prompt, in 4 out of 5 opportunities, measured by the speech and language therapist.',
			'{by}, {name} will use 20 new topic words correctly in {his} own spoken sentences, checked at the end of each topic by the class teacher.',
			'{by}, {name} will retell a familiar story in the right order, including 5 key events, using a story map.',
			'{by}, {name} will say ‘s’ blends correctly in single words in 80% of attempts, measured by the speech and language therapist.',
		],
		vague: ['{name} will improve {his} speech and language.', 'To communicate better.'],
		provisions: [
			{
				what: 'Individual speech and language therapy to develop understanding of language',
				who: 'Speech and language therapist (Kent Community Health NHS Foundation Trust)',
				frequency: '6 x 45-minute sessions each term',
				duration: 'Until the next annual review',
			},
			{
				what: 'Speech and language programme written by the therapist and delivered in school',
				who: 'Teaching assistant trained by the speech and language therapist',
				frequency: '3 x 20 minutes a week',
				duration: 'Ongoing; programme updated each term by the therapist',
			},
			{
				what: 'Pre-teaching of topic vocabulary using the Word Aware approach',
				who: 'Teaching assistant',
				frequency: '2 x 15 minutes a week',
				duration: 'Ongoing; reviewed each half-term',
			},
			{
				what: 'Visual supports (symbols, word mats and written instructions) in every lesson',
				who: 'Class and subject teachers',
				frequency: 'Every lesson',
				duration: 'Ongoing',
			},
		],
		vagueProvisions: [
			{
				what: 'Regular speech and language input',
				who: 'Speech and language therapy',
				frequency: 'Regular',
				duration: '',
				better: {
					what: 'Speech and language therapy: assessment, direct sessions and a written programme for school',
					who: 'Speech and language therapist (Kent Community Health NHS Foundation Trust)',
					frequency: '6 x 45-minute sessions each term, and a programme review each half-term',
					duration: 'Until the next annual review',
				},
			},
			{
				what: 'Support with language as required',
				who: '',
				frequency: 'As required',
				duration: '',
				better: {
					what: 'Instructions given in short chunks with a visual prompt, and understanding checked before {name} starts a task',
					who: 'Class teacher and teaching assistant',
					frequency: 'Every lesson',
					duration: 'Ongoing',
				},
			},
		],
		healthNeeds: ['{name} had repeated ear infections as a toddler; hearing was tested in {dx} and is within normal limits.'],
		healthProvision: [
			'Audiology to retest hearing if concerns arise. Speech and language therapy is set out in section F because it educates and trains {name}.',
		],
		healthInvitee: 'Speech and language therapist',
	},
	SEMH: {
		area: 'Social, emotional and mental health',
		needs: [
			'{name} has social, emotional and mental health needs. {name} has experienced significant loss and changes of carer, and finds it hard to trust adults. When anxious or frustrated {name} may refuse work, leave the classroom or become verbally aggressive. Attendance last year was {att}%.',
			'{name} was diagnosed with attention deficit hyperactivity disorder (ADHD, combined type) in {dx}. {name} finds it very hard to sit still, wait {his} turn and stay on task for more than a few minutes. {name} is impulsive and has been suspended several times for unsafe behaviour at break times.',
		],
		secondary:
			'{name} has low self-esteem and becomes anxious about getting things wrong; {name} needs a trusted adult to check in at the start of the day.',
		hard: [
			'when I get told off in front of everyone',
			'to sit still for a long time',
			'to calm down when I feel angry',
			'to come into school in the morning',
		],
		helps: ['I can talk to my key adult in the morning', 'I can have a movement break', 'I know I can go to the calm room', 'adults stay calm'],
		smart: [
			'{by}, {name} will attend school for at least 90% of sessions each half-term, as recorded in the school register.',
			'{by}, {name} will name {his} feelings using the Zones of Regulation and ask for a break before leaving the room, on 4 out of 5 occasions recorded on the behaviour log.',
			'{by}, {name} will stay in class for the whole lesson in at least 80% of lessons each week, as recorded on {his} daily report card.',
			'{by}, {name} will have no more than one suspension a term, and half as many incidents at break time as in the autumn term.',
		],
		vague: ['{name} will behave better in class.', 'To improve {his} emotional wellbeing.', '{name} will be happier in school.'],
		provisions: [
			{
				what: 'Individual emotional literacy sessions (ELSA)',
				who: 'Trained emotional literacy support assistant',
				frequency: '1 x 30 minutes a week',
				duration: 'Two blocks of 8 weeks a year, reviewed at the end of each block',
			},
			{
				what: 'Key adult check-in at the start and end of each school day',
				who: 'Named key adult (teaching assistant)',
				frequency: '2 x 10 minutes daily',
				duration: 'Ongoing; reviewed each half-term',
			},
			{
				what: 'Individual counselling',
				who: 'Qualified school counsellor (BACP registered)',
				frequency: '1 x 50 minutes a week',
				duration: '12 weeks, then reviewed with {parent}',
			},
			{
				what: 'Individual behaviour support plan, written with {name} and {parent}',
				who: 'SENCo',
				frequency: 'Reviewed every half-term',
				duration: 'Ongoing',
			},
			{
				what: 'Movement breaks built into lessons (2 minutes every 20 minutes) and a fidget tool',
				who: 'Class teacher',
				frequency: 'Every lesson',
				duration: 'Ongoing',
			},
		],
		vagueProvisions: [
			{
				what: 'Access to a time-out space when needed',
				who: '',
				frequency: 'When needed',
				duration: '',
				better: {
					what: 'A time-out pass to the calm room, with a key adult following within 5 minutes and an agreed routine for returning to class',
					who: 'Named key adult (teaching assistant)',
					frequency: 'Whenever needed; each use logged',
					duration: 'Ongoing; reviewed each half-term',
				},
			},
			{
				what: 'Input from the mental health team as required',
				who: 'CYPMHS',
				frequency: 'As required',
				duration: '',
				better: {
					what: 'Sessions in school with the Mental Health Support Team (guided self-help for anxiety)',
					who: 'Mental Health Support Team practitioner',
					frequency: '1 x 45 minutes a week',
					duration: '8 weeks, then reviewed with {name} and {parent}',
				},
			},
			{
				what: 'Opportunities to talk to an adult',
				who: '',
				frequency: '',
				duration: '',
				better: {
					what: 'Mentoring session with a trusted adult',
					who: 'Learning mentor',
					frequency: '1 x 30 minutes a week',
					duration: 'For the academic year',
				},
			},
		],
		healthNeeds: [
			'{name} takes medication for ADHD each morning, prescribed by the community paediatrician.',
			'{name} has been referred to the Children and Young People’s Mental Health Service (CYPMHS) for anxiety.',
		],
		healthProvision: [
			'Medication review by the community paediatrician every 6 months.',
			'Assessment and, if offered, a course of cognitive behavioural therapy from the Children and Young People’s Mental Health Service.',
		],
		socialCare:
			'{name} is a looked-after child and has lived with foster carers since {dx}. {name} has an allocated social worker in Kent Children’s Services.',
		healthInvitee: 'Mental health practitioner (CYPMHS)',
	},
	MLD: {
		area: 'Cognition and learning',
		needs: [
			'{name} has moderate learning difficulties. An educational psychology assessment in {dx} found {his} verbal and non-verbal reasoning below the 2nd centile. {name} is working well below age-related expectations in reading, writing and maths and needs many repetitions to retain new learning. Working memory is a particular difficulty.',
			'{name} has global developmental delay and learns more slowly than other children of the same age. {name} can read simple sentences and count reliably to 20, but finds abstract ideas, telling the time and money difficult.',
		],
		secondary:
			'{name} has difficulties with learning: {name} works below age-related expectations in English and maths and needs new ideas taught in small steps with practical resources.',
		hard: ['to read long words', 'to do maths with big numbers', 'to remember what to do'],
		helps: ['I can use Numicon', 'my teacher shows me first', 'I work with my group'],
		smart: [
			'{by}, {name} will read a book at {his} current book band with 90% accuracy and answer 4 out of 5 questions about it, measured by half-termly running records.',
			'{by}, {name} will add and subtract numbers to 20 using a number line, with 80% accuracy in the end-of-term assessment.',
			'{by}, {name} will write three linked sentences with capital letters and full stops without adult help, in 3 pieces of independent writing.',
			'{by}, {name} will tell the time to the half hour and use it to follow {his} daily timetable.',
		],
		vague: ['{name} will make progress in English and maths.', 'To improve {his} reading.'],
		provisions: [
			{
				what: 'Precision teaching for reading and number facts',
				who: 'Teaching assistant trained in precision teaching',
				frequency: '5 x 10 minutes a week',
				duration: 'Ongoing; progress recorded daily and reviewed half-termly by the SENCo',
			},
			{
				what: 'Small-group maths teaching with practical resources (Numicon)',
				who: 'Teaching assistant, planned by the class teacher',
				frequency: '3 x 30 minutes a week',
				duration: 'For the academic year',
			},
			{ what: 'Tasks broken into small steps with visual prompts in every lesson', who: 'Class teacher', frequency: 'Every lesson', duration: 'Ongoing' },
			{
				what: 'Consultation and review of progress with an educational psychologist',
				who: 'Educational psychologist, Kent Educational Psychology Service',
				frequency: '1 consultation a year',
				duration: 'Before each annual review',
			},
		],
		vagueProvisions: [
			{
				what: 'Additional adult support in lessons',
				who: 'Teaching assistant',
				frequency: '',
				duration: '',
				better: {
					what: 'Teaching assistant support in English and maths lessons, to break tasks into steps and check understanding',
					who: 'Teaching assistant',
					frequency: 'All English and maths lessons (10 a week)',
					duration: 'For the academic year; reviewed each term',
				},
			},
			{
				what: 'Extra help with literacy when needed',
				who: '',
				frequency: 'When needed',
				duration: '',
				better: {
					what: 'One-to-one reading with books matched to the phonics programme',
					who: 'Teaching assistant trained in the school’s phonics programme',
					frequency: '5 x 15 minutes a week',
					duration: 'For the academic year',
				},
			},
		],
		healthInvitee: 'School nurse',
	},
	SPLD: {
		area: 'Cognition and learning',
		needs: [
			'{name} has a specific learning difficulty (dyslexia), confirmed by a specialist assessment in {dx}. {name}’s verbal reasoning is in the average range, but {his} phonological processing and working memory are below the 5th centile. Reading is slow and effortful and spelling is well below the level expected for {his} age, which limits what {name} can show in written work.',
		],
		secondary:
			'{name} has dyslexic difficulties: reading and spelling are well below {his} ability in other areas, and {name} needs assistive technology to record ideas.',
		hard: ['to spell words', 'to read out loud in class', 'to copy from the board'],
		helps: ['I can use my laptop', 'I get extra time', 'the teacher gives me the notes'],
		smart: [
			'{by}, {name} will spell 180 of the 200 most common words correctly in a dictated test.',
			'{by}, {name} will use speech-to-text software to write a page of work independently in English and humanities lessons, as checked by {his} subject teachers.',
			'{by}, {name} will read texts suitable for {his} age at 90 words a minute, measured each term.',
		],
		vague: ['{name} will become a more confident reader.', 'To improve {his} spelling.'],
		provisions: [
			{
				what: 'Structured, multisensory literacy programme (Units of Sound)',
				who: 'Specialist teacher with a Level 5 qualification in dyslexia',
				frequency: '3 x 30 minutes a week',
				duration: 'For the academic year; reading and spelling retested each July',
			},
			{
				what: 'Laptop with speech-to-text and text-to-speech software for all lessons and assessments',
				who: 'Provided by the school; set up and reviewed by the SENCo',
				frequency: 'Every lesson',
				duration: 'Ongoing',
			},
			{
				what: 'Printed lesson notes and homework, so that copying from the board is not needed',
				who: 'Subject teachers',
				frequency: 'Every lesson',
				duration: 'Ongoing',
			},
		],
		vagueProvisions: [
			{
				what: 'Support with reading and writing when needed',
				who: '',
				frequency: 'When needed',
				duration: '',
				better: {
					what: 'A reader and a scribe, or a laptop with text-to-speech and speech-to-text, in all tests and assessments',
					who: 'Teaching assistant; arranged by the exams officer',
					frequency: 'Every test and assessment',
					duration: 'Ongoing',
				},
			},
		],
		healthInvitee: 'School nurse',
	},
	SLD: {
		area: 'Cognition and learning',
		needs: [
			'{name} has severe learning difficulties associated with Down syndrome. {name} communicates with Makaton signs, symbols and single words, and understands short sentences about familiar routines. {name} is learning at the earliest stages of the curriculum and needs adult support for personal care.',
		],
		secondary: '{name} has significant learning difficulties and is working well below age-related expectations in every subject.',
		hard: ['waiting', 'loud noises'],
		helps: ['people sign to me', 'there is music'],
		smart: [
			'{by}, {name} will use Makaton signs or symbols to make at least 10 requests a day across the school day, recorded on {his} communication log.',
			'{by}, {name} will wash and dry {his} hands independently after using the toilet on 4 out of 5 days.',
			'{by}, {name} will match 20 everyday objects to their symbols in 3 sessions in a row.',
		],
		vague: ['{name} will develop {his} independence.', 'To communicate {his} needs.'],
		provisions: [
			{
				what: 'Total communication approach (Makaton signing, symbols and objects of reference) in all lessons',
				who: 'All class staff, trained to Makaton level 2',
				frequency: 'Throughout the school day',
				duration: 'Ongoing',
			},
			{
				what: 'Speech and language therapy programme',
				who: 'Speech and language therapist sets and reviews it; class staff deliver it',
				frequency: 'Therapist review once a term; programme 4 x 15 minutes a week',
				duration: 'Until the next annual review',
			},
			{
				what: 'Personal care and independence programme (toileting, dressing, handwashing)',
				who: 'Two trained teaching assistants',
				frequency: 'Daily',
				duration: 'Ongoing; reviewed each term with {parent}',
			},
			{
				what: 'A class of no more than 10 pupils with a teacher and at least two teaching assistants',
				who: 'Special school staff',
				frequency: 'Full time',
				duration: 'Ongoing',
			},
		],
		vagueProvisions: [
			{
				what: 'Adult support throughout the day',
				who: '',
				frequency: '',
				duration: '',
				better: {
					what: 'One-to-one support for personal care, moving between activities and learning',
					who: 'Teaching assistant trained in Makaton and personal care',
					frequency: 'Full time (32.5 hours a week)',
					duration: 'Ongoing; reviewed each term',
				},
			},
		],
		healthNeeds: [
			'{name} has Down syndrome. {name} had heart surgery as a baby and is reviewed by cardiology every 2 years. {name} has an underactive thyroid, treated with daily medication, and wears glasses.',
		],
		healthProvision: ['Annual thyroid blood test and cardiology review every 2 years (East Kent Hospitals). Annual hearing and eye checks.'],
		csdpa: 'Short breaks: a Saturday club for disabled children, 5 hours a week in term time (Chronically Sick and Disabled Persons Act 1970 s.2).',
		healthInvitee: 'Community paediatrician',
	},
	PMLD: {
		area: 'Cognition and learning',
		needs: [
			'{name} has profound and multiple learning difficulties. {name} has cerebral palsy affecting all four limbs, epilepsy and cortical visual impairment. {name} communicates through facial expression, vocalisation and body movement and is beginning to use eye pointing to make choices. {name} needs full adult support for personal care, eating and drinking, and positioning.',
		],
		secondary: '{name} has profound learning difficulties.',
		hard: ['sudden loud noises', 'being moved quickly'],
		helps: ['music and singing', 'the sensory room'],
		smart: [
			'{by}, {name} will use eye pointing to choose between two objects of reference in 3 out of 4 opportunities, recorded in {his} communication passport.',
			'{by}, {name} will stand in {his} standing frame for 30 minutes a day, 4 days a week, as recorded in the physiotherapy programme log.',
			'{by}, {name} will reach for and press a switch to start a song or story in 4 out of 5 sessions.',
		],
		vague: ['{name} will enjoy school.', 'To develop {his} sensory awareness.'],
		provisions: [
			{
				what: 'Sensory curriculum with intensive interaction and switch-based activities',
				who: 'Class teacher and trained teaching assistants',
				frequency: 'Daily',
				duration: 'Ongoing',
			},
			{
				what: 'Physiotherapy programme (stretches, standing frame and walker)',
				who: 'Physiotherapist (Kent Community Health NHS Foundation Trust) sets it; trained staff deliver it',
				frequency: '30 minutes daily; physiotherapist review each half-term',
				duration: 'Ongoing',
			},
			{
				what: 'Hydrotherapy',
				who: 'Staff trained in hydrotherapy, following the physiotherapist’s plan',
				frequency: '1 x 30 minutes a week',
				duration: 'Ongoing',
			},
			{
				what: 'One-to-one adult support throughout the day, including two-person hoisting',
				who: 'Teaching assistants trained in moving and handling',
				frequency: 'Full time',
				duration: 'Ongoing',
			},
			{
				what: 'Advice and teaching from a qualified teacher of children with vision impairment',
				who: 'Qualified teacher of the vision impaired (sensory service)',
				frequency: '1 visit each term',
				duration: 'Ongoing',
			},
		],
		vagueProvisions: [
			{
				what: 'Support with personal care as needed',
				who: '',
				frequency: 'As needed',
				duration: '',
				better: {
					what: 'Personal care (changing, repositioning every 2 hours and gastrostomy feeds) to the written care plan',
					who: 'Two teaching assistants trained in moving and handling and in gastrostomy care',
					frequency: 'Throughout the school day',
					duration: 'Ongoing',
				},
			},
		],
		healthNeeds: [
			'{name} has cerebral palsy (spastic quadriplegia) and epilepsy, with tonic-clonic seizures about once a month. {name} is fed by gastrostomy and is at risk of chest infections.',
		],
		healthProvision: [
			'Epilepsy care plan, with emergency medication (buccal midazolam), written by the epilepsy nurse and reviewed every year. Gastrostomy feeding by trained staff following the dietitian’s plan. Wheelchair and seating reviewed by the wheelchair service every 6 months.',
		],
		socialCare: '{name}’s family are supported by the Disabled Children’s Service.',
		csdpa: 'Short breaks: 24 nights a year at a residential short-break unit, and 6 hours a week of support at home from a personal assistant (Chronically Sick and Disabled Persons Act 1970 s.2).',
		healthInvitee: 'Physiotherapist',
	},
	PD: {
		area: 'Sensory and/or physical',
		needs: [
			'{name} has cerebral palsy (right hemiplegia). {name} walks independently but tires quickly and finds fine motor tasks such as handwriting, cutting and fastening buttons difficult. {name} needs extra time and an adapted environment to take part fully, especially in PE and practical subjects.',
		],
		secondary: '{name} has hypermobility and weak fine motor control; handwriting is slow and tiring.',
		hard: ['to write neatly because my hand gets tired', 'to get changed for PE', 'to carry my bag between lessons'],
		helps: ['I can use my laptop', 'I leave lessons early so the corridors are quiet', 'I have a locker near my classroom'],
		smart: [
			'{by}, {name} will touch-type at 20 words a minute and use this to record written work in every lesson.',
			'{by}, {name} will dress and undress for PE independently within 10 minutes, using adapted clothing.',
			'{by}, {name} will move between lessons independently using the agreed route on 4 out of 5 days.',
		],
		vague: ['{name} will improve {his} fine motor skills.', 'To be more independent.'],
		provisions: [
			{
				what: 'Occupational therapy programme for fine motor skills and independence',
				who: 'Occupational therapist sets it; teaching assistant delivers it',
				frequency: '3 x 15 minutes a week; therapist review each term',
				duration: 'Until the next annual review',
			},
			{
				what: 'Touch-typing programme and a laptop for written work',
				who: 'Teaching assistant; laptop provided by the school',
				frequency: '3 x 15 minutes a week until {name} types 20 words a minute',
				duration: 'Ongoing',
			},
			{
				what: 'Personal emergency evacuation plan, and leaving lessons 5 minutes early',
				who: 'SENCo and site manager',
				frequency: 'Reviewed each term',
				duration: 'Ongoing',
			},
		],
		vagueProvisions: [
			{
				what: 'Support with physical activities when needed',
				who: '',
				frequency: 'When needed',
				duration: '',
				better: {
					what: 'Adapted PE, with an alternative activity when needed, planned with the physiotherapist',
					who: 'PE teacher, advised by the physiotherapist',
					frequency: 'Every PE lesson',
					duration: 'Ongoing; reviewed each term',
				},
			},
		],
		healthNeeds: [
			'{name} has cerebral palsy and is under the care of the community paediatrician and the children’s therapy team. {name} wears a splint on {his} right leg.',
		],
		healthProvision: ['Physiotherapy: home and school programme reviewed by the physiotherapist each term. Orthotics review every 6 months.'],
		healthInvitee: 'Physiotherapist',
	},
	HI: {
		area: 'Sensory and/or physical',
		needs: [
			'{name} has a severe bilateral sensorineural hearing loss and wears two hearing aids. {name} relies on lip-reading and a radio aid in class and misses much incidental language. {name}’s vocabulary is about two years behind that of hearing children of the same age.',
		],
		secondary: '{name} has a mild hearing loss in one ear and needs to sit near the teacher, away from background noise.',
		hard: ['to hear the teacher when the room is noisy', 'to follow group conversations'],
		helps: ['the teacher wears the radio aid', 'I can sit near the front', 'people face me when they talk'],
		smart: [
			'{by}, {name} will check {his} own hearing aids and radio aid each morning and report any fault to an adult on 4 out of 5 days.',
			'{by}, {name} will learn and use 30 new subject words a term, tested by the Teacher of the Deaf.',
			'{by}, {name} will ask for repetition in class when {name} has not understood, at least once a lesson, as observed by the Teacher of the Deaf.',
		],
		vague: ['{name} will improve {his} listening skills.', 'To be more confident in class.'],
		provisions: [
			{
				what: 'Teaching and advice from a qualified Teacher of the Deaf',
				who: 'Teacher of the Deaf, sensory support service',
				frequency: '1 visit of 1 hour each half-term',
				duration: 'Ongoing',
			},
			{
				what: 'Radio aid worn by every teacher, checked daily',
				who: 'Class and subject teachers; teaching assistant checks it each morning',
				frequency: 'Every lesson',
				duration: 'Ongoing',
			},
			{
				what: 'Pre-teaching of topic vocabulary in a quiet room',
				who: 'Teaching assistant trained by the Teacher of the Deaf',
				frequency: '3 x 20 minutes a week',
				duration: 'For the academic year',
			},
		],
		vagueProvisions: [
			{
				what: 'Support in lessons as required',
				who: '',
				frequency: 'As required',
				duration: '',
				better: {
					what: 'Support in lessons to check understanding, with written notes of what was said',
					who: 'Teaching assistant trained by the Teacher of the Deaf',
					frequency: 'All English, maths and science lessons',
					duration: 'For the academic year',
				},
			},
		],
		healthNeeds: ['{name} has a permanent hearing loss and is seen by audiology every 6 months.'],
		healthProvision: ['Audiology review every 6 months; hearing aids and ear moulds replaced as needed.'],
		healthInvitee: 'Audiologist',
	},
}

// How likely each need is in a mainstream school, and how likely a child with it is to be in a special school.
const NEED_WEIGHTS: Record<NeedKey, { weight: number; special: number; minYear: number }> = {
	ASD: { weight: 34, special: 0.3, minYear: -1 },
	SLCN: { weight: 15, special: 0.08, minYear: -1 },
	SEMH: { weight: 18, special: 0.18, minYear: 0 },
	MLD: { weight: 10, special: 0.3, minYear: 0 },
	SPLD: { weight: 5, special: 0, minYear: 2 },
	SLD: { weight: 7, special: 0.85, minYear: -1 },
	PMLD: { weight: 3, special: 1, minYear: -1 },
	PD: { weight: 5, special: 0.25, minYear: -1 },
	HI: { weight: 3, special: 0.1, minYear: -1 },
}

// Year groups: more children in the primary and secondary years than in nursery or the sixth form.
const YEAR_WEIGHTS: readonly (readonly [number, number])[] = [
	[-1, 2],
	[0, 4],
	[1, 5],
	[2, 6],
	[3, 7],
	[4, 7],
	[5, 8],
	[6, 8],
	[7, 8],
	[8, 8],
	[9, 8],
	[10, 8],
	[11, 7],
	[12, 5],
	[13, 4],
]

const INTERESTS = [
	'Minecraft',
	'drawing',
	'swimming',
	'dinosaurs',
	'football',
	'trains',
	'baking with my nan',
	'music',
	'animals, especially my dog',
	'Lego',
	'horse riding',
	'gymnastics',
	'videos about space',
	'dancing',
	'being outside',
	'cooking',
	'reading comics',
	'playing the drums',
	'gaming with my cousins',
	'going to the beach',
	'Pokémon',
	'the piano',
	'fishing with my dad',
	'riding my bike',
	'making slime',
	'Roblox',
	'trampolining',
	'Scouts',
]
const DISLIKES = ['loud noises', 'waiting', 'busy rooms', 'getting my hands messy', 'when my day changes', 'hats and coats']
const GOOD_AT = [
	'drawing',
	'remembering facts about animals',
	'building things',
	'football',
	'being kind to my friends',
	'computers',
	'singing',
	'running',
	'looking after my little sister',
	'making people laugh',
]
const JOBS = [
	'a vet',
	'a footballer',
	'a chef',
	'a games designer',
	'a mechanic',
	'a hairdresser',
	'an artist',
	'a firefighter',
	'a zookeeper',
	'a nurse',
	'a builder',
	'a police officer',
	'a teacher',
	'a train driver',
	'a scientist',
]
const ADULT_HOPES = [
	'work with animals',
	'get a job in a kitchen',
	'go on to study IT',
	'live in my own flat with some support',
	'work in a shop',
	'become a mechanic',
	'do an apprenticeship in construction',
	'work in childcare',
	'learn to drive',
	'go out with my friends on my own',
]
const MATTERS = [
	'my family and my friends at college',
	'being treated like an adult',
	'having my own money',
	'my music and my PlayStation',
	'keeping fit at the gym',
	'my part-time job',
]
const PARENT_WORDS = [
	'a kind, funny and loving child',
	'determined and caring',
	'full of energy and very affectionate',
	'gentle and creative',
	'curious and chatty at home',
]
const PARENT_WORRIES = [
	'anxiety in the mornings before school',
	'friendships and feeling left out',
	'falling further behind with reading',
	'what happens after school ends',
	'the move to the next school',
	'how tired {name} is at the end of the day',
]
const PARENT_HOPES = [
	'to be happy and have friends',
	'to become more independent',
	'to read for pleasure',
	'to get a job and live as independently as possible',
	'to feel safe and understood at school',
]

// ---------------------------------------------------------------------------------------------------------------
// Plan content (one version of sections A-K)

interface Outcome {
	area: string
	text: string
	smart: boolean
}
interface Provision extends ProvisionText {
	need: string
	vague: boolean
	/** For vague provision: the specified wording a review would propose. */
	better?: ProvisionText
}
interface PlanContent {
	a: string
	b: string[] // one paragraph per area of need
	c: string
	d: string
	g: string
	h1: string
	h2: string
	i: string
	j: string
	k: string
	pfa: string
	outcomes: Outcome[]
	provisions: Provision[]
}

function cloneContent(content: PlanContent): PlanContent {
	return { ...content, b: [...content.b], outcomes: content.outcomes.map((o) => ({ ...o })), provisions: content.provisions.map((p) => ({ ...p })) }
}

interface Pronouns {
	his: string
	him: string
}
const PRONOUNS: Record<Gender, Pronouns> = { f: { his: 'her', him: 'her' }, m: { his: 'his', him: 'him' } }

function fill(template: string, vars: Record<string, string>): string {
	return template.replace(/\{(\w+)\}/g, (whole, key: string) => vars[key] ?? whole)
}

function formatProvision(p: ProvisionText): string {
	return (
		[p.what, p.who && `Who: ${p.who}`, p.frequency && `How often: ${p.frequency}`, p.duration && `For how long: ${p.duration}`].filter(Boolean).join('. ') +
		'.'
	)
}

function yearLabel(year: number): string {
	if (year < 0) return 'the nursery class'
	if (year === 0) return 'Reception'
	return `Year ${year}`
}

// ---------------------------------------------------------------------------------------------------------------
// The world: councils, schools, users and one skeleton per child (cheap; the details come per chunk).

type Stage =
	| 'FUTURE' // no open review; the next is due in 2 to 11 months
	| 'UPCOMING' // due within 8 weeks, not started yet
	| 'OVERDUE' // due date passed, no review started
	| 'DRAFT_NOMEET' // review started, no meeting booked yet
	| 'DRAFT_BOOKED' // meeting booked
	| 'DRAFT_HELD' // meeting held, report not yet submitted
	| 'SUBMITTED'
	| 'DECISION_MADE'
	| 'NOTICE_ISSUED'
	| 'REPRESENTATIONS'
	| 'FINAL_ISSUED'

const STAGE_WEIGHTS: readonly (readonly [Stage, number])[] = [
	// About 1,500 reviews a month pass through about 5,000 open reviews (a quarter of the plans).
	['FUTURE', 60.5],
	['UPCOMING', 5],
	['OVERDUE', 8.5],
	['DRAFT_NOMEET', 3],
	['DRAFT_BOOKED', 6],
	['DRAFT_HELD', 4],
	['SUBMITTED', 4],
	['DECISION_MADE', 2.5],
	['NOTICE_ISSUED', 2.5],
	['REPRESENTATIONS', 2],
	['FINAL_ISSUED', 2],
]

const STATUS_OF_STAGE: Partial<Record<Stage, ReviewStatus>> = {
	DRAFT_NOMEET: 'DRAFT',
	DRAFT_BOOKED: 'DRAFT',
	DRAFT_HELD: 'DRAFT',
	SUBMITTED: 'SUBMITTED',
	DECISION_MADE: 'DECISION_MADE',
	NOTICE_ISSUED: 'NOTICE_ISSUED',
	REPRESENTATIONS: 'REPRESENTATIONS',
	FINAL_ISSUED: 'FINAL_ISSUED',
}

interface ChildSkeleton {
	index: number
	id: string
	planId: string
	la: LaInfo
	school: SchoolSpec
	/** Schools attended before the current one, with the day the child left each (1 September of the move). */
	previous: { school: SchoolSpec; until: IsoDate }[]
	caseworker: UserSpec | null
	firstName: string
	lastName: string
	gender: Gender
	group: NameGroup
	dateOfBirth: IsoDate
	yearGroup: number
	upn: string
	need: NeedKey
	secondNeed: NeedKey | null
	stage: Stage
}

interface LaInfo {
	id: string
	name: string
	code: string
	contactEmail: string
	/** Whether the council's reviews of the past 15 months are in the portal (Medway's are not: no council users). */
	history: boolean
	manager: UserSpec | null
	schools: SchoolSpec[]
}

interface World {
	scale: SeedScale
	today: IsoDate
	academicYear: number
	seed: number
	ids: Ids
	las: LaRow[]
	laInfo: LaInfo[]
	schools: SchoolSpec[]
	users: UserSpec[]
	userById: Map<string, UserSpec>
	children: ChildSkeleton[]
}

function buildWorld(scale: SeedScale, today: IsoDate): World {
	const config = SCALES[scale]
	const seedValue = hashString(`ehc-portal-seed:${scale}`)
	const rng = new Random(seedValue)
	const ids = new Ids(hashString(`ids:${scale}:${today}`))
	const academicYear = academicYearStart(today)

	const kentId = ids.next()
	const medwayId = ids.next()
	const las = [kentRow(kentId), medwayRow(medwayId)]
	const kent: LaInfo = { id: kentId, name: KENT.name, code: KENT.code, contactEmail: las[0]!.contactEmail, history: true, manager: null, schools: [] }
	const medway: LaInfo = {
		id: medwayId,
		name: MEDWAY.name,
		code: MEDWAY.code,
		contactEmail: las[1]!.contactEmail,
		history: false,
		manager: null,
		schools: [],
	}

	// Schools: URNs are 6 digits starting with 9 (unused by real schools); DfE establishment numbers by phase.
	const urns = new Set<number>()
	const nextUrn = () => {
		let urn: number
		do urn = rng.int(900_000, 999_999)
		while (urns.has(urn))
		urns.add(urn)
		return String(urn)
	}
	const estabCounters: Record<SchoolCategory, number> = { PRIMARY: 2000, SECONDARY: 4000, SPECIAL: 7000, POST16: 8000 }
	const nextEstab = (category: SchoolCategory) => (estabCounters[category] += rng.int(1, category === 'PRIMARY' ? 3 : 6))
	const users: UserSpec[] = []
	const schools: SchoolSpec[] = []
	const usedNames = new Set<string>()

	const usedDomains = new Set<string>()
	const addSchool = (la: LaInfo, fixed: FixedSchool) => {
		if (usedDomains.has(fixed.domain)) throw new Error(`seed: two schools with the email domain ${fixed.domain}`)
		usedDomains.add(fixed.domain)
		const town = TOWNS.find(([t]) => t === fixed.town)
		const hasSixthForm = fixed.hasSixthForm ?? (fixed.category === 'SECONDARY' ? rng.chance(0.7) : false)
		const spec: SchoolSpec = {
			id: ids.next(),
			laId: la.id,
			name: fixed.name,
			domain: fixed.domain,
			urn: nextUrn(),
			estab: nextEstab(fixed.category),
			category: fixed.category,
			phase: PHASE_OF[fixed.category],
			kind: fixed.kind,
			town: fixed.town,
			address: town ? address(rng, fixed.town, town[1]) : `Dock Road, ${fixed.town}, Kent ME4 ${rng.int(1, 9)}TR`,
			head: adultName(rng),
			senco: fixed.senco ?? adultName(rng),
			hasNursery: fixed.hasNursery ?? (fixed.category === 'PRIMARY' ? rng.chance(0.3) : fixed.specialKind === 'COMPLEX'),
			hasSixthForm,
			specialKind: fixed.specialKind ?? null,
			weight: fixed.weight,
			placement: placementText(fixed.category, fixed.kind, fixed.specialKind ?? null, hasSixthForm),
			sencoId: ids.next(),
			caseworkerId: null,
		}
		usedNames.add(spec.name)
		schools.push(spec)
		la.schools.push(spec)
		users.push({
			id: spec.sencoId,
			email: `senco@${spec.domain}.example.org`,
			name: `${spec.senco.first} ${spec.senco.last}`,
			roles: ['SENCO'],
			laId: null,
			schoolId: spec.id,
		})
		return spec
	}

	for (const fixed of DEMO_SCHOOLS) addSchool(kent, fixed)
	for (const category of ['PRIMARY', 'SECONDARY', 'SPECIAL', 'POST16'] as const) {
		for (let n = 0; n < config.generatedSchools[category]; n++) {
			let name: string
			let kind: string
			do {
				const [pattern, k] = rng.weighted(GENERATED_PATTERNS[category].map(([p, kd, w]) => [[p, kd] as const, w] as const))
				name = fill(pattern, { p: rng.pick(PLACE_HEADS) + rng.pick(PLACE_TAILS) })
				kind = k
			} while (usedNames.has(name) || usedDomains.has(slug(name)))
			const [town] = rng.pick(TOWNS)
			const specialKind: SpecialKind | undefined =
				category === 'SPECIAL'
					? rng.weighted([
							['AUTISM', 4],
							['COMPLEX', 3],
							['SEMH', 2],
							['LEARNING', 3],
						] as const)
					: undefined
			const weight = category === 'SPECIAL' ? 0.6 + rng.next() : category === 'POST16' ? 0.5 + rng.next() : 0.5 + rng.next()
			addSchool(kent, { name, domain: slug(name), category, kind, town, specialKind, weight })
		}
	}
	const medwaySchool = addSchool(medway, MEDWAY_SCHOOL)

	// Council staff. Priya Shah covers Oakfield among others; each school has a caseworker covering it.
	const kentUser = (email: string, name: string, role: Role): UserSpec => {
		const u: UserSpec = { id: ids.next(), email, name, roles: [role], laId: kent.id, schoolId: null }
		users.push(u)
		return u
	}
	const demoUser = (email: string) => DEMO_USERS.find((u) => u.email === email)!
	const priya = kentUser('caseworker@kent.example.gov.uk', demoUser('caseworker@kent.example.gov.uk').name, 'CASEWORKER')
	const caseworkers = [
		priya,
		kentUser('mark.bennett@kent.example.gov.uk', 'Mark Bennett', 'CASEWORKER'),
		kentUser('grace.adeyemi@kent.example.gov.uk', 'Grace Adeyemi', 'CASEWORKER'),
	]
	const usedEmails = new Set(users.map((u) => u.email))
	for (let n = 0; n < config.generatedCaseworkers; n++) {
		let first: string
		let last: string
		let email: string
		do {
			;({ first, last } = adultName(rng))
			email = `${emailPart(first)}.${emailPart(last)}@kent.example.gov.uk`
		} while (usedEmails.has(email))
		usedEmails.add(email)
		caseworkers.push(kentUser(email, `${first} ${last}`, 'CASEWORKER'))
	}
	kent.manager = kentUser('manager@kent.example.gov.uk', demoUser('manager@kent.example.gov.uk').name, 'MANAGER')
	kentUser('admin@kent.example.gov.uk', demoUser('admin@kent.example.gov.uk').name, 'ADMIN')

	// Children.
	const upns = new UpnFactory(rng)
	const children: ChildSkeleton[] = []
	const addChild = (la: LaInfo, pickSchool: (need: NeedKey, year: number) => SchoolSpec, caseworkerFor: () => UserSpec | null) => {
		const name = childName(rng)
		let need = rng.weighted((Object.keys(NEED_WEIGHTS) as NeedKey[]).map((k) => [k, NEED_WEIGHTS[k].weight] as const))
		let year = rng.weighted(YEAR_WEIGHTS)
		if (year < NEED_WEIGHTS[need].minYear) year = NEED_WEIGHTS[need].minYear + rng.int(0, 3)
		// Born between 1 September and 31 August of the academic year that puts the child in `year`.
		const bornFrom = toIsoDate(academicYear - year - 5, 9, 1)
		const dateOfBirth = rng.date(bornFrom, toIsoDate(academicYear - year - 4, 8, 31))
		const school = pickSchool(need, year)
		if (school.category === 'SPECIAL' && !SPECIAL_NEEDS[school.specialKind ?? 'LEARNING'].includes(need))
			need = SPECIAL_NEEDS[school.specialKind ?? 'LEARNING'][0]!
		const secondNeed =
			need === 'PMLD' || rng.chance(0.35)
				? null
				: rng.pick(
						(Object.keys(NEEDS) as NeedKey[]).filter(
							(k) => NEEDS[k].area !== NEEDS[need].area && k !== 'PMLD' && k !== 'SLD' && NEED_WEIGHTS[k].minYear <= year,
						),
					)
		const previous = previousSchools(rng, la, school, year, academicYear)
		children.push({
			index: children.length,
			id: ids.next(),
			planId: ids.next(),
			la,
			school,
			previous,
			caseworker: caseworkerFor(),
			firstName: name.firstName,
			lastName: name.lastName,
			gender: name.gender,
			group: name.group,
			dateOfBirth,
			yearGroup: year,
			upn: upns.next(la.code, previous[0]?.school.estab ?? school.estab, year < 0 ? academicYear : academicYear - year),
			need,
			secondNeed: secondNeed ?? null,
			stage: rng.weighted(STAGE_WEIGHTS),
		})
	}

	const byCategory = (la: LaInfo, category: SchoolCategory) => la.schools.filter((s) => s.category === category)
	const pickWeighted = (list: SchoolSpec[]) => rng.weighted(list.map((s) => [s, s.weight] as const))
	const kentPick = (need: NeedKey, year: number): SchoolSpec => {
		if (rng.chance(NEED_WEIGHTS[need].special)) {
			const fits = byCategory(kent, 'SPECIAL').filter(
				(s) =>
					SPECIAL_NEEDS[s.specialKind!].includes(need) &&
					(year >= 0 || s.specialKind === 'COMPLEX') &&
					(s.specialKind !== 'SEMH' || (year >= 1 && year <= 11)),
			)
			if (fits.length) return pickWeighted(fits)
		}
		if (year <= 6) return pickWeighted(byCategory(kent, 'PRIMARY').filter((s) => year >= 0 || s.hasNursery))
		if (year <= 11) return pickWeighted(byCategory(kent, 'SECONDARY'))
		return rng.chance(0.5) ? pickWeighted(byCategory(kent, 'SECONDARY').filter((s) => s.hasSixthForm)) : pickWeighted(byCategory(kent, 'POST16'))
	}
	// About 15% of children are unassigned, 15% are with a caseworker who does not cover their school (moves,
	// complex cases), and the rest are with the caseworker covering the school, given out once all are placed.
	const bySchool = new Map<ChildSkeleton, 'school' | 'other'>()
	const kentCaseworker = (): UserSpec | null => {
		const roll = rng.next()
		if (roll < 0.15) return null
		return rng.pick(caseworkers)
	}
	for (let n = 0; n < config.kentChildren; n++) {
		addChild(kent, kentPick, kentCaseworker)
		const child = children[children.length - 1]!
		if (child.caseworker) bySchool.set(child, rng.chance(0.82) ? 'school' : 'other')
	}
	// Schools go to the caseworker with the smallest caseload so far, largest first (a big special school is shared
	// out in groups of up to 120), so caseloads come out about even; Priya Shah covers Oakfield.
	const load = new Map(caseworkers.map((c) => [c, 0]))
	for (const [child, mode] of bySchool) if (mode === 'other') load.set(child.caseworker!, load.get(child.caseworker!)! + 1)
	const atSchool = new Map<SchoolSpec, ChildSkeleton[]>()
	for (const [child, mode] of bySchool) if (mode === 'school') atSchool.set(child.school, [...(atSchool.get(child.school) ?? []), child])
	const groups: { school: SchoolSpec; children: ChildSkeleton[] }[] = []
	for (const [school, list] of atSchool) for (let i = 0; i < list.length; i += 120) groups.push({ school, children: list.slice(i, i + 120) })
	groups.sort((a, b) => (a.school === schools[0] ? -1 : b.school === schools[0] ? 1 : b.children.length - a.children.length))
	for (const group of groups) {
		const caseworker = group.school === schools[0] ? priya : [...load.entries()].reduce((best, entry) => (entry[1] < best[1] ? entry : best))[0]
		group.school.caseworkerId ??= caseworker.id
		load.set(caseworker, load.get(caseworker)! + group.children.length)
		for (const child of group.children) child.caseworker = caseworker
	}
	for (let n = 0; n < MEDWAY_CHILDREN; n++)
		addChild(
			medway,
			() => medwaySchool,
			() => null,
		)
	// Medway's children are primary-aged at its one primary school.
	for (const child of children.filter((c) => c.la === medway)) {
		if (child.yearGroup < 0 || child.yearGroup > 6) {
			child.yearGroup = 3 + (child.index % 3)
			child.dateOfBirth = rng.date(toIsoDate(academicYear - child.yearGroup - 5, 9, 1), toIsoDate(academicYear - child.yearGroup - 4, 8, 31))
			child.upn = upns.next(medway.code, medwaySchool.estab, academicYear - child.yearGroup)
			child.previous = []
		}
		if (NEEDS[child.need].area === 'Cognition and learning' && (child.need === 'PMLD' || child.need === 'SLD')) child.need = 'SLCN'
	}
	assignStages(children, kent, medway, priya, schools[0]!)
	return {
		scale,
		today,
		academicYear,
		seed: seedValue,
		ids,
		las,
		laInfo: [kent, medway],
		schools,
		users,
		userById: new Map(users.map((u) => [u.id, u])),
		children,
	}
}

/**
 * Children in a secondary school (or a college) moved there from a primary (or a secondary) on 1 September of the
 * year they joined; their earlier plan versions name that school, and the amendment naming the new one came first.
 */
function previousSchools(rng: Random, la: LaInfo, school: SchoolSpec, year: number, academicYear: number): { school: SchoolSpec; until: IsoDate }[] {
	const out: { school: SchoolSpec; until: IsoDate }[] = []
	const primaries = la.schools.filter((s) => s.category === 'PRIMARY')
	const secondaries = la.schools.filter((s) => s.category === 'SECONDARY')
	if ((school.category === 'SECONDARY' && year >= 7) || (school.category === 'POST16' && year >= 12)) {
		if (primaries.length) out.push({ school: rng.pick(primaries), until: toIsoDate(academicYear - (year - 7), 9, 1) })
	}
	if (school.category === 'POST16' && year >= 12 && secondaries.length)
		out.push({ school: rng.pick(secondaries), until: toIsoDate(academicYear - (year - 12), 9, 1) })
	return out
}

/**
 * Makes sure every review status is there to see: for each open status, at least 2 at Oakfield, 3 on Priya Shah's
 * caseload and 4 in Kent (the weights alone give far more at Kent scale). Converts children who had no open review.
 */
function assignStages(children: ChildSkeleton[], kent: LaInfo, medway: LaInfo, priya: UserSpec, oakfield: SchoolSpec) {
	const groups: readonly (readonly Stage[])[] = [
		['DRAFT_BOOKED', 'DRAFT_HELD', 'DRAFT_NOMEET'],
		['SUBMITTED'],
		['DECISION_MADE'],
		['NOTICE_ISSUED'],
		['REPRESENTATIONS'],
		['FINAL_ISSUED'],
	]
	const convertible = (c: ChildSkeleton) => c.stage === 'FUTURE' || c.stage === 'UPCOMING'
	const ensure = (pool: ChildSkeleton[], stages: readonly Stage[], minimum: number) => {
		let have = pool.filter((c) => stages.includes(c.stage)).length
		for (const child of pool) {
			if (have >= minimum) return
			if (!convertible(child)) continue
			child.stage = stages[have % stages.length]!
			have++
		}
	}
	const kentChildren = children.filter((c) => c.la === kent)
	for (const stages of groups) {
		ensure(
			kentChildren.filter((c) => c.school === oakfield),
			stages,
			2,
		)
		ensure(
			kentChildren.filter((c) => c.caseworker === priya && c.school !== oakfield),
			stages,
			3,
		)
		ensure(kentChildren, stages, 4)
	}
	// Medway: a small, fixed mix. Its council has no users in the demo, so nothing there needs a council decision.
	const medwayStages: Stage[] = ['FUTURE', 'DRAFT_BOOKED', 'SUBMITTED', 'OVERDUE', 'FUTURE']
	for (const [i, child] of children.filter((c) => c.la === medway).entries()) child.stage = medwayStages[i % medwayStages.length]!
}

/**
 * Unique Pupil Numbers in the DfE format: a check letter, then the LA code (3 digits), the establishment number
 * (4), the year of allocation (2) and a serial (3). The check letter is the weighted sum of the 12 digits (weights
 * 2-13) modulo 23, as a letter of A-Z without I, O and S.
 */
class UpnFactory {
	private readonly serials = new Map<string, number>()
	constructor(private readonly rng: Random) {}
	next(laCode: string, estab: number, allocatedYear: number): string {
		const base = `${laCode}${String(estab).padStart(4, '0')}${String(allocatedYear % 100).padStart(2, '0')}`
		const serial = (this.serials.get(base) ?? this.rng.int(0, 40)) + this.rng.int(1, 6)
		if (serial > 999) throw new Error(`UPN serials exhausted for ${base}`)
		this.serials.set(base, serial)
		const digits = base + String(serial).padStart(3, '0')
		let sum = 0
		for (let i = 0; i < 12; i++) sum += Number(digits[i]) * (i + 2)
		return 'ABCDEFGHJKLMNPQRTUVWXYZ'[sum % 23] + digits
	}
}

// ---------------------------------------------------------------------------------------------------------------
// Rows for one chunk of children, grouped so that they can be inserted in foreign-key order

class Level {
	versions: Prisma.PlanVersionCreateManyInput[] = []
	outcomes: Prisma.PlanOutcomeCreateManyInput[] = []
	provisions: Prisma.PlanProvisionCreateManyInput[] = []
	reviews: Prisma.AnnualReviewCreateManyInput[] = []
	invitees: Prisma.ReviewInviteeCreateManyInput[] = []
	progress: Prisma.OutcomeProgressCreateManyInput[] = []
	proposals: Prisma.AmendmentProposalCreateManyInput[] = []
	decisions: Prisma.DecisionCreateManyInput[] = []
	notices: Prisma.AmendmentNoticeCreateManyInput[] = []
	representations: Prisma.RepresentationCreateManyInput[] = []
	finalPlans: Prisma.FinalPlanCreateManyInput[] = []
}

class ChunkRows {
	children: Prisma.ChildCreateManyInput[] = []
	plans: Prisma.EhcPlanCreateManyInput[] = []
	overdue = 0
	// A plan version made by a final plan can only be written after that final plan, which needs the review of the
	// version before: level n holds versions made by level n-1's final plans, and the reviews of those versions.
	levels: Level[] = []
	level(n: number): Level {
		while (this.levels.length <= n) this.levels.push(new Level())
		return this.levels[n]!
	}
	count(summary: SeedSummary) {
		summary.children += this.children.length
		summary.plans += this.plans.length
		summary.overduePlans += this.overdue
		for (const level of this.levels) {
			summary.planVersions += level.versions.length
			summary.reviews += level.reviews.length
			for (const r of level.reviews) summary.reviewsByStatus[r.status as ReviewStatus]++
			summary.decisions += level.decisions.length
			summary.amendmentNotices += level.notices.length
			summary.finalPlans += level.finalPlans.length
			summary.representations += level.representations.length
			summary.amendmentProposals += level.proposals.length
		}
	}
}

/**
 * One transaction per chunk, parents before children, with multi-row INSERTs (app/db/bulk-insert.server.ts):
 * Prisma's createMany costs 100-500 µs a row here; they cost about 30, which is what makes Kent scale fit in the
 * time. Every row carries its timestamps, as the seed dates them relative to `today`.
 */
async function writeChunk(prisma: PrismaClient, rows: ChunkRows) {
	const ops: Prisma.PrismaPromise<number>[] = []
	const provider = providerOf(prisma)
	const insert = (table: Prisma.ModelName, tableRows: object[]) => ops.push(...bulkInsert(prisma, table, tableRows, { provider }))
	insert('Child', rows.children)
	insert('EhcPlan', rows.plans)
	for (const level of rows.levels) {
		insert('PlanVersion', level.versions)
		insert('PlanOutcome', level.outcomes)
		insert('PlanProvision', level.provisions)
		insert('AnnualReview', level.reviews)
		insert('ReviewInvitee', level.invitees)
		insert('OutcomeProgress', level.progress)
		insert('AmendmentProposal', level.proposals)
		insert('Decision', level.decisions)
		insert('AmendmentNotice', level.notices)
		insert('Representation', level.representations)
		insert('FinalPlan', level.finalPlans)
	}
	await prisma.$transaction(ops)
}

// ---------------------------------------------------------------------------------------------------------------
// One child's plan, versions and reviews

interface ChildContext {
	world: World
	child: ChildSkeleton
	rng: Random
	vars: Record<string, string>
	parentName: string
	parentEmail: string
	youngPersonEmail: string
	/** Who acts for the council on this child: the caseworker, or the SEN manager when unassigned. */
	officer: UserSpec | null
}

type ReviewOutcome = 'MAINTAIN' | 'AMEND' | 'CEASE'

interface VersionRecord {
	id: string
	versionNo: number
	issuedOn: IsoDate
	content: PlanContent
	outcomeIds: string[]
	level: number
}

interface ProposalDraft {
	section: string
	position: number
	currentWording: string
	proposedWording: string
	reason: string
	editedWording: string
	apply: (content: PlanContent, edited: boolean) => void
}

/** A review's facts, worked out before any row is written. */
interface ReviewPlan {
	status: ReviewStatus
	dueOn: IsoDate
	createdOn: IsoDate
	school: SchoolSpec
	meetingOn: IsoDate | null
	meetingHeld: boolean
	invitationsSentOn: IsoDate | null
	recommendation: ReviewOutcome | null
	reportReceivedOn: IsoDate | null
	decision: { outcome: ReviewOutcome; on: IsoDate } | null
	noticeOn: IsoDate | null
	representationsOn: IsoDate[]
	final: { on: IsoDate; amended: boolean } | null
	closedOn: IsoDate | null
	/** Name the school the child moves to (phase transfer) in section I, from this day (1 September). */
	transferTo: SchoolSpec | null
	transferOn: IsoDate | null
}

/**
 * The demo's young people in their own right (issue 12 §3; app/domain/young-person.ts): Kent's children over compulsory
 * school age (Year 12 and up), decided once per world in index order, so that the demo always has one lacking capacity
 * with a deputy acting for them (SEND Regulations 2014 reg 64; the first with a profound or severe learning difficulty,
 * if any), its other such young people lacking capacity with a parent, an attorney or a deputy acting for them in
 * turn, and of the rest every other one agreeing that their parent is copied into their letters.
 */
type YoungPersonRights = 'DEPUTY' | 'ATTORNEY' | 'PARENT' | 'AGREED' | 'OWN'
const youngPeopleOfWorld = new WeakMap<World, Map<number, YoungPersonRights>>()
function youngPeopleOf(world: World): Map<number, YoungPersonRights> {
	const known = youngPeopleOfWorld.get(world)
	if (known) return known
	const rights = new Map<number, YoungPersonRights>()
	const kent = world.laInfo[0]
	const young = world.children.filter((c) => c.la === kent && c.yearGroup >= 12 && pastCompulsorySchoolAge(c.dateOfBirth, world.today))
	const severe = young.filter((c) => c.need === 'PMLD' || c.need === 'SLD')
	const turns = ['DEPUTY', 'PARENT', 'ATTORNEY'] as const
	severe.forEach((c, i) => rights.set(c.index, turns[i % turns.length]!))
	const first = severe[0] ?? young[0]
	if (first) rights.set(first.index, 'DEPUTY')
	let n = 0
	for (const c of young) if (!rights.has(c.index)) rights.set(c.index, n++ % 2 === 0 ? 'AGREED' : 'OWN')
	youngPeopleOfWorld.set(world, rights)
	return rights
}

/**
 * A young person's own rights as the council recorded them: their agreement to their parent being copied (a day from
 * shortly before compulsory school age ended to today), or, lacking capacity, who acts for them (an attorney with no
 * email address, whose letters are posted). From a generator of their own, so the child's plan and reviews are as
 * they were before these were recorded.
 */
function youngPersonRights(world: World, child: ChildSkeleton) {
	const kind = child.yearGroup >= 12 ? youngPeopleOf(world).get(child.index) : undefined
	const rng = new Random((world.seed ^ Math.imul(child.index + 1, 0x85ebca6b) ^ 0x27d4eb2f) >>> 0)
	const none = {
		youngPersonParentCopyAgreedOn: null as string | null,
		youngPersonLacksCapacity: false,
		representativeRole: null as string | null,
		representativeName: '',
		representativeEmail: '',
	}
	if (kind === 'AGREED') return { ...none, youngPersonParentCopyAgreedOn: rng.date(addDays(youngPersonFrom(child.dateOfBirth), -60), world.today) }
	if (kind === 'PARENT') return { ...none, youngPersonLacksCapacity: true, representativeRole: 'PARENT' }
	if (kind === 'DEPUTY' || kind === 'ATTORNEY') {
		const person = adultName(rng)
		const email = kind === 'DEPUTY' ? `${emailPart(person.first)}.${emailPart(person.last)}${rng.int(1, 99)}@example.org` : ''
		return {
			...none,
			youngPersonLacksCapacity: true,
			representativeRole: kind,
			representativeName: `${person.first} ${person.last}`,
			representativeEmail: email,
		}
	}
	return none
}

/**
 * A young person's own email address, to which their letters go (app/domain/young-person.ts): only for those past
 * compulsory school age, which for Year 12 and up ended the June before Year 12. `n` is drawn for every Year 12 and
 * up, as it always was, so the rest of the child's data is unchanged.
 */
function youngPersonAddress(child: ChildSkeleton, today: IsoDate, n: number): string {
	return pastCompulsorySchoolAge(child.dateOfBirth, today) ? `${emailPart(child.firstName)}.${emailPart(child.lastName)}${n}@example.net` : ''
}

function generateChild(world: World, child: ChildSkeleton, rows: ChunkRows) {
	const rng = new Random((world.seed ^ Math.imul(child.index + 1, 0x9e3779b1)) >>> 0)
	const { today } = world
	let parent = adultName(rng, rng.chance(0.9) ? child.group : pickGroup(rng))
	if (parent.first === child.firstName) parent = adultName(rng, child.group, 'f')
	const parentLast = rng.chance(0.85) ? child.lastName : parent.last
	const parentName = `${parent.first} ${parentLast}`
	const ctx: ChildContext = {
		world,
		child,
		rng,
		vars: { name: child.firstName, ...PRONOUNS[child.gender], parent: parentName },
		parentName,
		parentEmail: `${emailPart(parent.first)}.${emailPart(parentLast)}${rng.int(1, 99)}@example.com`,
		youngPersonEmail: child.yearGroup >= 12 ? youngPersonAddress(child, today, rng.int(1, 99)) : '',
		officer: child.caseworker ?? child.la.manager,
	}

	// 1. The current review cycle: its dates, working back from today.
	const current = planCurrentCycle(ctx)

	// 2. The plan: first issued 1-8 years ago (after the child turned 2), last reviewed 12 months before the due date.
	const earliestIssue = maxDate(addMonths(today, -96), addMonths(child.dateOfBirth, 24))
	let lastReviewOn: IsoDate | null = addMonths(current.targetDueOn, -12)
	let firstIssuedOn: IsoDate
	if (rng.chance(0.04) || before(addMonths(lastReviewOn, -11), earliestIssue)) {
		// A plan issued in the past year: no annual review yet.
		lastReviewOn = null
		firstIssuedOn = maxDate(addMonths(current.targetDueOn, -12), earliestIssue)
	} else {
		firstIssuedOn = rng.date(earliestIssue, addMonths(lastReviewOn, -11))
	}
	// The 12-month date the current cycle answers (s.44(1)): the current review's own due date.
	const reviewDueOn = nextReviewDueOn(firstIssuedOn, lastReviewOn)

	// 3. The previous review, closed in the portal if it was held in the past 15 months (the council's history).
	const historic =
		lastReviewOn && child.la.history && compareDates(lastReviewOn, addMonths(today, -15)) >= 0 ? planHistoricReview(ctx, lastReviewOn, firstIssuedOn) : null

	// 4. Plan versions: the first, amendments before the portal, the move to a new school, and each final plan.
	const events: { on: IsoDate; kind: 'first' | 'amended' | 'transfer' | 'historic-final' | 'current-final'; to?: SchoolSpec }[] = [
		{ on: firstIssuedOn, kind: 'first' },
	]
	const namedAtFirst = schoolAt(child, addDays(firstIssuedOn, 200))
	for (const move of child.previous) {
		const moveOn = move.until
		if (!before(firstIssuedOn, addDays(moveOn, -200))) continue // the first plan already named the new school
		const next = schoolAt(child, moveOn)
		if (
			historic &&
			!historic.transferTo &&
			compareDates(historic.meetingOn!, addDays(moveOn, -365)) >= 0 &&
			compareDates(historic.meetingOn!, addDays(moveOn, -120)) <= 0
		) {
			forceTransferAmendment(ctx, historic, next, moveOn)
			continue
		}
		const feb = toIsoDate(parseIsoDate(moveOn).year, 2, rng.int(1, 14))
		events.push({ on: minDate(maxDate(feb, addDays(firstIssuedOn, 30)), addDays(moveOn, -1)), kind: 'transfer', to: next })
	}
	const amendBy = lastReviewOn ? addDays(lastReviewOn, -30) : addDays(today, -60)
	if (rng.chance(0.3) && before(addDays(firstIssuedOn, 180), amendBy)) events.push({ on: rng.date(addDays(firstIssuedOn, 180), amendBy), kind: 'amended' })
	if (historic?.final?.amended) events.push({ on: historic.final.on, kind: 'historic-final' })
	if (current.review?.final?.amended) events.push({ on: current.review.final.on, kind: 'current-final' })
	events.sort((a, b) => compareDates(a.on, b.on))

	// 5. Build the versions in order, with the reviews that lead to final plans.
	const versions: VersionRecord[] = []
	let content = initialContent(ctx, firstIssuedOn, namedAtFirst)
	// The version each review looked at (the latest issued before its meeting) and what the school proposed.
	const reviewed: { previous?: { version: VersionRecord; proposals: ProposalDraft[] }; current?: { version: VersionRecord; proposals: ProposalDraft[] } } = {}
	const latestBefore = (date: IsoDate) => [...versions].reverse().find((v) => before(v.issuedOn, date)) ?? versions[versions.length - 1]!
	const reviewAndPropose = (review: ReviewPlan, which: 'previous' | 'current') => {
		const version = latestBefore(review.meetingOn ?? today)
		const proposals = review.recommendation === 'AMEND' || review.decision?.outcome === 'AMEND' ? proposeAmendments(ctx, version, review) : []
		reviewed[which] = { version, proposals }
	}

	for (const event of events) {
		// Reviews held before this version reviewed the version before it.
		if (historic && !reviewed.previous && versions.length && compareDates(historic.meetingOn!, event.on) <= 0) reviewAndPropose(historic, 'previous')
		if (current.review && !reviewed.current && versions.length && current.review.meetingOn && compareDates(current.review.meetingOn, event.on) <= 0)
			reviewAndPropose(current.review, 'current')
		let level = 0
		let finalPlanId: string | null = null
		if (event.kind === 'first') {
			// content is already the first version
		} else if (event.kind === 'amended') {
			content = cloneContent(content)
			for (const p of proposeAmendments(ctx, { ...versions[versions.length - 1]!, content }, null)) p.apply(content, false)
		} else if (event.kind === 'transfer') {
			content = cloneContent(content)
			content.i = sectionI(event.to!, yearAt(child, event.on, world) + 1, parseIsoDate(event.on).year)
		} else {
			const isHistoric = event.kind === 'historic-final'
			const review = isHistoric ? reviewed.previous : reviewed.current
			if (!review) throw new Error('seed: a final plan before its review')
			content = cloneContent(review.version.content)
			for (const [i, p] of review.proposals.entries()) {
				const decision = proposalDecision(ctx, isHistoric, i)
				if (decision !== 'REJECTED') p.apply(content, decision === 'EDITED')
			}
			level = review.version.level + 1
			finalPlanId = isHistoric ? historic!.finalPlanId : current.finalPlanId
		}
		versions.push(writeVersion(ctx, rows, content, versions.length + 1, event.on, level, finalPlanId))
	}
	if (historic && !reviewed.previous) reviewAndPropose(historic, 'previous')
	if (current.review && !reviewed.current) reviewAndPropose(current.review, 'current')

	// 6. Rows: child, plan, reviews.
	const lastVersion = versions[versions.length - 1]!
	const ceased = historic?.decision?.outcome === 'CEASE'
	rows.children.push({
		id: child.id,
		laId: child.la.id,
		schoolId: child.school.id,
		caseworkerId: child.caseworker?.id ?? null,
		firstName: child.firstName,
		lastName: child.lastName,
		dateOfBirth: child.dateOfBirth,
		upn: child.upn,
		yearGroup: child.yearGroup,
		phaseTransfer: child.yearGroup === -1 || child.yearGroup === 6 ? 'SCHOOL' : child.yearGroup === 11 ? 'POST16' : null,
		parentName: ctx.parentName,
		parentEmail: ctx.parentEmail,
		youngPersonEmail: ctx.youngPersonEmail,
		...youngPersonRights(world, child),
		searchText: `${child.firstName} ${child.lastName} ${child.upn}`.toLowerCase(),
		createdAt: at(firstIssuedOn, 8),
		updatedAt: at(firstIssuedOn, 8),
	})
	// The plan's dates as the app writes them: issuing the current review's final plan moved them on to the next cycle
	// (issueFinal in app/services/council-review.server.ts), as closing the previous review did.
	const finished = current.review?.status === 'FINAL_ISSUED' ? current.review.meetingOn! : null
	const planLastReviewOn = finished ?? lastReviewOn
	rows.plans.push({
		id: child.planId,
		childId: child.id,
		status: ceased ? 'CEASED' : 'ACTIVE',
		firstIssuedOn,
		lastReviewOn: planLastReviewOn,
		reviewDueOn: finished ? nextReviewDueOn(firstIssuedOn, finished) : reviewDueOn,
		currentVersionNo: lastVersion.versionNo,
		createdAt: at(firstIssuedOn, 8),
		updatedAt: at(maxDate(lastVersion.issuedOn, planLastReviewOn ?? firstIssuedOn), 17),
	})
	if (!ceased && before(reviewDueOn, today) && !(current.review?.meetingHeld ?? false)) rows.overdue++
	if (historic) writeReview(ctx, rows, historic, reviewed.previous!.version, reviewed.previous!.proposals, historic.finalPlanId)
	if (current.review) {
		current.review.dueOn = reviewDueOn
		writeReview(ctx, rows, current.review, reviewed.current!.version, reviewed.current!.proposals, current.finalPlanId)
	}
}

function schoolAt(child: ChildSkeleton, date: IsoDate): SchoolSpec {
	for (const p of child.previous) if (before(date, p.until)) return p.school
	return child.school
}

/** The school a child in a transfer year moves to next September. */
function nextSchoolFor(ctx: ChildContext): SchoolSpec | null {
	const { child, rng } = ctx
	const schools = child.la.schools
	if (child.school.category === 'SPECIAL') return null
	if (child.yearGroup === -1) return child.school.category === 'PRIMARY' ? child.school : rng.pick(schools.filter((s) => s.category === 'PRIMARY'))
	if (child.yearGroup === 6) {
		const secondaries = schools.filter((s) => s.category === 'SECONDARY')
		return secondaries.length ? rng.pick(secondaries) : null
	}
	if (child.yearGroup === 11) {
		if (child.school.hasSixthForm && rng.chance(0.5)) return child.school
		const colleges = schools.filter((s) => s.category === 'POST16')
		return colleges.length ? rng.pick(colleges) : null
	}
	return null
}

// How timeliness improved over the year (Kent: reviews on time rose from 35% in 2023 to 65% in 2025; decisions
// within 4 weeks are about half nationally). Returns the chance of being on time for an event on `date`.
function onTimeChance(world: World, date: IsoDate, from: number, to: number): number {
	const progress = Math.min(1, Math.max(0, 1 - daysBetween(date, world.today) / 450))
	return from + (to - from) * progress
}

interface CurrentCycle {
	targetDueOn: IsoDate
	review: (ReviewPlan & { dueOn: IsoDate }) | null
	finalPlanId: string | null
}

function planCurrentCycle(ctx: ChildContext): CurrentCycle {
	const { rng, child, world } = ctx
	const { today } = world
	const stage = child.stage
	const late = (p: number) => !rng.chance(p)
	const dueAround = (meetingOn: IsoDate) => (late(0.82) ? addDays(meetingOn, -rng.int(1, 50)) : addDays(meetingOn, rng.int(0, 40)))
	const transferTo = [6, 11, -1].includes(child.yearGroup) ? nextSchoolFor(ctx) : null

	switch (stage) {
		case 'FUTURE':
			return { targetDueOn: addDays(today, rng.int(57, 335)), review: null, finalPlanId: null }
		case 'UPCOMING':
			return { targetDueOn: addDays(today, rng.int(0, 56)), review: null, finalPlanId: null }
		case 'OVERDUE':
			return { targetDueOn: addDays(today, -rng.int(1, 90)), review: null, finalPlanId: null }
	}

	const base: ReviewPlan & { dueOn: IsoDate } = {
		status: STATUS_OF_STAGE[stage]!,
		dueOn: today,
		createdOn: today,
		school: child.school,
		meetingOn: null,
		meetingHeld: false,
		invitationsSentOn: null,
		recommendation: null,
		reportReceivedOn: null,
		decision: null,
		noticeOn: null,
		representationsOn: [],
		final: null,
		closedOn: null,
		transferTo,
		transferOn: transferTo ? toIsoDate(world.academicYear + 1, 9, 1) : null,
	}
	let targetDueOn: IsoDate
	let finalPlanId: string | null = null
	const recommend = (): ReviewOutcome =>
		transferTo
			? 'AMEND'
			: rng.weighted([
					['AMEND', 52],
					['MAINTAIN', 44],
					['CEASE', child.yearGroup >= 11 ? 4 : 0],
				] as const)

	if (stage === 'DRAFT_NOMEET') {
		targetDueOn = addDays(today, rng.int(-30, 60))
		base.createdOn = addDays(today, -rng.int(1, 25))
	} else if (stage === 'DRAFT_BOOKED') {
		base.meetingOn = addDays(today, rng.int(1, 42))
		targetDueOn = dueAround(base.meetingOn)
	} else {
		// The meeting has been held: work back from the latest event.
		let meetingOn: IsoDate
		if (stage === 'DRAFT_HELD') {
			meetingOn = addDays(today, -rng.int(0, 25))
			if (rng.chance(0.5)) base.recommendation = recommend()
		} else {
			let decidedOn: IsoDate | null = null
			let reportOn: IsoDate
			if (stage === 'SUBMITTED') {
				reportOn = addDays(today, -rng.int(0, 14))
			} else {
				if (stage === 'DECISION_MADE') decidedOn = addDays(today, -rng.int(0, 10))
				else {
					let noticeOn: IsoDate
					if (stage === 'NOTICE_ISSUED') noticeOn = addDays(today, -rng.int(0, 14))
					else if (stage === 'REPRESENTATIONS') noticeOn = addDays(today, -rng.int(5, 50))
					else {
						const finalOn = addDays(today, -rng.int(0, 20))
						noticeOn = addDays(finalOn, -(late(0.85) ? rng.int(57, 75) : rng.int(16, 56)))
						finalPlanId = world.ids.next()
						base.final = { on: finalOn, amended: rng.chance(0.92) }
					}
					base.noticeOn = noticeOn
					decidedOn = rng.chance(0.8) ? noticeOn : addDays(noticeOn, -rng.int(1, 4))
					if (stage === 'REPRESENTATIONS') {
						const lastDay = minDate(addDays(noticeOn, 14), today)
						base.representationsOn = [rng.date(addDays(noticeOn, 1), lastDay)]
						if (rng.chance(0.25)) base.representationsOn.push(rng.date(base.representationsOn[0]!, lastDay))
					}
				}
				reportOn = addDays(decidedOn, -rng.int(1, 14))
			}
			meetingOn = addDays(reportOn, -(late(0.75) ? rng.int(15, 30) : rng.int(1, 14)))
			base.reportReceivedOn = reportOn
			base.recommendation = stage === 'SUBMITTED' || stage === 'DECISION_MADE' ? recommend() : 'AMEND'
			if (decidedOn) {
				// Every decision still open is to amend: a decision to maintain or cease closes the review at once (makeDecision in
				// app/services/council-review.server.ts), and an amend waits at DECISION_MADE for its amendment notice.
				base.decision = { outcome: 'AMEND', on: decidedOn }
			}
		}
		base.meetingOn = meetingOn
		base.meetingHeld = true
		targetDueOn = dueAround(meetingOn)
	}
	if (base.meetingOn) {
		base.invitationsSentOn = addDays(base.meetingOn, -(late(0.88) ? rng.int(6, 13) : rng.int(14, 35)))
		if (!before(base.invitationsSentOn, today) && !base.meetingHeld)
			base.invitationsSentOn = compareDates(addDays(base.meetingOn, -14), today) <= 0 ? addDays(today, -rng.int(0, 3)) : null
		base.createdOn = addDays(base.invitationsSentOn ?? today, -rng.int(3, 20))
		if (!before(base.createdOn, today)) base.createdOn = addDays(today, -rng.int(1, 10))
	}
	return { targetDueOn, review: base, finalPlanId }
}

interface HistoricReview extends ReviewPlan {
	finalPlanId: string | null
}

/** A review held on `meetingOn` and closed: the council's record of the past year. */
function planHistoricReview(ctx: ChildContext, meetingOn: IsoDate, planIssuedOn: IsoDate): HistoricReview {
	const { rng, world, child } = ctx
	const { today } = world
	const ontime = (lo: number, hi: number) => rng.chance(onTimeChance(world, meetingOn, lo, hi))
	// The 12-month date it answered: never before the plan's first one (s.44(1)), which is what the app would have
	// stored for a first review.
	const dueOn = maxDate(ontime(0.55, 0.8) ? addDays(meetingOn, rng.int(0, 40)) : addDays(meetingOn, -rng.int(1, 75)), nextReviewDueOn(planIssuedOn, null))
	const reportOn = minDate(addDays(meetingOn, ontime(0.6, 0.82) ? rng.int(1, 14) : rng.int(15, 40)), addDays(today, -3))
	let decidedOn = addDays(meetingOn, ontime(0.45, 0.72) ? rng.int(8, 28) : rng.int(29, 70))
	if (!before(reportOn, decidedOn)) decidedOn = addDays(reportOn, rng.int(1, 7))
	decidedOn = minDate(decidedOn, addDays(today, -2))
	const canAmend = daysBetween(decidedOn, today) >= 20
	// A ceased plan has no later review, so only a child with no open review can have had one ceased.
	const canCease = child.stage === 'FUTURE' && (child.yearGroup >= 11 || child.need === 'SPLD' || child.need === 'SLCN')
	const outcome: ReviewOutcome = rng.weighted([
		['AMEND', canAmend ? 42 : 0],
		['MAINTAIN', 55],
		['CEASE', canCease ? (child.yearGroup >= 11 ? 6 : 2) : 0],
	] as const)
	const review: HistoricReview = {
		status: 'CLOSED',
		dueOn,
		createdOn: addDays(meetingOn, -rng.int(30, 60)),
		school: schoolAt(child, meetingOn),
		meetingOn,
		meetingHeld: true,
		invitationsSentOn: addDays(meetingOn, -(ontime(0.75, 0.9) ? rng.int(14, 35) : rng.int(5, 13))),
		recommendation: outcome === 'CEASE' ? 'CEASE' : outcome === 'AMEND' ? 'AMEND' : rng.chance(0.1) ? 'AMEND' : 'MAINTAIN',
		reportReceivedOn: reportOn,
		decision: { outcome, on: decidedOn },
		noticeOn: null,
		representationsOn: [],
		final: null,
		closedOn: null,
		transferTo: null,
		transferOn: null,
		finalPlanId: null,
	}
	if (outcome === 'AMEND') setHistoricAmendment(ctx, review)
	else review.closedOn = minDate(addDays(decidedOn, rng.int(1, 10)), today)
	return review
}

function setHistoricAmendment(ctx: ChildContext, review: HistoricReview) {
	const { rng, world } = ctx
	const decidedOn = review.decision!.on
	const noticeOn = rng.chance(0.8) ? decidedOn : minDate(addDays(decidedOn, rng.int(1, 6)), addDays(world.today, -17))
	const ontime = rng.chance(onTimeChance(world, decidedOn, 0.6, 0.85))
	const finalOn = minDate(addDays(noticeOn, ontime ? rng.int(18, 56) : rng.int(57, 95)), addDays(world.today, -1))
	review.noticeOn = noticeOn
	if (rng.chance(0.3)) review.representationsOn = [addDays(noticeOn, rng.int(2, 14))]
	review.final = { on: finalOn, amended: rng.chance(0.95) }
	review.finalPlanId = world.ids.next()
	review.closedOn = minDate(addDays(finalOn, rng.int(0, 5)), world.today)
}

/** The review before a move names the new school: it must end in an amended final plan. */
function forceTransferAmendment(ctx: ChildContext, review: HistoricReview, to: SchoolSpec, moveOn: IsoDate) {
	review.transferTo = to
	review.transferOn = moveOn
	review.recommendation = 'AMEND'
	review.decision = { outcome: 'AMEND', on: review.decision!.on }
	setHistoricAmendment(ctx, review)
	review.final = { on: review.final!.on, amended: true }
}

function proposalDecision(ctx: ChildContext, historic: boolean, index: number): 'ACCEPTED' | 'EDITED' | 'REJECTED' {
	// Deterministic per proposal, so the final plan and the proposal rows agree.
	const roll = (hashString(`${ctx.child.id}:${historic ? 'previous' : 'current'}:${index}`) % 1000) / 1000
	return index === 0 || roll < 0.8 ? 'ACCEPTED' : roll < 0.95 ? 'EDITED' : 'REJECTED'
}

// ---------------------------------------------------------------------------------------------------------------
// Content

function byJuly(issuedOn: IsoDate, yearsAhead = 1): string {
	const { year, month } = parseIsoDate(issuedOn)
	return `By July ${(month <= 3 ? year : year + 1) + yearsAhead - 1}`
}

function yearAt(child: ChildSkeleton, date: IsoDate, world: World): number {
	return Math.max(-1, child.yearGroup - (world.academicYear - academicYearStart(date)))
}

/** Section I: the type and name of the school, with the class or sixth form where that matters. */
function sectionI(school: SchoolSpec, year: number, fromSeptember?: number): string {
	const note =
		school.category === 'PRIMARY' && year < 0 && school.hasNursery
			? ' (nursery class)'
			: school.category === 'PRIMARY' && year === 0 && fromSeptember
				? ' (Reception class)'
				: school.category === 'SECONDARY' && year >= 12
					? ' (sixth form)'
					: ''
	const from = fromSeptember ? ` From 1 September ${fromSeptember}.` : ''
	return `${school.placement}${note}: ${school.name}, ${school.town} (URN ${school.urn}).${from}`
}

function initialContent(ctx: ChildContext, issuedOn: IsoDate, school: SchoolSpec): PlanContent {
	const { rng, child, world } = ctx
	const need = NEEDS[child.need]
	const second = child.secondNeed ? NEEDS[child.secondNeed] : null
	const dx = String(Math.max(parseIsoDate(child.dateOfBirth).year + 2, parseIsoDate(issuedOn).year - rng.int(0, 2)))
	const vars = { ...ctx.vars, dx, att: String(rng.int(68, 88)), by: byJuly(issuedOn) }
	const year = yearAt(child, issuedOn, world)

	const b = AREAS.map((area) => {
		const parts: string[] = []
		if (need.area === area) parts.push(fill(rng.pick(need.needs), vars))
		if (second?.area === area) parts.push(fill(second.secondary, vars))
		const extra = need.extra?.[area]
		if (extra) parts.push(fill(extra, vars))
		if (!parts.length) parts.push('No special educational needs have been identified in this area.')
		return `${area}: ${parts.join(' ')}`
	})

	const outcomes: Outcome[] = rng.sample(need.smart, rng.int(2, 3)).map((t) => ({ area: need.area, text: fill(t, vars), smart: true }))
	if (second && rng.chance(0.6)) outcomes.push({ area: second.area, text: fill(rng.pick(second.smart), vars), smart: true })
	if (rng.chance(0.4)) outcomes.push({ area: need.area, text: fill(rng.pick(need.vague), vars), smart: false })
	if (year >= 9)
		outcomes.push({
			area: 'Preparing for adulthood: independent living',
			text: fill(
				`${byJuly(issuedOn, 2)}, {name} will travel independently between home and school or college by bus, after a travel-training programme, on 5 days a week.`,
				vars,
			),
			smart: true,
		})
	while (outcomes.length < 3) outcomes.push({ area: need.area, text: fill(rng.pick(need.vague), vars), smart: false })
	outcomes.splice(5)

	const provisions: Provision[] = rng
		.sample(need.provisions, rng.int(2, Math.min(4, need.provisions.length)))
		.map((p) => provision(p, need.area, vars, false))
	if (second && rng.chance(0.7)) provisions.push(provision(rng.pick(second.provisions), second.area, vars, false))
	if (rng.chance(0.5)) provisions.push(provision(rng.pick(need.vagueProvisions), need.area, vars, true))
	while (provisions.length < 3) provisions.push(provision(rng.pick(need.vagueProvisions), need.area, vars, true))
	provisions.splice(6)

	const lookedAfter = child.need === 'SEMH' && rng.chance(0.3)
	return {
		a: sectionA(ctx, issuedOn, school),
		b,
		c: need.healthNeeds
			? fill(rng.pick(need.healthNeeds), vars)
			: 'No health needs have been identified other than those met by universal health services.',
		d:
			lookedAfter && need.socialCare
				? fill(need.socialCare, vars)
				: child.need === 'PMLD'
					? fill(need.socialCare!, vars)
					: `No social care needs have been identified. ${ctx.parentName} can ask Kent Children’s Services for an assessment at any time.`,
		g: need.healthProvision ? fill(rng.pick(need.healthProvision), vars) : 'None beyond universal health services (GP, school nursing and dental care).',
		h1: need.csdpa ? fill(need.csdpa, vars) : 'No provision under section 2 of the Chronically Sick and Disabled Persons Act 1970 has been identified.',
		h2: lookedAfter
			? 'Support from the allocated social worker; Personal Education Plan reviewed each term with the Virtual School Kent.'
			: 'No other social care provision.',
		i: sectionI(school, year),
		j: rng.chance(0.12)
			? `A personal budget of £${rng.pick([600, 900, 1200, 1800])} a year has been agreed for ${rng.pick(['transport to and from school', 'a personal assistant to support after-school activities', 'specialist equipment at home'])}, paid as a direct payment to ${ctx.parentName}.`
			: 'No personal budget has been requested.',
		k: sectionK(ctx, issuedOn, school),
		pfa: year >= 9 ? preparationForAdulthood(ctx, vars) : '',
		outcomes,
		provisions,
	}
}

function provision(p: ProvisionText | VagueProvision, need: string, vars: Record<string, string>, vague: boolean): Provision {
	const filled: Provision = {
		need,
		what: fill(p.what, vars),
		who: fill(p.who, vars),
		frequency: fill(p.frequency, vars),
		duration: fill(p.duration, vars),
		vague,
	}
	if ('better' in p) filled.better = p.better
	return filled
}

/** Section A in one of Kent's four pathways for the voice of the child, by age and need. */
function sectionA(ctx: ChildContext, on: IsoDate, school: SchoolSpec): string {
	const { rng, child, world, vars } = ctx
	const need = NEEDS[child.need]
	const year = yearAt(child, on, world)
	const age = Math.max(
		3,
		parseIsoDate(on).year - parseIsoDate(child.dateOfBirth).year - (parseIsoDate(on).month < parseIsoDate(child.dateOfBirth).month ? 1 : 0),
	)
	const [like1, like2] = rng.sample(INTERESTS, 2)
	let voice: string
	if (child.need === 'PMLD') {
		voice =
			`About me (gathered by observation, using my communication passport). People who know ${child.firstName} best, ${ctx.parentName} and the staff in class, have seen that ${child.firstName} loves ${rng.pick(['music and singing', 'the sensory room', 'being in the pool', 'lights and bubbles'])}, ` +
			`smiles and vocalises when familiar adults greet ${vars.him}, and turns away from ${rng.pick(need.hard)}. ${child.firstName} is calmest with a consistent routine and a familiar voice.`
	} else if (child.need === 'SLD' || year <= 1) {
		voice = fill(
			`About me (shared with {his} teaching assistant using photos and symbols). {name} chose the pictures for: “I like ${like1}. I like ${like2}. I don’t like ${rng.pick(DISLIKES)}.” {name} pointed to the happy face for school and to ${rng.pick(['the playground', 'the sand tray', 'story time', 'the bikes'])} as the best part of the day.`,
			vars,
		)
	} else if (year >= 12) {
		voice =
			`My views. I am ${age} and I study at ${school.name}. I enjoy ${like1} and ${like2}. What matters to me is ${rng.pick(MATTERS)}. ` +
			`I find it hard ${rng.pick(need.hard)}. It helps me when ${rng.pick(need.helps)}. In the future I would like to ${rng.pick(ADULT_HOPES)}.`
	} else {
		voice =
			`All about me. My name is ${child.firstName}. I am in ${yearLabel(year)} at ${school.name}. I like ${like1} and ${like2}. I am good at ${rng.pick(GOOD_AT)}. ` +
			`I find it hard ${rng.pick(need.hard)}. It helps me when ${rng.pick(need.helps)}. When I grow up I want to be ${rng.pick(JOBS)}.`
	}
	const family = fill(
		`What my family say. {parent} says: “{name} is ${rng.pick(PARENT_WORDS)}. We are proud of how hard {name} tries. We worry about ${fill(rng.pick(PARENT_WORRIES), vars)}. We would like {name} ${rng.pick(PARENT_HOPES)}.”`,
		vars,
	)
	return `${voice}\n\n${family}`
}

function sectionK(ctx: ChildContext, issuedOn: IsoDate, school: SchoolSpec): string {
	const { rng, child } = ctx
	const d = (min: number, max: number) => longDate(addDays(issuedOn, -rng.int(min, max)))
	const items = [
		`Advice from ${ctx.parentName} (parent or carer), ${d(60, 90)}`,
		`Educational psychology advice, Kent Educational Psychology Service, ${d(45, 80)}`,
		`Educational advice from ${school.name}, ${d(40, 75)}`,
		`Medical advice from the community paediatrician, ${d(40, 80)}`,
	]
	if (['ASD', 'SLCN', 'SLD'].includes(child.need)) items.push(`Speech and language therapy advice, ${d(40, 80)}`)
	if (['PMLD', 'PD'].includes(child.need)) items.push(`Physiotherapy and occupational therapy advice, ${d(40, 80)}`)
	items.push(`Social care advice, Kent Children’s Services, ${d(30, 70)}`)
	return `The advice and information gathered for this plan, attached as appendices:\n${items.map((item, i) => `${i + 1}. ${item}`).join('\n')}`
}

function preparationForAdulthood(ctx: ChildContext, vars: Record<string, string>): string {
	const { rng } = ctx
	return fill(
		[
			`Employment and further study: {name} would like to ${rng.pick(ADULT_HOPES)}. Careers guidance each year from Year 9, and a work experience placement in Year 10 or 12.`,
			`Independent living: {name} is learning to ${rng.pick(['manage money when shopping', 'make a simple meal', 'use a bus timetable', 'keep to a daily routine without reminders'])}.`,
			`Friends, relationships and community: {name} would like to join ${rng.pick(['a youth club', 'a sports team', 'a drama group', 'the Scouts'])} and see friends outside school.`,
			`Good health: {name} will move to adult health services at 18; the transition is planned with the GP from age 16.`,
		].join('\n'),
		vars,
	)
}

/** Proposed amendments, each with the current wording from the plan (so the notice can show what changes). */
function proposeAmendments(ctx: ChildContext, version: { content: PlanContent; issuedOn: IsoDate }, review: ReviewPlan | null): ProposalDraft[] {
	const { rng, child, vars } = ctx
	const content = version.content
	const need = NEEDS[child.need]
	const on = review?.meetingOn ?? version.issuedOn
	const v = { ...vars, by: byJuly(on), month: monthYear(on) }
	const options: (() => ProposalDraft | null)[] = []
	const drafts: ProposalDraft[] = []

	if (review?.transferTo) {
		const to = review.transferTo
		const current = content.i
		const moveOn = review.transferOn!
		const proposed = sectionI(to, yearAt(child, moveOn, ctx.world), parseIsoDate(moveOn).year)
		drafts.push({
			section: 'I',
			position: 0,
			currentWording: current,
			proposedWording: proposed,
			reason: `${child.firstName} moves to ${to === child.school ? 'the next stage at the same school' : 'a new school'} in September. ${ctx.parentName} has asked for ${to.name}, which has been consulted and agrees it can meet ${child.firstName}’s needs.`,
			editedWording: proposed,
			apply: (c) => {
				c.i = proposed
			},
		})
	}
	// Vague provision made specific: what, who, how often, for how long (CoP 9.69).
	options.push(() => {
		const index = content.provisions.findIndex((p) => p.vague)
		if (index < 0) return null
		const old = content.provisions[index]!
		const fresh = provision(old.better ?? rng.pick(need.provisions), old.need, v, false)
		const edited = { ...fresh, duration: `${fresh.duration || 'Ongoing'}; reviewed each half-term by the SENCo with ${ctx.parentName}` }
		return {
			section: 'F',
			position: index + 1,
			currentWording: formatProvision(old),
			proposedWording: formatProvision(fresh),
			reason: 'The current wording does not say what the provision is, who provides it, how often or for how long, so it cannot be checked or relied on. The school’s report sets out what is in place and working.',
			editedWording: formatProvision(edited),
			apply: (c, e) => {
				c.provisions[index] = e ? edited : fresh
			},
		}
	})
	// More of a provision that is working.
	options.push(() => {
		const index = content.provisions.findIndex((p) => !p.vague && /^1 x /.test(p.frequency))
		if (index < 0) return null
		const old = content.provisions[index]!
		const fresh = { ...old, frequency: old.frequency.replace(/^1 x /, '2 x ') }
		const edited = { ...old, frequency: old.frequency.replace(/^1 x /, '2 x '), duration: 'For one term, then reviewed with the family' }
		return {
			section: 'F',
			position: index + 1,
			currentWording: formatProvision(old),
			proposedWording: formatProvision(fresh),
			reason: `Progress has been slower than expected. The advice from the ${need.healthInvitee.toLowerCase()} and the school (${monthYear(on)}) recommends more frequent sessions.`,
			editedWording: formatProvision(edited),
			apply: (c, e) => {
				c.provisions[index] = e ? edited : fresh
			},
		}
	})
	// An outcome achieved, replaced by the next step.
	options.push(() => {
		const spare = need.smart.map((t) => fill(t, v)).filter((t) => !content.outcomes.some((o) => o.text.slice(20) === t.slice(20)))
		if (!spare.length) return null
		const index = rng.int(0, content.outcomes.length - 1)
		const old = content.outcomes[index]!
		const text = rng.pick(spare)
		return {
			section: 'E',
			position: index + 1,
			currentWording: old.text,
			proposedWording: text,
			reason: old.smart
				? `${child.firstName} has achieved this outcome (see the school’s evidence). The new outcome is the next step.`
				: 'The current outcome is not specific, measurable or time-bound; the new wording says what will change, by when and how progress will be measured.',
			editedWording: text,
			apply: (c) => {
				c.outcomes[index] = { area: need.area, text, smart: true }
			},
		}
	})
	// Updated needs after a new assessment.
	options.push(() => {
		const index = AREAS.indexOf(need.area)
		const old = content.b[index]!
		const finding = rng.pick([
			'{name} has made good progress but still needs the support set out in section F',
			'{name}’s needs in this area are more significant than described when the plan was written',
			'{name} now needs less adult support in class but still needs the specialist provision in section F',
		])
		const updated =
			old.replace(/ A further assessment in [A-Za-z]+ \d{4} found that .*$/, '') + fill(` A further assessment in {month} found that ${finding}.`, v)
		return {
			section: 'B',
			position: index + 1,
			currentWording: old,
			proposedWording: updated,
			reason: `New advice received for the review (${monthYear(on)}) updates the description of ${child.firstName}’s needs.`,
			editedWording: updated,
			apply: (c) => {
				c.b[index] = updated
			},
		}
	})
	// The child's views, gathered for this review.
	options.push(() => {
		const fresh = sectionA(ctx, on, schoolAt(child, on))
		return {
			section: 'A',
			position: 0,
			currentWording: content.a,
			proposedWording: fresh,
			reason: `${child.firstName}’s views and those of ${ctx.parentName} have changed since the plan was written; these are the views gathered for this review.`,
			editedWording: fresh,
			apply: (c) => {
				c.a = fresh
			},
		}
	})
	if (need.healthChange && !content.c.includes('ADHD')) {
		const change = need.healthChange
		options.push(() => ({
			section: 'C',
			position: 0,
			currentWording: content.c,
			proposedWording: `${content.c} ${fill(change.c, v)}`,
			reason: `The community paediatrician’s letter (${monthYear(on)}) confirms a new diagnosis.`,
			editedWording: `${content.c} ${fill(change.c, v)}`,
			apply: (c) => {
				c.c = `${content.c} ${fill(change.c, v)}`
				c.g = `${c.g} ${fill(change.g, v)}`
			},
		}))
	}
	const wanted = rng.int(1, 3) - drafts.length
	for (const make of rng.sample(options, options.length)) {
		if (drafts.length >= Math.max(1, wanted + (review?.transferTo ? 1 : 0))) break
		const draft = make()
		if (draft && !drafts.some((d) => d.section === draft.section && d.position === draft.position)) drafts.push(draft)
	}
	return drafts
}

function writeVersion(
	ctx: ChildContext,
	rows: ChunkRows,
	content: PlanContent,
	versionNo: number,
	issuedOn: IsoDate,
	level: number,
	finalPlanId: string | null,
): VersionRecord {
	const { world, child } = ctx
	const id = world.ids.next()
	const lvl = rows.level(level)
	lvl.versions.push({
		id,
		planId: child.planId,
		versionNo,
		issuedOn,
		sectionA: content.a,
		sectionB: content.b.join('\n\n'),
		sectionC: content.c,
		sectionD: content.d,
		sectionG: content.g,
		sectionH1: content.h1,
		sectionH2: content.h2,
		sectionI: content.i,
		sectionJ: content.j,
		sectionK: content.k,
		preparationForAdulthood: content.pfa,
		createdAt: at(issuedOn, 9),
		finalPlanId,
	})
	const outcomeIds = content.outcomes.map((o, i) => {
		const outcomeId = world.ids.next()
		lvl.outcomes.push({ id: outcomeId, planVersionId: id, position: i + 1, area: o.area, text: o.text })
		return outcomeId
	})
	for (const [i, p] of content.provisions.entries()) {
		lvl.provisions.push({
			id: world.ids.next(),
			planVersionId: id,
			position: i + 1,
			need: p.need,
			what: p.what,
			who: p.who,
			frequency: p.frequency,
			duration: p.duration,
		})
	}
	return { id, versionNo, issuedOn, content, outcomeIds, level }
}

const MEETING_TIMES = ['09:00', '09:30', '10:00', '11:00', '13:30', '14:00', '15:30']

function writeReview(ctx: ChildContext, rows: ChunkRows, review: ReviewPlan, version: VersionRecord, proposals: ProposalDraft[], finalPlanId: string | null) {
	const { world, child, rng } = ctx
	const level = rows.level(version.level)
	const id = world.ids.next()
	const school = review.school
	const senco = world.userById.get(school.sencoId)!
	const officer = ctx.officer
	const meetingOn = review.meetingOn

	// The statutory deadline the caseload sorts by (statutory-clock.ts defines each), near enough: the seed ends
	// by recomputing every open review's with the clock itself (refreshNextDeadlines).
	let nextDeadlineOn: IsoDate | null = null
	let nextDeadlineId: string | null = null
	switch (review.status) {
		case 'DRAFT':
			if (meetingOn) [nextDeadlineOn, nextDeadlineId] = [addDays(meetingOn, 14), 'review_report']
			else [nextDeadlineOn, nextDeadlineId] = [review.dueOn, 'review_due']
			break
		case 'SUBMITTED':
			;[nextDeadlineOn, nextDeadlineId] = [addDays(meetingOn!, 28), 'la_decision']
			break
		case 'DECISION_MADE':
			if (review.decision?.outcome === 'AMEND') [nextDeadlineOn, nextDeadlineId] = [addDays(meetingOn!, 28), 'amendment_notice']
			break
		case 'NOTICE_ISSUED':
			;[nextDeadlineOn, nextDeadlineId] = [addDays(review.noticeOn!, 14), 'representations']
			break
		case 'REPRESENTATIONS':
			;[nextDeadlineOn, nextDeadlineId] = [addDays(review.noticeOn!, 56), 'final_plan']
			break
	}

	const submittedAt = review.reportReceivedOn ? at(review.reportReceivedOn, rng.int(8, 16), rng.int(0, 59)) : null
	const lastEvent =
		review.closedOn ??
		review.final?.on ??
		review.representationsOn[review.representationsOn.length - 1] ??
		review.noticeOn ??
		review.decision?.on ??
		review.reportReceivedOn ??
		review.invitationsSentOn ??
		review.createdOn
	level.reviews.push({
		id,
		childId: child.id,
		schoolId: school.id,
		laId: child.la.id,
		planVersionId: version.id,
		status: review.status,
		dueOn: review.dueOn,
		meetingOn,
		meetingTime: meetingOn ? rng.pick(MEETING_TIMES) : null,
		meetingPlace: meetingOn ? rng.pick([`${school.name}, meeting room`, 'Online (Microsoft Teams)', `${school.name} and online (hybrid)`]) : '',
		invitationsSentOn: review.invitationsSentOn,
		// The school sent the advice with the invitations.
		adviceCirculatedOn: review.invitationsSentOn,
		recommendation: review.recommendation,
		submittedAt,
		reportReceivedOn: review.reportReceivedOn,
		nextDeadlineOn,
		nextDeadlineId,
		closedAt: review.closedOn ? at(review.closedOn, rng.int(9, 16), rng.int(0, 59)) : null,
		createdById: senco.id,
		submittedById: submittedAt ? senco.id : null,
		createdAt: at(review.createdOn, 9, rng.int(0, 59)),
		updatedAt: at(lastEvent, 16, rng.int(0, 59)),
	})

	// Invitees: the parent, the young person (16+), school staff, the council and health.
	if (meetingOn) {
		const held = review.meetingHeld
		const invite = (role: string, name: string, email: string, attendChance: number, advice: boolean) =>
			level.invitees.push({
				id: world.ids.next(),
				reviewId: id,
				role,
				name,
				email,
				attended: held ? rng.chance(attendChance) : null,
				contributedAdvice: advice,
			})
		invite('PARENT', ctx.parentName, ctx.parentEmail, 0.92, rng.chance(0.8))
		if (child.yearGroup >= 12) invite('YOUNG_PERSON', `${child.firstName} ${child.lastName}`, ctx.youngPersonEmail, 0.75, rng.chance(0.7))
		invite('SCHOOL_STAFF', senco.name, senco.email, 1, true)
		if (rng.chance(0.5)) {
			const teacher = adultName(rng)
			invite(
				'SCHOOL_STAFF',
				`${teacher.first} ${teacher.last} (${child.yearGroup >= 7 ? 'form tutor' : 'class teacher'})`,
				`${emailPart(teacher.first)}.${emailPart(teacher.last)}@${school.domain}.example.org`,
				0.85,
				true,
			)
		}
		invite('LA_OFFICER', child.caseworker?.name ?? 'SEN Casework Team', child.caseworker?.email ?? child.la.contactEmail, 0.35, false)
		const health = adultName(rng)
		invite(
			'HEALTH',
			`${health.first} ${health.last} (${NEEDS[child.need].healthInvitee.toLowerCase()})`,
			`${emailPart(health.first)}.${emailPart(health.last)}@health.example.org`,
			0.5,
			rng.chance(0.75),
		)
		if (child.need === 'PMLD' || ctx.rng.chance(0.1)) {
			const sw = adultName(rng)
			invite(
				'SOCIAL_CARE',
				`${sw.first} ${sw.last} (social worker)`,
				`${emailPart(sw.first)}.${emailPart(sw.last)}@kent.example.gov.uk`,
				0.6,
				rng.chance(0.6),
			)
		}
	}

	// Progress against each outcome, recorded in the report.
	if (review.reportReceivedOn) {
		for (const [i, outcomeId] of version.outcomeIds.entries()) {
			const progress = rng.weighted([
				['ACHIEVED', 25],
				['PROGRESSING', 55],
				['NOT_YET', 20],
			] as const)
			level.progress.push({
				id: world.ids.next(),
				reviewId: id,
				planOutcomeId: outcomeId,
				progress,
				evidence:
					progress === 'ACHIEVED'
						? `Achieved: recorded in the ${rng.pick(['half-termly assessments', 'key adult’s log', 'therapist’s report', 'class teacher’s observations'])}.`
						: progress === 'PROGRESSING'
							? `Progressing: ${rng.int(40, 80)}% of the target reached in the latest assessment.`
							: 'Not yet: little change since the last review; see the school’s report.',
				next:
					progress === 'ACHIEVED'
						? rng.pick(['END', 'CHANGE'] as const)
						: progress === 'NOT_YET' && !version.content.outcomes[i]?.smart
							? 'CHANGE'
							: 'CONTINUE',
			})
		}
	}

	// The school's proposals and, once the notice was built, the council's decision on each.
	const decided = review.noticeOn !== null
	for (const [i, p] of proposals.entries()) {
		const laDecision = decided ? proposalDecision(ctx, review.status === 'CLOSED', i) : null
		level.proposals.push({
			id: world.ids.next(),
			reviewId: id,
			origin: 'SCHOOL',
			section: p.section,
			position: p.position,
			currentWording: p.currentWording,
			proposedWording: p.proposedWording,
			reason: p.reason,
			laDecision,
			laWording: laDecision === 'EDITED' ? p.editedWording : null,
			laReason:
				laDecision === 'EDITED'
					? 'Accepted with the review arrangements made explicit.'
					: laDecision === 'REJECTED'
						? 'Not supported by the evidence provided; the current wording stays.'
						: '',
			createdById: senco.id,
			createdAt: at(review.reportReceivedOn ?? meetingOn ?? review.createdOn, 10),
			updatedAt: at(review.noticeOn ?? review.reportReceivedOn ?? meetingOn ?? review.createdOn, 11),
		})
	}

	if (review.decision && officer) {
		const { outcome, on } = review.decision
		const v = ctx.vars
		level.decisions.push({
			id: world.ids.next(),
			reviewId: id,
			outcome,
			reasons:
				outcome === 'MAINTAIN'
					? fill(
							'The review shows that {name} is making progress towards the outcomes in the plan and that the provision remains right for {him}. The council will keep the plan as it is.',
							v,
						)
					: outcome === 'AMEND'
						? fill(
								'The review recommended changes that are supported by the evidence. The council will amend the plan; the proposed amendments are set out in the amendment notice.',
								v,
							)
						: fill(
								'{name} has met the outcomes in the plan and {his} needs can now be met from the support ordinarily available in {his} school or college. The council has consulted {parent} and the school, and has decided to cease the plan.',
								v,
							),
			decidedOn: on,
			decidedById: officer.id,
			createdAt: at(on, 11),
		})
	}
	if (review.noticeOn && officer) {
		level.notices.push({
			id: world.ids.next(),
			reviewId: id,
			issuedOn: review.noticeOn,
			representationsCloseOn: addDays(review.noticeOn, 14),
			issuedById: officer.id,
			createdAt: at(review.noticeOn, 12),
		})
		for (const receivedOn of review.representationsOn) {
			const responded = compareDates(addDays(receivedOn, 7), world.today) <= 0 && rng.chance(0.6)
			level.representations.push({
				id: world.ids.next(),
				reviewId: id,
				receivedOn,
				fromName: ctx.parentName,
				summary: rng.pick([
					`${ctx.parentName} agrees with most of the changes but asks for the speech and language therapy to stay weekly rather than fortnightly.`,
					`${ctx.parentName} asks that section A quotes ${child.firstName}’s own words from the meeting, and that the outcomes for friendships are kept.`,
					`${ctx.parentName} would like to meet an officer to discuss the placement named in section I.`,
					`${ctx.parentName} says the provision in section F should say who delivers the sessions and how often.`,
				]),
				requestedSchool: review.transferTo && rng.chance(0.4) ? review.transferTo.name : '',
				meetingRequested: rng.chance(0.25),
				response: responded
					? 'Thank you. We have considered your comments and updated the draft plan where the evidence supports it; the final plan will follow.'
					: '',
				respondedOn: responded ? addDays(receivedOn, rng.int(2, 7)) : null,
				recordedById: officer.id,
				createdAt: at(receivedOn, 14),
			})
		}
	}
	if (review.final && officer && finalPlanId) {
		level.finalPlans.push({
			id: finalPlanId,
			reviewId: id,
			amended: review.final.amended,
			reasons: review.final.amended
				? ''
				: 'Having considered the representations, the council has decided not to amend the plan after all: the current provision already meets the needs identified.',
			issuedOn: review.final.on,
			issuedById: officer.id,
			createdAt: at(review.final.on, 13),
		})
	}
}
