import { useEffect, useRef, useState } from 'react';
import {
  AUDIT_ACTOR_TYPES,
  DEFAULT_PAGE_SIZE,
  type AuditActorType,
  type AuditListQuery,
} from '@nextpanel/shared';
import { Button } from '@/components/ui/button';
import { SearchIcon, XIcon } from '@/components/ui/icons';
import { Input } from '@/components/ui/input';
import { Select } from '@/components/ui/select';
import type { useUrlFilters } from '@/hooks/use-url-filters';
import {
  actionFilterOptions,
  actionLabel,
  actorTypeLabels,
  entityLabel,
  entityTypeLabels,
} from './audit-labels';
import styles from './audit-log.module.css';

type UrlFilters = ReturnType<typeof useUrlFilters>;

/** Every `?key=` the page reads; `from`/`to` are calendar days (YYYY-MM-DD), both inclusive. */
export const AUDIT_FILTER_KEYS = [
  'actor_type',
  'actor',
  'action',
  'entity_type',
  'entity_id',
  'from',
  'to',
] as const;

const ACTION_PATTERN = /^[a-z_]+(\.[a-z_]*)*$/;
const ENTITY_TYPE_PATTERN = /^[a-z_]{1,50}$/;
const DAY_PATTERN = /^\d{4}-\d{2}-\d{2}$/;

function isActorType(value: string | null): value is AuditActorType {
  return value !== null && (AUDIT_ACTOR_TYPES as readonly string[]).includes(value);
}

/** Midnight at the start of a local calendar day, as the API's ISO timestamp. */
function startOfDay(day: string, addDays = 0): string | undefined {
  if (!DAY_PATTERN.test(day)) return undefined;
  const [year, month, date] = day.split('-').map(Number) as [number, number, number];
  const start = new Date(year, month - 1, date + addDays);
  return Number.isNaN(start.getTime()) ? undefined : start.toISOString();
}

/**
 * The API query for what the URL says. Values the API would refuse (a hand-edited URL) are left
 * out rather than turned into an error page.
 */
export function auditQueryFromParams(params: URLSearchParams, page: number): AuditListQuery {
  const query: AuditListQuery = { page, page_size: DEFAULT_PAGE_SIZE };
  const actorType = params.get('actor_type');
  if (isActorType(actorType)) query.actor_type = actorType;
  const actor = params.get('actor')?.trim();
  if (actor) query.actor = actor.slice(0, 254);
  const action = params.get('action');
  if (action && action.length <= 100 && ACTION_PATTERN.test(action)) query.action = action;
  const entityType = params.get('entity_type');
  if (entityType && ENTITY_TYPE_PATTERN.test(entityType)) query.entity_type = entityType;
  const entityId = params.get('entity_id')?.trim();
  if (entityId) query.entity_id = entityId.slice(0, 64);
  const from = startOfDay(params.get('from') ?? '');
  if (from) query.from = from;
  // `to` is exclusive in the API: the day after the last day shown.
  const to = startOfDay(params.get('to') ?? '', 1);
  if (to) query.to = to;
  return query;
}

export function hasAuditFilters(params: URLSearchParams): boolean {
  return AUDIT_FILTER_KEYS.some((key) => (params.get(key) ?? '') !== '');
}

/** A text box bound to one URL key, written to the URL 300 ms after the last key press. */
function useDebouncedParam(filters: UrlFilters, key: string, delayMs = 300) {
  const [text, setText] = useState(() => filters.params.get(key) ?? '');
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  // The URL setter of the latest render: one captured earlier would write back stale filters
  // (the router's updater starts from the search params of the render it came from).
  const setFilter = useRef(filters.setFilter);
  useEffect(() => {
    setFilter.current = filters.setFilter;
  });
  useEffect(() => () => clearTimeout(timer.current), []);
  return {
    text,
    setText: (value: string) => {
      setText(value);
      clearTimeout(timer.current);
      timer.current = setTimeout(() => setFilter.current(key, value.trim()), delayMs);
    },
    reset: () => {
      clearTimeout(timer.current);
      setText('');
    },
  };
}

