import { reactRouter } from '@react-router/dev/vite'
import { defineConfig } from 'vite'

export default defineConfig({
	plugins: [reactRouter()],
	css: { preprocessorOptions: { scss: { quietDeps: true, silenceDeprecations: ['import'] } } },
	// lightningcss rejects an old IE hack in govuk-frontend's service navigation (min-width: 0\0); esbuild keeps it.
	build: { sourcemap: false, cssMinify: 'esbuild' },
})
