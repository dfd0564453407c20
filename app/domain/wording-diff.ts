/**
 * Word-level difference between a plan section's current wording and the wording proposed for it.
 *
 * Proposed amendments must show what would change (reg 22(2) asks the notice to "specify" each
 * amendment; the portal shows additions and deletions in the UI and in every PDF). The parts
 * rebuild both texts exactly: the 'same' and 'removed' parts joined give the current wording,
 * the 'same' and 'added' parts joined give the proposed wording. Pure: no I/O.
 */
import { diffWordsWithSpace } from 'diff'

export type DiffPart = { kind: 'same' | 'added' | 'removed'; text: string }

// Above this the diff gives up and shows the whole text as replaced (jsdiff's `timeout` option):
// a wholesale rewrite of a long section is better read as "old" then "new" anyway.
const DIFF_TIMEOUT_MS = 1_000

/** Browsers submit textarea line breaks as CRLF; a line ending is not a change of wording. */
function normalise(text: string): string {
	return text.replace(/\r\n?/g, '\n')
}

export function diffWording(current: string, proposed: string): DiffPart[] {
	const before = normalise(current)
	const after = normalise(proposed)
	if (before === after) return before ? [{ kind: 'same', text: before }] : []
	if (!before) return [{ kind: 'added', text: after }]
	if (!after) return [{ kind: 'removed', text: before }]

	// diffWordsWithSpace rather than diffWords: diffWords rewrites the whitespace of unchanged runs
	// from the new text, so the current wording could no longer be rebuilt from the parts.
	const changes = diffWordsWithSpace(before, after, { timeout: DIFF_TIMEOUT_MS })
	if (!changes) {
		return [
			{ kind: 'removed', text: before },
			{ kind: 'added', text: after },
		]
	}
	const raw: DiffPart[] = changes.map((change) => ({
		kind: change.added ? 'added' : change.removed ? 'removed' : 'same',
		text: change.value,
	}))
	return mergeAdjacent(groupReplacements(raw))
}

type Segment = { kind: 'same'; text: string } | { kind: 'change'; removed: string; added: string }

/**
 * Token diffs read badly when a change is broken up by a word or a space that happens to be in both
 * texts: "Amara [-will have access to][+A therapist will deliver]" is easier to follow than four
 * alternating fragments. A short run of kept text between two changes (whitespace, or at most half
 * the length of the changes on either side, as in diff-match-patch's semantic cleanup) is folded into
 * one replacement. The folded text is in both wordings at that point, so adding it to both sides
 * keeps both texts rebuildable. Line breaks are never folded, so paragraphs stay apart.
 */
function groupReplacements(parts: DiffPart[]): DiffPart[] {
	const segments: Segment[] = []
	for (const part of parts) {
		const last = segments[segments.length - 1]
		if (part.kind === 'same') segments.push({ kind: 'same', text: part.text })
		else if (last?.kind === 'change') last[part.kind] += part.text
		else segments.push({ kind: 'change', removed: part.kind === 'removed' ? part.text : '', added: part.kind === 'added' ? part.text : '' })
	}
	const size = (s: Segment) => (s.kind === 'change' ? Math.max(s.removed.length, s.added.length) : 0)
	for (let i = 1; i < segments.length - 1; i++) {
		const [before, kept, after] = [segments[i - 1], segments[i], segments[i + 1]]
		if (kept.kind !== 'same' || before.kind !== 'change' || after.kind !== 'change' || kept.text.includes('\n')) continue
		const short = /^[ \t]+$/.test(kept.text) || kept.text.length * 2 <= Math.min(size(before), size(after))
		if (!short) continue
		segments.splice(i - 1, 3, { kind: 'change', removed: before.removed + kept.text + after.removed, added: before.added + kept.text + after.added })
		// The merged change is now at i - 1 and larger: look again at the kept text before it.
		i = Math.max(0, i - 3)
	}
	return segments.flatMap((s): DiffPart[] =>
		s.kind === 'same'
			? [{ kind: 'same', text: s.text }]
			: [
					{ kind: 'removed', text: s.removed },
					{ kind: 'added', text: s.added },
				],
	)
}

function mergeAdjacent(parts: DiffPart[]): DiffPart[] {
	const out: DiffPart[] = []
	for (const part of parts) {
		if (!part.text) continue
		const last = out[out.length - 1]
		if (last && last.kind === part.kind) last.text += part.text
		else out.push({ ...part })
	}
	return out
}

/** The current wording rebuilt from the parts (for tests and for checking a stored diff). */
export function currentFromParts(parts: DiffPart[]): string {
	return parts
		.filter((p) => p.kind !== 'added')
		.map((p) => p.text)
		.join('')
}

/** The proposed wording rebuilt from the parts. */
export function proposedFromParts(parts: DiffPart[]): string {
	return parts
		.filter((p) => p.kind !== 'removed')
		.map((p) => p.text)
		.join('')
}
