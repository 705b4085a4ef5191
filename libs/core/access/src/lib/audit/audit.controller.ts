import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { KeyAccounts, RequiresScope } from '../access.decorators';
import { AuditLogService } from './audit-log.service';
import { AuditPageView, AuditQueryDto } from './dto/audit.dto';

/** The audit log: read-only (entries cannot be changed or deleted through the API). */
@ApiTags('audit')
@ApiBearerAuth()
@Controller('audit')
export class AuditController {
  constructor(private readonly audit: AuditLogService) {}

  @Get()
  @RequiresScope('read')
  @ApiOkResponse({ type: AuditPageView, description: 'Newest first. A key limited to accounts sees only the changes to those accounts and what hangs off them' })
  list(@Query() query: AuditQueryDto, @KeyAccounts() accounts?: string[]): Promise<AuditPageView> {
    return this.audit.list(query, accounts);
  }
}
