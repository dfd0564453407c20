// The one place email markup is written. Templates describe a message as blocks (paragraphs, a list of
// facts, a link) and this module renders both parts from them, so that every interpolated value is
// escaped here and the plain-text part always says the same as the HTML part.
// The markup is deliberately simple (one column, inline styles, no images, no scripts): it survives
// Outlook, webmail and screen readers, and a council's mail filter has nothing to strip.

export interface EmailContext {
	/** The portal's address people use (APP_URL), without a trailing slash needed. */
	appUrl: string
	councilName: string
}

export interface RenderedEmail {
	subject: string
	html: string
	text: string
}

export type Block =
	| { kind: 'paragraph'; text: string }
	| { kind: 'heading'; text: string }
	/** Key facts as a two-column table ("Meeting held", "3 March 2027"). */
	| { kind: 'facts'; rows: Array<readonly [label: string, value: string]> }
	| { kind: 'list'; items: string[] }
	/** Text set apart: the one thing the reader must not miss (a deadline). */
	| { kind: 'inset'; text: string }
	| { kind: 'link'; text: string; href: string }

export const paragraph = (text: string): Block => ({ kind: 'paragraph', text })
export const heading = (text: string): Block => ({ kind: 'heading', text })
export const facts = (rows: Array<readonly [string, string] | null | false>): Block => ({
	kind: 'facts',
	rows: rows.filter((row): row is readonly [string, string] => Boolean(row)),
})
export const list = (items: Array<string | null | false>): Block => ({
	kind: 'list',
	items: items.filter((item): item is string => Boolean(item)),
})
export const inset = (text: string): Block => ({ kind: 'inset', text })
export const link = (text: string, href: string): Block => ({ kind: 'link', text, href })

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }

export function escapeHtml(value: string): string {
	return value.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]!)
}

/** Only web links go into an email: a javascript: or data: URL would be a way to attack the reader. */
function safeHref(href: string): string {
	const url = new URL(href)
	if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new Error(`Refusing to put a ${url.protocol} link in an email`)
	return url.toString()
}

const FONT = 'font-family: Arial, Helvetica, sans-serif; color: #0b0c0c;'
const P = `margin: 0 0 16px; font-size: 19px; line-height: 1.4; ${FONT}`

function blockHtml(block: Block): string {
	switch (block.kind) {
		case 'paragraph':
			return `<p style="${P}">${escapeHtml(block.text)}</p>`
		case 'heading':
			return `<h2 style="margin: 24px 0 12px; font-size: 22px; line-height: 1.3; ${FONT}">${escapeHtml(block.text)}</h2>`
		case 'inset':
			return `<p style="${P} border-left: 6px solid #1d70b8; padding: 8px 0 8px 16px; font-weight: bold;">${escapeHtml(block.text)}</p>`
		case 'list':
			return `<ul style="margin: 0 0 16px; padding-left: 24px;">${block.items
				.map((item) => `<li style="margin: 0 0 8px; font-size: 19px; line-height: 1.4; ${FONT}">${escapeHtml(item)}</li>`)
				.join('')}</ul>`
		case 'facts':
			return `<table style="border-collapse: collapse; margin: 0 0 16px; width: 100%;">${block.rows
				.map(
					([label, value]) =>
						`<tr><th scope="row" style="text-align: left; vertical-align: top; padding: 8px 16px 8px 0; border-bottom: 1px solid #b1b4b6; font-size: 19px; ${FONT}">${escapeHtml(label)}</th>` +
						`<td style="vertical-align: top; padding: 8px 0; border-bottom: 1px solid #b1b4b6; font-size: 19px; ${FONT}">${escapeHtml(value)}</td></tr>`,
				)
				.join('')}</table>`
		case 'link':
			return `<p style="${P}"><a href="${escapeHtml(safeHref(block.href))}" style="color: #1d70b8; font-weight: bold;">${escapeHtml(block.text)}</a></p>`
	}
}

function blockText(block: Block): string {
	switch (block.kind) {
		case 'paragraph':
			return block.text
		case 'heading':
			return `${block.text}\n${'-'.repeat(Math.min(block.text.length, 70))}`
		case 'inset':
			return `>> ${block.text}`
		case 'list':
			return block.items.map((item) => `- ${item}`).join('\n')
		case 'facts':
			return block.rows.map(([label, value]) => `${label}: ${value}`).join('\n')
		case 'link':
			return `${block.text}:\n${safeHref(block.href)}`
	}
}

/** Subjects are one line: a newline in a value must not start a new header (header injection). */
function oneLine(value: string): string {
	return value
		.replace(/[\r\n\t]+/g, ' ')
		.replace(/\s{2,}/g, ' ')
		.trim()
}

/** Renders a message; blocks that are `false` or `null` (a condition not met) are left out. */
export function renderEmail(input: {
	subject: string
	title: string
	blocks: Array<Block | false | null | undefined>
	ctx: EmailContext
	footer?: string
}): RenderedEmail {
	const { ctx } = input
	const blocks = input.blocks.filter((block): block is Block => Boolean(block))
	const subject = oneLine(input.subject)
	const footer =
		input.footer ?? `This email was sent automatically by ${ctx.councilName}’s EHC plan annual review service. Replies to this address are not read.`
	const html =
		`<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">` +
		`<title>${escapeHtml(subject)}</title></head>` +
		`<body style="margin: 0; padding: 0; background: #f3f2f1;">` +
		`<div style="max-width: 640px; margin: 0 auto; padding: 24px; background: #ffffff;">` +
		`<p style="margin: 0 0 24px; padding-bottom: 8px; border-bottom: 8px solid #1d70b8; font-size: 19px; font-weight: bold; ${FONT}">${escapeHtml(ctx.councilName)}</p>` +
		`<h1 style="margin: 0 0 24px; font-size: 28px; line-height: 1.25; ${FONT}">${escapeHtml(input.title)}</h1>` +
		blocks.map(blockHtml).join('\n') +
		`<p style="margin: 32px 0 0; padding-top: 16px; border-top: 1px solid #b1b4b6; font-size: 16px; line-height: 1.4; font-family: Arial, Helvetica, sans-serif; color: #505a5f;">${escapeHtml(footer)}</p>` +
		`</div></body></html>`
	const text = [
		ctx.councilName,
		'',
		input.title,
		'='.repeat(Math.min(input.title.length, 70)),
		'',
		blocks.map(blockText).join('\n\n'),
		'',
		'--',
		footer,
		'',
	].join('\n')
	return { subject, html, text }
}
