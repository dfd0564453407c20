// Liveness: the process answers. No database: a database outage is readiness's business (/readyz), and restarting
// the app would not cure it.
export function loader() {
	return new Response('ok', { headers: { 'Content-Type': 'text/plain', 'Cache-Control': 'no-store' } })
}
