// A Prisma select written as a list of fields: a page reads exactly what its form edits, the import exactly the
// columns it compares. Pure, so modules without the database client (and their tests) can build one.

/** A Prisma select of exactly these fields. */
export const selectOf = <F extends string>(fields: readonly F[]) => Object.fromEntries(fields.map((f) => [f, true])) as Record<F, true>
