import { cleanup, configure } from '@testing-library/react';
import { afterEach, beforeEach } from 'vitest';
import { resetToastsForTests } from '@/components/ui/toast';
import { resetSessionStateForTests } from '@/lib/session';

const realFetch = globalThis.fetch;

// Pages are lazy route modules, compiled on first import: on a busy machine (lint, typecheck and
// build running in parallel) the first `findBy…` of a file can need more than the default second.
configure({ asyncUtilTimeout: 5000 });

// jsdom has <dialog> but not its modal API; this is enough for role queries and our Dialog.
if (
  typeof HTMLDialogElement !== 'undefined' &&
  typeof HTMLDialogElement.prototype.showModal !== 'function'
) {
  HTMLDialogElement.prototype.showModal = function showModal(this: HTMLDialogElement) {
    this.setAttribute('open', '');
  };
  HTMLDialogElement.prototype.close = function close(this: HTMLDialogElement) {
    this.removeAttribute('open');
    this.dispatchEvent(new Event('close'));
  };
}

beforeEach(() => {
  window.localStorage.clear();
  resetSessionStateForTests();
});

afterEach(() => {
  cleanup();
  resetToastsForTests();
  globalThis.fetch = realFetch;
});
