import { Body, Controller, Get, HttpCode, HttpStatus, Ip, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { USER_ROLES } from '@nextpanel/shared';
import { ApiErrorResponses } from '../common/errors/api-error.dto';
import { RegisterDto } from '../customers/dto/customer.dto';
import { Auth, AuthenticatedUser, CurrentUser, Public } from './auth.decorators';
import { AuthService } from './auth.service';
import { CurrentUserDto } from './dto/current-user.dto';
import { LoginDto, LoginResponseDto } from './dto/login.dto';

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  @Post('login')
  @Public()
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'Sign in and get a bearer token (valid 24 h)' })
  @ApiOkResponse({ type: LoginResponseDto })
  @ApiErrorResponses(400, 401, 429)
  login(@Body() body: LoginDto, @Ip() ip: string): Promise<LoginResponseDto> {
    return this.auth.login(body, ip);
  }

  @Post('register')
  @Public()
  @ApiOperation({ summary: 'Storefront sign-up: creates a customer and signs them in' })
  @ApiCreatedResponse({ type: LoginResponseDto })
  @ApiErrorResponses(400, 409, 429)
  register(@Body() body: RegisterDto, @Ip() ip: string): Promise<LoginResponseDto> {
    return this.auth.register(body, ip);
  }

  @Get('me')
  @Auth(...USER_ROLES)
  @ApiOperation({ summary: 'The signed-in user' })
  @ApiOkResponse({ type: CurrentUserDto })
  me(@CurrentUser() user: AuthenticatedUser): Promise<CurrentUserDto> {
    return this.auth.currentUser(user.id);
  }
}
