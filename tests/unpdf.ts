// unpdf 1.6's bundled pdf.js calls Promise.try, which Node has only from 22.10; these machines run
// Node 20. The polyfill below follows the TC39 proposal's semantics.
const P = Promise as PromiseConstructor & { try?: <T>(fn: (...args: unknown[]) => T | PromiseLike<T>, ...args: unknown[]) => Promise<T> }
if (typeof P.try !== 'function') {
	P.try = <T>(fn: (...args: unknown[]) => T | PromiseLike<T>, ...args: unknown[]) => new Promise<T>((resolve) => resolve(fn(...args)))
}
export { extractText, getDocumentProxy } from 'unpdf'
