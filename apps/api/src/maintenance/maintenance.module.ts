import { Module } from '@nestjs/common';
import { RateLimitModule } from '../common/rate-limit/rate-limit.module';
import { MaintenanceService } from './maintenance.service';

@Module({ imports: [RateLimitModule], providers: [MaintenanceService] })
export class MaintenanceModule {}
