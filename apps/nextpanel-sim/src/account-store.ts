import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { NO_USAGE, type AccountQuotas, type StoredHostingAccount } from './hosting-account';
import { hashPassword, passwordMatches } from './password-hash';
import type { NewAccountRequest, UsagePatch } from './request-validation';

/**
 * The simulated panel's user database: hosting accounts plus the next panel user id, kept in
 * memory and written to one JSON file after every change so a restarted simulator (or one killed
 * with -9) comes back with the same accounts and never hands out an id twice.
 */

const DATA_FORMAT = 'nextpanel-sim/accounts@1';

interface DataFile {
  format: typeof DATA_FORMAT;
  next_id: number;
  accounts: StoredHostingAccount[];
}

export type AccountCreation =
  | { outcome: 'created'; account: StoredHostingAccount }
  | { outcome: 'username_taken' }
  | { outcome: 'limit_reached' };

export interface AccountStoreOptions {
  dataFile: string;
  /** Live accounts allowed at once (the panel's licence/disk limit); unlimited when absent. */
  maxAccounts?: number;
  now?: () => Date;
}

export class HostingAccountStore {
  private readonly accounts = new Map<number, StoredHostingAccount>();
  private readonly idsByUsername = new Map<string, number>();
  private nextId = 1;
  private readonly now: () => Date;

  private constructor(
    readonly dataFile: string,
    private readonly maxAccounts: number | undefined,
    now: (() => Date) | undefined,
  ) {
    this.now = now ?? (() => new Date());
  }

  /** Loads the data file if it exists. A damaged file stops the start rather than being wiped. */
  static open(options: AccountStoreOptions): HostingAccountStore {
    const store = new HostingAccountStore(options.dataFile, options.maxAccounts, options.now);
    if (existsSync(options.dataFile)) store.load(readFileSync(options.dataFile, 'utf8'));
    return store;
  }

  get liveAccounts(): number {
    return this.accounts.size;
  }

  list(): StoredHostingAccount[] {
    return [...this.accounts.values()].sort((a, b) => a.id - b.id);
  }

  find(id: number): StoredHostingAccount | undefined {
    return this.accounts.get(id);
  }

  /**
   * Creates an account. The username check and the insert happen in one synchronous step after the
   * (asynchronous) password hash, so of N concurrent creates with one username exactly one wins:
   * nothing else can run between `admissionProblem` and `set`. The check before hashing only saves
   * the hash for obvious duplicates; it is not what keeps usernames unique.
   */
  async create(request: NewAccountRequest): Promise<AccountCreation> {
    const early = this.admissionProblem(request.username);
    if (early !== undefined) return { outcome: early };

    const passwordHash = await hashPassword(request.password);

    const problem = this.admissionProblem(request.username);
    if (problem !== undefined) return { outcome: problem };
    const timestamp = this.timestamp();
    const account: StoredHostingAccount = {
      id: this.nextId,
      username: request.username,
      email: request.email,
      full_name: request.full_name,
      phone: request.phone,
      company: request.company,
      package_id: request.package_id,
      status: 'active',
      suspend_reason: null,
      billing_id: request.billing_id,
      metadata: structuredClone(request.metadata),
      quotas: { ...request.quotas },
      created_at: timestamp,
      updated_at: timestamp,
      password_hash: passwordHash,
      password_updated_at: timestamp,
      usage: { ...NO_USAGE },
      last_login: null,
    };
    this.nextId += 1;
    this.accounts.set(account.id, account);
    this.idsByUsername.set(account.username, account.id);
    this.persist();
    return { outcome: 'created', account };
  }

  /** Terminates the account. Its id stays used; its username becomes free again. */
  delete(id: number): boolean {
    const account = this.accounts.get(id);
    if (account === undefined) return false;
    this.accounts.delete(id);
    this.idsByUsername.delete(account.username);
    this.persist();
    return true;
  }

  /** Idempotent: suspending a suspended account only records the newer reason, if one is given. */
  suspend(id: number, reason: string | null): StoredHostingAccount | undefined {
    const account = this.accounts.get(id);
    if (account === undefined) return undefined;
    const newReason = reason ?? account.suspend_reason;
    if (account.status === 'suspended' && account.suspend_reason === newReason) return account;
    account.status = 'suspended';
    account.suspend_reason = newReason;
    this.touch(account);
    return account;
  }

