// Every action's form, fuzzed (issue 10: "82 of 321 malformed requests got HTTP 500"). For each route module
// that exports an action (app/routes.ts; none is left out), as a user allowed to use it and on a record in the
// state the action expects, fast-check sends (a) forms built from the action's own zod schema (right-ish values,
// then mutated: fields dropped, wrong types, huge and odd strings, `__proto__` keys, indices out of range) and
// (b) forms of arbitrary keys built from the fragments the forms use (`outcomes[N].progress`, `choices[N].decision`,
// N from -5 to 10,000,000 or not a number, dotted paths, unbalanced brackets). The property: nothing answers 500.
// An error thrown by the action (not a Response) counts as a 500, and so does one thrown while the page is drawn
// again with what the action answered (what a browser without JavaScript gets back after a refused form), so both
// are caught here and reported with the input, which fast-check shrinks.
//
// Runs: FUZZ_RUNS inputs per property (two per target: its schema's forms and arbitrary keys; fewer for actions
// that ignore their form), 8 by default (about 500 inputs, under a minute). For the full run (more than 10,000
// inputs, bench/results/fuzz.md):
//   FUZZ_RUNS=200 npx vitest run tests/integration/fuzz-actions.test.ts
// FUZZ_SEED replays a run; FUZZ_REPORT=<file> writes the inputs per action and any 500s to a file.
import fs from 'node:fs'
import fc from 'fast-check'
import { createElement, type ComponentType } from 'react'
import { renderToString } from 'react-dom/server'
import { createRoutesStub } from 'react-router'
import { afterAll, expect, test, vi } from 'vitest'
import type { z } from 'zod'
import { createSession } from '#app/auth/auth.server.ts'
import { hashPassword } from '#app/auth/password.server.ts'
import { prisma } from '#app/db/db.server.ts'
import { addDays, todayInLondon } from '#app/domain/calendar-date.ts'
import { IMPORT_COLUMNS } from '#app/domain/import-row.ts'
import { PART_SCHEMAS, PART_SLUGS, ProposalSchema, ScheduleSchema, type PartKey } from '#app/domain/review-parts.ts'
import { ReassignSchema } from '#app/domain/workload.ts'
import * as adminImport from '#app/routes/admin-import.tsx'
import * as adminSchool from '#app/routes/admin-school.tsx'
import * as adminSettings from '#app/routes/admin-settings.tsx'
import * as adminUserInvite from '#app/routes/admin-user-invite.tsx'
import * as adminUser from '#app/routes/admin-user.tsx'
import * as calendar from '#app/routes/calendar.tsx'
import * as childAssign from '#app/routes/child-assign.tsx'
import * as childFamily from '#app/routes/child-family.tsx'
import * as childYoungPerson from '#app/routes/child-young-person.tsx'
import * as councilDecision from '#app/routes/council-decision.tsx'
import * as councilFinalAmendment from '#app/routes/council-final-amendment.tsx'
import * as councilFinal from '#app/routes/council-final.tsx'
import * as councilLetterPreview from '#app/routes/council-letter-preview.ts'
import * as councilNotice from '#app/routes/council-notice.tsx'
import * as councilRepresentation from '#app/routes/council-representation.tsx'
import * as councilReview from '#app/routes/council-review.tsx'
import * as councilSchoolRequest from '#app/routes/council-school-request.tsx'
import * as familyRepresentation from '#app/routes/family-representation.tsx'
import * as familySignInLink from '#app/routes/family-sign-in-link.tsx'
import * as familySignIn from '#app/routes/family-sign-in.tsx'
import * as familyViews from '#app/routes/family-views.tsx'
import * as notFound from '#app/routes/not-found.tsx'
import * as resetPassword from '#app/routes/reset-password.tsx'
import * as reviewBundle from '#app/routes/review-bundle.tsx'
import * as reviewCheck from '#app/routes/review-check.tsx'
import * as reviewEvidence from '#app/routes/review-evidence.tsx'
import * as reviewMeeting from '#app/routes/review-meeting.tsx'
import * as reviewNew from '#app/routes/review-new.tsx'
import * as reviewPart from '#app/routes/review-part.tsx'
import * as reviewProposal from '#app/routes/review-proposal.tsx'
import * as setPassword from '#app/routes/set-password.tsx'
import * as signIn from '#app/routes/sign-in.tsx'
import * as signOut from '#app/routes/sign-out.tsx'
import * as workload from '#app/routes/workload.tsx'
import { issueToken } from '#app/services/admin.server.ts'
import { reviewOfChild } from '#app/services/school-review.server.ts'
import { BASE, completedParts, cookieFor, familyMemberOf } from '#tests/helpers.ts'

const RUNS = Math.max(1, Number(process.env.FUZZ_RUNS ?? 8))
const SEED = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : undefined
/** With FUZZ_RUNS this large the file must send at least 10,000 inputs in all (part 6 of issue 10). */
const LARGE_RUNS = 200

const SENCO = 'senco@oakfield-primary.example.org'
const HIGHFIELD = 'senco@highfield-academy.example.org'
const CASEWORKER = 'caseworker@kent.example.gov.uk'
const MANAGER = 'manager@kent.example.gov.uk'
const FUZZ_ADMIN = 'admin@fuzzshire.example.gov.uk'

// ---------------------------------------------------------------------------------------------------------------
// Forms: a list of [name, value] (names may repeat), whose values may refer to the record's ids (resolved when
// sent, because a record is replaced when an input moves it on: a submitted review is no longer a draft).

type Ref = { ref: string; i: number }
type Value = string | Ref
type Form = Array<[string, Value]>
type FileInput = { field: string; name: string; type: string; bytes: Uint8Array } | null
/** A form, URL-encoded or multipart (with a file), or now and then a body that is not a form at all. */
type Body = { form: Form; multipart: boolean; file: FileInput; raw?: { type: string; bytes: Uint8Array } }

type Place = { path: string; params: Record<string, string>; cookie: string | null; refs: Record<string, string[]> }

const resolve = (value: Value, refs: Place['refs']): string => {
	if (typeof value === 'string') return value
	const list = refs[value.ref] ?? []
	return list.length ? list[value.i % list.length]! : `no-${value.ref}`
}

function post(place: Place, body: Body): Request {
	const headers = new Headers()
	if (place.cookie) headers.set('cookie', place.cookie)
	const entries = body.form.map(([name, value]) => [name, resolve(value, place.refs)] as [string, string])
	const url = new URL(place.path, BASE)
	if (body.raw) {
		if (body.raw.type) headers.set('content-type', body.raw.type)
		return new Request(url, { method: 'POST', headers, body: body.raw.bytes as Uint8Array<ArrayBuffer> })
	}
	if (body.multipart) {
		const form = new FormData()
		for (const [name, value] of entries) form.append(name, value)
		if (body.file) form.append(body.file.field, new File([body.file.bytes as Uint8Array<ArrayBuffer>], body.file.name, { type: body.file.type }))
		return new Request(url, { method: 'POST', headers, body: form })
	}
	headers.set('content-type', 'application/x-www-form-urlencoded')
	return new Request(url, { method: 'POST', headers, body: new URLSearchParams(entries) })
}

// ---------------------------------------------------------------------------------------------------------------
// Values

const HUGE = 100 * 1024
const numberText = fc.oneof(
	fc.integer().map(String),
	fc.integer({ min: -3, max: 12 }).map(String),
	fc.double().map(String),
	fc.bigInt().map(String),
	fc.constantFrom('NaN', 'Infinity', '-Infinity', '-0', '1e309', '2147483648', '9007199254740993', '0x10', ' 7 ', '1.5', '1e3', '١٢', '', 'abc'),
)
const controlText = fc.string({ unit: fc.integer({ min: 0, max: 0x1f }).map((c) => String.fromCharCode(c)), maxLength: 20 })
const hugeText = fc
	.tuple(fc.string({ minLength: 1, maxLength: 4, unit: 'grapheme' }), fc.integer({ min: 1_000, max: HUGE }))
	.map(([s, n]) => s.repeat(Math.ceil(n / s.length)).slice(0, n))
