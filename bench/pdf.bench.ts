/**
 * How long the portal's PDFs take to make, and how much memory, at realistic and large sizes.
 *
 *   npx tsx bench/pdf.bench.ts
 *
 * Each scenario runs in its own child process (so its peak RSS is its own): one warm-up, then 5
 * timed runs. Results are printed and written to bench/results/pdf.md.
 */
import { fork } from 'node:child_process'
import { mkdir, writeFile } from 'node:fs/promises'
import os from 'node:os'
import { fileURLToPath } from 'node:url'
import { PDFDocument } from 'pdf-lib'
import { renderEvidenceBundle, type EvidenceItem } from '#app/pdf/bundle.server.ts'
import { amendmentNoticeFixture, decisionLetterFixture, makeEvidencePdf, scaledReviewRecord } from '#app/pdf/fixtures.ts'
import { renderAmendmentNotice, renderDecisionLetter } from '#app/pdf/letters.server.ts'
import { renderReviewRecord } from '#app/pdf/review-record.server.ts'

const RUNS = 5

interface Result {
	name: string
	pages: number
	bytes: number
	medianMs: number
	maxMs: number
	baseRssMb: number
	peakRssMb: number
	peakHeapMb: number
}

async function evidencePdfs(count: number, pages: number): Promise<EvidenceItem[]> {
	const files = await Promise.all(Array.from({ length: count }, (_, i) => makeEvidencePdf(`Evidence document ${i + 1}`, pages)))
	return files.map((file, i) => ({
		title: `Evidence document ${i + 1}`,
		fileName: `evidence-${i + 1}.pdf`,
		contentType: 'application/pdf',
		load: async () => file,
	}))
}

/** Each scenario prepares its inputs (untimed) and returns the thing to time. */
const SCENARIOS: Record<string, () => Promise<() => Promise<Uint8Array>>> = {
	'Review record, about 10 pages': async () => {
		const input = scaledReviewRecord(1)
		return () => renderReviewRecord(input)
	},
	'Review record, about 100 pages': async () => {
		const input = scaledReviewRecord(17)
		return () => renderReviewRecord(input)
	},
	'Bundle: 10-page record + 20 evidence PDFs x 5 pages': async () => {
		const record = await renderReviewRecord(scaledReviewRecord(1))
		const evidence = await evidencePdfs(20, 5)
		return () =>
			renderEvidenceBundle({ title: 'Evidence bundle', councilName: 'Kent County Council', childName: 'Amara Okafor-Whitfield', record, evidence })
	},
	'Decision letter (cease)': async () => {
		const input = decisionLetterFixture('CEASE')
		return () => renderDecisionLetter(input)
	},
	'Amendment notice + 3 evidence PDFs x 5 pages': async () => {
		const input = amendmentNoticeFixture(await evidencePdfs(3, 5))
		return () => renderAmendmentNotice(input)
	},
}

async function runScenario(name: string): Promise<Result> {
	const make = await SCENARIOS[name]()
	const baseRss = process.memoryUsage().rss
	let peakHeap = 0
	const sample = () => {
		peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed)
	}
	// Sampling misses peaks inside synchronous work; pdf-lib awaits often enough for it to be indicative.
	const timer = setInterval(sample, 2)
	let output = await make() // warm-up: JIT, font files read and parsed
	const times: number[] = []
	for (let i = 0; i < RUNS; i++) {
		const start = performance.now()
		output = await make()
		times.push(performance.now() - start)
		sample()
	}
	clearInterval(timer)
	times.sort((a, b) => a - b)
	return {
		name,
		pages: (await PDFDocument.load(output, { updateMetadata: false })).getPageCount(),
		bytes: output.length,
		medianMs: times[Math.floor(times.length / 2)],
		maxMs: times[times.length - 1],
		baseRssMb: baseRss / 1e6,
		peakRssMb: (process.resourceUsage().maxRSS * 1024) / 1e6, // maxRSS is in kilobytes
		peakHeapMb: peakHeap / 1e6,
	}
}

function inChild(name: string): Promise<Result> {
	return new Promise((resolve, reject) => {
		const child = fork(fileURLToPath(import.meta.url), ['--scenario', name], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] })
		child.once('message', (message) => resolve(message as Result))
		child.once('exit', (code) => (code === 0 ? undefined : reject(new Error(`${name}: exit ${code}`))))
	})
}

const scenarioArg = process.argv.indexOf('--scenario')
if (scenarioArg !== -1) {
	const result = await runScenario(process.argv[scenarioArg + 1])
	process.send?.(result)
	process.disconnect?.()
} else {
	const results: Result[] = []
	for (const name of Object.keys(SCENARIOS)) {
		const result = await inChild(name)
		results.push(result)
		console.log(
			`${name}: ${result.pages} pages, median ${result.medianMs.toFixed(0)} ms, max ${result.maxMs.toFixed(0)} ms, peak RSS ${result.peakRssMb.toFixed(0)} MB`,
		)
	}
	const cpus = os.cpus()
	const lines = [
		'# PDF generation benchmark',
		'',
		`Machine: ${cpus[0]?.model ?? 'unknown CPU'}, ${cpus.length} cores, ${Math.round(os.totalmem() / 1e9)} GB RAM; Node ${process.version}; ${os.platform()} ${os.release()}.`,
		`Date: ${new Date().toISOString().slice(0, 10)}. Command: \`npx tsx bench/pdf.bench.ts\`. ${RUNS} timed runs after one warm-up, each scenario in its own process.`,
		'',
		'| Document | Pages | Size (KB) | Median (ms) | Max (ms) | RSS before (MB) | Peak RSS (MB) | Peak heap used (MB, sampled) |',
		'|---|---:|---:|---:|---:|---:|---:|---:|',
		...results.map(
			(r) =>
				`| ${r.name} | ${r.pages} | ${Math.round(r.bytes / 1000)} | ${r.medianMs.toFixed(0)} | ${r.maxMs.toFixed(0)} | ${r.baseRssMb.toFixed(0)} | ${r.peakRssMb.toFixed(0)} | ${r.peakHeapMb.toFixed(0)} |`,
		),
		'',
		'RSS before is the process after loading the code and preparing the inputs (tsx and its esbuild service included), before the warm-up;',
		'peak RSS is the process maximum. Heap is sampled every 2 ms and after each run, so short peaks inside synchronous work may be missed.',
		'',
	]
	const dir = fileURLToPath(new URL('./results/', import.meta.url))
	await mkdir(dir, { recursive: true })
	await writeFile(`${dir}pdf.md`, lines.join('\n'))
	console.log(`\nWritten to bench/results/pdf.md`)
}
