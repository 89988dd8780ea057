export * from './usage-bar';