const oddText = fc.constantFrom(
	'',
	' ',
	'\t\n',
	'null',
	'undefined',
	'true',
	'[]',
	'{}',
	'__proto__',
	'constructor',
	'toString',
	'[object Object]',
	'<script>alert(1)</script>',
	'\'; DROP TABLE "User"; --',
	'\u0000',
	'\uFEFF',
	'\u202Eevil',
	'\uD800',
	'𝕏👩‍👩‍👧',
	'%00',
	'../../etc/passwd',
	'//evil.example',
	'https://evil.example/',
	'/\\evil.example',
)
const text: fc.Arbitrary<string> = fc.oneof(
	{ weight: 4, arbitrary: fc.string({ maxLength: 40 }) },
	{ weight: 2, arbitrary: fc.string({ unit: 'grapheme', maxLength: 40 }) },
	{ weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
	{ weight: 1, arbitrary: controlText },
	{ weight: 1, arbitrary: hugeText },
	{ weight: 2, arbitrary: oddText },
	{ weight: 2, arbitrary: numberText },
)
/** A string near a schema's limit: at it, one over, or far over. */
const sized = (max: number) =>
	fc.oneof(
		fc.constant('x'.repeat(max)),
		fc.constant('é'.repeat(max + 1)),
		fc.integer({ min: Math.max(0, max - 3), max: max + 3 }).map((n) => 'a '.repeat(n).slice(0, n)),
	)
const email = fc.oneof(
	fc.emailAddress(),
	fc.constantFrom('a@b', 'name@example.org', 'NAME@EXAMPLE.ORG', ' x@y.org ', '@', 'a@@b.org', `${'a'.repeat(200)}@example.org`),
	text,
)
const today = todayInLondon(new Date())
const datePartsArb = fc.oneof(
	fc
		.date({ min: new Date('1990-01-01'), max: new Date('2040-12-31'), noInvalidDate: true })
		.map((d) => ({ day: String(d.getUTCDate()), month: String(d.getUTCMonth() + 1), year: String(d.getUTCFullYear()) })),
	fc.constant({ day: today.slice(8), month: today.slice(5, 7), year: today.slice(0, 4) }),
	fc.record({
		day: fc.oneof(fc.integer({ min: -1, max: 40 }).map(String), text),
		month: fc.oneof(fc.integer({ min: -1, max: 14 }).map(String), text),
		year: fc.oneof(fc.integer({ min: 0, max: 99999 }).map(String), text),
	}),
)
const ref = (name: string) => fc.nat(20).map((i): Ref => ({ ref: name, i }))
/** A field that holds a record's id: usually one of the record's, sometimes anything. */
const idOf = (name: string): fc.Arbitrary<Value> => fc.oneof({ weight: 4, arbitrary: ref(name) }, { weight: 1, arbitrary: text })

// ---------------------------------------------------------------------------------------------------------------
// (a) Forms from a zod schema: walks the schema as conform names its fields (`a.b`, `list[0].field`, repeated
// names for checkboxes), with overrides for the fields whose values must be the record's ids.

type Overrides = Record<string, fc.Arbitrary<Value>>
const pattern = (name: string) => name.replace(/\[\d+\]/g, '[]')
const join = (prefix: string, key: string) => (prefix ? `${prefix}.${key}` : key)
const emptyForm = fc.constant<Form>([])
const concat = (parts: Array<fc.Arbitrary<Form>>) => (parts.length ? fc.tuple(...parts).map((lists) => lists.flat()) : emptyForm)

function formFrom(schema: z.ZodType, name: string, overrides: Overrides, rows = 4): fc.Arbitrary<Form> {
	const override = overrides[pattern(name)]
	if (override) return override.map((v): Form => [[name, v]])
	const def = (schema as any)._zod.def
	switch (def.type) {
		case 'optional':
		case 'nullable':
		case 'default':
		case 'prefault':
		case 'readonly':
		case 'catch':
		case 'nonoptional':
			return formFrom(def.innerType, name, overrides, rows)
		case 'pipe':
			// A transform's input is the form's shape; a string piped into a format (email) takes the format.
			return formFrom(def.out._zod.def.type === 'string' ? def.out : def.in, name, overrides, rows)
		case 'object': {
			const keys = Object.keys(def.shape)
			if (keys.length === 3 && ['day', 'month', 'year'].every((k) => keys.includes(k))) {
				return fc.option(datePartsArb, { nil: null }).map((d): Form =>
					d
						? [
								[`${name}.day`, d.day],
								[`${name}.month`, d.month],
								[`${name}.year`, d.year],
							]
						: [],
				)
			}
			return concat(keys.map((key) => fc.option(formFrom(def.shape[key], join(name, key), overrides, rows), { nil: null, freq: 5 }).map((f) => f ?? [])))
		}
		case 'array': {
			const element = def.element
			const max = ((schema as any)._zod.bag?.maximum as number | undefined) ?? rows
			const count = fc.integer({ min: 0, max: max + 2 })
			if (element._zod.def.type === 'object')
				return count.chain((n) => concat(Array.from({ length: n }, (_, i) => formFrom(element, `${name}[${i}]`, overrides, rows))))
			// Checkboxes send the name once per box ticked; conform also reads `name[0]`.
			return fc
				.tuple(count, fc.boolean())
				.chain(([n, indexed]) => concat(Array.from({ length: n }, (_, i) => formFrom(element, indexed ? `${name}[${i}]` : name, overrides, rows))))
		}
		case 'enum':
			return fc
				.oneof({ weight: 4, arbitrary: fc.constantFrom(...(Object.values(def.entries) as string[])) }, { weight: 1, arbitrary: text })
				.map((v): Form => [[name, v]])
		case 'literal':
			return fc
				.oneof({ weight: 4, arbitrary: fc.constantFrom(...(def.values as string[])) }, { weight: 1, arbitrary: text })
				.map((v): Form => [[name, v]])
		case 'string': {
			const bag = (schema as any)._zod.bag ?? {}
			if (def.format === 'email' || bag.format === 'email') return email.map((v): Form => [[name, v]])
			const max = bag.maximum ?? bag.maxLength
			const value =
				typeof max === 'number'
					? fc.oneof({ weight: 4, arbitrary: fc.string({ maxLength: 30 }) }, { weight: 1, arbitrary: sized(max) }, { weight: 2, arbitrary: text })
					: text
			return value.map((v): Form => [[name, v]])
		}
		default:
			return text.map((v): Form => [[name, v]])
	}
}

const SPECIAL_KEYS = [
	'__proto__',
	'constructor',
	'prototype',
	'__proto__.polluted',
	'__proto__[polluted]',
	'constructor.prototype.polluted',
	'toString',
	'valueOf',
	'hasOwnProperty',
	'isPrototypeOf',
	'toLocaleString',
	'__intent__',
	'__state__',
	'intent',
	'',
	'.',
	'[]',
	'[0]',
]
const INTENT_VALUES = [
	'x',
	'null',
	'{}',
	'{"type":"validate"}',
	'{"type":"validate","payload":{}}',
	'{"type":"reset","payload":{}}',
	'{"type":"insert","payload":{"name":"outcomes","index":-5}}',
	'{"type":"remove","payload":{"name":"invitees","index":3}}',
	'{"type":"reorder","payload":{"name":"choices","from":0,"to":150}}',
	'{"type":"update","payload":{"name":"outcomes[1000000]","value":"x"}}',
]
const specialValue = fc.oneof(text, fc.constantFrom(...INTENT_VALUES))

type Mutation = { kind: 'drop' | 'retype' | 'dup' | 'reindex' | 'extra'; at: number; value: string; key: string; index: number }
const mutation: fc.Arbitrary<Mutation> = fc.record({
	kind: fc.constantFrom('drop', 'retype', 'dup', 'reindex', 'extra', 'extra'),
	at: fc.nat(),
	value: specialValue,
	key: fc.constantFrom(...SPECIAL_KEYS),
	index: fc.oneof(fc.integer({ min: -5, max: 250 }), fc.integer({ min: -5, max: 10_000_000 })),
})

function mutate(form: Form, mutations: Mutation[]): Form {
	const out = [...form]
	for (const m of mutations) {
		const at = out.length ? m.at % out.length : 0
		if (m.kind === 'extra' || !out.length) out.push([m.key, m.value])
		else if (m.kind === 'drop') out.splice(at, 1)
		else if (m.kind === 'retype') out[at] = [out[at]![0], m.value]
		else if (m.kind === 'dup') out.splice(at, 0, [out[at]![0], m.value])
		else out[at] = [out[at]![0].replace(/\[-?\d+\]/, `[${m.index}]`), out[at]![1]]
	}
	return out
}

/** The schema's forms, mostly as the page would send them, a third of them mutated. */
function schemaForms(schema: z.ZodType, overrides: Overrides = {}, rows?: number): fc.Arbitrary<Form> {
	const base = formFrom(schema, '', overrides, rows)
	return fc.oneof(
		{ weight: 2, arbitrary: base },
		{ weight: 1, arbitrary: fc.tuple(base, fc.array(mutation, { minLength: 1, maxLength: 4 })).map(([form, ms]) => mutate(form, ms)) },
	)
}

/** Forms of fields given by hand (for actions without a schema, or fields the schema does not hold). */
function fieldForms(fields: Record<string, fc.Arbitrary<Value>>): fc.Arbitrary<Form> {
	const base = concat(
		Object.entries(fields).map(([name, value]) => fc.option(value, { nil: null, freq: 4 }).map((v): Form => (v === null ? [] : [[name, v]]))),
	)
	return fc.oneof(
		{ weight: 2, arbitrary: base },
		{ weight: 1, arbitrary: fc.tuple(base, fc.array(mutation, { minLength: 1, maxLength: 4 })).map(([form, ms]) => mutate(form, ms)) },
	)
}

// ---------------------------------------------------------------------------------------------------------------
// (b) Arbitrary keys from the fragments forms use, indices from -5 to 10,000,000 and not numbers at all, dotted
// paths and unbalanced brackets.

const FRAGMENTS = [
	'invitees',
	'outcomes',
	'amendments',
	'choices',
	'changes',
	'roles',
	'childIds',
	'evidenceIds',
	'meetingOn',
	'decidedOn',
	'receivedOn',
	'day',
	'month',
	'year',
	'name',
	'email',
	'role',
	'progress',
	'next',
	'evidence',
	'section',
	'decision',
	'wording',
	'reason',
	'proposalId',
	'outcomeId',
	'inviteeId',
	'attended',
	'completed',
	'version',
	'lockVersion',
	'intent',
	'file',
	...SPECIAL_KEYS,
]
const indexText = fc.oneof(
	{ weight: 3, arbitrary: fc.integer({ min: -5, max: 250 }).map(String) },
	{ weight: 2, arbitrary: fc.integer({ min: -5, max: 10_000_000 }).map(String) },
	{ weight: 1, arbitrary: fc.constantFrom('', 'a', '01', '007', '1.5', ' 1', '1e3', '0x1', '-0', '١', '199', '200', '9'.repeat(30)) },
)
function arbitraryForms(names: string[]): fc.Arbitrary<Form> {
	const segment = fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...names, ...FRAGMENTS) }, { weight: 1, arbitrary: fc.string({ maxLength: 8 }) })
	const tail = fc.oneof(
		segment.map((s) => `.${s}`),
		indexText.map((i) => `[${i}]`),
		fc.constantFrom('[', ']', '.', '..', '[]', '][', '[[0]]'),
	)
	const key = fc.oneof(
		{ weight: 6, arbitrary: fc.tuple(segment, fc.array(tail, { maxLength: 4 })).map(([head, rest]) => head + rest.join('')) },
		{ weight: 1, arbitrary: fc.constantFrom(...SPECIAL_KEYS) },
	)
	const value = fc.oneof({ weight: 4, arbitrary: specialValue }, { weight: 1, arbitrary: ref('ids') })
	return fc.oneof(
		fc.dictionary(key, value, { maxKeys: 25 }).map((d): Form => Object.entries(d)),
		fc.array(fc.tuple(key, value), { maxLength: 25 }),
	)
}

