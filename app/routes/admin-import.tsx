import { getFormProps } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod/v4'
import { data, Form, redirect, useActionData, useLoaderData } from 'react-router'
import { z } from 'zod'
import { audit } from '#app/auth/audit.server.ts'
import { notFound } from '#app/auth/auth.server.ts'
import { Button, ErrorSummary, FileUpload, summaryErrors, useGovukForm } from '#app/components/forms.tsx'
import { PageTitle } from '#app/components/page.tsx'
import { KeyValueList } from '#app/components/review-bits.tsx'
import { TableHead } from '#app/components/table.tsx'
import { prisma } from '#app/db/db.server.ts'
import { IMPORT_COLUMNS } from '#app/domain/import-row.ts'
import { readForm } from '#app/http/request-limits.server.ts'
import { startJob } from '#app/jobs/jobs.server.ts'
import { formatDateTime, pluralise } from '#app/lib/format.ts'
import { requireCouncilAdmin } from '#app/services/admin.server.ts'
import { MAX_IMPORT_BYTES, receiveImportUpload, runImport } from '#app/services/import/index.server.ts'
import { deleteStoredUpload, readStoredUpload } from '#app/services/import/upload.server.ts'
import type { Route } from './+types/admin-import'

// The file is checked on the server as it streams in (app/services/import/); the form only carries it.
export const UploadSchema = z.object({ file: z.any().optional() })

export async function loader({ request }: Route.LoaderArgs) {
	const user = await requireCouncilAdmin(request, 'admin:schools')
	const url = new URL(request.url)
	const key = url.searchParams.get('upload')
	const upload = key ? await readStoredUpload(key, user) : null
	if (key && !upload) throw notFound()
	const recent = await prisma.job.findMany({
		where: { laId: user.laId, kind: 'IMPORT' },
		orderBy: { createdAt: 'desc' },
		take: 5,
		select: { id: true, status: true, createdAt: true, input: true, result: true, createdById: true, createdBy: { select: { name: true } } },
	})
	return {
		laName: user.laName,
		busy: url.searchParams.has('busy'),
		maxMb: MAX_IMPORT_BYTES / 1024 / 1024,
		upload: upload && { key: upload.key, fileName: upload.fileName, uploadedAt: formatDateTime(upload.uploadedAt), ...upload.preview },
		recent: recent.map((job) => {
			const input = JSON.parse(job.input) as { fileName?: string }
			const result = job.status === 'DONE' ? (JSON.parse(job.result) as { rows?: number; created?: number; updated?: number; unchanged?: number }) : null
			return {
				id: job.id,
				mine: job.createdById === user.id,
				at: formatDateTime(job.createdAt),
				by: job.createdBy?.name ?? '',
				fileName: input.fileName ?? '',
				outcome:
					job.status === 'DONE' && result
						? `${pluralise(result.rows ?? 0, 'row')}: ${result.created ?? 0} new, ${result.updated ?? 0} updated, ${result.unchanged ?? 0} unchanged`
						: job.status === 'FAILED'
							? 'Stopped: nothing was imported'
							: 'Running',
			}
		}),
	}
}

