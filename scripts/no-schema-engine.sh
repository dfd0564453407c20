#!/bin/sh
# PRISMA_SCHEMA_ENGINE_BINARY points here when scripts/db.ts runs the Prisma CLI (generate, validate, format).
# The Prisma 7 CLI downloads a native schema engine before every command unless this variable names an existing
# file; those commands never execute it. Migrations use the WebAssembly engine instead (scripts/migrations.ts).
echo "The native Prisma schema engine is not installed on purpose: use 'npx tsx scripts/db.ts' (migrate:new, migrate:deploy, migrate:check, reset) instead of 'prisma migrate' / 'prisma db'. See docs/decisions/004-migrations-without-native-engine.md." >&2
exit 1
