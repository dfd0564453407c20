/**
 * The quality check a SENCo sees before submitting an annual review: what a council's EHC plan
 * quality-assurance audit would flag in the review's wording, section by section, each with an
 * example of better wording. It guides and never blocks; it reads only the text it is given.
 *
 * Sources: Children and Families Act 2014 ss.19, 21; SEND Regulations 2014 (SI 2014/1530) regs 12
 * and 20(6); SEND Code of Practice 0-25 (2015) 9.62-9.69 (what each section of a plan holds);
 * L v Clarke and Somerset CC [1998] ELR 129 and Worcestershire CC v SE [2020] UKUT 217 (AAC)
 * (provision "so specific and so clear as to leave no room for doubt"; "support", "input",
 * "opportunities" are not enough); Kent County Council's SEND Quality Assurance report (July 2025):
 * Section F states "what is to be delivered, by whom and how often and how is it to be reviewed".
 *
 * Decisions (where the rules leave room)
 * - Every check is a word-list heuristic: words match whole-word and case-insensitively, so
 *   "supportive" is not "support" and "Access To" is "access to". A heuristic that is unsure stays
 *   quiet: a false warning teaches SENCos to ignore the check.
 * - Hedge words ("access to", "regular", "as required", "may", "up to"...) are flagged wherever they
 *   appear, because they undo whatever else the sentence quantifies. Vague nouns ("support",
 *   "input", "opportunities", "intervention") are flagged only when the item never says what is
 *   actually done: a purpose ("to practise...") or a named programme or therapy is enough.
 *   "support" used as a verb ("to support his reading") is not flagged.
 * - "May" spelt with a capital M mid-sentence, or next to a date word, is the month.
 * - Continuous provision ("throughout the school day", "in every lesson", "for all written work")
 *   counts as saying both how often and for how long. How often provision is reviewed ("reviewed
 *   termly") is not how often it is delivered. Section F gets one advice, not one per item, when
 *   no item says how the provision is reviewed.
 * - Numbers inside a time frame ("by July 2027") do not make an outcome measurable.
 * - "to attend school / college / lessons" is a legitimate personal outcome (for example for a
 *   pupil not attending through anxiety); "to attend sessions / therapy / a group" is service-led.
 * - Need areas follow the four broad areas of need (CoP 6.28-6.35). An area found in Section B is
 *   covered when any Section F provision, or any proposed Section F wording, mentions the area or
 *   a typical provision for it. The finding belongs to Section F (where the fix goes) and links
 *   to the needs (subject 'needs'), quoting the Section B words that raised it.
 * - Proposed wording for E and F is checked like the plan's own outcomes and provision. When the
 *   plan wording as it would stand is the same text as a proposal's (the caller already applied
 *   it), the finding is reported once, against the proposal, which is what the SENCo is editing.
 * - Section A is third person when it has no first-person word ("I", "me", "my") and does have a
 *   third-person one ("he likes", "Sam enjoys", or note form "Likes trains"); one quoted "I..."
 *   in an adult's framing is the child's own words. On the observation pathway third person is
 *   expected, so the check asks instead how the child communicated (advice only).
 * - Preparation for adulthood is checked only when the year group is known and is 9 or above;
 *   placeholders such as "N/A" or "TBC" count as empty.
 * - Findings come back in plan order (A to K, then PfA); `summarise` lists only sections that have
 *   findings, in the same order.
 */

export type PlanSectionKey = 'A' | 'B' | 'C' | 'D' | 'E' | 'F' | 'G' | 'H1' | 'H2' | 'I' | 'J' | 'K'
export type VoicePathway = 'written' | 'supported' | 'observation' | 'young_person'

export interface QualityInput {
	/** National Curriculum year; 9 and above => preparation for adulthood required (reg 20(6)). */
	yearGroup: number | null
	/** Section A: the child's own views, and the pathway by which they were gathered. */
	childVoice: { pathway: VoicePathway; words: string } | null
	/** Section B wording as it would stand after the proposals. */
	needs: string
	/** Section E outcomes as they would stand. */
	outcomes: Array<{ id: string; text: string }>
	/** Section F provision items (each a paragraph, or 'what / who / how often / how long' joined). */
	provision: Array<{ id: string; text: string }>
	preparationForAdulthood: {
		employment: string
		independentLiving: string
		community: string
		health: string
	} | null
	/** Amendment proposals; the proposed wording of E and F ones is checked too. */
	proposals: Array<{ id: string; section: PlanSectionKey; proposedWording: string }>
}

export type FindingCode =
	| 'outcome_not_time_bound'
	| 'outcome_not_measurable'
	| 'outcome_service_led'
	| 'provision_vague_word'
	| 'provision_no_frequency'
	| 'provision_no_duration'
	| 'provision_no_provider'
	| 'provision_universal_offer'
	| 'provision_no_review'
	| 'need_without_provision'
	| 'pfa_missing'
	| 'voice_missing'
	| 'voice_third_person'
	| 'voice_communication_not_recorded'

export type FindingSection = PlanSectionKey | 'PfA'

export interface Finding {
	code: FindingCode
	section: FindingSection
	severity: 'advice' | 'important'
	/** The field the UI links to; no id means the section (or, for 'needs', Section B) as a whole. */
	subject: { kind: 'outcome' | 'provision' | 'proposal' | 'voice' | 'needs' | 'pfa'; id?: string }
	/** Plain English, quoting the offending words. */
	message: string
	/** The offending text fragment. */
	excerpt?: string
	/** An example of better wording. */
	example: string
	citation: string
}

export type PreparationForAdulthoodArea = 'employment' | 'independentLiving' | 'community' | 'health'

// ---------------------------------------------------------------------------------------------
// Citations and examples

