import { Injectable, PipeTransform } from '@nestjs/common';
import { validationFailed } from '../common/errors/domain.exception';

/** Ids of bigserial tables travel as decimal strings; anything else is a 400, not a database error. */
@Injectable()
export class ParseBigIntIdPipe implements PipeTransform<string, string> {
  transform(value: string): string {
    if (!/^[1-9]\d{0,17}$/.test(value))
      throw validationFailed([{ field: 'id', message: 'id must be a positive integer' }]);
    return value;
  }
}
