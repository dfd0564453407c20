import { defineConfig } from 'vitest/config'

// Tests of the built server as `npm start` runs it (tests/server/): concurrent workers on one SQLite file, hostile
// bodies, headers. They need `npm run build` first, so `npm run test:e2e` runs them after building, before the journeys.
export default defineConfig({
	test: {
		include: ['tests/server/**/*.test.ts'],
		pool: 'forks',
		fileParallelism: false,
		testTimeout: 180_000,
		hookTimeout: 180_000,
		env: { NODE_ENV: 'test' },
	},
})
