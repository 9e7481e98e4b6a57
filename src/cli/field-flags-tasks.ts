/**
 * The flags of the task commands named by the fields that the task store's errors carry
 * (src/store/task-writes.ts): the store speaks of 'percent', the command line of --percent.
 */
export const TASK_FIELD_FLAGS: Record<string, string> = {
  kind: '--kind',
  on: '--on',
  percent: '--percent',
  reason: '--reason',
};
