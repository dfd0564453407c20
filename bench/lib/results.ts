// Results files that keep their history: each run is written at the top of the list of runs, under a fixed
// introduction, so a run before a change and a run after it can be read side by side.
import fs from 'node:fs'
import os from 'node:os'

const MARK = '<!-- runs: newest first; each run is added here by the benchmark -->'

export function writeRun(file: string, introduction: string[], run: string[]) {
	const previous = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : ''
	const at = previous.indexOf(MARK)
	const older = at === -1 ? '' : previous.slice(at + MARK.length).replace(/^\n+/, '')
	fs.writeFileSync(
		file,
		[...introduction, '', MARK, '', ...run, '', older]
			.join('\n')
			.replace(/\n{3,}/g, '\n\n')
			.trimEnd() + '\n',
	)
}

export function machine(): string {
	const cpus = os.cpus()
	return `${cpus[0]?.model.trim() ?? 'unknown CPU'}, ${cpus.length} cores, ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB; Node ${process.version}; load average ${os
		.loadavg()
		.map((l) => l.toFixed(1))
		.join(' / ')} at the start`
}

export function percentile(sorted: number[], p: number): number {
	if (!sorted.length) return Number.NaN
	return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!
}

export const mib = (bytes: number) => `${(bytes / 2 ** 20).toFixed(0)} MiB`

export function parseArgs(argv: string[]): Map<string, string> {
	const args = new Map<string, string>()
	for (let i = 0; i < argv.length; i++) {
		const arg = argv[i]!
		if (!arg.startsWith('--')) continue
		const [name, inline] = arg.slice(2).split('=', 2) as [string, string | undefined]
		if (inline !== undefined) args.set(name, inline)
		else if (argv[i + 1] !== undefined && !argv[i + 1]!.startsWith('--')) args.set(name, argv[++i]!)
		else args.set(name, 'true')
	}
	return args
}
