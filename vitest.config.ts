import { defineConfig } from 'vitest/config'

// Unit tests sit beside the code; integration tests use a real database: each test file gets its own
// copy of a migrated, seeded template (SQLite file copy, or a PostgreSQL template database when
// TEST_POSTGRES_URL is set). See tests/setup/.
export default defineConfig({
	test: {
		include: ['app/**/*.test.{ts,tsx}', 'emails/**/*.test.{ts,tsx}', 'scripts/**/*.test.ts', 'prisma/**/*.test.ts', 'tests/integration/**/*.test.{ts,tsx}'],
		globalSetup: ['tests/setup/global-setup.ts'],
		setupFiles: ['tests/setup/setup-file.ts'],
		pool: 'forks',
		testTimeout: 30_000,
		hookTimeout: 180_000,
		env: { NODE_ENV: 'test' },
	},
})
