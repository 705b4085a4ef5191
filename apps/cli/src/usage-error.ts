/** A problem the user fixes before any request is sent: printed without a stack trace, exit code 1. */
export class UsageError extends Error {}
