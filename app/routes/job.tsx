import { useLoaderData } from 'react-router'
import { forbidden, notFound, requireUser } from '#app/auth/auth.server.ts'
import { PageTitle } from '#app/components/page.tsx'
import { KeyValueList } from '#app/components/review-bits.tsx'
import { prisma } from '#app/db/db.server.ts'
import type { Route } from './+types/job'

// Progress of long work. While it runs the page refreshes itself every 2 seconds (a meta refresh, so
// it works without JavaScript) and announces progress in words as well as a bar.
export async function loader({ request, params }: Route.LoaderArgs) {
	const user = await requireUser(request)
	const job = await prisma.job.findUnique({
		where: { id: params.jobId },
		select: { id: true, kind: true, status: true, total: true, done: true, message: true, result: true, createdById: true },
	})
	if (!job) throw notFound()
	if (job.createdById !== user.id) throw forbidden()
	const result = job.status === 'DONE' ? (JSON.parse(job.result) as Record<string, string>) : {}
	return { job: { ...job, result }, importSummary: job.kind === 'IMPORT' && job.status === 'DONE' ? importSummary(result) : null }
}

/** What an import did (app/services/import/index.server.ts, ImportResult), as rows for a summary list. */
function importSummary(result: Record<string, unknown>) {
	const n = (key: string) => (typeof result[key] === 'number' ? (result[key] as number) : 0).toLocaleString('en-GB')
	return [
		['File', String(result.fileName ?? '')],
		['Rows imported', n('rows')],
		['New children', n('created')],
		['Children updated', n('updated')],
		['Children unchanged', n('unchanged')],
		['New schools', n('schoolsCreated')],
		['Schools updated', n('schoolsUpdated')],
	] as const
}

const TITLES: Record<string, string> = { BUNDLE: 'Creating the evidence bundle', IMPORT: 'Importing', BULK_SEND: 'Sending' }

export default function Job() {
	const { job, importSummary } = useLoaderData<typeof loader>()
	const running = job.status === 'RUNNING' || job.status === 'QUEUED'
	const percent = job.total ? Math.round((job.done / job.total) * 100) : running ? 0 : 100
	return (
		<div className="govuk-grid-row">
			<div className="govuk-grid-column-two-thirds">
				{running ? <meta httpEquiv="refresh" content="2" /> : null}
				<PageTitle title={TITLES[job.kind] ?? 'Progress'} />
				<h1 className="govuk-heading-l">{TITLES[job.kind] ?? 'Progress'}</h1>
				<p className="govuk-body" role="status">
					{job.status === 'DONE' ? 'Finished. ' : job.status === 'FAILED' ? 'Stopped. ' : ''}
					{job.message}
					{running && job.total ? ` (${job.done} of ${job.total})` : ''}
				</p>
				<progress className="app-progress" max={100} value={percent} aria-label="Progress">
					{percent}%
				</progress>
				{running ? <p className="govuk-body">This page updates itself every few seconds. You can leave it and come back.</p> : null}
				{job.status === 'DONE' && job.result.documentId ? (
					<p className="govuk-body">
						<a className="govuk-link" href={`/documents/${job.result.documentId}`} download>
							Download the bundle (PDF)
						</a>
					</p>
				) : null}
				{job.result.reviewId ? (
					<p className="govuk-body">
						<a className="govuk-link" href={`/reviews/${job.result.reviewId}`}>
							Back to the review
						</a>
					</p>
				) : null}
				{importSummary ? (
					<>
						<h2 className="govuk-heading-m">What was imported</h2>
						<KeyValueList rows={importSummary} />
						<p className="govuk-body">
							<a className="govuk-link" href="/caseload?view=all">
								Go to the caseload
							</a>
						</p>
					</>
				) : null}
				{job.kind === 'IMPORT' && job.status === 'FAILED' ? (
					<p className="govuk-body">Nothing was imported: an import writes every row or none.</p>
				) : null}
				{job.kind === 'IMPORT' && !running ? (
					<p className="govuk-body">
						<a className="govuk-link" href="/admin/import">
							Back to import
						</a>
					</p>
				) : null}
			</div>
		</div>
	)
}
