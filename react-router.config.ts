import type { Config } from '@react-router/dev/config'

export default {
	ssr: true,
	// BUILD_DIR lets a benchmark or a second checkout build beside the usual build/ without replacing it.
	buildDirectory: process.env.BUILD_DIR ?? 'build',
	// React Router 8's behaviour, switched on now so the move to 8 is a version bump (docs/decisions/001).
	future: {
		v8_middleware: true,
		v8_splitRouteModules: true,
		v8_viteEnvironmentApi: true,
		v8_passThroughRequests: true,
		v8_trailingSlashAwareDataRequests: true,
	},
} satisfies Config