export async function action({ request }: Route.ActionArgs) {
	const user = await requireCouncilAdmin(request, 'admin:schools')
	if (request.headers.get('content-type')?.startsWith('multipart/form-data')) {
		const received = await receiveImportUpload(prisma, request, user)
		if (!received.ok) {
			const reply = parseWithZod(new FormData(), { schema: UploadSchema }).reply({ fieldErrors: { file: [received.error] } })
			return data({ result: reply }, { status: 400 })
		}
		throw redirect(`/admin/import?upload=${received.upload.key}`)
	}
	const form = await readForm(request)
	const key = String(form.get('upload') ?? '')
	const upload = await readStoredUpload(key, user)
	if (!upload) throw notFound()
	if (form.get('intent') === 'cancel') {
		await deleteStoredUpload(upload.key)
		throw redirect('/admin/import')
	}
	if (upload.preview.problemCount > 0) throw redirect(`/admin/import?upload=${upload.key}`)
	// One import at a time per council: a second would only wait for the first's transaction.
	const running = await prisma.job.findFirst({ where: { laId: user.laId, kind: 'IMPORT', status: 'RUNNING' }, select: { id: true, createdById: true } })
	if (running) throw redirect(running.createdById === user.id ? `/jobs/${running.id}` : `/admin/import?upload=${upload.key}&busy=1`)
	const job = await startJob(
		{
			kind: 'IMPORT',
			laId: user.laId,
			createdById: user.id,
			input: { uploadKey: upload.key, fileName: upload.fileName },
			message: `Importing ${upload.fileName}`,
		},
		async (progress, jobId) => {
			const result = await runImport(prisma, {
				key: upload.key,
				laId: user.laId,
				fileName: upload.fileName,
				// Not awaited: on SQLite the write waits for the import's transaction, which must not wait for it.
				onProgress: (done, total, message) => void progress(done, total, message).catch(() => {}),
				afterWrite: (tx, counts) =>
					audit(
						request,
						user.id,
						'import.run',
						{
							entityType: 'Job',
							entityId: jobId,
							details: JSON.stringify({ fileName: upload.fileName, sha256: upload.sha256, rows: upload.preview.rows, ...counts }),
						},
						tx,
					),
			})
			await deleteStoredUpload(upload.key)
			return result
		},
	)
	throw redirect(`/jobs/${job.id}`)
}

