import type { CataloguePart } from './index.js';

/** Messages of PostgreSQL databases: connection, db info, db copy, commands not yet available there. */
const part: CataloguePart = {
  vi: {
    'pg.unsupported': 'lệnh "{command}" chưa dùng được với cơ sở dữ liệu PostgreSQL {path}. Có thể chép dữ liệu sang tệp SQLite: thuky db copy --from {path} --to TỆP.db',
    'db.info.engine': 'Hệ quản trị',
    'db.info.server': 'Phiên bản máy chủ',
    'db.info.connection': 'Kết nối',
    'cmd.db.copy.desc': 'chép toàn bộ cơ sở dữ liệu (cả lịch sử) giữa tệp SQLite và PostgreSQL, trong một giao dịch; nơi nhận phải trống',
    'cmd.db.copy.opt.from': 'nơi chép từ: tệp .db hoặc postgresql://người_dùng@máy:cổng/csdl',
    'cmd.db.copy.opt.to': 'nơi chép đến: tệp .db hoặc postgresql://người_dùng@máy:cổng/csdl (phải trống)',
    'db.copy.needsBoth': 'cần cả --from và --to',
    'db.copy.same': '--from và --to là cùng một cơ sở dữ liệu ({path})',
    'db.copy.notEmpty': 'cơ sở dữ liệu nhận {path} đã có dữ liệu ({table}: {n} dòng); chỉ chép vào cơ sở dữ liệu trống. Không có gì bị thay đổi.',
    'restore.pgNotEmpty': 'cơ sở dữ liệu {path} đã có dữ liệu ({table}: {n} dòng); trên máy chủ PostgreSQL chỉ khôi phục vào cơ sở dữ liệu trống: tạo một cơ sở dữ liệu mới (createdb) rồi chạy lại với --db trỏ tới nó, hoặc dùng pg_restore với bản pg_dump. Không có gì bị thay đổi.',
    'restore.donePg': 'Đã khôi phục {from} vào {path}: {rows} dòng.',
    'db.copy.done': 'đã chép {rows} dòng của {tables} bảng từ {from} sang {to}',
  },
  en: {
    'pg.unsupported': 'the command "{command}" does not work on the PostgreSQL database {path} yet. The data can be copied to a SQLite file: thuky db copy --from {path} --to FILE.db',
    'db.info.engine': 'Engine',
    'db.info.server': 'Server version',
    'db.info.connection': 'Connection',
    'cmd.db.copy.desc': 'copy a whole database (history included) between a SQLite file and PostgreSQL, in one transaction; the target must be empty',
    'cmd.db.copy.opt.from': 'copy from: a .db file or postgresql://user@host:port/db',
    'cmd.db.copy.opt.to': 'copy to: a .db file or postgresql://user@host:port/db (must be empty)',
    'db.copy.needsBoth': 'both --from and --to are needed',
    'db.copy.same': '--from and --to are the same database ({path})',
    'db.copy.notEmpty': 'the target database {path} already holds data ({table}: {n} rows); a copy goes only into an empty database. Nothing was changed.',
    'restore.pgNotEmpty': 'the database {path} already holds data ({table}: {n} rows); on a PostgreSQL server a backup is restored into an empty database only: create a new one (createdb) and run again with --db naming it, or use pg_restore with a pg_dump. Nothing was changed.',
    'restore.donePg': 'Restored {from} into {path}: {rows} rows.',
    'db.copy.done': 'copied {rows} rows of {tables} tables from {from} to {to}',
  },
};

export default part;
