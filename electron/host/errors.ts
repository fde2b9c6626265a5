import type { ApiError } from './api/contract';

/** An error a handler raises on purpose; the router turns it into an ApiError with this code. */
export class HostError extends Error {
  constructor(
    readonly code: ApiError['code'],
    message: string,
  ) {
    super(message);
    this.name = 'HostError';
  }
}