export default function Import() {
	const { laName, busy, maxMb, upload, recent } = useLoaderData<typeof loader>()
	const actionData = useActionData<typeof action>()
	const [form, fields] = useGovukForm({ id: 'import', schema: UploadSchema, lastResult: actionData?.result })
	const errors = summaryErrors(form.id, form.allErrors, ['file'])
	const problems = upload && upload.problemCount > 0
	const title = upload ? (problems ? 'There are problems in the file' : 'Check the import') : 'Import from the case management system'
	const uploadForm = (
		<Form method="post" encType="multipart/form-data" {...getFormProps(form)} noValidate>
			<FileUpload
				field={fields.file}
				label={upload ? 'Upload the corrected file' : 'Upload a CSV file'}
				hint={`A CSV file (comma-separated, UTF-8), smaller than ${maxMb}MB`}
				accept=".csv,text/csv"
			/>
			<Button secondary={!!upload && !problems}>Upload and check the file</Button>
		</Form>
	)
	return (
		<>
			<PageTitle title={title} error={errors.length > 0 || !!problems} />
			<a href={upload ? '/admin/import' : '/admin'} className="govuk-back-link">
				{upload ? 'Back to import' : 'Back to administration'}
			</a>
			<ErrorSummary errors={errors} />
			<span className="govuk-caption-l">{laName}</span>
			<h1 className="govuk-heading-l">{title}</h1>
			{upload ? (
				<>
					<KeyValueList
						rows={[
							['File', upload.fileName],
							['Uploaded', upload.uploadedAt],
							['Rows', upload.rows.toLocaleString('en-GB')],
							...(!problems
								? ([
										['New children', upload.counts.created.toLocaleString('en-GB')],
										['Children updated', upload.counts.updated.toLocaleString('en-GB')],
										['Children unchanged', upload.counts.unchanged.toLocaleString('en-GB')],
										['New schools', upload.counts.schoolsCreated.toLocaleString('en-GB')],
										['Schools updated', upload.counts.schoolsUpdated.toLocaleString('en-GB')],
									] as const)
								: []),
						]}
					/>
					{upload.ignoredColumns.length ? (
						<div className="govuk-inset-text">These columns are not used and will be ignored: {upload.ignoredColumns.join(', ')}.</div>
					) : null}
					{problems ? (
						<>
							<div className="govuk-warning-text">
								<span className="govuk-warning-text__icon" aria-hidden="true">
									!
								</span>
								<strong className="govuk-warning-text__text">
									<span className="govuk-visually-hidden">Warning</span>
									Nothing has been imported. {pluralise(upload.rowsWithProblems, 'row')} {upload.rowsWithProblems === 1 ? 'has' : 'have'}{' '}
									problems. Correct the file, then upload it again.
								</strong>
							</div>
							<div className="app-table-wrap">
								<table className="govuk-table">
									<caption className="govuk-table__caption govuk-table__caption--m">
										{pluralise(upload.problemCount, 'problem')}
										{upload.problemCount > upload.problems.length ? ` (the first ${upload.problems.length} are shown)` : ''}
									</caption>
									<TableHead columns={['Row', 'Column', 'Problem']} />
									<tbody className="govuk-table__body">
										{upload.problems.map((p, i) => (
											<tr className="govuk-table__row" key={i}>
												<td className="govuk-table__cell">{p.row}</td>
												<td className="govuk-table__cell">{p.column || 'Whole row'}</td>
												<td className="govuk-table__cell">{p.message}</td>
											</tr>
										))}
									</tbody>
								</table>
							</div>
							{uploadForm}
						</>
					) : (
						<>
							{busy ? (
								<div className="govuk-inset-text">
									Someone else in the council is importing a file. Wait for it to finish, then import this one.
								</div>
							) : null}
							<p className="govuk-body">
								Nothing has been imported yet. Schools are matched by URN and children by UPN, so importing a file again updates what it
								imported before rather than adding it twice.
							</p>
							<p className="govuk-body">Every row is imported, or none is: if anything goes wrong part-way, nothing changes.</p>
							<Form method="post" className="govuk-button-group">
								<input type="hidden" name="upload" value={upload.key} />
								<button type="submit" name="intent" value="import" className="govuk-button" data-module="govuk-button">
									Import {pluralise(upload.rows, 'row')}
								</button>
								<button type="submit" name="intent" value="cancel" className="govuk-button govuk-button--secondary" data-module="govuk-button">
									Cancel
								</button>
							</Form>
						</>
					)}
				</>
			) : (
				<>
					<p className="govuk-body">
						Add or update children, their schools and their EHC plans from a CSV file exported from the council’s case management system.
					</p>
					<ol className="govuk-list govuk-list--number">
						<li>
							<a className="govuk-link" href="/admin/import/template.csv" download>
								Download the template (CSV)
							</a>{' '}
							and check the columns below.
						</li>
						<li>Upload the file. Every row is checked and you see what would change. Nothing is imported yet.</li>
						<li>If there are no problems, import it.</li>
					</ol>
					<details className="govuk-details">
						<summary className="govuk-details__summary">
							<span className="govuk-details__summary-text">The columns</span>
						</summary>
						<div className="govuk-details__text">
							<p className="govuk-body">
								Headings are matched ignoring capitals and spaces; other columns are ignored. A blank cell in an optional column keeps what the
								portal already holds: an import never erases.
							</p>
							<table className="govuk-table">
								<caption className="govuk-table__caption govuk-visually-hidden">Columns of the import file</caption>
								<TableHead columns={['Column', 'Needed', 'What it holds']} />
								<tbody className="govuk-table__body">
									{IMPORT_COLUMNS.map((c) => (
										<tr className="govuk-table__row" key={c.name}>
											<td className="govuk-table__cell">
												<code>{c.name}</code>
											</td>
											<td className="govuk-table__cell">{c.required ? 'Yes' : 'No'}</td>
											<td className="govuk-table__cell">{c.description}</td>
										</tr>
									))}
								</tbody>
							</table>
							<p className="govuk-body">
								When a plan’s sections B, E, F or I in the file differ from the portal’s current version, a new version of the plan is added
								with the file’s wording; earlier versions, and reviews of them, are kept. The last review date never moves backwards.
							</p>
						</div>
					</details>
					{uploadForm}
					{recent.length ? (
						<table className="govuk-table">
							<caption className="govuk-table__caption govuk-table__caption--m">Recent imports</caption>
							<TableHead columns={['When', 'By', 'File', 'Result']} />
							<tbody className="govuk-table__body">
								{recent.map((job) => (
									<tr className="govuk-table__row" key={job.id}>
										<td className="govuk-table__cell">{job.at}</td>
										<td className="govuk-table__cell">{job.by}</td>
										<td className="govuk-table__cell">{job.fileName}</td>
										<td className="govuk-table__cell">
											{job.mine ? (
												<a className="govuk-link" href={`/jobs/${job.id}`}>
													{job.outcome}
												</a>
											) : (
												job.outcome
											)}
										</td>
									</tr>
								))}
							</tbody>
						</table>
					) : null}
				</>
			)}
		</>
	)
}
