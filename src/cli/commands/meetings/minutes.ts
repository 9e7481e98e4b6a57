/** Writes the minutes of a meeting to stdout or to a file, in Markdown, plain text, Word or JSON. */
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { sanitizeForTerminal } from '../../../domain/text.js';
import { buildMinutes, renderMinutesMarkdown, renderMinutesText } from '../../../render/minutes.js';
import type { MeetingDetail } from '../../../store/meetings.js';
import type { Env } from '../../env.js';
import { RuntimeError } from '../../errors.js';

export async function writeMinutes(env: Env, m: MeetingDetail, format: 'md' | 'txt' | 'docx' | 'json', out: string | undefined): Promise<void> {
  const model = buildMinutes(m, env.lang, env.t);
  let content: string | Buffer;
  if (format === 'docx') {
    const { renderMinutesDocx } = await import('../../../render/minutes-docx.js');
    content = await renderMinutesDocx(model, { title: `${model.title} — ${model.subtitle}`, creator: 'thuky' });
  } else if (format === 'json') content = JSON.stringify(model, null, 2) + '\n';
  // Control characters in stored text never reach a terminal or a text file.
  else if (format === 'txt') content = sanitizeForTerminal(renderMinutesText(model));
  else content = sanitizeForTerminal(renderMinutesMarkdown(model));
  if (!out) {
    env.print(String(content));
    return;
  }
  const path = resolve(env.ctx.cwd, out);
  try {
    writeFileSync(path, content, { mode: 0o600 });
  } catch (err) {
    throw new RuntimeError('minutes.cannotWrite', { path, reason: (err as NodeJS.ErrnoException).code ?? String(err) });
  }
  env.info('minutes.written', { path, id: m.id, format });
}
