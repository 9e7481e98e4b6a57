/** Messages of the database's identity checks, unambiguous lookups and task reopening. */
import type { CataloguePart } from './index.js';

const part: CataloguePart = {
  vi: {
    'db.foreign':
      '{path} không phải là cơ sở dữ liệu của thuky (tệp của chương trình khác, hoặc không phải tệp SQLite); thuky không dùng nó. Tệp không bị thay đổi. Chọn tệp khác bằng --db hoặc THUKY_DB',
  },
  en: {
    'db.foreign':
      '{path} is not a thuky database (another program\'s file, or not an SQLite file); thuky will not use it. The file was not changed. Choose another file with --db or THUKY_DB',
  },
};

export default part;
