export * from './lib/errors';
export * from './lib/auth';
export * from './lib/health';
export * from './lib/plans';
export * from './lib/validation';
