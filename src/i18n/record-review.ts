import type { CataloguePart } from './index.js';

/** The review before saving: its pages on a small terminal, and a meeting like this one already saved. */
const part: CataloguePart = {
  vi: {
    'record.choice.pageNext': 'Xem tiếp ▼ (từ dòng {from}/{total})',
    'record.choice.pagePrev': 'Xem lại ▲',
    'record.reviewPage': '(dòng {from}–{to}/{total})',
    'record.recapLinesAbove': '  … ({n} dòng ở trên không hiện)',
    'record.choice.saveAnyway': 'Vẫn lưu thành hội nghị mới',
    'record.choice.openExisting': 'Mở hội nghị đã có số {id} (không lưu hội nghị này)',
    'record.q.keepDraftForExisting': 'Giữ bản nháp này để dùng sau? (không giữ thì bỏ)',
    'record.openExisting': 'Chưa lưu. Hội nghị đã có: thuky meeting show {id}; ghi thêm ý kiến: thuky speech add {id} …; thêm kết luận: thuky meeting conclude {id} …',
  },
  en: {
    'record.choice.pageNext': 'More ▼ (from line {from}/{total})',
    'record.choice.pagePrev': 'Back up ▲',
    'record.reviewPage': '(lines {from}–{to}/{total})',
    'record.recapLinesAbove': '  … ({n} lines above not shown)',
    'record.choice.saveAnyway': 'Save anyway, as a new meeting',
    'record.choice.openExisting': 'Open meeting {id} instead (this one is not saved)',
    'record.q.keepDraftForExisting': 'Keep this draft for later? (otherwise it is discarded)',
    'record.openExisting': 'Not saved. The existing meeting: thuky meeting show {id}; add speeches: thuky speech add {id} …; add conclusions: thuky meeting conclude {id} …',
  },
};
export default part;
