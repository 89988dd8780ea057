import { BadRequestException, ValidationPipe } from '@nestjs/common';
import { Transform } from 'class-transformer';
import { IsInt, IsOptional, IsString, Max, Min } from 'class-validator';
import { PureQuery, RememberedQueryValidationPipe } from './remembered-query-validation.pipe';
import { queryInteger } from './transforms';

@PureQuery()
class ListQuery {
  @IsOptional()
  @Transform(queryInteger)
  @IsInt()
  @Min(1)
  @Max(100)
  page?: number;
}

/** A subclass inherits the mark. */
class NarrowerListQuery extends ListQuery {}

@PureQuery()
class NoteQuery {
  @IsOptional()
  @IsString()
  note?: string;
}

/** Not marked: validated every time. */
class OtherQuery {
  @IsOptional()
  @Transform(queryInteger)
  @IsInt()
  page?: number;
}

describe('RememberedQueryValidationPipe', () => {
  const pipe = new RememberedQueryValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
  });
  // ValidationPipe's own step that runs class-validator.
  const validations = () =>
    jest.spyOn(ValidationPipe.prototype as unknown as { validate: () => unknown }, 'validate');
  const asQuery = (metatype: new () => object, value: unknown) =>
    pipe.transform(value, { type: 'query', metatype, data: undefined });

  afterEach(() => jest.restoreAllMocks());

  it('validates a query once, then answers a fresh copy of the same DTO', async () => {
    const validate = validations();
    const first = (await asQuery(ListQuery, { page: '3' })) as ListQuery;
    const second = (await asQuery(ListQuery, { page: '3' })) as ListQuery;
    expect(validate).toHaveBeenCalledTimes(1);
    expect(first).toBeInstanceOf(ListQuery);
    expect(second).toBeInstanceOf(ListQuery);
    expect(second).toEqual(first);
    expect(second.page).toBe(3);
    // Each request its own object: a handler changing its DTO changes no other's.
    expect(second).not.toBe(first);
    second.page = 9;
    expect(((await asQuery(ListQuery, { page: '3' })) as ListQuery).page).toBe(3);
    await asQuery(NarrowerListQuery, { page: '3' });
    await asQuery(NarrowerListQuery, { page: '3' });
    expect(validate).toHaveBeenCalledTimes(2);
  });

  it('refuses an invalid query every time, and never remembers it', async () => {
    const validate = validations();
    for (let round = 0; round < 2; round++) {
      await expect(asQuery(ListQuery, { page: '0' })).rejects.toBeInstanceOf(BadRequestException);
      await expect(asQuery(ListQuery, { page: '1', extra: 'x' })).rejects.toBeInstanceOf(
        BadRequestException,
      );
    }
    expect(validate).toHaveBeenCalledTimes(4);
  });

  it('validates every time what is not a marked query: other DTOs, bodies, long queries', async () => {
    const validate = validations();
    for (let round = 0; round < 2; round++) {
      await asQuery(OtherQuery, { page: '3' });
      await pipe.transform({ page: '3' }, { type: 'body', metatype: ListQuery, data: undefined });
      await asQuery(NoteQuery, { note: 'x'.repeat(2000) });
    }
    expect(validate).toHaveBeenCalledTimes(6);
  });

  it('keeps at most 500 queries per DTO, forgetting the oldest first', async () => {
    const bounded = new RememberedQueryValidationPipe({ transform: true });
    const validate = validations();
    const query = (page: number) =>
      bounded.transform({ page: String(page) }, { type: 'query', metatype: NarrowerListQuery });
    for (let page = 1; page <= 100; page++) await query(page);
    for (let page = 1; page <= 100; page++) await query(page);
    expect(validate).toHaveBeenCalledTimes(100);
    // 100 fit; what the bound drops is tested through a DTO allowing more values.
    @PureQuery()
    class WideQuery {
      @Transform(queryInteger)
      @IsInt()
      page!: number;
    }
    validate.mockClear();
    const wide = (page: number) =>
      bounded.transform({ page: String(page) }, { type: 'query', metatype: WideQuery });
    for (let page = 1; page <= 501; page++) await wide(page);
    await wide(501);
    await wide(2);
    expect(validate).toHaveBeenCalledTimes(501);
    await wide(1);
    expect(validate).toHaveBeenCalledTimes(502);
  });
});
