import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Job } from './job.entity';
import { JobQueue } from './job-queue.service';
import { JobScheduler } from './job-scheduler';
import { JobsController } from './jobs.controller';
import { JobsService } from './jobs.service';

@Global()
@Module({
  imports: [TypeOrmModule.forFeature([Job])],
  controllers: [JobsController],
  providers: [JobQueue, JobScheduler, JobsService],
  exports: [JobQueue, JobScheduler],
})
export class JobsModule {}
