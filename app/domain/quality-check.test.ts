import fc from 'fast-check'
import { expect, test } from 'vitest'
import { checkQuality, summarise, type Finding, type QualityInput } from './quality-check'

// A review that a council's audit would pass: each test changes only what it is about.
const GOOD_OUTCOME = 'By July 2027, Sam will read aloud a short passage at Year 4 level with 95% accuracy, measured termly by his class teacher.'
const GOOD_PROVISION =
	'30 minutes of 1:1 speech and language therapy, three times a week, delivered by a teaching assistant trained and supervised by the NHS speech and language therapist, reviewed each half term.'
const GOOD_LITERACY =
	'Precision Teaching of high-frequency words, 10 minutes a day, four days a week, delivered by a teaching assistant trained in Precision Teaching.'

function review(changes: Partial<QualityInput> = {}): QualityInput {
	return {
		yearGroup: 5,
		childVoice: {
			pathway: 'written',
			words: 'I like Lego and drawing dragons. I find it hard when the classroom is noisy. I want to be a vet.',
		},
		needs: 'Sam has a developmental language disorder: he understands short instructions but finds longer sentences hard to follow. His reading is well below age-related expectations.',
		outcomes: [{ id: 'e1', text: GOOD_OUTCOME }],
		provision: [
			{ id: 'f1', text: GOOD_PROVISION },
			{ id: 'f2', text: GOOD_LITERACY },
		],
		preparationForAdulthood: null,
		proposals: [],
		...changes,
	}
}

const codes = (findings: Finding[]) => findings.map((f) => f.code)

test('a SMART outcome and fully specified provision produce no findings', () => {
	expect(checkQuality(review())).toEqual([])
})

test('an outcome with no time frame is flagged, quoting the outcome', () => {
	const findings = checkQuality(review({ outcomes: [{ id: 'e7', text: 'Sam will read aloud a short passage with 95% accuracy.' }] }))
	expect(findings).toHaveLength(1)
	expect(findings[0]).toMatchObject({
		code: 'outcome_not_time_bound',
		section: 'E',
		severity: 'important',
		subject: { kind: 'outcome', id: 'e7' },
	})
	expect(findings[0].message).toContain('"Sam will read aloud a short passage with 95% accuracy."')
	expect(findings[0].citation).toContain('9.64')
})

test('time frames written the ways plans write them are all accepted', () => {
	const timeFrames = [
		'By July 2027',
		'By the end of Year 8',
		'By the end of the key stage',
		'By the end of Key Stage 2',
		'Within 12 months',
		'By the end of the summer term',
		'By the end of the academic year',
		'By 31 March 2027',
		'By his next annual review',
		'By the time he transfers to secondary school',
		'Over the next two terms',
	]
	for (const when of timeFrames) {
		const text = `${when}, Sam will follow a two-step instruction independently in 4 out of 5 lessons.`
		expect(codes(checkQuality(review({ outcomes: [{ id: 'e1', text }] }))), when).toEqual([])
	}
})

test('an outcome with nothing measurable is flagged', () => {
	const findings = checkQuality(
		review({ outcomes: [{ id: 'e2', text: 'By the end of Year 6, Sam will develop his social skills and grow in confidence.' }] }),
	)
	expect(codes(findings)).toEqual(['outcome_not_measurable'])
	expect(findings[0].subject).toEqual({ kind: 'outcome', id: 'e2' })
	expect(findings[0].example).toMatch(/\d/)
})

test('the numbers in a time frame do not make an outcome measurable', () => {
	const findings = checkQuality(review({ outcomes: [{ id: 'e1', text: 'By July 2027, Sam will be more confident when reading aloud.' }] }))
	expect(codes(findings)).toEqual(['outcome_not_measurable'])
})

