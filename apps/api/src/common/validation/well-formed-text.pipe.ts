import { ArgumentMetadata, Injectable, PipeTransform } from '@nestjs/common';
import { ApiErrorDetail } from '@nextpanel/shared';
import { validationFailed } from '../errors/domain.exception';

const MAX_DEPTH = 20;

/**
 * PostgreSQL text cannot hold NUL characters or unpaired UTF-16 surrogates (JSON can: "\u0000",
 * "\ud800"). Such a string would fail at the database as a 500, so every body and query string
 * is checked here first and refused as a 400 naming the field.
 */
@Injectable()
export class WellFormedTextPipe implements PipeTransform {
  transform(value: unknown, metadata: ArgumentMetadata): unknown {
    if (metadata.type !== 'body' && metadata.type !== 'query' && metadata.type !== 'param')
      return value;
    const problems: ApiErrorDetail[] = [];
    collect(value, metadata.type === 'param' ? (metadata.data ?? 'param') : '', problems, 0);
    if (problems.length > 0) throw validationFailed(problems);
    return value;
  }
}

function collect(value: unknown, path: string, problems: ApiErrorDetail[], depth: number): void {
  if (depth > MAX_DEPTH || problems.length >= 20) return;
  if (typeof value === 'string') {
    if (value.includes('\u0000'))
      problems.push({
        field: path || 'body',
        message: `${path || 'body'} must not contain NUL characters`,
      });
    else if (!value.isWellFormed())
      problems.push({
        field: path || 'body',
        message: `${path || 'body'} must be valid Unicode text`,
      });
    return;
  }
  if (Array.isArray(value)) {
    value.forEach((item, index) =>
      collect(item, path ? `${path}.${index}` : String(index), problems, depth + 1),
    );
    return;
  }
  if (value && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      if (!key.isWellFormed() || key.includes('\u0000')) {
        problems.push({ field: 'body', message: 'field names must be valid Unicode text' });
        continue;
      }
      collect(item, path ? `${path}.${key}` : key, problems, depth + 1);
    }
  }
}