const CITE = {
	outcomes: 'SEND Code of Practice 9.64-9.66',
	provision: 'SEND Code of Practice 9.69; L v Clarke and Somerset CC [1998] ELR 129; Worcestershire CC v SE [2020] UKUT 217 (AAC)',
	universal: 'Children and Families Act 2014 s.21(2); SEND Code of Practice 9.69',
	review: 'SEND Code of Practice 9.69; Kent County Council SEND Quality Assurance report (July 2025): "what is to be delivered, by whom and how often and how is it to be reviewed"',
	needCoverage:
		'SEND Code of Practice 9.69 (provision for each and every need in Section B); R v Secretary of State for Education and Science, ex p E [1992] 1 FLR 377',
	// The brief cited CoP 9.179; 9.179 is the phase-transfer paragraph in published summaries, so
	// the duty is cited from the regulation and chapter 8 of the Code.
	pfa: 'SEND Regulations 2014 reg 20(6); SEND Code of Practice 1.40 and chapter 8 (preparing for adulthood)',
	voice: 'Children and Families Act 2014 s.19(a)-(c); SEND Code of Practice 9.62, 9.69 (Section A)',
} as const

const EXAMPLE = {
	outcomeTimeBound: 'By July 2027, Sam will read aloud a short passage at Year 4 level with 95% accuracy, measured termly by his class teacher.',
	outcomeMeasurable:
		'By the end of Year 8, Sam will start a written task within 2 minutes of the instruction, without an adult prompt, in 4 out of 5 lessons.',
	outcomeServiceLed: 'By the end of the spring term 2027, Sam will use his visual timetable to move between lessons independently on 4 out of 5 days.',
	provisionVague:
		'30 minutes of 1:1 speech and language therapy, three times a week, delivered by a teaching assistant trained and supervised by the NHS speech and language therapist, reviewed each half term.',
	provisionFrequency:
		'Precision Teaching of high-frequency words, 10 minutes a day, four days a week, delivered by a teaching assistant trained in Precision Teaching.',
	provisionDuration:
		'A small-group social communication session (Talkabout) of 30 minutes, once a week, led by a teaching assistant trained by the speech and language therapist, for two terms.',
	provisionProvider:
		'A 15-minute sensory circuit every morning before lessons, delivered by a teaching assistant following the programme written by the occupational therapist.',
	provisionUniversal:
		'Pre-teaching of the key vocabulary for each new science topic, 20 minutes once a week, by a teaching assistant, using the word mats prepared by the class teacher.',
	provisionReview: 'Progress against this provision is reviewed each half term by the SENCo with the class teacher, and reported at the annual review.',
} as const

// ---------------------------------------------------------------------------------------------
// Matching

/** Whole-word, case-insensitive alternatives; a space in a term matches any run of white space. */
function words(...terms: string[]): RegExp {
	const source = terms.map((t) => t.replace(/ /g, '\\s+')).join('|')
	return new RegExp(`(?<![\\p{L}\\p{N}])(?:${source})(?![\\p{L}\\p{N}])`, 'giu')
}

function matchesOf(text: string, pattern: RegExp): RegExpExecArray[] {
	return [...text.matchAll(pattern)]
}

function firstMatch(text: string, pattern: RegExp): RegExpExecArray | undefined {
	return matchesOf(text, pattern)[0]
}

function mentions(text: string, pattern: RegExp): boolean {
	return firstMatch(text, pattern) !== undefined
}

/** Same length as the input, so match positions still point into the original text. */
function normalise(text: string): string {
	return text
		.replace(/[\u2018\u2019\u02BC\u0060]/g, "'")
		.replace(/[\u201C\u201D]/g, '"')
		.replace(/[\u00A0\u2007\u202F]/g, ' ')
		.replace(/[\u2010\u2011\u2013]/g, '-')
}

function sameWording(a: string, b: string): boolean {
	const flat = (s: string) => normalise(s).replace(/\s+/g, ' ').trim().toLowerCase()
	return flat(a) === flat(b)
}

function quote(text: string, max = 90): string {
	const flat = text.replace(/\s+/g, ' ').trim()
	return flat.length <= max ? flat : `${flat.slice(0, max - 1).trimEnd()}…`
}

const MONTHS = 'january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec'
const NUMBER_WORDS = 'one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|fifty|sixty|hundred'
const WEEKDAYS = 'monday|tuesday|wednesday|thursday|friday|saturday|sunday'

// ---------------------------------------------------------------------------------------------
// Section E: outcomes are SMART and personal (CoP 9.64: "specific, measurable, achievable,
// realistic and time bound"; personal "and not expressed from a service perspective"; 9.66:
// usually set for the end of a phase or stage of education).

const TIME_FRAME = words(
	// by the end of Year 8 / key stage 3 / the summer term / the academic year / primary school
	`(?:by|at|before|until) the (?:end|start|beginning|middle) of (?:the |this |next |his |her |their )?(?:year ?\\d{1,2}|y\\d{1,2}|key stage(?: ?\\d)?|ks ?\\d|(?:autumn|spring|summer) (?:term|half[-\\s]?term)|term|half[-\\s]?term|academic year|school year|year|phase|reception|nursery|primary(?: school)?|secondary(?: school)?|sixth form|college|course|programme|placement|eyfs|early years(?: foundation stage)?|foundation stage)`,
	`by (?:year|y) ?\\d{1,2}`,
	`by (?:key stage|ks) ?\\d`,
	// by July 2027, in September 2026, 3 March 2027, 03/03/2027, 2026-27, by July
	`(?:${MONTHS})\\.? 20\\d\\d`,
	`by (?:the )?(?:end of )?(?:${MONTHS})`,
	`\\d{1,2}(?:st|nd|rd|th)? (?:of )?(?:${MONTHS})`,
	`\\d{1,2}[/.-]\\d{1,2}[/.-]\\d{2,4}`,
	`20\\d\\d(?:\\s*[/-]\\s*\\d{2,4})?`,
	// within 12 months / over the next two terms / this academic year
	`within (?:the next |a |one )?(?:\\d+ |(?:${NUMBER_WORDS}) )?(?:school |academic |calendar )?(?:days?|weeks?|months?|terms?|half[-\\s]?terms?|years?)`,
	`(?:over|in|during) the (?:next|coming) (?:\\d+ |(?:${NUMBER_WORDS}) )?(?:school |academic )?(?:weeks?|months?|terms?|half[-\\s]?terms?|years?)`,
	`(?:this|next|the coming) (?:academic|school) year`,
	`by (?:the time )?(?:his |her |their |the )?(?:next )?(?:annual )?review`,
	`by (?:easter|christmas|(?:the )?(?:october |february |may |summer )?half[-\\s]?term)`,
	`by (?:the )?age (?:of )?\\d{1,2}`,
	`by (?:his|her|their) \\w+ birthday`,
	`by the time \\S+ (?:leaves?|moves?|transfers?|starts?|goes|finishes)`,
	`before (?:he|she|they|\\S+) (?:leaves?|moves?|transfers?|starts?|finishes)`,
	`(?:by|before|at) (?:the )?(?:point of )?(?:transition|transfer)`,
)

