import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HostingAccountStore } from './account-store';
import type { NewAccountRequest } from './request-validation';

function request(username: string, overrides: Partial<NewAccountRequest> = {}): NewAccountRequest {
  return {
    username,
    email: `${username}@example.com`,
    password: 'TempPassword123!',
    full_name: null,
    phone: null,
    company: null,
    package_id: 1,
    billing_id: null,
    metadata: {},
    quotas: {},
    ...overrides,
  };
}

let root: string;
let files = 0;
beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'nextpanel-store-'));
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** A data file in a directory that does not exist yet: the store must create it. */
function dataFile(): string {
  files += 1;
  return join(root, String(files), 'nested', 'accounts.json');
}

describe('HostingAccountStore', () => {
  it('admits exactly one of many concurrent creates of one username', async () => {
    const store = HostingAccountStore.open({ dataFile: dataFile() });
    const outcomes = await Promise.all(
      Array.from({ length: 10 }, () => store.create(request('sameuser'))),
    );
    expect(outcomes.filter((o) => o.outcome === 'created')).toHaveLength(1);
    expect(outcomes.filter((o) => o.outcome === 'username_taken')).toHaveLength(9);
  });

  it('stores a salted scrypt hash, never the password, and verifies it', async () => {
    const file = dataFile();
    const store = HostingAccountStore.open({ dataFile: file });
    const a = await store.create(request('alice'));
    const b = await store.create(request('bobby'));
    if (a.outcome !== 'created' || b.outcome !== 'created') throw new Error('not created');
    expect(a.account.password_hash).toMatch(/^scrypt\$4096\$8\$1\$/);
    // Same password, different salt.
    expect(a.account.password_hash).not.toBe(b.account.password_hash);
    expect(readFileSync(file, 'utf8')).not.toContain('TempPassword123!');
    expect(await store.verifyPassword(a.account.id, 'TempPassword123!')).toBe(true);
    expect(await store.verifyPassword(a.account.id, 'TempPassword124!')).toBe(false);
    expect(await store.verifyPassword(999, 'TempPassword123!')).toBeUndefined();
  });

  it('reloads accounts and the id counter from its file', async () => {
    const file = dataFile();
    const store = HostingAccountStore.open({ dataFile: file });
    await store.create(request('alice'));
    const bob = await store.create(request('bobby'));
    if (bob.outcome !== 'created') throw new Error('not created');
    store.delete(bob.account.id);

    const reopened = HostingAccountStore.open({ dataFile: file });
    expect(reopened.list().map((a) => a.username)).toEqual(['alice']);
    const carol = await reopened.create(request('carol'));
    expect(carol.outcome === 'created' && carol.account.id).toBe(3);
  });

  it('never reuses an id even when next_id in the file is behind', async () => {
    const file = dataFile();
    const store = HostingAccountStore.open({ dataFile: file });
    await store.create(request('alice'));
    await store.create(request('bobby'));
    writeFileSync(file, readFileSync(file, 'utf8').replace('"next_id":3', '"next_id":1'));
    const reopened = HostingAccountStore.open({ dataFile: file });
    const carol = await reopened.create(request('carol'));
    expect(carol.outcome === 'created' && carol.account.id).toBe(3);
  });

  it('refuses a file that is not its own', () => {
    const file = dataFile();
    HostingAccountStore.open({ dataFile: file }).flush();
    writeFileSync(file, '{"accounts": []}');
    expect(() => HostingAccountStore.open({ dataFile: file })).toThrow(
      'is not a nextpanel-sim/accounts@1 data file',
    );
  });

  it('enforces maxAccounts on live accounts', async () => {
    const store = HostingAccountStore.open({ dataFile: dataFile(), maxAccounts: 1 });
    const alice = await store.create(request('alice'));
    expect((await store.create(request('bobby'))).outcome).toBe('limit_reached');
    if (alice.outcome !== 'created') throw new Error('not created');
    store.delete(alice.account.id);
    expect((await store.create(request('bobby'))).outcome).toBe('created');
  });

  it('bumps updated_at only when something changed', async () => {
    let now = new Date('2025-03-01T00:00:00Z');
    const store = HostingAccountStore.open({ dataFile: dataFile(), now: () => now });
    const created = await store.create(request('alice'));
    if (created.outcome !== 'created') throw new Error('not created');
    now = new Date('2025-03-02T00:00:00Z');
    expect(store.suspend(created.account.id, 'overdue')?.updated_at).toBe(
      '2025-03-02T00:00:00.000Z',
    );
    now = new Date('2025-03-03T00:00:00Z');
    expect(store.suspend(created.account.id, 'overdue')?.updated_at).toBe(
      '2025-03-02T00:00:00.000Z',
    );
    expect(store.suspend(created.account.id, null)?.suspend_reason).toBe('overdue');
    expect(store.unsuspend(created.account.id)?.updated_at).toBe('2025-03-03T00:00:00.000Z');
  });
});
