import type { SampleLoader } from './index.js';

export const loadCompliance: SampleLoader = (db, audit, data, refs) => {
  void db;
  void audit;
  void data;
  void refs;
};
