// A table for a test that would otherwise repeat expect(fn(input)).toBe(expected) line after line.
import { expect } from 'vitest'

/** `fn` gives each input its expected value; a failure names the input. */
export function expectEach<I, O>(fn: (input: I) => O, cases: ReadonlyArray<readonly [input: I, expected: O]>) {
	for (const [input, expected] of cases) expect(fn(input), `${fn.name}(${JSON.stringify(input)})`).toBe(expected)
}
