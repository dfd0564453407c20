import { templateCsv } from '#app/domain/import-row.ts'
import { requireCouncilAdmin } from '#app/services/admin.server.ts'
import type { Route } from './+types/admin-import-template'

// The import template: the column headings and one example row (the columns are described on /admin/import).
export async function loader({ request }: Route.LoaderArgs) {
	await requireCouncilAdmin(request, 'admin:schools')
	// A byte order mark, so Excel opens the file as UTF-8 (names such as Wójcik and Çelik survive).
	return new Response(`\uFEFF${templateCsv()}`, {
		headers: {
			'Content-Type': 'text/csv; charset=utf-8',
			'Content-Disposition': 'attachment; filename="ehc-import-template.csv"',
			'Cache-Control': 'private, no-store',
			'X-Content-Type-Options': 'nosniff',
		},
	})
}
