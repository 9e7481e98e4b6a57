import type { CataloguePart } from './index.js';

const part: CataloguePart = {
  vi: {
    'entity.meeting': 'hội nghị',
    'entity.speech': 'ý kiến phát biểu',
    'entity.conclusion': 'kết luận',
    'meeting.badTime': '{field}: "{value}" không phải là giờ; nhập HH:mm từ 00:00 đến 23:59, ví dụ 08:00 hoặc 8h30',
    'meeting.endBeforeStart': '--end: giờ kết thúc {end} trước giờ bắt đầu {start}',
    'meeting.titleEmpty': '--title: tên (nội dung) hội nghị không được để trống',
    'meeting.absentNeedsReason': '{unit} vắng mặt: cần nêu lý do (--reason)',
    'meeting.closedNeedsForce': 'biên bản hội nghị {id} đã chốt lúc {closedAt}; muốn sửa hãy thêm --force (thay đổi sẽ được ghi nhật ký)',
    'meeting.unitNotInvited': '{unit} không có trong danh sách đơn vị được mời của hội nghị {id}; mời thêm bằng: thuky meeting edit {id} --invite <đơn vị>',
    'meeting.unitHasSpeeches': '{unit} đã có ý kiến phát biểu tại hội nghị này nên không thể bỏ khỏi danh sách mời',
    'speech.summaryEmpty': 'nội dung tóm tắt ý kiến không được để trống (--summary hoặc --summary-file)',
    'speech.needSpeakerOrUnit': 'ý kiến phát biểu cần người phát biểu (--speaker) hoặc đơn vị (--unit)',
    'conclusion.textEmpty': '--text: nội dung kết luận không được để trống',
    'conclusion.dueBeforeMeeting': '--due: thời hạn {due} trước ngày họp {heldOn}',
  },
  en: {
    'entity.meeting': 'meeting',
    'entity.speech': 'speech',
    'entity.conclusion': 'conclusion',
    'meeting.badTime': '{field}: "{value}" is not a time of day; use HH:mm from 00:00 to 23:59, e.g. 08:00 or 8h30',
    'meeting.endBeforeStart': '--end: end time {end} is before start time {start}',
    'meeting.titleEmpty': '--title: the meeting title (topic) cannot be empty',
    'meeting.absentNeedsReason': '{unit} absent: a reason is required (--reason)',
    'meeting.closedNeedsForce': 'the minutes of meeting {id} were closed at {closedAt}; add --force to change them (the change is logged)',
    'meeting.unitNotInvited': '{unit} is not among the units invited to meeting {id}; invite it with: thuky meeting edit {id} --invite <unit>',
    'meeting.unitHasSpeeches': '{unit} has spoken at this meeting and cannot be removed from the invitations',
    'speech.summaryEmpty': 'the speech summary cannot be empty (--summary or --summary-file)',
    'speech.needSpeakerOrUnit': 'a speech needs a speaker (--speaker) or a unit (--unit)',
    'conclusion.textEmpty': '--text: the conclusion text cannot be empty',
    'conclusion.dueBeforeMeeting': '--due: time limit {due} is before the meeting date {heldOn}',
  },
};
export default part;
