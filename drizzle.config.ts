import { defineConfig } from 'drizzle-kit';

export default defineConfig({
  dialect: 'postgresql',
  schema: './models/schema.ts',
  out: './src/db/migrations',
});
