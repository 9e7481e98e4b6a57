import type { CataloguePart } from './index.js';

const part: CataloguePart = {
  vi: {},
  en: {},
};
export default part;