test('counts, percentages and independence make an outcome measurable', () => {
	const measures = ['in 4 out of 5 sessions', 'with 90% accuracy', 'independently', 'on three consecutive days', 'without an adult prompt']
	for (const measure of measures) {
		const text = `By the end of Year 3, Sam will put on his coat and line up for play ${measure}.`
		expect(codes(checkQuality(review({ outcomes: [{ id: 'e1', text }] }))), measure).toEqual([])
	}
})

test('a service-led outcome is flagged and the message quotes the words', () => {
	const findings = checkQuality(
		review({
			outcomes: [
				{
					id: 'e3',
					text: 'By July 2027, Sam will receive 3 sessions of speech and language therapy each week.',
				},
			],
		}),
	)
	expect(codes(findings)).toEqual(['outcome_service_led'])
	expect(findings[0].message).toContain('"will receive"')
	expect(findings[0].excerpt).toBe('will receive')
})

test('other service-led wording is flagged too', () => {
	const wordings = [
		['will be provided with', 'By July 2027, Sam will be provided with a writing slope in 100% of written lessons.'],
		['to have access to', 'By the end of Year 7, for Sam to have access to a quiet room 5 times a day.'],
		['to attend', 'By the end of the spring term, Sam is to attend 10 sessions of a social skills group.'],
	]
	for (const [words, text] of wordings) {
		const findings = checkQuality(review({ outcomes: [{ id: 'e1', text }] }))
		expect(codes(findings), text).toEqual(['outcome_service_led'])
		expect(findings[0].message).toContain(`"${words}"`)
	}
})

test("attending school is the child's own outcome, not a service", () => {
	const findings = checkQuality(
		review({
			outcomes: [{ id: 'e1', text: 'By the end of the autumn term, Sam will attend school for a full day on 4 out of 5 days.' }],
		}),
	)
	expect(findings).toEqual([])
})

test('provision saying "access to" is flagged and quotes the words', () => {
	const findings = checkQuality(
		review({
			provision: [
				{ id: 'f1', text: 'Access to a quiet space, 10 minutes twice a day, supervised by a teaching assistant.' },
				{ id: 'f2', text: GOOD_LITERACY },
				{ id: 'f3', text: GOOD_PROVISION },
			],
		}),
	)
	expect(codes(findings)).toEqual(['provision_vague_word'])
	expect(findings[0]).toMatchObject({ section: 'F', subject: { kind: 'provision', id: 'f1' }, excerpt: 'Access to' })
	expect(findings[0].message).toContain('Provision says "Access to"')
	expect(findings[0].citation).toContain('Worcestershire CC v SE [2020] UKUT 217 (AAC)')
})

test('each hedge word in a provision is flagged once, quoted', () => {
	const text =
		'Regular speech and language therapy from the NHS speech and language therapist, up to 30 minutes a week as required, with a teaching assistant where appropriate and regular reports to parents.'
	const findings = checkQuality(
		review({
			provision: [
				{ id: 'f1', text },
				{ id: 'f2', text: GOOD_LITERACY },
			],
		}),
	)
	const vague = findings.filter((f) => f.code === 'provision_vague_word')
	expect(vague.map((f) => f.excerpt)).toEqual(['Regular', 'up to', 'as required', 'where appropriate'])
	for (const f of vague) expect(f.message).toContain(`Provision says "${f.excerpt}"`)
})

test('"may" is flagged as a hedge but not as the month', () => {
	const hedge = checkQuality(
		review({
			provision: [
				{ id: 'f1', text: `${GOOD_PROVISION} Sam may also be offered a place in the lunchtime club.` },
				{ id: 'f2', text: GOOD_LITERACY },
			],
		}),
	)
	expect(hedge.map((f) => f.excerpt)).toEqual(['may'])
	const month = checkQuality(
		review({
			provision: [
				{ id: 'f1', text: `${GOOD_PROVISION} The programme is rewritten each summer, usually May.` },
				{ id: 'f2', text: GOOD_LITERACY },
			],
		}),
	)
	expect(month).toEqual([])
})

