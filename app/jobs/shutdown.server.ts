// How a stopping process (SIGTERM, SIGINT) hands over: server.js runs the stop and the app says what to do in it.
// server.js is plain JavaScript and the app is a separate bundle, so they meet on one object on globalThis, under a
// registered symbol (server.js creates it before it imports the build; the dev server and tests get their own).
// The stop, in order (server.js; docs/decisions/018):
// 1. `stopping` is set: /readyz answers 503, so a load balancer sends no more;
// 2. at once, while the requests in flight finish: the `stopClaiming` steps (the job runner claims no more work and
//    finishes what it is doing: an email being sent, the daily reminders);
// 3. once the requests in flight are done (one may have started a job): the `finish` steps (running jobs finish);
// 4. if SHUTDOWN_TIMEOUT_SECONDS is nearly up before they are done: the `handBack` steps (a claimed email is released
//    for another instance or the next start);
// 5. the `close` steps (the database pool), then the process exits.
export interface Lifecycle {
	stopping: boolean
	stopClaiming: Array<() => Promise<void> | void>
	finish: Array<() => Promise<void> | void>
	handBack: Array<() => Promise<void> | void>
	close: Array<() => Promise<void> | void>
}

const KEY = Symbol.for('ehc-portal.lifecycle')
const holder = globalThis as unknown as { [KEY]?: Lifecycle }
export const lifecycle: Lifecycle = (holder[KEY] ??= { stopping: false, stopClaiming: [], finish: [], handBack: [], close: [] })

/** Whether this process has been told to stop (it still finishes what it has started). */
export const isStopping = () => lifecycle.stopping

export function onStop(phase: Exclude<keyof Lifecycle, 'stopping'>, step: () => Promise<void> | void) {
	lifecycle[phase].push(step)
}
