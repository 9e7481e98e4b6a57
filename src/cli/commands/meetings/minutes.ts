/** Writes the minutes of a meeting to stdout or to a file, in Markdown, plain text, Word or JSON. */
import { writeFileSync } from 'node:fs';
import { sanitizeForTerminal } from '../../../domain/text.js';
import { buildMinutes, renderMinutesMarkdown, renderMinutesText } from '../../../render/minutes.js';
import type { MeetingDetail } from '../../../store/meetings/detail.js';
import type { Env } from '../../env.js';
import { outPath, writeAtomically, writeBinary } from '../../output-file.js';

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
    // Word is a binary file: to a pipe, never to a terminal.
    if (format === 'docx') return writeBinary(env, 'docx', async (target) => void target.stream!.write(content));
    env.print(String(content));
    return;
  }
  // Written beside its name and renamed when complete: a failure leaves nothing behind; an
  // existing file is replaced only with --force.
  const path = outPath(env)!;
  await writeAtomically(path, (tmp) => writeFileSync(tmp, content, { mode: 0o600 }));
  env.info('minutes.written', { path, id: m.id, format });
}