// ---------------------------------------------------------------------------------------------------------------
// Running one input: the action as React Router runs it, then (when it answered with data rather than a redirect
// or an error page) the page's loader and the page itself drawn with the action's answer.

type RouteModule = { action?: (args: any) => unknown; loader?: (args: any) => unknown; default?: ComponentType<any> }

const isData = (value: unknown): value is { data: unknown; init: { status?: number } | null } =>
	!!value && typeof value === 'object' && 'init' in value && 'data' in value
const statusOf = (value: unknown) => (value instanceof Response ? value.status : isData(value) ? (value.init?.status ?? 200) : 200)

async function call(fn: ((args: any) => unknown) | undefined, request: Request, params: Record<string, string>) {
	if (!fn) return { thrown: false, value: undefined }
	try {
		return { thrown: false, value: await fn({ request, params, context: {}, unstable_pattern: '' }) }
	} catch (error) {
		if (error instanceof Response || isData(error)) return { thrown: true, value: error as unknown }
		throw error
	}
}

function show(body: Body, place: Place) {
	const form = body.form
		.map(([name, value]) => [name, resolve(value, place.refs)])
		.map(([n, v]) => `${JSON.stringify(n)}=${JSON.stringify(v!.length > 200 ? `${v!.slice(0, 60)}…(${v!.length} chars)` : v)}`)
	if (body.raw) return `${JSON.stringify(body.raw.type)} ${place.path} ${JSON.stringify(new TextDecoder().decode(body.raw.bytes).slice(0, 200))}`
	return `${body.multipart ? 'multipart' : 'urlencoded'} ${place.path} {${form.join(', ')}}${body.file ? ` + file ${JSON.stringify(body.file.field)}: ${JSON.stringify(body.file.name)} (${body.file.bytes.length} bytes)` : ''}`
}

function draw(module: RouteModule, path: string, loaderData: unknown, actionData: unknown) {
	if (!module.default) return
	const Stub = createRoutesStub([{ id: 'page', path: '*', Component: module.default, loader: () => loaderData }])
	renderToString(createElement(Stub, { initialEntries: [path], hydrationData: { loaderData: { page: loaderData }, actionData: { page: actionData } } }))
}

const sent = new Map<string, number>()
const spent = new Map<string, number>()
const fiveHundreds = new Map<string, { first: string; last: string; count: number }>()
const warnings = new Set<string>()

async function send(target: Target, body: Body) {
	const started = performance.now()
	const place = await target.place()
	sent.set(target.name, (sent.get(target.name) ?? 0) + 1)
	const errors = vi.spyOn(console, 'error').mockImplementation(() => {})
	try {
		const fail = (what: string) => {
			const message = `${target.name}: ${what}\n  input: ${show(body, place)}`
			// The first input that failed and the last (fast-check's smallest), for the report.
			const seen = fiveHundreds.get(target.name)
			fiveHundreds.set(target.name, { first: seen?.first ?? message, last: message, count: (seen?.count ?? 0) + 1 })
			return new Error(message)
		}
		let action
		try {
			action = await call(target.module.action, post(place, body), place.params)
		} catch (error) {
			throw fail(`the action threw ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`)
		}
		if (statusOf(action.value) >= 500) throw fail(`the action answered ${statusOf(action.value)}`)
		if (!action.thrown && !(action.value instanceof Response)) {
			// React Router runs the page's loaders after its action, then draws the page with both.
			const headers = place.cookie ? { cookie: place.cookie } : undefined
			let loader
			try {
				loader = await call(target.module.loader, new Request(new URL(place.path, BASE), { headers }), place.params)
			} catch (error) {
				throw fail(`the loader after the action threw ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`)
			}
			if (statusOf(loader.value) >= 500) throw fail(`the loader after the action answered ${statusOf(loader.value)}`)
			if (!loader.thrown) {
				const loaderData = isData(loader.value) ? loader.value.data : loader.value
				const actionData = isData(action.value) ? action.value.data : action.value
				if (errors.mock.calls.length) throw fail(`console.error: ${errors.mock.calls.map((c) => c.map(String).join(' ')).join('\n')}`)
				try {
					draw(target.module, place.path, loaderData, actionData)
				} catch (error) {
					throw fail(`the page threw while drawing the action's answer: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`)
				}
				// React's development warnings while drawing (a field sent twice reaches a <select> as a list) are
				// not errors in production: they are listed in the report, not failed.
				for (const call of errors.mock.calls)
					warnings.add(`${target.name}: ${String(call[0]).split('\n')[0]} ${call.slice(1, 3).map(String).join(' ')}`.trim())
				errors.mockClear()
			}
		}
		if (errors.mock.calls.length) throw fail(`console.error: ${errors.mock.calls.map((c) => c.map(String).join(' ')).join('\n')}`)
	} finally {
		errors.mockRestore()
		spent.set(target.name, (spent.get(target.name) ?? 0) + performance.now() - started)
	}
}

// ---------------------------------------------------------------------------------------------------------------
// Records in the right state. A record an input moved on (a submitted review, a decided one) is replaced by a
// fresh one before the next input, so most inputs reach the form's parsing and validation.

const cookies = new Map<string, string>()
async function cookie(email: string) {
	if (!cookies.has(email)) cookies.set(email, await cookieFor(email))
	return cookies.get(email)!
}

async function userId(email: string) {
	return (await prisma.user.findUniqueOrThrow({ where: { email }, select: { id: true } })).id
}

/** A record kept in a state: replaced by `create` whenever `fits` says an input moved it on. */
function kept(create: () => Promise<string>, fits: (id: string) => Promise<boolean>) {
	let current: string | null = null
	return async () => {
		if (!current || !(await fits(current))) current = await create()
		return current
	}
}
const hasStatus =
	(...statuses: string[]) =>
	async (id: string) => {
		const review = await prisma.annualReview.findUnique({ where: { id }, select: { status: true } })
		return !!review && statuses.includes(review.status)
	}

/** A draft review of one of the SENCo's children whose plan has outcomes, with its meeting held and two invitees. */
async function newDraft(email: string, { yearNineUp = false, complete = false } = {}) {
	const senco = await prisma.user.findUniqueOrThrow({ where: { email }, select: { id: true, schoolId: true } })
	const child = await prisma.child.findFirstOrThrow({
		where: { schoolId: senco.schoolId, plan: { is: { status: 'ACTIVE' } }, ...(yearNineUp ? { yearGroup: { gte: 9 } } : { yearGroup: { lt: 9 } }) },
		orderBy: { id: 'asc' },
		select: { id: true, laId: true, schoolId: true, plan: { select: { id: true, reviewDueOn: true, currentVersionNo: true } } },
	})
	const review = await prisma.annualReview.create({
		data: {
			...(await reviewOfChild(prisma, { ...child, plan: child.plan! })),
			meetingOn: addDays(today, -2),
			meetingTime: '09:30',
			createdById: senco.id,
			invitees: {
				create: [
					{ role: 'PARENT', name: 'Mrs Fuzz', email: 'parent.fuzz@example.org' },
					{ role: 'SCHOOL_STAFF', name: 'Ms Staff', email: '' },
				],
			},
		},
		select: { id: true },
	})
	if (complete) await completeEveryPart(await cookie(email), review.id)
	return review.id
}

async function completeEveryPart(cookieHeader: string, reviewId: string) {
	for (const [slug, form] of await completedParts(reviewId, { recommendation: 'AMEND', reasons: 'Needs have changed.' })) {
		const body: Body = { form: Object.entries({ ...form, completed: 'yes', version: '0' }), multipart: false, file: null }
		const result = await call(reviewPart.action, post({ path: `/reviews/${reviewId}/parts/${slug}`, params: {}, cookie: cookieHeader, refs: {} }, body), {
			reviewId,
			part: slug,
		})
		expect(statusOf(result.value), `completing ${slug}`).toBe(302)
	}
}

