import { Inject, Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { createHash, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import type { Repository } from 'typeorm';
import { HUB_CONFIG } from '../app/hub-config.provider';
import type { HubConfig } from '../app/hub-config';
import { ApiKeyEntity } from './api-key.entity';

export const KEY_PREFIX = 'chub_';

function sha256(text: string): Buffer {
  return createHash('sha256').update(text, 'utf8').digest();
}

/**
 * Which API keys open `/api`: those of HUB_API_KEYS when set; otherwise the stored ones, and on a
 * first start with none, a new key printed once to the console and stored only as a hash.
 */
@Injectable()
export class ApiKeysService implements OnModuleInit {
  private readonly logger = new Logger('Auth');
  private hashes: Buffer[] = [];

  constructor(
    @Inject(HUB_CONFIG) private readonly config: HubConfig,
    @InjectRepository(ApiKeyEntity) private readonly keys: Repository<ApiKeyEntity>,
  ) {}

  async onModuleInit(): Promise<void> {
    if (this.config.apiKeys.length > 0) {
      this.hashes = this.config.apiKeys.map(sha256);
      this.logger.log(`API access: ${this.hashes.length} key(s) from HUB_API_KEYS`);
      return;
    }
    let stored = await this.keys.find();
    if (stored.length === 0) stored = [await this.generate()];
    this.hashes = stored.map((k) => Buffer.from(k.keyHash, 'hex'));
    this.logger.log(`API access: ${stored.map((k) => `${k.keyPrefix}… (${k.label})`).join(', ')}`);
  }

  /** Constant-time check of a presented key against every accepted one. */
  isValid(presented: string): boolean {
    const hash = sha256(presented);
    return this.hashes.reduce((found, h) => timingSafeEqual(h, hash) || found, false);
  }

  private async generate(): Promise<ApiKeyEntity> {
    const key = `${KEY_PREFIX}${randomBytes(32).toString('base64url')}`;
    const entity = await this.keys.save({
      id: randomUUID(),
      keyHash: sha256(key).toString('hex'),
      keyPrefix: key.slice(0, 9),
      label: 'generated on first start',
      createdAt: new Date(),
    });
    // Printed straight to the console, once, outside the structured log: it is the only copy.
    process.stdout.write(
      [
        '',
        '======================================================================',
        ' CRM Hub generated an API key. It is shown only this once: store it.',
        `   ${key}`,
        ' Send it as:  Authorization: Bearer <key>',
        ' To manage keys yourself, set HUB_API_KEYS (comma-separated).',
        '======================================================================',
        '',
      ].join('\n') + '\n',
    );
    return entity;
  }
}
