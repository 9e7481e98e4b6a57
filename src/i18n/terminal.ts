import type { CataloguePart } from './index.js';

/** Messages of the terminal layer: fitted tables, help in the user's language. */
const part: CataloguePart = {
  vi: {
    'table.dropped': 'Không đủ chỗ ({width} cột) nên chưa hiện: {columns}. Thêm --wide để xem tất cả.',
    'cli.opt.wide': 'bảng đầy đủ mọi cột, không co theo bề ngang màn hình',
    'cli.help.optionsWord': 'tùy chọn',
    'lookup.didYouMean': 'không tìm thấy {entity} "{query}"; có phải ý bạn là:\n{candidates}',
    'lookup.choseByDate': 'Lưu ý: có nhiều đơn vị tên "{query}"; đã chọn {chosen}, đơn vị có hiệu lực ngày {date}. Cùng tên: {others}; muốn chọn đơn vị đó thì dùng mã số trong ngoặc.',
    'cli.opt.formatEach': 'định dạng đầu ra ({formats}); mỗi lệnh nhận những định dạng nó tạo được, xem thuky <lệnh> --help',
    'cli.help.formats': 'Định dạng đầu ra (--format): {formats}.',
    'cli.err.noFormat': '{command} không in dữ liệu ra stdout nên không nhận {field}',
    'cli.help.commandWord': 'lệnh',
    'cli.help.choices': 'chọn: {list}',
    'cli.help.default': 'mặc định: {value}',
  },
  en: {
    'table.dropped': 'Left out to fit {width} columns: {columns}. Add --wide to show everything.',
    'cli.opt.wide': 'full tables with every column, not fitted to the terminal width',
    'cli.help.optionsWord': 'options',
    'lookup.didYouMean': 'no {entity} matches "{query}"; did you mean:\n{candidates}',
    'lookup.choseByDate': 'Note: several units are named "{query}"; chose {chosen}, the one in force on {date}. Same name: {others}; use the id in brackets to pick that one.',
    'cli.opt.formatEach': 'output format ({formats}); each command accepts the formats it can produce, see thuky <command> --help',
    'cli.help.formats': 'Output formats (--format): {formats}.',
    'cli.err.noFormat': '{command} prints no data on stdout and takes no {field}',
    'cli.help.commandWord': 'command',
    'cli.help.choices': 'choices: {list}',
    'cli.help.default': 'default: {value}',
  },
};

export default part;
