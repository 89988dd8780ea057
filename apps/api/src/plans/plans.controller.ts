import { Body, Controller, Get, Param, Patch, Post } from '@nestjs/common';
import {
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiTags,
} from '@nestjs/swagger';
import { PublicPlanResponse, UserRole } from '@nextpanel/shared';
import {
  Auth,
  AuthenticatedUser,
  OptionalUser,
  PublicWithOptionalAuth,
} from '../auth/auth.decorators';
import { ApiErrorResponses } from '../common/errors/api-error.dto';
import { ParseUuidPipe } from '../common/validation/id-params';
import { CreatePlanDto, PlanResponseDto, UpdatePlanDto } from './dto/plan.dto';
import { PlansService } from './plans.service';
import { Idempotent } from '../idempotency/idempotent.decorator';

const PLAN_ID = { name: 'id', format: 'uuid', example: '3f0c1c52-8a47-4bb8-9d5e-0d2b8f1e6a10' };

@ApiTags('plans')
@Auth(UserRole.Admin)
@Controller('plans')
export class PlansController {
  constructor(private readonly plans: PlansService) {}

  @Get()
  @PublicWithOptionalAuth()
  @ApiOperation({
    summary: 'List plans',
    description:
      'A bare array ordered by `sort_order`, then `name`, so `jq -r ".[0].id"` picks the first plan. ' +
      'With an admin token: every plan, inactive ones included, with every field. Without a token (the storefront): ' +
      'active plans only, with their public fields (no `nextpanel_package_id`, `is_active` or timestamps).',
  })
  @ApiOkResponse({ type: [PlanResponseDto] })
  list(
    @OptionalUser() user?: AuthenticatedUser,
  ): Promise<PlanResponseDto[] | PublicPlanResponse[]> {
    return user?.role === UserRole.Admin ? this.plans.list() : this.plans.listPublic();
  }

  @Get(':id')
  @ApiOperation({ summary: 'One plan' })
  @ApiParam(PLAN_ID)
  @ApiOkResponse({ type: PlanResponseDto })
  @ApiErrorResponses(400, 404)
  get(@Param('id', ParseUuidPipe) id: string): Promise<PlanResponseDto> {
    return this.plans.get(id);
  }

  @Post()
  @Idempotent()
  @ApiOperation({
    summary: 'Create a plan',
    description:
      'Prices are decimal amounts (at most 2 decimals). 409 `PLAN_NAME_TAKEN` when the name is in use.',
  })
  @ApiCreatedResponse({ type: PlanResponseDto })
  @ApiErrorResponses(400, 409)
  create(@Body() body: CreatePlanDto): Promise<PlanResponseDto> {
    return this.plans.create(body);
  }

  @Patch(':id')
  @ApiOperation({
    summary: 'Change any of a plan’s fields',
    description:
      'Affects future sales only: licenses already sold keep the quotas, and subscriptions the price, ' +
      'they were sold with. Set `is_active: false` to stop selling a plan. ' +
      '409 `PLAN_NAME_TAKEN` when the new name is in use.',
  })
  @ApiParam(PLAN_ID)
  @ApiOkResponse({ type: PlanResponseDto })
  @ApiErrorResponses(400, 404, 409)
  update(
    @Param('id', ParseUuidPipe) id: string,
    @Body() body: UpdatePlanDto,
  ): Promise<PlanResponseDto> {
    return this.plans.update(id, body);
  }
}
