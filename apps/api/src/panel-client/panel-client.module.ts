import { Module } from '@nestjs/common';
import { PanelClient } from './panel-client';

@Module({ providers: [PanelClient], exports: [PanelClient] })
export class PanelClientModule {}
