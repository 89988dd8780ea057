import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE, Page, PageQuery } from '@nextpanel/shared';
import { Transform } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import { PureQuery } from '../validation/remembered-query-validation.pipe';
import { queryInteger } from '../validation/transforms';

/** Deep enough for any real list, small enough that the OFFSET stays a sane number. */
export const MAX_PAGE = 1_000_000;

/**
 * `?page=&page_size=` of every paginated list; other list queries extend it. Pure (see
 * PureQuery), as every subclass's own fields must be too.
 */
@PureQuery()
export class PageQueryDto implements PageQuery {
  @ApiPropertyOptional({ type: 'integer', example: 1, default: 1, minimum: 1, maximum: MAX_PAGE })
  @IsOptional()
  @Transform(queryInteger)
  @IsInt()
  @Min(1)
  @Max(MAX_PAGE)
  page?: number;

  @ApiPropertyOptional({
    type: 'integer',
    example: DEFAULT_PAGE_SIZE,
    default: DEFAULT_PAGE_SIZE,
    minimum: 1,
    maximum: MAX_PAGE_SIZE,
  })
  @IsOptional()
  @Transform(queryInteger)
  @IsInt()
  @Min(1)
  @Max(MAX_PAGE_SIZE)
  page_size?: number;
}

export interface PageWindow {
  page: number;
  pageSize: number;
  offset: number;
}

export function pageWindow(query: PageQuery): PageWindow {
  const page = query.page ?? 1;
  const pageSize = query.page_size ?? DEFAULT_PAGE_SIZE;
  return { page, pageSize, offset: (page - 1) * pageSize };
}

export function toPage<T>(items: T[], total: number, window: PageWindow): Page<T> {
  return {
    items,
    total,
    page: window.page,
    page_size: window.pageSize,
    pages: Math.ceil(total / window.pageSize),
  };
}

/** The fields every page has; each list's page DTO adds its typed `items`. */
export abstract class PageMetaDto {
  @ApiProperty({ example: 42, description: 'Items matching the filters, on all pages' })
  total!: number;

  @ApiProperty({ example: 1 })
  page!: number;

  @ApiProperty({ example: DEFAULT_PAGE_SIZE })
  page_size!: number;

  @ApiProperty({ example: 3, description: 'Number of pages; 0 when nothing matches' })
  pages!: number;
}