/** A Kent review at a council stage, built directly: submitted with two school proposals, decided (amend), or with its notice issued. */
async function councilStage(stage: 'SUBMITTED' | 'DECISION_MADE' | 'NOTICE_ISSUED' | 'FINAL_ISSUED') {
	const senco = await prisma.user.findUniqueOrThrow({ where: { email: SENCO }, select: { id: true, schoolId: true } })
	const caseworker = await userId(CASEWORKER)
	const child = await prisma.child.findFirstOrThrow({
		where: { schoolId: senco.schoolId, plan: { is: { status: 'ACTIVE' } }, parentEmail: { not: '' } },
		orderBy: { id: 'desc' },
		select: { id: true, laId: true, schoolId: true, plan: { select: { id: true, reviewDueOn: true, currentVersionNo: true } } },
	})
	const decided = stage !== 'SUBMITTED'
	const noticed = stage === 'NOTICE_ISSUED' || stage === 'FINAL_ISSUED'
	const meetingOn = addDays(today, -10)
	const review = await prisma.annualReview.create({
		data: {
			...(await reviewOfChild(prisma, { ...child, plan: child.plan! })),
			status: stage,
			meetingOn,
			meetingTime: '10:00',
			recommendation: 'AMEND',
			submittedAt: new Date(),
			reportReceivedOn: addDays(today, -5),
			createdById: senco.id,
			submittedById: senco.id,
			invitees: { create: [{ role: 'PARENT', name: 'Mrs Fuzz', email: 'parent.fuzz@example.org', attended: true }] },
			proposals: {
				create: [
					{
						section: 'F',
						currentWording: 'Speech therapy, 30 minutes a week.',
						proposedWording: 'Speech therapy, 45 minutes a week.',
						reason: 'Therapist’s report',
						createdById: senco.id,
						laDecision: noticed ? 'ACCEPTED' : null,
					},
					{
						section: 'B',
						currentWording: 'Needs support with reading.',
						proposedWording: 'Needs support with reading and spelling.',
						reason: 'Assessment',
						createdById: senco.id,
						laDecision: noticed ? 'ACCEPTED' : null,
					},
				],
			},
			...(decided
				? { decision: { create: { outcome: 'AMEND', reasons: 'Needs have changed.', decidedOn: addDays(today, -3), decidedById: caseworker } } }
				: {}),
			...(noticed ? { notice: { create: { issuedOn: addDays(today, -1), representationsCloseOn: addDays(today, 13), issuedById: caseworker } } } : {}),
			...(stage === 'FINAL_ISSUED'
				? { finalPlan: { create: { amended: false, reasons: 'No change after all.', issuedOn: today, issuedById: caseworker } } }
				: {}),
		},
		select: { id: true },
	})
	return review.id
}

/** A council of the fuzz's own for the administration pages, so their changes touch no other test's records. */
const fuzzshire = (() => {
	let made: Promise<{ laId: string; adminId: string }> | null = null
	return () =>
		(made ??= (async () => {
			const la = await prisma.localAuthority.create({
				data: { name: 'Fuzzshire County Council', code: 'FZZ', contactEmail: 'sen@fuzzshire.example.gov.uk' },
				select: { id: true },
			})
			const admin = await prisma.user.create({
				data: { email: FUZZ_ADMIN, name: 'Fuzz Admin', laId: la.id, passwordHash: null, roles: { create: [{ role: 'ADMIN' }, { role: 'MANAGER' }] } },
				select: { id: true },
			})
			for (const [name, urn] of [
				['Fuzz Primary School', '990001'],
				['Fuzz Primary Academy', '990002'],
				['Fuzzborough High School', '990003'],
			]) {
				await prisma.school.create({ data: { laId: la.id, name, urn, phase: 'PRIMARY', contactEmail: `sen@${urn}.example.org` } })
			}
			return { laId: la.id, adminId: admin.id }
		})())
})()

// ---------------------------------------------------------------------------------------------------------------
// The targets: every route module with an action (app/routes.ts), each as a user allowed to use it.

type Target = {
	name: string
	module: RouteModule
	place: () => Promise<Place>
	/** (a) forms from the action's schema, or its fields by hand. */
	forms: fc.Arbitrary<Form>
	/** The field names its form uses, for (b). */
	names: string[]
	/** Bodies sent as multipart: 'always' for pages with a file upload, 'sometimes' elsewhere. */
	multipart?: 'always' | 'never'
	file?: fc.Arbitrary<FileInput>
	/** Share of FUZZ_RUNS: actions that ignore their form, or start slow work, need few. */
	share?: number
}

const partTargets: Target[] = (Object.keys(PART_SLUGS) as PartKey[]).map((key) => {
	const pfa = key === 'PFA'
	const email = pfa ? HIGHFIELD : SENCO
	const draft = kept(() => newDraft(email, { yearNineUp: pfa }), hasStatus('DRAFT'))
	return {
		name: `review-part (${PART_SLUGS[key]})`,
		module: reviewPart,
		place: async () => {
			const reviewId = await draft()
			const review = await prisma.annualReview.findUniqueOrThrow({
				where: { id: reviewId },
				select: {
					invitees: { orderBy: { id: 'asc' }, select: { id: true } },
					planVersion: { select: { outcomes: { orderBy: { position: 'asc' }, select: { id: true } } } },
					sections: { where: { key }, select: { version: true } },
				},
			})
			return {
				path: `/reviews/${reviewId}/parts/${PART_SLUGS[key]}`,
				params: { reviewId, part: PART_SLUGS[key] },
				cookie: await cookie(email),
				refs: {
					outcomeIds: review.planVersion.outcomes.map((o) => o.id),
					inviteeIds: review.invitees.map((i) => i.id),
					version: [String(review.sections[0]?.version ?? 0)],
					ids: review.invitees.map((i) => i.id),
				},
			}
		},
		forms: fc
			.tuple(
				schemaForms(PART_SCHEMAS[key], { 'outcomes[].outcomeId': idOf('outcomeIds'), 'invitees[].inviteeId': idOf('inviteeIds') }),
				fc.option(fc.oneof({ weight: 3, arbitrary: ref('version') }, { weight: 1, arbitrary: numberText }), { nil: null }),
			)
			.map(([form, version]) => (version === null ? form : [...form, ['version', version] as [string, Value]])),
		names: [
			'version',
			'completed',
			'outcomes',
			'invitees',
			'changes',
			'pathway',
			'words',
			'recordedBy',
			'howCommunicated',
			'views',
			'givenBy',
			'recommendation',
			'reasons',
			'agreed',
			'disagreements',
			'otherAdvice',
			'employment',
			'health',
		],
	}
})

const PDF = new Uint8Array([0x25, 0x50, 0x44, 0x46, 0x2d, 0x31, 0x2e, 0x34, 0x0a])
const fileArb: fc.Arbitrary<FileInput> = fc.option(
	fc.record({
		field: fc.constantFrom('file', 'file', 'file', 'title', 'summary', 'file[0]', 'receivedOn.day'),
		name: fc.oneof(
			fc.constantFrom('letter.pdf', 'report.docx', 'photo.png', 'children.csv', '', '../../x.pdf', `${'a'.repeat(300)}.pdf`, 'evil.pdf.exe'),
			fc.string({ maxLength: 20 }),
		),
		type: fc.constantFrom('application/pdf', 'text/csv', 'image/png', '', 'application/octet-stream'),
		bytes: fc.oneof(
			fc.constant(PDF),
			fc.uint8Array({ maxLength: 2048 }),
			fc.string({ maxLength: 200 }).map((s) => new TextEncoder().encode(s)),
		),
	}),
	{ nil: null, freq: 3 },
)
const csvCell = fc.oneof(
	fc.constantFrom('', '118000', '990001', 'E886200112345', 'Amira', '2016-03-27', '27/03/2016', '5', 'R', 'Primary', 'a@b.org', 'x;y'),
	text,
)
const csvFile: fc.Arbitrary<FileInput> = fc.option(
	fc.array(fc.array(csvCell, { minLength: 1, maxLength: IMPORT_COLUMNS.length + 1 }), { maxLength: 5 }).map((rows) => ({
		field: 'file',
		name: 'children.csv',
		type: 'text/csv',
		bytes: new TextEncoder().encode(
			[IMPORT_COLUMNS.map((c) => c.name).join(','), ...rows.map((r) => r.map((c) => `"${c.replace(/"/g, '""')}"`).join(','))].join('\n'),
		),
	})),
	{ nil: null, freq: 4 },
)

const draftForProposals = kept(async () => {
	const reviewId = await newDraft(SENCO)
	const senco = await userId(SENCO)
	await prisma.amendmentProposal.create({
		data: { reviewId, section: 'F', currentWording: 'Speech therapy.', proposedWording: 'More speech therapy.', reason: 'Report', createdById: senco },
	})
	await prisma.evidenceFile.create({
		data: {
			reviewId,
			title: 'Report',
			fileName: 'report.pdf',
			contentType: 'application/pdf',
			sizeBytes: 9,
			sha256: 'f'.repeat(64),
			storageKey: `fuzz${Date.now().toString(16)}`.padEnd(32, '0'),
			uploadedById: senco,
		},
	})
	return reviewId
}, hasStatus('DRAFT'))
async function proposalPlace(edit: boolean): Promise<Place> {
	const reviewId = await draftForProposals()
	let proposals = await prisma.amendmentProposal.findMany({ where: { reviewId, origin: 'SCHOOL' }, select: { id: true } })
	if (edit && !proposals.length) {
		// An input deleted it: write another.
		await prisma.amendmentProposal.create({
			data: {
				reviewId,
				section: 'F',
				currentWording: 'Speech therapy.',
				proposedWording: 'More speech therapy.',
				reason: 'Report',
				createdById: await userId(SENCO),
			},
		})
		proposals = await prisma.amendmentProposal.findMany({ where: { reviewId, origin: 'SCHOOL' }, select: { id: true } })
	}
	const evidence = await prisma.evidenceFile.findMany({ where: { reviewId }, select: { id: true } })
	const proposalId = proposals[0]?.id
	return {
		path: edit ? `/reviews/${reviewId}/proposals/${proposalId}` : `/reviews/${reviewId}/proposals/new`,
		params: edit ? { reviewId, proposalId: proposalId! } : { reviewId },
		cookie: await cookie(SENCO),
		refs: { evidenceIds: evidence.map((e) => e.id), ids: evidence.map((e) => e.id) },
	}
}
const proposalForms = fc
	.tuple(
		schemaForms(ProposalSchema, { 'evidenceIds[]': idOf('evidenceIds'), evidenceIds: idOf('evidenceIds') }),
		fc.option(fc.constantFrom('delete', 'save', ''), { nil: null, freq: 4 }),
	)
	.map(([form, intent]) => (intent === null ? form : [...form, ['intent', intent] as [string, Value]]))

