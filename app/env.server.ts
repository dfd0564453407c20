import { z } from 'zod'
import { trustProxySetting } from '#app/http/client-address.server.js'

// Every setting the portal reads, validated once at start-up: a bad value stops the server with a clear message.
// The defaults run the embedded mode: a SQLite file, a local evidence folder and a local email outbox.
const booleanFlag = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1')

export const EnvSchema = z.object({
	NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
	DATABASE_URL: z
		.string()
		.regex(/^(file:|postgres:\/\/|postgresql:\/\/)/, 'must start with file: (SQLite) or postgres:// (PostgreSQL)')
		.default('file:./data/portal.db'),
	APP_URL: z.url('must be the full address people use, e.g. https://ehc-reviews.example.gov.uk').default('http://localhost:3000'),
	COUNCIL_NAME: z.string().optional(),
	EVIDENCE_DIR: z.string().min(1).default('./data/evidence'),
	DOCUMENTS_DIR: z.string().min(1).default('./data/documents'),
	MAX_UPLOAD_MB: z.coerce.number().positive().max(500).default(20),
	CLAMD_SOCKET: z.string().optional(),
	SMTP_URL: z
		.string()
		.regex(/^smtps?:\/\//, 'must be smtp:// or smtps://')
		.optional(),
	OUTBOX_DIR: z.string().min(1).default('./data/outbox'),
	MAIL_FROM: z.string().min(3).default('EHC annual reviews <no-reply@localhost>'),
	COOKIE_SECURE: booleanFlag.optional(),
	SESSION_IDLE_MINUTES: z.coerce
		.number()
		.int()
		.min(5)
		.max(24 * 60)
		.default(60),
	SESSION_MAX_HOURS: z.coerce.number().int().min(1).max(72).default(12),
	SIGN_IN_MAX_FAILURES: z.coerce.number().int().min(1).default(5),
	SIGN_IN_WINDOW_MINUTES: z.coerce.number().int().min(1).default(15),
	// Failed sign-ins a minute across every account and address, so that a spray of guesses from many addresses
	// is slowed; far above what a council's staff get wrong in a minute.
	SIGN_IN_GLOBAL_MAX_PER_MINUTE: z.coerce.number().int().min(10).default(100),
	// The proxy whose X-Forwarded-For is believed (express's 'trust proxy'; server.js reads it with the same function).
	TRUST_PROXY: z
		.string()
		.optional()
		.transform((value, ctx) => {
			try {
				return trustProxySetting(value)
			} catch (error) {
				ctx.addIssue({ code: 'custom', message: (error as Error).message })
				return z.NEVER
			}
		}),
	RUN_JOBS: booleanFlag.default(true),
	// Several instances (issue 15; docs/decisions/018): evidence and documents in an S3-compatible store when set
	// (s3://bucket, optionally ?endpoint=https://…&region=…&forcePathStyle=true; credentials from the AWS_* variables);
	// unset keeps the local folders above.
	STORAGE_URL: z
		.string()
		.regex(/^s3:\/\/[a-z0-9][a-z0-9.-]{1,61}[a-z0-9](?:[/?]|$)/, 'must be s3://bucket-name, optionally ?endpoint=…&region=…&forcePathStyle=true')
		.optional(),
	// Connections each instance keeps to PostgreSQL.
	DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
	LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
	// How long a stopping instance waits for running requests, jobs and email before it exits.
	SHUTDOWN_TIMEOUT_SECONDS: z.coerce.number().int().min(1).max(600).default(25),
})

export type Env = z.infer<typeof EnvSchema>

export function parseEnv(source: Record<string, string | undefined>): Env {
	const result = EnvSchema.safeParse(source)
	if (!result.success) {
		const problems = result.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`).join('\n')
		throw new Error(`The portal cannot start: these environment variables are not valid:\n${problems}\nSee "Configuration" in README.md.`)
	}
	return result.data
}

export const env = parseEnv(process.env)

export const isProduction = env.NODE_ENV === 'production'
export const cookieSecure = env.COOKIE_SECURE ?? isProduction
