import { Body, Controller, Get, HttpCode, Param, ParseBoolPipe, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiQuery, ApiTags } from '@nestjs/swagger';
import { type AccountPicklist, AccountPicklistsService } from './account-picklists.service';
import { AccountPicklistsView } from './dto/account-picklist.view';
import { EnumSyncDto } from './dto/enum-sync.dto';
import { EnumerationView, EnumSyncAnswerView } from './dto/enumeration.view';
import { EnumSyncService } from './enum-sync.service';
import { EnumerationsService } from './enumerations.service';

/** CRM picklists of an account, enum sync into hub enumerations, and the enumerations themselves. */
@ApiTags('enumerations')
@ApiBearerAuth()
@Controller()
export class EnumsController {
  constructor(
    private readonly picklists: AccountPicklistsService,
    private readonly sync: EnumSyncService,
    private readonly enumerations: EnumerationsService,
  ) {}

  @Get('accounts/:id/picklists')
  @ApiQuery({ name: 'refresh', required: false, type: Boolean })
  @ApiOkResponse({ type: AccountPicklistsView, description: "Picklists and option sets behind the fields of the account's schemas (local and global, multi-select, dependent)" })
  async list(@Param('id') accountId: string, @Query('refresh', new ParseBoolPipe({ optional: true })) refresh?: boolean): Promise<{ picklists: AccountPicklist[] }> {
    return { picklists: await this.picklists.list(accountId, refresh ?? false) };
  }

  @Post('accounts/:id/enum-sync')
  @HttpCode(200)
  @ApiOkResponse({ type: EnumSyncAnswerView, description: 'Per binding: values added, changed and removed' })
  enumSync(@Param('id') accountId: string, @Body() dto: EnumSyncDto): Promise<EnumSyncAnswerView> {
    return this.sync.sync(accountId, dto);
  }

  @Get('enumerations')
  @ApiOkResponse({ type: [EnumerationView] })
  all(): Promise<EnumerationView[]> {
    return this.enumerations.list();
  }

  @Get('enumerations/:name')
  @ApiOkResponse({ type: EnumerationView })
  one(@Param('name') name: string): Promise<EnumerationView> {
    return this.enumerations.get(name);
  }
}