const completeDraft = kept(() => newDraft(SENCO, { complete: true }), hasStatus('DRAFT'))
const meetingDraft = kept(() => newDraft(SENCO), hasStatus('DRAFT'))
const evidenceDraft = kept(() => newDraft(SENCO), hasStatus('DRAFT'))
const familyDraft = kept(() => newDraft(SENCO), hasStatus('DRAFT'))

/** A family page of a review, as a family member named for its child (a new session each time). */
async function familyPlace(reviewId: string, path: string, params: Record<string, string> = {}): Promise<Place> {
	const { childId } = await prisma.annualReview.findUniqueOrThrow({ where: { id: reviewId }, select: { childId: true } })
	const member = await familyMemberOf(childId)
	return { path: `/family/reviews/${reviewId}${path}`, params: { reviewId, ...params }, cookie: member.cookie, refs: {} }
}
const bundleReview = kept(
	() => newDraft(SENCO),
	async () => true,
)
const submitted = kept(() => councilStage('SUBMITTED'), hasStatus('SUBMITTED'))
const decided = kept(
	() => councilStage('DECISION_MADE'),
	async (id) => (await hasStatus('DECISION_MADE')(id)) && (await prisma.decision.count({ where: { reviewId: id, outcome: 'AMEND' } })) === 1,
)
const noticed = kept(() => councilStage('NOTICE_ISSUED'), hasStatus('NOTICE_ISSUED', 'REPRESENTATIONS'))
const noticedForRepresentations = kept(() => councilStage('NOTICE_ISSUED'), hasStatus('NOTICE_ISSUED', 'REPRESENTATIONS'))
const finalIssued = kept(() => councilStage('FINAL_ISSUED'), hasStatus('FINAL_ISSUED'))
const noticedForFamily = kept(() => councilStage('NOTICE_ISSUED'), hasStatus('NOTICE_ISSUED', 'REPRESENTATIONS'))

async function reviewPlace(reviewId: string, path: string, email: string, refs: Place['refs'] = {}): Promise<Place> {
	return { path: `/reviews/${reviewId}${path}`, params: { reviewId }, cookie: await cookie(email), refs }
}
async function councilPlace(reviewId: string, path: string, refs: Place['refs'] = {}): Promise<Place> {
	return { path: `/council/reviews/${reviewId}${path}`, params: { reviewId }, cookie: await cookie(CASEWORKER), refs }
}

/** A child of Kent with no review in draft, for starting one; a review an input started is removed again. */
const childForNewReview = kept(
	async () => {
		const senco = await prisma.user.findUniqueOrThrow({ where: { email: SENCO }, select: { schoolId: true } })
		const child = await prisma.child.findFirstOrThrow({
			where: { schoolId: senco.schoolId, plan: { is: { status: 'ACTIVE' } }, reviews: { none: { status: 'DRAFT' } } },
			orderBy: { id: 'asc' },
			select: { id: true },
		})
		return child.id
	},
	async (childId) => {
		await prisma.annualReview.deleteMany({ where: { childId, status: 'DRAFT' } })
		return true
	},
)

const tokenUser = kept(
	async () => {
		const { laId } = await fuzzshire()
		const user = await prisma.user.create({
			data: {
				email: `invitee-${Date.now()}-${Math.random().toString(36).slice(2)}@fuzzshire.example.gov.uk`,
				name: 'Invited Person',
				laId,
				roles: { create: [{ role: 'CASEWORKER' }] },
			},
			select: { id: true },
		})
		const { token } = await prisma.$transaction((tx) => issueToken(tx, user.id, 'INVITE'))
		tokens.set(user.id, token)
		return user.id
	},
	async (id) => (await prisma.oneTimeToken.count({ where: { userId: id, usedAt: null } })) > 0,
)
const tokens = new Map<string, string>()

/** A family member with an unused sign-in link (a new one once the fuzzed form has used it). */
const familyLinkUser = kept(
	async () => {
		const { childIds } = await kentManager()
		const member = await familyMemberOf(childIds[2]!)
		const { token } = await prisma.$transaction((tx) => issueToken(tx, member.userId, 'FAMILY_SIGN_IN'))
		tokens.set(member.userId, token)
		return member.userId
	},
	async (id) => (await prisma.oneTimeToken.count({ where: { userId: id, usedAt: null, purpose: 'FAMILY_SIGN_IN' } })) > 0,
)

const fuzzSchool = kept(
	async () => {
		const { laId } = await fuzzshire()
		return (
			await prisma.school.create({
				data: { laId, name: 'Fuzz Edit School', urn: String(980000 + Math.floor(Math.random() * 9999)), phase: 'SECONDARY' },
				select: { id: true },
			})
		).id
	},
	async () => true,
)
const fuzzUser = kept(
	async () => {
		const { laId } = await fuzzshire()
		return (
			await prisma.user.create({
				data: {
					email: `colleague-${Date.now()}@fuzzshire.example.gov.uk`,
					name: 'A Colleague',
					laId,
					passwordHash: await hashPassword('correct horse battery staple'),
					roles: { create: [{ role: 'CASEWORKER' }] },
				},
				select: { id: true },
			})
		).id
	},
	async () => true,
)
/** A stored upload of the fuzz admin's (with problems, so it cannot be imported), uploaded again when an input cancelled it. */
const storedUpload = (() => {
	let key: string | null = null
	return async (adminCookie: string) => {
		if (
			key &&
			!(await call(adminImport.loader, new Request(new URL(`/admin/import?upload=${key}`, BASE), { headers: { cookie: adminCookie } }), {})).thrown
		)
			return key
		const form = new FormData()
		form.set('file', new File(['school_urn,upn\n990001,not-a-upn\n'], 'children.csv', { type: 'text/csv' }))
		const result = await call(
			adminImport.action,
			new Request(new URL('/admin/import', BASE), { method: 'POST', body: form, headers: { cookie: adminCookie } }),
			{},
		)
		key = new URL((result.value as Response).headers.get('location') ?? '/', BASE).searchParams.get('upload')
		return key ?? 'none'
	}
})()

const kentManager = async () => {
	const manager = await prisma.user.findUniqueOrThrow({ where: { email: MANAGER }, select: { laId: true } })
	const caseworkers = await prisma.user.findMany({
		where: { laId: manager.laId, active: true, roles: { some: { role: 'CASEWORKER' } } },
		orderBy: { id: 'asc' },
		take: 5,
		select: { id: true },
	})
	const children = await prisma.child.findMany({ where: { laId: manager.laId! }, orderBy: { id: 'asc' }, take: 8, select: { id: true } })
	return { caseworkerIds: caseworkers.map((c) => c.id), childIds: children.map((c) => c.id) }
}

