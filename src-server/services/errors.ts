import type { ErrorCode, FieldError } from '../../src-shared/sync';

/** An error that becomes an HTTP response with the protocol's error body. */
export class HttpError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: ErrorCode,
    message: string,
    readonly fieldErrors?: FieldError[],
  ) {
    super(message);
    this.name = 'HttpError';
  }
}

export const unauthenticated = (code: ErrorCode, message: string) =>
  new HttpError(401, code, message);
export const forbidden = (message: string) => new HttpError(403, 'forbidden', message);
export const badRequest = (message: string) => new HttpError(400, 'bad_request', message);
