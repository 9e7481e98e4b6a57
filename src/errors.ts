import type { Params, Translate } from './i18n/index.js';

/** Exit codes, documented in the README. */
export const ExitCode = {
  ok: 0,
  runtime: 1,
  usage: 2,
  /** `overdue --fail-on-overdue` found something overdue. */
  overdueFound: 3,
  /** `sync status` found a ward (or, at a ward, the city) with no news for longer than --stale. */
  staleFound: 3,
  interrupted: 130,
} as const;

/**
 * An error the user can act on. It carries a message key and its parameters, not text,
 * so that the boundary prints it in the user's language.
 */
export class UserError extends Error {
  constructor(
    readonly key: string,
    readonly params: Params = {},
    readonly exitCode: number = ExitCode.usage,
  ) {
    super(key);
  }
}

/** Bad input: exit 2, nothing written. */
export class UsageError extends UserError {
  constructor(key: string, params: Params = {}) {
    super(key, params, ExitCode.usage);
  }
}

/** A runtime or domain failure (missing record, unwritable file): exit 1. */
export class RuntimeError extends UserError {
  constructor(key: string, params: Params = {}) {
    super(key, params, ExitCode.runtime);
  }
}

export class NotFoundError extends RuntimeError {}

/**
 * A user error's message in the user's language; record kinds travel as stable words ("unit") and are
 * named here. `nameField` says a data field the way the reader knows it (the command line: its flag).
 */
export function userErrorText(err: UserError, t: Translate, nameField?: (field: string) => string): string {
  const params = { ...err.params };
  if (nameField && typeof params.field === 'string') params.field = nameField(params.field);
  if (typeof params.entity === 'string') params.entity = t(`entity.${params.entity}`);
  // A system error code (ENOENT) is said in words, never shown alone.
  if (typeof params.reason === 'string' && /^E[A-Z]+$/.test(params.reason)) params.reason = systemReason(params.reason, t);
  return t(err.key, params);
}

/** "ENOENT" → "tệp không tồn tại"; a code without words of ours is named with what it is. */
export function systemReason(code: string, t: Translate): string {
  const key = `sys.${code}`;
  const text = t(key);
  return text === key ? t('sys.other', { code }) : text;
}

/** The reader of the output went away (`thuky overdue | head`): the run ends quietly, exit 0. */
export class OutputClosedError extends Error {
  readonly code = 'EPIPE';
  constructor() {
    super('EPIPE');
  }
}
