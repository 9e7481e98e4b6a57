import type { CataloguePart } from './index.js';

/** The live minutes session: adding units and documents inline, prompts in the user's language, corrections. */
const part: CataloguePart = {
  vi: {
    'record.choice.addUnit': '+ Thêm đơn vị mới…',
    'record.choice.addUnitNamed': '+ Thêm đơn vị mới: {name}',
    'record.choice.addDoc': '+ Thêm văn bản mới…',
    'record.choice.addDocNamed': '+ Thêm văn bản mới: {name}',
    'record.q.newUnitName': 'Tên đơn vị mới',
    'record.q.newUnitKind': 'Loại đơn vị',
    'record.q.newDocCode': 'Số hiệu văn bản mới, ví dụ 05-CT/TW',
    'record.q.newDocTitle': 'Trích yếu văn bản (có thể bỏ trống)',
    'record.unitAdded': 'Đã thêm đơn vị "{name}".',
    'record.docAdded': 'Đã thêm văn bản {code}.',
    'record.err.docCode': '"{value}" không phải là số hiệu văn bản: nhập dạng 05-CT/TW, 24-NQ/TU',
    'record.err.docTaken': 'văn bản "{value}" đã có; hãy quay lại và tìm nó',
  },
  en: {
    'record.choice.addUnit': '+ Add a new unit…',
    'record.choice.addUnitNamed': '+ Add a new unit: {name}',
    'record.choice.addDoc': '+ Add a new document…',
    'record.choice.addDocNamed': '+ Add a new document: {name}',
    'record.q.newUnitName': 'Name of the new unit',
    'record.q.newUnitKind': 'Kind of unit',
    'record.q.newDocCode': 'Code of the new document, e.g. 05-CT/TW',
    'record.q.newDocTitle': 'Title of the document (may be left empty)',
    'record.unitAdded': 'Unit "{name}" added.',
    'record.docAdded': 'Document {code} added.',
    'record.err.docCode': '"{value}" is not a document code: write it like 05-CT/TW, 24-NQ/TU',
    'record.err.docTaken': 'document "{value}" already exists; go back and search for it',
  },
};
export default part;
