import { Controller, Delete, Get, Patch, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { UserRole } from '@nextpanel/shared';
import { Auth, Public, PublicWithOptionalAuth } from '../auth/auth.decorators';
import { apiKeyAccessOf, RefuseApiKeys, RequiredScope } from './api-key-access';

@ApiTags('servers')
@Auth(UserRole.Admin)
@Controller('things')
class ThingsController {
  @Get() list(): void {}
  @Post() create(): void {}
  @Patch(':id') update(): void {}
  @Delete(':id') remove(): void {}
  @Post('check') @RequiredScope('servers:read') check(): void {}
  @Get('mine') @Auth(UserRole.Customer) mine(): void {}
  @Get('me') @Auth(UserRole.Admin, UserRole.Customer) me(): void {}
  @Get('public') @PublicWithOptionalAuth() catalogue(): void {}
  @Post('login') @Public() login(): void {}
  @Get('other') @ApiTags('My Account') other(): void {}
}

@RefuseApiKeys()
@ApiTags('api keys')
@Controller('keys')
class KeysController {
  @Get() list(): void {}
}

@Controller('untagged')
class UntaggedController {
  @Get() list(): void {}
}

const accessOf = (controller: { prototype: object }, method: string) =>
  apiKeyAccessOf(controller, (controller.prototype as Record<string, object>)[method]);

describe('apiKeyAccessOf', () => {
  it('derives <tag>:read for GET and <tag>:write for every other method', () => {
    expect(accessOf(ThingsController, 'list')).toEqual({ kind: 'scope', scope: 'servers:read' });
    for (const method of ['create', 'update', 'remove']) {
      expect(accessOf(ThingsController, method)).toEqual({ kind: 'scope', scope: 'servers:write' });
    }
  });

  it('lets @RequiredScope override the derivation and a method tag override the class tag', () => {
    expect(accessOf(ThingsController, 'check')).toEqual({ kind: 'scope', scope: 'servers:read' });
    expect(accessOf(ThingsController, 'other')).toEqual({
      kind: 'scope',
      scope: 'my-account:read',
    });
  });

  it('refuses keys on routes open to customers, even when admins may call them too', () => {
    expect(accessOf(ThingsController, 'mine')).toMatchObject({ kind: 'refused' });
    expect(accessOf(ThingsController, 'me')).toMatchObject({ kind: 'refused' });
  });

  it('gives public routes with an optional token a scope (for the admin view)', () => {
    expect(accessOf(ThingsController, 'catalogue')).toEqual({
      kind: 'scope',
      scope: 'servers:read',
    });
    expect(accessOf(ThingsController, 'login')).toEqual({ kind: 'scope', scope: 'servers:write' });
  });

  it('refuses keys where the controller says so, and fails closed without a tag', () => {
    expect(accessOf(KeysController, 'list')).toEqual({
      kind: 'refused',
      reason: expect.stringMatching(/signed-in admin/),
    });
    expect(accessOf(UntaggedController, 'list')).toMatchObject({ kind: 'refused' });
  });
});
