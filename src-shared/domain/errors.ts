/**
 * A caller supplied a value the domain rules cannot work with (malformed version, unknown tier,
 * time without offset, ...). `field` names the offending input so a form or the CLI can point
 * at it; anything else thrown by the domain is a bug, not bad input.
 */
export class InputError extends Error {
  constructor(
    message: string,
    readonly field?: string,
  ) {
    super(message);
    this.name = 'InputError';
  }
}
