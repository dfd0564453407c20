import { defineConfig, devices } from '@playwright/test'

const PORT = Number(process.env.E2E_PORT ?? 3100)

// Journeys drive Debian's Chromium (Playwright's own browser download cannot run on these machines):
// scripts/ensure-chromium.sh installs it when absent. The app runs as built, in production mode, on a
// fresh seeded SQLite database (scripts/e2e-server.ts).
export default defineConfig({
	testDir: 'tests/e2e',
	fullyParallel: true,
	workers: 2,
	retries: 0,
	forbidOnly: !!process.env.CI,
	reporter: [['list']],
	// Every page a journey visits is checked by axe (tests/e2e/fixtures.ts), which takes 2 to 10 s a page on a
	// busy 2-core machine (the long timeliness and caseload pages the most): a journey of about ten pages took
	// up to 90 s there, so each test has 3 minutes. The long journeys call test.slow() (three times as long) or
	// set their own limit.
	timeout: 180_000,
	// What a page shows after a form is sent can take more than the default 5 s on a busy machine.
	expect: { timeout: 15_000 },
	use: {
		baseURL: `http://localhost:${PORT}`,
		trace: 'retain-on-failure',
		launchOptions: {
			executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
			args: [
				'--no-sandbox',
				'--disable-gpu',
				'--disable-background-networking',
				'--disable-component-update',
				'--disable-sync',
				'--no-first-run',
				'--disable-quic',
			],
		},
	},
	projects: [
		{ name: 'chromium', use: { ...devices['Desktop Chrome'] }, testIgnore: /no-js/ },
		{ name: 'no-javascript', use: { ...devices['Desktop Chrome'], javaScriptEnabled: false }, testMatch: /no-js/ },
	],
	webServer: {
		command: 'npx tsx scripts/e2e-server.ts',
		url: `http://localhost:${PORT}/healthz`,
		reuseExistingServer: false,
		timeout: 180_000,
		env: { E2E_PORT: String(PORT) },
		stdout: 'pipe',
	},
})
