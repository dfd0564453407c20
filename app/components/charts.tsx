// Bar charts drawn on the server as SVG, readable without JavaScript or colour: each chart is one image with
// a title and a description that reads out every value (role="img"), has labelled axes, prints each value on
// its bar, and tells its series apart by pattern and legend as well as colour. No style attributes (the CSP
// forbids them): presentation attributes and classes in app/styles/app.scss. A table with the same numbers
// follows every chart on the page.

const WIDTH = 760
const MARGIN = { top: 34, right: 16, left: 64 }
const PLOT_HEIGHT = 220
const PLOT_WIDTH = WIDTH - MARGIN.left - MARGIN.right

export interface ChartGroup {
	/** Short label under the bars, e.g. 'Nov 2025'. */
	label: string
	/** One value per series; null when there is nothing to show (printed as "none"). */
	values: Array<number | null>
	/** What to print above each bar, e.g. '47%'. */
	printed: string[]
}

export interface ChartSeries {
	name: string
	/** solid: filled; hatched: diagonal lines, so the series differ by more than colour. */
	pattern: 'solid' | 'hatched'
}

/** Whole-number gridlines for counts: a step of 1, 2 or 5 times a power of ten, about four of them. */
function countTicks(largest: number): number[] {
	const rough = Math.max(1, largest / 4)
	const magnitude = 10 ** Math.floor(Math.log10(rough))
	const step = [1, 2, 5, 10].map((m) => m * magnitude).find((s) => s >= rough)!
	const top = step * Math.max(1, Math.ceil(largest / step))
	return Array.from({ length: top / step + 1 }, (_, i) => i * step)
}

export function BarChart({
	id,
	title,
	description,
	xAxisLabel,
	yAxisLabel,
	series,
	groups,
	percent,
}: {
	id: string
	title: string
	description: string
	xAxisLabel: string
	yAxisLabel: string
	series: ChartSeries[]
	groups: ChartGroup[]
	/** A 0-100% scale; otherwise a count scale from 0 to a round number above the largest value. */
	percent?: boolean
}) {
	const largest = Math.max(0, ...groups.flatMap((g) => g.values.map((v) => v ?? 0)))
	const ticks = percent ? [0, 25, 50, 75, 100] : countTicks(largest)
	const top = ticks[ticks.length - 1]!
	const y = (value: number) => MARGIN.top + PLOT_HEIGHT - (value / top) * PLOT_HEIGHT
	const slot = PLOT_WIDTH / Math.max(1, groups.length)
	const gap = Math.min(12, slot * 0.2)
	const barWidth = (slot - gap) / series.length
	// With many months the labels under the bars turn 45 degrees and need more room.
	const crowded = slot < 48
	const HEIGHT = MARGIN.top + PLOT_HEIGHT + (crowded ? 72 : 46)
	const valueFont = crowded ? Math.max(8, Math.min(12, barWidth * 0.9)) : 13
	const hatchId = `${id}-hatch`
	return (
		<svg className="app-chart" viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="img" aria-labelledby={`${id}-title ${id}-desc`} id={id}>
			<title id={`${id}-title`}>{title}</title>
			<desc id={`${id}-desc`}>{description}</desc>
			<defs>
				<pattern id={hatchId} patternUnits="userSpaceOnUse" width="8" height="8" patternTransform="rotate(45)">
					<rect width="8" height="8" className="app-chart__hatch-ground" />
					<line x1="0" y1="0" x2="0" y2="8" className="app-chart__hatch-line" strokeWidth="4" />
				</pattern>
			</defs>
			{/* Axes and gridlines */}
			{ticks.map((tick) => (
				<g key={tick}>
					<line x1={MARGIN.left} x2={WIDTH - MARGIN.right} y1={y(tick)} y2={y(tick)} className={tick === 0 ? 'app-chart__axis' : 'app-chart__grid'} />
					<text x={MARGIN.left - 8} y={y(tick) + 4} textAnchor="end" className="app-chart__text" fontSize="12">
						{percent ? `${tick}%` : tick.toLocaleString('en-GB')}
					</text>
				</g>
			))}
			<line x1={MARGIN.left} x2={MARGIN.left} y1={MARGIN.top} y2={MARGIN.top + PLOT_HEIGHT} className="app-chart__axis" />
			<text
				x={14}
				y={MARGIN.top + PLOT_HEIGHT / 2}
				transform={`rotate(-90 14 ${MARGIN.top + PLOT_HEIGHT / 2})`}
				textAnchor="middle"
				className="app-chart__text"
				fontSize="13"
				fontWeight="bold"
			>
				{yAxisLabel}
			</text>
			<text x={MARGIN.left + PLOT_WIDTH / 2} y={HEIGHT - 6} textAnchor="middle" className="app-chart__text" fontSize="13" fontWeight="bold">
				{xAxisLabel}
			</text>
			{/* Legend (only needed with more than one series) */}
			{series.length > 1
				? series.map((s, i) => (
						<g key={s.name} transform={`translate(${MARGIN.left + 8 + i * 120} 6)`}>
							<rect
								width="16"
								height="16"
								className={`app-chart__bar app-chart__bar--${s.pattern}`}
								fill={s.pattern === 'hatched' ? `url(#${hatchId})` : undefined}
							/>
							<text x="22" y="13" className="app-chart__text" fontSize="13">
								{s.name}
							</text>
						</g>
					))
				: null}
			{/* Bars, each with its value printed above it */}
			{groups.map((group, gi) => {
				const x0 = MARGIN.left + gi * slot + gap / 2
				const labelX = x0 + (slot - gap) / 2
				const labelY = MARGIN.top + PLOT_HEIGHT + 16
				return (
					<g key={group.label}>
						{group.values.map((value, si) => {
							const x = x0 + si * barWidth
							const s = series[si]!
							const height = value === null ? 0 : Math.max(0, MARGIN.top + PLOT_HEIGHT - y(value))
							return (
								<g key={s.name}>
									{value !== null && height > 0 ? (
										<rect
											x={x + 1}
											y={y(value)}
											width={Math.max(1, barWidth - 2)}
											height={height}
											className={`app-chart__bar app-chart__bar--${s.pattern}`}
											fill={s.pattern === 'hatched' ? `url(#${hatchId})` : undefined}
										/>
									) : null}
									<text
										x={x + barWidth / 2}
										y={(value === null ? MARGIN.top + PLOT_HEIGHT : y(value)) - 4}
										textAnchor="middle"
										className="app-chart__text"
										fontSize={valueFont}
									>
										{group.printed[si]}
									</text>
								</g>
							)
						})}
						{crowded ? (
							<text
								x={labelX}
								y={labelY}
								transform={`rotate(-45 ${labelX} ${labelY})`}
								textAnchor="end"
								className="app-chart__text"
								fontSize="11"
							>
								{group.label}
							</text>
						) : (
							<text x={labelX} y={labelY} textAnchor="middle" className="app-chart__text" fontSize="12">
								{group.label}
							</text>
						)}
					</g>
				)
			})}
		</svg>
	)
}
