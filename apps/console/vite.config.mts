import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The hub serves the build at /console (same origin as /api: no CORS, the API key never leaves it).
export default defineConfig({
  base: '/console/',
  plugins: [react()],
  build: { outDir: '../../dist/apps/console', emptyOutDir: true, sourcemap: true },
  server: {
    port: 4200,
    proxy: { '/api': process.env['CRM_HUB_URL'] ?? 'http://localhost:3000' },
  },
});
