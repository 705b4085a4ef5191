export { createTestDatabase, type TestDatabase } from './test-support/test-database';
