/** The run's output streams through the one terminal neutraliser (render/terminal.ts) when they are terminals. */
import { neutraliseForTerminal } from '../render/terminal.js';
import type { Ctx, OutStream } from './context.js';

function guarded(stream: OutStream): OutStream {
  return {
    get isTTY() {
      return stream.isTTY;
    },
    get columns() {
      return stream.columns;
    },
    get rows() {
      return stream.rows;
    },
    write(chunk) {
      if (!stream.isTTY) return stream.write(chunk);
      stream.write(neutraliseForTerminal(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8')));
    },
    writeColoured(chunk) {
      if (!stream.isTTY) return stream.write(chunk);
      stream.write(neutraliseForTerminal(chunk, true));
    },
  };
}

/** The context with its stdout and stderr neutralised when they are terminals (its other fields as they are). */
export function terminalSafe(ctx: Ctx): Ctx {
  return Object.create(ctx, { stdout: { value: guarded(ctx.stdout), enumerable: true }, stderr: { value: guarded(ctx.stderr), enumerable: true } }) as Ctx;
}
