import { Controller, Get, Module } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { Test } from '@nestjs/testing';
import request from 'supertest';
import { Column, type DataSource, Entity, PrimaryColumn, type MigrationInterface, type QueryRunner, Table } from 'typeorm';
import { createTestDatabase, type TestDatabase } from '../test-support/test-database';
import { buildDataSourceOptions, openDatabase } from './data-source';
import { DatabaseBusyInterceptor } from './database-busy.interceptor';
import { isDatabaseBusy } from './startup/database-errors';

@Entity('busy_item')
class BusyItem {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ type: 'integer' })
  n!: number;
}

class CreateBusyItem1700000000002 implements MigrationInterface {
  async up(runner: QueryRunner): Promise<void> {
    await runner.createTable(new Table({ name: 'busy_item', columns: [{ name: 'id', type: 'varchar', length: '36', isPrimary: true }, { name: 'n', type: 'integer' }] }));
  }
  async down(runner: QueryRunner): Promise<void> {
    await runner.dropTable('busy_item');
  }
}

describe('a database busy with another writer', () => {
  let db: TestDatabase;
  let first: DataSource;
  let second: DataSource;
  beforeAll(async () => {
    db = createTestDatabase();
    const options = buildDataSourceOptions({ database: db.config, entities: [BusyItem], migrations: [CreateBusyItem1700000000002], timeouts: { sqliteBusyMs: 100 } });
    first = await openDatabase(options);
    second = await openDatabase(options);
    await first.getRepository(BusyItem).save({ id: 'a', n: 0 });
  }, 30_000);
  afterAll(async () => {
    await first?.destroy();
    await second?.destroy();
    await db.drop();
  });

  it('is met at the start of a transaction, not half-way (SQLite transactions take the write lock up front)', async () => {
    const runner = first.createQueryRunner();
    await runner.startTransaction();
    try {
      // Only a read so far; yet on SQLite the lock is held, so the other writer waits (and here gives up).
      await runner.query('SELECT * FROM busy_item');
      if (db.config.kind === 'postgres') await runner.query(`SELECT * FROM busy_item WHERE id = 'a' FOR UPDATE`);
      const write =
        db.config.kind === 'sqlite'
          ? second.getRepository(BusyItem).update({ id: 'a' }, { n: 1 })
          : second.query(`SELECT * FROM busy_item WHERE id = 'a' FOR UPDATE NOWAIT`);
      const err = await write.then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(err).toBeDefined();
      expect(isDatabaseBusy(err)).toBe(true);
    } finally {
      await runner.rollbackTransaction();
      await runner.release();
    }
    await expect(second.getRepository(BusyItem).update({ id: 'a' }, { n: 2 })).resolves.toBeDefined();
  });

  it('answers 503 with Retry-After, not 500', async () => {
    @Controller('busy')
    class BusyController {
      @Get()
      fail(): never {
        throw Object.assign(new Error('SqliteError: database is locked'), { code: 'SQLITE_BUSY' });
      }
    }
    @Module({ controllers: [BusyController], providers: [{ provide: APP_INTERCEPTOR, useClass: DatabaseBusyInterceptor }] })
    class BusyModule {}
    const app = (await Test.createTestingModule({ imports: [BusyModule] }).compile()).createNestApplication({ logger: false });
    await app.init();
    try {
      const res = await request(app.getHttpServer()).get('/busy');
      expect(res.status).toBe(503);
      expect(res.headers['retry-after']).toBe('1');
      expect(res.body.message).toMatch(/busy with another writer; retry in 1 s/);
    } finally {
      await app.close();
    }
  });
});
