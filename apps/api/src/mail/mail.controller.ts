import { Controller, Get, HttpCode, HttpStatus, Param, Post, Query } from '@nestjs/common';
import {
  ApiOkResponse,
  ApiOperation,
  ApiProperty,
  ApiPropertyOptional,
  ApiTags,
} from '@nestjs/swagger';
import { EmailResponse } from '@nextpanel/shared';
import { IsIn, IsOptional } from 'class-validator';
import { Auth } from '../auth/auth.decorators';
import { ApiErrorResponses } from '../common/errors/api-error.dto';
import { PageMetaDto, PageQueryDto } from '../common/pagination/page.dto';
import { ParseBigIntIdPipe } from '../jobs/parse-bigint-id.pipe';
import { EMAIL_STATUSES, EmailStatus } from './email-message.entity';
import { MailService } from './mail.service';

class EmailListQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: EMAIL_STATUSES })
  @IsOptional()
  @IsIn(EMAIL_STATUSES)
  status?: EmailStatus;
}

class EmailResponseDto implements EmailResponse {
  @ApiProperty({ example: '12' }) id!: string;
  @ApiProperty({ example: 'customer@example.com' }) recipient!: string;
  @ApiProperty({ example: 'Your hosting account is ready' }) subject!: string;
  @ApiProperty({ example: 'welcome' }) template!: string;
  @ApiProperty({
    enum: EMAIL_STATUSES,
    example: 'sent',
    description: '`held`: SMTP is not configured; sent once it is',
  })
  status!: EmailStatus;
  @ApiProperty({ example: 1 }) attempts!: number;
  @ApiProperty({ example: null, nullable: true, type: String }) last_error!: string | null;
  @ApiProperty({ example: '2026-11-26T10:00:00.000Z', nullable: true, type: String }) sent_at!:
    string | null;
  @ApiProperty({ example: '2026-11-26T10:00:00.000Z' }) created_at!: string;
}

class EmailPageDto extends PageMetaDto {
  @ApiProperty({ type: [EmailResponseDto] }) items!: EmailResponseDto[];
}

@ApiTags('emails')
@Auth('admin')
@Controller('emails')
export class MailController {
  constructor(private readonly mail: MailService) {}

  @Get()
  @ApiOperation({ summary: 'The email outbox (without bodies), newest first' })
  @ApiOkResponse({ type: EmailPageDto })
  @ApiErrorResponses(400)
  list(@Query() query: EmailListQueryDto): Promise<EmailPageDto> {
    return this.mail.list(query);
  }

  @Post(':id/resend')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'Send a failed or held email again' })
  @ApiOkResponse({ type: EmailResponseDto })
  @ApiErrorResponses(400, 404, 409)
  resend(@Param('id', ParseBigIntIdPipe) id: string): Promise<EmailResponseDto> {
    return this.mail.resend(id);
  }
}