const MEASURE = words(
	`\\d+(?:[.,:]\\d+)?\\s*%?`,
	NUMBER_WORDS,
	'once|twice|half|every|each',
	'per ?cent|percent',
	'out of',
	'independently|unaided|unprompted',
	'without (?:an? )?(?:adult |verbal |physical )?(?:prompts?|prompting|support|help|reminders?|assistance)',
	'(?:no|not) more than|at least|fewer than|more than',
	'accuracy|accurately|consecutive|consistently across',
	'(?:measured|assessed|recorded|tracked|evidenced|shown) (?:by|through|using|in|on)',
	'as measured',
	'reading age|spelling age|standardi[sz]ed score|age[-\\s]related expectations?|book band',
	'boxall|sdq|pivats|b ?squared|engagement model',
)

const SERVICE_LED = words(
	'will (?:continue to )?receive',
	'to (?:continue to )?receive',
	'will be (?:provided|given|offered)(?: with)?',
	'(?:will|to) (?:continue to )?have access to',
	// "attend school / college / lessons" is the child's own outcome; "attend sessions" is not.
	'(?:will|to) (?:continue to )?attend(?!\\s+(?:school|college|(?:all\\s+)?(?:his|her|their)\\s+(?:lessons|classes)|lessons|classes|a\\s+full|full))',
	'will be supported',
	'will be taught',
	'will be seen by',
)

function checkOutcome(text: string, subject: Finding['subject'], label: string): Finding[] {
	const wording = normalise(text)
	if (wording.trim() === '') return []
	const findings: Finding[] = []
	const common = { section: 'E' as const, subject, citation: CITE.outcomes }

	if (!mentions(wording, TIME_FRAME)) {
		findings.push({
			...common,
			code: 'outcome_not_time_bound',
			severity: 'important',
			message: `${label} "${quote(text)}" does not say by when it will be achieved. Add a time frame such as "by the end of Year 8", "by July 2027" or "by the end of the key stage".`,
			excerpt: quote(text),
			example: EXAMPLE.outcomeTimeBound,
		})
	}

	const withoutTimeFrame = wording.replace(TIME_FRAME, ' ')
	if (!mentions(withoutTimeFrame, MEASURE)) {
		findings.push({
			...common,
			code: 'outcome_not_measurable',
			severity: 'important',
			message: `${label} "${quote(text)}" does not say how anyone will know it has been achieved. Add a number, how often or how accurately (for example "in 4 out of 5 sessions", "with 90% accuracy", "independently").`,
			excerpt: quote(text),
			example: EXAMPLE.outcomeMeasurable,
		})
	}

	const serviceLed = firstMatch(wording, SERVICE_LED)
	if (serviceLed) {
		const said = text.slice(serviceLed.index, serviceLed.index + serviceLed[0].length)
		findings.push({
			...common,
			code: 'outcome_service_led',
			severity: 'important',
			message: `${label} says "${said}", which describes a service the child will get rather than what the child will be able to do. Provision belongs in Section F; the outcome says what changes for the child.`,
			excerpt: said,
			example: EXAMPLE.outcomeServiceLed,
		})
	}
	return findings
}

// ---------------------------------------------------------------------------------------------
// Section F: provision is specified and quantified (CoP 9.69: "detailed and specific and should
// normally be quantified, for example, in terms of the type, hours and frequency of support and
// level of expertise"; Worcestershire CC v SE at [74]).

/** Words that undo a commitment wherever they appear, with why (each reason brings its own leading comma or space). */
const HEDGES: Array<{ pattern: RegExp; why: string }> = [
	{ pattern: words('access to'), why: ' without saying what will actually be provided, or how much' },
	{ pattern: words('regular', 'regularly'), why: ', which could mean daily or once a term' },
	{
		pattern: words(
			'as required',
			'as needed',
			'when needed',
			'if needed',
			'as and when',
			'where appropriate',
			'when appropriate',
			'as appropriate',
			'where possible',
			'if possible',
			'where necessary',
			'if necessary',
			'as necessary',
			'if required',
			'when required',
		),
		why: ", which leaves it to someone's judgement whether the child gets it at all",
	},
	{ pattern: words('should have', 'should receive', 'should be offered'), why: ', which is a suggestion, not a commitment' },
	{ pattern: words('up to(?!\\s+date)'), why: ', which sets a ceiling, not an amount the child will get' },
	{ pattern: words('would benefit from', 'it is recommended', 'is recommended'), why: ', which is advice, not provision' },
]

const MAY = words('may')
const MONTH_CONTEXT_BEFORE = /(?:\b(?:in|by|each|every|until|from|before|after|of|since|during|mid|early|late|end|following|next|last|this)\s+|\d\s*)$/i
const MONTH_CONTEXT_AFTER = /^\s*(?:\d|half[-\s]?term|term)/i

/** "may" as a hedge, not the month: "may be offered" yes; "reviewed in May", "May 2027" no. */
function hedgingMay(wording: string): RegExpExecArray | undefined {
	return matchesOf(wording, MAY).find((m) => {
		const before = wording.slice(0, m.index)
		const after = wording.slice(m.index + m[0].length)
		const startsSentence = /(?:^|[.!?;:]\s*|\n\s*)$/.test(before)
		if (m[0] === 'May' && !startsSentence) return false
		return !MONTH_CONTEXT_BEFORE.test(before) && !MONTH_CONTEXT_AFTER.test(after)
	})
}

