/**
 * A reason the database cannot be had that the operator must fix. Its message is one line that
 * says what to do; start-up prints it as it is, without a stack trace.
 */
export class DatabaseSetupError extends Error {
  override readonly name = 'DatabaseSetupError';
}