test('vague words match whole words, case-insensitively', () => {
	const wholeWords = checkQuality(
		review({
			provision: [
				{
					id: 'f1',
					text: `${GOOD_PROVISION} A supportive adult keeps his irregular verb list up to date with the class teacher.`,
				},
				{ id: 'f2', text: GOOD_LITERACY },
			],
		}),
	)
	expect(wholeWords).toEqual([])
	const upperCase = checkQuality(
		review({
			provision: [
				{ id: 'f1', text: `${GOOD_PROVISION} AS REQUIRED.` },
				{ id: 'f2', text: GOOD_LITERACY },
			],
		}),
	)
	expect(upperCase.map((f) => f.excerpt)).toEqual(['AS REQUIRED'])
})

test('"support" alone as a noun is flagged, but not in a fully specified sentence or as a verb', () => {
	const alone = checkQuality(
		review({
			provision: [
				{ id: 'f1', text: 'Small group support from a teaching assistant, 20 minutes three times a week.' },
				{ id: 'f2', text: GOOD_LITERACY },
				{ id: 'f3', text: GOOD_PROVISION },
			],
		}),
	)
	expect(codes(alone)).toEqual(['provision_vague_word'])
	expect(alone[0].message).toContain('"support" without saying what the support is')

	const specified = checkQuality(
		review({
			provision: [
				{
					id: 'f1',
					text: '1:1 support from a teaching assistant for 30 minutes daily to practise his phonics sounds, reviewed each half term.',
				},
				{ id: 'f2', text: GOOD_PROVISION },
			],
		}),
	)
	expect(specified).toEqual([])

	const verb = checkQuality(
		review({
			provision: [
				{ id: 'f1', text: 'A teaching assistant will support him at lunchtime for 30 minutes each day, helping him join a game.' },
				{ id: 'f2', text: GOOD_PROVISION },
				{ id: 'f3', text: GOOD_LITERACY },
			],
		}),
	)
	expect(verb).toEqual([])
})

test('"input" and "opportunities" without saying what is done are flagged', () => {
	const findings = checkQuality(
		review({
			provision: [
				{
					id: 'f1',
					text: 'Educational psychologist input once a term for 1 hour, and opportunities to work with peers each week for 30 minutes with a teaching assistant.',
				},
				{ id: 'f2', text: GOOD_LITERACY },
				{ id: 'f3', text: GOOD_PROVISION },
			],
		}),
	)
	expect(findings.map((f) => f.excerpt)).toEqual(['input', 'opportunities'])
})

test('provision that does not say how often is flagged', () => {
	const findings = checkQuality(
		review({
			provision: [
				{
					id: 'f1',
					text: '20 minutes of Precision Teaching with a teaching assistant trained in Precision Teaching, reviewed termly by the SENCo.',
				},
				{ id: 'f2', text: GOOD_PROVISION },
			],
		}),
	)
	// "reviewed termly" is how often it is reviewed, not how often it is delivered.
	expect(codes(findings)).toEqual(['provision_no_frequency'])
	expect(findings[0].subject).toEqual({ kind: 'provision', id: 'f1' })
})

test('frequencies written the ways plans write them are all accepted', () => {
	const frequencies = [
		'three times a week',
		'daily',
		'twice weekly',
		'every morning',
		'on Mondays and Thursdays',
		'3 x weekly',
		'once a fortnight',
		'every 30 minutes',
		'6 times per term',
	]
	for (const often of frequencies) {
		const text = `Movement breaks of 5 minutes ${often}, prompted by a teaching assistant.`
		const findings = checkQuality(review({ provision: [{ id: 'f1', text }, ...review().provision] }))
		expect(codes(findings), often).toEqual([])
	}
})

test('provision that does not say for how long is flagged', () => {
	const findings = checkQuality(
		review({
			provision: [
				{ id: 'f1', text: 'Precision Teaching with a teaching assistant trained in Precision Teaching, four times a week.' },
				{ id: 'f2', text: GOOD_PROVISION },
			],
		}),
	)
	expect(codes(findings)).toEqual(['provision_no_duration'])
})