/** Nouns that hide what is provided, unless the item says what is actually done. */
const VAGUE_NOUNS = words('support', 'input', 'opportunities', 'opportunity', 'interventions?')
const VAGUE_NOUN_WHY: Record<string, string> = {
	support: ' without saying what the support is',
	input: ' without saying what the input is',
	opportunity: ' without saying what the child will actually do',
	opportunities: ' without saying what the child will actually do',
	intervention: ' without saying which intervention it is',
	interventions: ' without saying which interventions they are',
}
const SUPPORT_AS_VERB_BEFORE = /\b(?:to|will|would|can|could|should|must|might|shall|who|which|that|also|help|helps|then)\s+$/i
const SUPPORT_AS_VERB_AFTER = /^\s+(?:him|her|them|his|their|its|the|this|these|those|each|all|any|pupils?|children|students?|staff)\b/i

/** Named literacy and numeracy programmes: cognition and learning provision. */
const COGNITION_PROGRAMMES = [
	'precision teaching',
	'toe by toe',
	'read write inc',
	'rwi',
	'nessy',
	'lexia',
	'numicon',
	'power of 2',
	'plus ?1',
	'fischer family trust',
	'fft',
	'catch up',
	'units of sound',
	'beat dyslexia',
]

/** Named communication and interaction approaches. */
const COMMUNICATION_PROGRAMMES = [
	'colourful semantics',
	'talkabout',
	'lego(?: based)? therapy',
	'attention autism',
	'intensive interaction',
	'pecs',
	'makaton',
	'social stor(?:y|ies)',
	'comic strip conversations?',
]

/** Named programmes and approaches: they say what is delivered. */
const NAMED_APPROACHES = [
	...COGNITION_PROGRAMMES,
	...COMMUNICATION_PROGRAMMES,
	'word aware',
	'language link',
	'talk boost',
	'shape coding',
	'elklan',
	'elsa',
	'zones of regulation',
	'drawing and talking',
	'theraplay',
	'thrive',
	'sensory circuits?',
	'sensory diet',
	'write from the start',
	'clever hands',
	'fizzy',
	'touch typing',
	'visual (?:timetable|schedule)',
	'now and next',
	'(?:speech and language|occupational|play|art|music|drama|lego|cognitive behavioural) therapy',
	'physiotherapy',
	'(?!(?:a|an|the|this|that|his|her|their|same|each|every)\\s)[\\p{L}-]+ programme',
]

const WHAT_IS_DONE = words(
	...NAMED_APPROACHES,
	// a purpose that names an activity: "to practise", "to pre-teach", "to read"
	'(?:to|in order to|so that \\S+ can) (?:practise|practice|rehearse|pre-?teach|teach|model|read|write|spell|learn|use|complete|follow|deliver|carry out|implement|plan|organise|recognise|identify|name|label|apply|copy|record|sequence|retell|answer|ask|count|calculate|solve|check|pack|travel|prepare|generalise|understand|express|request|communicate|regulate|calm|greet|start|finish|overlearn|revise|revisit|consolidate|build|work on|play|take turns|transfer|type|scribe|read to)',
)

/** Saying how often; continuous provision counts (see header). */
const CONTINUOUS = words(
	'throughout the (?:school )?day',
	'(?:in|during|across|for) (?:all|every) (?:of (?:his|her|their) )?(?:written )?(?:lessons?|subjects?|classes|work|tasks|activities|transitions?|unstructured times?|tests|assessments|exams|examinations)',
	'(?:every|each) lesson',
	'at all times',
	'all day',
	'full[-\\s]?time',
	'(?:the )?whole (?:school )?day',
	'(?:at|during) (?:each |every |all )?(?:break|lunch|play|unstructured)(?:\\s*times?)?(?: and (?:break|lunch|play)(?:\\s*times?)?)?',
)

const FREQUENCY = words(
	'(?<!(?:for|over)\\s+)(?:per|a|an|each|every) (?:school )?(?:day|week|fortnight|month|term|half[-\\s]?term|school day|academic year|year(?!\\s*\\d))',
	'(?:per|each|every) (?:lesson|session|morning|afternoon)',
	'daily|weekly|fortnightly|monthly|termly|half[-\\s]?termly|annually|yearly|bi-?weekly',
	'(?:once|twice|thrice) (?:a|per|each|every|daily|weekly|fortnightly|monthly|termly)',
	`(?:\\d+|${NUMBER_WORDS}) times`,
	`\\d+ ?x (?:a |per )?(?:day|week|weekly|daily|term)`,
	`(?:every|each|on) (?:${WEEKDAYS})s?`,
	`(?:${WEEKDAYS})s`,
	'(?:every|each) (?:morning|afternoon|day|week|lesson|session|break(?:\\s*time)?|lunch(?:\\s*time)?|playtime)',
	`every (?:\\d+|${NUMBER_WORDS}) (?:minutes|mins|hours|lessons|sessions|days|weeks)`,
)

const DURATION = words(
	`(?:\\d+(?:\\.\\d+)?|${NUMBER_WORDS}|half an?|an?|one and a half)\\s*-?\\s*(?:minutes?|mins?|hours?|hrs?)`,
	`(?:for|over) (?:a |an )?(?:block of |period of )?(?:\\d+|${NUMBER_WORDS})[-\\s]?(?:weeks?|terms?|half[-\\s]?terms?|months?|sessions?|school years?|years?)`,
	`(?:\\d+|${NUMBER_WORDS})[-\\s]?week (?:block|programme|course|intervention)`,
	`block of (?:\\d+|${NUMBER_WORDS})`,
	'(?:for|throughout) the (?:whole |full |entire )?(?:school |academic )?(?:day|year|term|lesson)',
)

