import { cleanup } from '@testing-library/react';
import { afterEach, beforeEach } from 'vitest';
import { resetSessionStateForTests } from '@/lib/session';

const realFetch = globalThis.fetch;

beforeEach(() => {
  window.localStorage.clear();
  resetSessionStateForTests();
});

afterEach(() => {
  cleanup();
  globalThis.fetch = realFetch;
});
