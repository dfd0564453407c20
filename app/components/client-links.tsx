import { useNavigate } from 'react-router'

/**
 * Client-side navigation for the plain links inside a long list (put the handler on the list's wrapper).
 *
 * A React Router `<Link>` resolves its path and sets up its own click handler on every render: on the server that
 * is about 10-15% of the caseload page's time with its 50-75 links per page (measured, docs/decisions/012). The
 * list's rows use plain `<a href>` instead, which work without JavaScript as any link does, and this one handler
 * gives them what `<Link>` would with JavaScript: a click on a link to a page of this app (a plain left click or
 * Enter, no modifier keys, no target or download) navigates in the app rather than loading a whole new document.
 * Only for links to pages: a download's link needs its own `reloadDocument` or `download` attribute (it is skipped).
 */
export function useClientLinks() {
	const navigate = useNavigate()
	return (event: React.MouseEvent<HTMLElement>) => {
		if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.altKey || event.ctrlKey || event.shiftKey) return
		const link = (event.target as Element).closest('a')
		if (!link || !event.currentTarget.contains(link) || link.target || link.hasAttribute('download')) return
		const url = new URL(link.href)
		if (url.origin !== window.location.origin) return
		event.preventDefault()
		void navigate(url.pathname + url.search + url.hash)
	}
}
