import type { CataloguePart } from './index.js';

/** Shell completion and the pager. */
const part: CataloguePart = {
  vi: {
    'cmd.completion.desc': 'in đoạn mã gợi ý lệnh (TAB) cho bash, zsh hoặc fish',
    'cmd.completion.now': 'Hoặc chỉ cho phiên shell đang mở',
    'completion.inactive': 'đã nghỉ',
    'completion.now': 'nay',
    'cli.opt.noPager': 'không dùng trình phân trang (less) cho kết quả dài',
  },
  en: {
    'cmd.completion.desc': 'print the TAB completion script for bash, zsh or fish',
    'cmd.completion.now': 'Or for the running shell only',
    'completion.inactive': 'inactive',
    'completion.now': 'now',
    'cli.opt.noPager': 'do not page long output (less)',
  },
};

export default part;
