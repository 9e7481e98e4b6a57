/**
 * The store names the field a bad value was meant for by its data name (`heldOn`, `ord`…); on the
 * command line the user typed a flag, so the error says the flag. Fields set by no flag, and flags
 * named directly by the commands themselves, are shown as they are.
 */
import { userErrorText, type UserError } from '../errors.js';
import type { Translate } from '../i18n/index.js';

/** Data field → the flag that sets it, for meetings, speeches, conclusions, activities and tasks. */
export const FIELD_FLAGS: Record<string, string> = {
  heldOn: '--date',
  kind: '--kind',
  period: '--period',
  startTime: '--start',
  endTime: '--end',
  dueOn: '--due',
  ord: '--order',
  title: '--title',
  text: '--text',
  // tasks (src/store/task-writes.ts)
  on: '--on',
  percent: '--percent',
  reason: '--reason',
};

/** The flag for a field named in an error ("heldOn" → "--date"); anything else unchanged. */
export function flagOfField(field: string): string {
  return Object.hasOwn(FIELD_FLAGS, field) ? FIELD_FLAGS[field] : field;
}

/** A user error as the command line says it: its `field` named by the flag. */
export function cliErrorText(err: UserError, t: Translate): string {
  return userErrorText(err, t, flagOfField);
}
