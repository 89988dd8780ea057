import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { License } from './license.entity';
import { CustomerLicensesController, LicensesController } from './licenses.controller';
import { LicensesService } from './licenses.service';

/** Exports LicensesService: customer details list licenses, provisioning checks them. */
@Module({
  imports: [TypeOrmModule.forFeature([License])],
  controllers: [LicensesController, CustomerLicensesController],
  providers: [LicensesService],
  exports: [LicensesService],
})
export class LicensesModule {}
