import { type DynamicModule, Global, Module } from '@nestjs/common';
import { APP_GUARD, APP_INTERCEPTOR } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AccessGuard } from './access.guard';
import { ACCESS_OPTIONS, type AccessOptions } from './access.options';
import { AuditController } from './audit/audit.controller';
import { AuditEntryEntity } from './audit/audit-entry.entity';
import { AuditInterceptor } from './audit/audit.interceptor';
import { AuditLogService } from './audit/audit-log.service';
import { AuditRecorder } from './audit/audit-recorder';
import { ApiKeyEntity } from './keys/api-key.entity';
import { ApiKeysService } from './keys/api-keys.service';
import { KeysController } from './keys/keys.controller';
import { ResourceRegistry } from './resource-registry';

/**
 * Who may do what through `/api`: API keys with scopes and account limits (`/api/keys`), the guard
 * that enforces them, and the audit log of every change (`/api/audit`). Global, so that features
 * can register their resources with the {@link ResourceRegistry}.
 */
@Global()
@Module({})
export class AccessModule {
  /** The entities whose tables this feature owns (the host's migrations create them). */
  static readonly entities = [ApiKeyEntity, AuditEntryEntity];

  static forRoot(options: AccessOptions): DynamicModule {
    return {
      module: AccessModule,
      imports: [TypeOrmModule.forFeature(AccessModule.entities)],
      controllers: [KeysController, AuditController],
      providers: [
        { provide: ACCESS_OPTIONS, useValue: options },
        ResourceRegistry,
        ApiKeysService,
        AuditRecorder,
        AuditLogService,
        { provide: APP_GUARD, useClass: AccessGuard },
        { provide: APP_INTERCEPTOR, useClass: AuditInterceptor },
      ],
      exports: [ResourceRegistry, ApiKeysService, AuditLogService],
    };
  }

}
