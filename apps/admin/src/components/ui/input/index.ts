export * from './form-field';
export * from './input';