/** Who delivers it, with their role or training (a bare "adult" says neither). */
const PROVIDER = words(
	'teaching assistants?',
	'tas?',
	'lsas?',
	'learning support assistants?',
	'hltas?',
	'higher level teaching assistants?',
	'sen(?:d)?cos?',
	'teachers?',
	'teacher of the (?:deaf|visually impaired)',
	'qtods?',
	'qtvis?',
	'speech and language therapists?',
	'speech and language therapy (?:service|team)',
	'salts?',
	'slts?',
	'occupational therapists?',
	'ots?',
	'physiotherapists?',
	'physios?',
	'(?:educational )?psychologists?',
	'eps?',
	'therapists?',
	'(?:trained|named|familiar|key|trusted|designated|known|experienced|consistent|skilled) adults?',
	'key ?workers?',
	'(?:learning |peer )?mentors?',
	'elsas?',
	'emotional literacy support assistants?',
	'counsellors?',
	'(?:school )?nurses?',
	'tutors?',
	'staff',
	'practitioners?',
	'nursery nurses?',
	'(?:family )?support workers?',
	'social workers?',
	'job coach(?:es)?',
	'careers advis[eo]rs?',
	'intervenors?',
	'specialist (?:teaching |outreach )?(?:service|team)',
	'outreach (?:service|team|workers?)',
	'advisory (?:service|team)',
	'camhs',
	'inclusion (?:team|advis[eo]rs?|lead)',
	'pastoral (?:lead|team|managers?|workers?)',
	'head ?teachers?',
	'deputy head(?: ?teacher)?',
	'(?:midday|lunchtime) supervisors?',
	'interpreters?',
	'communicator guides?',
	'scribes?',
	'readers?',
	'instructors?',
	'coach(?:es)?',
)

/** What every pupil should already get: not special educational provision (CAFA 2014 s.21(2)). */
const UNIVERSAL_OFFER = words(
	'quality first teaching',
	'qft',
	'high quality teaching',
	'differentiat(?:ed|ion)(?: (?:curriculum|work|tasks|teaching|activities|learning|resources))?',
	"in line with (?:the )?school(?:'s)? (?:usual )?(?:polic(?:y|ies)|practice)",
	'ordinarily available',
	'universal (?:offer|provision)',
	'as (?:is )?(?:available|provided) (?:to|for) all (?:pupils|children|students)',
)

const REVIEWED = words(
	'review(?:ed|s|ing)?',
	'monitor(?:ed|s|ing)?',
	'evaluat(?:e|ed|es|ing|ion)',
	're-?assess(?:ed|ment|ments)?',
	'progress (?:will be |is )?(?:checked|tracked|measured|recorded)',
	'track(?:ed|ing)?',
	'baseline',
)

/** From a review word to the end of its clause: "reviewed each half term by the SENCo". */
const REVIEW_CLAUSE = words(
	'(?:review(?:ed|s)?|monitor(?:ed|s)?|evaluated|re-?assessed|progress (?:will be |is )?(?:checked|tracked|measured|recorded))[^.;\\n]*',
)

function checkProvision(text: string, subject: Finding['subject'], label: string): Finding[] {
	const wording = normalise(text)
	if (wording.trim() === '') return []
	const findings: Finding[] = []
	const common = { section: 'F' as const, subject, citation: CITE.provision }
	const vague = (said: string, why: string): Finding => ({
		...common,
		code: 'provision_vague_word',
		severity: 'important',
		message: `${label} says "${said}"${why}. Say exactly what will be done, by whom, how often and for how long.`,
		excerpt: said,
		example: EXAMPLE.provisionVague,
	})
	const original = (m: RegExpExecArray) => text.slice(m.index, m.index + m[0].length)

	// Each vague word once per item, in the order it appears in the text.
	const vagueWords: Array<{ at: number; said: string; why: string }> = []
	const seen = new Set<string>()
	const note = (m: RegExpExecArray, why: string) => {
		const key = m[0].toLowerCase().replace(/\s+/g, ' ')
		if (seen.has(key)) return
		seen.add(key)
		vagueWords.push({ at: m.index, said: original(m), why })
	}
	for (const { pattern, why } of HEDGES) {
		for (const m of matchesOf(wording, pattern)) note(m, why)
	}
	const may = hedgingMay(wording)
	if (may) note(may, ', which is a possibility, not a commitment')
	if (!mentions(wording, WHAT_IS_DONE)) {
		for (const m of matchesOf(wording, VAGUE_NOUNS)) {
			const key = m[0].toLowerCase()
			if (key === 'support') {
				const before = wording.slice(0, m.index)
				const after = wording.slice(m.index + m[0].length)
				if (SUPPORT_AS_VERB_BEFORE.test(before) || SUPPORT_AS_VERB_AFTER.test(after)) continue
			}
			note(m, VAGUE_NOUN_WHY[key] ?? ' without saying what is actually done')
		}
	}
	vagueWords.sort((a, b) => a.at - b.at)
	findings.push(...vagueWords.map((w) => vague(w.said, w.why)))

	// "Reviewed termly" says how often the provision is reviewed, not how often it is delivered.
	const delivery = wording.replace(REVIEW_CLAUSE, ' ')
	const continuous = mentions(delivery, CONTINUOUS)
	if (!continuous && !mentions(delivery, FREQUENCY)) {
		findings.push({
			...common,
			code: 'provision_no_frequency',
			severity: 'important',
			message: `${label} "${quote(text)}" does not say how often it happens (for example "three times a week", "daily", "in every lesson").`,
			excerpt: quote(text),
			example: EXAMPLE.provisionFrequency,
		})
	}
	if (!continuous && !mentions(delivery, DURATION)) {
		findings.push({
			...common,
			code: 'provision_no_duration',
			severity: 'important',
			message: `${label} "${quote(text)}" does not say for how long (for example "30 minutes", "sessions of 20 minutes", "for a 10-week block").`,
			excerpt: quote(text),
			example: EXAMPLE.provisionDuration,
		})
	}
	if (!mentions(wording, PROVIDER)) {
		findings.push({
			...common,
			code: 'provision_no_provider',
			severity: 'important',
			message: `${label} "${quote(text)}" does not say who delivers it or what training they have (for example "a teaching assistant trained in Precision Teaching", "the class teacher", "the NHS speech and language therapist").`,
			excerpt: quote(text),
			example: EXAMPLE.provisionProvider,
		})
	}

	const universal = firstMatch(wording, UNIVERSAL_OFFER)
	if (universal) {
		const said = original(universal)
		findings.push({
			...common,
			code: 'provision_universal_offer',
			severity: 'advice',
			citation: CITE.universal,
			message: `${label} says "${said}", which every pupil should already get. Section F sets out what is additional to or different from that.`,
			excerpt: said,
			example: EXAMPLE.provisionUniversal,
		})
	}
	return findings
}

