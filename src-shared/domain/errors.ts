/**
 * A caller supplied a value the domain rules cannot work with (malformed version, unknown tier,
 * time without offset, ...). `field` names the offending input so a form or the CLI can point
 * at it; anything else thrown by the domain is a bug, not bad input.
 *
 * `message` is English for logs, the CLI and tests. Errors an engineer can meet in a form also
 * carry a `code` (with `params`): the UI shows the message of that code in its language, with
 * the form's label for `field` (src-renderer/components/error-text.ts). Params are plain values
 * (dates, numbers, names), never field names.
 */
export class InputError extends Error {
  readonly code?: string;
  readonly params: Readonly<Record<string, string | number>>;

  constructor(
    message: string,
    readonly field?: string,
    detail: { code: string; params?: Record<string, string | number> } | undefined = undefined,
  ) {
    super(message);
    this.name = 'InputError';
    this.code = detail?.code;
    this.params = detail?.params ?? {};
  }
}