const targets: Target[] = [
	// The SENCo's review.
	{
		name: 'review-new',
		module: reviewNew,
		place: async () => {
			const childId = await childForNewReview()
			return { path: `/children/${childId}/reviews/new`, params: { childId }, cookie: await cookie(SENCO), refs: {} }
		},
		forms: schemaForms(ScheduleSchema, {}, 8),
		names: ['meetingOn', 'meetingTime', 'meetingPlace', 'invitees', 'invitationsSentOn', 'adviceCirculatedOn'],
	},
	{
		name: 'review-meeting',
		module: reviewMeeting,
		place: async () => reviewPlace(await meetingDraft(), '/meeting', SENCO),
		forms: schemaForms(ScheduleSchema, {}, 8),
		names: ['meetingOn', 'meetingTime', 'meetingPlace', 'invitees', 'invitationsSentOn', 'adviceCirculatedOn'],
	},
	...partTargets,
	{
		name: 'review-proposal (new)',
		module: reviewProposal,
		place: () => proposalPlace(false),
		forms: proposalForms,
		names: ['section', 'proposedWording', 'reason', 'evidenceIds', 'currentWording', 'intent'],
	},
	{
		name: 'review-proposal (edit)',
		module: reviewProposal,
		place: () => proposalPlace(true),
		forms: proposalForms,
		names: ['section', 'proposedWording', 'reason', 'evidenceIds', 'currentWording', 'intent'],
	},
	{
		name: 'review-evidence (upload)',
		module: reviewEvidence,
		place: async () => reviewPlace(await evidenceDraft(), '/evidence', SENCO),
		forms: schemaForms(reviewEvidence.EvidenceSchema),
		names: ['title', 'file'],
		multipart: 'always',
		file: fileArb,
	},
	// The family's own views (issue 14): the parents' views as a form, the child's with a file.
	{
		name: 'family-views (parent-views)',
		module: familyViews,
		place: async () => familyPlace(await familyDraft(), '/views/parent-views', { part: 'parent-views' }),
		forms: schemaForms(PART_SCHEMAS.PARENT_VIEWS),
		names: ['views', 'givenBy', 'completed'],
	},
	{
		name: 'family-views (child-views)',
		module: familyViews,
		place: async () => familyPlace(await familyDraft(), '/views/child-views', { part: 'child-views' }),
		forms: schemaForms(PART_SCHEMAS.CHILD_VIEWS),
		names: ['pathway', 'words', 'recordedBy', 'howCommunicated', 'fileTitle', 'file'],
		multipart: 'always',
		file: fileArb,
	},
	{
		name: 'review-evidence (remove)',
		module: reviewEvidence,
		place: async () => {
			const reviewId = await evidenceDraft()
			const evidence = await prisma.evidenceFile.findMany({ where: { reviewId }, select: { id: true } })
			return reviewPlace(reviewId, '/evidence', SENCO, { evidenceIds: evidence.map((e) => e.id), ids: evidence.map((e) => e.id) })
		},
		forms: fieldForms({ intent: fc.oneof(fc.constant('delete'), text), evidenceId: idOf('evidenceIds') }),
		names: ['intent', 'evidenceId'],
		multipart: 'never',
	},
	{
		name: 'review-check',
		module: reviewCheck,
		place: async () => {
			const reviewId = await completeDraft()
			const { lockVersion } = await prisma.annualReview.findUniqueOrThrow({ where: { id: reviewId }, select: { lockVersion: true } })
			return reviewPlace(reviewId, '/check', SENCO, { lockVersion: [String(lockVersion)] })
		},
		forms: fieldForms({
			lockVersion: fc.oneof({ weight: 1, arbitrary: ref('lockVersion') }, { weight: 3, arbitrary: numberText }, { weight: 1, arbitrary: text }),
		}),
		names: ['lockVersion'],
	},
	// Ignores its form (starts a bundle job): a few inputs show a form cannot break it.
	{
		name: 'review-bundle',
		module: reviewBundle,
		place: async () => reviewPlace(await bundleReview(), '/bundle', SENCO),
		forms: fieldForms({ intent: text }),
		names: ['intent'],
		share: 0.1,
	},

	// The council's side.
	{
		name: 'council-decision',
		module: councilDecision,
		place: async () => councilPlace(await submitted(), '/decision'),
		forms: schemaForms(councilDecision.DecisionSchema),
		names: ['outcome', 'reasons', 'decidedOn', 'intent', 'previewed'],
	},
	// The letter a step would send, drawn without storing or sending it (issue 12 §1): renders a PDF, so fewer runs.
	{
		name: 'council-letter-preview',
		module: councilLetterPreview,
		place: async () => {
			const place = await councilPlace(await submitted(), '/letters/decision/preview')
			return { ...place, params: { ...place.params, step: 'decision' } }
		},
		forms: schemaForms(councilDecision.DecisionSchema),
		names: ['outcome', 'reasons', 'decidedOn'],
		share: 0.2,
	},
	{
		name: 'council-notice',
		module: councilNotice,
		place: async () => {
			const reviewId = await decided()
			const proposals = await prisma.amendmentProposal.findMany({
				where: { reviewId },
				orderBy: [{ origin: 'desc' }, { section: 'asc' }, { position: 'asc' }, { createdAt: 'asc' }],
				select: { id: true, origin: true },
			})
			const school = proposals.filter((p) => p.origin === 'SCHOOL').map((p) => p.id)
			return councilPlace(reviewId, '/notice', {
				proposalIds: school,
				councilIds: proposals.filter((p) => p.origin === 'LA').map((p) => p.id),
				ids: school,
			})
		},
		forms: fc
			.tuple(
				schemaForms(councilNotice.NoticeSchema, { 'choices[].proposalId': idOf('proposalIds') }, 3),
				fc.option(idOf('councilIds'), { nil: null, freq: 8 }),
			)
			.map(([form, remove]) => (remove === null ? form : [...form, ['remove', remove] as [string, Value]])),
		names: ['choices', 'newSection', 'newWording', 'newReason', 'intent', 'remove', 'previewed'],
	},
	{
		name: 'council-representation',
		module: councilRepresentation,
		place: async () => councilPlace(await noticedForRepresentations(), '/representations/new'),
		forms: schemaForms(councilRepresentation.RepresentationSchema),
		names: ['receivedOn', 'fromName', 'summary', 'requestedSchool', 'meetingRequested', 'response', 'file'],
		multipart: 'always',
		file: fileArb,
	},
	// The family's representation online (issue 14): comments on the notice's amendments, a school, a meeting, a letter.
	{
		name: 'family-representation',
		module: familyRepresentation,
		place: async () => {
			const reviewId = await noticedForFamily()
			const proposals = await prisma.amendmentProposal.findMany({ where: { reviewId }, orderBy: { id: 'asc' }, select: { id: true } })
			const ids = proposals.map((p) => p.id)
			return { ...(await familyPlace(reviewId, '/representation')), refs: { proposalIds: ids, ids } }
		},
		forms: schemaForms(familyRepresentation.FamilyRepresentationSchema, { 'comments[].proposalId': idOf('proposalIds') }),
		names: ['comments', 'general', 'wantsSchool', 'schoolName', 'schoolType', 'meeting', 'file'],
		multipart: 'always',
		file: fileArb,
	},
	{
		name: 'council-final',
		module: councilFinal,
		place: async () => councilPlace(await noticed(), '/final'),
		forms: schemaForms(councilFinal.FinalSchema),
		names: ['amendments', 'intent', 'amend', 'reasons', 'familyAgreed', 'familyAgreedOn', 'previewed'],
	},
	{
		name: 'council-final-amendment',
		module: councilFinalAmendment,
		place: async () => councilPlace(await noticed(), '/final/amendments/new'),
		forms: schemaForms(councilFinalAmendment.AddAmendmentSchema),
		names: ['section', 'wording', 'reason', 'intent'],
	},
	{
		name: 'council-school-request',
		module: councilSchoolRequest,
		place: async () => councilPlace(await noticed(), '/final/school'),
		forms: schemaForms(councilSchoolRequest.SchoolRequestSchema),
		names: ['schoolName', 'schoolId', 'consultedOn', 'consulteeResponse', 'outcome', 'refusalGrounds', 'refusalReasons'],
	},
	// Ignores its form (closes a review whose final plan is issued).
	{
		name: 'council-review',
		module: councilReview,
		place: async () => councilPlace(await finalIssued(), ''),
		forms: fieldForms({ intent: text }),
		names: ['intent'],
		share: 0.2,
	},
	{
		name: 'child-assign',
		module: childAssign,
		place: async () => {
			const { caseworkerIds, childIds } = await kentManager()
			return {
				path: `/children/${childIds[0]}/assign`,
				params: { childId: childIds[0]! },
				cookie: await cookie(MANAGER),
				refs: { caseworkerIds, ids: caseworkerIds },
			}
		},
		forms: schemaForms(childAssign.AssignSchema, {
			caseworkerId: idOf('caseworkerIds'),
			back: fc.oneof(fc.constantFrom('/caseload?view=all', '/caseload?q=a&page=2', '/caseload%0d%0aX: y'), text),
		}),
		names: ['caseworkerId', 'back'],
	},
	{
		name: 'child-young-person',
		module: childYoungPerson,
		place: async () => {
			const { childIds } = await kentManager()
			return { path: `/children/${childIds[1]}/young-person`, params: { childId: childIds[1]! }, cookie: await cookie(CASEWORKER), refs: {} }
		},
		forms: schemaForms(childYoungPerson.YoungPersonSchema),
		names: ['youngPersonEmail', 'capacity', 'parentCopy', 'parentCopyAgreedOn', 'representativeRole', 'representativeName', 'representativeEmail'],
	},
	{
		name: 'child-family',
		module: childFamily,
		place: async () => {
			const { childIds } = await kentManager()
			return { path: `/children/${childIds[3]}/family`, params: { childId: childIds[3]! }, cookie: await cookie(CASEWORKER), refs: {} }
		},
		forms: fieldForms({ intent: fc.oneof(fc.constant('invite'), text) }),
		names: ['intent'],
		share: 0.3,
	},
	{
		name: 'workload',
		module: workload,
		place: async () => {
			const { caseworkerIds, childIds } = await kentManager()
			return {
				path: '/workload',
				params: {},
				cookie: await cookie(MANAGER),
				refs: { caseworkerIds: [...caseworkerIds, 'none'], childIds, ids: childIds },
			}
		},
		forms: schemaForms(ReassignSchema, {
			from: idOf('caseworkerIds'),
			to: idOf('caseworkerIds'),
			childIds: idOf('childIds'),
			'childIds[]': idOf('childIds'),
		}),
		names: ['from', 'childIds', 'to'],
	},
	{
		name: 'calendar',
		module: calendar,
		place: async () => ({ path: '/calendar', params: {}, cookie: await cookie(CASEWORKER), refs: {} }),
		forms: fieldForms({ intent: fc.oneof(fc.constantFrom('create', 'revoke'), text) }),
		names: ['intent'],
	},

	// Administration (a council of the fuzz's own).
	{
		name: 'admin-school (new)',
		module: adminSchool,
		place: async () => (await fuzzshire(), { path: '/admin/schools/new', params: {}, cookie: await cookie(FUZZ_ADMIN), refs: {} }),
		forms: schemaForms(adminSchool.SchoolSchema, {
			urn: fc.oneof(fc.integer({ min: 900000, max: 999999 }).map(String), fc.constantFrom('118000', '990001'), text),
		}),
		names: ['name', 'urn', 'phase', 'kind', 'address', 'contactEmail', 'headTeacherName', 'headTeacherEmail', 'intent'],
	},
	{
		name: 'admin-school (edit)',
		module: adminSchool,
		place: async () => {
			const schoolId = await fuzzSchool()
			return { path: `/admin/schools/${schoolId}`, params: { schoolId }, cookie: await cookie(FUZZ_ADMIN), refs: {} }
		},
		forms: fc
			.tuple(
				schemaForms(adminSchool.SchoolSchema, { urn: fc.oneof(fc.integer({ min: 900000, max: 999999 }).map(String), text) }),
				fc.option(fc.constantFrom('deactivate', 'reactivate', 'save'), { nil: null, freq: 3 }),
			)
			.map(([form, intent]) => (intent === null ? form : [...form, ['intent', intent] as [string, Value]])),
		names: ['name', 'urn', 'phase', 'kind', 'address', 'contactEmail', 'headTeacherName', 'headTeacherEmail', 'intent'],
	},
	{
		name: 'admin-settings',
		module: adminSettings,
		place: async () => (await fuzzshire(), { path: '/admin/settings', params: {}, cookie: await cookie(FUZZ_ADMIN), refs: {} }),
		forms: schemaForms(adminSettings.SettingsSchema),
		names: ['name', 'contactEmail', 'contactPhone', 'address', 'letterSignatory', 'letterFooter', 'mediationText', 'iassText'],
	},
	{
		name: 'admin-user-invite',
		module: adminUserInvite,
		place: async () => {
			const { laId } = await fuzzshire()
			const schools = await prisma.school.findMany({ where: { laId }, select: { id: true } })
			return {
				path: '/admin/users/invite',
				params: {},
				cookie: await cookie(FUZZ_ADMIN),
				refs: { schoolIds: schools.map((s) => s.id), ids: schools.map((s) => s.id) },
			}
		},
		forms: schemaForms(adminUserInvite.InviteSchema, {
			school: fc.oneof(fc.constantFrom('Fuzz', 'Fuzz Primary', 'Fuzzborough High School', '990001', '990', 'Oakfield Primary School'), text),
			schoolId: idOf('schoolIds'),
		}),
		names: ['name', 'email', 'role', 'school', 'schoolId'],
	},
	{
		name: 'admin-user',
		module: adminUser,
		place: async () => {
			const id = await fuzzUser()
			return { path: `/admin/users/${id}`, params: { userId: id }, cookie: await cookie(FUZZ_ADMIN), refs: {} }
		},
		forms: fc
			.tuple(
				schemaForms(adminUser.RolesSchema),
				fc.option(fc.constantFrom('deactivate', 'reactivate', 'resend', 'send-reset', 'roles'), { nil: null, freq: 2 }),
			)
			.map(([form, intent]) => (intent === null ? form : [...form, ['intent', intent] as [string, Value]])),
		names: ['roles', 'intent'],
	},
	{
		name: 'admin-import (upload)',
		module: adminImport,
		place: async () => (await fuzzshire(), { path: '/admin/import', params: {}, cookie: await cookie(FUZZ_ADMIN), refs: {} }),
		forms: schemaForms(adminImport.UploadSchema),
		names: ['file', 'upload', 'intent'],
		multipart: 'always',
		file: csvFile,
		share: 0.5,
	},
	{
		name: 'admin-import (confirm)',
		module: adminImport,
		place: async () => {
			await fuzzshire()
			const adminCookie = await cookie(FUZZ_ADMIN)
			const key = await storedUpload(adminCookie)
			return { path: '/admin/import', params: {}, cookie: adminCookie, refs: { uploadKeys: [key], ids: [key] } }
		},
		forms: fieldForms({ upload: idOf('uploadKeys'), intent: fc.oneof(fc.constantFrom('cancel', 'import'), text) }),
		names: ['upload', 'intent'],
		multipart: 'never',
	},

	// Public pages and accounts.
	{
		name: 'reset-password',
		module: resetPassword,
		place: async () => ({ path: '/reset-password', params: {}, cookie: null, refs: {} }),
		forms: schemaForms(resetPassword.ResetPasswordSchema),
		names: ['email'],
	},
	{
		name: 'set-password',
		module: setPassword,
		place: async () => {
			const id = await tokenUser()
			const token = tokens.get(id)!
			return { path: `/set-password/${token}`, params: { token }, cookie: null, refs: {} }
		},
		forms: fc.oneof(
			schemaForms(setPassword.SetPasswordSchema),
			fc.oneof(fc.string({ minLength: 12, maxLength: 40 }), hugeText, text).map((p): Form => [
				['password', p],
				['confirm', p],
			]),
		),
		names: ['password', 'confirm'],
		share: 0.5,
	},
	{
		name: 'family-sign-in',
		module: familySignIn,
		place: async () => ({ path: '/family/sign-in', params: {}, cookie: null, refs: {} }),
		forms: schemaForms(familySignIn.FamilySignInSchema),
		names: ['email'],
	},
	{
		name: 'family-sign-in-link',
		module: familySignInLink,
		place: async () => {
			const id = await familyLinkUser()
			const token = tokens.get(id)!
			return { path: `/family/sign-in/${token}`, params: { token }, cookie: null, refs: {} }
		},
		// The button sends nothing: whatever is sent, the link is used or refused.
		forms: fieldForms({ x: text }),
		names: ['x'],
		share: 0.3,
	},
	{
		name: 'sign-in',
		module: signIn,
		place: async () => ({ path: '/sign-in', params: {}, cookie: null, refs: {} }),
		forms: schemaForms(signIn.SignInSchema, {
			redirectTo: fc.oneof(fc.constantFrom('/caseload', '//evil.example', '/\\evil', 'https://evil.example'), text),
		}),
		names: ['email', 'password', 'redirectTo'],
	},
	// Ignore their forms: sign-out ends the session it is sent with (a new one each time), not-found answers 404.
	{
		name: 'sign-out',
		module: signOut,
		place: async () => ({
			path: '/sign-out',
			params: {},
			cookie: (await createSession(new Request(BASE), await userId(CASEWORKER))).split(';')[0]!,
			refs: {},
		}),
		forms: fieldForms({ redirectTo: text }),
		names: ['redirectTo'],
		share: 0.2,
	},
	{
		name: 'not-found',
		module: notFound,
		place: async () => ({ path: '/no/such/page', params: { '*': 'no/such/page' }, cookie: await cookie(SENCO), refs: {} }),
		forms: fieldForms({ x: text }),
		names: ['x'],
		share: 0.2,
	},
]

