/** A refusal the RP answers with `status { error: code, message, step? }` (always 4xx, never 5xx). */
export class ApiFailure extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly step?: string,
    readonly extra?: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'ApiFailure';
  }
}
