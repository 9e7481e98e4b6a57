/** Messages of date, period and time-limit input, and of text refused for control characters. */
import type { CataloguePart } from './index.js';

const part: CataloguePart = {
  vi: {
    'date.empty': '{field}: giá trị trống; cần một ngày (dd/MM/yyyy, yyyy-MM-dd, "hôm nay" hoặc +30d, +6m), hoặc bỏ hẳn {field}',
    'date.outOfRange': '{field}: "{value}" nằm ngoài khoảng ngày cho phép (từ {min} đến {max})',
    'date.durationOutOfRange': '{field}: "{value}" tính từ ngày {start} rơi ra ngoài khoảng ngày cho phép (từ {min} đến {max})',
    'date.todayEnvEmpty':
      'biến môi trường THUKY_TODAY có mặt nhưng trống; hãy đặt một ngày (ví dụ THUKY_TODAY=31/12/2017) hoặc bỏ biến đi (unset THUKY_TODAY) để dùng ngày hôm nay',
    'period.empty': '{field}: giá trị trống; cần một kỳ báo cáo (2017, 2017-Q2, Q2/2017, quý II/2017, 2017-06 hoặc TỪ..ĐẾN), hoặc bỏ hẳn {field}',
    'period.outOfRange': '{field}: kỳ "{value}" nằm ngoài khoảng ngày cho phép (từ {min} đến {max})',
    'period.order': '{field}: kỳ "{value}" có ngày cuối trước ngày đầu',
    'duration.empty': '{field}: giá trị trống; cần một thời hạn, ví dụ 30d, 45 ngày, 2w, 3m, 6 tháng, 1y',
    'text.controlCharsFile':
      '{field}: tệp {path} có ký tự điều khiển {char} (dòng {line}, cột {column}); chỉ nhận văn bản thuần, được xuống dòng và tab, như --summary',
    'text.controlChars': '{field}: có ký tự điều khiển {char} (dòng {line}, cột {column}); chỉ nhận văn bản thuần, được xuống dòng và tab',
  },
  en: {
    'date.empty': '{field}: the value is empty; a date is needed (dd/MM/yyyy, yyyy-MM-dd, "today" or +30d, +6m), or leave {field} out',
    'date.outOfRange': '{field}: "{value}" is outside the accepted dates ({min} to {max})',
    'date.durationOutOfRange': '{field}: "{value}" from {start} falls outside the accepted dates ({min} to {max})',
    'date.todayEnvEmpty': 'the environment variable THUKY_TODAY is set but empty; set a date (e.g. THUKY_TODAY=31/12/2017) or unset it (unset THUKY_TODAY) to use today',
    'period.empty': '{field}: the value is empty; a period is needed (2017, 2017-Q2, Q2/2017, quý II/2017, 2017-06 or FROM..TO), or leave {field} out',
    'period.outOfRange': '{field}: period "{value}" is outside the accepted dates ({min} to {max})',
    'period.order': '{field}: period "{value}" ends before it starts',
    'duration.empty': '{field}: the value is empty; a time limit is needed, e.g. 30d, 45 ngày, 2w, 3m, 6 tháng, 1y',
    'text.controlCharsFile':
      '{field}: file {path} contains the control character {char} (line {line}, column {column}); only plain text is accepted (line breaks and tabs allowed), as with --summary',
    'text.controlChars': '{field}: contains the control character {char} (line {line}, column {column}); only plain text is accepted (line breaks and tabs allowed)',
  },
};
export default part;
