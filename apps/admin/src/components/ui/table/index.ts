export * from './table';
export * from './table-head';
