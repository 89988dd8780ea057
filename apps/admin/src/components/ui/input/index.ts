export * from './form-field';
export * from './input';
export * from './password-input';