// ---------------------------------------------------------------------------------------------------------------

const runsOf = (target: Target) => Math.max(3, Math.round(RUNS * (target.share ?? 1)))
const rawBody = fc.record({
	type: fc.constantFrom(
		'',
		'application/json',
		'text/plain',
		'multipart/form-data',
		'multipart/form-data; boundary=x',
		'multipart/form-data; boundary=',
		'application/x-www-form-urlencoded; charset=utf-16',
		'application/x-www-form-urlencoded',
	),
	bytes: fc.oneof(
		fc.uint8Array({ maxLength: 512 }),
		fc.string({ maxLength: 200 }).map((t) => new TextEncoder().encode(t)),
		fc
			.constantFrom('--x\r\nContent-Disposition: form-data; name="a"\r\n\r\nb', '--x\r\n\r\n--x--', '{"title":"x"}', '%', 'a=%E0%A4%A', 'a[=1&a]=2')
			.map((t) => new TextEncoder().encode(t)),
	),
})
function bodies(target: Target, forms: fc.Arbitrary<Form>): fc.Arbitrary<Body> {
	const multipart = target.multipart
		? fc.constant(target.multipart === 'always')
		: fc.oneof({ weight: 7, arbitrary: fc.constant(false) }, { weight: 3, arbitrary: fc.constant(true) })
	const formBody = fc
		.tuple(forms, multipart, target.file ?? fc.constant<FileInput>(null))
		.map(([form, multipart, file]): Body => ({ form, multipart, file: multipart ? file : null }))
	return fc.oneof(
		{ weight: 12, arbitrary: formBody },
		{ weight: 1, arbitrary: rawBody.map((raw): Body => ({ form: [], multipart: false, file: null, raw })) },
	)
}

for (const target of targets) {
	test(`${target.name}: forms from its schema never get a 500`, { timeout: 600_000 }, async () => {
		await fc.assert(
			fc.asyncProperty(bodies(target, target.forms), (body) => send(target, body)),
			{ numRuns: runsOf(target), seed: SEED },
		)
	})
	test(`${target.name}: arbitrary keys and values never get a 500`, { timeout: 600_000 }, async () => {
		await fc.assert(
			fc.asyncProperty(bodies(target, arbitraryForms(target.names)), (body) => send(target, body)),
			{ numRuns: runsOf(target), seed: SEED },
		)
	})
}

// ---------------------------------------------------------------------------------------------------------------
// The 500s the fuzz found, each pinned by the input that found it (each failed before its fix).

/** Posts a form and, when the action answers with data, draws the page with it as React Router would. */
async function answer(module: RouteModule, place: Place, form: Form) {
	const action = await call(module.action, post(place, { form, multipart: false, file: null }), place.params)
	const status = statusOf(action.value)
	const actionData: any = isData(action.value) ? action.value.data : action.value
	if (!action.thrown && !(action.value instanceof Response)) {
		const loader = await call(
			module.loader,
			new Request(new URL(place.path, BASE), { headers: place.cookie ? { cookie: place.cookie } : undefined }),
			place.params,
		)
		if (!loader.thrown) draw(module, place.path, isData(loader.value) ? loader.value.data : loader.value, actionData)
	}
	return { status, data: actionData }
}