  /** Idempotent: unsuspending an active account changes nothing. */
  unsuspend(id: number): StoredHostingAccount | undefined {
    const account = this.accounts.get(id);
    if (account === undefined) return undefined;
    if (account.status === 'active') return account;
    account.status = 'active';
    account.suspend_reason = null;
    this.touch(account);
    return account;
  }

  changePackage(
    id: number,
    packageId: number,
    quotas?: AccountQuotas,
  ): StoredHostingAccount | undefined {
    const account = this.accounts.get(id);
    if (account === undefined) return undefined;
    account.package_id = packageId;
    if (quotas !== undefined) account.quotas = { ...quotas };
    this.touch(account);
    return account;
  }

  async changePassword(id: number, password: string): Promise<StoredHostingAccount | undefined> {
    if (!this.accounts.has(id)) return undefined;
    const passwordHash = await hashPassword(password);
    // Looked up again: the account may have been terminated while the hash was computed.
    const account = this.accounts.get(id);
    if (account === undefined) return undefined;
    account.password_hash = passwordHash;
    account.password_updated_at = this.timestamp();
    this.touch(account);
    return account;
  }

  /** Lets tests prove which password is set without the simulator keeping plaintext. */
  async verifyPassword(id: number, password: string): Promise<boolean | undefined> {
    const account = this.accounts.get(id);
    if (account === undefined) return undefined;
    return passwordMatches(password, account.password_hash);
  }

  /** Usage is measured by a real panel, not edited; here tests set it, so updated_at stays. */
  recordUsage(id: number, patch: UsagePatch): StoredHostingAccount | undefined {
    const account = this.accounts.get(id);
    if (account === undefined) return undefined;
    const { last_login: lastLogin, ...counters } = patch;
    account.usage = { ...account.usage, ...counters };
    if (lastLogin !== undefined) account.last_login = lastLogin;
    this.persist();
    return account;
  }

  /** Deletes every account (control API reset). Ids keep counting up so stale ids never match. */
  deleteAll(): number {
    const deleted = this.accounts.size;
    this.accounts.clear();
    this.idsByUsername.clear();
    this.persist();
    return deleted;
  }

  /** Writes the current state; every change already does, this is for a clean shutdown. */
  flush(): void {
    this.persist();
  }

  private admissionProblem(username: string): 'username_taken' | 'limit_reached' | undefined {
    if (this.idsByUsername.has(username)) return 'username_taken';
    if (this.maxAccounts !== undefined && this.accounts.size >= this.maxAccounts)
      return 'limit_reached';
    return undefined;
  }

  private timestamp(): string {
    return this.now().toISOString();
  }

  private touch(account: StoredHostingAccount): void {
    account.updated_at = this.timestamp();
    this.persist();
  }

  /**
   * Write to a temporary file, then rename over the data file: rename is atomic on one file
   * system, so a crash mid-write leaves the previous complete file, never half a JSON document.
   * Synchronous on purpose: the response goes out only after the change is on disk, like a panel
   * that commits before answering, and no other request can interleave with the write.
   */
  private persist(): void {
    const accounts = this.list();
    const lines = accounts.map((account) => JSON.stringify(account));
    const text =
      `{"format":${JSON.stringify(DATA_FORMAT)},"next_id":${this.nextId},"accounts":[` +
      (lines.length > 0 ? `\n${lines.join(',\n')}\n` : '') +
      ']}\n';
    mkdirSync(dirname(this.dataFile), { recursive: true });
    const temporary = `${this.dataFile}.${process.pid}.tmp`;
    // 0600: the file holds password hashes.
    writeFileSync(temporary, text, { mode: 0o600 });
    renameSync(temporary, this.dataFile);
  }

  private load(text: string): void {
    let data: Partial<DataFile>;
    try {
      data = JSON.parse(text) as Partial<DataFile>;
    } catch (error) {
      throw new Error(
        `${this.dataFile} is not valid JSON (${(error as Error).message}); fix or remove it`,
      );
    }
    if (
      data.format !== DATA_FORMAT ||
      !Array.isArray(data.accounts) ||
      typeof data.next_id !== 'number'
    ) {
      throw new Error(`${this.dataFile} is not a ${DATA_FORMAT} data file; fix or remove it`);
    }
    let highestId = 0;
    for (const account of data.accounts) {
      this.accounts.set(account.id, account);
      this.idsByUsername.set(account.username, account.id);
      highestId = Math.max(highestId, account.id);
    }
    // Never trust next_id alone: a hand-edited file must not make the panel reuse an id.
    this.nextId = Math.max(data.next_id, highestId + 1);
  }
}
