export * from './filter-select';
export * from './list-card';