test('provision that does not say who delivers it is flagged; a bare "adult" does not say who', () => {
	const findings = checkQuality(
		review({
			provision: [
				{ id: 'f1', text: 'Precision Teaching for 10 minutes a day, four days a week, with an adult.' },
				{ id: 'f2', text: GOOD_PROVISION },
			],
		}),
	)
	expect(codes(findings)).toEqual(['provision_no_provider'])
	const named = checkQuality(
		review({
			provision: [
				{ id: 'f1', text: 'Precision Teaching for 10 minutes a day, four days a week, with a trained adult.' },
				{ id: 'f2', text: GOOD_PROVISION },
			],
		}),
	)
	expect(named).toEqual([])
})

test('provision in place all the time says both how often and how long', () => {
	const findings = checkQuality(
		review({
			provision: [
				{ id: 'f1', text: 'A visual timetable on his desk, used throughout the school day and kept up to date by the class teacher.' },
				{ id: 'f2', text: 'A writing slope and a pencil grip for all written work, set out by the teaching assistant.' },
				{ id: 'f3', text: GOOD_PROVISION },
				{ id: 'f4', text: GOOD_LITERACY },
			],
		}),
	)
	expect(findings).toEqual([])
})

test('an unspecified provision collects every missing element', () => {
	const findings = checkQuality(
		review({
			provision: [
				{ id: 'f1', text: 'Sam will have access to speech and language therapy input as required.' },
				{ id: 'f2', text: GOOD_LITERACY },
			],
		}),
	)
	expect(codes(findings)).toEqual([
		'provision_vague_word',
		'provision_vague_word',
		'provision_no_frequency',
		'provision_no_duration',
		'provision_no_provider',
		'provision_no_review',
	])
	expect(findings.every((f) => f.section === 'F')).toBe(true)
})

test('the universal offer is advice, not special educational provision', () => {
	const findings = checkQuality(
		review({
			provision: [
				{ id: 'f1', text: `${GOOD_PROVISION} Quality first teaching in all lessons.` },
				{ id: 'f2', text: GOOD_LITERACY },
			],
		}),
	)
	expect(codes(findings)).toEqual(['provision_universal_offer'])
	expect(findings[0].severity).toBe('advice')
	expect(findings[0].message).toContain('"Quality first teaching"')
})

test('provision with no review arrangements anywhere in Section F gets one advice', () => {
	const noneReviewed = checkQuality(
		review({
			provision: [
				{ id: 'f1', text: GOOD_LITERACY },
				{
					id: 'f2',
					text: '30 minutes of speech and language therapy a week, delivered by the NHS speech and language therapist.',
				},
			],
		}),
	)
	expect(noneReviewed).toEqual([expect.objectContaining({ code: 'provision_no_review', severity: 'advice', subject: { kind: 'provision' } })])
	// The good review passes because one of its items says "reviewed each half term".
	expect(checkQuality(review())).toEqual([])
})

test('a need area in Section B with no provision in Section F is flagged, naming the words', () => {
	const needs =
		'Sam has a developmental language disorder. He experiences high levels of anxiety in unstructured times, which leads to him leaving the classroom.'
	const findings = checkQuality(review({ needs }))
	expect(codes(findings)).toEqual(['need_without_provision'])
	expect(findings[0]).toMatchObject({ section: 'F', subject: { kind: 'needs' }, excerpt: 'anxiety' })
	expect(findings[0].message).toContain('social, emotional and mental health')
	expect(findings[0].message).toContain('"anxiety"')

	const withProvision = checkQuality(
		review({
			needs,
			provision: [
				...review().provision,
				{
					id: 'f3',
					text: "ELSA sessions of 30 minutes once a week for 12 weeks, delivered by the school's trained ELSA, working on naming feelings.",
				},
			],
		}),
	)
	expect(withProvision).toEqual([])
})

