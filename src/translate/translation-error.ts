/** A request or response that a codec cannot read: names the field at fault (JSON path). */
export class TranslationError extends Error {
  constructor(
    message: string,
    readonly field?: string,
  ) {
    super(message);
    this.name = 'TranslationError';
  }
}
