/** Messages of the database's identity checks, unambiguous lookups and task reopening. */
import type { CataloguePart } from './index.js';

const part: CataloguePart = {
  vi: {
    'db.foreign':
      '{path} không phải là cơ sở dữ liệu của thuky (tệp của chương trình khác, hoặc không phải tệp SQLite); thuky không dùng nó. Tệp không bị thay đổi. Chọn tệp khác bằng --db hoặc THUKY_DB',
    'cmd.task.opt.reopenPercent': 'tiến độ hiện có, từ 0 đến 100 (mặc định: tiến độ ghi lần cuối trước khi hoàn thành)',
    'lookup.idOrCode':
      '"{query}" vừa là mã số của một {entity} vừa là mã (viết tắt) của {entity} khác; viết #{id} để chọn theo mã số, hoặc gõ tên:\n{candidates}',
  },
  en: {
    'db.foreign':
      '{path} is not a thuky database (another program\'s file, or not an SQLite file); thuky will not use it. The file was not changed. Choose another file with --db or THUKY_DB',
    'cmd.task.opt.reopenPercent': 'the progress it has now, 0 to 100 (default: the last progress recorded before completion)',
    'lookup.idOrCode': '"{query}" is both the id of one {entity} and the code of another {entity}; write #{id} for the id, or type the name:\n{candidates}',
  },
};

export default part;
