import type { CataloguePart } from './index.js';

/** Messages of the terminal layer: fitted tables, help in the user's language. */
const part: CataloguePart = {
  vi: {
    'table.dropped': 'Không đủ chỗ ({width} cột) nên chưa hiện: {columns}. Thêm --wide để xem tất cả.',
    'cli.opt.wide': 'bảng đầy đủ mọi cột, không co theo bề ngang màn hình',
  },
  en: {
    'table.dropped': 'Left out to fit {width} columns: {columns}. Add --wide to show everything.',
    'cli.opt.wide': 'full tables with every column, not fitted to the terminal width',
  },
};

export default part;
