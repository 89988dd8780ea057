import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AuditEntryResponse, Page } from '@nextpanel/shared';
import { Brackets, DataSource, EntityManager } from 'typeorm';
import { containsPattern, escapeLikePattern } from '../common/database/like-pattern';
import { pageWindow, toPage } from '../common/pagination/page.dto';
import { RequestActor, RequestContext } from '../common/request-context/request-context';
import { AuditEntry } from './audit-entry.entity';
import { AuditListQueryDto } from './dto/audit.dto';
import { redactForAudit } from './redact';

export interface AuditRecord {
  /** `<entity>.<verb>`, e.g. `customer.update`. */
  action: string;
  entityType: string;
  entityId: string | number | null;
  before?: object | null;
  after?: object | null;
  /** Defaults to the current request's or job's actor. */
  actor?: RequestActor;
}

const UNKNOWN_ACTOR: RequestActor = { type: 'system', id: null, label: 'system' };

/**
 * The audit log. Record inside the transaction that makes the change, so the entry exists exactly
 * when the change does; actor, IP and request id come from the request context.
 */
@Injectable()
export class AuditLog {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async record(
    entry: AuditRecord,
    manager: Pick<EntityManager, 'query'> = this.dataSource.manager,
  ): Promise<void> {
    const context = RequestContext.current();
    const actor = entry.actor ?? context?.actor ?? UNKNOWN_ACTOR;
    await manager.query(
      `INSERT INTO audit_log (actor_type, actor_id, actor_label, action, entity_type, entity_id, before, after, ip, request_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
      [
        actor.type,
        actor.id,
        actor.label.slice(0, 254),
        entry.action,
        entry.entityType,
        entry.entityId === null ? null : String(entry.entityId),
        entry.before ? JSON.stringify(redactForAudit(entry.before)) : null,
        entry.after ? JSON.stringify(redactForAudit(entry.after)) : null,
        context?.ip ?? null,
        context?.requestId ?? null,
      ],
    );
  }

  async list(query: AuditListQueryDto): Promise<Page<AuditEntryResponse>> {
    const window = pageWindow(query);
    const builder = this.dataSource
      .getRepository(AuditEntry)
      .createQueryBuilder('entry')
      .orderBy('entry.occurred_at', 'DESC')
      .addOrderBy('entry.id', 'DESC');
    if (query.actor_type)
      builder.andWhere('entry.actor_type = :actorType', { actorType: query.actor_type });
    if (query.actor)
      builder.andWhere(`entry.actor_label ILIKE :actor ESCAPE '\\'`, {
        actor: containsPattern(query.actor),
      });
    if (query.action) {
      if (query.action.endsWith('.'))
        builder.andWhere(`entry.action LIKE :action ESCAPE '\\'`, {
          action: `${escapeLikePattern(query.action)}%`,
        });
      else builder.andWhere('entry.action = :action', { action: query.action });
    }
    if (query.entity_type)
      builder.andWhere('entry.entity_type = :entityType', { entityType: query.entity_type });
    if (query.entity_id)
      builder.andWhere('entry.entity_id = :entityId', { entityId: query.entity_id });
    if (query.from || query.to) {
      builder.andWhere(
        new Brackets((range) => {
          if (query.from) range.andWhere('entry.occurred_at >= :from', { from: query.from });
          if (query.to) range.andWhere('entry.occurred_at < :to', { to: query.to });
        }),
      );
    }
    const [items, total] = await builder
      .skip(window.offset)
      .take(window.pageSize)
      .getManyAndCount();
    return toPage(items.map(toAuditEntryResponse), total, window);
  }
}

export function toAuditEntryResponse(entry: AuditEntry): AuditEntryResponse {
  return {
    id: entry.id,
    occurred_at: entry.occurredAt.toISOString(),
    actor_type: entry.actorType,
    actor_id: entry.actorId,
    actor_label: entry.actorLabel,
    action: entry.action,
    entity_type: entry.entityType,
    entity_id: entry.entityId,
    before: entry.before,
    after: entry.after,
    ip: entry.ip,
    request_id: entry.requestId,
  };
}
