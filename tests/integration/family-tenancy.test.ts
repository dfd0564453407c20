// Tenancy over every family route (docs/decisions/017-family-access.md): a family member reaches only the children
// they are named for. Another family's child, review, letter or email is refused (403, audited), an unknown one is
// 404, staff are refused (403), and signed out goes to the family's sign-in page. The first test makes sure no family
// route escapes this file.
import fs from 'node:fs'
import { expect, test } from 'vitest'
import { prisma } from '#app/db/db.server.ts'
import { CASEWORKER, cookieFor, expectRedirect, familyMemberOf, OAKFIELD_SENCO, request, run, statusOf } from '#tests/helpers.ts'

// The public family routes: the link is the credential, or the page sends one (tests/integration/family-access.test.ts).
const PUBLIC = ['routes/family-sign-in.tsx', 'routes/family-sign-in-link.tsx']

type Ids = { childId: string; reviewId: string; documentId: string; messageId: string }
type Case = { route: string; path: (ids: Ids) => string; params: (ids: Ids) => Record<string, string>; forms?: boolean }

const CASES: Case[] = [
	{ route: 'routes/family.tsx', path: () => '/family', params: () => ({}) },
	{ route: 'routes/family-child.tsx', path: (i) => `/family/children/${i.childId}`, params: (i) => ({ childId: i.childId }) },
	{ route: 'routes/family-review.tsx', path: (i) => `/family/reviews/${i.reviewId}`, params: (i) => ({ reviewId: i.reviewId }) },
	{
		route: 'routes/family-views.tsx',
		path: (i) => `/family/reviews/${i.reviewId}/views/parent-views`,
		params: (i) => ({ reviewId: i.reviewId, part: 'parent-views' }),
		forms: true,
	},
	{ route: 'routes/family-record-pdf.ts', path: (i) => `/family/reviews/${i.reviewId}/record.pdf`, params: (i) => ({ reviewId: i.reviewId }) },
	{ route: 'routes/family-notice.tsx', path: (i) => `/family/reviews/${i.reviewId}/notice`, params: (i) => ({ reviewId: i.reviewId }) },
	{
		route: 'routes/family-representation.tsx',
		path: (i) => `/family/reviews/${i.reviewId}/representation`,
		params: (i) => ({ reviewId: i.reviewId }),
		forms: true,
	},
	{ route: 'routes/family-document.ts', path: (i) => `/family/documents/${i.documentId}`, params: (i) => ({ documentId: i.documentId }) },
	{ route: 'routes/family-message.tsx', path: (i) => `/family/messages/${i.messageId}`, params: (i) => ({ messageId: i.messageId }) },
]

test('every family route is tested here or public by design', () => {
	const routes = [...fs.readFileSync('app/routes.ts', 'utf8').matchAll(/'(routes\/family[^']*)'/g)].map((m) => m[1]!)
	expect(routes.length).toBeGreaterThan(8)
	expect([...new Set(routes)].sort()).toEqual([...CASES.map((c) => c.route), ...PUBLIC].sort())
})

/** A child with a review the school has submitted, a letter of that review and an email sent to its family member: another family's things. */
async function anotherFamilysThings(): Promise<Ids> {
	const review = await prisma.annualReview.findFirstOrThrow({
		where: { status: { not: 'DRAFT' } },
		orderBy: { id: 'asc' },
		select: { id: true, childId: true },
	})
	const other = await familyMemberOf(review.childId)
	// A letter the council sent them (the file itself is never reached: the refusal comes first).
	const document = await prisma.generatedDocument.create({
		data: {
			reviewId: review.id,
			kind: 'DECISION_LETTER',
			title: 'Decision letter',
			storageKey: `tenancy-${review.id}-${Math.random().toString(36).slice(2)}.pdf`,
			sizeBytes: 1,
		},
	})
	const message = await prisma.outboxMessage.create({
		data: { toAddress: other.email, toName: other.name, template: 'family-sign-in', payload: '{}', status: 'SENT', reviewId: review.id },
	})
	return { childId: review.childId, reviewId: review.id, documentId: document.id, messageId: message.id }
}

async function aFamilyOfTheirOwn() {
	const child = await prisma.child.findFirstOrThrow({ where: { reviews: { some: {} } }, orderBy: { id: 'desc' }, select: { id: true } })
	return familyMemberOf(child.id)
}

const fnsOf = async (route: string) => {
	const mod = await import(`#app/${route}`)
	return [
		{ name: 'loader', fn: mod.loader, method: 'GET' },
		{ name: 'action', fn: mod.action, method: 'POST' },
	].filter((f) => f.fn)
}

test('another family’s child, review, letter and email are refused (403) and the attempt is audited', async () => {
	const theirs = await anotherFamilysThings()
	const me = await aFamilyOfTheirOwn()
	for (const c of CASES.filter((c) => c.route !== 'routes/family.tsx')) {
		for (const { name, fn, method } of await fnsOf(c.route)) {
			const before = await prisma.auditEvent.count({ where: { action: 'access.denied', userId: me.userId } })
			const status = await statusOf(
				fn,
				request(c.path(theirs), { cookie: me.cookie, method, ...(method === 'POST' ? { form: {} } : {}) }),
				c.params(theirs),
			)
			expect(status, `${c.route} ${name}`).toBe(403)
			expect(await prisma.auditEvent.count({ where: { action: 'access.denied', userId: me.userId } }), `${c.route} ${name} audited`).toBe(before + 1)
		}
	}
	// Their list of children holds only their own.
	const family = await import('#app/routes/family.tsx')
	const list = (await run(family.loader, request('/family', { cookie: me.cookie }))) as { children: Array<{ id: string }> }
	expect(list.children.map((c) => c.id)).not.toContain(theirs.childId)
})

test('unknown ids are 404 for a family member', async () => {
	const me = await aFamilyOfTheirOwn()
	const unknown: Ids = { childId: 'no-such-child', reviewId: 'no-such-review', documentId: 'no-such-document', messageId: 'no-such-message' }
	for (const c of CASES.filter((c) => c.route !== 'routes/family.tsx'))
		for (const { name, fn, method } of await fnsOf(c.route))
			expect(
				await statusOf(fn, request(c.path(unknown), { cookie: me.cookie, method, ...(method === 'POST' ? { form: {} } : {}) }), c.params(unknown)),
				`${c.route} ${name}`,
			).toBe(404)
})

test('staff are refused on every family page (403), and signed out goes to the family sign-in page', async () => {
	const theirs = await anotherFamilysThings()
	for (const email of [OAKFIELD_SENCO, CASEWORKER]) {
		const cookie = await cookieFor(email)
		for (const c of CASES)
			for (const { name, fn, method } of await fnsOf(c.route))
				expect(
					await statusOf(fn, request(c.path(theirs), { cookie, method, ...(method === 'POST' ? { form: {} } : {}) }), c.params(theirs)),
					`${email} ${c.route} ${name}`,
				).toBe(403)
	}
	for (const c of CASES)
		for (const { fn, method } of await fnsOf(c.route))
			expectRedirect(await run(fn, request(c.path(theirs), { method, ...(method === 'POST' ? { form: {} } : {}) }), c.params(theirs)), '/family/sign-in')
})