export type AuditFilterText = ReturnType<typeof useAuditFilterText>;

/** The filters typed rather than picked; `clearAll` empties the boxes and the URL. */
export function useAuditFilterText(filters: UrlFilters) {
  const actor = useDebouncedParam(filters, 'actor');
  const entityId = useDebouncedParam(filters, 'entity_id');
  return {
    actor,
    entityId,
    clearAll: () => {
      actor.reset();
      entityId.reset();
      filters.clear(AUDIT_FILTER_KEYS);
    },
  };
}

const ACTOR_TYPE_OPTIONS = [
  { value: '', label: 'Anyone' },
  ...AUDIT_ACTOR_TYPES.map((type) => ({ value: type, label: actorTypeLabels[type] })),
];

export interface AuditFiltersProps {
  filters: UrlFilters;
  text: AuditFilterText;
}

export function AuditFilters({ filters, text }: AuditFiltersProps) {
  const { actor, entityId } = text;
  const { params } = filters;
  const action = params.get('action') ?? '';
  const entityType = params.get('entity_type') ?? '';
  const actorType = params.get('actor_type') ?? '';

  // A link may carry an action or entity this list does not know yet: keep it selectable.
  const actionOptions =
    action && !actionFilterOptions.some((option) => option.value === action)
      ? [...actionFilterOptions, { value: action, label: actionLabel(action) }]
      : actionFilterOptions;
  const entityOptions = [
    { value: '', label: 'Any entity' },
    ...Object.keys(entityTypeLabels).map((type) => ({ value: type, label: entityLabel(type) })),
    ...(entityType && !(entityType in entityTypeLabels)
      ? [{ value: entityType, label: entityType }]
      : []),
  ];

  return (
    <div className={styles.toolbar} role="search" aria-label="Filter the audit log">
      <div className={styles.filter}>
        <Select
          label="Actor type"
          options={ACTOR_TYPE_OPTIONS}
          value={isActorType(actorType) ? actorType : ''}
          onChange={(event) => filters.setFilter('actor_type', event.target.value)}
        />
      </div>
      <div className={styles.filterWide}>
        <Input
          label="Actor"
          type="search"
          placeholder="Email, key name or job"
          leading={<SearchIcon size={16} />}
          value={actor.text}
          onChange={(event) => actor.setText(event.target.value)}
        />
      </div>
      <div className={styles.filterWide}>
        <Select
          label="Action"
          options={actionOptions}
          value={action}
          onChange={(event) => filters.setFilter('action', event.target.value)}
        />
      </div>
      <div className={styles.filter}>
        <Select
          label="Entity"
          options={entityOptions}
          value={entityType}
          onChange={(event) => filters.setFilter('entity_type', event.target.value)}
        />
      </div>
      <div className={styles.filterNarrow}>
        <Input
          label="Entity ID"
          placeholder="e.g. 42"
          value={entityId.text}
          onChange={(event) => entityId.setText(event.target.value)}
        />
      </div>
      <div className={styles.filterNarrow}>
        <Input
          label="From"
          type="date"
          value={params.get('from') ?? ''}
          max={params.get('to') || undefined}
          onChange={(event) => filters.setFilter('from', event.target.value)}
        />
      </div>
      <div className={styles.filterNarrow}>
        <Input
          label="To"
          type="date"
          value={params.get('to') ?? ''}
          min={params.get('from') || undefined}
          onChange={(event) => filters.setFilter('to', event.target.value)}
        />
      </div>
      {hasAuditFilters(params) ? (
        <Button variant="ghost" icon={<XIcon size={16} />} onClick={text.clearAll}>
          Clear filters
        </Button>
      ) : null}
    </div>
  );
}
