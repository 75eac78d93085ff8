/**
 * The one error catalogue: stable codes (they appear on error pages and in API responses, so support
 * staff and logs can name them), the HTTP status, and the i18n key of the message a person reads.
 */
export const errorCatalogue = {
  NOT_FOUND: { status: 404, messageKey: 'core.errors.NOT_FOUND' },
  COMMUNE_NOT_FOUND: { status: 404, messageKey: 'core.errors.COMMUNE_NOT_FOUND' },
  MODULE_DISABLED: { status: 404, messageKey: 'core.errors.MODULE_DISABLED' },
  SIGN_IN_REQUIRED: { status: 401, messageKey: 'core.errors.SIGN_IN_REQUIRED' },
  FORBIDDEN: { status: 403, messageKey: 'core.errors.FORBIDDEN' },
  CSRF_INVALID: { status: 403, messageKey: 'core.errors.CSRF_INVALID' },
  VALIDATION_FAILED: { status: 422, messageKey: 'core.errors.VALIDATION_FAILED' },
  RATE_LIMITED: { status: 429, messageKey: 'core.errors.RATE_LIMITED' },
  PAYLOAD_TOO_LARGE: { status: 413, messageKey: 'core.errors.PAYLOAD_TOO_LARGE' },
  UNSUPPORTED_FILE_TYPE: { status: 415, messageKey: 'core.errors.UNSUPPORTED_FILE_TYPE' },
  BAD_REQUEST: { status: 400, messageKey: 'core.errors.BAD_REQUEST' },
  CONFLICT: { status: 409, messageKey: 'core.errors.CONFLICT' },
  REQUEST_IN_PROGRESS: { status: 409, messageKey: 'core.errors.REQUEST_IN_PROGRESS' },
  /** A budget round's rule or project list changed after its vote opened. */
  BUDGET_FROZEN: { status: 409, messageKey: 'core.errors.BUDGET_FROZEN' },
  IDEMPOTENCY_KEY_REUSED: { status: 422, messageKey: 'core.errors.IDEMPOTENCY_KEY_REUSED' },
  INTERNAL: { status: 500, messageKey: 'core.errors.INTERNAL' },
} as const;

export type ErrorCode = keyof typeof errorCatalogue;

export class AppError extends Error {
  readonly status: number;
  readonly messageKey: string;

  constructor(
    readonly code: ErrorCode,
    /** Internal detail for logs; never shown to the user. */
    detail?: string,
  ) {
    super(detail ?? code);
    this.name = 'AppError';
    this.status = errorCatalogue[code].status;
    this.messageKey = errorCatalogue[code].messageKey;
  }
}

export const notFound = (detail?: string) => new AppError('NOT_FOUND', detail);
export const forbidden = (detail?: string) => new AppError('FORBIDDEN', detail);
