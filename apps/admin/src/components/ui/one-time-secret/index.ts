export * from './one-time-secret';
