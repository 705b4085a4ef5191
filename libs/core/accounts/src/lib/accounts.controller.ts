import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post } from '@nestjs/common';
import { AllAccountsOnly, Audit, KeyAccounts, OwnedBy, RequiresScope, accountVisible } from '@crm-hub/access';
import { ApiBearerAuth, ApiConflictResponse, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { AccountCheckService } from './account-check.service';
import { AccountsService } from './accounts.service';
import { AccountView, CheckResultView } from './dto/account.view';
import { CreateAccountDto } from './dto/create-account.dto';
import { UpdateAccountDto } from './dto/update-account.dto';

/** External accounts: the CRM connections, with write-only secrets. */
@ApiTags('accounts')
@ApiBearerAuth()
@Controller('accounts')
export class AccountsController {
  constructor(
    private readonly accounts: AccountsService,
    private readonly checks: AccountCheckService,
  ) {}

  @Get()
  @ApiOkResponse({ type: [AccountView] })
  async list(@KeyAccounts() accounts?: string[]): Promise<AccountView[]> {
    return (await this.accounts.list()).filter((a) => accountVisible(accounts, a.id));
  }

  @Post()
  @AllAccountsOnly()
  @Audit('account.create', 'account')
  @ApiCreatedResponse({ type: AccountView, description: 'Created; settings validated against the plugin connectionSpec' })
  @ApiConflictResponse({ description: 'An account with this name exists' })
  create(@Body() dto: CreateAccountDto): Promise<AccountView> {
    return this.accounts.create(dto);
  }

  @Get(':id')
  @OwnedBy('account')
  @ApiOkResponse({ type: AccountView })
  get(@Param('id') id: string): Promise<AccountView> {
    return this.accounts.get(id);
  }

  @Patch(':id')
  @OwnedBy('account')
  @Audit('account.update', 'account')
  @ApiOkResponse({ type: AccountView })
  update(@Param('id') id: string, @Body() dto: UpdateAccountDto): Promise<AccountView> {
    return this.accounts.update(id, dto);
  }

  @Delete(':id')
  @OwnedBy('account')
  @Audit('account.delete', 'account')
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'Deleted' })
  @ApiConflictResponse({ description: 'The account is still used (e.g. by sync jobs)' })
  remove(@Param('id') id: string): Promise<void> {
    return this.accounts.remove(id);
  }

  @Post(':id/check')
  @OwnedBy('account')
  @RequiresScope('operate')
  @Audit('account.check', 'account')
  @HttpCode(200)
  @ApiOkResponse({ type: CheckResultView, description: "The plugin's check() against the CRM; ok:false carries the reason" })
  check(@Param('id') id: string): Promise<CheckResultView> {
    return this.checks.check(id);
  }
}
