import { Body, Controller, Get, Param, Post, Delete, HttpCode } from '@nestjs/common';
import { ApiBearerAuth, ApiConflictResponse, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { AllAccountsOnly, Audit, RequiresScope } from '../access.decorators';
import { ApiKeysService } from './api-keys.service';
import { CreatedKeyView, CreateKeyDto, KeyView } from './dto/key.dto';

/** API keys: created with a scope (and optionally limited to accounts), listed, revoked at once. */
@ApiTags('keys')
@ApiBearerAuth()
@RequiresScope('admin')
@AllAccountsOnly()
@Controller('keys')
export class KeysController {
  constructor(private readonly keys: ApiKeysService) {}

  @Get()
  @ApiOkResponse({ type: [KeyView], description: 'HUB_API_KEYS keys first, then stored keys (revoked and expired ones included), never the keys themselves' })
  list(): Promise<KeyView[]> {
    return this.keys.list();
  }

  @Post()
  @Audit('key.create', 'key')
  @ApiCreatedResponse({ type: CreatedKeyView, description: 'The key is in this answer only: store it' })
  create(@Body() dto: CreateKeyDto): Promise<CreatedKeyView> {
    return this.keys.create(dto);
  }

  @Get(':id')
  @ApiOkResponse({ type: KeyView })
  get(@Param('id') id: string): Promise<KeyView> {
    return this.keys.get(id);
  }

  @Delete(':id')
  @HttpCode(200)
  @Audit('key.revoke', 'key')
  @ApiOkResponse({ type: KeyView, description: 'Revoked at once in every hub process; it stays listed as revoked' })
  @ApiConflictResponse({ description: 'A HUB_API_KEYS key, or the last admin key for every account' })
  revoke(@Param('id') id: string): Promise<KeyView> {
    return this.keys.revoke(id);
  }
}
