import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { PrincipalCacheModule } from '../auth/principal-cache.module';
import { CustomPlanPool } from '../database/custom-plan-pool';
import { User } from '../users/user.entity';
import { CustomersController } from './customers.controller';
import { CustomersService } from './customers.service';

@Module({
  imports: [TypeOrmModule.forFeature([User]), PrincipalCacheModule],
  controllers: [CustomersController],
  providers: [CustomersService, CustomPlanPool],
  exports: [CustomersService],
})
export class CustomersModule {}
