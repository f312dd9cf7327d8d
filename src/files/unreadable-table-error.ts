/** Thrown when the bytes cannot be read as the format their name says. */
export class UnreadableTableError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'UnreadableTableError';
  }
}
