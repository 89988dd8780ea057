export * from './expandable-table';