test('conform’s control fields, and field names every object has, are refused with 400', async () => {
	const place: Place = { path: '/reset-password', params: {}, cookie: null, refs: {} }
	for (const [name, value] of [
		['__intent__', 'x'],
		['__intent__', 'null'],
		['__intent__', '{"type":"validate"}'],
		['__state__', '{'],
		// Names a field past readForm's index limit: conform built an array of a hundred million entries.
		['__intent__', '{"type":"update","payload":{"name":"email[100000000]","value":"x"}}'],
		// Not conform's, but as foreign to the service's forms: the answer became an object React could not draw.
		['email.toString', 'x'],
		['email.valueOf', 'x'],
	]) {
		const started = performance.now()
		expect(
			(
				await answer(resetPassword, place, [
					[name, value],
					['email', 'a@example.org'],
				])
			).status,
			`${name}=${value}`,
		).toBe(400)
		expect(performance.now() - started).toBeLessThan(1000)
	}
})

test('a NUL character in a value is a 400 before anything is stored or looked up (PostgreSQL cannot hold one in text)', async () => {
	const noticeReview = await councilStage('NOTICE_ISSUED')
	const finalPlace = await councilPlace(noticeReview, '/final')
	expect(
		(
			await answer(councilFinal, finalPlace, [
				['amend', 'no'],
				['reasons', 'Not \0needed'],
			])
		).status,
	).toBe(400)
	expect((await prisma.annualReview.findUniqueOrThrow({ where: { id: noticeReview }, select: { status: true } })).status).toBe('NOTICE_ISSUED')
	const decided = await councilStage('DECISION_MADE')
	expect((await answer(councilNotice, await councilPlace(decided, '/notice'), [['remove', '\0']])).status).toBe(400)
})

test('check your answers: a lockVersion that is not a whole number is a 400 with the page’s problem, and the review stays a draft', async () => {
	const reviewId = await newDraft(SENCO, { complete: true })
	const place = await reviewPlace(reviewId, '/check', SENCO)
	for (const lockVersion of ['abc', 'NaN', '', '1.5', '-1', '1e20', '99999999999']) {
		const { status, data } = await answer(reviewCheck, place, [['lockVersion', lockVersion]])
		expect(status, `lockVersion=${lockVersion}`).toBe(400)
		expect(data.problems[0].message).toMatch(/did not match this page/)
	}
	expect((await prisma.annualReview.findUniqueOrThrow({ where: { id: reviewId }, select: { status: true } })).status).toBe('DRAFT')
})

test('a part: rows past the plan’s outcomes or the invitees, a list sent as text, and a version that is not a number are 400s that keep what was typed', async () => {
	const reviewId = await newDraft(SENCO)
	const review = await prisma.annualReview.findUniqueOrThrow({
		where: { id: reviewId },
		select: { invitees: { orderBy: { id: 'asc' }, select: { id: true } }, planVersion: { select: { outcomes: { select: { id: true } } } } },
	})
	const outcomes = review.planVersion.outcomes.length
	const place = (slug: string): Place => ({
		path: `/reviews/${reviewId}/parts/${slug}`,
		params: { reviewId, part: slug },
		cookie: cookies.get(SENCO)!,
		refs: {},
	})
	await cookie(SENCO)
	for (const [slug, form] of [
		[
			'outcomes',
			[
				['outcomes[0].evidence', 'Reads aloud'],
				[`outcomes[${outcomes}].next`, 'CONTINUE'],
				['completed', 'no'],
			],
		],
		[
			'outcomes',
			[
				['outcomes[0].evidence', 'Reads aloud'],
				['outcomes', 'x'],
				['completed', 'no'],
			],
		],
		[
			'attendance',
			[
				['invitees[0].attended', 'yes'],
				[`invitees[${review.invitees.length}].inviteeId`, ''],
				['completed', 'no'],
			],
		],
		[
			'attendance',
			[
				['invitees[0].attended', 'yes'],
				['invitees.name', 'x'],
				['completed', 'no'],
			],
		],
	] as Array<[string, Form]>) {
		const { status, data } = await answer(reviewPart, place(slug), form)
		expect(status, JSON.stringify(form)).toBe(400)
		expect(data.result.error['']).toEqual([expect.stringMatching(/did not match this page/)])
		expect(JSON.stringify(data.result.initialValue)).toMatch(/Reads aloud|"attended":"yes"/)
	}
	// A saved part has a version: one that is not a whole number used to reach the database as NaN.
	expect(
		(
			await answer(reviewPart, place('parent-views'), [
				['views', 'Happy'],
				['completed', 'no'],
				['version', '0'],
			])
		).status,
	).toBe(302)
	for (const version of ['abc', '1.5', '1e20', '-1']) {
		const { status, data } = await answer(reviewPart, place('parent-views'), [
			['views', 'Changed'],
			['completed', 'no'],
			['version', version],
		])
		expect(status, `version=${version}`).toBe(400)
		expect(data.result.initialValue.views).toBe('Changed')
	}
})

test('the notice builder: choices past the school’s proposals, or not a list, are a 400 the page can draw', async () => {
	const reviewId = await councilStage('DECISION_MADE')
	const place = await councilPlace(reviewId, '/notice')
	for (const form of [
		[
			['choices[0].decision', 'ACCEPTED'],
			['choices[5].decision', 'REJECTED'],
		],
		[['choices', 'x']],
		[['choices.a', 'x']],
	] as Form[]) {
		const { status, data } = await answer(councilNotice, place, form)
		expect(status, JSON.stringify(form)).toBe(400)
		expect(data.result.error['']).toEqual([expect.stringMatching(/did not match this page/)])
	}
	expect(await prisma.amendmentProposal.count({ where: { reviewId, laDecision: { not: null } } })).toBe(0)
})

test('the meeting: rows past the most a meeting can invite are a 400 saying so; the list sent as text is a 400 with the form’s error', async () => {
	const place = await reviewPlace(await newDraft(SENCO), '/meeting', SENCO)
	const typed: Form = [
		['meetingTime', '10:00'],
		['invitees[0].role', 'PARENT'],
		['invitees[0].name', 'Mrs Fuzz'],
	]
	// 31 rows (the form adds rows up to 30: app/routes/schedule-form.server.ts).
	const rows: Form = Array.from({ length: 30 }, (_, i) => [`invitees[${i + 1}].name`, `Person ${i + 2}`] as [string, string])
	const past = await answer(reviewMeeting, place, [...typed, ...rows])
	expect(past.status).toBe(400)
	expect(past.data.result.error.invitees).toEqual([expect.stringMatching(/You can invite up to 30 people/)])
	// The list as text, written as conform also reads it (a leading dot).
	const text = await answer(reviewMeeting, place, [...typed, ['.invitees', 'x']])
	expect(text.status).toBe(400)
	expect(text.data.result.error['']).toEqual([expect.stringMatching(/did not match this page/)])
	expect(text.data.result.initialValue.invitees).toEqual([{ role: 'PARENT', name: 'Mrs Fuzz' }])
})

test('a user’s roles: a role ticked twice is held once', async () => {
	const id = await fuzzUser()
	const { status } = await answer(adminUser, { path: `/admin/users/${id}`, params: { userId: id }, cookie: await cookie(FUZZ_ADMIN), refs: {} }, [
		['roles', 'MANAGER'],
		['roles', 'MANAGER'],
	])
	expect(status).toBe(302)
	expect(await prisma.userRole.findMany({ where: { userId: id }, select: { role: true } })).toEqual([{ role: 'MANAGER' }])
})

test('every route with an action is fuzzed: none is left out', () => {
	const withActions = fs
		.readdirSync('app/routes')
		.filter((file) => /export (async )?function action\b|export const action\b/.test(fs.readFileSync(`app/routes/${file}`, 'utf8')))
		.map((file) => file.replace(/\.tsx?$/, ''))
	const fuzzed = new Set(targets.map((t) => t.name.replace(/ \(.*\)$/, '')))
	expect(withActions.filter((name) => !fuzzed.has(name))).toEqual([])
})

test('every input was sent, and a large run sends at least 10,000', async () => {
	// Background work the inputs started (bundles, imports) finishes before the database goes.
	for (let i = 0; i < 600 && (await prisma.job.count({ where: { status: 'RUNNING' } })); i++) await new Promise((r) => setTimeout(r, 100))
	const total = [...sent.values()].reduce((a, b) => a + b, 0)
	expect(total).toBeGreaterThanOrEqual(targets.reduce((sum, t) => sum + 2 * runsOf(t), 0))
	if (RUNS >= LARGE_RUNS) expect(total).toBeGreaterThanOrEqual(10_000)
})

afterAll(() => {
	const rows = [...sent].map(([name, n]) => `${name}: ${n} inputs, ${Math.round(spent.get(name) ?? 0)} ms`)
	const total = [...sent.values()].reduce((a, b) => a + b, 0)
	const report = [
		`fuzz: ${total} inputs (FUZZ_RUNS=${RUNS}${SEED === undefined ? '' : `, FUZZ_SEED=${SEED}`})`,
		...rows,
		fiveHundreds.size
			? `500s:\n${[...fiveHundreds].map(([name, f]) => `${name}: ${f.count} inputs got a 500; the first:\n${f.first}\nthe smallest:\n${f.last}`).join('\n')}`
			: 'no 500s',
		...(warnings.size ? ['React warnings while drawing pages (not 500s):', ...warnings] : []),
	].join('\n')
	if (process.env.FUZZ_REPORT) fs.writeFileSync(process.env.FUZZ_REPORT, report)
	else console.log(report)
})