test('speech and language therapy addresses communication needs', () => {
	const needs = 'Sam is autistic and has difficulties with social communication and interaction.'
	const withoutTherapy = checkQuality(review({ needs, provision: [{ id: 'f2', text: `${GOOD_LITERACY} Reviewed termly.` }] }))
	expect(withoutTherapy.map((f) => [f.code, f.excerpt])).toEqual([['need_without_provision', 'autistic']])
	expect(checkQuality(review({ needs }))).toEqual([])
})

test('all four broad areas of need are recognised', () => {
	const findings = checkQuality(
		review({
			needs: 'Sam has a speech sound disorder and dyslexia. He has ADHD and struggles with attention. He has a hearing impairment and wears hearing aids.',
			provision: [],
		}),
	)
	expect(findings.map((f) => f.message.split(' needs')[0])).toEqual([
		'Section B describes communication and interaction',
		'Section B describes cognition and learning',
		'Section B describes social, emotional and mental health',
		'Section B describes sensory and/or physical',
	])
})

test('"sight words" is literacy, not a visual impairment', () => {
	const findings = checkQuality(
		review({ needs: 'Sam can read 20 sight words but finds phonics difficult.', provision: [{ id: 'f2', text: `${GOOD_LITERACY} Reviewed termly.` }] }),
	)
	expect(findings).toEqual([])
})

test('Year 8 needs no preparation for adulthood; Year 9 flags each empty area', () => {
	expect(checkQuality(review({ yearGroup: 8, preparationForAdulthood: null }))).toEqual([])
	const year9 = checkQuality(review({ yearGroup: 9, preparationForAdulthood: null }))
	expect(year9.map((f) => [f.code, f.section, f.subject.id])).toEqual([
		['pfa_missing', 'PfA', 'employment'],
		['pfa_missing', 'PfA', 'independentLiving'],
		['pfa_missing', 'PfA', 'community'],
		['pfa_missing', 'PfA', 'health'],
	])
	expect(year9[0].citation).toContain('reg 20(6)')
})

test('from Year 9 only the empty or placeholder areas are flagged', () => {
	const findings = checkQuality(
		review({
			yearGroup: 10,
			preparationForAdulthood: {
				employment: 'Sam wants to work in a garage. He will do a week of work experience at Kwik Fit in June.',
				independentLiving: 'N/A',
				community: '   ',
				health: 'Sam will learn to tell the school nurse when he needs his inhaler.',
			},
		}),
	)
	expect(findings.map((f) => f.subject.id)).toEqual(['independentLiving', 'community'])
	expect(findings[0].message).toContain('independent living')
})

test('preparation for adulthood is not checked when the year group is unknown', () => {
	expect(checkQuality(review({ yearGroup: null, preparationForAdulthood: null }))).toEqual([])
})

test("a missing or empty child's voice is flagged", () => {
	const missing = checkQuality(review({ childVoice: null }))
	expect(missing).toEqual([expect.objectContaining({ code: 'voice_missing', section: 'A', severity: 'important', subject: { kind: 'voice' } })])
	expect(codes(checkQuality(review({ childVoice: { pathway: 'supported', words: '  ' } })))).toEqual(['voice_missing'])
})

test('a voice written only in the third person is flagged, quoting it', () => {
	const findings = checkQuality(
		review({
			childVoice: {
				pathway: 'written',
				words: 'He likes football and Minecraft. He said that the classroom is too noisy and he wants more breaks.',
			},
		}),
	)
	expect(codes(findings)).toEqual(['voice_third_person'])
	expect(findings[0].message).toContain('"He likes"')
	expect(findings[0].example).toMatch(/\bI\b/)
})

test('a voice about a named child or in note form is third person too', () => {
	const named = checkQuality(review({ childVoice: { pathway: 'supported', words: 'Sam enjoys drawing and wants to be a vet.' } }))
	expect(named.map((f) => [f.code, f.excerpt])).toEqual([['voice_third_person', 'Sam enjoys']])
	const noteForm = checkQuality(review({ childVoice: { pathway: 'supported', words: 'Likes trains. Dislikes loud noises.' } }))
	expect(noteForm.map((f) => [f.code, f.excerpt])).toEqual([['voice_third_person', 'Likes']])
})

