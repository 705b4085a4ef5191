import { type MigrationInterface, type QueryRunner, TableColumn } from 'typeorm';

/** Scale-out: each run records the workers that executed it. */
export class ScaleOut1764800000000 implements MigrationInterface {
  name = 'ScaleOut1764800000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.addColumn('sync_run', new TableColumn({ name: 'workers', type: 'text', default: `'[]'` }));
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.dropColumn('sync_run', 'workers');
  }
}
