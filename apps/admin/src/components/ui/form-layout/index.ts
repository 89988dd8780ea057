export * from './form-layout';
