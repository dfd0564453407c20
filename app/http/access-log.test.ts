import { expect, test } from 'vitest'
import { redactUrl } from './access-log.server.js'

test('the access log hides calendar feed keys and set-password tokens in paths', () => {
	expect(redactUrl('/calendar/Zm9vYmFyYmF6cXV4.ics')).toBe('/calendar/[redacted]')
	expect(redactUrl('/set-password/abcDEF123_-xyz')).toBe('/set-password/[redacted]')
	expect(redactUrl('/set-password/abcDEF123.data?_routes=routes%2Fset-password')).toBe('/set-password/[redacted]?_routes=routes%2Fset-password')
	expect(redactUrl('/Set-Password/abc/')).toBe('/Set-Password/[redacted]')
	expect(redactUrl('//calendar/key.ics')).toBe('//calendar/[redacted]')
})

test('the access log hides token= query parameters wherever they are', () => {
	expect(redactUrl('/anything?token=s3cret')).toBe('/anything?token=[redacted]')
	expect(redactUrl('/x?a=1&token=s3cret&b=2')).toBe('/x?a=1&token=[redacted]&b=2')
	expect(redactUrl('/x?TOKEN=s3cret#frag')).toBe('/x?TOKEN=[redacted]#frag')
	expect(redactUrl('/x?notoken=visible')).toBe('/x?notoken=visible')
})

test('the access log leaves every other address as it was', () => {
	for (const url of [
		'/',
		'/calendar',
		'/calendar/',
		'/caseload?q=smith&page=2',
		'/reviews/abc/evidence/def',
		'/sign-in?redirectTo=%2Fcaseload',
		'/assets/entry-ABC.js',
	]) {
		expect(redactUrl(url)).toBe(url)
	}
})
