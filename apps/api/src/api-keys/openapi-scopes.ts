import type { INestApplication } from '@nestjs/common';
import { PATH_METADATA } from '@nestjs/common/constants';
import { ModulesContainer } from '@nestjs/core';
import type { OpenAPIObject } from '@nestjs/swagger';
import { API_KEY_PREFIX } from '@nextpanel/shared';
import { IS_PUBLIC_KEY } from '../auth/auth.decorators';
import { apiKeyAccessOf, ApiKeyRouteAccess } from './api-key-access';

/** The name of the API-key security scheme in the OpenAPI document. */
export const API_KEY_SECURITY_SCHEME = 'api-key';

export const API_KEY_SECURITY_SCHEME_OPTIONS = {
  type: 'http',
  scheme: 'bearer',
  bearerFormat: `${API_KEY_PREFIX}…`,
  description:
    'An API key created under Settings → API keys, sent as `Authorization: Bearer nbk_…`. ' +
    'Each operation names the scope it needs (`x-required-scope`).',
} as const;

const OPERATION_METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];

interface RouteInfo {
  access: ApiKeyRouteAccess;
  isPublic: boolean;
}

/**
 * Writes into the document what an API key needs for each operation, from the same derivation
 * the auth guard enforces (`apiKeyAccessOf`), so the docs cannot disagree with the guard:
 * `x-required-scope` plus a line in the description, and the API-key scheme as an alternative
 * to the JWT; or `x-api-key-refused: true` where keys are not accepted.
 *
 * Operations are matched by the operationId @nestjs/swagger gives them (`<Controller>_<method>`).
 */
export function documentApiKeyScopes(app: INestApplication, document: OpenAPIObject): void {
  const routes = routesByOperationId(app);
  for (const pathItem of Object.values(document.paths)) {
    for (const method of OPERATION_METHODS) {
      const operation = (pathItem as Record<string, OperationLike | undefined>)[method];
      // No security requirement: a public route (login, the Stripe webhook), keys play no part.
      if (!operation?.operationId || !operation.security?.length) continue;
      const route = routes.get(operation.operationId);
      if (!route) continue;
      const { access, isPublic } = route;
      if (access.kind === 'scope') {
        operation['x-required-scope'] = access.scope;
        operation.security = [...operation.security, { [API_KEY_SECURITY_SCHEME]: [] }];
        appendDescription(
          operation,
          isPublic
            ? `Required scope: \`${access.scope}\` (for an API key to be answered as an admin; without a token the route is public).`
            : `Required scope: \`${access.scope}\`.`,
        );
      } else {
        operation['x-api-key-refused'] = true;
        const reason = `${access.reason.charAt(0).toLowerCase()}${access.reason.slice(1)}`;
        appendDescription(operation, `API keys: not accepted (${reason}).`);
      }
    }
  }
}

interface OperationLike {
  operationId?: string;
  description?: string;
  security?: Array<Record<string, string[]>>;
  [extension: `x-${string}`]: unknown;
}

function appendDescription(operation: OperationLike, line: string): void {
  operation.description = operation.description ? `${operation.description}\n\n${line}` : line;
}

function routesByOperationId(app: INestApplication): Map<string, RouteInfo> {
  const routes = new Map<string, RouteInfo>();
  for (const module of app.get(ModulesContainer).values()) {
    for (const wrapper of module.controllers.values()) {
      const controller = wrapper.metatype as (abstract new (...args: never[]) => unknown) | null;
      if (!controller) continue;
      const prototype = controller.prototype as Record<string, unknown>;
      for (const name of Object.getOwnPropertyNames(prototype)) {
        const handler = prototype[name];
        if (name === 'constructor' || typeof handler !== 'function') continue;
        if (Reflect.getMetadata(PATH_METADATA, handler) === undefined) continue;
        const isPublic =
          (Reflect.getMetadata(IS_PUBLIC_KEY, handler) ??
            Reflect.getMetadata(IS_PUBLIC_KEY, controller)) === true;
        routes.set(`${controller.name}_${name}`, {
          access: apiKeyAccessOf(controller, handler),
          isPublic,
        });
      }
    }
  }
  return routes;
}
