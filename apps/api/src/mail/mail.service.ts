import { randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger, OnApplicationBootstrap, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { EmailResponse, Page } from '@nextpanel/shared';
import { createTransport, Transporter } from 'nodemailer';
import { DataSource, EntityManager } from 'typeorm';
import { AuditLog } from '../audit/audit-log.service';
import { returnedRows } from '../common/database/returned-rows';
import { SecretBox } from '../common/crypto/secret-box';
import { conflict, notFound } from '../common/errors/domain.exception';
import { pageWindow, toPage } from '../common/pagination/page.dto';
import { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/app-config.module';
import { JobQueue } from '../jobs/job-queue.service';
import { EmailMessage, EmailStatus } from './email-message.entity';
import { EmailTemplate, renderEmail } from './email-templates';

export const SEND_EMAIL_QUEUE = 'email.send';
const DELIVERED_SECRET_PLACEHOLDER =
  '(Removed after delivery: this email contained sign-in credentials.)';

/**
 * Writes emails to the outbox and sends them through the job queue. An email is queued in the
 * caller's transaction, so it exists exactly when the change it reports was committed.
 */
@Injectable()
export class MailService implements OnModuleInit, OnApplicationBootstrap {
  private readonly logger = new Logger(MailService.name);
  private transport: Transporter | null = null;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly jobs: JobQueue,
    private readonly secretBox: SecretBox,
    private readonly audit: AuditLog,
  ) {}

  onModuleInit(): void {
    if (this.config.mail.smtpUrl) this.transport = createTransport(this.config.mail.smtpUrl);
    this.jobs.register(SEND_EMAIL_QUEUE, {
      run: (payload) => this.deliver(String(payload.email_id)),
      onFailed: async (payload, error) => {
        await this.dataSource.query(
          `UPDATE email_outbox SET status = 'failed', last_error = $2, updated_at = now() WHERE id = $1 AND status <> 'sent'`,
          [String(payload.email_id), error.message.slice(0, 2000)],
        );
      },
    });
  }

  /** Emails held while SMTP was not configured go out once it is. */
  async onApplicationBootstrap(): Promise<void> {
    if (!this.transport || !this.config.jobs.enabled) return;
    const held = returnedRows<{ id: string }>(
      await this.dataSource.query(
        `UPDATE email_outbox SET status = 'pending', updated_at = now() WHERE status = 'held' RETURNING id`,
      ),
    );
    for (const { id } of held)
      await this.jobs.enqueue({ queue: SEND_EMAIL_QUEUE, payload: { email_id: id } });
    if (held.length > 0)
      this.logger.log({ count: held.length }, 'Queued emails held while SMTP was not configured');
  }

  /** Adds an email to the outbox; a second call with the same dedupe key adds nothing. */
  async queue(
    manager: EntityManager,
    recipient: string,
    email: EmailTemplate,
    dedupeKey: string,
  ): Promise<void> {
    const rendered = renderEmail(email);
    const rows: Array<{ id: string }> = await manager.query(
      `INSERT INTO email_outbox (recipient, subject, template, text_body_sealed, html_body_sealed, dedupe_key, message_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7)
       ON CONFLICT (dedupe_key) WHERE dedupe_key IS NOT NULL DO NOTHING RETURNING id`,
      [
        recipient,
        rendered.subject,
        email.template,
        this.secretBox.seal(rendered.text),
        this.secretBox.seal(rendered.html),
        dedupeKey,
        `<${randomUUID()}@nextpanel-billing>`,
      ],
    );
    if (rows.length === 0) return;
    await this.jobs.enqueue(
      {
        queue: SEND_EMAIL_QUEUE,
        payload: { email_id: rows[0].id },
        dedupeKey: `email:${rows[0].id}`,
      },
      manager,
    );
  }

  async list(query: {
    status?: EmailStatus;
    page?: number;
    page_size?: number;
  }): Promise<Page<EmailResponse>> {
    const window = pageWindow(query);
    const builder = this.dataSource
      .getRepository(EmailMessage)
      .createQueryBuilder('email')
      .orderBy('email.id', 'DESC');
    if (query.status) builder.where('email.status = :status', { status: query.status });
    const [items, total] = await builder
      .skip(window.offset)
      .take(window.pageSize)
      .getManyAndCount();
    return toPage(items.map(toEmailResponse), total, window);
  }

  async resend(id: string): Promise<EmailResponse> {
    return this.dataSource.transaction(async (manager) => {
      const email = await manager.findOne(EmailMessage, {
        where: { id },
        lock: { mode: 'pessimistic_write' },
      });
      if (!email) throw notFound('Email');
      if (email.status !== 'failed' && email.status !== 'held') {
        throw conflict(`A ${email.status} email cannot be sent again`, 'EMAIL_NOT_RESENDABLE');
      }
      await manager.query(
        `UPDATE email_outbox SET status = 'pending', last_error = NULL, updated_at = now() WHERE id = $1`,
        [id],
      );
      await this.jobs.enqueue({ queue: SEND_EMAIL_QUEUE, payload: { email_id: id } }, manager);
      const queued = toEmailResponse(await manager.findOneByOrFail(EmailMessage, { id }));
      // The response carries no body, so no sign-in details reach the audit log.
      await this.audit.record(
        {
          action: 'email.resend',
          entityType: 'email',
          entityId: id,
          before: toEmailResponse(email),
          after: queued,
        },
        manager,
      );
      return queued;
    });
  }

  /** The job: sends one outbox email, at most once successfully recorded. */
  private async deliver(emailId: string): Promise<void> {
    const email = await this.dataSource.getRepository(EmailMessage).findOneBy({ id: emailId });
    if (!email || email.status === 'sent') return;
    if (!this.transport) {
      await this.dataSource.query(
        `UPDATE email_outbox SET status = 'held', updated_at = now() WHERE id = $1`,
        [emailId],
      );
      this.logger.warn(
        { emailId, template: email.template, recipient: email.recipient },
        'SMTP_URL is not set: email kept in the outbox',
      );
      return;
    }
    await this.dataSource.query(
      `UPDATE email_outbox SET attempts = attempts + 1, updated_at = now() WHERE id = $1`,
      [emailId],
    );
    try {
      await this.transport.sendMail({
        from: this.config.mail.from,
        to: email.recipient,
        subject: email.subject,
        text: this.secretBox.open(email.textBodySealed),
        html: this.secretBox.open(email.htmlBodySealed),
        messageId: email.messageId,
      });
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      await this.dataSource.query(
        `UPDATE email_outbox SET last_error = $2, updated_at = now() WHERE id = $1`,
        [emailId, reason.slice(0, 2000)],
      );
      throw new Error(`SMTP delivery failed: ${reason}`);
    }
    const blank = renderEmailContainsSecret(email.template);
    await this.dataSource.query(
      `UPDATE email_outbox SET status = 'sent', sent_at = now(), last_error = NULL, updated_at = now(),
              text_body_sealed = CASE WHEN $2 THEN $3 ELSE text_body_sealed END,
              html_body_sealed = CASE WHEN $2 THEN $3 ELSE html_body_sealed END
       WHERE id = $1`,
      [emailId, blank, this.secretBox.seal(DELIVERED_SECRET_PLACEHOLDER)],
    );
    this.logger.log({ emailId, template: email.template }, 'Email sent');
  }
}

/** Templates that carry sign-in credentials: their stored copy is blanked once delivered. */
function renderEmailContainsSecret(template: string): boolean {
  return template === 'welcome' || template === 'password_reset';
}

export function toEmailResponse(email: EmailMessage): EmailResponse {
  return {
    id: email.id,
    recipient: email.recipient,
    subject: email.subject,
    template: email.template,
    status: email.status,
    attempts: email.attempts,
    last_error: email.lastError,
    sent_at: email.sentAt?.toISOString() ?? null,
    created_at: email.createdAt.toISOString(),
  };
}