test("a voice with the child's own first-person words passes, even with an adult's framing", () => {
	for (const words of [
		'I like football. My best friend is Jay.',
		'Sam told his teaching assistant: "I\'m scared of the hall at lunchtime."',
		'i want to go to college',
	]) {
		expect(checkQuality(review({ childVoice: { pathway: 'supported', words } })), words).toEqual([])
	}
})

test("a young person's voice in the third person is flagged as theirs", () => {
	const findings = checkQuality(
		review({
			yearGroup: null,
			childVoice: { pathway: 'young_person', words: 'She wants to study animal care at college.' },
		}),
	)
	expect(codes(findings)).toEqual(['voice_third_person'])
	expect(findings[0].message).toContain("the young person's own words")
})

test('observation: third person is expected, but how the child communicated must be recorded', () => {
	const unrecorded = checkQuality(review({ childVoice: { pathway: 'observation', words: 'She is happy in the sensory room and enjoys music.' } }))
	expect(unrecorded).toEqual([expect.objectContaining({ code: 'voice_communication_not_recorded', severity: 'advice' })])
	const recorded = checkQuality(
		review({
			childVoice: {
				pathway: 'observation',
				words: 'Observed over two weeks: she chose the sand tray using her PECS book and pushed the tablet away.',
			},
		}),
	)
	expect(recorded).toEqual([])
})

test('proposed wording for Section E is checked and linked to the proposal', () => {
	const findings = checkQuality(
		review({
			proposals: [{ id: 'p1', section: 'E', proposedWording: 'Sam will improve his reading.' }],
		}),
	)
	expect(findings.map((f) => [f.code, f.subject])).toEqual([
		['outcome_not_time_bound', { kind: 'proposal', id: 'p1' }],
		['outcome_not_measurable', { kind: 'proposal', id: 'p1' }],
	])
	expect(findings[0].message).toMatch(/^Proposed outcome /)
})

test('proposed wording for Section F is checked; good proposals and other sections are not flagged', () => {
	const findings = checkQuality(
		review({
			proposals: [
				{ id: 'p2', section: 'F', proposedWording: 'Regular check-ins with a trusted adult.' },
				{ id: 'p3', section: 'F', proposedWording: GOOD_LITERACY },
				{ id: 'p4', section: 'B', proposedWording: 'He may have dyslexia.' },
				{ id: 'p5', section: 'E', proposedWording: GOOD_OUTCOME },
			],
		}),
	)
	expect(findings.map((f) => [f.code, f.subject.id, f.excerpt ?? ''])).toEqual([
		['provision_vague_word', 'p2', 'Regular'],
		['provision_no_frequency', 'p2', 'Regular check-ins with a trusted adult.'],
		['provision_no_duration', 'p2', 'Regular check-ins with a trusted adult.'],
	])
})

test('wording already applied to the plan is reported once, against its proposal', () => {
	const bad = 'Small group support as needed.'
	const findings = checkQuality(
		review({
			provision: [...review().provision, { id: 'f9', text: bad }],
			proposals: [{ id: 'p9', section: 'F', proposedWording: `  ${bad}` }],
		}),
	)
	expect(findings.length).toBeGreaterThan(0)
	expect(findings.every((f) => f.subject.kind === 'proposal' && f.subject.id === 'p9')).toBe(true)
})

test('findings come back in plan order, with PfA last', () => {
	const findings = checkQuality(
		review({
			yearGroup: 9,
			childVoice: null,
			outcomes: [{ id: 'e1', text: 'Sam will become more independent.' }],
			provision: [{ id: 'f1', text: 'Support as required.' }],
		}),
	)
	const sections = findings.map((f) => f.section)
	expect([...new Set(sections)]).toEqual(['A', 'E', 'F', 'PfA'])
	expect(sections).toEqual([...sections].sort((a, b) => 'A E F PfA'.indexOf(a) - 'A E F PfA'.indexOf(b)))
})

