import { Audit, KeyAccounts, OwnedBy, accountVisible } from '@crm-hub/access';
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
  @OwnedBy('account')
  @ApiQuery({ name: 'refresh', required: false, type: Boolean })
  @ApiOkResponse({ type: AccountPicklistsView, description: "Picklists and option sets behind the fields of the account's schemas (local and global, multi-select, dependent)" })
  async list(@Param('id') accountId: string, @Query('refresh', new ParseBoolPipe({ optional: true })) refresh?: boolean): Promise<{ picklists: AccountPicklist[] }> {
    return { picklists: await this.picklists.list(accountId, refresh ?? false) };
  }

  @Post('accounts/:id/enum-sync')
  @OwnedBy('account')
  @Audit('enumeration.sync', 'account')
  @HttpCode(200)
  @ApiOkResponse({ type: EnumSyncAnswerView, description: 'Per binding: values added, changed and removed' })
  enumSync(@Param('id') accountId: string, @Body() dto: EnumSyncDto): Promise<EnumSyncAnswerView> {
    return this.sync.sync(accountId, dto);
  }

  @Get('enumerations')
  @ApiOkResponse({ type: [EnumerationView] })
  async all(@KeyAccounts() accounts?: string[]): Promise<EnumerationView[]> {
    return (await this.enumerations.list()).map((e) => visibleSources(e, accounts));
  }

  @Get('enumerations/:name')
  @ApiOkResponse({ type: EnumerationView })
  async one(@Param('name') name: string, @KeyAccounts() accounts?: string[]): Promise<EnumerationView> {
    return visibleSources(await this.enumerations.get(name), accounts);
  }
}

/** Enumerations are the hub's own; a key limited to accounts sees only its accounts' picklists among their sources. */
function visibleSources(enumeration: EnumerationView, accounts: string[] | undefined): EnumerationView {
  return accounts ? { ...enumeration, sources: enumeration.sources.filter((s) => accountVisible(accounts, s.accountId)) } : enumeration;
}
