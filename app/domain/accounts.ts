// Accounts: how long an invitation or password-reset link works, and the shortest password accepted.
// NCSC password guidance: length over complexity, so a minimum length and no composition rules.

export const INVITE_DAYS = 7
export const MIN_PASSWORD = 12