test('summarise counts findings and important findings per section', () => {
	const findings = checkQuality(
		review({
			yearGroup: 9,
			childVoice: { pathway: 'observation', words: 'She is happy in class.' },
			outcomes: [{ id: 'e1', text: 'Sam will become more independent.' }],
			provision: [
				{ id: 'f1', text: GOOD_PROVISION },
				{ id: 'f2', text: `${GOOD_LITERACY} Differentiated work.` },
			],
			preparationForAdulthood: { employment: 'Work experience at a café in Year 10.', independentLiving: '', community: '', health: 'x' },
		}),
	)
	expect(summarise(findings)).toEqual([
		{ section: 'A', count: 1, important: 0 },
		{ section: 'E', count: 2, important: 2 },
		{ section: 'F', count: 1, important: 0 },
		{ section: 'PfA', count: 2, important: 2 },
	])
})

test('summarise lists sections in plan order whatever order the findings are in', () => {
	const finding = (section: Finding['section'], severity: Finding['severity']): Finding => ({
		code: 'outcome_not_measurable',
		section,
		severity,
		subject: { kind: 'outcome' },
		message: 'm',
		example: 'e',
		citation: 'c',
	})
	expect(summarise([finding('PfA', 'important'), finding('F', 'advice'), finding('A', 'important'), finding('F', 'important')])).toEqual([
		{ section: 'A', count: 1, important: 1 },
		{ section: 'F', count: 2, important: 1 },
		{ section: 'PfA', count: 1, important: 1 },
	])
	expect(summarise([])).toEqual([])
})

test('every finding carries a message, an example of better wording and a citation', () => {
	const findings = checkQuality({
		yearGroup: 11,
		childVoice: { pathway: 'written', words: 'He likes cars.' },
		needs: 'Autism, anxiety, dyslexia and dyspraxia.',
		outcomes: [{ id: 'e1', text: 'To receive support.' }],
		provision: [{ id: 'f1', text: 'Access to quality first teaching and regular input where appropriate.' }],
		preparationForAdulthood: null,
		proposals: [{ id: 'p1', section: 'E', proposedWording: 'Will attend sessions.' }],
	})
	expect(new Set(codes(findings)).size).toBeGreaterThanOrEqual(10)
	for (const f of findings) {
		expect(f.message.length, f.code).toBeGreaterThan(20)
		expect(f.example.length, f.code).toBeGreaterThan(40)
		expect(f.citation, f.code).toMatch(/Code of Practice|Regulations|Act/)
	}
})

test('any wording at all is checked without throwing, and findings stay well formed', () => {
	const text = fc.string({ maxLength: 200 })
	fc.assert(
		fc.property(
			fc.record({
				yearGroup: fc.option(fc.integer({ min: -2, max: 14 })),
				childVoice: fc.option(fc.record({ pathway: fc.constantFrom('written', 'supported', 'observation', 'young_person'), words: text })),
				needs: text,
				outcomes: fc.array(fc.record({ id: fc.string(), text }), { maxLength: 3 }),
				provision: fc.array(fc.record({ id: fc.string(), text }), { maxLength: 3 }),
				preparationForAdulthood: fc.option(fc.record({ employment: text, independentLiving: text, community: text, health: text })),
				proposals: fc.array(fc.record({ id: fc.string(), section: fc.constantFrom('A', 'B', 'E', 'F', 'I'), proposedWording: text }), { maxLength: 3 }),
			}),
			(input) => {
				const findings = checkQuality(input as QualityInput)
				const total = summarise(findings).reduce((sum, s) => sum + s.count, 0)
				expect(total).toBe(findings.length)
				for (const f of findings) expect(f.example).not.toBe('')
			},
		),
	)
})
