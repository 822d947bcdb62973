// The Opsbook site. It reads the repository only through the shared loader in scripts/load
// and derived data from scripts/derive; it never parses ticket files itself.
import { defineConfig } from 'astro/config';

export default defineConfig({
  site: process.env.OPSBOOK_SITE_URL || 'https://status.example.com',
  base: process.env.OPSBOOK_BASE_PATH || '/',
  outDir: process.env.OPSBOOK_OUT_DIR || './dist/public',
  trailingSlash: 'always',
  build: { format: 'directory' },
  telemetry: false,
});