// ---------------------------------------------------------------------------------------------
// Sections B and F: every need has provision (the four broad areas of need, CoP 6.28-6.35).

interface NeedArea {
	key: 'communication' | 'cognition' | 'semh' | 'sensory_physical'
	name: string
	/** Words in Section B that show a need in this area. */
	need: RegExp
	/** Words in Section F that address it: the need words plus typical provision. */
	provision: RegExp
	example: string
}

const COMMUNICATION_NEED = [
	'speech',
	'language',
	'communicat\\w*',
	'autis\\w*',
	'asd',
	'asc',
	'expressive',
	'receptive',
	'vocabulary',
	'verbal',
	'non-?verbal',
	'pre-?verbal',
	'stammer\\w*',
	'stutter\\w*',
	'dysfluen\\w*',
	'dld',
	'slcn',
	'social interaction',
	'interaction',
	'echolali\\w*',
	'pragmatic\\w*',
	'selective mutism',
	'articulation',
]
const COGNITION_NEED = [
	'learning difficult(?:y|ies)',
	'learning disabilit(?:y|ies)',
	'mld',
	'sld',
	'pmld',
	'global developmental delay',
	'gdd',
	'cogniti\\w*',
	'dyslexi\\w*',
	'dyscalculi\\w*',
	'literacy',
	'reading',
	'spelling',
	'phonics',
	'phonological awareness',
	'numeracy',
	'maths',
	'mathematics',
	'mathematical',
	'number (?:skills|sense|bonds|facts)',
	'memory',
	'processing speed',
	'slow processing',
	'auditory processing',
	'working below',
	'attainment',
]
const SEMH_NEED = [
	'anxi\\w*',
	'adhd',
	'attention',
	'concentrat\\w*',
	'regulat\\w*',
	'dysregulat\\w*',
	'emotion\\w*',
	'mental health',
	'self-?esteem',
	'behaviour(?:al)? (?:difficult(?:y|ies)|needs?|support|plan|concerns?)',
	'challenging behaviours?',
	'behaviours? (?:that|which) challenges?',
	'anger',
	'angry',
	'trauma\\w*',
	'attachment',
	'low mood',
	'depress\\w*',
	'semh',
	'withdrawn',
	'school avoidance',
	'ebsa',
	'impulsiv\\w*',
	'hyperactiv\\w*',
	'meltdowns?',
	'shutdowns?',
	'self-?harm\\w*',
	'well-?being',
	'worr(?:y|ies|ied)',
	'distress\\w*',
	'pda',
	'ocd',
]
const SENSORY_PHYSICAL_NEED = [
	'hearing',
	'deaf\\w*',
	'hi',
	'visual impairment',
	'visually impaired',
	'visual processing',
	'vision',
	'sight(?!\\s+(?:words?|vocabulary|reading))',
	'blind\\w*',
	'vi',
	'motor',
	'dyspraxi\\w*',
	'dcd',
	'developmental co-?ordination',
	'co-?ordination',
	'sensory',
	'physical(?:ly)? (?:disabilit\\w*|needs?|impairments?|difficult\\w*|development)',
	'mobility',
	'wheelchair',
	'cerebral palsy',
	'hypermobil\\w*',
	'handwriting',
	'hyper-?sensitiv\\w*',
	'hypo-?sensitiv\\w*',
]

const NEED_AREAS: NeedArea[] = [
	{
		key: 'communication',
		name: 'communication and interaction',
		need: words(...COMMUNICATION_NEED),
		provision: words(
			...COMMUNICATION_NEED,
			'salt',
			'slt',
			...COMMUNICATION_PROGRAMMES,
			'visual (?:timetable|schedule|supports?|prompts?|cues?)',
			'now and next',
			'social skills',
			'word aware',
			"blank(?:'s)? level",
			'elklan',
			'sign(?:ing)?',
			'bsl',
			'symbols?',
			'aac',
			'talk boost',
			'shape coding',
			'teacch',
			'scerts',
		),
		example:
			'Colourful Semantics in a small group of no more than four pupils, 20 minutes three times a week, delivered by a teaching assistant trained by the speech and language therapist, with the programme reviewed by the therapist each term.',
	},
	{
		key: 'cognition',
		name: 'cognition and learning',
		need: words(...COGNITION_NEED),
		provision: words(
			...COGNITION_NEED,
			...COGNITION_PROGRAMMES,
			'overlearning',
			'pre-?teach\\w*',
			'coloured overlays?',
			'readers?',
			'scribes?',
			'multi-?sensory',
			'times tables?',
			'handwriting',
			'writing frames?',
			'word mats?',
			'phonic\\w*',
			'writing',
			'comprehension',
		),
		example:
			'Precision Teaching of high-frequency words, 10 minutes a day, four days a week, delivered 1:1 by a teaching assistant trained in Precision Teaching, with progress charted daily and reviewed by the SENCo each half term.',
	},
	{
		key: 'semh',
		name: 'social, emotional and mental health',
		need: words(...SEMH_NEED),
		provision: words(
			...SEMH_NEED,
			'elsa',
			'zones of regulation',
			'emotion(?:al)? (?:literacy|coaching)',
			'mentor\\w*',
			'counsell\\w*',
			'camhs',
			'nurture',
			'drawing and talking',
			'theraplay',
			'(?:play|art|music|drama) therapy',
			'check-?ins?',
			'(?:calm|safe|quiet) (?:space|area|room|box|place)',
			'(?:time out|exit) cards?',
			'movement breaks?',
			'boxall',
			'(?:trusted|key) adults?',
			'thrive',
			'5 ?point scale',
			'cbt',
			'cognitive behavioural',
			'relaxation',
			'mindfulness',
			'breathing',
		),
		example:
			"ELSA sessions of 30 minutes once a week for 12 weeks, delivered by the school's trained ELSA, working on naming feelings and using his calm-down plan, with a 5-minute check-in with a named adult at the start of every school day.",
	},
	{
		key: 'sensory_physical',
		name: 'sensory and/or physical',
		need: words(...SENSORY_PHYSICAL_NEED),
		provision: words(
			...SENSORY_PHYSICAL_NEED,
			'occupational therap\\w*',
			'ots?',
			'physiotherap\\w*',
			'physio',
			'sensory (?:circuits?|diet|breaks?|room|programme|profile)',
			'ear defenders',
			'radio aids?',
			'hearing aids?',
			'soundfield',
			'qtods?',
			'qtvis?',
			'teacher of the (?:deaf|visually impaired)',
			'(?:modified|enlarged|large) print',
			'braille',
			'write from the start',
			'fine motor',
			'gross motor',
			'motor skills',
			'writing slope',
			'sloped (?:board|desk)',
			'pencil grips?',
			'theraputty',
			'clever hands',
			'fizzy',
			'wobble cushion',
			'move ?n ?sit',
			'hoist',
			'standing frame',
			'movement breaks?',
			'touch typing',
			'keyboard\\w*',
		),
		example:
			"A 15-minute sensory circuit every morning before lessons and a 10-minute fine motor programme (Write from the Start) four days a week, delivered by a teaching assistant following the occupational therapist's programme, reviewed by the OT each term.",
	},
]

