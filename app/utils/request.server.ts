// Where a request came from, for the audit log and throttling. Behind a reverse proxy the client's
// address arrives in X-Forwarded-For (the first entry); served directly, it is not known to the route.
export function clientAddress(request: Request): string {
	return request.headers.get('x-forwarded-for')?.split(',')[0]?.trim() ?? ''
}

export function userAgent(request: Request): string {
	return (request.headers.get('user-agent') ?? '').slice(0, 300)
}

/** A same-site path to go to after sign-in; anything else (another host, '//evil') falls back to '/'. */
export function safeRedirect(to: FormDataEntryValue | string | null | undefined, fallback = '/'): string {
	if (typeof to !== 'string' || !to.startsWith('/') || to.startsWith('//') || to.startsWith('/\\')) return fallback
	return to
}
