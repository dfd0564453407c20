// The headers every response of the service carries: pages, data requests, downloads, calendar feeds and error
// pages alike (issue 10: the .ics feed and resource routes' 403s had none). The root route's middleware sets them on
// whatever response comes back; entry.server.tsx adds the page's Content-Security-Policy, which needs its nonce.
import type { MiddlewareFunction } from 'react-router'
import { cookieSecure } from '#app/env.server.ts'

export function setSecurityHeaders(headers: Headers) {
	headers.set('X-Content-Type-Options', 'nosniff')
	headers.set('Referrer-Policy', 'same-origin')
	headers.set('X-Frame-Options', 'DENY')
	headers.set('Cross-Origin-Opener-Policy', 'same-origin')
	// A child's record is never kept by a shared cache; a route that may be cached says so itself.
	if (!headers.has('Cache-Control')) headers.set('Cache-Control', 'private, no-store')
	// Over HTTPS (production, or COOKIE_SECURE), browsers keep to HTTPS for a year: no downgrade to plain HTTP.
	if (cookieSecure) headers.set('Strict-Transport-Security', 'max-age=31536000; includeSubDomains')
}

export const securityHeaders: MiddlewareFunction<Response> = async (_args, next) => {
	const response = await next()
	try {
		setSecurityHeaders(response.headers)
		return response
	} catch {
		// Headers of a Response made by Response.redirect() or fetch() are immutable: copy it.
		const copy = new Response(response.body, response)
		setSecurityHeaders(copy.headers)
		return copy
	}
}