function checkNeedsHaveProvision(input: QualityInput): Finding[] {
	const needs = normalise(input.needs)
	const provisionTexts = [...input.provision.map((p) => p.text), ...input.proposals.filter((p) => p.section === 'F').map((p) => p.proposedWording)].map(
		normalise,
	)
	const findings: Finding[] = []
	for (const area of NEED_AREAS) {
		const evidence = matchesOf(needs, area.need)
		if (evidence.length === 0) continue
		if (provisionTexts.some((t) => mentions(t, area.provision))) continue
		const saidWords = [...new Set(evidence.map((m) => input.needs.slice(m.index, m.index + m[0].length)))]
		const quoted = saidWords
			.slice(0, 3)
			.map((w) => `"${w}"`)
			.join(', ')
		findings.push({
			code: 'need_without_provision',
			section: 'F',
			severity: 'important',
			subject: { kind: 'needs' },
			message: `Section B describes ${area.name} needs (it mentions ${quoted}) but no provision in Section F addresses them. Every need in Section B needs provision in Section F.`,
			excerpt: saidWords[0],
			example: area.example,
			citation: CITE.needCoverage,
		})
	}
	return findings
}

// ---------------------------------------------------------------------------------------------
// Section A: the child's own voice (CAFA 2014 s.19; CoP 9.69, Section A includes "a summary of
// how to communicate with the child"). Kent's four pathways: the child writes it; a supported
// conversation; observation and communication aids for children who do not use speech; the young
// person (16+) directly.

const FIRST_PERSON = words('i(?!\\.e\\.)', 'me', 'my', 'mine', 'myself', "i'm", "i've", "i'd", "i'll")
const THIRD_PERSON_PHRASE = words(
	'(?:he|she|they) (?:would )?\\w+',
	'(?:him|his|her|hers|himself|herself|them|their|theirs|themselves)',
	'the (?:child|pupil|young person|student)',
)
// "[Name] likes" - a capitalised word before a verb of liking or saying (case matters here).
const NAMED_THIRD_PERSON =
	/(?<![\p{L}\p{N}])\p{Lu}\p{Ll}+\s+(?:likes|enjoys|loves|wants|would like|said|says|told|feels|finds|dislikes|hates|prefers|enjoyed|liked|loved|wanted|shared|explained|reported|described)(?![\p{L}\p{N}])/u

// Note form with no subject ("Likes trains. Dislikes loud noises.") is third person too.
const NOTE_FORM_THIRD_PERSON = words('likes|enjoys|loves|dislikes|hates|wants|prefers|finds|feels')

const COMMUNICATION_RECORDED = words(
	'signs?',
	'sign(?:ed|ing)',
	'symbols?',
	'pecs',
	'eye[-\\s]?gaze',
	'makaton',
	'points?',
	'pointed',
	'pointing',
	'communication (?:aid|device|book|board|passport)',
	'aac',
	'observ\\w*',
	'vocalis\\w*',
	'vocaliz\\w*',
	'gestur\\w*',
	'facial expressions?',
	'body language',
	'reach(?:es|ed|ing)?',
	'objects? of reference',
	'switch(?:es)?',
	'big ?mack',
	'talker',
	'proloquo\\w*',
	'choice board',
	'cho(?:se|ose|oses|osing)',
	'smil\\w*',
	'laugh\\w*',
	'sounds',
	'(?:push|pushes|pushed|turns?|turned) away',
	'(?:leads?|led) (?:an? )?adult',
	'photos?',
	'pictures?',
)

const PLACEHOLDER =
	/^(?:n\/?a|none|nil|tbc|tba|to be (?:confirmed|discussed|agreed|added)|not applicable|not discussed|not known|no|nothing|see above|-+|\.+|\?+)$/i

function isBlank(text: string | null | undefined): boolean {
	if (text == null) return true
	const trimmed = normalise(text)
		.trim()
		.replace(/[.\s]+$/, '')
	return trimmed === '' || PLACEHOLDER.test(trimmed)
}

