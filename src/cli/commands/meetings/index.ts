/** meeting add/attendance/list/show/edit/close/conclude/minutes, speech add/list, and the corrections: one module per command. */
import type { Command } from 'commander';
import type { Cli } from '../../program.js';
import type { Parents } from '../index.js';
import { registerAdd } from './add.js';
import { registerAttendance } from './attendance.js';
import { registerClose } from './close.js';
import { registerConclude } from './conclude.js';
import { registerCorrections } from './corrections.js';
import { registerEdit } from './edit.js';
import { registerList } from './list.js';
import { registerMinutes } from './minutes-command.js';
import { registerShow } from './show-command.js';
import { registerSpeech } from './speech.js';

export function registerMeetings(program: Command, cli: Cli, parents: Parents): void {
  const meeting = parents.meeting;
  registerAdd(meeting, cli);
  registerAttendance(meeting, cli);
  registerList(meeting, cli);
  registerShow(meeting, cli);
  registerEdit(meeting, cli);
  registerClose(meeting, cli);
  registerConclude(meeting, cli);
  registerMinutes(meeting, cli);
  registerSpeech(program, cli);
  registerCorrections(program, meeting, cli);
}
