// Lint for the whole tree (npm run lint, inside npm test): JavaScript's and TypeScript's recommended rules, React's
// rules of hooks, jsx-a11y's accessibility rules (the service must meet WCAG 2.2 AA; axe checks the pages the
// journeys visit, this checks every component as it is written) and one import order. Formatting is Prettier's.
// A rule is turned off only with its reason on the same line.
import js from '@eslint/js'
import importX from 'eslint-plugin-import-x'
import jsxA11y from 'eslint-plugin-jsx-a11y'
import reactHooks from 'eslint-plugin-react-hooks'
import globals from 'globals'
import tseslint from 'typescript-eslint'

export default tseslint.config(
	{
		ignores: [
			'app/generated/**',
			'build/**',
			'.builds/**',
			'.react-router/**',
			'node_modules/**',
			'data/**',
			'tests/.tmp/**',
			'bench/results/**',
			'playwright-report/**',
			'test-results/**',
			'public/**',
		],
	},
	js.configs.recommended,
	...tseslint.configs.recommended,
	{
		files: ['**/*.{ts,tsx,js,mjs}'],
		languageOptions: { ecmaVersion: 2024, sourceType: 'module', globals: { ...globals.node, ...globals.browser } },
		linterOptions: { reportUnusedDisableDirectives: 'error' },
		plugins: { 'import-x': importX },
		rules: {
			'@typescript-eslint/no-unused-vars': [
				'error',
				{ argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none', ignoreRestSiblings: true },
			],
			'@typescript-eslint/consistent-type-imports': [
				'error',
				{ prefer: 'type-imports', fixStyle: 'inline-type-imports', disallowTypeAnnotations: false },
			],
			'import-x/order': [
				'error',
				{
					groups: ['builtin', 'external', 'internal', 'parent', 'sibling', 'index'],
					pathGroups: [{ pattern: '#*/**', group: 'internal' }],
					alphabetize: { order: 'asc', caseInsensitive: true },
				},
			],
			'import-x/no-duplicates': 'error',
			'no-console': ['error', { allow: ['info', 'warn', 'error'] }],
		},
	},
	{
		files: ['app/**/*.tsx', 'emails/**/*.tsx'],
		...reactHooks.configs.flat['recommended-latest'],
	},
	{
		files: ['app/**/*.tsx', 'emails/**/*.tsx'],
		...jsxA11y.flatConfigs.recommended,
	},
	{
		// Scripts, benchmarks and tests report to whoever runs them; tests read loaders' and actions' results, whose
		// types are the routes' generated unions, and poke at rows the way a hostile request would.
		files: ['scripts/**', 'bench/**', 'tests/**', 'prisma/**', '**/*.test.{ts,tsx}'],
		rules: { 'no-console': 'off', '@typescript-eslint/no-explicit-any': 'off' },
	},
)
