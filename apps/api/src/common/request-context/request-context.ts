import { AsyncLocalStorage } from 'node:async_hooks';
import type { AuditActorType } from '@nextpanel/shared';

export interface RequestActor {
  type: AuditActorType;
  id: string | null;
  label: string;
}

export interface RequestContextStore {
  ip: string | null;
  requestId: string | null;
  actor: RequestActor | null;
}

const storage = new AsyncLocalStorage<RequestContextStore>();

/**
 * Who is acting and from where, for code far from the HTTP request (services writing the audit
 * log). The HTTP middleware opens a context per request and the auth guard fills in the actor;
 * the job queue opens one per job with the job as a `system` actor.
 */
export const RequestContext = {
  run<T>(store: RequestContextStore, work: () => T): T {
    return storage.run(store, work);
  },

  runAsSystem<T>(label: string, work: () => T): T {
    return storage.run(
      { ip: null, requestId: null, actor: { type: 'system', id: null, label } },
      work,
    );
  },

  current(): RequestContextStore | undefined {
    return storage.getStore();
  },

  setActor(actor: RequestActor): void {
    const store = storage.getStore();
    if (store) store.actor = actor;
  },
};
