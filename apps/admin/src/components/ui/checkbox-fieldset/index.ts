export * from './checkbox-fieldset';
