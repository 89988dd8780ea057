import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  HttpStatus,
  Param,
  Patch,
  Post,
} from '@nestjs/common';
import {
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { Auth } from '../auth/auth.decorators';
import { ApiErrorResponses } from '../common/errors/api-error.dto';
import { ParseIdPipe } from '../common/validation/id-params';
import {
  CreateServerDto,
  ServerResponseDto,
  ServerStatusResponseDto,
  TestServerConnectionDto,
  TestServerConnectionResponseDto,
  UpdateServerDto,
} from './dto/server.dto';
import { ServersService } from './servers.service';
import { Idempotent } from '../idempotency/idempotent.decorator';

@ApiTags('servers')
@Auth('admin')
@Controller('nextpanel/servers')
export class ServersController {
  constructor(private readonly servers: ServersService) {}

  @Post('test')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary: 'Test a panel connection before saving it',
    description:
      'Calls the panel’s GET /api/health with the key pair (5 s timeout). `success: false` comes with the precise reason.',
  })
  @ApiOkResponse({ type: TestServerConnectionResponseDto })
  @ApiErrorResponses(400)
  test(@Body() body: TestServerConnectionDto): Promise<TestServerConnectionResponseDto> {
    return this.servers.testConnection(body);
  }

  @Get('status')
  @ApiOperation({ summary: 'Check every server’s health now (in parallel) and report utilisation' })
  @ApiOkResponse({ type: [ServerStatusResponseDto] })
  status(): Promise<ServerStatusResponseDto[]> {
    return this.servers.status();
  }

  @Post()
  @Idempotent()
  @ApiOperation({
    summary: 'Add a panel server',
    description: 'The API secret is stored encrypted (AES-256-GCM) and never returned.',
  })
  @ApiCreatedResponse({ type: ServerResponseDto })
  @ApiErrorResponses(400, 409)
  create(@Body() body: CreateServerDto): Promise<ServerResponseDto> {
    return this.servers.create(body);
  }

  @Get()
  @ApiOperation({ summary: 'List panel servers with live account counts and utilisation' })
  @ApiOkResponse({ type: [ServerResponseDto] })
  list(): Promise<ServerResponseDto[]> {
    return this.servers.list();
  }

  @Get(':id')
  @ApiOperation({ summary: 'One panel server' })
  @ApiOkResponse({ type: ServerResponseDto })
  @ApiErrorResponses(400, 404)
  get(@Param('id', ParseIdPipe) id: number): Promise<ServerResponseDto> {
    return this.servers.get(id);
  }

  @Patch(':id')
  @ApiOperation({ summary: 'Rotate credentials, change capacity, activate or deactivate a server' })
  @ApiOkResponse({ type: ServerResponseDto })
  @ApiErrorResponses(400, 404, 409)
  update(
    @Param('id', ParseIdPipe) id: number,
    @Body() body: UpdateServerDto,
  ): Promise<ServerResponseDto> {
    return this.servers.update(id, body);
  }

  @Delete(':id')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({
    summary: 'Remove a server that has never held accounts (409 otherwise; deactivate it instead)',
  })
  @ApiNoContentResponse()
  @ApiErrorResponses(400, 404, 409)
  remove(@Param('id', ParseIdPipe) id: number): Promise<void> {
    return this.servers.remove(id);
  }
}
