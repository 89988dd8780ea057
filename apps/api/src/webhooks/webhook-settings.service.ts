import { Inject, Injectable } from '@nestjs/common';
import { UpdateWebhookSettingsRequest, WebhookSettingsResponse } from '@nextpanel/shared';
import { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/app-config.module';
import { SettingsStore } from '../settings/settings.service';

/** The `webhooks` settings group: defaults from the environment, changed by admins at run time. */
export const WEBHOOK_SETTINGS_KEY = 'webhooks';

@Injectable()
export class WebhookSettings {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly store: SettingsStore,
  ) {}

  private get defaults(): WebhookSettingsResponse {
    return { allow_private_targets: this.config.webhooks.allowPrivateTargets };
  }

  async read(): Promise<WebhookSettingsResponse> {
    const stored = await this.store.read(WEBHOOK_SETTINGS_KEY, this.defaults);
    return { allow_private_targets: stored.allow_private_targets === true };
  }

  async update(changes: UpdateWebhookSettingsRequest): Promise<WebhookSettingsResponse> {
    const updated = await this.store.update(WEBHOOK_SETTINGS_KEY, this.defaults, changes);
    return { allow_private_targets: updated.allow_private_targets === true };
  }
}
