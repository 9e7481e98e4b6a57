/** Messages of the official unit list, unit and person imports, and spreadsheets. */
import type { CataloguePart } from './index.js';

const part: CataloguePart = {
  vi: {
    'cmd.import.opt.sheet': 'với tệp .xlsx: đọc trang tính này (mặc định trang đầu tiên)',
    'cmd.import.opt.template': 'ghi một tệp Excel trống có sẵn dòng tiêu đề để điền, rồi dừng',
    'spreadsheet.sheetNeedsXlsx': '--sheet: chỉ dùng với tệp Excel .xlsx; {file} không phải',
    'spreadsheet.notXlsx': '{file}: không phải tệp Excel .xlsx đọc được; hãy lưu lại bằng Excel dạng "Excel Workbook (.xlsx)" hoặc xuất CSV UTF-8',
    'spreadsheet.noSheet': '{file}: tệp không có trang tính nào',
    'spreadsheet.sheetMissing': '--sheet: không có trang tính "{sheet}" trong {file}; có: {found}',
    'spreadsheet.templateXlsx': '--template: tên tệp mẫu phải kết thúc bằng .xlsx ({file})',
    'spreadsheet.templateExists': '--template: tệp {file} đã có; chọn tên khác (không ghi đè)',
    'spreadsheet.sheetName': 'Dữ liệu',
    'spreadsheet.templateWritten': 'Đã ghi tệp mẫu {file} (cột: {columns}).',
    'spreadsheet.fileMissing': 'thiếu tệp cần nhập (CSV hoặc .xlsx); hoặc dùng --template TỆP.xlsx để lấy tệp mẫu',
    'officialList.bad': '{file}: danh mục đơn vị không đúng định dạng ở dòng {line}: {reason}',

    'cmd.unit.import.desc': 'nhập đơn vị: danh mục chính thức sau 01/07/2025 (--official) hoặc tệp CSV/Excel',
    'cmd.unit.import.opt.official': 'nhập danh mục chính thức đơn vị hành chính cấp xã (34 tỉnh, thành; 3.321 đơn vị)',
    'cmd.unit.import.opt.province': 'chỉ tỉnh, thành này: tên (không cần dấu) hoặc mã, ví dụ "ho chi minh" hoặc 79; bỏ trống là cả nước',
    'cmd.unit.import.opt.parent': 'cấp ủy trực tiếp của các đơn vị (mặc định: tạo hoặc dùng "Thành ủy …"/"Tỉnh ủy …")',
    'cmd.unit.import.opt.from': 'các đơn vị có hiệu lực từ ngày này (mặc định 01/07/2025)',
    'cmd.unit.import.opt.list': 'dùng một ấn bản khác của danh mục (cùng các cột ma_tinh,ten_tinh,ma_xa,ten_xa,loai)',
    'unitImport.help':
      'Danh mục chính thức (--official): mỗi đơn vị có mã 5 chữ số, loại (phường, xã, đặc khu) và ngày hiệu lực.\n' +
      'Chạy lại không thêm gì; ấn bản mới của danh mục cập nhật tên và in các thay đổi. Tên được chuẩn hóa\n' +
      '(NFC; "xã Bắc Sơn" thành "Xã Bắc Sơn", ghi chú của đơn vị nêu tên gốc).\n' +
      'Tệp CSV/.xlsx: các cột Tên đơn vị (bắt buộc), Loại, Mã, Cấp trên, Hiệu lực từ, Hiệu lực đến, Đơn vị kế thừa, Ghi chú\n' +
      '(tên cột tiếng Việt hoặc tiếng Anh). Loại có thể bỏ trống khi tên bắt đầu bằng Phường/Xã/Đặc khu. Cấp trên là\n' +
      'một đơn vị đã có hoặc một dòng khác của tệp. Nhập tất cả hoặc không gì: mọi dòng lỗi được liệt kê. Chạy lại\n' +
      'cùng tệp không thêm gì (khớp theo mã).',
    'unitImport.needsOfficial': '{option} chỉ dùng cùng --official',
    'unitImport.parentNeedsProvince': '--parent cần --province: mỗi tỉnh, thành có cấp ủy riêng',
    'unitImport.provinceNone': '--province: "{value}" không khớp tỉnh, thành nào; có: {accepted}',
    'unitImport.provinceMany': '--province: "{value}" khớp nhiều tỉnh, thành: {found}; hãy gõ đầy đủ hơn hoặc dùng mã',
    'unitImport.committeeNote': 'Cấp ủy của {province}, tạo khi nhập danh mục đơn vị hành chính chính thức',
    'unitImport.nameNormalised': 'Tên trong danh mục chính thức: "{published}"; đã viết hoa chữ đầu của loại đơn vị',
    'unitImport.wholeCountry': 'cả nước ({count} tỉnh, thành)',
    'unitImport.progress': 'Đang nhập đơn vị',
    'unitImport.done': '{scope}: thêm {added} đơn vị{kinds}; cập nhật {updated}; không đổi {unchanged}.',
    'unitImport.dryRun': '{scope}: sẽ thêm {added} đơn vị{kinds}; cập nhật {updated}; không đổi {unchanged}. Chưa ghi gì (--dry-run).',
    'unitImport.changed': '  {unit}: {field} {before} → {after}',
    'unitImport.field.name': 'tên',
    'unitImport.field.kind': 'loại',
    'unitImport.field.parentId': 'cấp trên',
    'unitImport.field.validFrom': 'hiệu lực từ',
    'unitImport.field.validTo': 'hiệu lực đến',
    'unitImport.nameMissing': 'thiếu tên đơn vị',
    'unitImport.kindMissing': 'thiếu loại đơn vị của "{name}" (cột "Loại": phường, xã, đặc khu, cơ quan, cấp ủy, chi bộ)',
    'unitImport.badKind': 'loại "{value}" không hợp lệ; chọn một trong: {accepted} (hoặc phường, xã, đặc khu, cơ quan, cấp ủy, chi bộ)',
    'unitImport.duplicateCode': 'mã "{code}" đã có ở dòng {first} của tệp',
    'unitImport.refAmbiguousInFile': '{column} "{value}" trùng tên nhiều dòng của tệp ({lines}); hãy dùng mã',
    'unitImport.refMissing': '{column} "{value}" không có trong tệp cũng như trong cơ sở dữ liệu ({reason})',
    'unitImport.parentCycle': '"{name}": cấp trên vòng lại chính nó',

    'cmd.person.import.desc': 'nhập cán bộ, đảng viên từ tệp CSV hoặc Excel (.xlsx)',
    'cmd.person.opt.showPersonal': 'hiện cả ngày sinh và số thẻ đảng viên (dữ liệu cá nhân)',
    'cmd.person.opt.since': 'cùng --unit hoặc --position: đơn vị, chức vụ mới có hiệu lực từ ngày này (mặc định hôm nay); đơn vị, chức vụ cũ được giữ trong lịch sử',
    'person.sinceNeedsUnit': '--since chỉ dùng cùng --unit hoặc --position',
    'cmd.person.import.opt.unit': 'đơn vị của mọi dòng không ghi cột "Đơn vị"',
    'personImport.help':
      'Các cột: Họ và tên (bắt buộc), Đơn vị (bắt buộc nếu không có --unit), Chức vụ (nhiều chức vụ ngăn bằng dấu ;),\n' +
      'Đảng viên (có/không; trống là có), Ngày sinh, Số thẻ đảng viên, Ghi chú; tên cột tiếng Việt hoặc tiếng Anh.\n' +
      'Một người được nhận ra theo số thẻ đảng viên, nếu không thì theo họ tên (không phân biệt dấu) trong đơn vị: nhập\n' +
      'lại thì cập nhật, không thêm trùng. Nhập tất cả hoặc không gì: mọi dòng lỗi được liệt kê. Ngày sinh và số thẻ là\n' +
      'dữ liệu cá nhân: chỉ lưu trong tệp dữ liệu (quyền 0600), không in ra trừ khi dùng --show-personal.',
    'personImport.progress': 'Đang nhập cán bộ, đảng viên',
    'personImport.unitMissing': 'thiếu đơn vị (cột "Đơn vị" trống và không có --unit)',
    'personImport.badMember': 'cột "Đảng viên": "{value}" không hợp lệ; dùng có/không (yes/no, x, 1/0)',
    'personImport.duplicateLine': '{name} ({unit}) đã có ở dòng {first} của tệp',
    'personImport.duplicateCard': 'số thẻ "{card}" đã có ở dòng {first} của tệp',
    'personImport.ambiguous': '"{name}" trùng với nhiều người trong {unit} (mã số {ids}); hãy ghi số thẻ đảng viên để phân biệt',
    'personImport.done': '{file}: thêm {added} người; cập nhật {updated}; không đổi {unchanged}.',
    'personImport.dryRun': '{file}: sẽ thêm {added} người; cập nhật {updated}; không đổi {unchanged}. Chưa ghi gì (--dry-run).',
    'cmd.unit.merge.desc': 'sáp nhập đơn vị vào đơn vị kế thừa từ một ngày: chuyển người, chuyển tiếp nhiệm vụ còn mở',
    'cmd.unit.merge.opt.into': 'đơn vị kế thừa (phải tồn tại vào ngày --on)',
    'cmd.unit.merge.opt.on': 'ngày đơn vị kế thừa bắt đầu (các đơn vị cũ kết thúc ngày hôm trước)',
    'cmd.unit.merge.opt.dryRun': 'chỉ xem những gì sẽ chuyển, không ghi gì',
    'unitMerge.help':
      'Các đơn vị cũ kết thúc vào ngày trước --on và ghi đơn vị kế thừa. Người của đơn vị cũ chuyển sang đơn vị kế thừa\n' +
      'từ ngày --on; quá trình sinh hoạt cũ (đơn vị, chức vụ) được giữ, nên báo cáo về các năm trước không đổi. Mỗi\n' +
      'nhiệm vụ còn mở (và khâu đột phá của năm đó) được đóng ở đơn vị cũ với lý do "chuyển sang …" và giao lại cho\n' +
      'đơn vị kế thừa cùng thời hạn, có liên kết tới nhiệm vụ gốc. Tất cả trong một giao dịch.',
    'unitMerge.intoNotOn': '--into: {unit} không tồn tại vào ngày {date}',
    'unitMerge.intoIsOld': '{unit} vừa là đơn vị cũ vừa là đơn vị kế thừa',
    'unitMerge.twice': '{unit} được nêu hai lần',
    'unitMerge.oldNotBefore': '{unit} chưa tồn tại vào ngày {date} (ngày trước --on)',
    'unitMerge.carriedTo': 'Chuyển sang {targets} do sắp xếp đơn vị từ {date}',
    'unitMerge.target': '{unit} (nhiệm vụ #{id})',
    'unitMerge.col.toUnit': 'Đơn vị nhận',
    'cmd.unit.split.desc': 'chia một đơn vị cho các đơn vị kế thừa từ một ngày: mỗi đơn vị kế thừa nhận các nhiệm vụ còn mở',
    'cmd.unit.split.opt.into': 'các đơn vị kế thừa (phải tồn tại vào ngày --on)',
    'cmd.unit.split.opt.membersTo': 'đơn vị kế thừa nhận người của đơn vị cũ (mặc định: đơn vị đầu tiên của --into)',
    'unitSplit.help':
      'Đơn vị cũ kết thúc vào ngày trước --on và ghi các đơn vị kế thừa. Người của đơn vị cũ chuyển sang đơn vị\n' +
      '--members-to (người chuyển nơi khác: thuky person edit … --unit … --since …). Mỗi nhiệm vụ còn mở được đóng ở đơn vị\n' +
      'cũ và giao lại cho từng đơn vị kế thừa, cùng thời hạn. Tất cả trong một giao dịch.',
    'unitSplit.membersToNotSuccessor': '--members-to: {unit} không có trong --into',
    'unitSplit.done': 'Đã chia {olds} cho {into} từ {date}: {members} người chuyển sang {membersTo}, chuyển tiếp {tasks} nhiệm vụ còn mở cho mỗi đơn vị.',
    'unitSplit.dryRun': 'Sẽ chia {olds} cho {into} từ {date}: {members} người chuyển sang {membersTo}, chuyển tiếp {tasks} nhiệm vụ còn mở cho mỗi đơn vị. Chưa ghi gì (--dry-run).',
    'unitMerge.carriedFrom': 'Chuyển tiếp từ nhiệm vụ #{id} của {unit} do sắp xếp đơn vị từ {date}',
    'unitMerge.done': 'Đã sáp nhập {olds} vào {into} từ {date}: chuyển {members} người, chuyển tiếp {tasks} nhiệm vụ còn mở.',
    'unitMerge.dryRun': 'Sẽ sáp nhập {olds} vào {into} từ {date}: chuyển {members} người, chuyển tiếp {tasks} nhiệm vụ còn mở. Chưa ghi gì (--dry-run).',
    'unitMerge.col.fromId': 'Nhiệm vụ cũ',
    'unitMerge.col.fromUnit': 'Đơn vị cũ',
    'unitMerge.col.toId': 'Nhiệm vụ mới',
    'unitMerge.col.title': 'Nội dung',
    'unitMerge.col.due': 'Thời hạn',
    'unitMerge.kind.task': 'nhiệm vụ',
    'unitMerge.kind.breakthrough': 'khâu đột phá',
    'col.birthOn': 'Ngày sinh',
    'col.partyCard': 'Số thẻ đảng viên',
  },
  en: {
    'cmd.import.opt.sheet': 'with an .xlsx file: read this sheet (default: the first)',
    'cmd.import.opt.template': 'write an empty Excel file with the header row to fill in, and stop',
    'spreadsheet.sheetNeedsXlsx': '--sheet: only for Excel .xlsx files; {file} is not one',
    'spreadsheet.notXlsx': '{file}: not a readable Excel .xlsx file; save it from Excel as "Excel Workbook (.xlsx)" or export CSV UTF-8',
    'spreadsheet.noSheet': '{file}: the workbook has no sheet',
    'spreadsheet.sheetMissing': '--sheet: there is no sheet "{sheet}" in {file}; found: {found}',
    'spreadsheet.templateXlsx': '--template: the template file name must end in .xlsx ({file})',
    'spreadsheet.templateExists': '--template: {file} already exists; choose another name (nothing is overwritten)',
    'spreadsheet.sheetName': 'Data',
    'spreadsheet.templateWritten': 'Wrote the template {file} (columns: {columns}).',
    'spreadsheet.fileMissing': 'no file to import (CSV or .xlsx); or use --template FILE.xlsx to get a template',
    'officialList.bad': '{file}: the unit list is malformed on line {line}: {reason}',

    'cmd.unit.import.desc': 'import units: the official list after 01/07/2025 (--official) or a CSV/Excel file',
    'cmd.unit.import.opt.official': 'import the official list of commune-level units (34 provinces; 3,321 units)',
    'cmd.unit.import.opt.province': 'only this province: name (accents optional) or code, e.g. "ho chi minh" or 79; none means the whole country',
    'cmd.unit.import.opt.parent': 'the committee directly above the units (default: create or reuse "Thành ủy …"/"Tỉnh ủy …")',
    'cmd.unit.import.opt.from': 'the units are valid from this date (default 01/07/2025)',
    'cmd.unit.import.opt.list': 'use another edition of the list (same columns ma_tinh,ten_tinh,ma_xa,ten_xa,loai)',
    'unitImport.help':
      'The official list (--official): each unit gets its 5-digit code, kind (ward, commune, special zone) and validity.\n' +
      'Running it again adds nothing; a newer edition updates names and prints what changed. Names are normalised\n' +
      '(NFC; "xã Bắc Sơn" becomes "Xã Bắc Sơn", and the unit\'s note keeps the published name).\n' +
      'CSV/.xlsx files: columns name (required), kind, code, parent, valid from, valid to, successor, note (Vietnamese or\n' +
      'English headers). The kind may be left empty when the name starts with Phường/Xã/Đặc khu. The parent is a unit\n' +
      'already registered or another line of the file. All or nothing: every bad line is listed. Importing the same\n' +
      'file again adds nothing (matched by code).',
    'unitImport.needsOfficial': '{option} is used only with --official',
    'unitImport.parentNeedsProvince': '--parent needs --province: each province has its own committee',
    'unitImport.provinceNone': '--province: "{value}" matches no province; available: {accepted}',
    'unitImport.provinceMany': '--province: "{value}" matches several provinces: {found}; type more of the name or use the code',
    'unitImport.committeeNote': 'Committee of {province}, created by the import of the official list',
    'unitImport.nameNormalised': 'Name in the official list: "{published}"; the kind prefix was capitalised',
    'unitImport.wholeCountry': 'whole country ({count} provinces)',
    'unitImport.progress': 'Importing units',
    'unitImport.done': '{scope}: added {added} units{kinds}; updated {updated}; unchanged {unchanged}.',
    'unitImport.dryRun': '{scope}: would add {added} units{kinds}; update {updated}; unchanged {unchanged}. Nothing written (--dry-run).',
    'unitImport.changed': '  {unit}: {field} {before} → {after}',
    'unitImport.field.name': 'name',
    'unitImport.field.kind': 'kind',
    'unitImport.field.parentId': 'parent',
    'unitImport.field.validFrom': 'valid from',
    'unitImport.field.validTo': 'valid to',
    'unitImport.nameMissing': 'no unit name',
    'unitImport.kindMissing': 'no kind for "{name}" (column "kind": ward, commune, special-zone, agency, committee, cell)',
    'unitImport.badKind': 'kind "{value}" is not valid; choose one of: {accepted}',
    'unitImport.duplicateCode': 'code "{code}" already on line {first} of the file',
    'unitImport.refAmbiguousInFile': '{column} "{value}" names several lines of the file ({lines}); use the code',
    'unitImport.refMissing': '{column} "{value}" is neither in the file nor in the database ({reason})',
    'unitImport.parentCycle': '"{name}": its parent leads back to itself',

    'cmd.person.import.desc': 'import cadres and party members from a CSV or Excel (.xlsx) file',
    'cmd.person.opt.showPersonal': 'also show the date of birth and party card number (personal data)',
    'cmd.person.opt.since': 'with --unit or --position: the new unit or positions hold from this date (default today); the former ones are kept in the history',
    'person.sinceNeedsUnit': '--since is used only with --unit or --position',
    'cmd.person.import.opt.unit': 'unit of every line whose unit column is empty',
    'personImport.help':
      'Columns: full name (required), unit (required unless --unit), positions (several separated by ;), member\n' +
      '(yes/no; empty means yes), date of birth, party card number, note; Vietnamese or English headers. A person is\n' +
      'recognised by party card number, else by name (accents ignored) within the unit: importing again updates, never\n' +
      'duplicates. All or nothing: every bad line is listed. Date of birth and card number are personal data: kept only\n' +
      'in the database file (mode 0600), never printed unless --show-personal.',
    'personImport.progress': 'Importing people',
    'personImport.unitMissing': 'no unit (the unit column is empty and there is no --unit)',
    'personImport.badMember': 'column "member": "{value}" is not valid; use yes/no (có/không, x, 1/0)',
    'personImport.duplicateLine': '{name} ({unit}) already on line {first} of the file',
    'personImport.duplicateCard': 'card number "{card}" already on line {first} of the file',
    'personImport.ambiguous': '"{name}" matches several people in {unit} (ids {ids}); add the party card number to tell them apart',
    'personImport.done': '{file}: added {added} people; updated {updated}; unchanged {unchanged}.',
    'personImport.dryRun': '{file}: would add {added} people; update {updated}; unchanged {unchanged}. Nothing written (--dry-run).',
    'cmd.unit.merge.desc': 'merge units into their successor from a day: people move, open tasks are carried over',
    'cmd.unit.merge.opt.into': 'the successor unit (must exist on the --on day)',
    'cmd.unit.merge.opt.on': 'the day the successor begins (the old units end the day before)',
    'cmd.unit.merge.opt.dryRun': 'only show what would move; write nothing',
    'unitMerge.help':
      'The old units end the day before --on and name their successor. Their people move to the successor from --on;\n' +
      'their former membership (unit, positions) is kept, so reports about earlier years do not change. Each open task\n' +
      '(and breakthrough of that year) is closed on the old unit as "carried over to …" and given to the successor with\n' +
      'the same time limit, linked to the original. All in one transaction.',
    'unitMerge.intoNotOn': '--into: {unit} does not exist on {date}',
    'unitMerge.intoIsOld': '{unit} is both an old unit and the successor',
    'unitMerge.twice': '{unit} is named twice',
    'unitMerge.oldNotBefore': '{unit} does not exist yet on {date} (the day before --on)',
    'unitMerge.carriedTo': 'Carried over to {targets} by the reorganisation of {date}',
    'unitMerge.target': '{unit} (task #{id})',
    'unitMerge.col.toUnit': 'To unit',
    'cmd.unit.split.desc': 'split a unit among its successors from a day: each successor gets the open tasks',
    'cmd.unit.split.opt.into': 'the successor units (must exist on the --on day)',
    'cmd.unit.split.opt.membersTo': 'the successor that takes the old unit\'s people (default: the first of --into)',
    'unitSplit.help':
      'The old unit ends the day before --on and names its successors. Its people move to --members-to (those who go\n' +
      'elsewhere: thuky person edit … --unit … --since …). Each open task is closed on the old unit and given to every\n' +
      'successor with the same time limit. All in one transaction.',
    'unitSplit.membersToNotSuccessor': '--members-to: {unit} is not one of --into',
    'unitSplit.done': 'Split {olds} among {into} from {date}: {members} people moved to {membersTo}, {tasks} open tasks carried over to each.',
    'unitSplit.dryRun': 'Would split {olds} among {into} from {date}: {members} people moved to {membersTo}, {tasks} open tasks carried over to each. Nothing written (--dry-run).',
    'unitMerge.carriedFrom': 'Carried over from task #{id} of {unit} by the reorganisation of {date}',
    'unitMerge.done': 'Merged {olds} into {into} from {date}: {members} people moved, {tasks} open tasks carried over.',
    'unitMerge.dryRun': 'Would merge {olds} into {into} from {date}: {members} people moved, {tasks} open tasks carried over. Nothing written (--dry-run).',
    'unitMerge.col.fromId': 'Old task',
    'unitMerge.col.fromUnit': 'Old unit',
    'unitMerge.col.toId': 'New task',
    'unitMerge.col.title': 'Title',
    'unitMerge.col.due': 'Due',
    'unitMerge.kind.task': 'task',
    'unitMerge.kind.breakthrough': 'breakthrough',
    'col.birthOn': 'Date of birth',
    'col.partyCard': 'Party card',
  },
};

export default part;