function checkVoice(voice: QualityInput['childVoice']): Finding[] {
	const common = { section: 'A' as const, subject: { kind: 'voice' as const }, citation: CITE.voice }
	if (voice === null || isBlank(voice.words)) {
		return [
			{
				...common,
				code: 'voice_missing',
				severity: 'important',
				message:
					"Section A has none of the child's own views. Record what the child says, writes or shows about what they like, what is hard and what they want for the future.",
				example:
					'I like Lego and drawing dragons. Maths is hard when there is a lot of writing on the board. I want to have a friend to sit with at lunch. When I am older I want to work with animals.',
			},
		]
	}
	const wording = normalise(voice.words)

	if (voice.pathway === 'observation') {
		// Third person is expected here: an adult records what they saw. What matters is how.
		if (mentions(wording, COMMUNICATION_RECORDED)) return []
		return [
			{
				...common,
				code: 'voice_communication_not_recorded',
				severity: 'advice',
				message:
					'Section A does not say how the child communicated these views (for example signs, symbols, PECS, eye gaze, pointing or what was observed), so a reader cannot tell whose views these are.',
				excerpt: quote(voice.words),
				example:
					'Observed by her teaching assistant over two weeks: Mia chose the sand tray 8 times out of 10 using her PECS book, smiled and vocalised when music was played, and pushed away the tablet when it was offered at the start of maths.',
			},
		]
	}

	if (mentions(wording, FIRST_PERSON)) return []
	const third = firstMatch(wording, THIRD_PERSON_PHRASE) ?? NAMED_THIRD_PERSON.exec(wording) ?? firstMatch(wording, NOTE_FORM_THIRD_PERSON)
	if (!third) return []
	const said = voice.words.slice(third.index, third.index + third[0].length)
	const who = voice.pathway === 'young_person' ? 'the young person' : 'the child'
	return [
		{
			...common,
			code: 'voice_third_person',
			severity: 'important',
			message: `Section A is written about ${who} ("${said}") rather than in ${who}'s own words. Use the first person ("I like...", "I find it hard when...") and say who helped write it down.`,
			excerpt: said,
			example:
				'In my own words, written with my teaching assistant: I like football and my dog Max. I find it hard when the classroom is noisy. I want to go to college and learn to be a mechanic.',
		},
	]
}

// ---------------------------------------------------------------------------------------------
// Preparation for adulthood: from Year 9 every review considers it (reg 20(6)). The four areas
// are the Preparing for Adulthood outcomes (CoP 8.5, 8.10).

const PFA_AREAS: Array<{ key: PreparationForAdulthoodArea; name: string; example: string }> = [
	{
		key: 'employment',
		name: 'employment (higher education and/or employment)',
		example:
			'Ellie wants to work with animals. By the end of Year 10 she will complete a one-week work experience placement at a local veterinary practice, arranged with the school careers adviser, and will visit two post-16 courses in animal care.',
	},
	{
		key: 'independentLiving',
		name: 'independent living',
		example:
			'By the end of Year 10, Ellie will make herself a simple lunch at home independently on 3 days a week, and will buy three items from a list in a local shop with an adult waiting outside.',
	},
	{
		key: 'community',
		name: 'friends, relationships and community',
		example:
			'By July 2027, Ellie will go to a weekly after-school club of her choice and travel there with a friend, with an adult meeting her at the door.',
	},
	{
		key: 'health',
		name: 'good health',
		example:
			'By the end of Year 10, Ellie will tell the school nurse the name of her medication and when she takes it, and will book a GP appointment with her parent listening in.',
	},
]

function checkPreparationForAdulthood(input: QualityInput): Finding[] {
	if (input.yearGroup === null || input.yearGroup < 9) return []
	const pfa = input.preparationForAdulthood
	return PFA_AREAS.filter((area) => isBlank(pfa?.[area.key])).map((area) => ({
		code: 'pfa_missing' as const,
		section: 'PfA' as const,
		severity: 'important' as const,
		subject: { kind: 'pfa' as const, id: area.key },
		message: `From Year 9 the review must consider preparation for adulthood, but nothing is recorded for ${area.name} (Year ${input.yearGroup}).`,
		example: area.example,
		citation: CITE.pfa,
	}))
}

// ---------------------------------------------------------------------------------------------

const SECTION_ORDER: FindingSection[] = ['A', 'B', 'C', 'D', 'E', 'F', 'G', 'H1', 'H2', 'I', 'J', 'K', 'PfA']

/** Everything a council's quality audit would flag in this review, in plan order. */
export function checkQuality(input: QualityInput): Finding[] {
	const proposedOutcomes = input.proposals.filter((p) => p.section === 'E')
	const proposedProvision = input.proposals.filter((p) => p.section === 'F')
	const proposed = (text: string, list: typeof input.proposals) => list.some((p) => sameWording(p.proposedWording, text))

	// Built in plan order: A, E, F, then PfA.
	return [
		...checkVoice(input.childVoice),
		...input.outcomes.filter((o) => !proposed(o.text, proposedOutcomes)).flatMap((o) => checkOutcome(o.text, { kind: 'outcome', id: o.id }, 'Outcome')),
		...proposedOutcomes.flatMap((p) => checkOutcome(p.proposedWording, { kind: 'proposal', id: p.id }, 'Proposed outcome')),
		...input.provision
			.filter((p) => !proposed(p.text, proposedProvision))
			.flatMap((p) => checkProvision(p.text, { kind: 'provision', id: p.id }, 'Provision')),
		...proposedProvision.flatMap((p) => checkProvision(p.proposedWording, { kind: 'proposal', id: p.id }, 'Proposed provision')),
		...checkProvisionReviewed(input),
		...checkNeedsHaveProvision(input),
		...checkPreparationForAdulthood(input),
	]
}

function checkProvisionReviewed(input: QualityInput): Finding[] {
	const texts = [...input.provision.map((p) => p.text), ...input.proposals.filter((p) => p.section === 'F').map((p) => p.proposedWording)].filter(
		(t) => t.trim() !== '',
	)
	if (texts.length === 0 || texts.some((t) => mentions(normalise(t), REVIEWED))) return []
	return [
		{
			code: 'provision_no_review',
			section: 'F',
			severity: 'advice',
			subject: { kind: 'provision' },
			message:
				'None of the provision in Section F says how or when it will be reviewed, so nobody can tell whether it is working before the next annual review.',
			example: EXAMPLE.provisionReview,
			citation: CITE.review,
		},
	]
}

/** Findings per section, in plan order, for the sections that have any. */
export function summarise(findings: Finding[]): Array<{ section: FindingSection; count: number; important: number }> {
	return SECTION_ORDER.map((section) => {
		const here = findings.filter((f) => f.section === section)
		return { section, count: here.length, important: here.filter((f) => f.severity === 'important').length }
	}).filter((s) => s.count > 0)
}
