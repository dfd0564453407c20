// A table for a test that would otherwise repeat expect(fn(input)).toBe(expected) line after line.
import { expect } from 'vitest'

/** `fn` gives each input its expected value; a failure names the input. */
export function expectEach<I, O>(fn: (input: I) => O, cases: ReadonlyArray<readonly [input: I, expected: O]>) {
	for (const [input, expected] of cases) expect(fn(input), `${fn.name}(${JSON.stringify(input)})`).toBe(expected)
}

/** The same for a function of several arguments: each case is [its arguments, the expected value]. */
export function expectEachCall<A extends unknown[], O>(fn: (...args: A) => O, cases: ReadonlyArray<readonly [args: A, expected: O]>) {
	for (const [args, expected] of cases) expect(fn(...args), `${fn.name}(${args.map((a) => JSON.stringify(a)).join(', ')})`).toBe(expected)
}
