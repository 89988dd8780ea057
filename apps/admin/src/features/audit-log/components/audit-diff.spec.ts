import { describe, expect, it } from 'vitest';
import { auditQueryFromParams } from './audit-filters';
import { diffSnapshots } from './audit-diff';

describe('diffSnapshots', () => {
  it('marks changed, added and removed fields, in the order the API wrote them', () => {
    const changes = diffSnapshots(
      { name: 'One', phone: null, capacity: 10, location: 'EU' },
      { name: 'Two', phone: null, capacity: 10, api_secret: '[redacted]' },
    );
    expect(changes.map(({ field, changed }) => [field, changed])).toEqual([
      ['name', true],
      ['phone', false],
      ['capacity', false],
      ['location', true],
      ['api_secret', true],
    ]);
    expect(changes[3]).toMatchObject({ inBefore: true, inAfter: false, before: 'EU' });
    expect(changes[4]).toMatchObject({ inBefore: false, inAfter: true });
  });

  it('compares nested values by content, and tells null from absent', () => {
    const [same, nullToAbsent] = diffSnapshots(
      { plan: { id: 'a', name: 'Starter' }, note: null },
      { plan: { id: 'a', name: 'Starter' } },
    );
    expect(same!.changed).toBe(false);
    expect(nullToAbsent!.changed).toBe(true);
  });

  it('lists every field of a creation or a deletion', () => {
    expect(diffSnapshots(null, { a: 1, b: 2 }).map((c) => c.field)).toEqual(['a', 'b']);
    expect(diffSnapshots({ a: 1 }, null).every((c) => c.changed && !c.inAfter)).toBe(true);
  });
});

describe('auditQueryFromParams', () => {
  it('turns calendar days into a local-midnight range, the last day included', () => {
    const query = auditQueryFromParams(
      new URLSearchParams('from=2026-03-01&to=2026-03-31&action=server.&actor=%20ada%20'),
      3,
    );
    expect(query).toEqual({
      page: 3,
      page_size: 20,
      action: 'server.',
      actor: 'ada',
      from: new Date(2026, 2, 1).toISOString(),
      to: new Date(2026, 3, 1).toISOString(),
    });
  });

  it('drops what the API would refuse instead of failing the page', () => {
    expect(
      auditQueryFromParams(
        new URLSearchParams('actor_type=root&action=DROP%20TABLE&entity_type=A-B&from=2026-1-1'),
        1,
      ),
    ).toEqual({ page: 1, page_size: 20 });
  });
});
