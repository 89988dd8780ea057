import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional, ApiResponse } from '@nestjs/swagger';
import { ApiErrorBody, ApiErrorDetail } from '@nextpanel/shared';

export class ApiErrorDetailDto implements ApiErrorDetail {
  @ApiProperty({ example: 'email' })
  field!: string;

  @ApiProperty({ example: 'email must be an email' })
  message!: string;
}

/** The one error body of every endpoint. */
export class ApiErrorDto implements ApiErrorBody {
  @ApiProperty({ example: 400 })
  statusCode!: number;

  @ApiProperty({ example: 'Bad Request', description: 'The HTTP reason phrase' })
  error!: string;

  @ApiProperty({ example: 'email must be an email' })
  message!: string;

  @ApiPropertyOptional({
    example: 'VALIDATION_FAILED',
    description: 'Stable machine-readable code',
  })
  code?: string;

  @ApiPropertyOptional({ example: '7d1f1f8e-2b7c-4c07-9d0c-8f3a3c0b9e21' })
  request_id?: string;

  @ApiPropertyOptional({
    type: [ApiErrorDetailDto],
    description: 'Field errors, for validation failures',
  })
  details?: ApiErrorDetailDto[];
}

const DESCRIPTIONS: Record<number, string> = {
  400: 'Invalid request body or parameters (see `details`)',
  401: 'Missing, invalid or expired bearer token',
  403: 'Authenticated, but the role may not do this',
  404: 'Not found',
  409: 'Conflicts with the current state',
  429: 'Too many requests; see the Retry-After header',
  503: 'A dependency is unavailable',
};

/** Documents error responses in the one error shape for the given status codes. */
export function ApiErrorResponses(...statuses: number[]): MethodDecorator & ClassDecorator {
  return applyDecorators(
    ...statuses.map((status) =>
      ApiResponse({ status, description: DESCRIPTIONS[status] ?? 'Error', type: ApiErrorDto }),
    ),
  );
}
